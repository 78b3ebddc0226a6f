//! The linter: the enabled rules of a set of packs, compiled once and run on
//! any number of drafts. A `Linter` is immutable and `Sync`, so one instance
//! serves every thread.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::detect::passive::{Class, Passive, PassiveDetector};
use crate::detect::pattern::PatternIndex;
use crate::detect::personal_data::{DataClass, PersonalDataDetector};
use crate::detect::phrase::PhraseIndex;
use crate::detect::scan::{Scan, Source};
use crate::detect::{sentence_after, Hit};
use crate::diagnostic::{Diagnostic, Severity, Suggestion};
use crate::document::Document;
use crate::pack::{Detector, Pack, Rule};

/// Which rules run, and at what severity. Names are full rule ids
/// (`gotcha.as-i-said`) or pack names (`gotcha`).
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// When not empty, only these rules or packs run.
    pub only: Vec<String>,
    /// These rules or packs never run.
    pub disable: Vec<String>,
    /// Severity overrides, applied in order (a later one wins).
    pub severity: Vec<(String, Severity)>,
}

/// A selection or pack set that cannot be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectionError {
    /// A name in the selection matches no rule or pack.
    UnknownRule {
        /// The name as given.
        name: String,
        /// The closest valid name, if one is close.
        did_you_mean: Option<String>,
    },
    /// Two packs share a name, so their rule ids would collide.
    DuplicatePack(String),
}

impl fmt::Display for SelectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SelectionError::UnknownRule {
                name,
                did_you_mean: Some(best),
            } => {
                write!(f, "unknown rule or pack `{name}` (did you mean `{best}`?)")
            }
            SelectionError::UnknownRule {
                name,
                did_you_mean: None,
            } => {
                write!(f, "unknown rule or pack `{name}` (`tact rules` lists them)")
            }
            SelectionError::DuplicatePack(name) => {
                write!(f, "two packs are named `{name}`; pack names must be unique")
            }
        }
    }
}

impl std::error::Error for SelectionError {}

/// Where a literal was found: `(start, end, index in its list)`.
type Found = (usize, usize, usize);

struct ActiveRule {
    rule: Arc<Rule>,
    severity: Severity,
}

/// Compiled rules, ready to lint.
pub struct Linter {
    rules: Vec<ActiveRule>,
    /// One search of the text for the literals of the phrases, the pattern
    /// gate, the personal-data first words and the be and get forms.
    scan: Option<Scan>,
    phrases: Option<PhraseIndex>,
    patterns: Option<PatternIndex>,
    /// Each pack's passive detector, run once, with the rule for each class.
    passives: Vec<(Arc<PassiveDetector>, HashMap<Class, usize>)>,
    /// Each pack's data-request detector, with the rule for each class.
    data_requests: Vec<(Arc<PersonalDataDetector>, HashMap<DataClass, usize>)>,
    workload: Workload,
    /// Bytes linted so far, for a brief linter to know when to turn bulk.
    linted: AtomicU64,
}

/// What a linter is built for, which decides how it searches texts for
/// literals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Workload {
    /// Much text, or many drafts: automata that scan fastest, at a few more
    /// milliseconds to build.
    #[default]
    Bulk,
    /// A draft or two, linted once: literals are looked up in hash tables
    /// at every position instead of scanned for by automata, so that a
    /// one-shot run on a short draft has almost nothing to build. The lookups
    /// are several times slower than a scan, so once the linter has linted
    /// [`BRIEF_BYTES`] in all it builds the automata and lints as `Bulk`.
    Brief,
}

/// How much text a [`Workload::Brief`] linter looks up in tables before it
/// builds automata: past this, building them costs less than the lookups.
pub const BRIEF_BYTES: u64 = 64 << 10;

impl Linter {
    /// Compile the rules of `packs` that `selection` enables.
    pub fn new(packs: &[Pack], selection: &Selection) -> Result<Linter, SelectionError> {
        Linter::for_workload(packs, selection, Workload::Bulk)
    }

