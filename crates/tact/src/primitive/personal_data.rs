//! The `personal-data` primitive: a request cue aimed at a sensitive datum.
//! Whether a reason is given is the rule's `window` to judge (a reason in the
//! same or an adjacent sentence cancels the finding).
//!
//! Vale's `conditional` check made sentence-aware: "What is your SSN?" is
//! flagged, "May I have your SSN so I can look up your account?" is not. Data
//! that must never be asked for (passwords, PINs, one-time codes, full card
//! numbers, CVVs) is flagged whether or not a reason is given. Mentions and
//! warnings ("We will never ask for your password"), and data the customer is
//! quoted as saying, are not requests.

use std::sync::Arc;

use serde::Deserialize;
use toml::de::DeValue;
use toml::Spanned;

use super::kind::{
    by_detector, rule_of, Found, Group, Hit, Kind, Load, Primitive, RuleTable, Spec, SpecError, Table,
};
use crate::document::Document;
use crate::search::{touched, Cues, Pattern, SpacedPhrases};
use crate::span::Span;

pub(crate) static KIND: Kind = Kind {
    name: "personal-data",
    fields: &["class"],
    table: Some(Table {
        name: "personal-data",
        read: read_table,
    }),
    read_rule,
    build,
};

const CLASSES: &str = "unexplained-request, never-ask";

fn read_table(value: Spanned<DeValue<'_>>, _: &super::kind::Shared, load: Load) -> Result<Box<dyn Spec>, SpecError> {
    let span = value.span();
    let lists: PersonalDataLists = super::kind::deserialize(value)?;
    let detector = PersonalDataDetector::new(&lists, load.eager).map_err(|m| (span, m, None))?;
    Ok(Box::new(Arc::new(detector)))
}

fn read_rule(
    rule: RuleTable,
    shared: Option<&dyn Spec>,
    _: Load,
) -> Result<Box<dyn Spec>, SpecError> {
    super::kind::read_classed::<DataClass, PersonalDataDetector>(
        rule,
        shared,
        &KIND,
        DataClass::parse,
        CLASSES,
    )
}

fn build(rules: &[(usize, &dyn Spec)]) -> Option<Box<dyn Primitive>> {
    let groups = by_detector::<DataClass, PersonalDataDetector>(rules);
    let scanned = groups
        .iter()
        .enumerate()
        .filter(|(_, (d, _))| d.data_words().is_some())
        .map(|(g, _)| g)
        .collect();
    (!groups.is_empty()).then(|| Box::new(DataRequests { groups, scanned }) as Box<dyn Primitive>)
}

/// Each pack's data-request detector, with the rule each class reports to.
struct DataRequests {
    groups: Vec<Group<DataClass, PersonalDataDetector>>,
    /// The groups whose data words the scan looks for, in list order.
    scanned: Vec<usize>,
}

impl Primitive for DataRequests {
    fn literals(&self) -> Vec<&[String]> {
        self.groups
            .iter()
            .filter_map(|(d, _)| d.data_words())
            .collect()
    }

