//! The `passive` primitive: a form of *be* or *get*, optional adverbs, then a
//! past participle — found on words, not with a regex, so the lists stay
//! readable and the exceptions are decisions in one place.
//!
//! Each passive is classed:
//! - `with-agent`: a "by" phrase names who acted ("processed by our team");
//! - `evasive`: no agent, and the verb reports bad news or a mistake
//!   ("your account has been suspended", "mistakes were made");
//! - `agentless`: any other passive with no agent ("your refund was processed").
//!
//! What is *not* passive is decided here and documented in the pack: adjectival
//! participles of feeling ("I'm interested"), place and identity ("we're
//! located", present tense only: "your bag was located" is an event), business
//! hours ("the store is closed"), lexicalised phrases ("supposed to", "all
//! set"), active progressives and perfects ("is processing", "has shipped"),
//! and causatives ("we'll get it fixed": a word between *get* and the participle
//! that is not an adverb ends the search).
//!
//! Lookups use a fast non-cryptographic hash: the keys are the pack's own words,
//! and this runs on every word of every draft.

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use toml::de::DeValue;
use toml::Spanned;

use super::kind::{
    by_detector, rule_of, Found, Group, Hit, Kind, Load, Primitive, RuleTable, Spec, SpecError, Table,
};
use crate::document::{on_word_boundaries, Document, Words};
use crate::search::{sentence_after, WordSet};
use crate::span::Span;

pub(crate) static KIND: Kind = Kind {
    name: "passive",
    fields: &["class"],
    table: Some(Table {
        name: "passive",
        read: read_table,
    }),
    read_rule,
    build,
};

const CLASSES: &str = "evasive, agentless, with-agent";

fn read_table(value: Spanned<DeValue<'_>>, _: &super::kind::Shared, _: Load) -> Result<Box<dyn Spec>, SpecError> {
    let span = value.span();
    let lists: PassiveLists = super::kind::deserialize(value)?;
    let detector = PassiveDetector::new(&lists).map_err(|m| (span, m, None))?;
    Ok(Box::new(Arc::new(detector)))
}

fn read_rule(
    rule: RuleTable,
    shared: Option<&dyn Spec>,
    _: Load,
) -> Result<Box<dyn Spec>, SpecError> {
    super::kind::read_classed::<Class, PassiveDetector>(rule, shared, &KIND, Class::parse, CLASSES)
}

fn build(rules: &[(usize, &dyn Spec)]) -> Option<Box<dyn Primitive>> {
    let groups = by_detector::<Class, PassiveDetector>(rules);
    (!groups.is_empty()).then(|| Box::new(Passives { groups }) as Box<dyn Primitive>)
}

/// Each pack's passive detector, run once per draft, with the rule each
/// class of passive reports to.
struct Passives {
    groups: Vec<Group<Class, PassiveDetector>>,
}

impl Primitive for Passives {
    fn literals(&self) -> Vec<&[String]> {
        self.groups.iter().map(|(d, _)| d.form_list()).collect()
    }

