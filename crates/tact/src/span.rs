//! Byte spans over a text, and the conversion to line and column that editors need.
//!
//! Everything inside the engine counts bytes; lines and columns are computed only
//! at the edge, when a diagnostic is rendered, so the hot path never walks chars.

use serde::Serialize;

/// A half-open byte range `start..end` into a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The text this span covers.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// This span without the whitespace at its ends in `text`.
    pub fn trim(self, text: &str) -> Span {
        let inner = self.slice(text);
        let start = self.start + (inner.len() - inner.trim_start().len());
        let end = self.start + inner.trim_end().len();
        Span::new(start, end.max(start))
    }

    /// Number of bytes covered.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies wholly inside this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A position in a text, as editors count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column in Unicode scalar values.
    pub column: usize,
    /// 1-based column in UTF-16 code units (for JavaScript and LSP clients).
    pub utf16_column: usize,
}

/// Start offsets of every line, so that a byte offset becomes a line and column
/// with a binary search and a walk over one line only.
///
/// A line ends at `\n`, at `\r\n`, or at a lone `\r` (old Mac files), so columns
/// stay right whatever the file's line endings. A byte-order mark that opens
/// the text is counted in no column: editors do not show it.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// The offset just past each line break in `text`.
fn line_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(move |&i| ends_line(bytes, i))
        .map(|i| i + 1)
}

/// Whether the `\n` or `\r` at `i` ends a line: a `\r` does unless a `\n`
/// follows it (which ends the line instead).
fn ends_line(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n')
}

impl LineIndex {
    /// Index the lines of `text`.
    pub fn new(text: &str) -> Self {
        let first = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut starts = vec![first];
        starts.extend(line_breaks(text));
        LineIndex { starts }
    }

    /// How many line breaks `text` holds, by the rule the index uses: the
    /// lines before a piece of a file that is read a piece at a time.
    ///
    /// Counted, not searched for: `\n` bytes in a vector loop, and only a
    /// text with a `\r` in it gets the search that tells a lone `\r` from
    /// one in `\r\n`. Searching for both, a break at a time, cost about 90
    /// instructions a line.
    pub fn count_breaks(text: &str) -> usize {
        let bytes = text.as_bytes();
        // In runs short enough for a byte-wide count, which vectorises.
        let newlines: usize = bytes
            .chunks(u8::MAX.into())
            .map(|run| usize::from(run.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n'))))
            .sum();
        if memchr::memchr(b'\r', bytes).is_none() {
            return newlines;
        }
        let lone_crs = memchr::memchr_iter(b'\r', bytes)
            .filter(|&i| ends_line(bytes, i))
            .count();
        newlines + lone_crs
    }

    /// The byte offset where 1-based line `line` starts, if the text has
    /// that many lines.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// The 1-based line that byte `offset` is on.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The position of byte `offset` in `text` (the text this index was built from).
    ///
    /// An offset past the end, or inside a multi-byte char, is clamped back to
    /// the nearest char boundary at or before it.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len()).max(self.starts[0]);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let prefix = &text[self.starts[line]..offset];
        let chars = prefix.chars().count();
        Position {
            line: line + 1,
            column: chars + 1,
            utf16_column: chars + surrogates(prefix) + 1,
        }
    }

    /// The positions of many offsets at once, in the order given, in one
    /// pass over the text: asking for each alone walks its line from the
    /// start every time, which is quadratic on a long line with many
    /// findings (a 50 MB one-line file).
    pub fn positions(&self, text: &str, offsets: &[usize]) -> Vec<Position> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![
            Position {
                line: 1,
                column: 1,
                utf16_column: 1
            };
            offsets.len()
        ];
        // The last position computed, to count on from when the next offset
        // is on the same line.
        let mut last: Option<(usize, Position)> = None;
        for i in order {
            let mut offset = offsets[i].min(text.len()).max(self.starts[0]);
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            let line = self.starts.partition_point(|&s| s <= offset) - 1;
            let (from, base) = match last {
                Some((at, p)) if p.line == line + 1 => (at, p),
                _ => (
                    self.starts[line],
                    Position {
                        line: line + 1,
                        column: 1,
                        utf16_column: 1,
                    },
                ),
            };
            let prefix = &text[from..offset];
            let chars = prefix.chars().count();
            let p = Position {
                line: base.line,
                column: base.column + chars,
                utf16_column: base.utf16_column + chars + surrogates(prefix),
            };
            out[i] = p;
            last = Some((offset, p));
        }
        out
    }
}

/// The UTF-16 code units `s` takes past one per char: a char that takes
/// four UTF-8 bytes takes two, and only those start with a byte of 0xF0 or
/// more. Counting those bytes is a loop the compiler vectorises; encoding
/// every char was most of the work of placing a long run's findings.
fn surrogates(s: &str) -> usize {
    s.bytes().filter(|&b| b >= 0xF0).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Counting the breaks gives as many as the index finds.
        #[test]
        fn breaks_are_counted_as_the_index_finds_them(text in "[a\r\n é]{0,60}") {
            proptest::prop_assert_eq!(LineIndex::count_breaks(&text), line_breaks(&text).count());
        }
    }

    #[test]
    fn utf16_units_are_counted_for_chars_of_every_utf8_length() {
        for s in [
            "",
            "a",
            "é",
            "€",
            "😀",
            "a é € 😀\u{10FFFF}\u{FFFF}",
            "\u{7F}\u{80}\u{7FF}\u{800}",
        ] {
            assert_eq!(
                s.chars().count() + surrogates(s),
                s.encode_utf16().count(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn columns_count_chars_and_utf16_units() {
        let text = "héllo 😀 world\nnext";
        let index = LineIndex::new(text);
        let w = text.find("world").unwrap();
        assert_eq!(
            index.position(text, w),
            Position {
                line: 1,
                column: 9,
                utf16_column: 10
            }
        );
        let n = text.find("next").unwrap();
        assert_eq!(
            index.position(text, n),
            Position {
                line: 2,
                column: 1,
                utf16_column: 1
            }
        );
    }

    #[test]
    fn many_positions_at_once_agree_with_one_at_a_time() {
        let text = "a\u{e9}\u{1F600}b\r\nxyz\rq \u{1F600} w\n";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len() + 2).rev().chain([3, 3, 0]).collect();
        let one: Vec<Position> = offsets.iter().map(|&o| index.position(text, o)).collect();
        assert_eq!(index.positions(text, &offsets), one);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a\r\nb\rc\nd";
        let index = LineIndex::new(text);
        for (needle, line) in [("b", 2), ("c", 3), ("d", 4)] {
            let pos = index.position(text, text.find(needle).unwrap());
            assert_eq!((pos.line, pos.column), (line, 1), "{needle}");
        }
    }

    #[test]
    fn offsets_inside_a_char_or_past_the_end_are_clamped() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 1).column, 1);
        assert_eq!(index.position(text, 99).column, 2);
    }
}
