//! The `reply` primitive: a rule about a whole reply rather than one
//! sentence. "This reply reports a problem and says nothing about what
//! happens next" is true of no sentence alone: the next step may be three
//! sentences on, or missing.
//!
//! A pack names its conditions in `[conditions.NAME]`, each a list of
//! sequences (over the pack's `[classes]`, as a `sequence` rule's are) with
//! `except` sequences that cancel a match, and `findings`: rules (`pack.rule`)
//! or packs of sentence rules whose findings hold the condition where they
//! stand (a refusal reports a problem), while a sentence with a finding of
//! `except-findings` holds none of it (a denial reports no problem). The
//! linter judges those findings first, running their rules even when they
//! are not enabled. Two conditions are built in:
//! `time`, a time or an event to wait for ("by Friday", "within 24 hours",
//! "once the part arrives"), and `vague-time` ("soon", "as soon as
//! possible"), from `time.rs`. A rule reads:
//!
//! - `at`: the condition whose first match in the reply is where the finding
//!   goes: its sentence (`span = "sentence"`, the default), or the match
//!   itself (`span = "match"`);
//! - `with`: conditions that must each hold somewhere in the reply;
//! - `without`: conditions none of which may hold anywhere in it.
//!
//! The linter lints one reply at a time (`--reply-unit`), so "the reply" is
//! the text the linter was given.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use toml::de::DeValue;
use toml::Spanned;

use super::kind::{
    deserialize, spec, table_of, Found, Hit, Kind, Load, Primitive, RuleTable, Shared, Spec,
    SpecError, Table,
};
use super::sequence::{self, SequenceIndex, Sequences};
use crate::document::Document;
use crate::span::Span;
use crate::time;

pub(crate) static KIND: Kind = Kind {
    name: "reply",
    fields: &["at", "with", "without", "span"],
    table: Some(Table {
        name: "conditions",
        read: read_table,
    }),
    read_rule,
    build,
};

/// The conditions the engine provides, by name.
const BUILT_IN: [(&str, Condition); 2] = [("time", Condition::Time), ("vague-time", Condition::Vague)];

/// A condition a rule names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Condition {
    /// The pack's `n`th condition.
    Pack(usize),
    Time,
    Vague,
}

