//! The parts of a pack file every pack and every rule has. Strict: an
//! unknown key is an error, so a typo in a user's pack is caught instead of
//! silently ignored. A rule's kind-specific fields are its kind's to read
//! (`primitive/`); the keys a rule may have are these and its kind's.

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackHeader {
    pub name: Spanned<String>,
    pub description: String,
}

/// The fields every rule has, whatever its kind.
#[derive(Deserialize)]
pub(crate) struct RuleSpec {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub severity: Severity,
    pub message: String,
    pub rationale: String,
    pub suggestion: Option<String>,
    pub replacement: Option<String>,
    /// How safe the replacement is to apply unread.
    pub fix: Option<Spanned<String>>,
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
    /// The name of one of the pack's `[windows]`.
    pub window: Option<Spanned<String>>,
    #[serde(default)]
    pub examples: ExamplesSpec,
}

/// The keys of [`RuleSpec`].
pub(crate) const RULE_FIELDS: &[&str] = &[
    "id",
    "kind",
    "severity",
    "message",
    "rationale",
    "suggestion",
    "replacement",
    "fix",
    "unless",
    "window",
    "examples",
];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExamplesSpec {
    #[serde(default)]
    pub flag: Vec<String>,
    #[serde(default)]
    pub pass: Vec<String>,
}
