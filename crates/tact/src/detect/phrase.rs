//! The `phrase` primitive: every phrase of every enabled phrase rule in one
//! literal search (`literal_search.rs`), so the text is searched once
//! however many phrases the packs hold.

use aho_corasick::AhoCorasickKind;

use super::literal_search::LiteralSearch;
use super::Hit;
use crate::document::on_word_boundaries;
use crate::fold::Folded;
use crate::linter::Workload;
use crate::span::Span;

/// Up to this many phrases, the automaton (when one is built) is a full DFA.
const DFA_PHRASES: usize = 5_000;

pub(crate) struct PhraseIndex {
    phrases: LiteralSearch,
    /// Rule index of each phrase.
    owners: Vec<usize>,
}

impl PhraseIndex {
    /// Build the search from `(rule index, phrases)` pairs; `None` if there
    /// are no phrases at all.
    pub fn build<'a>(rules: impl IntoIterator<Item = (usize, &'a [String])>) -> Option<Self> {
        let mut owners = Vec::new();
        let mut patterns = Vec::new();
        for (rule, phrases) in rules {
            for phrase in phrases {
                patterns.push(normalize_phrase(phrase));
                owners.push(rule);
            }
        }
        if patterns.is_empty() {
            return None;
        }
        // A full DFA is the fastest scan and worth its memory for the few
        // thousand phrases packs usually hold; past that (a user pack of
        // 100,000 phrases) the crate's own choice builds in reasonable time
        // and memory.
        let kind = (patterns.len() <= DFA_PHRASES).then_some(AhoCorasickKind::DFA);
        let phrases = LiteralSearch::new(&patterns, kind);
        Some(PhraseIndex { phrases, owners })
    }

    /// Every occurrence of every phrase that starts and ends on a word boundary.
    pub fn find(&self, text: &str, workload: Workload, out: &mut Vec<Hit>) {
        self.phrases.for_each(text, workload, |start, end, phrase| {
            let span = Span::new(start, end);
            if on_word_boundaries(text, span) {
                out.push(Hit {
                    rule: self.owners[phrase],
                    span,
                    replacement: None,
                    fix_span: None,
                });
            }
        });
    }
}

/// Phrases are matched against folded text with single spaces, so fold the
/// phrase the same way: a pack may write "didn’t" or "as  I said".
fn normalize_phrase(phrase: &str) -> String {
    let folded = Folded::new(phrase);
    folded
        .text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(phrases: &[&str], text: &str) -> Vec<(usize, String)> {
        let phrases: Vec<String> = phrases.iter().map(|s| s.to_string()).collect();
        let index = PhraseIndex::build([(7, phrases.as_slice())]).unwrap();
        let mut hits = Vec::new();
        index.find(text, Workload::Bulk, &mut hits);
        hits.iter()
            .map(|h| (h.rule, h.span.slice(text).to_string()))
            .collect()
    }

    #[test]
    fn matches_case_insensitively_on_word_boundaries() {
        assert_eq!(
            find(
                &["calm down", "as I said"],
                "Calm down. AS I SAID, no. Calm downstairs."
            ),
            [(7, "Calm down".into()), (7, "AS I SAID".into())]
        );
    }

    #[test]
    fn typographic_phrases_are_folded() {
        assert_eq!(find(&["you didn’t"], "you didn't").len(), 1);
    }

    #[test]
    fn a_hundred_thousand_phrases_still_build() {
        let phrases: Vec<String> = (0..100_000).map(|i| format!("phrase number {i}")).collect();
        let index = PhraseIndex::build([(0, phrases.as_slice())]).unwrap();
        let mut hits = Vec::new();
        index.find("see phrase number 99999 here", Workload::Brief, &mut hits);
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn overlapping_phrases_are_all_reported() {
        assert_eq!(find(&["as I said", "I said"], "as I said").len(), 2);
    }
}
