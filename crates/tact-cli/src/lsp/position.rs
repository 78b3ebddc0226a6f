//! Byte offsets to LSP positions and back, in the encoding the client and
//! server agreed on: UTF-8 (bytes) when the client offers it, else UTF-16
//! code units, the protocol's default.

use tact::LineIndex;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// How a position's `character` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it among the encodings it takes.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A document's lines, for converting positions in it.
pub struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
    encoding: Encoding,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Self {
        Lines {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    /// The position of byte `offset` (clamped to the text and back to a
    /// char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let start = self.line_start(line).min(offset);
        let character = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.text[start..offset].encode_utf16().count(),
        };
        Position::new(to_u32(line - 1), to_u32(character))
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of `position`: a line past the end is the end of
    /// the text, a character past the end of its line is the line's end,
    /// and one inside a char is the char's start.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize + 1;
        if self.index.line_start(line).is_none() {
            return self.text.len();
        }
        let start = self.line_start(line);
        let end = self.index.line_start(line + 1).unwrap_or(self.text.len());
        let body = self.text[start..end].trim_end_matches(['\n', '\r']);
        let mut units = 0;
        for (at, c) in body.char_indices() {
            units += self.encoding.units(c);
            if units > position.character as usize {
                return start + at;
            }
        }
        start + body.len()
    }
}

impl Lines<'_> {
    /// Where 1-based `line` starts. A byte-order mark the client sent is a
    /// character of the first line to it (the index leaves it out of
    /// columns, as editors showing a file do).
    fn line_start(&self, line: usize) -> usize {
        if line == 1 {
            0
        } else {
            self.index.line_start(line).unwrap_or(self.text.len())
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Héllo 🙂 you\r\nsecond é line\nthird";

    #[test]
    fn columns_count_bytes_or_utf16_units() {
        let you = TEXT.find("you").unwrap();
        let utf8 = Lines::new(TEXT, Encoding::Utf8);
        let utf16 = Lines::new(TEXT, Encoding::Utf16);
        // "Héllo 🙂 " is 12 bytes: é is 2, the emoji 4.
        assert_eq!(utf8.position(you), Position::new(0, 12));
        // ... and 9 UTF-16 units: the emoji is a surrogate pair.
        assert_eq!(utf16.position(you), Position::new(0, 9));
        let line = TEXT.find("line").unwrap();
        assert_eq!(utf8.position(line), Position::new(1, 10));
        assert_eq!(utf16.position(line), Position::new(1, 9));
    }

    #[test]
    fn positions_turn_back_into_the_same_offsets() {
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let lines = Lines::new(TEXT, encoding);
            for (offset, _) in TEXT.char_indices().filter(|(_, c)| *c != '\n') {
                assert_eq!(lines.offset(lines.position(offset)), offset, "{encoding:?}");
            }
            assert_eq!(
                lines.offset(Position::new(0, 999)),
                TEXT.find('\r').unwrap()
            );
            assert_eq!(lines.offset(Position::new(9, 0)), TEXT.len());
        }
    }

    #[test]
    fn a_byte_order_mark_the_client_sent_is_a_character() {
        let text = "\u{feff}As I said";
        let said = text.find("said").unwrap();
        assert_eq!(
            Lines::new(text, Encoding::Utf16).position(said),
            Position::new(0, 6)
        );
        assert_eq!(
            Lines::new(text, Encoding::Utf8).position(said),
            Position::new(0, 8)
        );
        let lines = Lines::new(text, Encoding::Utf16);
        assert_eq!(lines.offset(Position::new(0, 6)), said);
    }

    #[test]
    fn the_client_picks_utf8_only_by_offering_it() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF16])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
