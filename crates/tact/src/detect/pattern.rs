//! The `pattern` primitive: regular expressions for what a phrase list cannot
//! say ("clearly you", but not "clearly we"). Patterns run on one sentence at
//! a time, so `^` and `$` anchor at sentence edges and a gap like `[^,]*`
//! cannot run into the next sentence. The `regex` crate runs in linear time,
//! so no pack can make a draft hang.
//!
//! Speed comes from three choices. `\b` means an ASCII word boundary: a
//! Unicode one makes the regex engine give up its fast DFA on any non-ASCII
//! text. Each pattern is gated by the literals every match of it must
//! contain ("as alrea", "per my e"), all patterns' literals in one
//! Aho-Corasick automaton that scans the text once; a pattern runs only on
//! the sentences where one of its literals occurs. The few patterns with no
//! such literal share one regex prefilter (anchors and groups dropped). And
//! patterns are parsed and compiled only when a sentence first needs them.
//! The gate replaced a prefilter of all patterns at once: that prefilter was
//! exact, but parsing every pattern and building its lazy DFA cost more than
//! the whole lint of a draft or a one-shot run over a large file.

use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

use super::{touched, Hit};
use crate::span::Span;

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
pub(crate) struct Pattern(Arc<PatternInner>);

#[derive(Debug)]
struct PatternInner {
    source: String,
    /// The syntax tree, which the prefilter is built from.
    hir: OnceLock<Hir>,
    regex: OnceLock<meta::Regex>,
}

impl Pattern {
    /// A pattern from its source; with `eager`, parse and compile it now, so
    /// that a bad pattern or one over the size limit is refused at once.
    pub fn new(source: &str, eager: bool) -> Result<Pattern, String> {
        let pattern = Pattern(Arc::new(PatternInner {
            source: source.to_string(),
            hir: OnceLock::new(),
            regex: OnceLock::new(),
        }));
        if eager {
            let hir = parse(source)?;
            let regex = build(&hir)?;
            let _ = pattern.0.hir.set(hir);
            let _ = pattern.0.regex.set(regex);
        }
        Ok(pattern)
    }

    fn hir(&self) -> &Hir {
        self.0.hir.get_or_init(|| {
            parse(&self.0.source)
                .expect("lazy patterns are the built-in ones, parsed eagerly by a test")
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

fn parse(source: &str) -> Result<Hir, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(source)
        .map_err(|e| format!("invalid regex: {e}"))?;
    Ok(rewrite(hir, &ascii_boundary, true))
}

/// Compile from the syntax tree: printing it and parsing the text again (as
/// `regex::Regex` would need) cost a third of the compile time, since a
/// case-insensitive tree prints every class in full.
fn build(hir: &Hir) -> Result<meta::Regex, String> {
    let config = meta::Config::new()
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

fn ascii_boundary(look: Look) -> Hir {
    Hir::look(match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    })
}

/// For the prefilter: a sentence edge is somewhere inside the text, so `^` and
/// `$` match anything (a superset, which is all a prefilter needs).
fn drop_anchors(look: Look) -> Hir {
    match look {
        Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF => {
            Hir::empty()
        }
        other => Hir::look(other),
    }
}

/// Rebuild `hir` with every look-around assertion mapped by `look`; capture
/// groups are kept, or dropped so that many patterns with a `hit` group can
/// be joined into one.
fn rewrite(hir: Hir, look: &dyn Fn(Look) -> Hir, captures: bool) -> Hir {
    let again = |h: Hir| rewrite(h, look, captures);
    match hir.into_kind() {
        HirKind::Look(l) => look(l),
        HirKind::Capture(c) if !captures => again(*c.sub),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(again(*c.sub)),
            ..c
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(again(*r.sub)),
            ..r
        }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(again).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(again).collect()),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Class(Class::Unicode(c)) if !captures => {
            Hir::class(Class::Unicode(ascii_exact(c)))
        }
        HirKind::Class(c) => Hir::class(c),
    }
}

/// For the prefilter: a class keeps its ASCII members and takes in every
/// non-ASCII char if it has any. A superset, and a far smaller automaton than
/// Unicode `\w` or a case-folded class, so the prefilter compiles fast.
fn ascii_exact(class: ClassUnicode) -> ClassUnicode {
    let mut ranges: Vec<ClassUnicodeRange> = class
        .ranges()
        .iter()
        .filter(|r| r.start() <= '\x7f')
        .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\x7f')))
        .collect();
    if class.ranges().iter().any(|r| r.end() > '\x7f') {
        ranges.push(ClassUnicodeRange::new('\u{80}', char::MAX));
    }
    ClassUnicode::new(ranges)
}

/// How much of each literal the gate's automaton holds. Eight bytes keep the
/// automaton small and quick to build; the rest of the literal is compared
/// at each hit.
const GATE_BYTES: usize = 8;

/// How much of each literal is checked in all: with eight bytes, common
/// openings ("you are ", "you 'll ") sent a pattern to ten times as many
/// sentences as sixteen do.
const LITERAL_BYTES: usize = 16;

/// Which end of a match a required literal sits at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Prefix,
    Suffix,
}

