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
//!   suggestion is advice only), the byte `span` it replaces, and
//!   `applicability`: `safe` (keeps the meaning; `--fix` applies it),
//!   `unsafe` (a rephrasing to read; `--unsafe-fixes`) or `display-only`
//!   (no replacement). Added within version 1: readers may find it absent.
//! - `summary`: `files`, and counts of `errors`, `warnings`, `infos`.
//!
//! The serde types here are the wire format and are kept apart from the core
//! types, so the engine can change without breaking the contract. The schema
//! is `schema/output-v1.json`.

use std::io::{self, Write};

use serde::Serialize;
use tact::Severity;

use super::{FileReport, Render};

mod nested;

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
    applicability: tact::Applicability,
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
    /// Count one piece of a file: its findings, and the file once its last
    /// piece is in.
    pub fn add(&mut self, report: &FileReport) {
        if !report.more {
            self.files += 1;
        }
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

/// The JSON document, written a file at a time in the layout one
/// `to_string_pretty` of the whole run would give: serde_json lays out each
/// diagnostic and the summary where it sits in the document, and the frame
/// around them is written here.
#[derive(Default)]
pub struct Json {
    /// Whether the opening of the document is out.
    started: bool,
    /// Diagnostics written for the file being written.
    written: usize,
    summary: Summary,
}

impl Render for Json {
    /// The piece's diagnostics, joined by commas: laid out on the thread
    /// that linted them, the writing thread only copies them out.
    fn prepare(&self, report: &FileReport) -> Vec<u8> {
        // A diagnostic takes about 800 bytes: sized up front, the buffer is
        // not copied as it grows.
        let mut out = Vec::with_capacity(report.diagnostics.len() * 1024);
        for (i, d) in diagnostics(report).enumerate() {
            if i > 0 {
                out.extend_from_slice(b",\n        ");
            }
            nested::serialize(&d, 4, &mut out);
        }
        out
    }

    fn piece(
        &mut self,
        report: &FileReport,
        prepared: &[u8],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if report.origin.offset == 0 {
            if self.started {
                out.write_all(b",\n")?;
            } else {
                out.write_all(b"{\n  \"version\": 1,\n  \"files\": [\n")?;
                self.started = true;
            }
            write!(
                out,
                "    {{\n      \"path\": {},\n      \"diagnostics\": [",
                serde_json::to_string(&report.path)?
            )?;
            self.written = 0;
        }
        if !report.diagnostics.is_empty() {
            out.write_all(if self.written == 0 {
                b"\n        "
            } else {
                b",\n        "
            })?;
            out.write_all(prepared)?;
            self.written += report.diagnostics.len();
        }
        if !report.more {
            if self.written > 0 {
                out.write_all(b"\n      ")?;
            }
            write!(
                out,
                "],\n      \"error\": {}\n    }}",
                serde_json::to_string(&report.error)?
            )?;
        }
        self.summary.add(report);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.started {
            out.write_all(b"\n  ]")?;
        } else {
            out.write_all(b"{\n  \"version\": 1,\n  \"files\": []")?;
        }
        let mut summary = b",\n  \"summary\": ".to_vec();
        nested::serialize(&self.summary, 1, &mut summary);
        summary.extend_from_slice(b"\n}\n");
        out.write_all(&summary)
    }
}

fn diagnostics(report: &FileReport) -> impl Iterator<Item = Diagnostic<'_>> {
    report.located().map(|(d, start, end)| Diagnostic {
        rule: &d.rule,
        pack: d.pack(),
        severity: d.severity,
        message: &d.message,
        text: report.excerpt(d.span),
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
                applicability: s.applicability,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{to_string, Finding, Origin};
    use super::*;

    fn report(
        path: &str,
        text: &str,
        origin: Origin,
        more: bool,
        found: &[(usize, usize)],
    ) -> FileReport {
        FileReport {
            path: path.into(),
            text: text.into(),
            origin,
            format: None,
            diagnostics: found
                .iter()
                .map(|&(start, end)| Finding {
                    diagnostic: tact::Diagnostic {
                        rule: "gotcha.calm-down".into(),
                        severity: Severity::Warning,
                        message: "m".into(),
                        span: tact::Span::new(start, end),
                        suggestions: Vec::new(),
                    },
                    location: None,
                })
                .collect(),
            error: None,
            more,
            replies: Vec::new(),
        }
    }

    /// `value` as serde_json's pretty printer lays it out, every line after
    /// the first indented by `indent` spaces.
    fn pretty(value: &impl Serialize, indent: usize) -> String {
        let laid_out = serde_json::to_string_pretty(value).unwrap();
        laid_out.replace('\n', &format!("\n{}", " ".repeat(indent)))
    }

    proptest::proptest! {
        /// Laid out in place, a diagnostic is what serde_json's pretty
        /// printer makes of the same value where it sits in the document:
        /// quotes, backslashes, control chars and line breaks in every
        /// string, numbers of any size, with and without a location and
        /// suggestions.
        #[test]
        fn a_diagnostic_is_laid_out_as_serde_json_lays_it_out(
            strings in proptest::collection::vec("(?s).{0,12}", 5),
            numbers in proptest::collection::vec(proptest::num::usize::ANY, 8),
            location in proptest::option::of("(?s).{0,12}"),
            suggestions in proptest::collection::vec(
                ("(?s).{0,12}", proptest::option::of("(?s).{0,12}"), proptest::num::usize::ANY),
                0..3,
            ),
            severity in proptest::sample::select(vec![Severity::Info, Severity::Warning, Severity::Error]),
        ) {
            let n = &numbers;
            let d = Diagnostic {
                rule: &strings[0],
                pack: &strings[1],
                severity,
                message: &strings[2],
                text: &strings[3],
                span: Span {
                    start: n[0],
                    end: n[1],
                    line: n[2],
                    column: n[3],
                    end_line: n[4],
                    end_column: n[5],
                    utf16_column: n[6],
                    utf16_end_column: n[7],
                },
                location: location.as_deref(),
                suggestions: suggestions
                    .iter()
                    .map(|(message, replacement, start)| Suggestion {
                        message,
                        replacement: replacement.as_deref(),
                        span: ByteSpan { start: *start, end: start / 2 },
                        applicability: if replacement.is_some() {
                            tact::Applicability::Safe
                        } else {
                            tact::Applicability::DisplayOnly
                        },
                    })
                    .collect(),
            };
            let mut in_place = Vec::new();
            nested::serialize(&d, 4, &mut in_place);
            proptest::prop_assert_eq!(String::from_utf8(in_place).unwrap(), pretty(&d, 8));
        }
    }

    /// The whole run as one value, as a program holding it all would write
    /// it.
    #[derive(Serialize)]
    struct Document<'a> {
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

    /// Written a piece at a time, the document is byte for byte what
    /// serde_json's pretty printer writes of the whole run, and pieces
    /// join seamlessly.
    #[test]
    fn written_a_piece_at_a_time_the_document_is_what_serde_json_writes() {
        let unreadable = || {
            FileReport::failed(
                "b.txt".into(),
                "cannot read b.txt".into(),
                Origin::default(),
            )
        };
        let text = "Calm down.\nok\nCalm down.\n";
        let whole = vec![
            report("a.txt", text, Origin::default(), false, &[(0, 9), (14, 23)]),
            report("c.txt", "ok", Origin::default(), false, &[]),
            unreadable(),
        ];
        let mut summary = Summary::default();
        whole.iter().for_each(|r| summary.add(r));
        let document = Document {
            version: 1,
            files: whole
                .iter()
                .map(|r| File {
                    path: &r.path,
                    diagnostics: diagnostics(r).collect(),
                    error: r.error.as_deref(),
                })
                .collect(),
            summary,
        };
        let expected = serde_json::to_string_pretty(&document).unwrap() + "\n";
        assert_eq!(to_string(Json::default(), &whole), expected);
        // a.txt as two pieces.
        let pieces = vec![
            report("a.txt", &text[..14], Origin::default(), true, &[(0, 9)]),
            report(
                "a.txt",
                &text[14..],
                Origin {
                    offset: 14,
                    lines: 2,
                },
                false,
                &[(14, 23)],
            ),
            report("c.txt", "ok", Origin::default(), false, &[]),
            unreadable(),
        ];
        assert_eq!(to_string(Json::default(), &pieces), expected);
        let empty = Document {
            version: 1,
            files: Vec::new(),
            summary: Summary::default(),
        };
        assert_eq!(
            to_string(Json::default(), &[]),
            serde_json::to_string_pretty(&empty).unwrap() + "\n"
        );
        let parsed: serde_json::Value = serde_json::from_str(&expected).unwrap();
        assert_eq!(parsed["files"][0]["diagnostics"][1]["span"]["line"], 3);
    }
}
