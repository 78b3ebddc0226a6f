//! Finding phrases whose words may be split by any run of whitespace ("date
//! of\nbirth"), on ASCII word boundaries, without a regex.
//!
//! The personal-data primitive scans every draft for its data spellings. As
//! one regex (`\b(?:social\s+security\s+number|…)\b`) that scan cost more to
//! compile than a whole 1 KB draft takes to lint, and it is paid on every
//! run. Here the first word of each phrase goes in an Aho-Corasick automaton
//! and the rest of the phrase is compared at each hit.

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::span::Span;

#[derive(Debug)]
pub(crate) struct SpacedPhrases {
    /// The distinct first words, lowercase.
    first_words: AhoCorasick,
    /// Per first word: the rest of each phrase it opens, word by word.
    rests: Vec<Vec<Vec<String>>>,
}

impl SpacedPhrases {
    /// `None` when a phrase is not ASCII (its case cannot be folded byte by
    /// byte) or there are no phrases.
    pub fn new(phrases: &[String]) -> Option<SpacedPhrases> {
        let mut firsts: Vec<String> = Vec::new();
        let mut rests: Vec<Vec<Vec<String>>> = Vec::new();
        for phrase in phrases {
            if !phrase.is_ascii() {
                return None;
            }
            let mut words = phrase.split_ascii_whitespace().map(str::to_ascii_lowercase);
            let Some(first) = words.next() else {
                continue;
            };
            let rest: Vec<String> = words.collect();
            match firsts.iter().position(|f| *f == first) {
                Some(i) => rests[i].push(rest),
                None => {
                    firsts.push(first);
                    rests.push(vec![rest]);
                }
            }
        }
        if firsts.is_empty() {
            return None;
        }
        let first_words = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&firsts)
            .ok()?;
        Some(SpacedPhrases { first_words, rests })
    }

    /// Every occurrence of every phrase, ascending by start.
    pub fn find(&self, text: &str) -> Vec<Span> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        for m in self.first_words.find_overlapping_iter(text) {
            if !boundary(bytes, m.start()) {
                continue;
            }
            for rest in &self.rests[m.pattern().as_usize()] {
                if let Some(end) = rest_follows(text, m.end(), rest) {
                    if boundary(bytes, end) {
                        found.push(Span::new(m.start(), end));
                    }
                }
            }
        }
        found.sort_unstable_by_key(|s| (s.start, s.end));
        found
    }
}

/// Where the words of `rest` end if they follow `at`, each after at least one
/// whitespace char.
fn rest_follows(text: &str, mut at: usize, rest: &[String]) -> Option<usize> {
    for word in rest {
        let gap: usize = text[at..]
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        if gap == 0 {
            return None;
        }
        at += gap;
        let next = text.as_bytes().get(at..at + word.len())?;
        if !next.eq_ignore_ascii_case(word.as_bytes()) {
            return None;
        }
        at += word.len();
    }
    Some(at)
}

/// Whether `at` is an ASCII word boundary, as `\b` is in pack patterns. Next
/// to a phrase's non-word byte ("#") this holds where `\b` may not: the scan
/// is a superset, as a scan for sentences to check further may be.
fn boundary(bytes: &[u8], at: usize) -> bool {
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    let before = at.checked_sub(1).and_then(|i| bytes.get(i));
    !(word(before) && word(bytes.get(at)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(phrases: &[&str], text: &str) -> Vec<String> {
        let phrases: Vec<String> = phrases.iter().map(|s| s.to_string()).collect();
        SpacedPhrases::new(&phrases)
            .unwrap()
            .find(text)
            .into_iter()
            .map(|s| s.slice(text).to_string())
            .collect()
    }

    #[test]
    fn words_may_be_split_by_any_whitespace() {
        assert_eq!(
            find(
                &["date of birth", "SSN"],
                "Your Date  of\nbirth and ssn, not birthdate or SSNs."
            ),
            ["Date  of\nbirth", "ssn"]
        );
    }

    #[test]
    fn phrases_sharing_a_first_word_are_all_found() {
        assert_eq!(
            find(
                &["social security", "social security number"],
                "social security number"
            ),
            ["social security", "social security number"]
        );
    }

    #[test]
    fn phrases_must_sit_on_word_boundaries_where_they_have_word_chars() {
        assert_eq!(
            find(
                &["social security #", "last 4"],
                "security #1, last 40, social security #1"
            ),
            ["social security #"]
        );
    }

    #[test]
    fn non_ascii_phrases_are_left_to_the_regex() {
        assert!(SpacedPhrases::new(&["numéro".to_string()]).is_none());
    }
}
