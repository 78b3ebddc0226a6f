//! A list of regexes asked one question of a sentence: does any of them
//! match? The personal-data primitive's request, reason and mention cues.
//!
//! As one alternation each, a draft that named a datum would compile all
//! three whole, most of it for cues that cannot match. Kept apart behind
//! the same literal gate as the rules' patterns, a sentence compiles and
//! runs only the cues whose literals it holds.

use std::sync::OnceLock;

use super::gate::Gate;
use super::literals::MIN_CUE_LITERAL;
use super::regex::{gate_of, Pattern};
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

    /// The cues' patterns.
    #[cfg(test)]
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Whether any cue matches `sentence`. Only the cues whose literals the
    /// sentence holds (and those with none) are tried.
    pub fn is_match(&self, sentence: &str) -> bool {
        let (gate, ungated) = self
            .gate
            .get_or_init(|| gate_of(&self.patterns, MIN_CUE_LITERAL));
        let mut work = Vec::new();
        if let Some(gate) = gate {
            gate.find(sentence, &[Span::new(0, sentence.len())], &mut work);
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
            for _ in 0..2 {
                assert_eq!(cues.is_match(text), alternation.is_match(text), "{text:?}");
            }
        }
    }
}