/// Literals, lowercase ASCII, at least one of which every match of `source`
/// starts with (or ends with, per the side): read case-sensitively, so that
/// "clearly" is one literal, not 128 case variants; the gate compares ASCII
/// case-insensitively. `None` when the pattern has no such set worth
/// scanning for: a literal shorter than three bytes, a non-ASCII one, or too
/// many.
fn required_literals(source: &str) -> Option<(Side, Vec<String>)> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .ok()?;
    let hir = rewrite(hir, &drop_anchors, false);
    let mut best: Option<(Side, Vec<String>)> = None;
    for side in [Side::Prefix, Side::Suffix] {
        let kind = match side {
            Side::Prefix => ExtractKind::Prefix,
            Side::Suffix => ExtractKind::Suffix,
        };
        let mut seq = Extractor::new()
            .kind(kind)
            .limit_literal_len(LITERAL_BYTES)
            .limit_total(400)
            .extract(&hir);
        match side {
            Side::Prefix => seq.keep_first_bytes(LITERAL_BYTES),
            Side::Suffix => seq.keep_last_bytes(LITERAL_BYTES),
        }
        seq.dedup();
        let Some(literals) = seq.literals() else {
            continue;
        };
        let mut list: Vec<String> = Vec::new();
        for l in literals {
            let text = std::str::from_utf8(l.as_bytes()).ok()?;
            if text.len() < 3 || !text.is_ascii() {
                list.clear();
                break;
            }
            list.push(text.to_ascii_lowercase());
        }
        list.sort();
        list.dedup();
        let shortest = |l: &[String]| l.iter().map(String::len).min().unwrap_or(0);
        if !list.is_empty()
            && best
                .as_ref()
                .is_none_or(|(_, b)| shortest(&list) > shortest(b))
        {
            best = Some((side, list));
        }
    }
    best
}

/// The gate: the first (or last) bytes of every required literal in one
/// automaton, and for each of those keys the literals it opens and the
/// pattern each belongs to.
struct Gate {
    automaton: AhoCorasick,
    /// Per automaton pattern: `(entry, side, whole literal)`.
    candidates: Vec<Vec<(usize, Side, String)>>,
}

impl Gate {
    fn build(literals: Vec<(usize, Side, String)>) -> Option<Gate> {
        let mut keys: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<(usize, Side, String)>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
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
            .kind(Some(AhoCorasickKind::DFA))
            .build(&keys)
            .expect("literals of patterns that parsed are within size limits");
        Some(Gate {
            automaton,
            candidates,
        })
    }