    /// Compile the rules of `packs` that `selection` enables, for `workload`.
    pub fn for_workload(
        packs: &[Pack],
        selection: &Selection,
        workload: Workload,
    ) -> Result<Linter, SelectionError> {
        let mut names = HashSet::new();
        for pack in packs {
            if !names.insert(pack.name.as_str()) {
                return Err(SelectionError::DuplicatePack(pack.name.clone()));
            }
        }
        let all: Vec<&Arc<Rule>> = packs.iter().flat_map(|p| &p.rules).collect();
        let known = |name: &str| all.iter().any(|r| matches(r, name));
        for name in selection
            .only
            .iter()
            .chain(&selection.disable)
            .chain(selection.severity.iter().map(|(n, _)| n))
        {
            if !known(name) {
                let candidates = all.iter().flat_map(|r| [r.id.as_str(), r.pack()]);
                return Err(SelectionError::UnknownRule {
                    name: name.clone(),
                    did_you_mean: did_you_mean(name, candidates),
                });
            }
        }
        let rules: Vec<ActiveRule> = all
            .into_iter()
            .filter(|r| selection.only.is_empty() || selection.only.iter().any(|n| matches(r, n)))
            .filter(|r| !selection.disable.iter().any(|n| matches(r, n)))
            .map(|r| {
                let severity = selection
                    .severity
                    .iter()
                    .rev()
                    .find(|(n, _)| matches(r, n))
                    .map_or(r.severity, |(_, s)| *s);
                ActiveRule {
                    rule: r.clone(),
                    severity,
                }
            })
            .collect();
        let phrases =
            PhraseIndex::build(rules.iter().enumerate().filter_map(
                |(i, a)| match &a.rule.detector {
                    Detector::Phrase(list) => Some((i, list.as_slice())),
                    _ => None,
                },
            ));
        let patterns =
            PatternIndex::build(rules.iter().enumerate().filter_map(
                |(i, a)| match &a.rule.detector {
                    Detector::Pattern(list) => {
                        Some((i, list.as_slice(), a.rule.replacement.as_deref()))
                    }
                    _ => None,
                },
            ));
        let passives = by_detector(&rules, |d| match d {
            Detector::Passive { class, detector } => Some((*class, detector)),
            _ => None,
        });
        let data_requests = by_detector(&rules, |d| match d {
            Detector::PersonalData { class, detector } => Some((*class, detector)),
            _ => None,
        });
        let phrase_list = phrases.iter().map(|p| (Source::Phrases, p.keys()));
        let gate = patterns.iter().flat_map(|p| p.gate());
        let data_words = data_requests
            .iter()
            .enumerate()
            .filter_map(|(i, (d, _))| Some((Source::Data(i), d.data_words()?)));
        let forms = passives
            .iter()
            .enumerate()
            .map(|(i, (d, _))| (Source::Forms(i), d.form_list()));
        let scan = Scan::new(
            phrase_list
                .chain(gate.map(|g| (Source::Gate, g.keys())))
                .chain(data_words)
                .chain(forms),
        );
        Ok(Linter {
            rules,
            scan,
            phrases,
            patterns,
            passives,
            data_requests,
            workload,
            linted: AtomicU64::new(0),
        })
    }

    /// The enabled rules, with their effective severity.
    pub fn rules(&self) -> impl Iterator<Item = (&Rule, Severity)> {
        self.rules.iter().map(|a| (a.rule.as_ref(), a.severity))
    }

