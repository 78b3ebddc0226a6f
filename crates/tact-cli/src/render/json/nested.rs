//! serde_json's pretty layout for a value that sits inside a document
//! written a piece at a time.

use std::io::{self, Write};

use serde::Serialize;

/// Appends `value` as serde_json's pretty printer lays it out `depth`
/// levels (two spaces each) into the document.
pub fn serialize(value: &impl Serialize, depth: usize, out: &mut Vec<u8>) {
    let mut serializer = serde_json::Serializer::with_formatter(out, Nested::at(depth));
    value
        .serialize(&mut serializer)
        .expect("the wire types serialize to memory");
}

/// serde_json's `PrettyFormatter` (two spaces a level) for a value that
/// starts `depth` levels in. The value is laid out where it sits, not at
/// the margin and then indented again line by line, and each line's indent
/// is one write rather than one a level: the two were most of the cost of
/// serialising a diagnostic. Lines go at most 8 levels deep, as deep as a
/// diagnostic's.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn at(depth: usize) -> Nested {
        Nested {
            depth,
            has_value: false,
        }
    }

    /// A line break, after a comma unless `first`, and the line's indent.
    fn line<W: ?Sized + Write>(&self, out: &mut W, first: bool) -> io::Result<()> {
        const BREAK: &[u8; 18] = b",\n                ";
        out.write_all(&BREAK[usize::from(first)..2 + 2 * self.depth])
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(out, true)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}
