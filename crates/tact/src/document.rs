//! A draft prepared once for every rule: folded text, sentences and words.

use std::sync::OnceLock;

use crate::fold::Folded;
use crate::sentence;
use crate::span::Span;

/// A draft as the rules see it. All spans are into [`Document::text`], the
/// folded text; [`Document::original_span`] maps them back.
#[derive(Debug)]
pub struct Document<'a> {
    folded: Folded<'a>,
    sentences: Vec<Span>,
    words: OnceLock<Vec<Span>>,
}

impl<'a> Document<'a> {
    /// Fold and segment `text`.
    pub fn new(text: &'a str) -> Self {
        let folded = Folded::new(text);
        let sentences = sentence::split(folded.text());
        Document {
            folded,
            sentences,
            words: OnceLock::new(),
        }
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

    /// Word spans (letters and digits, with inner apostrophes and hyphens),
    /// computed on first use: only the word-level rules pay for them.
    pub fn words(&self) -> &[Span] {
        self.words.get_or_init(|| words(self.text()))
    }

    /// Map a span of the folded text back to the text as given.
    pub fn original_span(&self, span: Span) -> Span {
        self.folded.original_span(span)
    }
}

fn words(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII is decided from the byte; only other chars are decoded.
        let (alnum, len) = match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            _ => {
                let c = text[i..].chars().next().expect("i is a char boundary");
                (c.is_alphanumeric(), c.len_utf8())
            }
        };
        let inner = matches!(bytes[i], b'\'' | b'-')
            && start.is_some()
            && text[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        if alnum || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Span::new(s, i));
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(Span::new(s, text.len()));
    }
    out
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
        let words: Vec<&str> = doc.words().iter().map(|w| w.slice(doc.text())).collect();
        assert_eq!(words, ["I", "didn't", "re-send", "it", "ok"]);
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
