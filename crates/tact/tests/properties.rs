//! Properties that hold for any text: no panic, spans inside the text on char
//! boundaries, sorted and deterministic output (the same from a linter that
//! has searched little text, with lookup tables, as from one that has
//! searched much, with automata), and positions that agree with the bytes.

use proptest::prelude::*;
use tact::{builtin, Diagnostic, LineIndex, Linter, Selection, Span};

/// Text built from pieces that exercise the rules and the byte arithmetic,
/// mixed with arbitrary Unicode.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("As I already explained, ".to_string()),
        Just("your account has been suspended".to_string()),
        Just("What is your password?".to_string()),
        Just("calm down".to_string()),
        Just("didn’t “quote” ".to_string()),
        Just("\u{00A0}".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n\n".to_string()),
        Just("😀👍🏽".to_string()),
        Just("e\u{0301}".to_string()),
        Just("\u{200B}\u{200D}\u{FEFF}".to_string()),
        Just("\u{202E}שלום\u{202C}".to_string()),
        Just("... 1. 2) $4.99 e.g. Mr. ".to_string()),
        Just("{{ticket.requester.name}}".to_string()),
        "[ -~]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

/// A linter that has searched enough text to search with its automata.
fn linter() -> &'static Linter {
    static LINTER: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    LINTER.get_or_init(|| {
        let linter = Linter::new(builtin(), &Selection::default()).unwrap();
        let warm = "As I said, what is your SSN? It was sent. Calm down. ".repeat(4000);
        linter.lint(&warm);
        linter
    })
}

/// The same rules, searching with lookup tables: a new linter has searched
/// nothing.
fn brief_linter() -> Linter {
    Linter::new(builtin(), &Selection::default()).unwrap()
}

fn check_span(text: &str, span: Span) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= text.len(),
        "{span:?} outside {}",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{span:?} splits a char"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_inside_the_text_sorted_and_deterministic(text in text()) {
        let found: Vec<Diagnostic> = linter().lint(&text);
        for d in &found {
            check_span(&text, d.span)?;
            prop_assert!(!d.span.is_empty(), "empty span for {}", d.rule);
            for s in &d.suggestions {
                check_span(&text, s.span)?;
            }
        }
        let keys: Vec<_> = found.iter().map(|d| (d.span, d.rule.clone())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(&keys, &sorted);
        prop_assert_eq!(&linter().lint(&text), &found);
        prop_assert_eq!(brief_linter().lint(&text), found);
    }

    #[test]
    fn positions_agree_with_the_bytes(text in text(), pick in any::<prop::sample::Index>()) {
        let index = LineIndex::new(&text);
        let offset = if text.is_empty() { 0 } else { pick.index(text.len() + 1) };
        let mut at = offset.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &text[..at];
        // A line ends at \n, or at a \r that no \n follows in the whole text.
        let breaks: Vec<usize> = before
            .char_indices()
            .filter(|&(i, c)| c == '\n' || (c == '\r' && text.as_bytes().get(i + 1) != Some(&b'\n')))
            .map(|(i, _)| i + 1)
            .collect();
        let line_start = breaks.last().copied().unwrap_or(0);
        let line = breaks.len() + 1;
        let pos = index.position(&text, offset);
        prop_assert_eq!(pos.line, line);
        prop_assert_eq!(pos.column, before[line_start..].chars().count() + 1);
        prop_assert_eq!(pos.utf16_column, before[line_start..].encode_utf16().count() + 1);
    }
}

/// Inputs a linter meets in the wild, each with what a user would expect.
#[test]
fn hostile_inputs_lint_without_trouble() {
    let linter = linter();
    // One 2 MB line, a hundred thousand short lines, NUL bytes, a BOM.
    let long_line = "As I said, your account was suspended by mistake ".repeat(40_000);
    assert!(linter.lint(&long_line).len() >= 40_000);
    // One unpunctuated sentence with a sequence match every few words.
    let chatty = "u messed up the setup because you ignored it, ".repeat(20_000);
    assert!(linter.lint(&chatty).len() >= 20_000);
    let many_lines = "ok\n".repeat(100_000);
    assert!(linter.lint(&many_lines).is_empty());
    let nuls = "\0".repeat(10_000) + "calm down";
    assert_eq!(linter.lint(&nuls)[0].span.slice(&nuls), "calm down");
    let bom = "\u{FEFF}Calm down.";
    assert_eq!(linter.lint(bom)[0].span.slice(bom), "Calm down");
    // CRLF and lone CR keep spans exact.
    let crlf = "Hi,\r\nAs I said,\rcalm down.";
    let texts: Vec<&str> = linter
        .lint(crlf)
        .iter()
        .map(|d| d.span.slice(crlf))
        .collect();
    assert_eq!(texts, ["As I said", "calm down"]);
}
