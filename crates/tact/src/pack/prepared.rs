//! The built-in packs' TOML documents, parsed ahead: each pack's tree of
//! tables, arrays and strings with their spans, in a compact encoding
//! (`pack/builtin_packs.bin`, written by the tables test, `tables.rs`).
//!
//! Every run reads the six built-in packs, 340 KB of TOML, before it lints
//! a word; lexing them was over a quarter of a 1 KB draft's instructions.
//! Decoding the same trees from the table builds the very values the TOML
//! parser would (the same strings, the same spans), so the pack reader
//! downstream, its errors and its output do not know the difference. A
//! string that stands unescaped in the source is borrowed from it, so the
//! table holds little more than the trees' shape.
//!
//! A tree is used only for the exact source it was written from (its
//! length and [`source_hash`] are checked first): a pack edited since the
//! table was written is parsed as TOML, so a stale table is slower, never
//! wrong. A tree holding anything but tables, arrays and strings is not
//! written at all, and its pack is parsed.
//!
//! The encoding, per value: its span's start and end, a tag, then a string
//! (borrowed: its start past the span's start, and its length; or owned:
//! its length and bytes), or an array (its length and values), or a table
//! (its length, then each key, as a string with its span, and value, in
//! key order). Numbers are LEB128.

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

const BORROWED: u8 = 0;
const OWNED: u8 = 1;
const ARRAY: u8 = 2;
const TABLE: u8 = 3;

/// A hash of a pack's source, the same in every build, fast enough to run
/// on every start (eight bytes a step): it ties a prepared tree to the
/// source it was written from.
pub(crate) fn source_hash(source: &str) -> u64 {
    let mut hash: u64 = source.len() as u64;
    let mut chunks = source.as_bytes().chunks_exact(8);
    let mut step = |word: u64| {
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    };
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        step(u64::from_le_bytes(word));
    }
    let mut last = [0; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    step(u64::from_le_bytes(last));
    hash
}

/// The tree `code` encodes over `source`; `None` if it does not decode
/// (which the tables test rules out for the committed table).
pub(crate) fn decode<'s>(code: &'s [u8], source: &'s str) -> Option<Spanned<DeTable<'s>>> {
    let mut reader = Reader {
        code,
        at: 0,
        source,
    };
    let (span, tag) = reader.head()?;
    let table = match tag {
        TABLE => reader.table()?,
        _ => return None,
    };
    (reader.at == code.len()).then(|| Spanned::new(span, table))
}

struct Reader<'s> {
    code: &'s [u8],
    at: usize,
    source: &'s str,
}

impl<'s> Reader<'s> {
    fn number(&mut self) -> Option<usize> {
        let mut value = 0usize;
        let mut shift = 0;
        loop {
            let byte = *self.code.get(self.at)?;
            self.at += 1;
            value |= usize::from(byte & 0x7f).checked_shl(shift)?;
            if byte < 0x80 {
                return Some(value);
            }
            shift += 7;
        }
    }

    /// A value's span and tag.
    fn head(&mut self) -> Option<(Range<usize>, u8)> {
        let start = self.number()?;
        let end = self.number()?;
        let tag = *self.code.get(self.at)?;
        self.at += 1;
        Some((start..end, tag))
    }

    fn value(&mut self) -> Option<Spanned<DeValue<'s>>> {
        let (span, tag) = self.head()?;
        let value = match tag {
            ARRAY => {
                let len = self.number()?;
                let mut items = Vec::with_capacity(len);
                for _ in 0..len {
                    items.push(self.value()?);
                }
                DeValue::Array(DeArray::from_iter(items))
            }
            TABLE => DeValue::Table(self.table()?),
            _ => DeValue::String(self.string(&span, tag)?),
        };
        Some(Spanned::new(span, value))
    }

    fn table(&mut self) -> Option<DeTable<'s>> {
        let len = self.number()?;
        let mut table = DeTable::new();
        for _ in 0..len {
            let (span, tag) = self.head()?;
            let key = Spanned::new(span.clone(), self.string(&span, tag)?);
            let value = self.value()?;
            table.insert(key, value);
        }
        Some(table)
    }

    fn string(&mut self, span: &Range<usize>, tag: u8) -> Option<Cow<'s, str>> {
        match tag {
            BORROWED => {
                let start = span.start + self.number()?;
                let len = self.number()?;
                self.source.get(start..start + len).map(Cow::Borrowed)
            }
            OWNED => {
                let len = self.number()?;
                let bytes = self.code.get(self.at..self.at + len)?;
                self.at += len;
                std::str::from_utf8(bytes).ok().map(Cow::Borrowed)
            }
            _ => None,
        }
    }
}

