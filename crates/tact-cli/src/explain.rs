//! What `tact explain` says of a rule; the report embeds the same text.

use tact::{Rule, Severity};

/// A rule's explanation, headed by its effective severity (`None`: not
/// selected) and its default when the two differ.
pub fn explanation(rule: &Rule, severity: Option<Severity>) -> String {
    let effective = severity.map_or("off", Severity::as_str);
    let default = if severity == Some(rule.severity) {
        String::new()
    } else {
        format!(" (default {})", rule.severity)
    };
    let mut s = format!(
        "{} ({effective}, {}){default}\n\n{}\n\n{}\n",
        rule.id,
        rule.kind(),
        rule.message,
        rule.rationale.trim()
    );
    if let Some(suggestion) = &rule.suggestion {
        s.push_str(&format!("\nInstead: {suggestion}\n"));
    }
    if let Some(replacement) = &rule.replacement {
        let fix = match rule.fix {
            tact::Applicability::Safe => "a safe fix: `tact check --fix` applies it",
            _ => "an unsafe fix: `--unsafe-fixes` applies it",
        };
        s.push_str(&format!("Replacement: \"{replacement}\" ({fix})\n"));
    }
    let section = |title: &str, list: &[String]| {
        if list.is_empty() {
            return String::new();
        }
        let items: String = list.iter().map(|e| format!("  - {e}\n")).collect();
        format!("\n{title}:\n{items}")
    };
    s.push_str(&section("Flagged", &rule.flag_examples));
    s.push_str(&section("Not flagged", &rule.pass_examples));
    s
}
