//! Every example of every built-in pack is a test: a pack's documentation is
//! also its test suite. All failures are reported at once.

use tact::{builtin, check_examples, Linter, Selection};

#[test]
fn every_builtin_example_behaves_as_documented() {
    let mut report = String::new();
    for pack in builtin() {
        for f in
            check_examples(pack, &[]).expect("the built-in packs read only each other's findings")
        {
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

/// Every sentence any built-in rule documents, flagged or not.
fn all_examples() -> Vec<String> {
    builtin()
        .iter()
        .flat_map(|p| &p.rules)
        .flat_map(|r| r.flag_examples.iter().chain(&r.pass_examples))
        .cloned()
        .collect()
}

/// What a finding underlines: never empty, never starting or ending on
/// whitespace.
fn check_underlines(linter: &Linter, text: &str) -> Result<(), String> {
    for d in linter.lint(text) {
        let words = d.span.slice(text);
        if words.is_empty() || words.trim() != words {
            return Err(format!("{} underlines {words:?} in {text:?}", d.rule));
        }
    }
    Ok(())
}

#[test]
fn findings_underline_words_not_the_space_around_them() {
    let linter = Linter::new(builtin(), &Selection::default()).unwrap();
    for example in all_examples() {
        check_underlines(&linter, &example).unwrap();
    }
    let spans = |text: &str| -> Vec<String> {
        linter
            .lint(text)
            .iter()
            .map(|d| d.span.slice(text).to_string())
            .collect()
    };
    assert_eq!(
        spans("What is your social security number?"),
        ["social security number"]
    );
    // A conditional apology at the customer's feelings is both packs'.
    assert_eq!(
        spans("I'm sorry if you were offended."),
        ["I'm sorry if", "sorry if you were offended"]
    );
}

proptest::proptest! {
    /// Examples run together with any whitespace between and around them.
    #[test]
    fn no_finding_starts_or_ends_on_whitespace(
        picks in proptest::collection::vec(0usize..10_000, 1..4),
        gaps in proptest::collection::vec("[ \t\n\u{a0}\u{2003}]{0,3}", 4),
    ) {
        static LINTER: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
        let linter = LINTER.get_or_init(|| Linter::new(builtin(), &Selection::default()).unwrap());
        let examples = all_examples();
        let mut text = gaps[0].clone();
        for (i, pick) in picks.iter().enumerate() {
            text.push_str(&examples[pick % examples.len()].replace(' ', &format!(" {}", gaps[i + 1])));
            text.push_str(&gaps[i + 1]);
        }
        if let Err(e) = check_underlines(linter, &text) {
            proptest::prop_assert!(false, "{}", e);
        }
    }
}
