//! The engine's primitives. Each turns a document into raw hits; the linter
//! turns hits into diagnostics.

pub(crate) mod passive;
pub(crate) mod pattern;
pub(crate) mod personal_data;
pub(crate) mod phrase;

use crate::span::Span;

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