    /// Sentence by sentence, only those holding a be or get form that may
    /// open a passive are split into words and searched.
    fn check(&self, doc: &Document, found: &mut [Vec<Found>], hits: &mut Vec<Hit>) {
        let text = doc.text();
        let mut words = Vec::new();
        let mut starts = Vec::new();
        let mut scratch = String::new();
        let mut passives: Vec<Passive> = Vec::new();
        for ((detector, classes), at) in self.groups.iter().zip(found) {
            at.retain(|&(start, end, _)| detector.stands_as_word(text, start, end));
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
                    here.iter()
                        .copied()
                        .filter(|&form| detector.may_start(text, *sentence, form, &mut scratch)),
                );
                if starts.is_empty() {
                    continue;
                }
                words.clear();
                doc.words_in(*sentence, &mut words);
                passives.clear();
                detector.find(
                    text,
                    *sentence,
                    &words,
                    &starts,
                    &mut scratch,
                    &mut passives,
                );
                for p in passives.drain(..) {
                    if let Some(rule) = rule_of(classes, &p.class) {
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
}

/// The word lists of a pack's `[passive]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PassiveLists {
    /// Forms of *be*, with contractions and negatives ("isn't", "'s").
    pub be: Vec<String>,
    /// Forms of *get*.
    pub get: Vec<String>,
    /// Words that may stand between the auxiliary and the participle.
    pub adverbs: Vec<String>,
    /// Irregular participles, as `participle` or `participle/past` when the
    /// simple past differs (for the active rewrite).
    pub irregular: Vec<String>,
    /// Words ending in -ed that are not participles ("sacred", "hundred").
    pub not_participles: Vec<String>,
    /// Verbs the lexicon (WordNet) lacks whose "-ed" forms are participles
    /// ("text", "onboard").
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Adjectival participles of feeling or attitude: never passive.
    pub adjectival: Vec<String>,
    /// Place and identity adjectives: not passive after present-tense *be*.
    pub stative_present: Vec<String>,
    /// Participles that describe opening hours after a place ("closed").
    pub hours: Vec<String>,
    /// Subjects that make an hours participle a state ("store", "office").
    pub places: Vec<String>,
    /// Two-word phrases that are lexicalised, not passive ("supposed to").
    pub lexical: Vec<String>,
    /// Participles that report bad news or an adverse action.
    pub evasive_verbs: Vec<String>,
    /// Subjects that make any passive evasive ("mistakes were made").
    pub evasive_subjects: Vec<String>,
    /// Participles that report a fix or a relief: good news, never evasive
    /// ("the bug has been fixed").
    #[serde(default)]
    pub remedies: Vec<String>,
    /// Evasive verbs that take something away ("removed", "cancelled")...
    #[serde(default)]
    pub removals: Vec<String>,
    /// ...which is good news when it is one of these ("the fee was removed").
    #[serde(default)]
    pub burdens: Vec<String>,
    /// Phrases that say the customer asked for the action ("as you
    /// requested"): it is news they wanted.
    #[serde(default)]
    pub requested: Vec<String>,
    /// Words after "by" that do not name an agent ("by Friday", "by email").
    pub not_agents: Vec<String>,
}

/// The class of a passive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    Evasive,
    Agentless,
    WithAgent,
}

impl Class {
    pub fn parse(s: &str) -> Option<Class> {
        match s {
            "evasive" => Some(Class::Evasive),
            "agentless" => Some(Class::Agentless),
            "with-agent" => Some(Class::WithAgent),
            _ => None,
        }
    }
}

/// A passive found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Passive {
    pub class: Class,
    /// From the auxiliary to the participle.
    pub span: Span,
    /// "Our team processed the refund", when a mechanical rewrite fits.
    pub rewrite: Option<(Span, String)>,
}

/// The lists, lowercased and hashed for lookup.
#[derive(Debug)]
pub(crate) struct PassiveDetector {
    be: WordSet,
    /// The be and get forms together, looked up at once.
    be_or_get: WordSet,
    adverbs: WordSet,
    /// participle -> simple past
    irregular: HashMap<String, String>,
    /// [`PassiveLists::verbs`].
    verbs: WordSet,
    not_participles: WordSet,
    adjectival: WordSet,
    stative_present: WordSet,
    hours: WordSet,
    places: WordSet,
    /// First word -> the second words it makes a lexicalised phrase with:
    /// looked up by `&str`, so a check allocates nothing.
    lexical: HashMap<String, HashSet<String>>,
    evasive_verbs: WordSet,
    evasive_subjects: WordSet,
    remedies: WordSet,
    removals: WordSet,
    burdens: WordSet,
    /// [`PassiveLists::requested`], each as its words.
    requested: Vec<Vec<String>>,
    not_agents: WordSet,
    /// Every be and get form, to skip the sentences that have none (most of
    /// them) before they are split into words; the linter's scan of the
    /// text looks for them.
    forms: Vec<String>,
}

