//! The linter: the enabled rules of a set of packs, compiled once and run on
//! any number of drafts. A `Linter` is immutable and `Sync`, so one instance
//! serves every thread.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Applicability, Diagnostic, Severity, Suggestion};
use crate::did_you_mean::did_you_mean;
use crate::document::Document;
use crate::pack::{Pack, Rule};
use crate::primitive::{Found, Hit, Primitive, Spec, KINDS};
use crate::search::Scan;
use crate::span::Span;
use crate::window::Verdict;

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
    /// A rule reads the findings of a rule or pack that names no sentence
    /// rule of the packs (reply rules' findings cannot be read).
    UnknownFinding {
        /// The rule whose condition names it.
        rule: String,
        /// The name as given.
        name: String,
        /// The closest rule id or pack name, if one is close.
        did_you_mean: Option<String>,
    },
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
            SelectionError::UnknownFinding {
                rule,
                name,
                did_you_mean,
            } => {
                write!(
                    f,
                    "rule `{rule}` reads the findings of `{name}`, which names no sentence rule of a loaded pack"
                )?;
                match did_you_mean {
                    Some(best) => write!(f, " (did you mean `{best}`?)"),
                    None => Ok(()),
                }
            }
        }
    }
}

impl std::error::Error for SelectionError {}

struct ActiveRule {
    rule: Arc<Rule>,
    severity: Severity,
    /// Not enabled, but run because an enabled rule reads its findings;
    /// its own findings are not reported.
    hidden: bool,
}

/// Compiled rules, ready to lint.
pub struct Linter {
    rules: Vec<ActiveRule>,
    /// One search of the text for the literals of every primitive.
    scan: Option<Scan>,
    /// The primitive of each kind that has enabled rules, and the range of
    /// the scan's lists that are its literals. Those that read other rules'
    /// findings come last, and run after the others' findings are judged.
    primitives: Vec<(Box<dyn Primitive>, Range<usize>)>,
    /// How many of `primitives`, from the start, read no findings.
    first_stage: usize,
    /// How many lists the scan searches for.
    lists: usize,
    /// Every rule id and pack name of the packs, enabled or not.
    names: Vec<String>,
}

