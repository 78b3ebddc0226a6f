//! One pack regex, parsed and compiled only as far as the question asked
//! of it needs, and the literal gate over many of them.
//!
//! `\b` means an ASCII word boundary: a Unicode one makes the regex engine
//! give up its fast DFA on any non-ASCII text. Each pattern is gated by the
//! literals every match of it must contain (`literals.rs`; looked up in a
//! generated table for the built-in packs, since working them out means
//! parsing the pattern), so it runs only where one of them occurs. A
//! pattern is compiled from its syntax tree when first needed, a loosened
//! forward DFA first (`matcher.rs`), the full regex only once that matches:
//! most patterns never run on a given draft.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_syntax::hir::Hir;

use super::gate::Gate;
use super::hir::{self, drop_anchors, rewrite};
use super::hir_code;
use super::literals::{required_literals, Side};
use super::matcher::Matcher;

/// Compiled-size limit per pattern: generous for hand-written alternations,
/// small enough that a pathological user pattern is refused at load time
/// rather than eating memory.
const SIZE_LIMIT: usize = 2 << 20;

/// The lazy DFA's cache for the prefilter: enough states for every built-in
/// pattern at once, so the scan never falls back to a slower engine.
const PREFILTER_CACHE: usize = 16 << 20;

/// A pack pattern: case-insensitive, `\b` as an ASCII word boundary,
/// size-limited. A built-in pattern is parsed and compiled only when first
/// needed: most never run on a given draft, start-up is paid on every
/// keystroke, and a test parses and compiles every one of them. A user's
/// pattern is compiled at load, so an error points at its line.
#[derive(Clone, Debug)]
pub struct Pattern(Arc<PatternInner>);

#[derive(Debug)]
struct PatternInner {
    source: String,
    /// The syntax tree, which the prefilter is built from.
    hir: OnceLock<Hir>,
    regex: OnceLock<meta::Regex>,
    /// For `is_match` alone, when the lazy DFA takes the pattern.
    matcher: OnceLock<Option<Matcher>>,
    /// For `may_match`: the [loosened](loosen) pattern's lazy DFA.
    loose: OnceLock<Option<Matcher>>,
}

impl Pattern {
    /// A pattern from its source; with `eager`, parse and compile it now, so
    /// that a bad pattern or one over the size limit is refused at once.
    pub fn new(source: &str, eager: bool) -> Result<Pattern, String> {
        let pattern = Pattern(Arc::new(PatternInner {
            source: source.to_string(),
            hir: OnceLock::new(),
            regex: OnceLock::new(),
            matcher: OnceLock::new(),
            loose: OnceLock::new(),
        }));
        if eager {
            let hir = hir::exact(source)?;
            let regex = build(&hir)?;
            let _ = pattern.0.hir.set(hir);
            let _ = pattern.0.regex.set(regex);
        }
        Ok(pattern)
    }

    /// The pattern as written in its pack.
    pub fn source(&self) -> &str {
        &self.0.source
    }

    fn hir(&self) -> &Hir {
        self.0.hir.get_or_init(|| {
            builtin_tree(&self.0.source, Tree::Exact).unwrap_or_else(|| {
                hir::exact(&self.0.source)
                    .expect("lazy patterns are the built-in ones, parsed eagerly by a test")
            })
        })
    }

    /// Whether the pattern matches anywhere in `haystack`. Compiles only a
    /// forward lazy DFA, unless the full regex is built already, and that
    /// only once the [loosened](Self::may_match) pattern has matched: most
    /// cues never match a given text, and the loose DFA compiles in a
    /// fraction of the time.
    pub fn is_match(&self, haystack: &str) -> bool {
        if let Some(regex) = self.0.regex.get() {
            return regex.is_match(haystack);
        }
        if self.0.matcher.get().is_none() && !self.may_match(haystack) {
            return false;
        }
        let matcher = self
            .0
            .matcher
            .get_or_init(|| Matcher::build(self.hir(), SIZE_LIMIT, PREFILTER_CACHE));
        match matcher.as_ref().and_then(|m| m.is_match(haystack)) {
            Some(found) => found,
            None => self.regex().is_match(haystack),
        }
    }