/// The matches a leftmost-longest search finds, given every match
/// (`(start, end, _)`, overlapping ones included): the longest of those at
/// the leftmost start, then on from its end.
fn leftmost_longest(found: &mut [(usize, usize, usize)]) -> impl Iterator<Item = Span> + '_ {
    found.sort_unstable_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
    let mut after = 0;
    found
        .iter()
        .filter(move |&&(start, end, _)| {
            let next = start >= after;
            if next {
                after = end;
            }
            next
        })
        .map(|&(start, end, _)| Span::new(start, end))
}

/// Modal and perfect auxiliaries that open a passive verb group.
const LEADING_AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "hasn't",
    "haven't",
    "hadn't",
    "will",
    "won't",
    "would",
    "wouldn't",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "should",
    "shouldn't",
    "must",
    "mustn't",
    "may",
    "might",
    "shall",
    "'ll",
    "'ve",
    "'d",
];
const PRESENT_BE: &[&str] = &["is", "are", "am", "'s", "'re", "'m", "isn't", "aren't"];
/// Words whose "'s" is "is" or "has", never a possessive.
const S_PRONOUNS: &[&str] = &[
    "it",
    "that",
    "what",
    "there",
    "here",
    "who",
    "he",
    "she",
    "this",
    "everything",
    "nothing",
    "something",
    "anything",
    "everyone",
    "someone",
    "anyone",
    "which",
    "where",
    "how",
    "when",
];
const SUBJECT_PRONOUNS: &[&str] = &[
    "i", "you", "we", "they", "he", "she", "it", "this", "that", "these", "those",
];

fn set(list: &[String]) -> WordSet {
    list.iter().map(|s| s.to_lowercase()).collect()
}

impl PassiveDetector {
    pub fn new(lists: &PassiveLists) -> Result<Self, String> {
        let mut lexical: HashMap<String, HashSet<String>> = HashMap::default();
        for phrase in &lists.lexical {
            let mut words = phrase.split_whitespace().map(str::to_lowercase);
            match (words.next(), words.next(), words.next()) {
                (Some(a), Some(b), None) => lexical.entry(a).or_default().insert(b),
                _ => return Err(format!("lexical phrase `{phrase}` must be two words")),
            };
        }
        let irregular = lists
            .irregular
            .iter()
            .map(|entry| {
                let entry = entry.to_lowercase();
                match entry.split_once('/') {
                    Some((p, past)) => (p.to_string(), past.to_string()),
                    None => (entry.clone(), entry),
                }
            })
            .collect();
        let forms: Vec<String> = lists.be.iter().chain(&lists.get).cloned().collect();
        Ok(PassiveDetector {
            be: set(&lists.be),
            adverbs: set(&lists.adverbs),
            irregular,
            verbs: set(&lists.verbs),
            not_participles: set(&lists.not_participles),
            adjectival: set(&lists.adjectival),
            stative_present: set(&lists.stative_present),
            hours: set(&lists.hours),
            places: set(&lists.places),
            lexical,
            evasive_verbs: set(&lists.evasive_verbs),
            evasive_subjects: set(&lists.evasive_subjects),
            remedies: set(&lists.remedies),
            removals: set(&lists.removals),
            burdens: set(&lists.burdens),
            requested: lists
                .requested
                .iter()
                .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            not_agents: set(&lists.not_agents),
            be_or_get: set(&forms),
            forms,
        })
    }