/// A pack's conditions, compiled.
#[derive(Debug, Default)]
struct Conditions {
    names: Vec<String>,
    sequences: Vec<Sequences>,
    /// Per condition, the rules or packs whose findings hold it, and those
    /// whose findings cancel it in their sentence.
    findings: Vec<(Vec<String>, Vec<String>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConditionFields {
    #[serde(default)]
    sequences: Vec<Spanned<String>>,
    #[serde(default)]
    except: Vec<Spanned<String>>,
    #[serde(default)]
    findings: Vec<String>,
    #[serde(default)]
    except_findings: Vec<String>,
}

fn read_table(
    value: Spanned<DeValue<'_>>,
    shared: &Shared,
    load: Load,
) -> Result<Box<dyn Spec>, SpecError> {
    let raw: BTreeMap<Spanned<String>, ConditionFields> = deserialize(value)?;
    let classes = table_of(shared, &sequence::KIND);
    let mut conditions = Conditions::default();
    for (name, fields) in raw {
        if BUILT_IN.iter().any(|(n, _)| n == name.get_ref()) {
            let message = format!("`{}` is a built-in condition", name.get_ref());
            return Err((name.span(), message, Some("give the condition another name".into())));
        }
        if fields.sequences.is_empty() && fields.findings.is_empty() {
            let message = format!("condition `{}` has no sequences or findings", name.get_ref());
            return Err((name.span(), message, None));
        }
        let sequences = sequence::read_sequences(fields.sequences, fields.except, classes, load)?;
        conditions.names.push(name.into_inner());
        conditions.sequences.push(sequences);
        conditions.findings.push((fields.findings, fields.except_findings));
    }
    Ok(Box::new(Arc::new(conditions)))
}

#[derive(Deserialize)]
struct Fields {
    at: Option<Spanned<String>>,
    #[serde(default)]
    with: Vec<Spanned<String>>,
    #[serde(default)]
    without: Vec<Spanned<String>>,
    span: Option<Spanned<String>>,
}

/// A `reply` rule, read.
#[derive(Clone, Debug)]
struct ReplyRule {
    conditions: Arc<Conditions>,
    at: Condition,
    with: Vec<Condition>,
    without: Vec<Condition>,
    /// The finding is the `at` match itself, not its sentence.
    on_match: bool,
}

fn read_rule(
    rule: RuleTable,
    shared: Option<&dyn Spec>,
    _: Load,
) -> Result<Box<dyn Spec>, SpecError> {
    let span = rule.span();
    let Fields {
        at,
        with,
        without,
        span: span_of,
    } = rule.read()?;
    let empty = Arc::new(Conditions::default());
    let conditions = shared
        .and_then(|s| s.as_any().downcast_ref::<Arc<Conditions>>())
        .unwrap_or(&empty);
    let resolve = |name: &Spanned<String>| -> Result<Condition, SpecError> {
        let wanted = name.get_ref();
        if let Some(&(_, c)) = BUILT_IN.iter().find(|(n, _)| n == wanted) {
            return Ok(c);
        }
        if let Some(i) = conditions.names.iter().position(|n| n == wanted) {
            return Ok(Condition::Pack(i));
        }
        let known = conditions
            .names
            .iter()
            .map(String::as_str)
            .chain(BUILT_IN.iter().map(|(n, _)| *n));
        let help = match crate::did_you_mean(wanted, known) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "conditions are named in the pack's `[conditions]`, or built in: `time`, `vague-time`".into(),
        };
        Err((name.span(), format!("unknown condition `{wanted}`"), Some(help)))
    };
    let Some(at) = at else {
        let message = "a `reply` rule needs `at`, the condition where its finding goes";
        return Err((span, message.into(), None));
    };
    let on_match = match span_of.as_ref().map(|s| (s.get_ref().as_str(), s.span())) {
        None | Some(("sentence", _)) => false,
        Some(("match", _)) => true,
        Some((other, span)) => {
            let message = format!("unknown span `{other}`");
            return Err((span, message, Some("expected `sentence` or `match`".into())));
        }
    };
    Ok(Box::new(ReplyRule {
        at: resolve(&at)?,
        with: with.iter().map(resolve).collect::<Result<_, _>>()?,
        without: without.iter().map(resolve).collect::<Result<_, _>>()?,
        conditions: conditions.clone(),
        on_match,
    }))
}

fn build(rules: &[(usize, &dyn Spec)]) -> Option<Box<dyn Primitive>> {
    let mut groups: Vec<Group> = Vec::new();
    for &(i, rule) in rules {
        let rule: &ReplyRule = spec(rule);
        match groups
            .iter_mut()
            .find(|g| Arc::ptr_eq(&g.conditions, &rule.conditions))
        {
            Some(group) => group.rules.push((i, rule.clone())),
            None => {
                let indexes = rule.conditions.sequences.iter().map(|s| sequence::index(&[(0, s)]));
                groups.push(Group {
                    conditions: rule.conditions.clone(),
                    indexes: indexes.collect(),
                    findings: vec![Default::default(); rule.conditions.names.len()],
                    rules: vec![(i, rule.clone())],
                });
            }
        }
    }
    (!groups.is_empty()).then(|| Box::new(ReplyRules { groups }) as Box<dyn Primitive>)
}

/// The enabled rules that share one pack's conditions, and the search for
/// each condition: apart, so that a reply where no problem stands never
/// looks for what would answer one.
struct Group {
    conditions: Arc<Conditions>,
    indexes: Vec<Option<SequenceIndex>>,
    /// Per condition, the linter's indices of the rules whose findings hold
    /// it and of those whose findings cancel it (see [`Conditions`]).
    findings: Vec<(Vec<usize>, Vec<usize>)>,
    rules: Vec<(usize, ReplyRule)>,
}

struct ReplyRules {
    groups: Vec<Group>,
}

/// Where each condition holds in one reply, worked out as rules ask.
struct Holds<'d, 'f> {
    doc: &'d Document<'d>,
    group: &'d Group,
    /// What the scan found for each pack condition.
    found: &'f mut [Vec<Found>],
    /// Per pack condition, its matches in order, once searched.
    pack: Vec<Option<Vec<Span>>>,
    /// The judged findings of the rules that ran before.
    prior: &'d [(usize, Span)],
    times: Option<(Vec<Span>, Vec<Span>)>,
}

impl Holds<'_, '_> {
    fn matches(&mut self, condition: Condition) -> &[Span] {
        let text = self.doc.text();
        match condition {
            Condition::Pack(i) => self.pack[i].get_or_insert_with(|| {
                let mut spans = Vec::new();
                if let Some(index) = &self.group.indexes[i] {
                    let mut matched = Vec::new();
                    index.check(self.doc, &mut self.found[i..=i], &mut matched);
                    spans.extend(matched.into_iter().map(|h| h.span));
                }
                let (hold, cancel) = &self.group.findings[i];
                let prior = self.prior;
                let of = |rules: &[usize]| -> Vec<Span> {
                    let of_rules = prior.iter().filter(|(r, _)| rules.contains(r));
                    of_rules.map(|&(_, span)| span).collect()
                };
                // A denial's own words ("without a single failure") are no
                // problem, but a refusal beside it still is one.
                let cancelled: Vec<usize> =
                    of(cancel).into_iter().filter_map(|s| self.doc.sentence_index_of(s)).collect();
                if !cancelled.is_empty() {
                    spans.retain(|&s| {
                        self.doc.sentence_index_of(s).is_none_or(|k| !cancelled.contains(&k))
                    });
                }
                spans.extend(of(hold));
                spans.sort();
                spans.dedup();
                spans
            }),
            Condition::Time | Condition::Vague => {
                let (precise, vague) = self.times.get_or_insert_with(|| {
                    let precise = time::precise_times(text);
                    let vague = time::vague_times(text, &precise);
                    (precise, vague)
                });
                if condition == Condition::Time {
                    precise
                } else {
                    vague
                }
            }
        }
    }