impl Linter {
    /// Compile the rules of `packs` that `selection` enables.
    pub fn new(packs: &[Pack], selection: &Selection) -> Result<Linter, SelectionError> {
        let mut names = HashSet::new();
        for pack in packs {
            if !names.insert(pack.name.as_str()) {
                return Err(SelectionError::DuplicatePack(pack.name.clone()));
            }
        }
        let all: Vec<&Arc<Rule>> = packs.iter().flat_map(|p| &p.rules).collect();
        let names = packs
            .iter()
            .flat_map(|p| {
                std::iter::once(p.name.clone()).chain(p.rules.iter().map(|r| r.id.clone()))
            })
            .collect();
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
                    hidden: false,
                }
            })
            .collect();
        let mut rules = rules;
        let every_rule = || packs.iter().flat_map(|p| &p.rules);
        let mut any_hidden = false;
        // Rules whose findings an enabled rule reads run too, hidden: a
        // reply that refuses reports a problem whether or not the refusal
        // rule is enabled.
        let mut built = loop {
            let built = build(&rules);
            let mut added = false;
            for (owner, name) in built.iter().flat_map(|p| p.reads_findings()) {
                let wanted: Vec<&Arc<Rule>> = every_rule()
                    .filter(|r| reads_as_finding(r, &name))
                    .collect();
                if wanted.is_empty() {
                    let sentence_rules = every_rule().filter(|r| is_sentence_rule(r));
                    let candidates = sentence_rules.flat_map(|r| [r.id.as_str(), r.pack()]);
                    return Err(SelectionError::UnknownFinding {
                        rule: rules[owner].rule.id.clone(),
                        did_you_mean: did_you_mean(&name, candidates),
                        name,
                    });
                }
                for rule in wanted {
                    if !rules.iter().any(|a| Arc::ptr_eq(&a.rule, rule)) {
                        rules.push(ActiveRule {
                            rule: rule.clone(),
                            severity: rule.severity,
                            hidden: true,
                        });
                        added = true;
                    }
                }
            }
            any_hidden |= added;
            if !added {
                break built;
            }
        };
        if any_hidden {
            // Back in pack order, so that a hidden rule takes its own place
            // where a later rule of a kind wins over an earlier one.
            let all: Vec<&Arc<Rule>> = every_rule().collect();
            rules.sort_by_key(|a| all.iter().position(|r| Arc::ptr_eq(r, &a.rule)));
            built = build(&rules);
        }
        for primitive in &mut built {
            primitive.bind_findings(&|name: &str| {
                (0..rules.len())
                    .filter(|&i| reads_as_finding(&rules[i].rule, name))
                    .collect()
            });
        }
        let (mut built, late): (Vec<_>, Vec<_>) = built
            .into_iter()
            .partition(|p| p.reads_findings().is_empty());
        let first_stage = built.len();
        built.extend(late);
        let mut primitives = Vec::new();
        let mut literals: Vec<&[String]> = Vec::new();
        for primitive in &built {
            let start = literals.len();
            literals.extend(primitive.literals());
            primitives.push(start..literals.len());
        }
        let lists = literals.len();
        let scan = Scan::new(literals);
        Ok(Linter {
            rules,
            scan,
            primitives: built.into_iter().zip(primitives).collect(),
            first_stage,
            lists,
            names,
        })
    }

    /// Every pattern the enabled rules gate by its literals, with the
    /// shortest literal it takes.
    #[cfg(test)]
    pub(crate) fn gated(&self) -> impl Iterator<Item = (usize, &crate::search::Pattern)> {
        let windows = self.rules.iter().filter_map(|a| a.rule.window.as_ref());
        let cues = windows.flat_map(|w| w.patterns().iter());
        self.primitives
            .iter()
            .flat_map(|(p, _)| p.gated())
            .chain(cues.map(|p| (crate::search::MIN_CUE_LITERAL, p)))
    }

    /// Every rule id and pack name of the packs the linter was built from,
    /// enabled or not: the names a suppression may give.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// The enabled rules, with their effective severity.
    pub fn rules(&self) -> impl Iterator<Item = (&Rule, Severity)> {
        let shown = self.rules.iter().filter(|a| !a.hidden);
        shown.map(|a| (a.rule.as_ref(), a.severity))
    }

    /// Lint one draft. Diagnostics are sorted by position, then rule id, and
    /// their spans are byte offsets into `text`.
    pub fn lint(&self, text: &str) -> Vec<Diagnostic> {
        let doc = Document::new(text);
        // Sized for a hit per 64 bytes, about what real replies hold:
        // grown from empty, they were a noticeable part of a long run.
        let expected = text.len() / 64;
        let mut found: Vec<Vec<Found>> = (0..self.lists)
            .map(|_| Vec::with_capacity(expected))
            .collect();
        if let Some(scan) = &self.scan {
            scan.for_each(doc.text(), |list, start, end, i| {
                found[list].push((start, end, i));
            });
        }
        let (first, second) = self.primitives.split_at(self.first_stage);
        let mut judged = Vec::new();
        for (primitive, lists) in first {
            let mut hits = Vec::new();
            primitive.check(&doc, &mut found[lists.clone()], &mut hits);
            self.judge(&doc, hits, &mut judged);
        }
        if !second.is_empty() {
            let prior: Vec<(usize, Span)> = judged.iter().map(|(h, _)| (h.rule, h.span)).collect();
            for (primitive, lists) in second {
                let mut hits = Vec::new();
                primitive.check_after(&doc, &mut found[lists.clone()], &prior, &mut hits);
                self.judge(&doc, hits, &mut judged);
            }
        }
        judged.retain(|(h, _)| !self.rules[h.rule].hidden);
        // Longest first at each start, so that of two overlapping hits from one
        // pack the shorter, later one is dropped: "As I already explained" is
        // one finding, not one per rule that sees it. Different packs judge
        // different things, so their hits stand side by side.
        judged.sort_by(|(a, _), (b, _)| {
            (a.span.start, b.span.end, a.rule).cmp(&(b.span.start, a.span.end, b.rule))
        });
        let mut kept: Vec<(Hit, Severity)> = Vec::with_capacity(judged.len());
        for (hit, severity) in judged {
            let overlaps = kept
                .iter()
                .rev()
                .take_while(|(k, _)| k.span.end > hit.span.start || k.span.start == hit.span.start)
                .any(|(k, _)| self.same_pack(k.rule, hit.rule) && k.span.end > hit.span.start);
            if !overlaps {
                kept.push((hit, severity));
            }
        }
        let mut out: Vec<Diagnostic> = kept
            .into_iter()
            .map(|(h, severity)| self.diagnostic(&doc, h, severity))
            .collect();
        out.sort_by(|a, b| (a.span, &a.rule).cmp(&(b.span, &b.rule)));
        out
    }

    /// Trim `hits` to their words and keep those that stand, with their
    /// severity, in `judged`.
    fn judge(&self, doc: &Document, hits: Vec<Hit>, judged: &mut Vec<(Hit, Severity)>) {
        for mut hit in hits {
            // A finding covers words: a pattern that reads on into the space
            // after its last word does not underline it.
            hit.span = hit.span.trim(doc.text());
            if let Some(severity) = self.verdict(doc, &hit) {
                judged.push((hit, severity));
            }
        }
    }

    fn same_pack(&self, a: usize, b: usize) -> bool {
        a == b || self.rules[a].rule.pack() == self.rules[b].rule.pack()
    }

    /// The severity a hit is reported at, or `None` if it is dropped: a hit
    /// stands when it is not empty, lies inside one sentence, that sentence
    /// matches none of the rule's `unless` patterns, and the rule's window
    /// does not cancel it.
    fn verdict(&self, doc: &Document, hit: &Hit) -> Option<Severity> {
        let active = &self.rules[hit.rule];
        let k = doc
            .sentence_index_of(hit.span)
            .filter(|_| !hit.span.is_empty())?;
        let sentence = doc.sentences()[k].slice(doc.text());
        if active.rule.unless.iter().any(|u| u.is_match(sentence)) {
            return None;
        }
        match active
            .rule
            .window
            .as_ref()
            .map(|w| w.judge(doc, k, hit.span))
        {
            None | Some(Verdict::Stands) => Some(active.severity),
            Some(Verdict::Cancelled) => None,
            Some(Verdict::Severity(s)) => Some(s),
        }
    }

    fn diagnostic(&self, doc: &Document, hit: Hit, severity: Severity) -> Diagnostic {
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
                applicability: match replacement {
                    Some(_) => rule.fix,
                    None => Applicability::DisplayOnly,
                },
                replacement,
                span: fix_span,
            }],
        };
        Diagnostic {
            rule: rule.id.clone(),
            severity,
            message: rule.message.clone(),
            span,
            suggestions,
        }
    }
}

/// The primitive of each kind that has rules among `rules`.
fn build(rules: &[ActiveRule]) -> Vec<Box<dyn Primitive>> {
    let built = KINDS.iter().filter_map(|kind| {
        let of_kind: Vec<(usize, &dyn Spec)> = rules
            .iter()
            .enumerate()
            .filter(|(_, a)| std::ptr::eq(a.rule.kind, *kind))
            .map(|(i, a)| (i, a.rule.spec.as_ref()))
            .collect();
        (kind.build)(&of_kind)
    });
    built.collect()
}

/// Whether a condition that reads the findings of `name` reads `rule`'s:
/// only sentence rules' findings are judged before the reply rules run, so
/// a pack name reads its sentence rules, and a reply rule is never read.
fn reads_as_finding(rule: &Rule, name: &str) -> bool {
    matches(rule, name) && is_sentence_rule(rule)
}

/// Whether `rule` judges sentences, not whole replies.
fn is_sentence_rule(rule: &Rule) -> bool {
    !std::ptr::eq(rule.kind, &crate::primitive::whole_reply::KIND)
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

#[cfg(test)]
mod tests {
    use super::*;

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
