//! Running a pack's own examples: every `examples.flag` sentence must be
//! flagged by its rule and every `examples.pass` sentence must not. The
//! built-in packs' tests and `tact test` both use this, so a user's pack gets
//! the same safety net as ours.

use crate::linter::{Linter, Selection, SelectionError};
use crate::pack::{builtin, Pack};

/// An example whose outcome differs from what the pack says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// Full rule id.
    pub rule: String,
    /// The example sentence.
    pub text: String,
    /// True when the example should have been flagged and was not.
    pub expected_flag: bool,
}

/// Check every example of every rule in `pack`. Each rule runs alone, so an
/// example documents that rule and is not hidden by a neighbour that flags
/// the same words; the rules whose findings it reads run with it, hidden,
/// from `others` or the built-in packs.
pub fn check_examples(pack: &Pack, others: &[Pack]) -> Result<Vec<ExampleFailure>, SelectionError> {
    let mut packs = vec![pack.clone()];
    for other in others.iter().chain(builtin()) {
        if packs.iter().all(|p| p.name != other.name) {
            packs.push(other.clone());
        }
    }
    let mut failures = Vec::new();
    for rule in &pack.rules {
        let only = Selection {
            only: vec![rule.id.clone()],
            ..Selection::default()
        };
        let linter = Linter::new(&packs, &only)?;
        let cases = rule
            .flag_examples
            .iter()
            .map(|t| (t, true))
            .chain(rule.pass_examples.iter().map(|t| (t, false)));
        for (text, expected_flag) in cases {
            let flagged = linter.lint(text).iter().any(|d| d.rule == rule.id);
            if flagged != expected_flag {
                failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    text: text.clone(),
                    expected_flag,
                });
            }
        }
    }
    Ok(failures)
}
