//! The serde mirror of a pack file. Strict: an unknown key is an error, so a
//! typo in a user's pack is caught instead of silently ignored.

use serde::Deserialize;
use toml::Spanned;

use crate::detect::passive::PassiveLists;
use crate::detect::personal_data::PersonalDataLists;
use crate::diagnostic::Severity;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackFile {
    pub pack: PackHeader,
    /// Word lists for the pack's `passive` rules.
    pub passive: Option<Spanned<PassiveLists>>,
    /// Lists for the pack's `personal-data` rules.
    #[serde(rename = "personal-data")]
    pub personal_data: Option<Spanned<PersonalDataLists>>,
    #[serde(default)]
    pub rule: Vec<Spanned<RuleSpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackHeader {
    pub name: Spanned<String>,
    pub description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleSpec {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub severity: Severity,
    pub message: String,
    pub rationale: String,
    pub suggestion: Option<String>,
    pub replacement: Option<String>,
    pub phrases: Option<Spanned<Vec<Spanned<String>>>>,
    pub patterns: Option<Spanned<Vec<Spanned<String>>>>,
    /// For `passive` rules: which class of passive the rule reports.
    pub class: Option<Spanned<String>>,
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
    #[serde(default)]
    pub examples: ExamplesSpec,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExamplesSpec {
    #[serde(default)]
    pub flag: Vec<String>,
    #[serde(default)]
    pub pass: Vec<String>,
}