    /// Whether `condition` holds anywhere in the reply: for a pack
    /// condition not yet searched, and whose matches no finding cancels,
    /// the search stops at its first match.
    fn holds(&mut self, condition: Condition) -> bool {
        let Condition::Pack(i) = condition else {
            return !self.matches(condition).is_empty();
        };
        let (hold, cancel) = &self.group.findings[i];
        if self.pack[i].is_some() || !cancel.is_empty() {
            return !self.matches(condition).is_empty();
        }
        let holds = self.prior.iter().any(|(r, _)| hold.contains(r))
            || self.group.indexes[i]
                .as_ref()
                .is_some_and(|index| index.any(self.doc, &self.found[i]));
        if !holds {
            // No match at all: exactly what a full search would keep.
            self.pack[i] = Some(Vec::new());
        }
        holds
    }
}

/// Whether time `t` describes one of the problem matches `at` (sorted)
/// rather than saying when anything happens next. An event to wait for
/// never does ("suspended until we hear back"). Otherwise, in a problem's
/// sentence, a time does when it may lie behind and nothing in the
/// sentence looks ahead ("the 2 pm slot on Thursday was double-booked"),
/// when it stands before the problem in its clause ("your 18:05 to Dublin
/// has been cancelled"), when it overlaps it ("20 mins late"), or when it
/// follows it straight on ("won't arrive by Friday").
fn names_the_problem(doc: &Document, t: Span, at: &[Span]) -> bool {
    let text = doc.text();
    if time::is_event(text, t) {
        return false;
    }
    let Some(k) = doc.sentence_index_of(t) else {
        return false;
    };
    let sentence = doc.sentences()[k];
    // `at` is sorted: only the matches in the time's sentence matter.
    let from = at.partition_point(|a| a.start < sentence.start);
    let to = at.partition_point(|a| a.start < sentence.end);
    let mut in_sentence = at[from..to].iter().filter(|a| sentence.contains(**a));
    let behind = !time::lies_ahead(text, t) && !time::looks_ahead(sentence.slice(text));
    in_sentence.any(|a| {
        if behind {
            return true;
        }
        if t.end <= a.start {
            // Before it, in its clause: no clause break between.
            let between = &text[t.end..a.start];
            return !between.contains([',', ';', ':', '—', '–', '(', ')', '.', '!', '?'])
                && !between
                    .split_whitespace()
                    .any(|w| matches!(w, "-" | "and" | "but" | "so"));
        }
        if t.start < a.end {
            // Inside it or overlapping: "20 mins late".
            return true;
        }
        let between = text.get(a.end..t.start).unwrap_or("x");
        let mut words = between.split_whitespace();
        t.start >= a.end
            && match (words.next(), words.next()) {
                (None, _) => true,
                (Some(w), None) => {
                    matches!(w.to_ascii_lowercase().as_str(), "by" | "on" | "at" | "in" | "for" | "this" | "last" | "since")
                }
                _ => false,
            }
    })
}

impl Primitive for ReplyRules {
    fn literals(&self) -> Vec<&[String]> {
        let indexes = self.groups.iter().flat_map(|g| &g.indexes);
        indexes
            .map(|i| i.as_ref().map_or(&[][..], |i| i.literals()[0]))
            .collect()
    }

