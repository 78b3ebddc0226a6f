//! A list of regexes asked one question of a sentence: does any of them
//! match? The personal-data primitive's request, reason and mention cues.
//!
//! As one alternation each, a draft that named a datum compiled all three
//! whole (10 ms). Kept apart behind the same literal gate as the rules'
//! patterns, a sentence compiles and runs only the cues whose literals it
//! holds.

use std::sync::OnceLock;

use super::gate::Gate;
use super::literals::MIN_CUE_LITERAL;
use super::pattern::{gate_of, Pattern};
use crate::linter::Workload;
use crate::span::Span;

#[derive(Debug)]
pub(crate) struct Cues {
    patterns: Vec<Pattern>,
    /// Built on first use: the gate over the cues' literals, and the cues
    /// that have none and so are always tried.
    gate: OnceLock<(Option<Gate>, Vec<usize>)>,
}

impl Cues {
    /// With `eager`, every cue is compiled now, so that an error is reported
    /// when the pack loads.
    pub fn new(list: &[String], eager: bool) -> Result<Cues, String> {
        let patterns = list
            .iter()
            .map(|source| Pattern::new(source, eager))
            .collect::<Result<_, _>>()?;
        Ok(Cues {
            patterns,
            gate: OnceLock::new(),
        })
    }

    /// Whether any cue matches `sentence`. In a bulk workload the cues'
    /// gate searches with its automaton: looking every byte of every
    /// sentence up in the table cost more on a long text than building it.
    pub fn is_match(&self, sentence: &str, workload: Workload) -> bool {
        let (gate, ungated) = self
            .gate
            .get_or_init(|| gate_of(&self.patterns, MIN_CUE_LITERAL));
        let mut work = Vec::new();
        if let Some(gate) = gate {
            gate.find(
                sentence,
                &[Span::new(0, sentence.len())],
                workload,
                &mut work,
            );
        }
        let mut candidates: Vec<usize> = work.into_iter().map(|(_, cue)| cue).collect();
        candidates.extend(ungated);
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .any(|i| self.patterns[i].is_match(sentence))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_cue_matches_as_their_alternation_would() {
        let list: Vec<String> = [
            r"\bso (?:that )?(?:I|we) can\b",
            r"\bin order to\b",
            r"\w+ly\b",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let cues = Cues::new(&list, false).unwrap();
        let alternation = Pattern::new(
            &format!(
                "(?:{})",
                list.iter()
                    .map(|c| format!("(?:{c})"))
                    .collect::<Vec<_>>()
                    .join("|")
            ),
            false,
        )
        .unwrap();
        for text in [
            "so we can check",
            "So that I can",
            "in order to help",
            "quickly",
            "so they can",
            "in order",
            "",
        ] {
            for workload in [Workload::Brief, Workload::Bulk] {
                assert_eq!(
                    cues.is_match(text, workload),
                    alternation.is_match(text),
                    "{text:?}"
                );
            }
        }
    }
}
