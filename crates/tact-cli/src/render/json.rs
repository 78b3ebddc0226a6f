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

use std::io::{self, Write};

use serde::Serialize;
use tact::Severity;

use super::{FileReport, Render};

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

/// The JSON document, written a file at a time. serde_json lays out each
/// diagnostic and the summary; the frame around them is written here, in the
/// same pretty layout, so the output is what one `to_string_pretty` of the
/// whole run would give.
#[derive(Default)]
pub struct Json {
    /// Whether the opening of the document is out.
    started: bool,
    /// Diagnostics written for the file being written.
    written: usize,
    summary: Summary,
    /// Where each diagnostic is laid out before it is indented into place,
    /// kept from one to the next.
    buf: Vec<u8>,
}

/// Lay out a report's diagnostics, indented into place and joined by
/// commas, on the thread that linted it ([`FileReport::laid_out`]): laying
/// them out was a tenth of a run, and done while writing, it kept the other
/// threads waiting.
pub fn lay_out(report: &mut FileReport) {
    // A diagnostic takes about 800 bytes: grown from empty, the buffer's
    // copies were a percent of a long run.
    let mut out = Vec::with_capacity(report.diagnostics.len() * 1024);
    let mut buf = Vec::new();
    lay_out_into(report, &mut out, &mut buf).expect("writing to memory cannot fail");
    report.laid_out = Some(out);
}

fn lay_out_into(report: &FileReport, out: &mut Vec<u8>, buf: &mut Vec<u8>) -> io::Result<()> {
    for (i, d) in diagnostics(report).enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n        ");
        }
        pretty(out, buf, &d, 8)?;
    }
    Ok(())
}

impl Render for Json {
    fn piece(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
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
            match &report.laid_out {
                Some(laid_out) => out.write_all(laid_out)?,
                None => {
                    let mut laid_out = Vec::new();
                    lay_out_into(report, &mut laid_out, &mut self.buf)?;
                    out.write_all(&laid_out)?;
                }
            }
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
        out.write_all(b",\n  \"summary\": ")?;
        let mut summary = Vec::new();
        pretty(&mut summary, &mut self.buf, &self.summary, 2)?;
        out.write_all(&summary)?;
        out.write_all(b"\n}\n")
    }
}

/// Appends `value` pretty-printed to `out`, every line after the first
/// indented by `indent` (at most 8) spaces (JSON strings hold no raw line
/// breaks, so lines are safe to split), laid out in `buf` first.
fn pretty(
    out: &mut Vec<u8>,
    buf: &mut Vec<u8>,
    value: &impl Serialize,
    indent: usize,
) -> io::Result<()> {
    buf.clear();
    serde_json::to_writer_pretty(&mut *buf, value)?;
    let break_and_indent = &b"\n        "[..=indent.min(8)];
    let mut line = 0;
    for end in memchr::memchr_iter(b'\n', buf) {
        out.extend_from_slice(&buf[line..end]);
        out.extend_from_slice(break_and_indent);
        line = end + 1;
    }
    out.extend_from_slice(&buf[line..]);
    Ok(())
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
            laid_out: None,
        }
    }

    /// The frame written here is the layout serde_json gives the whole run
    /// (the CLI's golden files hold more), and pieces join seamlessly.
    #[test]
    fn written_a_piece_at_a_time_the_document_is_what_serde_json_writes() {
        assert_eq!(
            to_string(Json::default(), &[]),
            "{\n  \"version\": 1,\n  \"files\": [],\n  \"summary\": {\n    \"files\": 0,\n    \"errors\": 0,\n    \"warnings\": 0,\n    \"infos\": 0\n  }\n}\n"
        );
        let text = "Calm down.\nok\nCalm down.\n";
        let unreadable = || {
            FileReport::failed(
                "b.txt".into(),
                "cannot read b.txt".into(),
                Origin::default(),
            )
        };
        // a.txt read whole, and as two pieces.
        let whole_a = || report("a.txt", text, Origin::default(), false, &[(0, 9), (14, 23)]);
        let pieces_of_a = || {
            vec![
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
            ]
        };
        let whole = to_string(Json::default(), &[whole_a(), unreadable()]);
        let mut pieces = pieces_of_a();
        pieces.push(unreadable());
        assert_eq!(whole, to_string(Json::default(), &pieces));
        // Laid out ahead, on the threads that linted them, the same.
        let reports = || {
            let mut reports = pieces_of_a();
            reports.push(report("c.txt", "ok", Origin::default(), false, &[]));
            reports.push(whole_a());
            reports
        };
        let mut ahead = reports();
        ahead.iter_mut().for_each(lay_out);
        assert!(ahead[0].laid_out.as_ref().is_some_and(|l| !l.is_empty()));
        assert_eq!(
            to_string(Json::default(), &ahead),
            to_string(Json::default(), &reports())
        );
        let parsed: serde_json::Value = serde_json::from_str(&whole).unwrap();
        assert_eq!(parsed["files"][0]["diagnostics"][1]["span"]["line"], 3);
        assert_eq!(parsed["files"][1]["diagnostics"], serde_json::json!([]));
        assert_eq!(parsed["summary"]["files"], 2);
    }
}