    fn check(&self, doc: &Document, found: &mut [Vec<Found>], hits: &mut Vec<Hit>) {
        self.check_after(doc, found, &[], hits);
    }

    /// The findings each enabled rule reads through the conditions it names.
    fn reads_findings(&self) -> Vec<(usize, String)> {
        let mut names = Vec::new();
        for group in &self.groups {
            for (i, rule) in &group.rules {
                let named = std::iter::once(&rule.at).chain(&rule.with).chain(&rule.without);
                for &c in named {
                    if let Condition::Pack(j) = c {
                        let (hold, cancel) = &group.conditions.findings[j];
                        names.extend(hold.iter().chain(cancel).map(|n| (*i, n.clone())));
                    }
                }
            }
        }
        names
    }

    fn bind_findings(&mut self, resolve: &dyn Fn(&str) -> Vec<usize>) {
        let all = |names: &[String]| names.iter().flat_map(|n| resolve(n)).collect();
        for group in &mut self.groups {
            let findings = group.conditions.findings.iter();
            group.findings = findings.map(|(h, c)| (all(h), all(c))).collect();
        }
    }

    fn check_after(
        &self,
        doc: &Document,
        found: &mut [Vec<Found>],
        prior: &[(usize, Span)],
        hits: &mut Vec<Hit>,
    ) {
        let mut lists = &mut found[..];
        for group in &self.groups {
            let (own, rest) = std::mem::take(&mut lists).split_at_mut(group.indexes.len());
            lists = rest;
            let mut holds = Holds {
                doc,
                group,
                found: own,
                pack: vec![None; group.conditions.names.len()],
                prior,
                times: None,
            };
            for (i, rule) in &group.rules {
                // The pack's conditions first: the built-in ones read the
                // whole reply.
                let pack_with = rule.with.iter().filter(|c| matches!(c, Condition::Pack(_)));
                if pack_with.clone().any(|&c| !holds.holds(c)) {
                    continue;
                }
                let Some(&at) = holds.matches(rule.at).first() else {
                    continue;
                };
                // The problem's own words: those of the rule's `at`, or of its
                // `with` when `at` is a built-in condition (a vague time
                // "with" a problem).
                let mut problem = Vec::new();
                let named = match rule.at {
                    Condition::Pack(_) => std::slice::from_ref(&rule.at),
                    _ => &rule.with[..],
                };
                for &c in named {
                    if let Condition::Pack(_) = c {
                        problem.extend_from_slice(holds.matches(c));
                    }
                }
                problem.sort();
                let mut holds_any = |c: Condition| match c {
                    Condition::Time => holds
                        .matches(c)
                        .iter()
                        .any(|&t| !names_the_problem(doc, t, &problem)),
                    _ => holds.holds(c),
                };
                if !rule.with.iter().all(|&c| holds_any(c))
                    || rule.without.iter().any(|&c| holds_any(c))
                {
                    continue;
                }
                let span = match doc.sentence_index_of(at) {
                    Some(s) if !rule.on_match => doc.sentences()[s],
                    _ => at,
                };
                hits.push(Hit {
                    rule: *i,
                    span,
                    replacement: None,
                    fix_span: None,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Linter, Pack, Selection};

    const PACK: &str = r#"
[pack]
name = "demo"
description = "d"

[classes]
late = ["delayed", "late"]

[conditions.problem]
sequences = ["is @late"]
except = ["is late fee"]

[conditions.commitment]
sequences = ["i'll", "we will"]

[[rule]]
id = "missing"
kind = "reply"
severity = "warning"
at = "problem"
without = ["commitment", "time", "vague-time"]
message = "m"
rationale = "r"

[[rule]]
id = "vague"
kind = "reply"
severity = "info"
at = "vague-time"
with = ["problem"]
without = ["time"]
span = "match"
message = "m"
rationale = "r"
"#;

    fn findings(text: &str) -> Vec<(String, &str)> {
        let pack = Pack::parse("demo.toml", PACK).unwrap();
        let linter = Linter::new(&[pack], &Selection::default()).unwrap();
        linter
            .lint(text)
            .into_iter()
            .map(|d| (d.rule.clone(), d.span.slice(text)))
            .collect()
    }

    #[test]
    fn a_problem_with_no_next_step_anywhere_in_the_reply_is_flagged_at_its_sentence() {
        assert_eq!(
            findings("Hi Sam. Your order is delayed. Sorry!"),
            [("demo.missing".to_string(), "Your order is delayed.")]
        );
        // The next step may stand in any sentence of the reply.
        assert!(findings("Your order is delayed. Sorry! I'll ship it by Friday.").is_empty());
        // A time alone tells the customer when.
        assert!(findings("Your order is delayed. It ships on 3 May.").is_empty());
        assert!(findings("Your order is fine.").is_empty());
        // An `except` match is no problem.
        assert!(findings("That is late fee territory.").is_empty());
    }

    #[test]
    fn a_time_that_names_the_problem_is_no_next_step() {
        let missing = |text: &str| findings(text).iter().any(|(r, _)| r == "demo.missing");
        // Before the problem in its clause, or straight after it.
        assert!(missing("Your 18:05 train is late."));
        assert!(missing("Your order is late today."));
        // A time that may lie behind, in the problem's sentence, with
        // nothing ahead in it, is when the problem happened.
        assert!(missing("The 2 pm slot on Thursday is delayed, sorry."));
        // Ahead of the problem, or in a sentence that looks ahead, it says
        // when.
        assert!(!missing("Your order is late; it should ship today."));
        assert!(!missing("Your order is late. It ships on Thursday."));
        assert!(!missing("Your 18:05 train is late, so the next one leaves at 18:40."));
        assert!(!missing("Your account is delayed until we hear back."));
    }

    #[test]
    fn a_vague_time_is_flagged_where_it_stands_and_only_with_a_problem() {
        assert_eq!(
            findings("Your order is late. It will ship soon."),
            [("demo.vague".to_string(), "soon")]
        );
        assert!(findings("We'll be in touch soon.").is_empty());
        assert!(findings("Your order is late. It ships soon, by 5 pm.").is_empty());
    }

    /// A pack whose problem condition reads the findings of sentence rules:
    /// a refusal reports a problem, a denial's words report none.
    const READER: &str = r#"
[pack]
name = "reader"
description = "d"

[classes]
late = ["delayed", "late", "failure"]

[conditions.problem]
sequences = ["@late"]
findings = ["reader.refusal"]
except-findings = ["reader.denial"]

[conditions.offered]
findings = ["reader.offer"]

[[rule]]
id = "refusal"
kind = "sequence"
severity = "warning"
sequences = ["[can't help]"]
message = "m"
rationale = "r"

[[rule]]
id = "denial"
kind = "sequence"
severity = "warning"
sequences = ["[works for everyone]"]
message = "m"
rationale = "r"

[[rule]]
id = "offer"
kind = "sequence"
severity = "info"
sequences = ["[I can offer]"]
message = "m"
rationale = "r"

[[rule]]
id = "help"
kind = "sequence"
severity = "info"
sequences = ["[help]"]
message = "m"
rationale = "r"

[[rule]]
id = "missing"
kind = "reply"
severity = "warning"
at = "problem"
without = ["time", "offered"]
message = "m"
rationale = "r"
"#;

    fn read(text: &str, only: &[&str]) -> Vec<(String, String)> {
        read_with(text, only, &[])
    }

    fn read_with(text: &str, only: &[&str], disable: &[&str]) -> Vec<(String, String)> {
        let pack = Pack::parse("reader.toml", READER).unwrap();
        let selection = Selection {
            only: only.iter().map(|s| s.to_string()).collect(),
            disable: disable.iter().map(|s| s.to_string()).collect(),
            ..Selection::default()
        };
        let linter = Linter::new(&[pack], &selection).unwrap();
        let found = linter.lint(text).into_iter();
        found.map(|d| (d.rule, d.span.slice(text).to_string())).collect()
    }

    #[test]
    fn a_condition_holds_where_a_finding_it_reads_stands_even_of_a_rule_not_enabled() {
        let missing = ("reader.missing".to_string(), "Sorry, we can't help.".to_string());
        // The refusal rule runs hidden: its finding holds the problem, and
        // is not reported itself.
        assert_eq!(read("Hi. Sorry, we can't help.", &["reader.missing"]), [missing]);
        let refusal = read("Hi. Sorry, we can't help.", &["reader.refusal"]);
        assert_eq!(refusal, [("reader.refusal".to_string(), "can't help".to_string())]);
        assert!(read("Sorry, we can't help. You will hear on 3 May.", &["reader.missing"]).is_empty());
        let pack = Pack::parse("reader.toml", READER).unwrap();
        let only = Selection {
            only: vec!["reader.missing".into()],
            ..Selection::default()
        };
        let linter = Linter::new(&[pack], &only).unwrap();
        let listed: Vec<&str> = linter.rules().map(|(r, _)| r.id.as_str()).collect();
        assert_eq!(listed, ["reader.missing"]);
    }

    #[test]
    fn a_condition_of_findings_alone_answers_a_without_and_hidden_rules_never_shadow_shown_ones() {
        let only = ["reader.missing"];
        // `offered` holds by the hidden offer rule's finding alone.
        assert!(read("Sorry, we can't help. I can offer a voucher.", &only).is_empty());
        assert_eq!(read("Sorry, we can't help. A voucher?", &only).len(), 1);
        // A disabled rule that is read still runs, hidden.
        let disabled = read_with("Hi. Sorry, we can't help.", &[], &["reader.refusal"]);
        assert!(disabled.iter().any(|(r, _)| r == "reader.missing"));
        assert!(disabled.iter().all(|(r, _)| r != "reader.refusal"));
        // The hidden refusal ("can't help") would win over the shown "help"
        // of its pack if it took part in the pack's overlap rule.
        let text = "Sorry, we can't help. I can offer a voucher.";
        let shown = read(text, &["reader.help", "reader.missing"]);
        assert!(shown.contains(&("reader.help".to_string(), "help".to_string())), "{shown:?}");
    }

    #[test]
    fn a_finding_the_condition_excepts_cancels_the_problem_words_of_its_sentence() {
        let only = ["reader.missing"];
        assert!(read("It works for everyone without a failure.", &only).is_empty());
        assert_eq!(read("It works for everyone. The build is late.", &only).len(), 1);
        // A refusal beside a denial still reports a problem.
        assert_eq!(read("It works for everyone, so we can't help.", &only).len(), 1);
    }

    #[test]
    fn a_finding_of_no_sentence_rule_of_a_loaded_pack_is_an_error() {
        let source = READER.replace("findings = [\"reader.refusal\"]", "findings = [\"other.refusal\"]");
        let pack = Pack::parse("reader.toml", &source).unwrap();
        let err = Linter::new(&[pack], &Selection::default()).err().unwrap();
        assert_eq!(
            err.to_string(),
            "rule `reader.missing` reads the findings of `other.refusal`, which names no sentence rule of a loaded pack"
        );
        // A reply rule's findings are not judged before the reply rules run.
        let source = READER.replace("findings = [\"reader.refusal\"]", "findings = [\"reader.missing\"]");
        let pack = Pack::parse("reader.toml", &source).unwrap();
        assert!(Linter::new(&[pack], &Selection::default()).is_err());
    }

    #[test]
    fn conditions_and_rules_say_what_is_wrong_at_their_line() {
        let error = |from: &str, to: &str| {
            let source = PACK.replacen(from, to, 1);
            let e = Pack::parse("demo.toml", &source).unwrap_err();
            let span = e.span.expect("the error has a span");
            (e.message, e.help, source[span.start..span.end].to_string())
        };
        let (message, help, at) = error("at = \"problem\"", "at = \"problme\"");
        assert_eq!(message, "unknown condition `problme`");
        assert_eq!(help.as_deref(), Some("did you mean `problem`?"));
        assert_eq!(at, "\"problme\"");
        let (message, _, _) = error("[conditions.commitment]", "[conditions.time]");
        assert_eq!(message, "`time` is a built-in condition");
        let (message, _, at) = error("\"is @late\"", "\"is @later\"");
        assert!(message.contains("unknown class `@later`"), "{message}");
        assert_eq!(at, "\"is @later\"");
        let (message, _, _) = error("span = \"match\"", "span = \"word\"");
        assert_eq!(message, "unknown span `word`");
    }
}
