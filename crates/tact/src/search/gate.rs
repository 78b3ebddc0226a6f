//! The pattern gate: one search of the text for the literals the patterns
//! need (`literal_search.rs`), so that a pattern runs only on the sentences
//! that hold one.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::AhoCorasickKind;
use rustc_hash::FxHashMap;

use super::literal_search::{self, LiteralSearch};
use super::literals::Side;
use super::sentences::sentence_after;
use super::swar::ascii_lowercase;
use crate::span::Span;

/// How much of each literal the gate searches for: as much as the literal
/// search keys on (eight bytes), which keeps the search small and quick to
/// build and lets a key pack into an integer; the rest of the literal is
/// compared at each hit.
const GATE_BYTES: usize = literal_search::KEY_BYTES;

/// The gate: a search for the first (or last) bytes of every required
/// literal, and for each of those keys the literals it opens and the
/// pattern each belongs to.
#[derive(Debug)]
pub(crate) struct Gate {
    keys: Vec<String>,
    /// The keys' own search, for a gate searched alone (the linter's is
    /// part of its one scan of the text).
    search: OnceLock<LiteralSearch>,
    /// Per key, the literals it opens.
    candidates: Vec<Vec<Candidate>>,
}

#[derive(Debug)]
struct Candidate {
    entry: usize,
    side: Side,
    /// The literal's bytes past its key (before it, for a suffix), up to
    /// eight, packed as [`near`] packs the text's at a hit: a key opens
    /// several literals, and one comparison of integers tells them apart
    /// where comparing their bytes would loop.
    rest: u64,
    /// Which bytes of `rest` are the literal's.
    mask: u64,
    /// How many bytes lie past the key.
    len: usize,
    /// The literal, when more than eight bytes lie past its key: compared
    /// whole once `rest` matches.
    long: Option<Literal>,
}

/// A literal: the built-in ones are not copied (there are thousands).
type Literal = Cow<'static, str>;

impl Gate {
    /// The gate of `(entry, side, literal)`s, the literals lowercase.
    pub fn build(literals: Vec<(usize, Side, Literal)>) -> Option<Gate> {
        let mut keys: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<Candidate>> = Vec::new();
        // Keys are at most eight bytes: packed in an integer, they hash
        // without a copy of each.
        let mut index: FxHashMap<(u64, usize), usize> = FxHashMap::default();
        for (entry, side, literal) in literals {
            let cut = literal.len().min(GATE_BYTES);
            let range = match side {
                Side::Prefix => 0..cut,
                Side::Suffix => literal.len() - cut..literal.len(),
            };
            let bytes = &literal.as_bytes()[range.clone()];
            let k = *index
                .entry((literal_search::key(bytes, bytes.len()), bytes.len()))
                .or_insert_with(|| {
                    keys.push(literal[range].to_string());
                    candidates.push(Vec::new());
                    keys.len() - 1
                });
            let len = literal.len() - cut;
            let rest = match side {
                Side::Prefix => &literal.as_bytes()[cut..],
                Side::Suffix => &literal.as_bytes()[..len],
            };
            let (rest, mask) = near(side, rest);
            candidates[k].push(Candidate {
                entry,
                side,
                rest,
                mask,
                len,
                long: (len > NEAR_BYTES).then_some(literal),
            });
        }
        if keys.is_empty() {
            return None;
        }
        Some(Gate {
            keys,
            search: OnceLock::new(),
            candidates,
        })
    }

    /// The keys to search for; [`hit`](Self::hit) takes what is found.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// `(sentence, entry)` for every whole literal found in a sentence.
    pub fn find(&self, text: &str, sentences: &[Span], work: &mut Vec<(usize, usize)>) {
        let search = self
            .search
            .get_or_init(|| LiteralSearch::new(&self.keys, Some(AhoCorasickKind::DFA)));
        let mut cursor = 0;
        search.for_each(text, |start, end, key| {
            self.hit(text, sentences, &mut cursor, (start, end, key), work);
        });
    }

    /// `(sentence, entry)` for each whole literal that the key found at
    /// `start..end` opens, inside a sentence. `cursor`: for
    /// [`sentence_after`], the same from hit to hit.
    pub fn hit(
        &self,
        text: &str,
        sentences: &[Span],
        cursor: &mut usize,
        (start, end, key): (usize, usize, usize),
        work: &mut Vec<(usize, usize)>,
    ) {
        let k = sentence_after(sentences, start, cursor);
        if k >= sentences.len() || sentences[k].start >= end {
            return;
        }
        let bytes = text.as_bytes();
        let after = near(Side::Prefix, &bytes[end..]).0;
        let before = near(Side::Suffix, &bytes[..start]).0;
        for c in &self.candidates[key] {
            let (packed, room) = match c.side {
                Side::Prefix => (after, bytes.len() - end),
                Side::Suffix => (before, start),
            };
            if packed & c.mask != c.rest || room < c.len {
                continue;
            }
            let whole = |literal: &Literal| {
                let literal = literal.as_bytes();
                let found = match c.side {
                    Side::Prefix => &bytes[start..start + literal.len()],
                    Side::Suffix => &bytes[end - literal.len()..end],
                };
                found.eq_ignore_ascii_case(literal)
            };
            if c.long.as_ref().is_none_or(whole) {
                work.push((k, c.entry));
            }
        }
    }
}

