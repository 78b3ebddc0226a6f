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
        self.sentence_index_of(span).map(|i| self.sentences[i])
    }

    /// The index in [`sentences`](Self::sentences) of the sentence
    /// containing `span`, if it lies inside one.
    pub(crate) fn sentence_index_of(&self, span: Span) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end < span.end);
        self.sentences
            .get(i)
            .filter(|s| s.contains(span))
            .map(|_| i)
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

    /// A run of ASCII letters and digits is read in a tight loop, a byte
    /// at a time from a table, and any other ASCII byte but `'` and `-`
    /// ends a word or is skipped at once; only non-ASCII chars and those two
    /// (which join words) take the slow way. Splitting
    /// words was the passive check's largest cost.
    fn next(&mut self) -> Option<Span> {
        let bytes = &self.text.as_bytes()[..self.end];
        // To the first letter or digit: `'` and `-` start no word.
        let start = loop {
            let i = self.at;
            let b = *bytes.get(i)?;
            if ASCII_ALNUM[usize::from(b)] {
                break i;
            }
            if b.is_ascii() {
                self.at += 1;
                continue;
            }
            let (alnum, len) = self.char_at(i);
            if alnum {
                break i;
            }
            self.at += len;
        };
        let mut at = start;
        loop {
            while bytes.get(at).is_some_and(|&b| ASCII_ALNUM[usize::from(b)]) {
                at += 1;
            }
            let Some(&b) = bytes.get(at) else { break };
            // Any other ASCII byte ends the word, unless it may join two.
            if b.is_ascii() && !matches!(b, b'\'' | b'-') {
                break;
            }
            let (alnum, len) = self.char_at(at);
            let joins = matches!(b, b'\'' | b'-') && self.char_at(at + 1).0;
            if !(alnum || joins) {
                break;
            }
            at += len;
        }
        self.at = at;
        Some(Span::new(start, at))
    }
}

impl Words<'_> {
    /// Whether the char at byte `i` (before the end) is a letter or digit,
    /// and its length.
    fn char_at(&self, i: usize) -> (bool, usize) {
        self.text[i..self.end]
            .chars()
            .next()
            .map_or((false, 0), |c| (c.is_alphanumeric(), c.len_utf8()))
    }
}

/// The ASCII letters and digits.
const ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The ASCII bytes of words as [`on_word_boundaries`] reads them: letters,
/// digits and `_`.
const ASCII_WORD: [bool; 256] = {
    let mut table = ASCII_ALNUM;
    table[b'_' as usize] = true;
    table
};

/// Whether the bytes around `span` in `text` are word boundaries.
pub(crate) fn on_word_boundaries(text: &str, span: Span) -> bool {
    // Nearly always ASCII on both sides: four bytes read, no char decoded.
    // A side past the text reads as a space.
    let bytes = text.as_bytes();
    let at = |i: Option<usize>| i.and_then(|i| bytes.get(i)).copied().unwrap_or(b' ');
    let (before, first) = (at(span.start.checked_sub(1)), at(Some(span.start)));
    let (last, after) = (at(span.end.checked_sub(1)), at(Some(span.end)));
    if (before | first | last | after).is_ascii() {
        let joins = |a: u8, b: u8| ASCII_WORD[usize::from(a)] && ASCII_WORD[usize::from(b)];
        return !joins(before, first) && !joins(last, after);
    }
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

    /// Words as the doc of [`Words`] says, a char at a time.
    fn reference_words(text: &str) -> Vec<&str> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut words = Vec::new();
        let mut start = None;
        for (k, &(i, c)) in chars.iter().enumerate() {
            let next_alnum = chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
            let joins = matches!(c, '\'' | '-') && start.is_some() && next_alnum;
            if c.is_alphanumeric() || joins {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                words.push(&text[s..i]);
            }
        }
        if let Some(s) = start {
            words.push(&text[s..]);
        }
        words
    }

    proptest::proptest! {
        #[test]
        fn words_are_split_as_a_char_by_char_reading_would(
            text in "[a-zA-Z09 '’\\-.,éß😀\u{300}\u{200B}]{0,40}",
            cut in 0usize..48,
        ) {
            let end = text.len().min(cut);
            let end = (0..=end).rev().find(|&e| text.is_char_boundary(e)).unwrap_or(0);
            let found: Vec<&str> = Words::new(&text, Span::new(0, end))
                .map(|w| w.slice(&text))
                .collect();
            proptest::prop_assert_eq!(found, reference_words(&text[..end]));
        }
    }

    /// Whether the chars around `span` are word boundaries, decoded.
    fn reference_boundaries(text: &str, span: Span) -> bool {
        let joins = |a: Option<char>, b: Option<char>| matches!((a, b), (Some(a), Some(b)) if is_word_char(a) && is_word_char(b));
        let (before, first) = (
            text[..span.start].chars().next_back(),
            text[span.start..].chars().next(),
        );
        let (last, after) = (
            text[..span.end].chars().next_back(),
            text[span.end..].chars().next(),
        );
        !joins(before, first) && !joins(last, after)
    }

    proptest::proptest! {
        #[test]
        fn boundaries_read_bytes_as_decoding_would(
            text in "[a-z0-9_ .é😀\u{300}]{0,12}",
            a in 0usize..48,
            b in 0usize..48,
        ) {
            let fit = |i: usize| (0..=i.min(text.len())).rev().find(|&e| text.is_char_boundary(e)).unwrap_or(0);
            let span = Span::new(fit(a.min(b)), fit(a.max(b)));
            proptest::prop_assert_eq!(on_word_boundaries(&text, span), reference_boundaries(&text, span));
        }
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
