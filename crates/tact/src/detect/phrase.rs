//! The `phrase` primitive: every phrase of every enabled phrase rule, found
//! by the linter's one scan of the text (`scan.rs`), however many phrases
//! the packs hold.

use super::Hit;
use crate::document::on_word_boundaries;
use crate::fold::Folded;
use crate::span::Span;

pub(crate) struct PhraseIndex {
    /// Every phrase, folded as the text is.
    phrases: Vec<String>,
    /// Rule index of each phrase.
    owners: Vec<usize>,
}

impl PhraseIndex {
    /// Build from `(rule index, phrases)` pairs; `None` if there
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
        Some(PhraseIndex {
            phrases: patterns,
            owners,
        })
    }

    /// The phrases to search for; [`hit`](Self::hit) takes what is found.
    pub fn phrases(&self) -> &[String] {
        &self.phrases
    }

    /// A hit for a phrase found at `start..end`, if it starts and ends on a
    /// word boundary.
    pub fn hit(&self, text: &str, (start, end, phrase): (usize, usize, usize), out: &mut Vec<Hit>) {
        let span = Span::new(start, end);
        if on_word_boundaries(text, span) {
            out.push(Hit {
                rule: self.owners[phrase],
                span,
                replacement: None,
                fix_span: None,
            });
        }
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
    use crate::detect::scan::{Scan, Source};
    use crate::linter::Workload;

    fn scan(index: &PhraseIndex, text: &str, workload: Workload) -> Vec<Hit> {
        let scan = Scan::new([(Source::Phrases, index.phrases())]).unwrap();
        let mut hits = Vec::new();
        scan.for_each(text, workload, |_, start, end, i| {
            index.hit(text, (start, end, i), &mut hits)
        });
        hits
    }

    fn find(phrases: &[&str], text: &str) -> Vec<(usize, String)> {
        let phrases: Vec<String> = phrases.iter().map(|s| s.to_string()).collect();
        let index = PhraseIndex::build([(7, phrases.as_slice())]).unwrap();
        let hits = scan(&index, text, Workload::Bulk);
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
        let hits = scan(&index, "see phrase number 99999 here", Workload::Brief);
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn overlapping_phrases_are_all_reported() {
        assert_eq!(find(&["as I said", "I said"], "as I said").len(), 2);
    }
}