    fn check(&self, doc: &Document, found: &mut [Vec<Found>], hits: &mut Vec<Hit>) {
        let mut requests = Vec::new();
        for (g, (detector, classes)) in self.groups.iter().enumerate() {
            let words = match self.scanned.iter().position(|&s| s == g) {
                Some(k) => found[k].as_slice(),
                None => &[],
            };
            requests.clear();
            detector.find(doc.text(), doc.sentences(), words, &mut requests);
            for &(class, span) in &requests {
                if let Some(rule) = rule_of(classes, &class) {
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

    #[cfg(test)]
    fn gated(&self) -> Vec<(usize, &Pattern)> {
        let cues = self
            .groups
            .iter()
            .flat_map(|(d, _)| [&d.request, &d.mention]);
        cues.flat_map(Cues::patterns)
            .map(|p| (crate::search::MIN_CUE_LITERAL, p))
            .collect()
    }
}

/// The lists of a pack's `[personal-data]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PersonalDataLists {
    /// Spellings of sensitive data that need a stated reason.
    pub sensitive: Vec<String>,
    /// Spellings that contain a sensitive word but are not sensitive
    /// ("email address"): a datum inside one of these is ignored.
    pub not_sensitive: Vec<String>,
    /// Spellings of data that must never be requested.
    pub never: Vec<String>,
    /// Regexes that, ending right before a never-ask datum, make it partial
    /// ("the last four digits of your card number") and so only sensitive.
    pub partial: Vec<String>,
    /// Regexes for a request in a sentence.
    pub request: Vec<String>,
    /// Regexes for a mention, warning or negated request: not a request.
    pub mention: Vec<String>,
}

/// Which rule a finding belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum DataClass {
    /// A sensitive datum asked for; the rule's window judges the reason.
    Unexplained,
    Never,
}

impl DataClass {
    pub fn parse(s: &str) -> Option<DataClass> {
        match s {
            "unexplained-request" => Some(DataClass::Unexplained),
            "never-ask" => Some(DataClass::Never),
            _ => None,
        }
    }
}

#[derive(Debug)]
pub(crate) struct PersonalDataDetector {
    /// Every sensitive and never-ask spelling: one scan of the text finds
    /// the few sentences worth a closer look. Without a regex when the
    /// spellings are ASCII, so that a draft with no datum compiles nothing.
    any_datum: Spellings,
    sensitive: Spellings,
    not_sensitive: Spellings,
    never: Spellings,
    // The regexes run only on the sentences that scan touches, so they
    // compile on first use (eagerly for a user's pack, to report errors at
    // load); the cues, only those a sentence's literals call for.
    partial: Pattern,
    request: Cues,
    mention: Cues,
}

/// A list of data spellings: scanned without a regex where the scan reads
/// them exactly as the regex would (see `spaced_phrases`), else one regex.
#[derive(Debug)]
enum Spellings {
    Scan(Box<SpacedPhrases>),
    Regex(Pattern),
}

impl Spellings {
    fn new(list: &[String], eager: bool) -> Result<Spellings, String> {
        match SpacedPhrases::new(list) {
            Some(scan) => Ok(Spellings::Scan(Box::new(scan))),
            None => Pattern::new(&phrases(list), eager).map(Spellings::Regex),
        }
    }

    /// The matches, as a regex of the spellings finds them.
    fn find(&self, s: &str) -> Vec<Span> {
        match self {
            Spellings::Scan(scan) => scan.find(s),
            Spellings::Regex(_) => self.find_longest(s),
        }
    }

    /// The matches, the longest of overlapping ones standing where the
    /// spellings can be scanned (a regex's are its leftmost ones).
    fn find_longest(&self, s: &str) -> Vec<Span> {
        match self {
            Spellings::Scan(scan) => scan.find_longest(s),
            Spellings::Regex(regex) => regex
                .regex()
                .find_iter(s)
                .map(|m| Span::new(m.start(), m.end()))
                .collect(),
        }
    }
}

/// One regex matching any phrase of `list`, on word boundaries.
fn phrases(list: &[String]) -> String {
    let mut sorted: Vec<&String> = list.iter().collect();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let alternation: Vec<String> = sorted
        .iter()
        .map(|p| {
            regex::escape(p.trim())
                .replace("\\ ", r"\s+")
                .replace(' ', r"\s+")
        })
        .collect();
    format!(r"\b(?:{})\b", alternation.join("|"))
}

/// One regex matching any of `list`.
fn any(list: &[String], suffix: &str) -> String {
    let alternation: Vec<String> = list.iter().map(|p| format!("(?:{p})")).collect();
    format!("(?:{}){suffix}", alternation.join("|"))
}

impl PersonalDataDetector {
    pub fn new(lists: &PersonalDataLists, eager: bool) -> Result<Self, String> {
        let data = [lists.sensitive.as_slice(), &lists.never].concat();
        Ok(PersonalDataDetector {
            any_datum: Spellings::new(&data, eager)?,
            sensitive: Spellings::new(&lists.sensitive, eager)?,
            not_sensitive: Spellings::new(&lists.not_sensitive, eager)?,
            never: Spellings::new(&lists.never, eager)?,
            partial: Pattern::new(&any(&lists.partial, r"\s*$"), eager)?,
            request: Cues::new(&lists.request, eager)?,
            mention: Cues::new(&lists.mention, eager)?,
        })
    }

    /// The first words of the data spellings, which the linter's scan of
    /// the text looks for; `None` when the spellings are one regex.
    pub fn data_words(&self) -> Option<&[String]> {
        match &self.any_datum {
            Spellings::Scan(scan) => Some(scan.first_words()),
            Spellings::Regex(_) => None,
        }
    }

    /// Every unexplained or never-ask request in the text. `data_words`:
    /// where the linter's scan found the [`data_words`](Self::data_words)
    /// (none when the spellings are one regex, which searches here).
    pub fn find(
        &self,
        text: &str,
        sentences: &[Span],
        data_words: &[(usize, usize, usize)],
        out: &mut Vec<(DataClass, Span)>,
    ) {
        // Overlapping occurrences too where that is cheaper: for finding the
        // sentences to look at, a superset will do.
        let data = match &self.any_datum {
            Spellings::Scan(scan) => scan.find_all(text, data_words),
            Spellings::Regex(_) => self.any_datum.find(text),
        };
        for k in touched(data, sentences) {
            let sentence = &sentences[k];
            let s = sentence.slice(text);
            // Most sentences that name a datum ask for nothing, so the
            // request check goes first and the mention check (the larger
            // automaton) runs on the few that do.
            let requested = self.request.is_match(s) || is_form_field(s);
            if !requested || self.mention.is_match(s) {
                continue;
            }
            let excluded: Vec<(usize, usize)> = self
                .not_sensitive
                .find(s)
                .into_iter()
                .map(|m| (m.start, m.end))
                .collect();
            let mut found = Vec::new();
            let excluded_at = |start: usize, end: usize| {
                excluded.iter().any(|&(a, b)| a <= start && end <= b)
            };
            // A `not-sensitive` spelling takes its words out of both lists:
            // a loyalty "card number" is not a payment card's.
            for m in self.never.find_longest(s) {
                if quoted(s, m.start) || excluded_at(m.start, m.end) {
                    continue;
                }
                let class = if self.partial.is_match(&s[..m.start]) {
                    DataClass::Unexplained
                } else {
                    DataClass::Never
                };
                found.push((class, m.start, m.end));
            }
            for m in self.sensitive.find_longest(s) {
                let inside_never = found.iter().any(|&(_, a, b)| m.start < b && a < m.end);
                if !inside_never && !excluded_at(m.start, m.end) && !quoted(s, m.start) {
                    found.push((DataClass::Unexplained, m.start, m.end));
                }
            }
            out.extend(found.into_iter().map(|(class, start, end)| {
                (class, Span::new(sentence.start + start, sentence.start + end))
            }));
        }
    }
}

/// A form line: "DOB:" or "Date of birth: ____".
fn is_form_field(sentence: &str) -> bool {
    sentence.split_once(':').is_some_and(|(label, rest)| {
        label.split_whitespace().count() <= 5 && rest.trim().trim_matches('_').is_empty()
    })
}

/// Whether `at` lies inside a pair of double quotes: the customer's words
/// quoted back, or a label to type ("reply with "DOB"").
fn quoted(s: &str, at: usize) -> bool {
    s[..at].matches('"').count() % 2 == 1
}
