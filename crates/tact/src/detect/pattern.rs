//! The `pattern` primitive: regular expressions for what a phrase list cannot
//! say ("clearly you", but not "clearly we"). Patterns run on one sentence at
//! a time, so `^` and `$` anchor at sentence edges and a gap like `[^,]*`
//! cannot run into the next sentence. The `regex` crate runs in linear time,
//! so no pack can make a draft hang; a `RegexSet` tells which patterns match a
//! sentence at all before any of them is run on its own.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::Hit;
use crate::span::Span;

/// Compiled-size limit per pattern: generous for hand-written alternations,
/// small enough that a pathological user pattern is refused at load time
/// rather than eating memory.
const SIZE_LIMIT: usize = 2 << 20;

/// Compile a pack pattern: case-insensitive, size-limited.
pub(crate) fn compile_regex(source: &str) -> Result<Regex, String> {
    RegexBuilder::new(source)
        .case_insensitive(true)
        .size_limit(SIZE_LIMIT)
        .build()
        .map_err(|e| format!("invalid regex: {e}"))
}

pub(crate) struct PatternIndex {
    set: RegexSet,
    /// `(rule index, regex, replacement template)` per pattern of the set.
    entries: Vec<(usize, Regex, Option<String>)>,
}

impl PatternIndex {
    /// Build from `(rule index, regexes, replacement)`; `None` if there are no
    /// patterns.
    pub fn build<'a>(
        rules: impl IntoIterator<Item = (usize, &'a [Regex], Option<&'a str>)>,
    ) -> Option<Self> {
        let mut entries = Vec::new();
        for (rule, regexes, replacement) in rules {
            for regex in regexes {
                entries.push((rule, regex.clone(), replacement.map(str::to_string)));
            }
        }
        if entries.is_empty() {
            return None;
        }
        let set = RegexSetBuilder::new(entries.iter().map(|(_, r, _)| r.as_str()))
            .case_insensitive(true)
            .size_limit(SIZE_LIMIT * entries.len())
            .build()
            .expect("patterns compiled one by one compile as a set");
        Some(PatternIndex { set, entries })
    }

    /// Every match of every pattern in every sentence; a group named `hit`
    /// narrows the span.
    pub fn find(&self, text: &str, sentences: &[Span], out: &mut Vec<Hit>) {
        for sentence in sentences {
            self.find_in(sentence.slice(text), sentence.start, out);
        }
    }

    fn find_in(&self, sentence: &str, offset: usize, out: &mut Vec<Hit>) {
        for i in self.set.matches(sentence).iter() {
            let (rule, regex, template) = &self.entries[i];
            for caps in regex.captures_iter(sentence) {
                let m = caps
                    .name("hit")
                    .unwrap_or_else(|| caps.get(0).expect("group 0"));
                if m.is_empty() {
                    continue;
                }
                let replacement = template.as_deref().filter(|t| t.contains('$')).map(|t| {
                    let mut s = String::new();
                    caps.expand(t, &mut s);
                    s
                });
                let span = Span::new(offset + m.start(), offset + m.end());
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
    fn hit_group_narrows_the_span_and_templates_expand() {
        let regexes = [compile_regex(r"\b(?P<hit>clearly) (?P<who>you)\b").unwrap()];
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
        let regexes = [compile_regex(r"^again,").unwrap()];
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
        assert!(compile_regex(&huge).unwrap_err().contains("invalid regex"));
    }
}
