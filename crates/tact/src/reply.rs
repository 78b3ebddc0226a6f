//! Replies: what a customer receives at once. Rules that look past one
//! sentence (a reason in the next sentence, a refusal and the offer after it)
//! look only inside one reply, so a text that holds many replies (an export
//! with one per line) must be cut into them before it is linted.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

use crate::span::Span;

/// How a text is cut into replies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReplyUnit {
    /// The whole text is one reply.
    #[default]
    File,
    /// Each run of lines between blank lines is one reply.
    Paragraph,
    /// Each line is one reply.
    Line,
}

impl ReplyUnit {
    /// Every unit's name, as `--reply-unit` and `reply-unit` take it.
    pub const NAMES: [&'static str; 3] = ["file", "paragraph", "line"];

    /// The replies of `text`, in order, each without the whitespace around
    /// it. Blank replies (an empty line, whitespace between paragraphs) are
    /// left out: they hold nothing to lint.
    pub fn replies(self, text: &str) -> impl Iterator<Item = Span> + '_ {
        let mut at = 0;
        std::iter::from_fn(move || loop {
            if at >= text.len() {
                return None;
            }
            let start = at;
            let end = match self {
                ReplyUnit::File => text.len(),
                ReplyUnit::Line => newline(text, start).unwrap_or(text.len()),
                ReplyUnit::Paragraph => paragraph_end(text, start),
            };
            at = end + 1;
            let reply = Span::new(start, end).trim(text);
            if !reply.is_empty() {
                return Some(reply);
            }
        })
    }
}

/// The first line break at or after `from`.
fn newline(text: &str, from: usize) -> Option<usize> {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map(|i| from + i)
}

/// The end of the paragraph starting at `start`: the newline that ends its
/// last non-blank line, where a blank line (or the end) follows.
fn paragraph_end(text: &str, start: usize) -> usize {
    let mut line_start = start;
    loop {
        let Some(nl) = newline(text, line_start) else {
            return text.len();
        };
        let next = nl + 1;
        let next_end = newline(text, next).unwrap_or(text.len());
        if text[next..next_end].trim().is_empty() {
            return nl;
        }
        line_start = next;
    }
}

impl FromStr for ReplyUnit {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "file" => Ok(ReplyUnit::File),
            "paragraph" => Ok(ReplyUnit::Paragraph),
            "line" => Ok(ReplyUnit::Line),
            _ => Err(format!(
                "unknown reply unit `{s}`: expected one of {}",
                ReplyUnit::NAMES.join(", ")
            )),
        }
    }
}

impl fmt::Display for ReplyUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            ReplyUnit::File => "file",
            ReplyUnit::Paragraph => "paragraph",
            ReplyUnit::Line => "line",
        };
        f.write_str(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(unit: ReplyUnit, text: &str) -> Vec<&str> {
        unit.replies(text).map(|s| s.slice(text)).collect()
    }

    #[test]
    fn each_unit_cuts_where_it_says() {
        let text = "Hi Ana.\nThanks for waiting.\n\n  \nSorry.\r\nBye.\n";
        assert_eq!(cut(ReplyUnit::File, text), [text.trim()]);
        assert_eq!(
            cut(ReplyUnit::Paragraph, text),
            ["Hi Ana.\nThanks for waiting.", "Sorry.\r\nBye."]
        );
        assert_eq!(
            cut(ReplyUnit::Line, text),
            ["Hi Ana.", "Thanks for waiting.", "Sorry.", "Bye."]
        );
        assert!(cut(ReplyUnit::Line, "\n\n").is_empty());
        assert!(cut(ReplyUnit::File, "").is_empty());
    }

    #[test]
    fn names_round_trip() {
        for name in ReplyUnit::NAMES {
            assert_eq!(name.parse::<ReplyUnit>().unwrap().to_string(), name);
        }
        let err = "lines".parse::<ReplyUnit>().unwrap_err();
        assert_eq!(
            err,
            "unknown reply unit `lines`: expected one of file, paragraph, line"
        );
    }

    proptest::proptest! {
        #[test]
        fn replies_are_ordered_non_blank_and_on_char_boundaries(text in "[a\n\r é.]{0,40}") {
            for unit in [ReplyUnit::File, ReplyUnit::Paragraph, ReplyUnit::Line] {
                let mut last = 0;
                for r in unit.replies(&text) {
                    proptest::prop_assert!(r.start >= last && r.start <= r.end);
                    proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                    proptest::prop_assert!(!r.slice(&text).trim().is_empty());
                    if unit != ReplyUnit::File {
                        proptest::prop_assert!(!r.slice(&text).contains("\n\n"));
                    }
                    last = r.end;
                }
            }
        }
    }
}
