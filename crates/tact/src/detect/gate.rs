//! The pattern gate: one search of the text for the literals the patterns
//! need (`literal_search.rs`), so that a pattern runs only on the sentences
//! that hold one.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::AhoCorasickKind;
use rustc_hash::FxHashMap;

use super::literal_search::{self, LiteralSearch};
use super::literals::Side;
use super::sentence_after;
use crate::linter::Workload;
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
    literal: Literal,
    /// The literal's byte just past its key (before it, for a suffix), if
    /// it is longer than the key: a key opens seven literals on average,
    /// and this one byte tells most of them apart without a comparison.
    next: Option<u8>,
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
            let next = match side {
                Side::Prefix => literal.as_bytes().get(cut).copied(),
                Side::Suffix => literal
                    .len()
                    .checked_sub(cut + 1)
                    .map(|i| literal.as_bytes()[i]),
            };
            candidates[k].push(Candidate {
                entry,
                side,
                literal,
                next,
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
    pub fn find(
        &self,
        text: &str,
        sentences: &[Span],
        workload: Workload,
        work: &mut Vec<(usize, usize)>,
    ) {
        let search = self
            .search
            .get_or_init(|| LiteralSearch::new(&self.keys, Some(AhoCorasickKind::DFA)));
        let mut cursor = 0;
        search.for_each(text, workload, |start, end, key| {
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
        for c in &self.candidates[key] {
            let literal = c.literal.as_bytes();
            let Some(next) = c.next else {
                // The key is the whole literal.
                work.push((k, c.entry));
                continue;
            };
            let (at, whole) = match c.side {
                Side::Prefix => (bytes.get(end), bytes.get(start..start + literal.len())),
                Side::Suffix => (
                    start.checked_sub(1).and_then(|i| bytes.get(i)),
                    end.checked_sub(literal.len())
                        .and_then(|s| bytes.get(s..end)),
                ),
            };
            if at.is_some_and(|b| b.to_ascii_lowercase() == next)
                && whole.is_some_and(|w| w.eq_ignore_ascii_case(literal))
            {
                work.push((k, c.entry));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_checks_whole_literals_not_only_their_first_bytes() {
        let literal = (7, Side::Prefix, "as previously st".into());
        let gate = Gate::build(vec![literal]).unwrap();
        let text = "As previous owner. AS PREVIOUSLY STATED.";
        let sentences = [Span::new(0, 18), Span::new(19, text.len())];
        let mut work = Vec::new();
        gate.find(text, &sentences, Workload::Brief, &mut work);
        // "As previ" opens both sentences; only the second holds the literal.
        assert_eq!(work, [(1, 7)]);
    }

    #[test]
    fn suffixes_and_literals_as_short_as_their_key() {
        let literals = vec![
            (1, Side::Suffix, "in the end".into()),
            (2, Side::Suffix, "the end".into()),
            (3, Side::Prefix, "calm".into()),
        ];
        let gate = Gate::build(literals).unwrap();
        let text = "Hi, the END. In the end, CALM. Then end.";
        let sentences = [Span::new(0, 12), Span::new(13, 30), Span::new(31, 40)];
        let mut work = Vec::new();
        gate.find(text, &sentences, Workload::Brief, &mut work);
        work.sort_unstable();
        // " the end" opens "in the end" too; the byte before tells them apart.
        assert_eq!(work, [(0, 2), (1, 1), (1, 2), (1, 3)]);
    }
}