/// How many bytes past a key [`near`] packs.
const NEAR_BYTES: usize = 8;

/// Up to [`NEAR_BYTES`] of `bytes` lowercased into an integer, with a mask
/// of the bytes taken: for a prefix, its first ones, from the low byte up;
/// for a suffix, its last ones, ending at the high byte, so that what lies
/// nearest the key is compared whatever the length. Packed with one load
/// and lowercased eight bytes at once: a byte at a time, it was a third of
/// a gate hit (two per hit, over 100,000 hits in the corpus).
fn near(side: Side, bytes: &[u8]) -> (u64, u64) {
    let len = bytes.len().min(NEAR_BYTES);
    let (word, mask) = match side {
        Side::Prefix => match bytes.first_chunk::<NEAR_BYTES>() {
            Some(first) => (u64::from_le_bytes(*first), u64::MAX),
            None => {
                let mut buf = [0u8; NEAR_BYTES];
                buf[..len].copy_from_slice(bytes);
                (u64::from_le_bytes(buf), literal_search::mask(len))
            }
        },
        Side::Suffix => match bytes.last_chunk::<NEAR_BYTES>() {
            Some(last) => (u64::from_le_bytes(*last), u64::MAX),
            None => {
                let mut buf = [0u8; NEAR_BYTES];
                buf[NEAR_BYTES - len..].copy_from_slice(bytes);
                (
                    u64::from_le_bytes(buf),
                    !literal_search::mask(NEAR_BYTES - len),
                )
            }
        },
    };
    (ascii_lowercase(word), mask)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Packing eight bytes at once gives what packing and lowercasing
        /// one byte at a time gives, for any bytes, short or long.
        #[test]
        fn near_packs_as_a_byte_at_a_time_does(
            bytes in proptest::collection::vec(any::<u8>(), 0..12),
            prefix: bool,
        ) {
            let side = if prefix { Side::Prefix } else { Side::Suffix };
            let len = bytes.len().min(NEAR_BYTES);
            let mut buf = [0u8; NEAR_BYTES];
            let mut mask = [0u8; NEAR_BYTES];
            let (from, to) = match side {
                Side::Prefix => (&bytes[..len], 0..len),
                Side::Suffix => (&bytes[bytes.len() - len..], NEAR_BYTES - len..NEAR_BYTES),
            };
            for ((b, m), &byte) in buf[to.clone()].iter_mut().zip(&mut mask[to]).zip(from) {
                *b = byte.to_ascii_lowercase();
                *m = 0xFF;
            }
            prop_assert_eq!(
                near(side, &bytes),
                (u64::from_le_bytes(buf), u64::from_le_bytes(mask))
            );
        }
    }

    /// `(sentence, entry)` for each literal of `literals` the gate finds in
    /// `text`, in order.
    fn gated(
        literals: Vec<(usize, Side, Literal)>,
        text: &str,
        sentences: &[Span],
    ) -> Vec<(usize, usize)> {
        let gate = Gate::build(literals).unwrap();
        let mut work = Vec::new();
        gate.find(text, sentences, &mut work);
        work.sort_unstable();
        work
    }

    #[test]
    fn the_gate_checks_whole_literals_not_only_their_first_bytes() {
        let literal = (7, Side::Prefix, "as previously st".into());
        let text = "As previous owner. AS PREVIOUSLY STATED.";
        let sentences = [Span::new(0, 18), Span::new(19, text.len())];
        // "As previ" opens both sentences; only the second holds the literal.
        assert_eq!(gated(vec![literal], text, &sentences), [(1, 7)]);
    }

    #[test]
    fn literals_longer_than_a_key_and_its_neighbours_are_compared_whole() {
        let literals = vec![
            (1, Side::Prefix, "as previously mentioned".into()),
            (2, Side::Suffix, "was it all explained".into()),
            (3, Side::Suffix, "in the end".into()),
        ];
        let text = " the end. As previously mentionex. As previously mentioned. \
                    Was it all explained? was it ALL EXPLAINED";
        let sentences = [
            Span::new(1, 9),
            Span::new(10, 34),
            Span::new(35, 59),
            Span::new(60, 81),
            Span::new(82, text.len()),
        ];
        // The key " the end" at the very start has no "in" before it.
        assert_eq!(gated(literals, text, &sentences), [(2, 1), (3, 2), (4, 2)]);
    }

    #[test]
    fn suffixes_and_literals_as_short_as_their_key() {
        let literals = vec![
            (1, Side::Suffix, "in the end".into()),
            (2, Side::Suffix, "the end".into()),
            (3, Side::Prefix, "calm".into()),
        ];
        let text = "Hi, the END. In the end, CALM. Then end.";
        let sentences = [Span::new(0, 12), Span::new(13, 30), Span::new(31, 40)];
        // " the end" opens "in the end" too; the byte before tells them apart.
        assert_eq!(
            gated(literals, text, &sentences),
            [(0, 2), (1, 1), (1, 2), (1, 3)]
        );
    }
}
