//! A draft prepared once for every rule: folded text with placeholders
//! masked, sentences and words.

use crate::fold::Folded;
use crate::sentence;
use crate::span::Span;

/// A draft as the rules see it. All spans are into [`Document::text`], the
/// folded text; [`Document::original_span`] maps them back.
#[derive(Debug)]
pub struct Document<'a> {
    folded: Folded<'a>,
    sentences: Vec<Span>,
}

impl<'a> Document<'a> {
    /// Fold and segment `text`.
    pub fn new(text: &'a str) -> Self {
        let mut folded = Folded::new(text);
        folded.mask_placeholders();
        let sentences = sentence::split(folded.text());
        Document { folded, sentences }
    }

    /// The folded text that rules match against.
    pub fn text(&self) -> &str {
        self.folded.text()
    }

    /// Sentence spans, in order.
    pub fn sentences(&self) -> &[Span] {
        &self.sentences
    }

    /// The sentence containing `span`, if it lies inside one.
    pub fn sentence_of(&self, span: Span) -> Option<Span> {
        let i = self.sentences.partition_point(|s| s.end < span.end);
        self.sentences.get(i).copied().filter(|s| s.contains(span))
    }

    /// Append the words inside `span` (letters and digits, with inner
    /// apostrophes and hyphens) to `out`. Computed per sentence by the rules
    /// that need words, so a long text never holds a list of all its words.
    pub fn words_in(&self, span: Span, out: &mut Vec<Span>) {
        out.extend(Words::new(self.text(), span));
    }

    /// Map a span of the folded text back to the text as given.
    pub fn original_span(&self, span: Span) -> Span {
        self.folded.original_span(span)
    }
}

/// The words of `text` inside a span, in order: an iterator, so that a rule
/// that needs the next word or two does not split the rest.
pub(crate) struct Words<'t> {
    text: &'t str,
    at: usize,
    end: usize,
}

impl<'t> Words<'t> {
    pub fn new(text: &'t str, span: Span) -> Self {
        Words {
            text,
            at: span.start,
            end: span.end,
        }
    }
}

impl Iterator for Words<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let (text, end) = (self.text, self.end);
        let bytes = text.as_bytes();
        let mut start = None;
        while self.at < end {
            let i = self.at;
            let b = bytes[i];
            // The common case, an ASCII letter or digit, decided from the byte.
            if b.is_ascii_alphanumeric() {
                start.get_or_insert(i);
                self.at += 1;
                continue;
            }
            let (alnum, len) = if b.is_ascii() {
                (false, 1)
            } else {
                let c = text[i..].chars().next().expect("i is a char boundary");
                (c.is_alphanumeric(), c.len_utf8())
            };
            let inner = matches!(b, b'\'' | b'-')
                && start.is_some()
                && text[i + 1..end]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if alnum || inner {
                start.get_or_insert(i);
            } else if let Some(s) = start {
                self.at += len;
                return Some(Span::new(s, i));
            }
            self.at += len;
        }
        start.map(|s| Span::new(s, end))
    }
}

/// Whether the bytes around `span` in `text` are word boundaries.
pub(crate) fn on_word_boundaries(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let first = text[span.start..].chars().next();
    let last = text[..span.end].chars().next_back();
    let joins = |a: Option<char>, b: Option<char>| matches!((a, b), (Some(a), Some(b)) if is_word_char(a) && is_word_char(b));
    !joins(before, first) && !joins(last, after)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let doc = Document::new("I didn’t re-send it, 'ok'?");
        let mut spans = Vec::new();
        doc.words_in(Span::new(0, doc.text().len()), &mut spans);
        let words: Vec<&str> = spans.iter().map(|w| w.slice(doc.text())).collect();
        assert_eq!(words, ["I", "didn't", "re-send", "it", "ok"]);
        spans.clear();
        doc.words_in(Span::new(2, 8), &mut spans);
        assert_eq!(
            spans
                .iter()
                .map(|w| w.slice(doc.text()))
                .collect::<Vec<_>>(),
            ["didn't"]
        );
    }

    #[test]
    fn boundaries() {
        let t = "obviously, unobviously";
        assert!(on_word_boundaries(t, Span::new(0, 9)));
        assert!(!on_word_boundaries(t, Span::new(13, 22)));
        assert!(on_word_boundaries("said.", Span::new(0, 4)));
    }

    #[test]
    fn sentence_of_finds_the_enclosing_sentence() {
        let doc = Document::new("One two. Three four.");
        let s = doc.sentence_of(Span::new(9, 14)).unwrap();
        assert_eq!(s.slice(doc.text()), "Three four.");
        assert!(doc.sentence_of(Span::new(4, 12)).is_none());
    }
}
