//! Typographic folding: curly quotes and apostrophes become their ASCII forms,
//! non-breaking spaces become spaces, so that packs are written once in ASCII
//! and still match "didn’t" and “quoted” text.
//!
//! Folding shortens the text (a 3-byte `’` becomes a 1-byte `'`), so the folded
//! text keeps a table of where it shrank, and every span found in it is mapped
//! back to the original bytes before it leaves the engine.

use std::borrow::Cow;

use crate::span::Span;

/// A text with typographic characters folded to ASCII, and the way back.
#[derive(Debug)]
pub struct Folded<'a> {
    text: Cow<'a, str>,
    /// `(folded offset, bytes removed before it)`, ascending: every folded
    /// offset at or after the first field lies that many bytes later in the
    /// original.
    shifts: Vec<(usize, usize)>,
}

fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => Some('"'),
        '\u{00A0}' | '\u{202F}' | '\u{2007}' => Some(' '),
        _ => None,
    }
}

impl<'a> Folded<'a> {
    /// Fold `text`; borrows it unchanged when there is nothing to fold.
    pub fn new(text: &'a str) -> Self {
        // Every folded char starts with one of these bytes, so a byte scan
        // finds the candidates; text between them is copied in one piece.
        let mut out = String::new();
        let mut shifts = Vec::new();
        let mut removed = 0;
        let mut copied = 0;
        for at in memchr::memchr3_iter(0xC2, 0xCA, 0xE2, text.as_bytes()) {
            let Some(c) = text[at..].chars().next() else {
                continue;
            };
            let Some(f) = fold_char(c) else { continue };
            if out.is_empty() {
                out.reserve(text.len());
            }
            out.push_str(&text[copied..at]);
            out.push(f);
            copied = at + c.len_utf8();
            removed += c.len_utf8() - f.len_utf8();
            shifts.push((out.len(), removed));
        }
        if shifts.is_empty() {
            return Folded {
                text: Cow::Borrowed(text),
                shifts,
            };
        }
        out.push_str(&text[copied..]);
        Folded {
            text: Cow::Owned(out),
            shifts,
        }
    }

    /// Mask template placeholders in the folded text (same length, so the
    /// way back is unchanged).
    pub fn mask_placeholders(&mut self) {
        crate::placeholder::mask(&mut self.text);
    }

    /// The folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original offset of folded offset `offset`.
    pub fn original_offset(&self, offset: usize) -> usize {
        let i = self.shifts.partition_point(|&(at, _)| at <= offset);
        offset + if i == 0 { 0 } else { self.shifts[i - 1].1 }
    }

    /// The original span of a folded span.
    pub fn original_span(&self, span: Span) -> Span {
        Span::new(
            self.original_offset(span.start),
            self.original_offset(span.end),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_apostrophes_fold_and_spans_map_back() {
        let original = "I didn’t say “obviously” — really";
        let folded = Folded::new(original);
        assert_eq!(folded.text(), "I didn't say \"obviously\" — really");
        let start = folded.text().find("obviously").unwrap();
        let span = folded.original_span(Span::new(start, start + "obviously".len()));
        assert_eq!(span.slice(original), "obviously");
        let r = folded.text().find("really").unwrap();
        let span = folded.original_span(Span::new(r, r + 6));
        assert_eq!(span.slice(original), "really");
    }

    #[test]
    fn ascii_text_is_borrowed() {
        let folded = Folded::new("plain text");
        assert!(matches!(folded.text, Cow::Borrowed(_)));
        assert_eq!(folded.original_offset(5), 5);
    }
}
