//! Applying fixes: the replacements of a file's findings written into the
//! file's own bytes, for `tact check --fix` and `--diff` and for the
//! language server's code actions.
//!
//! A replacement is prose, and a file is prose inside a format. A fix is
//! applied only where the two are the same bytes: the span it replaces and
//! the text it writes hold none of the format's markup or escapes (an
//! emphasis mark in Markdown, `\"` in JSON, a quote in CSV). Anything else
//! would need the writer's eye, so it is left as a finding.

use std::ops::Range;

use tact::Applicability;

use crate::render::{FileReport, Finding};

/// Most times a file is fixed and linted again: a fix may bring out a
/// finding another fix overlapped, and fixes that keep making new ones
/// must not loop for ever.
const MAX_PASSES: usize = 8;

/// One replacement in a file's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// File byte offsets.
    pub range: Range<usize>,
    pub text: String,
    /// The rule whose finding it fixes.
    pub rule: String,
    pub applicability: Applicability,
}

/// The edits that fix `report`'s findings with a replacement at most as
/// risky as `allow` (`Safe`: safe ones; `Unsafe`: safe and unsafe ones), in
/// file order, none overlapping another: of two that overlap, the first
/// is taken and the other waits for the next pass. A report with no
/// format (a file that could not be read) has none.
pub fn edits(report: &FileReport, allow: Applicability) -> Vec<Edit> {
    let mut found: Vec<Edit> = report
        .diagnostics
        .iter()
        .filter_map(|f| edit_of(report, f, allow))
        .collect();
    found.sort_by_key(|e| (e.range.start, e.range.end));
    let mut end = 0;
    found.retain(|e| {
        let free = e.range.start >= end;
        if free {
            end = e.range.end;
        }
        free
    });
    found
}

/// The edit that fixes one finding of `report`, if it has a replacement at
/// most as risky as `allow` that can be written into the file as it is.
pub fn edit_of(report: &FileReport, finding: &Finding, allow: Applicability) -> Option<Edit> {
    let s = finding
        .suggestions
        .iter()
        .find(|s| s.applicability <= allow && s.replacement.is_some())?;
    edit_for(report, finding, s)
}

/// The edit that writes one suggestion of `finding` into the file, if it
/// has a replacement that changes the file and can be written there as it
/// is in the report's format (whatever its applicability).
pub fn edit_for(report: &FileReport, finding: &Finding, s: &tact::Suggestion) -> Option<Edit> {
    let format = report.format?;
    let text = s.replacement.clone()?;
    let at = s.span.start.checked_sub(report.origin.offset)?
        ..s.span.end.checked_sub(report.origin.offset)?;
    let old = report.text.get(at)?;
    (old != text && format.is_verbatim(old) && format.is_verbatim(&text)).then(|| Edit {
        range: s.span.start..s.span.end,
        text,
        rule: finding.rule.clone(),
        applicability: s.applicability,
    })
}

/// How many of `report`'s findings have a fix at most as risky as `allow`
/// that cannot be written into the file: its words cross the format's
/// markup, escapes or quoting.
pub fn blocked(report: &FileReport, allow: Applicability) -> usize {
    report
        .diagnostics
        .iter()
        .filter(|f| {
            f.suggestions
                .iter()
                .any(|s| s.applicability <= allow && s.replacement.is_some())
                && edit_of(report, f, allow).is_none()
        })
        .count()
}