    /// `false` only if the pattern matches nowhere in `haystack`; `true` if
    /// it matches and, rarely, if it nearly does. Asks the most exact engine
    /// built so far, or else the loosened pattern's DFA.
    pub fn may_match(&self, haystack: &str) -> bool {
        if let Some(regex) = self.0.regex.get() {
            return regex.is_match(haystack);
        }
        if let Some(Some(exact)) = self.0.matcher.get() {
            if let Some(found) = exact.is_match(haystack) {
                return found;
            }
        }
        let loose = self.0.loose.get_or_init(|| {
            let hir =
                builtin_tree(&self.0.source, Tree::Loose).or_else(|| hir::loose(&self.0.source))?;
            Matcher::build(&hir, SIZE_LIMIT, PREFILTER_CACHE)
        });
        // A search that gave up, or no loose DFA: maybe.
        let Some(loose) = loose else { return true };
        LOWERCASED.with_borrow_mut(|lower| {
            lower.clear();
            lower.push_str(haystack);
            lower.make_ascii_lowercase();
            let found = loose.is_match(lower).unwrap_or(true);
            // Not kept past a sentence's usual size: a file on one line is
            // one long sentence.
            if lower.capacity() > MAX_KEPT {
                *lower = String::new();
            }
            found
        })
    }

    /// The compiled regex.
    pub fn regex(&self) -> &meta::Regex {
        self.0.regex.get_or_init(|| {
            build(self.hir())
                .expect("lazy patterns are the built-in ones, compiled eagerly by a test")
        })
    }
}

// `BUILTIN_TREES` and `TREE_CODE`: the exact and loose syntax trees of
// every built-in pattern, generated from `rules/` by a test (`tables.rs`).
include!("builtin_trees.rs");

/// Which of a built-in pattern's trees to read.
#[derive(Clone, Copy)]
enum Tree {
    Exact,
    Loose,
}

/// The `which` tree of `source`, read from the generated table; `None` for
/// a user's pattern (and any tree the table does not hold).
fn builtin_tree(source: &str, which: Tree) -> Option<Hir> {
    let i = BUILTIN_TREES
        .binary_search_by(|(pattern, _, _)| (*pattern).cmp(source))
        .ok()?;
    let (_, exact, loose) = &BUILTIN_TREES[i];
    let range = match which {
        Tree::Exact => exact,
        Tree::Loose => loose,
    };
    hir_code::read(TREE_CODE.get(range.clone())?)
}

/// Compile from the syntax tree: printing it and parsing the text again (as
/// `regex::Regex` would need) cost a third of the compile time, since a
/// case-insensitive tree prints every class in full. Half of what was left
/// went on the regex's own literal prefilter and its one-pass DFA: the
/// gate has already found a literal in the sentence, which is short, and
/// searches are never anchored, so neither would ever pay.
fn build(hir: &Hir) -> Result<meta::Regex, String> {
    let config = meta::Config::new()
        .auto_prefilter(false)
        .onepass(false)
        .nfa_size_limit(Some(SIZE_LIMIT))
        .hybrid_cache_capacity(PREFILTER_CACHE);
    meta::Builder::new()
        .configure(config)
        .build_from_hir(hir)
        .map_err(|e| match e.size_limit() {
            Some(limit) => {
                format!("invalid regex: compiled size exceeds the limit of {limit} bytes")
            }
            None => format!("invalid regex: {e}"),
        })
}

/// The most the lowercased haystack's buffer keeps between searches.
const MAX_KEPT: usize = 64 << 10;

thread_local! {
    /// The haystack with its ASCII letters lowercased, for the
    /// [loosened](loosen) patterns; kept from one to the next.
    static LOWERCASED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The gate literals of one built-in pattern, as the build script writes them.
pub(super) type BuiltinLiterals = (Side, &'static [&'static str]);

// `BUILTIN_LITERALS`: `(pattern, its literals)` for every built-in pattern,
// sorted, generated from `rules/` by a test (`builtin_literals.rs`).
include!("builtin_literals.rs");

/// The gate literals of `source`, none shorter than `min_len`: looked up
/// for a built-in pattern (and not copied: there are thousands), worked out
/// for a user's.
pub fn literals_of(source: &str, min_len: usize) -> Option<(Side, Vec<Cow<'static, str>>)> {
    match BUILTIN_LITERALS.binary_search_by(|((m, s), _)| (*m, *s).cmp(&(min_len, source))) {
        Ok(i) => BUILTIN_LITERALS[i]
            .1
            .map(|(side, list)| (side, list.iter().map(|&l| Cow::Borrowed(l)).collect())),
        Err(_) => required_literals(source, min_len)
            .map(|(side, list)| (side, list.into_iter().map(Cow::Owned).collect())),
    }
}

/// The gate over the literals of `patterns` (none shorter than `min_len`),
/// and the indices of the patterns that have none and so must be tried some
/// other way.
pub fn gate_of<'a>(
    patterns: impl IntoIterator<Item = &'a Pattern>,
    min_len: usize,
) -> (Option<Gate>, Vec<usize>) {
    let mut literals = Vec::new();
    let mut ungated = Vec::new();
    for (i, pattern) in patterns.into_iter().enumerate() {
        match literals_of(pattern.source(), min_len) {
            Some((side, list)) => literals.extend(list.into_iter().map(|l| (i, side, l))),
            None => ungated.push(i),
        }
    }
    (Gate::build(literals), ungated)
}

