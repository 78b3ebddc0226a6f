//! Word lists from outside sources, kept as sorted text and searched in
//! place: no table to build at start-up, one binary search (or, for the
//! word frequencies, one hash table built on first use) per lookup.
//!
//! `verbs.txt` is every one-word verb of WordNet 3.0 (Princeton University;
//! the WordNet 3.0 licence, permissive, is in `LICENSE-WORDNET` beside it)
//! and the "-ed" forms of its exception list; `verbs.sh` regenerates it from
//! Debian's `wordnet-base`.
//!
//! `frequent.txt` is the 3,000 most frequent words of real support replies
//! with their count per million words; `frequent.sh` regenerates it and
//! says where the replies come from.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

static VERBS_TEXT: &str = include_str!("verbs.txt");

/// The lines of `verbs.txt`, which is sorted bytewise.
fn verbs() -> &'static [&'static str] {
    static VERBS: OnceLock<Vec<&'static str>> = OnceLock::new();
    VERBS.get_or_init(|| VERBS_TEXT.lines().collect())
}

/// Whether `word` (lowercase) is a verb WordNet knows, or an "-ed" form it
/// lists as an exception ("abetted").
pub(crate) fn is_verb(word: &str) -> bool {
    verbs().binary_search(&word).is_ok()
}

static FREQUENT_TEXT: &str = include_str!("frequent.txt");

/// `frequent.txt` as a table from word to count per million.
fn frequent() -> &'static FxHashMap<&'static str, u32> {
    static FREQUENT: OnceLock<FxHashMap<&'static str, u32>> = OnceLock::new();
    FREQUENT.get_or_init(|| {
        FREQUENT_TEXT
            .lines()
            .filter_map(|l| {
                let (word, n) = l.split_once(' ')?;
                Some((word, n.parse().ok()?))
            })
            .collect()
    })
}

/// How often `word` (lowercase) stands in support replies, per million
/// words; a word past the list's 3,000 is rarer than any in it.
pub(crate) fn frequency(word: &str) -> u32 {
    frequent().get(word).copied().unwrap_or(1)
}

/// Prefixes that make a verb of a verb ("rebooked", "unsubscribed",
/// "auto-renewed"): a form with one is a participle when the rest is.
const PREFIXES: &[&str] = &[
    "re-", "re", "un", "pre-", "pre", "auto-", "mis", "over", "under", "de", "dis", "co-", "co",
    "out", "up", "double-", "cross-", "self-",
];

/// Whether `word` (lowercase, ending in "-ed") is the regular past
/// participle of a verb the lexicon knows or `known` accepts: "learned"
/// (learn), "used" (use), "denied" (deny), "stopped" (stop), "rebooked"
/// (book).
pub(crate) fn is_regular_participle(word: &str, known: &dyn Fn(&str) -> bool) -> bool {
    let verb = |stem: &str| stem.len() >= 2 && (is_verb(stem) || known(stem));
    let stems = |w: &str| -> bool {
        let Some(base) = w.strip_suffix("ed") else {
            return false;
        };
        // "-eed" words are mostly not participles (need, speed, indeed);
        // the few that are (agreed, freed) are the pack's irregulars.
        if base.len() < 2 || w.ends_with("eed") {
            return false;
        }
        // An exception form ("abetted"); a verb of its own that ends in
        // "-ed" and is this short ("shed", "bed") is no participle.
        (w.len() > 5 && is_verb(w))
            // "used": use; "scheduled": schedule.
            || verb(&w[..w.len() - 1])
            // "learned": learn.
            || verb(base)
            // "denied": deny.
            || base.strip_suffix('i').is_some_and(|b| verb(&format!("{b}y")))
            // "stopped": stop.
            || (base.len() >= 3
                && base.as_bytes()[base.len() - 1] == base.as_bytes()[base.len() - 2]
                && verb(&base[..base.len() - 1]))
    };
    if stems(word) {
        return true;
    }
    PREFIXES.iter().any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| rest.len() >= 4 && stems(rest))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_is_sorted_so_that_lookups_find_every_line() {
        let verbs = verbs();
        assert!(verbs.len() > 9_000);
        assert!(verbs.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn frequencies_rank_support_words() {
        assert!(frequency("you") > frequency("refund"));
        assert!(frequency("refund") > frequency("chargeback"));
        assert_eq!(frequency("zyzzyva"), 1);
    }

    #[test]
    fn regular_participles_are_known_by_their_verb() {
        let none = |_: &str| false;
        for word in [
            "sued",
            "used",
            "learned",
            "denied",
            "stopped",
            "planned",
            "scheduled",
            "rebooked",
            "unsubscribed",
            "overcharged",
            "abetted",
            "refunded",
            "escalated",
            "auto-renewed",
        ] {
            assert!(is_regular_participle(word, &none), "{word}");
        }
        for word in [
            "bed", "red", "hundred", "sacred", "need", "speed", "indeed", "naked", "shed",
        ] {
            assert!(!is_regular_participle(word, &none), "{word}");
        }
        assert!(!is_regular_participle("texted", &none));
        assert!(is_regular_participle("texted", &|v: &str| v == "text"));
    }
}
