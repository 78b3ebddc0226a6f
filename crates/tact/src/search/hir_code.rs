//! A pattern's syntax tree written as bytes, and read back.
//!
//! The trees of the built-in patterns (exact and [loosened](super::hir::loosen))
//! are generated into the library (`builtin_trees.bin`, see `tables.rs`),
//! so that a run reads them back instead of parsing: parsing folds case the
//! Unicode way, which costs more than linting a long reply, and every
//! process that meets a pattern would pay it again. Reading a tree back is
//! a walk over a few hundred bytes.
//!
//! The code is a tag and its fields, each a number in LEB128 (seven bits a
//! byte, low bits first: most are ASCII chars and small counts, a byte
//! each), children after their parent. Trees come back through the syntax
//! crate's own constructors; the generator keeps only the trees that come
//! back equal to the parsed ones.

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Look, Repetition,
};

const EMPTY: u32 = 0;
const LITERAL: u32 = 1;
const BYTES: u32 = 2;
const UNICODE: u32 = 3;
const LOOK: u32 = 4;
const REPETITION: u32 = 5;
const CAPTURE: u32 = 6;
const CONCAT: u32 = 7;
const ALTERNATION: u32 = 8;

/// Append the code of `hir` to `out`. (The build script writes; the
/// library only reads, and its tests write.)
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn write(hir: &Hir, out: &mut Vec<u8>) {
    let put = |mut n: u32, out: &mut Vec<u8>| {
        while n >= 0x80 {
            out.push(n as u8 | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    };
    match hir.kind() {
        HirKind::Empty => put(EMPTY, out),
        HirKind::Literal(literal) => {
            put(LITERAL, out);
            put(literal.0.len() as u32, out);
            out.extend_from_slice(&literal.0);
        }
        HirKind::Class(Class::Bytes(class)) => {
            put(BYTES, out);
            put(class.ranges().len() as u32, out);
            for r in class.ranges() {
                put(r.start().into(), out);
                put(r.end().into(), out);
            }
        }
        HirKind::Class(Class::Unicode(class)) => {
            put(UNICODE, out);
            put(class.ranges().len() as u32, out);
            // Each range from the end of the one before: sorted, a class's
            // ranges are mostly a byte each so (`\w` has 770 of them).
            let mut last = 0;
            for r in class.ranges() {
                put(u32::from(r.start()) - last, out);
                put(u32::from(r.end()) - u32::from(r.start()), out);
                last = r.end().into();
            }
        }
        HirKind::Look(look) => {
            put(LOOK, out);
            put(look.as_repr(), out);
        }
        HirKind::Repetition(r) => {
            put(REPETITION, out);
            put(r.min, out);
            // `u32::MAX` for no bound: a bounded repetition that large is
            // over any size limit anyway.
            put(r.max.unwrap_or(u32::MAX), out);
            put(r.greedy.into(), out);
            write(&r.sub, out);
        }
        HirKind::Capture(c) => {
            put(CAPTURE, out);
            put(c.index, out);
            let name = c.name.as_deref().map(str::as_bytes);
            // One more than the name's length, 0 for none.
            put(name.map_or(0, |n| n.len() as u32 + 1), out);
            out.extend_from_slice(name.unwrap_or_default());
            write(&c.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            let tag = match hir.kind() {
                HirKind::Concat(_) => CONCAT,
                _ => ALTERNATION,
            };
            put(tag, out);
            put(subs.len() as u32, out);
            for sub in subs {
                write(sub, out);
            }
        }
    }
}

/// The tree `code` holds, or `None` if it holds anything else.
pub(crate) fn read(code: &[u8]) -> Option<Hir> {
    let mut reader = Reader(code);
    let hir = reader.hir()?;
    reader.0.is_empty().then_some(hir)
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let (taken, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(taken)
    }

    fn u32(&mut self) -> Option<u32> {
        let mut n = 0u32;
        for shift in (0..35).step_by(7) {
            let (&byte, rest) = self.0.split_first()?;
            self.0 = rest;
            n |= u32::from(byte & 0x7F).checked_shl(shift)?;
            if byte < 0x80 {
                return Some(n);
            }
        }
        None
    }

    fn len(&mut self) -> Option<usize> {
        // No list is longer than the code that holds it.
        let n = self.u32()? as usize;
        (n <= self.0.len()).then_some(n)
    }

    fn hir(&mut self) -> Option<Hir> {
        Some(match self.u32()? {
            EMPTY => Hir::empty(),
            LITERAL => {
                let n = self.len()?;
                Hir::literal(self.bytes(n)?)
            }
            BYTES => {
                let n = self.len()?;
                let mut ranges = Vec::with_capacity(n);
                for _ in 0..n {
                    let start = u8::try_from(self.u32()?).ok()?;
                    let end = u8::try_from(self.u32()?).ok()?;
                    ranges.push(ClassBytesRange::new(start, end));
                }
                Hir::class(Class::Bytes(ClassBytes::new(ranges)))
            }
            UNICODE => {
                let n = self.len()?;
                let mut ranges = Vec::with_capacity(n);
                let mut last = 0u32;
                for _ in 0..n {
                    let start = last.checked_add(self.u32()?)?;
                    last = start.checked_add(self.u32()?)?;
                    let range = (char::from_u32(start)?, char::from_u32(last)?);
                    ranges.push(ClassUnicodeRange::new(range.0, range.1));
                }
                Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
            }
            LOOK => Hir::look(Look::from_repr(self.u32()?)?),
            REPETITION => {
                let min = self.u32()?;
                let max = Some(self.u32()?).filter(|&m| m != u32::MAX);
                let greedy = self.u32()? != 0;
                let sub = Box::new(self.hir()?);
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy,
                    sub,
                })
            }
            CAPTURE => {
                let index = self.u32()?;
                let name = match self.len()? {
                    0 => None,
                    n => Some(std::str::from_utf8(self.bytes(n - 1)?).ok()?.into()),
                };
                let sub = Box::new(self.hir()?);
                Hir::capture(Capture { index, name, sub })
            }
            tag @ (CONCAT | ALTERNATION) => {
                let n = self.len()?;
                let subs = (0..n).map(|_| self.hir()).collect::<Option<Vec<_>>>()?;
                match tag {
                    CONCAT => Hir::concat(subs),
                    _ => Hir::alternation(subs),
                }
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trees_of_every_kind_come_back_equal() {
        for source in [
            r"(?i)\bas (?:I|we) said\b",
            r"(?P<hit>clearly)[^.!?]{0,40}\byou\b",
            r"^\W*ok\s*[,:;—–-]$",
            r"(?-u:[\x80-\xFF])+x*?|y{2,}|",
            r"(?s).\p{Greek}",
        ] {
            let hir = regex_syntax::ParserBuilder::new()
                .utf8(false)
                .build()
                .parse(source)
                .unwrap();
            let mut code = Vec::new();
            write(&hir, &mut code);
            assert_eq!(read(&code), Some(hir), "{source}");
            // A code cut short, or with a byte too many, reads as nothing.
            assert_eq!(read(&code[..code.len() - 1]), None, "{source}");
            code.push(0);
            assert_eq!(read(&code), None, "{source}");
        }
    }
}
