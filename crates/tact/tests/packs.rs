//! Every example of every built-in pack is a test: a pack's documentation is
//! also its test suite. All failures are reported at once.

use tact::{builtin, check_examples};

#[test]
fn every_builtin_example_behaves_as_documented() {
    let mut report = String::new();
    for pack in builtin() {
        for f in check_examples(pack) {
            let want = if f.expected_flag {
                "should be flagged"
            } else {
                "should pass"
            };
            report.push_str(&format!("\n  {} {want}: {:?}", f.rule, f.text));
        }
    }
    assert!(report.is_empty(), "pack examples failed:{report}");
}

#[test]
fn every_builtin_rule_documents_itself() {
    for pack in builtin() {
        assert!(
            !pack.description.is_empty(),
            "{} has no description",
            pack.name
        );
        for rule in &pack.rules {
            assert!(
                !rule.flag_examples.is_empty(),
                "{} has no example to flag",
                rule.id
            );
            assert!(
                !rule.pass_examples.is_empty(),
                "{} has no example to pass",
                rule.id
            );
            assert!(
                rule.rationale.len() > 40,
                "{} has no real rationale",
                rule.id
            );
            assert!(
                rule.suggestion.is_some() || rule.replacement.is_some(),
                "{} offers no better phrasing",
                rule.id
            );
        }
    }
}