/// One automaton that matches wherever any of `patterns` could match in a
/// sentence. Built straight from the syntax trees, with no capture groups and
/// no literal prefilter of its own: that keeps start-up short.
pub fn prefilter<'a>(patterns: impl IntoIterator<Item = &'a Pattern>) -> meta::Regex {
    let alternatives = patterns
        .into_iter()
        .map(|p| rewrite(p.hir().clone(), &drop_anchors, false))
        .collect();
    let config = meta::Config::new()
        .auto_prefilter(false)
        .which_captures(WhichCaptures::Implicit)
        .hybrid_cache_capacity(PREFILTER_CACHE);
    meta::Builder::new()
        .configure(config)
        .build_from_hir(&Hir::alternation(alternatives))
        .expect("patterns that compiled alone compile together")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Constructs the loosening rewrites: case folding that reaches past
    /// ASCII (`s` and `ſ`, `k` and the Kelvin sign), bounded repetitions of
    /// Unicode classes, `\w`, anchors, word boundaries, captures.
    const LOOSENED: &[&str] = &[
        r"\bas (?:I|we) said\b",
        r"[^.!?]{0,3}end",
        r"\w{2,3}ly\b",
        r"^\W*(?P<hit>ok)\s*[,:;—–-]",
        r"sk(?: \w+){1,2} kss$",
        r"[é-ü]{2}",
        "[\u{17F}\u{212A}]ly",
    ];

    #[test]
    fn loose_patterns_match_what_they_loosen_in_any_script() {
        for (source, text) in [
            (LOOSENED[0], "Aſ I ſaid"),
            (LOOSENED[1], "ab😀end"),
            (LOOSENED[2], "ünly"),
            (LOOSENED[4], "ſ\u{212A} ü ß \u{212A}sſ"),
            (LOOSENED[5], "éü"),
            (LOOSENED[6], "Sly"),
            (LOOSENED[6], "kly"),
        ] {
            let pattern = Pattern::new(source, false).unwrap();
            assert!(pattern.regex().is_match(text), "{source} on {text}");
            assert!(
                Pattern::new(source, false).unwrap().may_match(text),
                "{source} on {text}"
            );
        }
        // Looser, not anything goes.
        let pattern = Pattern::new(LOOSENED[0], false).unwrap();
        assert!(!pattern.may_match("as they said"));
        assert!(!pattern.is_match("as they said"));
    }

    #[test]
    fn a_long_haystack_is_not_kept_lowercased() {
        let pattern = Pattern::new(LOOSENED[0], false).unwrap();
        let long = "As they said ".repeat(10_000);
        assert!(!pattern.may_match(&long));
        assert!(LOWERCASED.with_borrow(|l| l.capacity()) <= MAX_KEPT);
        assert!(pattern.may_match("AS WE SAID"));
    }

    proptest! {
        /// Wherever a pattern matches, its loosened form matches, and
        /// `is_match`, which asks the loosened form first, agrees with the
        /// full regex.
        #[test]
        fn loosening_never_loses_a_match(
            which in 0..LOOSENED.len(),
            text in "[aAsSkK \u{17F}\u{212A}éüß😀.,;!?ewndlyoIWmid-]{0,24}",
        ) {
            let source = LOOSENED[which];
            let exact = Pattern::new(source, false).unwrap().regex().is_match(&text);
            if exact {
                prop_assert!(Pattern::new(source, false).unwrap().may_match(&text));
            }
            prop_assert_eq!(Pattern::new(source, false).unwrap().is_match(&text), exact);
        }
    }

    #[test]
    fn the_forward_matcher_agrees_with_the_full_regex() {
        let sources = [
            r"\bso (?:that )?(?:[\w-]+ ){0,2}(?:can|will)\b",
            r"\blast (?:four|4)\s*$",
            r"^again,",
            r"\bcafé\b",
        ];
        let texts = [
            "so the courier can",
            "so that we will",
            "also the team can",
            "the last four ",
            "the last four digits",
            "again, no",
            "once again, no",
            "CAFÉ au lait",
            "cafés",
            "",
        ];
        for source in sources {
            let lazy = Pattern::new(source, false).unwrap();
            let full = Pattern::new(source, false).unwrap();
            for text in texts {
                assert_eq!(
                    lazy.is_match(text),
                    full.regex().is_match(text),
                    "{source} on {text:?}"
                );
            }
            assert!(
                lazy.0.regex.get().is_none(),
                "is_match built the full regex"
            );
        }
    }

    #[test]
    fn oversized_patterns_are_refused() {
        let huge = format!("(?:{}){{1000}}", "[a-z]{50}");
        assert!(Pattern::new(&huge, true)
            .unwrap_err()
            .contains("invalid regex"));
    }
}
