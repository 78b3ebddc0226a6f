//! Folding: curly quotes and apostrophes become their ASCII forms,
//! non-breaking spaces become spaces, and chat spelling ("u", "dont")
//! becomes the words it stands for (`chat.rs`), so that packs are written
//! once, in standard ASCII, and still match "didn’t", “quoted” and "u
//! shouldnt" text.
//!
//! Folding changes lengths (a 3-byte `’` becomes a 1-byte `'`, "u" becomes
//! "you"), so the folded text keeps a list of its edits, and every span found
//! in it is mapped back to the original bytes before it leaves the engine.

mod chat;

use std::borrow::Cow;

use crate::span::Span;

/// A text with typographic characters and chat spelling folded, and the way
/// back.
#[derive(Debug)]
pub struct Folded<'a> {
    text: Cow<'a, str>,
    /// The typographic edits (original → first fold), then the chat edits
    /// (first fold → text).
    passes: [Vec<Edit>; 2],
}

/// Whether folding may replace `word` (lowercase ASCII letters) standing
/// alone: whether it is a chat form ("u", "dont"). A word that is not one
/// folds to itself, which spares the reader of a pack's words folding it.
pub(crate) fn is_chat_form(word: &str) -> bool {
    chat::standard(word.as_bytes()).is_some()
}

/// One replaced piece: its range in the text before and after the edit.
#[derive(Debug, Clone, Copy)]
struct Edit {
    before: (usize, usize),
    after: (usize, usize),
}

fn fold_char(c: char) -> Option<&'static str> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => Some("'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => Some("\""),
        '\u{00A0}' | '\u{202F}' | '\u{2007}' => Some(" "),
        _ => None,
    }
}

/// Apply `edits` (`(start, end, replacement)`, ascending) to `text`, noting
/// each; the text as it was when there are none.
fn apply<'a>(
    text: Cow<'a, str>,
    edits: &[(usize, usize, Cow<'_, str>)],
) -> (Cow<'a, str>, Vec<Edit>) {
    if edits.is_empty() {
        return (text, Vec::new());
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut notes = Vec::with_capacity(edits.len());
    let mut copied = 0;
    for (start, end, replacement) in edits {
        out.push_str(&text[copied..*start]);
        let at = out.len();
        out.push_str(replacement);
        notes.push(Edit {
            before: (*start, *end),
            after: (at, out.len()),
        });
        copied = *end;
    }
    out.push_str(&text[copied..]);
    (Cow::Owned(out), notes)
}

impl<'a> Folded<'a> {
    /// Fold `text`; borrows it unchanged when there is nothing to fold.
    pub fn new(text: &'a str) -> Self {
        // Every folded char starts with one of these bytes, so a byte scan
        // finds the candidates.
        let mut typographic = Vec::new();
        for at in memchr::memchr3_iter(0xC2, 0xCA, 0xE2, text.as_bytes()) {
            let Some(c) = text[at..].chars().next() else {
                continue;
            };
            if let Some(f) = fold_char(c) {
                typographic.push((at, at + c.len_utf8(), Cow::Borrowed(f)));
            }
        }
        let (text, first) = apply(Cow::Borrowed(text), &typographic);
        let mut words = Vec::new();
        chat::for_each(&text, |start, end, form| {
            words.push((start, end, Cow::Owned(form)))
        });
        let (text, second) = apply(text, &words);
        Folded {
            text,
            passes: [first, second],
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

    /// The original offset of folded offset `offset`. An offset inside a
    /// replacement ("yo|u" for "u") maps to the end of what it replaced.
    pub fn original_offset(&self, offset: usize) -> usize {
        self.passes
            .iter()
            .rev()
            .fold(offset, |offset, edits| back(edits, offset))
    }

    /// The original span of a folded span.
    pub fn original_span(&self, span: Span) -> Span {
        Span::new(
            self.original_offset(span.start),
            self.original_offset(span.end),
        )
    }
}

/// `offset` after `edits`, before them.
fn back(edits: &[Edit], offset: usize) -> usize {
    let i = edits.partition_point(|e| e.after.0 <= offset);
    let Some(e) = i.checked_sub(1).map(|i| edits[i]) else {
        return offset;
    };
    if offset >= e.after.1 {
        offset - e.after.1 + e.before.1
    } else if offset == e.after.0 {
        e.before.0
    } else {
        e.before.1
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
    fn chat_spelling_folds_and_spans_map_back_exactly() {
        let original = "u shouldnt’ve… ur “pls” thx";
        let folded = Folded::new(original);
        assert_eq!(folded.text(), "you shouldnt've… your \"please\" thanks");
        for word in ["you", "your", "please", "thanks", "shouldnt've"] {
            let start = folded.text().find(word).unwrap();
            let span = folded.original_span(Span::new(start, start + word.len()));
            let expected = match word {
                "you" => "u",
                "your" => "ur",
                "please" => "pls",
                "thanks" => "thx",
                _ => "shouldnt’ve",
            };
            assert_eq!(span.slice(original), expected);
        }
    }

    proptest::proptest! {
        /// Every folded offset maps back to a char boundary of the original,
        /// in order, and the ends map to the ends.
        #[test]
        fn offsets_map_back_in_order_onto_boundaries(
            text in "(u|ur|dont|pls|’|“|\u{a0}|a|é|U-| |\\.|x)*",
        ) {
            let folded = Folded::new(&text);
            let mut last = 0;
            for offset in (0..=folded.text().len()).filter(|&o| folded.text().is_char_boundary(o)) {
                let back = folded.original_offset(offset);
                proptest::prop_assert!(text.is_char_boundary(back));
                proptest::prop_assert!(back >= last);
                last = back;
            }
            proptest::prop_assert_eq!(folded.original_offset(0), 0);
            proptest::prop_assert_eq!(folded.original_offset(folded.text().len()), text.len());
        }
    }

    #[test]
    fn ascii_text_is_borrowed() {
        let folded = Folded::new("plain text");
        assert!(matches!(folded.text, Cow::Borrowed(_)));
        assert_eq!(folded.original_offset(5), 5);
    }
}