/// `text` (starting at file offset `base`) with `edits` applied; the edits
/// are in order and do not overlap, as [`edits`] gives them.
pub fn apply(text: &str, base: usize, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        let range = e.range.start - base..e.range.end - base;
        out.push_str(&text[at..range.start]);
        out.push_str(&e.text);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A whole file's report after its fixes: linted again after each pass
/// (`relint` lints a new text of the file), until no fix is left to
/// apply. Gives the last report and how many fixes went in.
pub fn fix(
    mut report: FileReport,
    allow: Applicability,
    relint: impl Fn(String) -> FileReport,
) -> (FileReport, usize) {
    let mut fixed = 0;
    for _ in 0..MAX_PASSES {
        if report.error.is_some() {
            break;
        }
        let edits = edits(&report, allow);
        if edits.is_empty() {
            break;
        }
        let next = relint(apply(&report.text, report.origin.offset, &edits));
        // Fixes that leave a file its format no longer reads are not
        // applied: the last text that parsed stands.
        if next.error.is_some() {
            break;
        }
        fixed += edits.len();
        report = next;
    }
    (report, fixed)
}

/// A unified diff from `before` to `after` of the file `path`, empty when
/// they are the same.
pub fn diff(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .missing_newline_hint(true)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Origin;
    use crate::source::InputFormat;

    fn report(
        format: InputFormat,
        text: &str,
        fixes: &[(Range<usize>, &str, Applicability)],
    ) -> FileReport {
        FileReport {
            path: "t".into(),
            text: text.into(),
            origin: Origin::default(),
            format: Some(format),
            diagnostics: fixes
                .iter()
                .map(|(range, with, applicability)| Finding {
                    diagnostic: tact::Diagnostic {
                        rule: "demo.rule".into(),
                        severity: tact::Severity::Warning,
                        message: "m".into(),
                        span: tact::Span::new(range.start, range.end),
                        suggestions: vec![tact::Suggestion {
                            message: "s".into(),
                            replacement: Some(with.to_string()),
                            span: tact::Span::new(range.start, range.end),
                            applicability: *applicability,
                        }],
                    },
                    location: None,
                })
                .collect(),
            error: None,
            more: false,
            replies: Vec::new(),
        }
    }

    #[test]
    fn only_fixes_as_safe_as_asked_for_are_taken() {
        let r = report(
            InputFormat::Text,
            "As I said, no. Per my last email, yes.",
            &[
                (0..9, "To recap", Applicability::Unsafe),
                (15..32, "To recap", Applicability::Safe),
            ],
        );
        let safe = edits(&r, Applicability::Safe);
        assert_eq!(apply(&r.text, 0, &safe), "As I said, no. To recap, yes.");
        let all = edits(&r, Applicability::Unsafe);
        assert_eq!(apply(&r.text, 0, &all), "To recap, no. To recap, yes.");
    }

    #[test]
    fn of_overlapping_fixes_the_first_is_taken() {
        let r = report(
            InputFormat::Text,
            "abcdef",
            &[
                (0..3, "X", Applicability::Safe),
                (2..5, "Y", Applicability::Safe),
                (5..6, "Z", Applicability::Safe),
            ],
        );
        let e = edits(&r, Applicability::Safe);
        assert_eq!(apply(&r.text, 0, &e), "XdeZ");
    }

    #[test]
    fn markup_and_escapes_are_never_rewritten() {
        let md = |format| {
            report(
                format,
                "**As** I said, no.",
                &[(0..11, "To recap", Applicability::Safe)],
            )
        };
        assert!(edits(&md(InputFormat::Markdown), Applicability::Safe).is_empty());
        assert_eq!(edits(&md(InputFormat::Text), Applicability::Safe).len(), 1);
        let json = report(
            InputFormat::Json,
            r#"{"a": "say \"hi\""}"#,
            &[(7..17, "hello", Applicability::Safe)],
        );
        assert!(edits(&json, Applicability::Safe).is_empty());
        let quote = report(
            InputFormat::Csv,
            "a,b",
            &[(0..1, "x,y", Applicability::Safe)],
        );
        assert!(edits(&quote, Applicability::Safe).is_empty());
        // No format (a file that could not be read): no edits.
        let mut none = md(InputFormat::Text);
        none.format = None;
        assert!(edits(&none, Applicability::Safe).is_empty());
    }

    #[test]
    fn a_diff_names_the_file_and_shows_the_changed_line() {
        let d = diff("r.txt", "one\nAs I said, two\n", "one\nTo recap, two\n");
        assert!(d.starts_with("--- a/r.txt\n+++ b/r.txt\n"), "{d}");
        assert!(d.contains("-As I said, two\n+To recap, two\n"), "{d}");
        assert_eq!(diff("r.txt", "same", "same"), "");
    }

    /// Every format a fix is written in.
    const FORMATS: [InputFormat; 6] = [
        InputFormat::Text,
        InputFormat::Markdown,
        InputFormat::Json,
        InputFormat::Csv,
        InputFormat::Html,
        InputFormat::Yaml,
    ];

    /// Pieces of replies with fixes, markup and escapes among them.
    const PIECES: &[&str] = &[
        "As previously stated, ",
        "per my last email ",
        "As I said, ",
        "the invoice was emailed by our team. ",
        "your refund is late. ",
        "**",
        "`",
        "\"",
        "\\",
        "é",
        "🙂 ",
        "\n",
        "\n\n",
        "\r\n",
        ", ",
        "As previously\nstated ",
        "As previously\r\nstated ",
        "as mentioned ",
        "ping ",
    ];

    /// A house pack whose fixes make work for later passes: "as mentioned"
    /// becomes "as I said", which the built-in packs fix in turn, and
    /// "ping" and "pong" swap for ever (the passes stop at their limit).
    const HOUSE: &str = r#"
[pack]
name = "house"
description = "Fixes that bring out other findings."

[[rule]]
id = "mentioned"
kind = "phrase"
severity = "warning"
phrases = ["as mentioned"]
message = "m"
rationale = "r"
replacement = "as I said"
fix = "safe"

[[rule]]
id = "ping"
kind = "phrase"
severity = "info"
phrases = ["ping"]
message = "m"
rationale = "r"
replacement = "pong"
fix = "safe"

[[rule]]
id = "pong"
kind = "phrase"
severity = "info"
phrases = ["pong"]
message = "m"
rationale = "r"
replacement = "ping"
fix = "safe"
"#;

    /// A file of `format` whose one reply is `prose`.
    fn sample(format: InputFormat, prose: String) -> String {
        match format {
            InputFormat::Json => serde_json::json!({ "body": prose }).to_string(),
            InputFormat::Yaml => format!("body: {}\n", serde_json::Value::String(prose)),
            InputFormat::Csv => format!("body\n\"{}\"\n", prose.replace('"', "\"\"")),
            _ => prose,
        }
    }

    /// The built-in packs and [`HOUSE`].
    fn house_linter() -> &'static tact::Linter {
        static LINTER: std::sync::OnceLock<tact::Linter> = std::sync::OnceLock::new();
        LINTER.get_or_init(|| {
            let mut packs = tact::builtin().to_vec();
            packs.push(tact::Pack::parse("house.toml", HOUSE).expect("the house pack"));
            tact::Linter::new(&packs, &tact::Selection::default()).expect("the packs")
        })
    }

    fn linter() -> &'static tact::Linter {
        static LINTER: std::sync::OnceLock<tact::Linter> = std::sync::OnceLock::new();
        LINTER.get_or_init(|| {
            tact::Linter::new(tact::builtin(), &tact::Selection::default()).expect("built-in packs")
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Fixing a file rewrites only the bytes of the spans it fixes, and
        /// leaves a file its format still reads.
        #[test]
        fn fixes_change_only_the_bytes_of_their_spans(
            picks in proptest::collection::vec(0..PIECES.len(), 0..24),
            format in proptest::sample::select(FORMATS.to_vec()),
        ) {
            let prose: String = picks.iter().map(|&i| PIECES[i]).collect();
            let text = sample(format, prose);
            let cx = crate::lint::test_context(linter());
            let input = crate::input::Input::whole("t".into(), format, Ok(text.clone()));
            let report = crate::lint::lint(input, &cx);
            let edits = edits(&report, Applicability::Unsafe);
            let fixed = apply(&text, 0, &edits);
            // Walk both texts: between edits they are the same bytes.
            let (mut old, mut new) = (0, 0);
            for e in &edits {
                let kept = e.range.start - old;
                proptest::prop_assert_eq!(&text[old..e.range.start], &fixed[new..new + kept]);
                proptest::prop_assert_eq!(&fixed[new + kept..new + kept + e.text.len()], e.text.as_str());
                new += kept + e.text.len();
                old = e.range.end;
            }
            proptest::prop_assert_eq!(&text[old..], &fixed[new..]);
            let extracted = format.extract(&fixed, &crate::source::Fields::default());
            proptest::prop_assert!(extracted.is_ok(), "{:?} no longer parses: {}", format, fixed);
        }

        /// The whole fix, every pass of it as `tact check --fix` runs it,
        /// changes only bytes inside the spans it fixed: each edit of a
        /// pass is the fix of a finding of that pass, at its span, over
        /// bytes the format holds as prose; each byte of the fixed file is
        /// a byte of the original, in order, or text a fix wrote; and the
        /// file still parses.
        #[test]
        fn a_whole_fix_changes_only_bytes_inside_fixed_spans(
            picks in proptest::collection::vec(0..PIECES.len(), 0..24),
            format in proptest::sample::select(FORMATS.to_vec()),
        ) {
            let prose: String = picks.iter().map(|&i| PIECES[i]).collect();
            let text = sample(format, prose);
            let cx = crate::lint::test_context(house_linter());
            let lint = |t: String| {
                crate::lint::lint(crate::input::Input::whole("t".into(), format, Ok(t)), &cx)
            };
            // The texts each pass gave, as the fix handed them to be linted.
            let passes = std::cell::RefCell::new(Vec::new());
            let (done, count) = fix(lint(text.clone()), Applicability::Unsafe, |t| {
                passes.borrow_mut().push(t.clone());
                lint(t)
            });
            // Replay the passes: `origin[i]` is the byte of the original
            // that byte `i` of the text so far copies, or none for a byte a
            // fix wrote.
            let mut origin: Vec<Option<usize>> = (0..text.len()).map(Some).collect();
            let mut current = text.clone();
            let mut applied = 0;
            for next in passes.borrow().iter() {
                let report = lint(current.clone());
                let pass = edits(&report, Applicability::Unsafe);
                proptest::prop_assert!(!pass.is_empty(), "a pass with nothing to fix");
                // Each edit is the fix of one of the pass's findings, at
                // its span, and rewrites bytes that are prose as written.
                for e in &pass {
                    let of_a_finding = report.diagnostics.iter().any(|f| {
                        f.rule == e.rule
                            && f.suggestions.iter().any(|s| {
                                (s.span.start..s.span.end) == e.range
                                    && s.replacement.as_deref() == Some(e.text.as_str())
                            })
                    });
                    proptest::prop_assert!(of_a_finding, "{:?} fixes no finding of {:?}", e, current);
                    proptest::prop_assert!(
                        format.is_verbatim(&current[e.range.clone()]) && format.is_verbatim(&e.text),
                        "{:?} rewrites {:?} markup: {:?}", e, format, &current[e.range.clone()]
                    );
                }
                if lint(next.clone()).error.is_some() {
                    // Not applied: the text before it stands.
                    break;
                }
                let mut moved = Vec::with_capacity(next.len());
                let mut at = 0;
                for e in &pass {
                    moved.extend_from_slice(&origin[at..e.range.start]);
                    moved.extend(std::iter::repeat_n(None, e.text.len()));
                    at = e.range.end;
                }
                moved.extend_from_slice(&origin[at..]);
                origin = moved;
                current = next.clone();
                applied += pass.len();
            }
            proptest::prop_assert_eq!(&done.text, &current);
            proptest::prop_assert_eq!(count, applied);
            let (old, new) = (text.as_bytes(), done.text.as_bytes());
            for (i, o) in origin.iter().enumerate() {
                if let Some(o) = *o {
                    proptest::prop_assert_eq!(new[i], old[o], "byte {} of the fixed file", i);
                }
            }
            let extracted = format.extract(&done.text, &crate::source::Fields::default());
            proptest::prop_assert!(extracted.is_ok(), "{:?} no longer parses: {}", format, done.text);
        }
    }

    /// The passes go on while a fix brings out another finding ("as
    /// mentioned" becomes "as I said", fixed in the next pass), and stop at
    /// their limit when fixes undo each other.
    #[test]
    fn fixes_are_applied_again_until_none_is_left_or_the_passes_run_out() {
        let cx = crate::lint::test_context(house_linter());
        let lint = |t: String| {
            crate::lint::lint(
                crate::input::Input::whole("t".into(), InputFormat::Text, Ok(t)),
                &cx,
            )
        };
        let (done, n) = fix(
            lint("As mentioned, it is done.".into()),
            Applicability::Unsafe,
            lint,
        );
        assert_eq!((done.text.as_str(), n), ("To recap, it is done.", 2));
        let (done, n) = fix(lint("ping".into()), Applicability::Unsafe, lint);
        assert_eq!((done.text.as_str(), n), ("ping", MAX_PASSES));
    }

    /// A safe fix is a claim that the swap is right wherever the rule
    /// fires: on every flag example of the built-in packs it must leave a
    /// sentence the rule no longer flags.
    #[test]
    fn safe_fixes_clear_the_findings_of_every_flag_example() {
        let mut checked = 0;
        for pack in tact::builtin() {
            for rule in pack.rules.iter().filter(|r| r.fix == Applicability::Safe) {
                let only = tact::Selection {
                    only: vec![rule.id.clone()],
                    ..Default::default()
                };
                let linter = tact::Linter::new(tact::builtin(), &only).unwrap();
                for example in &rule.flag_examples {
                    let cx = crate::lint::test_context(&linter);
                    let lint = |text: String| {
                        crate::lint::lint(
                            crate::input::Input::whole("t".into(), InputFormat::Text, Ok(text)),
                            &cx,
                        )
                    };
                    let (fixed, n) = fix(lint(example.clone()), Applicability::Safe, lint);
                    assert!(n > 0, "{}: no safe fix for {example:?}", rule.id);
                    assert!(
                        fixed.diagnostics.is_empty(),
                        "{}: {example:?} fixed is {:?}, still flagged",
                        rule.id,
                        fixed.text
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 0, "no rule claims a safe fix");
    }
}
