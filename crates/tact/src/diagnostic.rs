//! What a rule reports.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; often fine to leave ("Your refund has been processed").
    Info,
    /// Likely to land badly with the customer; fix before sending.
    Warning,
    /// Must not be sent (a request for a password).
    Error,
}

impl Severity {
    /// The lowercase name used in packs, config and output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected error, warning or info)"
            )),
        }
    }
}

/// How safe it is to apply a suggestion's replacement without reading it,
/// as in Ruff: a safe fix keeps the meaning (a word swap), an unsafe one is a
/// rephrasing the writer should check (a passive turned active names an
/// agent), and a suggestion with no replacement is advice to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Mechanically right: "fix all" and `tact check --fix` apply it.
    Safe,
    /// Applied only when asked for (`--unsafe-fixes`, a code action).
    Unsafe,
    /// No replacement: what to write is the writer's to decide.
    DisplayOnly,
}

impl Applicability {
    /// The name used in packs and output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// A better phrasing offered for a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// Advice shown to the writer.
    pub message: String,
    /// Text to put in place of `span`, when a mechanical replacement fits.
    pub replacement: Option<String>,
    /// The bytes the replacement replaces (the finding's span unless the rule
    /// rewrites more, such as a whole passive clause).
    pub span: Span,
    /// Whether the replacement may be applied unread; `DisplayOnly` exactly
    /// when there is no replacement.
    pub applicability: Applicability,
}

/// One finding: a rule, where it fired, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Full rule id, `pack.rule`.
    pub rule: String,
    /// Severity after configuration overrides.
    pub severity: Severity,
    /// What the customer hears, in a sentence.
    pub message: String,
    /// Byte span into the text as given to the linter.
    pub span: Span,
    /// Better phrasings, best first.
    pub suggestions: Vec<Suggestion>,
}

impl Diagnostic {
    /// The pack part of the rule id.
    pub fn pack(&self) -> &str {
        self.rule
            .split_once('.')
            .map_or(&self.rule, |(pack, _)| pack)
    }
}
