//! Finding phrases whose words may be split by any run of whitespace ("date
//! of\nbirth"), on ASCII word boundaries, without a regex: what
//! `\b(?:social\s+security\s+number|…)\b` finds (the longest phrases listed
//! first), with case folded for ASCII letters only.
//!
//! The personal-data primitive scans every draft for its data spellings and
//! looks them up again in each sentence it checks. As regexes those lists
//! cost more to compile than a whole 1 KB draft takes to lint, paid on every
//! run. Here the first words of the phrases are searched for as literals
//! and the rest of the phrase is compared at each hit.

use aho_corasick::AhoCorasickKind;

use super::literal_search::LiteralSearch;
use crate::span::Span;

#[derive(Debug)]
pub(crate) struct SpacedPhrases {
    /// The distinct first words, lowercase.
    first_words: Vec<String>,
    /// Their search, for text the linter's scan has not searched.
    search: LiteralSearch,
    /// Per first word: the rest of each phrase it opens, word by word, and
    /// the phrase's rank (a regex alternation of the phrases, longest first,
    /// tries them in rank order).
    rests: Vec<Vec<(usize, Vec<String>)>>,
}

impl SpacedPhrases {
    /// `None` when there are no phrases, or a phrase is not ASCII (its case
    /// cannot be folded byte by byte) or holds other whitespace than single
    /// spaces; the caller then uses a regex.
    pub fn new(phrases: &[String]) -> Option<SpacedPhrases> {
        let mut ranked: Vec<&str> = phrases.iter().map(|p| p.trim()).collect();
        ranked.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut firsts: Vec<String> = Vec::new();
        let mut rests: Vec<Vec<(usize, Vec<String>)>> = Vec::new();
        for (rank, phrase) in ranked.into_iter().enumerate() {
            if !phrase.is_ascii() || phrase.contains("  ") || phrase.contains(['\t', '\n', '\r']) {
                return None;
            }
            let mut words = phrase.split(' ').map(str::to_ascii_lowercase);
            let Some(first) = words.next().filter(|w| !w.is_empty()) else {
                continue;
            };
            let rest: Vec<String> = words.collect();
            match firsts.iter().position(|f| *f == first) {
                Some(i) => rests[i].push((rank, rest)),
                None => {
                    firsts.push(first);
                    rests.push(vec![(rank, rest)]);
                }
            }
        }
        if firsts.is_empty() {
            return None;
        }
        Some(SpacedPhrases {
            search: LiteralSearch::new(&firsts, Some(AhoCorasickKind::DFA)),
            first_words: firsts,
            rests,
        })
    }

    /// The first words, which the linter's scan of the text looks for.
    pub fn first_words(&self) -> &[String] {
        &self.first_words
    }

    /// Every occurrence of every phrase, with its rank, ascending by start
    /// and then rank.
    fn occurrences(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut first_words = Vec::new();
        self.search.for_each(text, |start, end, first| {
            first_words.push((start, end, first))
        });
        self.occurrences_from(text, &first_words)
    }

    /// [`occurrences`](Self::occurrences), given `(start, end, first word)`
    /// for every first word in the text.
    fn occurrences_from(
        &self,
        text: &str,
        first_words: &[(usize, usize, usize)],
    ) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        for &hit in first_words {
            self.extend(text, hit, &mut found);
        }
        found.sort_unstable();
        found
    }

    /// The phrases that a first word found at `start..end` opens, as
    /// `(start, rank, end)`.
    fn extend(
        &self,
        text: &str,
        (start, end, first): (usize, usize, usize),
        found: &mut Vec<(usize, usize, usize)>,
    ) {
        let bytes = text.as_bytes();
        if !boundary(bytes, start) {
            return;
        }
        // Where the word after the first starts, found once for all the
        // phrases the first word opens ("your" opens five).
        let mut second: Option<Option<usize>> = None;
        for (rank, rest) in &self.rests[first] {
            let phrase_end = match rest.split_first() {
                None => Some(end),
                Some((word, more)) => (*second.get_or_insert_with(|| after_gap(text, end)))
                    .and_then(|at| word_at(text, at, word))
                    .and_then(|at| rest_follows(text, at, more)),
            };
            if let Some(end) = phrase_end.filter(|&end| boundary(bytes, end)) {
                found.push((start, *rank, end));
            }
        }
    }

    /// Every occurrence of every phrase, overlapping ones included, given
    /// `(start, end, first word)` for every first word in the text (the
    /// linter's scan finds them).
    pub fn find_all(&self, text: &str, first_words: &[(usize, usize, usize)]) -> Vec<Span> {
        spans(self.occurrences_from(text, first_words))
    }

    /// The matches where, of phrases that overlap ("your social" and
    /// "social security number" in "your social security number"), the
    /// longest stands: the words a finding is about.
    pub fn find_longest(&self, text: &str) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        for (start, _, end) in self.occurrences(text) {
            match out.last_mut() {
                Some(last) if start < last.end => {
                    if end - start > last.len() {
                        *last = Span::new(start, end);
                    }
                }
                _ => out.push(Span::new(start, end)),
            }
        }
        out
    }

    /// The matches a regex of the phrases finds: leftmost first, of the
    /// phrases that match there the first in rank, then on from its end.
    pub fn find(&self, text: &str) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        for (start, _, end) in self.occurrences(text) {
            if out.last().is_none_or(|last| start >= last.end) {
                out.push(Span::new(start, end));
            }
        }
        out
    }
}

fn spans(occurrences: Vec<(usize, usize, usize)>) -> Vec<Span> {
    occurrences
        .into_iter()
        .map(|(start, _, end)| Span::new(start, end))
        .collect()
}

