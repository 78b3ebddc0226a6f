//! The JSON output, version 1: the contract editors and CI read.
//!
//! One object for the whole run:
//!
//! - `version`: always `1` for this shape; any breaking change is a new version.
//! - `files[]`: one entry per input, in the order given: `path`, `diagnostics`,
//!   and `error` (a string when the file could not be read or parsed, in which
//!   case `diagnostics` is empty; `null` otherwise).
//! - each diagnostic: `rule` (`pack.rule`), `pack`, `severity`
//!   (`error`|`warning`|`info`), `message`, `text` (the exact words flagged),
//!   `span`, optional `location` (structured inputs only), `suggestions[]`.
//! - `span`: `start`/`end` are byte offsets into the file as read (end
//!   exclusive); `line`, `column`, `end_line`, `end_column` are 1-based, columns
//!   counted in Unicode scalar values; `utf16_column`/`utf16_end_column` count
//!   UTF-16 code units, for JavaScript and LSP clients.
//! - each suggestion: `message`, `replacement` (text, or `null` when the
//!   suggestion is advice only), and the byte `span` it replaces.
//! - `summary`: `files`, and counts of `errors`, `warnings`, `infos`.
//!
//! The serde types here are the wire format and are kept apart from the core
//! types, so the engine can change without breaking the contract. The schema
//! is `schema/output-v1.json`.

use serde::Serialize;
use tact::Severity;

use super::FileReport;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<File<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    diagnostics: Vec<Diagnostic<'a>>,
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    rule: &'a str,
    pack: &'a str,
    severity: Severity,
    message: &'a str,
    text: &'a str,
    span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    suggestions: Vec<Suggestion<'a>>,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    utf16_column: usize,
    utf16_end_column: usize,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    message: &'a str,
    replacement: Option<&'a str>,
    span: ByteSpan,
}

#[derive(Serialize)]
struct ByteSpan {
    start: usize,
    end: usize,
}

#[derive(Serialize, Default)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// Render the whole run as one pretty-printed JSON document.
pub fn render(reports: &[FileReport]) -> String {
    let files = reports.iter().map(file).collect();
    let out = Output {
        version: 1,
        files,
        summary: Summary::of(reports),
    };
    let mut s = serde_json::to_string_pretty(&out).expect("wire types always serialize");
    s.push('\n');
    s
}

fn file(report: &FileReport) -> File<'_> {
    let text = report.text.as_str();
    let diagnostics = report
        .located()
        .map(|(d, start, end)| Diagnostic {
            rule: &d.rule,
            pack: d.pack(),
            severity: d.severity,
            message: &d.message,
            text: d.span.slice(text),
            span: Span {
                start: d.span.start,
                end: d.span.end,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                utf16_column: start.utf16_column,
                utf16_end_column: end.utf16_column,
            },
            location: d.location.as_deref(),
            suggestions: d
                .suggestions
                .iter()
                .map(|s| Suggestion {
                    message: &s.message,
                    replacement: s.replacement.as_deref(),
                    span: ByteSpan {
                        start: s.span.start,
                        end: s.span.end,
                    },
                })
                .collect(),
        })
        .collect();
    File {
        path: &report.path,
        diagnostics,
        error: report.error.as_deref(),
    }
}