    /// Lint one draft. Diagnostics are sorted by position, then rule id, and
    /// their spans are byte offsets into `text`.
    pub fn lint(&self, text: &str) -> Vec<Diagnostic> {
        let doc = Document::new(text);
        let workload = self.workload_for(text);
        let mut hits = Vec::new();
        // (sentence, pattern) pairs the gate lets through.
        let mut gated = Vec::new();
        // Sized for a hit per 64 bytes, about what real replies hold:
        // grown from empty, they were 3% of a long run.
        let expected = text.len() / 64;
        let mut data_words = vec![Vec::with_capacity(expected); self.data_requests.len()];
        let mut forms = vec![Vec::with_capacity(expected); self.passives.len()];
        let mut cursor = 0;
        if let Some(scan) = &self.scan {
            let (text, sentences) = (doc.text(), doc.sentences());
            scan.for_each(text, workload, |source, start, end, i| match source {
                Source::Phrases => {
                    if let Some(p) = &self.phrases {
                        p.hit(text, (start, end, i), &mut hits);
                    }
                }
                Source::Gate => {
                    if let Some(gate) = self.patterns.as_ref().and_then(|p| p.gate()) {
                        gate.hit(text, sentences, &mut cursor, (start, end, i), &mut gated);
                    }
                }
                Source::Data(n) => data_words[n].push((start, end, i)),
                Source::Forms(n) => {
                    if self.passives[n].0.stands_as_word(text, start, end) {
                        forms[n].push((start, end, i));
                    }
                }
            });
        }
        if let Some(p) = &self.patterns {
            p.find(doc.text(), doc.sentences(), gated, &mut hits);
        }
        self.find_passives(&doc, forms, &mut hits);
        self.find_data_requests(&doc, &data_words, workload, &mut hits);
        hits.retain(|h| self.keeps(&doc, h));
        // Longest first at each start, so that of two overlapping hits from one
        // pack the shorter, later one is dropped: "As I already explained" is
        // one finding, not one per rule that sees it. Different packs judge
        // different things, so their hits stand side by side.
        hits.sort_by(|a, b| {
            (a.span.start, b.span.end, a.rule).cmp(&(b.span.start, a.span.end, b.rule))
        });
        let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
        for hit in hits {
            let overlaps = kept
                .iter()
                .rev()
                .take_while(|k| k.span.end > hit.span.start || k.span.start == hit.span.start)
                .any(|k| self.same_pack(k.rule, hit.rule) && k.span.end > hit.span.start);
            if !overlaps {
                kept.push(hit);
            }
        }
        let mut out: Vec<Diagnostic> = kept.into_iter().map(|h| self.diagnostic(&doc, h)).collect();
        out.sort_by(|a, b| (a.span, &a.rule).cmp(&(b.span, &b.rule)));
        out
    }

    /// `found_forms`: per passive detector, where the scan found its forms.
    fn find_passives(&self, doc: &Document, mut found_forms: Vec<Vec<Found>>, hits: &mut Vec<Hit>) {
        if self.passives.is_empty() {
            return;
        }
        let mut words = Vec::new();
        let mut starts = Vec::new();
        let mut scratch = String::new();
        let mut found: Vec<Passive> = Vec::new();
        for ((detector, classes), at) in self.passives.iter().zip(&mut found_forms) {
            let forms = detector.forms(at);
            let sentences = doc.sentences();
            let mut cursor = 0;
            let mut rest = forms.as_slice();
            while let Some(&first) = rest.first() {
                // The sentence holding this form, and every form in it.
                let k = sentence_after(sentences, first, &mut cursor);
                let Some(sentence) = sentences.get(k) else {
                    break;
                };
                let n = rest.iter().take_while(|&&f| f < sentence.end).count();
                let (here, after) = rest.split_at(n.max(1));
                rest = after;
                starts.clear();
                starts.extend(
                    here.iter().copied().filter(|&form| {
                        detector.may_start(doc.text(), *sentence, form, &mut scratch)
                    }),
                );
                if starts.is_empty() {
                    continue;
                }
                words.clear();
                doc.words_in(*sentence, &mut words);
                found.clear();
                detector.find(
                    doc.text(),
                    *sentence,
                    &words,
                    &starts,
                    &mut scratch,
                    &mut found,
                );
                for p in found.drain(..) {
                    if let Some(&rule) = classes.get(&p.class) {
                        let (fix_span, replacement) =
                            p.rewrite.map_or((None, None), |(s, r)| (Some(s), Some(r)));
                        hits.push(Hit {
                            rule,
                            span: p.span,
                            replacement,
                            fix_span,
                        });
                    }
                }
            }
        }
    }

