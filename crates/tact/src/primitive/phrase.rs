//! The `phrase` primitive: every phrase of every enabled phrase rule, found
//! by the linter's one scan of the text, however many phrases the packs
//! hold. A phrase matches case-insensitively on word boundaries, and may
//! carry a replacement.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::kind::{required, spec, Found, Hit, Kind, Load, Primitive, RuleTable, Spec, SpecError};
use crate::document::{on_word_boundaries, Document};
use crate::fold::Folded;
use crate::search::KEY_BYTES;
use crate::span::Span;

pub(crate) static KIND: Kind = Kind {
    name: "phrase",
    fields: &["phrases"],
    table: None,
    read_rule,
    build,
};

/// A phrase rule's own field.
#[derive(Deserialize)]
struct Fields {
    phrases: Option<Spanned<Vec<Spanned<String>>>>,
}

/// A phrase rule's phrases, trimmed.
#[derive(Debug)]
struct Phrases(Vec<String>);

fn read_rule(rule: RuleTable, _: Option<&dyn Spec>, _: Load) -> Result<Box<dyn Spec>, SpecError> {
    let span = rule.span();
    let Fields { phrases } = rule.read()?;
    let phrases = required(phrases, "phrases", KIND.name, span)?;
    let mut out = Vec::with_capacity(phrases.len());
    for phrase in phrases {
        let text = phrase.get_ref().trim();
        if text.is_empty() {
            return Err((phrase.span(), "empty phrase".into(), None));
        }
        out.push(text.to_string());
    }
    Ok(Box::new(Phrases(out)))
}

fn build(rules: &[(usize, &dyn Spec)]) -> Option<Box<dyn Primitive>> {
    let lists = rules
        .iter()
        .map(|&(i, rule)| (i, spec::<Phrases>(rule).0.as_slice()));
    let index = PhraseIndex::build(lists)?;
    Some(Box::new(index))
}

impl Primitive for PhraseIndex {
    fn literals(&self) -> Vec<&[String]> {
        vec![&self.keys]
    }

    fn check(&self, doc: &Document, found: &mut [Vec<Found>], hits: &mut Vec<Hit>) {
        for &at in &found[0] {
            self.hit(doc.text(), at, hits);
        }
    }
}

/// A key shared by more phrases than this is not searched for: its phrases
/// are, whole. Comparing each at every occurrence of the key would make a
/// user pack of thousands of phrases that start alike slow to lint.
const MAX_PER_KEY: usize = 32;

/// The phrases' first bytes are what the scan searches for, not the whole
/// phrases: their hundreds of long literals were a third of the scan's
/// automaton, which is built on every long run (and a larger one walks
/// slower), and phrases are rare in real replies, so comparing the rest at
/// each occurrence of a key costs next to nothing.
pub(crate) struct PhraseIndex {
    /// Every phrase, folded as the text is.
    phrases: Vec<String>,
    /// Rule index of each phrase.
    owners: Vec<usize>,
    /// What the scan searches for: a phrase's first [`KEY_BYTES`] bytes,
    /// or the whole phrase.
    keys: Vec<String>,
    /// Per key, the phrases that start with it.
    opens: Vec<Vec<usize>>,
}

impl PhraseIndex {
    /// Build from `(rule index, phrases)` pairs; `None` if there
    /// are no phrases at all.
    pub fn build<'a>(rules: impl IntoIterator<Item = (usize, &'a [String])>) -> Option<Self> {
        let mut owners = Vec::new();
        let mut phrases = Vec::new();
        for (rule, list) in rules {
            for phrase in list {
                phrases.push(normalize_phrase(phrase));
                owners.push(rule);
            }
        }
        if phrases.is_empty() {
            return None;
        }
        let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, phrase) in phrases.iter().enumerate() {
            by_key.entry(key(phrase)).or_default().push(i);
        }
        let (mut keys, mut opens) = (Vec::new(), Vec::new());
        for (key, members) in by_key {
            if members.len() <= MAX_PER_KEY {
                keys.push(key);
                opens.push(members);
            } else {
                for i in members {
                    keys.push(phrases[i].clone());
                    opens.push(vec![i]);
                }
            }
        }
        Some(PhraseIndex {
            phrases,
            owners,
            keys,
            opens,
        })
    }

    /// What to search for; [`hit`](Self::hit) takes what is found.
    #[cfg(test)]
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// A hit for each phrase that key `key`, found at `start`, opens and
    /// the text holds there, starting and ending on a word boundary.
    pub fn hit(&self, text: &str, (start, _, key): (usize, usize, usize), out: &mut Vec<Hit>) {
        for &i in &self.opens[key] {
            let phrase = self.phrases[i].as_bytes();
            let end = start + phrase.len();
            let here = text.as_bytes().get(start..end);
            if !here.is_some_and(|h| h.eq_ignore_ascii_case(phrase)) {
                continue;
            }
            let span = Span::new(start, end);
            if on_word_boundaries(text, span) {
                out.push(Hit {
                    rule: self.owners[i],
                    span,
                    replacement: None,
                    fix_span: None,
                });
            }
        }
    }
}

/// A phrase's first [`KEY_BYTES`] bytes, lowercase, to the end of a char.
fn key(phrase: &str) -> String {
    let mut cut = phrase.len().min(KEY_BYTES);
    while !phrase.is_char_boundary(cut) {
        cut += 1;
    }
    phrase[..cut].to_ascii_lowercase()
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
    use crate::search::Scan;

    fn scan(index: &PhraseIndex, text: &str) -> Vec<Hit> {
        let scan = Scan::new([index.keys()]).unwrap();
        let mut hits = Vec::new();
        scan.for_each(text, |_, start, end, i| {
            index.hit(text, (start, end, i), &mut hits)
        });
        hits
    }

    fn find(phrases: &[&str], text: &str) -> Vec<(usize, String)> {
        let phrases: Vec<String> = phrases.iter().map(|s| s.to_string()).collect();
        let index = PhraseIndex::build([(7, phrases.as_slice())]).unwrap();
        let hits = scan(&index, text);
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
        let hits = scan(&index, "see phrase number 99999 here");
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn phrases_that_share_a_key_are_told_apart() {
        let phrases = ["as I said before", "as I said earlier", "as I said"];
        assert_eq!(
            find(&phrases, "As I said earlier, and as I said. As I said bef"),
            [
                (7, "As I said earlier".into()),
                (7, "As I said".into()),
                (7, "as I said".into()),
                (7, "As I said".into()),
            ]
        );
    }

    #[test]
    fn a_key_many_phrases_share_is_not_searched_for_but_they_are() {
        let many: Vec<String> = (0..=MAX_PER_KEY)
            .map(|i| format!("thank you {i}"))
            .collect();
        let few = ["we apologize".to_string(), "we apologise".to_string()];
        let index = PhraseIndex::build([(1, many.as_slice()), (2, few.as_slice())]).unwrap();
        assert!(index.keys().contains(&"thank you 7".to_string()));
        assert!(index.keys().contains(&"we apolo".to_string()));
        assert!(!index.keys().contains(&"we apologise".to_string()));
        let hits = scan(&index, "Thank you 7. We apologise");
        let found: Vec<(usize, Span)> = hits.iter().map(|h| (h.rule, h.span)).collect();
        assert_eq!(found, [(1, Span::new(0, 11)), (2, Span::new(13, 25))]);
    }

    #[test]
    fn overlapping_phrases_are_all_reported() {
        assert_eq!(find(&["as I said", "I said"], "as I said").len(), 2);
    }
}