/// Where the words of `rest` end if they follow `at`, each after at least one
/// whitespace char.
fn rest_follows(text: &str, mut at: usize, rest: &[String]) -> Option<usize> {
    for word in rest {
        at = word_at(text, after_gap(text, at)?, word)?;
    }
    Some(at)
}

/// Past the run of whitespace at `at`; `None` if there is none.
fn after_gap(text: &str, at: usize) -> Option<usize> {
    let gap: usize = text[at..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    (gap > 0).then_some(at + gap)
}

/// Past `word` (lowercase ASCII) if it is at `at`, in any case.
fn word_at(text: &str, at: usize, word: &str) -> Option<usize> {
    let next = text.as_bytes().get(at..at + word.len())?;
    next.eq_ignore_ascii_case(word.as_bytes())
        .then_some(at + word.len())
}

/// Whether `at` is an ASCII word boundary, as `\b` is in pack patterns.
fn boundary(bytes: &[u8], at: usize) -> bool {
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    let before = at.checked_sub(1).and_then(|i| bytes.get(i));
    word(before) != word(bytes.get(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Scan;

    fn phrases(list: &[&str]) -> SpacedPhrases {
        let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        SpacedPhrases::new(&list).unwrap()
    }

    /// Every occurrence, the first words found as the linter's scan finds
    /// them.
    fn find_all(set: &SpacedPhrases, text: &str) -> Vec<Span> {
        let scan = Scan::new([set.first_words()]).unwrap();
        let mut first_words = Vec::new();
        scan.for_each(text, |_, start, end, i| first_words.push((start, end, i)));
        set.find_all(text, &first_words)
    }

    fn slices(spans: Vec<Span>, text: &str) -> Vec<&str> {
        spans.into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn words_may_be_split_by_any_whitespace() {
        let text = "Your Date  of\nbirth and ssn, not birthdate or SSNs.";
        for _ in 0..2 {
            let found = find_all(&phrases(&["date of birth", "SSN"]), text);
            assert_eq!(slices(found, text), ["Date  of\nbirth", "ssn"]);
        }
    }

    #[test]
    fn find_all_keeps_overlaps_and_find_reads_as_a_regex_would() {
        let set = phrases(&[
            "social security",
            "social security number",
            "security number",
        ]);
        let text = "social security number";
        for _ in 0..2 {
            assert_eq!(
                slices(find_all(&set, text), text),
                [
                    "social security number",
                    "social security",
                    "security number"
                ]
            );
        }
        assert_eq!(slices(set.find(text), text), ["social security number"]);
    }

    #[test]
    fn boundaries_are_those_of_backslash_b() {
        let set = phrases(&["social security #", "last 4"]);
        let text = "security #1, last 40, social security #1, social security # ";
        // `\b` after "#" needs a word char next.
        assert_eq!(slices(set.find(text), text), ["social security #"]);
    }

    #[test]
    fn phrases_a_scan_cannot_read_exactly_are_left_to_the_regex() {
        for odd in ["numéro", "date  of birth", "date\tof birth"] {
            assert!(SpacedPhrases::new(&[odd.to_string()]).is_none(), "{odd}");
        }
    }

    // "date" opens a longer phrase too, and stands alone before a comma.
    const SPELLINGS: [&str; 10] = [
        "date of birth",
        "date",
        "DOB",
        "social security",
        "social security number",
        "social security #",
        "your address",
        "your new address",
        "mother's maiden name",
        "e-mail address",
    ];

    /// The regex the personal-data primitive would build of `list`.
    fn regex_of(list: &[&str]) -> regex::Regex {
        let mut sorted = list.to_vec();
        sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let alternation: Vec<String> = sorted
            .iter()
            .map(|p| regex::escape(p).replace(' ', r"\s+"))
            .collect();
        regex::RegexBuilder::new(&format!(r"(?-u:\b)(?:{})(?-u:\b)", alternation.join("|")))
            .case_insensitive(true)
            .build()
            .unwrap()
    }

    fn regex_find(regex: &regex::Regex, text: &str) -> Vec<Span> {
        regex
            .find_iter(text)
            .map(|m| Span::new(m.start(), m.end()))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_regex_on_any_mix_of_its_words(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "date", "of", "birth", "DOB", "dob", "social", "Security", "number", "#",
                    "your", "new", "address", "mother's", "maiden", "name", "e-mail", " ", "  ",
                    "\n", "\u{a0}", "_", "1", "é", ",", "-",
                ]),
                0..24,
            )
        ) {
            let text = parts.concat();
            let owned: Vec<String> = SPELLINGS.iter().map(|s| s.to_string()).collect();
            let set = SpacedPhrases::new(&owned).unwrap();
            let regex = regex_find(&regex_of(&SPELLINGS), &text);
            for _ in 0..2 {
                proptest::prop_assert_eq!(set.find(&text), regex.clone());
            }
        }
    }

    /// The scan and the regex it stands for agree on real sentences.
    #[test]
    fn agrees_with_the_regex_of_the_phrases() {
        let owned: Vec<String> = SPELLINGS.iter().map(|s| s.to_string()).collect();
        let set = SpacedPhrases::new(&owned).unwrap();
        let regex = regex_of(&SPELLINGS);
        for text in [
            "What is your DOB, your date of\u{a0}birth, your Social  Security Number?",
            "social security #5 and social security # x, your new address or your address",
            "Mother's maiden name; e-mail address; E-MAIL ADDRESSES; dobs",
            "_dob dob_ 1dob dob1 -dob- é dob é",
        ] {
            assert_eq!(set.find(text), regex_find(&regex, text), "{text}");
        }
    }
}