    /// A brief linter lints as a bulk one once it has linted
    /// [`BRIEF_BYTES`], this text included.
    fn workload_for(&self, text: &str) -> Workload {
        let len = text.len() as u64;
        match self.workload {
            Workload::Brief
                if self.linted.fetch_add(len, Ordering::Relaxed) + len <= BRIEF_BYTES =>
            {
                Workload::Brief
            }
            _ => Workload::Bulk,
        }
    }

    /// `data_words`: per personal-data detector, where the scan found its
    /// data words (if it looked for them).
    fn find_data_requests(
        &self,
        doc: &Document,
        data_words: &[Vec<Found>],
        workload: Workload,
        hits: &mut Vec<Hit>,
    ) {
        let mut found = Vec::new();
        for ((detector, classes), words) in self.data_requests.iter().zip(data_words) {
            found.clear();
            detector.find(doc.text(), doc.sentences(), words, workload, &mut found);
            for &(class, span) in &found {
                if let Some(&rule) = classes.get(&class) {
                    hits.push(Hit {
                        rule,
                        span,
                        replacement: None,
                        fix_span: None,
                    });
                }
            }
        }
    }

    fn same_pack(&self, a: usize, b: usize) -> bool {
        a == b || self.rules[a].rule.pack() == self.rules[b].rule.pack()
    }

    /// A hit stands when it lies inside one sentence and that sentence matches
    /// none of the rule's `unless` patterns.
    fn keeps(&self, doc: &Document, hit: &Hit) -> bool {
        let Some(sentence) = doc.sentence_of(hit.span) else {
            return false;
        };
        let sentence = sentence.slice(doc.text());
        !self.rules[hit.rule]
            .rule
            .unless
            .iter()
            .any(|u| u.is_match(sentence))
    }

    fn diagnostic(&self, doc: &Document, hit: Hit) -> Diagnostic {
        let active = &self.rules[hit.rule];
        let rule = &active.rule;
        let matched = hit.span.slice(doc.text());
        let span = doc.original_span(hit.span);
        let replacement = match hit.fix_span {
            Some(_) => hit.replacement,
            None => hit
                .replacement
                .or_else(|| rule.replacement.clone())
                .map(|r| match_case(matched, &r)),
        };
        let fix_span = hit.fix_span.map_or(span, |s| doc.original_span(s));
        let suggestions = match (&rule.suggestion, replacement) {
            (None, None) => Vec::new(),
            (message, replacement) => vec![Suggestion {
                message: message.clone().unwrap_or_else(|| {
                    format!(
                        "Write \"{}\" instead.",
                        replacement.as_deref().unwrap_or_default()
                    )
                }),
                replacement,
                span: fix_span,
            }],
        };
        Diagnostic {
            rule: rule.id.clone(),
            severity: active.severity,
            message: rule.message.clone(),
            span,
            suggestions,
        }
    }
}

/// Group the rules of detector-backed kinds by the pack detector they share,
/// so each detector runs once per draft and reports each class to its rule.
fn by_detector<D, C: Copy + Eq + std::hash::Hash>(
    rules: &[ActiveRule],
    pick: impl Fn(&Detector) -> Option<(C, &Arc<D>)>,
) -> Vec<(Arc<D>, HashMap<C, usize>)> {
    let mut groups: Vec<(Arc<D>, HashMap<C, usize>)> = Vec::new();
    for (i, a) in rules.iter().enumerate() {
        let Some((class, detector)) = pick(&a.rule.detector) else {
            continue;
        };
        match groups.iter_mut().find(|(d, _)| Arc::ptr_eq(d, detector)) {
            Some((_, classes)) => {
                classes.insert(class, i);
            }
            None => groups.push((detector.clone(), HashMap::from([(class, i)]))),
        }
    }
    groups
}

fn matches(rule: &Rule, name: &str) -> bool {
    rule.id == name || rule.pack() == name
}

