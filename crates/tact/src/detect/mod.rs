//! The engine's primitives. Each turns a document into raw hits; the linter
//! turns hits into diagnostics.

pub(crate) mod passive;
pub(crate) mod pattern;
pub(crate) mod personal_data;
pub(crate) mod phrase;

use crate::span::Span;

/// The indices of the sentences that `matches` touch, ascending, each once.
///
/// A primitive scans the whole text once with a cheap superset of what it
/// looks for, and only the sentences touched go on to the real work. Sound for
/// a leftmost search: if the real thing matches at offset `s`, the scan reaches
/// a match starting at or before `s`, and either that match covers `s`
/// (touching its sentence) or it ends before `s` and the scan goes on from
/// there.
pub(crate) fn touched(matches: impl IntoIterator<Item = Span>, sentences: &[Span]) -> Vec<usize> {
    let mut marked: Vec<usize> = Vec::new();
    for m in matches {
        let first = sentences.partition_point(|s| s.end <= m.start);
        let last = sentences.partition_point(|s| s.start < m.end.max(m.start + 1));
        for k in first..last {
            if marked.last().is_none_or(|&l| l < k) {
                marked.push(k);
            }
        }
    }
    marked
}

/// A raw match of one rule, in folded-text bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Index of the rule in the linter's rule table.
    pub rule: usize,
    pub span: Span,
    /// Replacement text computed by the primitive (a pattern's `$group`
    /// expansion), overriding the rule's literal replacement.
    pub replacement: Option<String>,
    /// The bytes the replacement replaces, when wider than the hit (a whole
    /// passive clause rewritten in the active).
    pub fix_span: Option<Span>,
}
