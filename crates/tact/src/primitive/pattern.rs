//! The `pattern` primitive: regular expressions for what a phrase list cannot
//! say ("clearly you", but not "clearly we"). Patterns run on one sentence at
//! a time, so `^` and `$` anchor at sentence edges and a gap like `[^,]*`
//! cannot run into the next sentence. The `regex` crate runs in linear time,
//! so no pack can make a draft hang. A pattern runs only on the sentences
//! where the shared scan found one of its gate literals; a user's patterns
//! with none share one regex prefilter.

use regex_automata::meta;
use serde::Deserialize;
use toml::Spanned;

use super::kind::{required, spec, Found, Hit, Kind, Load, Primitive, RuleTable, Spec, SpecError};
use crate::document::Document;
use crate::search::{gate_of, prefilter, touched, Gate, Pattern, MIN_LITERAL};
use crate::span::Span;

pub(crate) static KIND: Kind = Kind {
    name: "pattern",
    fields: &["patterns"],
    table: None,
    read_rule,
    build,
};

/// A pattern rule's own field.
#[derive(Deserialize)]
struct Fields {
    patterns: Option<Spanned<Vec<Spanned<String>>>>,
}

/// A pattern rule's regexes, and its replacement, which may fill in the
/// pattern's groups (`$who`).
#[derive(Debug)]
struct Patterns {
    patterns: Vec<Pattern>,
    replacement: Option<String>,
}

fn read_rule(
    rule: RuleTable,
    _: Option<&dyn Spec>,
    load: Load,
) -> Result<Box<dyn Spec>, SpecError> {
    let (span, replacement) = (rule.span(), rule.replacement.map(str::to_string));
    let Fields { patterns } = rule.read()?;
    let patterns = required(patterns, "patterns", KIND.name, span)?;
    let compiled = patterns
        .iter()
        .map(|p| super::kind::compile(p, load))
        .collect::<Result<_, _>>()?;
    Ok(Box::new(Patterns {
        patterns: compiled,
        replacement,
    }))
}

fn build(rules: &[(usize, &dyn Spec)]) -> Option<Box<dyn Primitive>> {
    let lists = rules.iter().map(|&(i, rule)| {
        let spec = spec::<Patterns>(rule);
        (i, spec.patterns.as_slice(), spec.replacement.as_deref())
    });
    let index = PatternIndex::build(lists)?;
    Some(Box::new(index))
}

impl Primitive for PatternIndex {
    fn literals(&self) -> Vec<&[String]> {
        self.gate.iter().map(Gate::keys).collect()
    }

    fn check(&self, doc: &Document, found: &mut [Vec<Found>], hits: &mut Vec<Hit>) {
        let (text, sentences) = (doc.text(), doc.sentences());
        // (sentence, pattern) pairs the gate lets through.
        let mut gated = Vec::new();
        if let (Some(gate), Some(found)) = (&self.gate, found.first()) {
            let mut cursor = 0;
            for &at in found {
                gate.hit(text, sentences, &mut cursor, at, &mut gated);
            }
        }
        self.find(text, sentences, gated, hits);
    }

    #[cfg(test)]
    fn gated(&self) -> Vec<(usize, &Pattern)> {
        self.entries
            .iter()
            .map(|(_, p, _)| (MIN_LITERAL, p))
            .collect()
    }
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
        let patterns = entries.iter().map(|(_, pattern, _)| pattern);
        let (gate, ungated) = gate_of(patterns, MIN_LITERAL);
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
    /// its literals matched (`work`: the `(sentence, pattern)` pairs the
    /// gate let through) or, for the few without one, the shared prefilter.
    pub fn find(
        &self,
        text: &str,
        sentences: &[Span],
        mut work: Vec<(usize, usize)>,
        out: &mut Vec<Hit>,
    ) {
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

    /// Most sentences the gate lets through hold the literal but no match:
    /// asking the loosened pattern's DFA first means the full regex (many
    /// times the compile) is built only for a pattern that matches, or
    /// nearly, somewhere.
    fn find_in(&self, entry: usize, sentence: &str, offset: usize, out: &mut Vec<Hit>) {
        let (rule, pattern, template) = &self.entries[entry];
        if !pattern.may_match(sentence) {
            return;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The index's hits, its gate searched alone.
    fn find(index: &PatternIndex, text: &str, sentences: &[Span]) -> Vec<Hit> {
        let mut work = Vec::new();
        if let Some(gate) = &index.gate {
            gate.find(text, sentences, &mut work);
        }
        let mut hits = Vec::new();
        index.find(text, sentences, work, &mut hits);
        hits
    }

    #[test]
    fn hit_group_narrows_the_span_and_templates_expand() {
        let regexes = [Pattern::new(r"\b(?P<hit>clearly) (?P<who>you)\b", false).unwrap()];
        let index =
            PatternIndex::build([(3, regexes.as_slice(), Some("it seems ${who}"))]).unwrap();
        let text = "Fine. Clearly you missed it; clearly we did too.";
        let hits = find(&index, text, &[Span::new(0, 5), Span::new(6, text.len())]);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].span.slice(text), "Clearly");
        assert_eq!(hits[0].replacement.as_deref(), Some("it seems you"));
    }

    #[test]
    fn anchors_are_sentence_edges() {
        let regexes = [Pattern::new(r"^again,", false).unwrap()];
        let index = PatternIndex::build([(0, regexes.as_slice(), None)]).unwrap();
        let text = "Hi. Again, no.";
        let hits = find(&index, text, &[Span::new(0, 3), Span::new(4, text.len())]);
        assert_eq!(hits[0].span, Span::new(4, 10));
    }
}