/// The encoding of `tree`, parsed from `source`; `None` if it holds a
/// value of another type than a table, an array or a string.
#[cfg(test)]
pub(crate) fn encode(tree: &Spanned<DeTable<'_>>, source: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    head(&mut out, tree.span(), TABLE);
    encode_table(tree.get_ref(), source, &mut out)?;
    Some(out)
}

#[cfg(test)]
fn number(out: &mut Vec<u8>, mut value: usize) {
    while value >= 0x80 {
        out.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

#[cfg(test)]
fn head(out: &mut Vec<u8>, span: Range<usize>, tag: u8) {
    number(out, span.start);
    number(out, span.end);
    out.push(tag);
}

#[cfg(test)]
fn encode_value(value: &Spanned<DeValue<'_>>, source: &str, out: &mut Vec<u8>) -> Option<()> {
    match value.get_ref() {
        DeValue::String(s) => encode_string(value.span(), s, source, out),
        DeValue::Array(items) => {
            head(out, value.span(), ARRAY);
            number(out, items.len());
            items
                .iter()
                .try_for_each(|item| encode_value(item, source, out))
        }
        DeValue::Table(table) => {
            head(out, value.span(), TABLE);
            encode_table(table, source, out)
        }
        _ => None,
    }
}

#[cfg(test)]
fn encode_table(table: &DeTable<'_>, source: &str, out: &mut Vec<u8>) -> Option<()> {
    number(out, table.len());
    for (key, value) in table.iter() {
        encode_string(key.span(), key.get_ref(), source, out)?;
        encode_value(value, source, out)?;
    }
    Some(())
}

/// A string as the source holds it within its span, when it does.
#[cfg(test)]
fn encode_string(span: Range<usize>, text: &str, source: &str, out: &mut Vec<u8>) -> Option<()> {
    let within = source.get(span.clone())?;
    match within.find(text) {
        Some(offset) => {
            head(out, span, BORROWED);
            number(out, offset);
            number(out, text.len());
        }
        None => {
            head(out, span, OWNED);
            number(out, text.len());
            out.extend_from_slice(text.as_bytes());
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether two trees hold the same values at the same spans
    /// (`Spanned`'s own equality ignores the spans).
    fn same(a: &Spanned<DeValue<'_>>, b: &Spanned<DeValue<'_>>) -> bool {
        a.span() == b.span()
            && match (a.get_ref(), b.get_ref()) {
                (DeValue::String(x), DeValue::String(y)) => x == y,
                (DeValue::Array(x), DeValue::Array(y)) => {
                    x.len() == y.len() && x.iter().zip(y.iter()).all(|(x, y)| same(x, y))
                }
                (DeValue::Table(x), DeValue::Table(y)) => same_tables(x, y),
                _ => false,
            }
    }

    fn same_tables(x: &DeTable<'_>, y: &DeTable<'_>) -> bool {
        x.len() == y.len()
            && x.iter().zip(y.iter()).all(|((kx, vx), (ky, vy))| {
                kx.span() == ky.span() && kx.get_ref() == ky.get_ref() && same(vx, vy)
            })
    }

    /// Each built-in pack's tree decodes to the tree the TOML parser reads,
    /// spans and all.
    #[test]
    fn prepared_trees_decode_to_the_parsed_ones() {
        for (name, source) in super::super::SOURCES {
            let parsed = DeTable::parse(source).unwrap();
            let code = encode(&parsed, source)
                .expect("a built-in pack holds only tables, arrays and strings");
            let decoded = decode(&code, source).expect("the code decodes");
            assert_eq!(parsed.span(), decoded.span(), "{name}");
            assert!(same_tables(parsed.get_ref(), decoded.get_ref()), "{name}");
        }
    }

    #[test]
    fn escapes_and_other_types() {
        let source = "a = \"x\\ty\"\nb = ['''lit''', \"\"\"\nml\"\"\"]\n[t]\n'q k' = \"v\"\n";
        let parsed = DeTable::parse(source).unwrap();
        let code = encode(&parsed, source).unwrap();
        assert!(same_tables(
            parsed.get_ref(),
            decode(&code, source).unwrap().get_ref()
        ));
        assert!(decode(&code[..code.len() - 1], source).is_none());
        let numbers = DeTable::parse("a = 1").unwrap();
        assert!(encode(&numbers, "a = 1").is_none());
    }

    #[test]
    fn the_hash_sees_every_byte() {
        assert_ne!(source_hash("abcdefgh"), source_hash("abcdefgi"));
        assert_ne!(source_hash("abcdefghi"), source_hash("abcdefghj"));
        assert_ne!(source_hash(""), source_hash("\0"));
    }
}
