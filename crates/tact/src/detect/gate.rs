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
    /// Per key: `(entry, side, whole literal)`.
    candidates: Vec<Vec<(usize, Side, Literal)>>,
}

/// A literal: the built-in ones are not copied (there are thousands).
type Literal = Cow<'static, str>;

impl Gate {
    /// The gate of `(entry, side, literal)`s, the literals lowercase.
    pub fn build(literals: Vec<(usize, Side, Literal)>) -> Option<Gate> {
        let mut keys: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<(usize, Side, Literal)>> = Vec::new();
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
            candidates[k].push((entry, side, literal));
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
        for (entry, side, literal) in &self.candidates[key] {
            let at = match side {
                Side::Prefix => bytes.get(start..start + literal.len()),
                Side::Suffix => end
                    .checked_sub(literal.len())
                    .and_then(|start| bytes.get(start..end)),
            };
            if at.is_some_and(|b| b.eq_ignore_ascii_case(literal.as_bytes())) {
                work.push((k, *entry));
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
}