/// Capitalise a replacement when the words it replaces open with a capital.
fn match_case(matched: &str, replacement: &str) -> String {
    let upper = matched.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if upper => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

/// The candidate closest to `name`, if it is close enough to be a typo, for
/// "did you mean" hints.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|&(d, c)| d <= 3.max(c.len() / 4))
        .min()
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_brief_linter_turns_bulk_after_enough_text() {
        let brief =
            Linter::for_workload(crate::builtin(), &Selection::default(), Workload::Brief).unwrap();
        let bulk = Linter::new(crate::builtin(), &Selection::default()).unwrap();
        let draft = "As I said, calm down. What is your SSN? Mistakes were made. ".repeat(100);
        assert!(bulk.lint(&draft).len() > 100);
        let mut workloads = Vec::new();
        while brief.linted.load(Ordering::Relaxed) <= BRIEF_BYTES {
            workloads.push(brief.workload_for(""));
            assert_eq!(brief.lint(&draft), bulk.lint(&draft));
        }
        assert_eq!(workloads.first(), Some(&Workload::Brief));
        assert_eq!(brief.workload_for(""), Workload::Bulk);
        assert_eq!(brief.lint(&draft), bulk.lint(&draft));
        assert_eq!(bulk.workload_for(""), Workload::Bulk);
    }

    fn demo() -> Pack {
        Pack::parse(
            "demo.toml",
            r#"
[pack]
name = "demo"
description = "d"

[[rule]]
id = "said"
kind = "phrase"
severity = "warning"
phrases = ["as I said", "I said"]
message = "m"
rationale = "r"
replacement = "to recap"

[[rule]]
id = "clearly-you"
kind = "pattern"
severity = "info"
patterns = ['\bclearly (?P<hit>you)\b']
unless = ['\bthank']
message = "m"
rationale = "r"
"#,
        )
        .unwrap()
    }

    #[test]
    fn overlapping_hits_of_one_rule_collapse_to_the_longest() {
        let linter = Linter::new(&[demo()], &Selection::default()).unwrap();
        let text = "As I said, clearly you know.";
        let d = linter.lint(text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].span.slice(text), "As I said");
        assert_eq!(d[0].suggestions[0].replacement.as_deref(), Some("To recap"));
        assert_eq!(d[1].span.slice(text), "you");
        assert!(linter.lint("Clearly you did, thank you.").is_empty());
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let linter = Linter::new(&[demo()], &Selection::default()).unwrap();
        let text = "“Héllo” — as I said";
        let d = linter.lint(text);
        assert_eq!(d[0].span.slice(text), "as I said");
    }

    #[test]
    fn selection_filters_and_overrides() {
        let sel = Selection {
            disable: vec!["demo.said".into()],
            severity: vec![("demo".into(), Severity::Error)],
            ..Default::default()
        };
        let linter = Linter::new(&[demo()], &sel).unwrap();
        let d = linter.lint("As I said, clearly you know.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        let sel = Selection {
            only: vec!["demo.clearly-yuo".into()],
            ..Default::default()
        };
        let err = Linter::new(&[demo()], &sel).err().unwrap();
        assert_eq!(
            err,
            SelectionError::UnknownRule {
                name: "demo.clearly-yuo".into(),
                did_you_mean: Some("demo.clearly-you".into())
            }
        );
    }

    #[test]
    fn placeholders_are_opaque_and_spans_stay_exact() {
        let linter = Linter::new(&[demo()], &Selection::default()).unwrap();
        let text = "Hi {{as I said. name}}, as I said, {{agent.name}} will call.";
        let d = linter.lint(text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span.slice(text), "as I said");
        assert_eq!(d[0].span.start, text.rfind("as I said").unwrap());
    }

    #[test]
    fn hits_across_sentences_are_dropped() {
        let linter = Linter::new(&[demo()], &Selection::default()).unwrap();
        assert!(linter.lint("Clearly. You know.").is_empty());
    }
}