    /// `(sentence, entry)` for every whole literal found in a sentence.
    fn find(&self, text: &str, sentences: &[Span], work: &mut Vec<(usize, usize)>) {
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

/// One automaton that matches wherever any of `patterns` could match in a
/// sentence. Built straight from the syntax trees, with no capture groups and
/// no literal prefilter of its own: that keeps start-up short.
pub(crate) fn prefilter<'a>(patterns: impl IntoIterator<Item = &'a Pattern>) -> meta::Regex {
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

pub(crate) struct PatternIndex {
    /// The literals some match of each gated pattern must contain.
    gate: Option<Gate>,
    /// The patterns with no such literal, behind one regex prefilter.
    rest: Option<(meta::Regex, Vec<usize>)>,
    /// `(rule index, pattern, replacement template)` per pattern.
    entries: Vec<(usize, Pattern, Option<String>)>,
}

impl PatternIndex {
    /// Build from `(rule index, regexes, replacement)`; `None` if there are no
    /// patterns.
    pub fn build<'a>(
        rules: impl IntoIterator<Item = (usize, &'a [Pattern], Option<&'a str>)>,
    ) -> Option<Self> {
        let mut entries = Vec::new();
        for (rule, list, replacement) in rules {
            for pattern in list {
                entries.push((rule, pattern.clone(), replacement.map(str::to_string)));
            }
        }
        if entries.is_empty() {
            return None;
        }
        let mut literals = Vec::new();
        let mut ungated = Vec::new();
        for (e, (_, pattern, _)) in entries.iter().enumerate() {
            match required_literals(&pattern.0.source) {
                Some((side, list)) => literals.extend(list.into_iter().map(|l| (e, side, l))),
                None => ungated.push(e),
            }
        }
        let gate = Gate::build(literals);
        let rest = (!ungated.is_empty())
            .then(|| (prefilter(ungated.iter().map(|&e| &entries[e].1)), ungated));
        Some(PatternIndex {
            gate,
            rest,
            entries,
        })
    }

    /// Every match of every pattern in every sentence; a group named `hit`
    /// narrows the span. A pattern runs only on the sentences where one of
    /// its literals (or, for the few without one, the shared prefilter)
    /// matched.
    pub fn find(&self, text: &str, sentences: &[Span], out: &mut Vec<Hit>) {
        // (sentence, entry) pairs to try.
        let mut work: Vec<(usize, usize)> = Vec::new();
        if let Some(gate) = &self.gate {
            gate.find(text, sentences, &mut work);
        }
        if let Some((prefilter, ungated)) = &self.rest {
            let found = prefilter
                .find_iter(text)
                .map(|m| Span::new(m.start(), m.end()));
            for k in touched(found, sentences) {
                work.extend(ungated.iter().map(|&e| (k, e)));
            }
        }
        work.sort_unstable();
        work.dedup();
        for (k, e) in work {
            let sentence = &sentences[k];
            self.find_in(e, sentence.slice(text), sentence.start, out);
        }
    }

    fn find_in(&self, entry: usize, sentence: &str, offset: usize, out: &mut Vec<Hit>) {
        let (rule, pattern, template) = &self.entries[entry];
        {
            for caps in pattern.regex().captures_iter(sentence) {
                let Some(m) = caps
                    .get_group_by_name("hit")
                    .or_else(|| caps.get_match().map(|m| m.span()))
                else {
                    continue;
                };
                if m.is_empty() {
                    continue;
                }
                let replacement = template.as_deref().filter(|t| t.contains('$')).map(|t| {
                    let mut s = String::new();
                    caps.interpolate_string_into(sentence, t, &mut s);
                    s
                });
                let span = Span::new(offset + m.start, offset + m.end);
                out.push(Hit {
                    rule: *rule,
                    span,
                    replacement,
                    fix_span: None,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gate_literals_are_lowercase_and_required() {
        let (side, lits) =
            required_literals(r"\bAs (?:previously|already) (?:stated|SAID)\b").unwrap();
        assert_eq!(side, Side::Prefix);
        assert_eq!(
            lits,
            [
                "as already said",
                "as already state",
                "as previously sa",
                "as previously st"
            ]
        );
        // A literal inside every match, whatever the case.
        let text = "AS ALREADY SAID";
        assert!(lits
            .iter()
            .any(|l| text.to_ascii_lowercase().contains(l.as_str())));
        // Nothing worth gating on: a class, or a two-letter word.
        assert_eq!(required_literals(r"\w+ed\b"), None);
        assert_eq!(required_literals(r"\bso\b"), None);
        // Suffixes when they are longer than the prefixes.
        assert_eq!(
            required_literals(r"\w+ (?:your fault)").unwrap(),
            (Side::Suffix, vec![" your fault".to_string()])
        );
    }

    #[test]
    fn the_gate_checks_whole_literals_not_only_their_first_bytes() {
        let regexes = [Pattern::new(r"\bas previously stated\b", false).unwrap()];
        let index = PatternIndex::build([(0, regexes.as_slice(), None)]).unwrap();
        let gate = index.gate.as_ref().unwrap();
        let text = "As previous owner. AS PREVIOUSLY STATED.";
        let sentences = [Span::new(0, 18), Span::new(19, text.len())];
        let mut work = Vec::new();
        gate.find(text, &sentences, &mut work);
        // "As previ" opens both sentences; only the second holds the literal.
        assert_eq!(work, [(1, 0)]);
    }

    #[test]
    fn hit_group_narrows_the_span_and_templates_expand() {
        let regexes = [Pattern::new(r"\b(?P<hit>clearly) (?P<who>you)\b", false).unwrap()];
        let index =
            PatternIndex::build([(3, regexes.as_slice(), Some("it seems ${who}"))]).unwrap();
        let mut hits = Vec::new();
        let text = "Fine. Clearly you missed it; clearly we did too.";
        index.find(
            text,
            &[Span::new(0, 5), Span::new(6, text.len())],
            &mut hits,
        );
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].span.slice(text), "Clearly");
        assert_eq!(hits[0].replacement.as_deref(), Some("it seems you"));
    }

    #[test]
    fn anchors_are_sentence_edges() {
        let regexes = [Pattern::new(r"^again,", false).unwrap()];
        let index = PatternIndex::build([(0, regexes.as_slice(), None)]).unwrap();
        let mut hits = Vec::new();
        let text = "Hi. Again, no.";
        index.find(
            text,
            &[Span::new(0, 3), Span::new(4, text.len())],
            &mut hits,
        );
        assert_eq!(hits[0].span, Span::new(4, 10));
    }

    #[test]
    fn oversized_patterns_are_refused() {
        let huge = format!("(?:{}){{1000}}", "[a-z]{50}");
        assert!(Pattern::new(&huge, true)
            .unwrap_err()
            .contains("invalid regex"));
    }
}