    /// The auxiliary form of a word: `'s`, `'re`, `'m` for contractions
    /// ("refund's", "we're"), else the word itself.
    fn aux<'w>(&self, word: &'w str) -> Option<&'w str> {
        if self.be_or_get.contains(word) {
            return Some(word);
        }
        if word == "let's" {
            return None;
        }
        ["'s", "'re", "'m"].into_iter().find_map(|c| {
            let stem = word.strip_suffix(c)?;
            (!stem.is_empty() && self.be.contains(c)).then_some(&word[stem.len()..])
        })
    }

    /// An irregular participle of the pack's, or an "-ed" form of a verb the
    /// lexicon or the pack knows, unless the pack says it is no participle.
    fn is_participle(&self, word: &str) -> bool {
        if self.irregular.contains_key(word) {
            return true;
        }
        // The cheap test first: most words end in no "-ed".
        word.ends_with("ed")
            && !self.not_participles.contains(word)
            && crate::lexicon::is_regular_participle(word, &|verb| self.verbs.contains(verb))
    }

    fn past_tense(&self, participle: &str) -> String {
        self.irregular
            .get(participle)
            .cloned()
            .unwrap_or_else(|| participle.to_string())
    }

    /// The be and get forms, which the linter's scan of the text looks for.
    pub fn form_list(&self) -> &[String] {
        &self.forms
    }

    /// Whether the form found at `start..end` stands as a word: a
    /// contraction ("'s") at a word's end, any other form whole. Most
    /// occurrences do not ("is" in "this"); the linter keeps only those
    /// that do from its scan.
    pub fn stands_as_word(&self, text: &str, start: usize, end: usize) -> bool {
        if text.as_bytes()[start] == b'\'' {
            !text[end..].starts_with(|c: char| c.is_alphanumeric())
        } else {
            on_word_boundaries(text, Span::new(start, end))
        }
    }

    /// Where a be or get form starts, in text order. Only these words can
    /// start a passive; most sentences have none and are never split into
    /// words. `found`: `(start, end, form)` for every occurrence of a form
    /// that [stands as a word](Self::stands_as_word) (the linter's scan
    /// finds them), overlapping ones included, read leftmost-longest: of
    /// the forms at the leftmost start the longest ("has been" if a pack
    /// lists it, not "has"), then on from its end.
    pub fn forms(&self, found: &mut [(usize, usize, usize)]) -> Vec<usize> {
        leftmost_longest(found).map(|m| m.start).collect()
    }

    /// Whether a passive may start at the be or get form at `form`, from the
    /// words after it alone: past any adverbs and auxiliaries, a participle
    /// must follow, unless the sentence is a question, whose subject may
    /// come between ("Was the refund processed?"). Most forms fail ("is a",
    /// "are you"), and their sentences need not be split into words.
    /// `scratch` is a buffer for a word, lowercased.
    pub fn may_start(&self, text: &str, sentence: Span, form: usize, scratch: &mut String) -> bool {
        if sentence.slice(text).trim_end().ends_with('?') {
            return true;
        }
        // The first word is the form's own (from the form: a contraction's
        // apostrophe starts none).
        for word in Words::new(text, Span::new(form, sentence.end)).skip(1) {
            scratch.clear();
            scratch.push_str(word.slice(text));
            scratch.make_ascii_lowercase();
            let word = scratch.as_str();
            if !self.adverbs.contains(word) && self.aux(word).is_none() {
                return self.is_participle(word) && !self.adjectival.contains(word);
            }
        }
        false
    }

    /// Find every passive in one sentence, given its word spans and the
    /// starts of its be and get forms (from [`forms`](Self::forms)).
    /// `scratch` is a buffer for the sentence with ASCII letters lowercased
    /// (same offsets; the lists are ASCII), reused from sentence to sentence.
    pub fn find(
        &self,
        text: &str,
        sentence: Span,
        words: &[Span],
        forms: &[usize],
        scratch: &mut String,
        out: &mut Vec<Passive>,
    ) {
        scratch.clear();
        scratch.push_str(sentence.slice(text));
        scratch.make_ascii_lowercase();
        let at = |w: &Span| &scratch[w.start - sentence.start..w.end - sentence.start];
        let lower: Vec<&str> = words.iter().map(at).collect();
        let question = sentence.slice(text).trim_end().ends_with('?');
        // Only a word holding a be or get form can start a passive.
        let mut next = 0;
        for &form in forms {
            let i = words.partition_point(|w| w.end <= form);
            if i < next || i >= words.len() {
                continue;
            }
            if let Some(found) = self.passive_at(text, sentence, words, &lower, i, question) {
                next = found.1 + 1;
                out.push(found.0);
            }
        }
    }

    fn passive_at(
        &self,
        text: &str,
        sentence: Span,
        words: &[Span],
        lower: &[&str],
        i: usize,
        question: bool,
    ) -> Option<(Passive, usize)> {
        let aux = self.aux(lower[i])?;
        // A gerund or reduced clause ("from being sold", "a car being picked
        // up") has no finite be: not the passive a reply hides behind.
        if lower[i] == "being" {
            return None;
        }
        // "'s" after a noun is as often a possessive ("Children's Specialized")
        // as "is"; after a noun it counts only before "been", "being" or an
        // adverb ("the credit's been applied").
        if aux == "'s" && !S_PRONOUNS.contains(&&lower[i][..lower[i].len() - 2]) {
            let next = lower.get(i + 1).copied().unwrap_or("");
            if !(matches!(next, "been" | "being") || self.adverbs.contains(next)) {
                return None;
            }
        }
        let mut j = i + 1;
        // A question puts the subject between: "Were you charged?", "Was the
        // refund processed?"
        if question && i == 0 && self.be.contains(aux) {
            let limit = (j + 4).min(lower.len());
            while j < limit && !self.is_participle(lower[j]) && self.aux(lower[j]).is_none() {
                j += 1;
            }
        }
        while j < lower.len() && (self.adverbs.contains(lower[j]) || self.aux(lower[j]).is_some()) {
            j += 1;
        }
        let participle = *lower.get(j)?;
        if !self.is_participle(participle) || self.adjectival.contains(participle) {
            return None;
        }
        let last_aux = (i..j).rev().find_map(|k| self.aux(lower[k])).unwrap_or(aux);
        if PRESENT_BE.contains(&last_aux) && self.stative_present.contains(participle) {
            return None;
        }
        let prev = lower[j - 1];
        let next = lower.get(j + 1).copied().unwrap_or("");
        let pair = |a: &str, b: &str| self.lexical.get(a).is_some_and(|s| s.contains(b));
        if pair(prev, participle) || pair(participle, next) {
            return None;
        }
        let before = &lower[i.saturating_sub(4)..i];
        let subject = &lower[i.saturating_sub(4)..=i];
        if self.hours.contains(participle) && subject.iter().any(|w| self.places.contains(w)) {
            return None;
        }
        let span = Span::new(self.clause_start(words, lower, i, aux), words[j].end);
        let agent = self.agent(text, sentence, words, lower, j);
        let class = if agent.is_some() {
            Class::WithAgent
        } else if (self.evasive_verbs.contains(participle)
            || before.iter().any(|w| self.evasive_subjects.contains(w)))
            && !self.good_news(lower, i, j)
        {
            Class::Evasive
        } else {
            Class::Agentless
        };
        let rewrite = agent.and_then(|agent| self.rewrite(text, words, lower, i, j, agent));
        Some((
            Passive {
                class,
                span,
                rewrite,
            },
            j,
        ))
    }

    /// Whether the passive at `i..=j` reports news the customer wants, so
    /// that an adverse verb hides no bad news: negated ("you won't be
    /// charged"), a fix ("the bug has been fixed"), a burden taken away
    /// ("the fee has been removed"), or what the customer asked for
    /// ("cancelled as you requested").
    fn good_news(&self, lower: &[&str], i: usize, j: usize) -> bool {
        let participle = lower[j];
        let negated = lower[i.saturating_sub(2)..j]
            .iter()
            .any(|w| matches!(*w, "not" | "never" | "no") || w.ends_with("n't") || *w == "cannot");
        let subject = &lower[i.saturating_sub(4)..i];
        let relief = self.removals.contains(participle)
            && subject.iter().any(|w| self.burdens.contains(w));
        negated
            || relief
            || self.remedies.contains(participle)
            || {
                // Near the passive, not anywhere in a sentence that may be
                // a whole unpunctuated text.
                let near = &lower[i.saturating_sub(8)..(j + 12).min(lower.len())];
                self.requested
                    .iter()
                    .any(|p| near.windows(p.len()).any(|w| w.iter().eq(p.iter())))
            }
    }

    /// Where the verb group starts: back over the modal or perfect
    /// auxiliaries and adverbs before the be/get form ("has not yet been
    /// reviewed", "will be refunded"); for a contraction, at its apostrophe
    /// ("the credit's been applied").
    fn clause_start(&self, words: &[Span], lower: &[&str], i: usize, aux: &str) -> usize {
        if lower[i].len() > aux.len() {
            return words[i].end - aux.len();
        }
        let mut start = i;
        for k in (0..i).rev() {
            if LEADING_AUX.contains(&lower[k]) {
                start = k;
            } else if !self.adverbs.contains(lower[k]) {
                break;
            }
        }
        words[start].start
    }

    /// The agent after "by", as the span of words up to the clause's end.
    fn agent(
        &self,
        text: &str,
        sentence: Span,
        words: &[Span],
        lower: &[&str],
        j: usize,
    ) -> Option<Span> {
        let by = (j + 1..(j + 3).min(lower.len())).find(|&k| lower[k] == "by")?;
        // Only adverbs between the participle and "by".
        if (j + 1..by).any(|k| !self.adverbs.contains(lower[k])) {
            return None;
        }
        let first = *lower.get(by + 1)?;
        let second = lower.get(by + 2).copied().unwrap_or("");
        let skip_det = matches!(first, "the" | "a" | "an" | "this" | "next" | "end" | "then");
        let head = if skip_det { second } else { first };
        if self.not_agents.contains(first)
            || self.not_agents.contains(head)
            || first.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            return None;
        }
        // The agent runs to the next punctuation that ends a clause.
        let start = words[by + 1].start;
        let rest = &text[start..sentence.end];
        let len = rest
            .find([',', ';', ':', '.', '!', '?', '(', '\u{2014}'])
            .unwrap_or(rest.len());
        let end = start + rest[..len].trim_end().len();
        Some(Span::new(start, end))
    }

    /// "The refund was processed by our team" -> "Our team processed the
    /// refund", only for the plain case: a subject of words from the sentence
    /// start, one auxiliary, no negation or modal.
    fn rewrite(
        &self,
        text: &str,
        words: &[Span],
        lower: &[&str],
        i: usize,
        j: usize,
        agent: Span,
    ) -> Option<(Span, String)> {
        if i == 0 || j != i + 1 || !matches!(lower[i], "was" | "were") {
            return None;
        }
        if SUBJECT_PRONOUNS.contains(&lower[0]) && i == 1 {
            return None;
        }
        let subject = Span::new(words[0].start, words[i - 1].end);
        let subject_text = subject.slice(text);
        if subject_text.contains([',', ';', ':']) {
            return None;
        }
        let agent_text = agent.slice(text);
        // Only plain words move: a bracket, quote or comma at the edge of
        // either part ("by (our team)", "by Stripe, Inc.") would be left
        // behind, or carried to the wrong place.
        let plain = |s: &str| {
            s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '\'' | '’' | '-'))
        };
        let after = text[agent.end..].trim_start_matches(' ');
        if !plain(subject_text) || !plain(agent_text) || after.starts_with(',') {
            return None;
        }
        let mut rewritten = capitalize(agent_text);
        rewritten.push(' ');
        rewritten.push_str(&self.past_tense(lower[j]));
        rewritten.push(' ');
        rewritten.push_str(&decapitalize(subject_text));
        Some((Span::new(subject.start, agent.end), rewritten))
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn decapitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep "I" and acronyms ("SSN") as they are.
        Some(f)
            if f.is_uppercase()
                && !c.clone().next().is_some_and(char::is_uppercase)
                && s != "I" =>
        {
            f.to_lowercase().chain(c).collect()
        }
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, MatchKind};
    use proptest::prelude::*;

    use super::leftmost_longest;
    use crate::search::Scan;
    use crate::span::Span;
    use crate::{builtin, Linter, Selection};

    proptest! {
        /// The forms as the linter's scan finds them (overlapping), read
        /// leftmost-longest, are what a leftmost-longest automaton finds.
        #[test]
        fn forms_read_leftmost_longest(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["be", "Being", "been", "'s", "is", "isn't", "s", "'", " ", "x"]),
                0..20,
            )
        ) {
            let text = parts.concat();
            let forms: Vec<String> = ["be", "being", "been", "'s", "is", "isn't", "s"].map(String::from).to_vec();
            let scan = Scan::new([forms.as_slice()]).unwrap();
            let reference = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&forms)
                .unwrap();
            let expected: Vec<Span> = reference.find_iter(&text).map(|m| Span::new(m.start(), m.end())).collect();
            for _ in 0..2 {
                let mut found = Vec::new();
                scan.for_each(&text, |_, start, end, i| found.push((start, end, i)));
                prop_assert_eq!(leftmost_longest(&mut found).collect::<Vec<_>>(), expected.clone());
            }
        }
    }

    /// The built-in pack's passive detector.
    fn builtin_detector() -> std::sync::Arc<super::PassiveDetector> {
        let mut rules = builtin().iter().flat_map(|pack| &pack.rules);
        let rule = rules
            .find(|rule| rule.kind() == super::KIND.name)
            .expect("the passive pack is built in");
        let classed = crate::primitive::spec::<
            crate::primitive::Classed<super::Class, super::PassiveDetector>,
        >(rule.spec.as_ref());
        classed.detector.clone()
    }

    proptest! {
        /// Leaving out the forms `may_start` rejects never loses a passive:
        /// on sentences of forms, adverbs, participles and other words.
        #[test]
        fn may_start_rejects_only_forms_that_start_none(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "was", "Is", "been", "being", "got", "get", "'s", "it's", "isn't", "were",
                    "not", "never", "just", "processed", "Made", "done", "closed", "located",
                    "interested", "by", "our", "team", "the", "store", "you", "refund", "Friday",
                    "supposed", "to", "hundred", ",", "-", "?", ".", "’",
                ]),
                1..14,
            ),
            joiners in proptest::collection::vec(proptest::sample::select(vec![" ", "", "  "]), 14),
        ) {
            let text: String = parts.iter().zip(&joiners).flat_map(|(p, j)| [*p, *j]).collect();
            let detector = builtin_detector();
            let sentence = Span::new(0, text.len());
            let lower = text.to_ascii_lowercase();
            let forms: Vec<usize> = detector
                .form_list()
                .iter()
                .flat_map(|form| lower.match_indices(form.as_str()).map(|(at, _)| at))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let mut words = Vec::new();
            words.extend(crate::document::Words::new(&text, sentence));
            let mut scratch = String::new();
            let kept: Vec<usize> = forms
                .iter()
                .copied()
                .filter(|&f| detector.may_start(&text, sentence, f, &mut scratch))
                .collect();
            let (mut all, mut some) = (Vec::new(), Vec::new());
            detector.find(&text, sentence, &words, &forms, &mut scratch, &mut all);
            detector.find(&text, sentence, &words, &kept, &mut scratch, &mut some);
            prop_assert_eq!(some, all);
        }
    }

    /// `aux` and `is_participle` answer as looking the word up in the lists
    /// would, with the "-ed" tests done before the lookups.
    #[test]
    fn word_tests_answer_as_the_lists_say() {
        let detector = builtin_detector();
        for word in [
            "is",
            "isn't",
            "got",
            "getting",
            "be",
            "'s",
            "it's",
            "we're",
            "i'm",
            "let's",
            "s",
            "us",
            "some",
            "the",
            "gets",
            "ism",
            "processed",
            "need",
            "agreed",
            "sent",
            "naked",
            "fed",
            "located",
            "made",
            "bed",
            "edited",
            "ed",
            "",
        ] {
            let in_lists = detector.be_or_get.contains(word);
            let contraction = ["'s", "'re", "'m"]
                .into_iter()
                .find(|c| word.len() > c.len() && word.ends_with(c) && word != "let's");
            let expected = if in_lists {
                Some(word)
            } else {
                contraction.map(|c| &word[word.len() - c.len()..])
            };
            assert_eq!(detector.aux(word), expected, "aux({word:?})");
            let participle = detector.irregular.contains_key(word)
                || (!detector.not_participles.contains(word)
                    && word.len() >= 5
                    && word.ends_with("ed")
                    && !word.ends_with("eed"));
            assert_eq!(detector.is_participle(word), participle, "{word:?}");
        }
    }

    #[test]
    fn forms_stand_as_words_or_end_one_as_contractions() {
        let detector = builtin_detector();
        let text = "This isn't it; the refund's been sent, being late. Arena, getaway, Bess.";
        let mut found = Vec::new();
        let scan = Scan::new([detector.form_list()]).unwrap();
        scan.for_each(text, |_, start, end, i| {
            if detector.stands_as_word(text, start, end) {
                found.push((start, end, i));
            }
        });
        let starts = detector.forms(&mut found);
        let words: Vec<&str> = starts
            .iter()
            .map(|&s| text[s..].split([' ', ',', '.']).next().unwrap())
            .collect();
        assert_eq!(words, ["isn't", "'s", "been", "being"]);
    }

    fn lint(text: &str) -> Vec<(String, String, Option<String>)> {
        let sel = Selection {
            only: vec!["passive".into()],
            ..Selection::default()
        };
        let linter = Linter::new(builtin(), &sel).unwrap();
        linter
            .lint(text)
            .into_iter()
            .map(|d| {
                let fix = d.suggestions.first().and_then(|s| {
                    s.replacement
                        .clone()
                        .map(|r| format!("{}=>{r}", s.span.slice(text)))
                });
                (d.rule, d.span.slice(text).to_string(), fix)
            })
            .collect()
    }

    #[test]
    fn spans_run_from_auxiliary_to_participle_past_emoji() {
        let found = lint("🎉 Zoë, your trip has not yet been rebooked.");
        assert_eq!(
            found,
            [(
                "passive.agentless".to_string(),
                "has not yet been rebooked".to_string(),
                None
            )]
        );
        let found = lint("Your order was never received.");
        assert_eq!(found[0].1, "was never received");
        assert_eq!(lint("Your credit’s been applied.")[0].1, "’s been applied");
        assert_eq!(
            lint("It will be promptly refunded.")[0].1,
            "will be promptly refunded"
        );
    }

    #[test]
    fn with_agent_offers_the_active_rewrite() {
        let found = lint("The refund was processed by our team. Then more.");
        assert_eq!(found[0].0, "passive.with-agent");
        assert_eq!(
            found[0].2.as_deref(),
            Some("The refund was processed by our team=>Our team processed the refund")
        );
        let found = lint("The letter was written by Ana.");
        assert_eq!(
            found[0].2.as_deref(),
            Some("The letter was written by Ana=>Ana wrote the letter")
        );
    }

    #[test]
    fn an_agent_or_subject_with_punctuation_gets_no_rewrite() {
        let linter = Linter::new(builtin(), &Selection::default()).unwrap();
        for text in [
            "The refund was processed by (our team).",
            "The refund was processed by \"Billing\".",
            "Your card was charged by Stripe, Inc. yesterday.",
        ] {
            let rewrites: Vec<_> = linter
                .lint(text)
                .into_iter()
                .filter(|d| d.rule == "passive.with-agent")
                .flat_map(|d| d.suggestions)
                .filter_map(|s| s.replacement)
                .collect();
            assert!(rewrites.is_empty(), "{text}: {rewrites:?}");
        }
    }

    #[test]
    fn negated_or_modal_passives_get_advice_not_a_rewrite() {
        let found = lint("The refund will be processed by our team.");
        assert_eq!(found[0].0, "passive.with-agent");
        assert_eq!(found[0].2, None);
    }

    #[test]
    fn evasive_subjects_make_any_passive_evasive() {
        assert_eq!(lint("Mistakes were made.")[0].0, "passive.evasive");
        assert_eq!(
            lint("Some errors were made in billing.")[0].0,
            "passive.evasive"
        );
    }
}
