//! The pattern gate: one Aho-Corasick scan of the text for the literals the
//! patterns need, so that a pattern runs only on the sentences that hold one.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::literals::Side;
use crate::linter::Workload;
use crate::span::Span;

/// How much of each literal the gate's automaton holds. Eight bytes keep the
/// automaton small and quick to build; the rest of the literal is compared
/// at each hit.
const GATE_BYTES: usize = 8;

/// The gate: the first (or last) bytes of every required literal in one
/// automaton, and for each of those keys the literals it opens and the
/// pattern each belongs to.
#[derive(Debug)]
pub(crate) struct Gate {
    automaton: AhoCorasick,
    /// Per automaton pattern: `(entry, side, whole literal)`.
    candidates: Vec<Vec<(usize, Side, String)>>,
}

impl Gate {
    pub fn build(literals: Vec<(usize, Side, String)>, workload: Workload) -> Option<Gate> {
        let mut keys: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<(usize, Side, String)>> = Vec::new();
        let mut index: HashMap<String, usize> = Default::default();
        for (entry, side, literal) in literals {
            let cut = literal.len().min(GATE_BYTES);
            let key = match side {
                Side::Prefix => &literal[..cut],
                Side::Suffix => &literal[literal.len() - cut..],
            };
            let k = *index.entry(key.to_string()).or_insert_with(|| {
                keys.push(key.to_string());
                candidates.push(Vec::new());
                keys.len() - 1
            });
            candidates[k].push((entry, side, literal));
        }
        if keys.is_empty() {
            return None;
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(match workload {
                Workload::Bulk => AhoCorasickKind::DFA,
                Workload::Brief => AhoCorasickKind::ContiguousNFA,
            }))
            .build(&keys)
            .expect("literals of patterns that parsed are within size limits");
        Some(Gate {
            automaton,
            candidates,
        })
    }

    /// `(sentence, entry)` for every whole literal found in a sentence.
    pub fn find(&self, text: &str, sentences: &[Span], work: &mut Vec<(usize, usize)>) {
        let bytes = text.as_bytes();
        for m in self.automaton.find_overlapping_iter(text) {
            let k = sentences.partition_point(|s| s.end <= m.start());
            if k >= sentences.len() || sentences[k].start >= m.end() {
                continue;
            }
            for (entry, side, literal) in &self.candidates[m.pattern().as_usize()] {
                let at = match side {
                    Side::Prefix => bytes.get(m.start()..m.start() + literal.len()),
                    Side::Suffix => m
                        .end()
                        .checked_sub(literal.len())
                        .and_then(|start| bytes.get(start..m.end())),
                };
                if at.is_some_and(|b| b.eq_ignore_ascii_case(literal.as_bytes())) {
                    work.push((k, *entry));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_checks_whole_literals_not_only_their_first_bytes() {
        let literal = (7, Side::Prefix, "as previously st".to_string());
        let gate = Gate::build(vec![literal], Workload::Brief).unwrap();
        let text = "As previous owner. AS PREVIOUSLY STATED.";
        let sentences = [Span::new(0, 18), Span::new(19, text.len())];
        let mut work = Vec::new();
        gate.find(text, &sentences, &mut work);
        // "As previ" opens both sentences; only the second holds the literal.
        assert_eq!(work, [(1, 7)]);
    }
}
