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

/// The JSON document, written a file at a time. The diagnostics are laid
/// out here ([`write_diagnostic`]) and the summary by serde_json, in the
/// layout one `to_string_pretty` of the whole run would give.
#[derive(Default)]
pub struct Json {
    /// Whether the opening of the document is out.
    started: bool,
    /// Diagnostics written for the file being written.
    written: usize,
    summary: Summary,
}

/// Lay out a report's diagnostics, indented into place and joined by
/// commas, on the thread that linted it ([`FileReport::laid_out`]): laying
/// them out was a tenth of a run, and done while writing, it kept the other
/// threads waiting.
pub fn lay_out(report: &mut FileReport) {
    // A diagnostic takes about 800 bytes: grown from empty, the buffer's
    // copies were a percent of a long run.
    let mut out = Vec::with_capacity(report.diagnostics.len() * 1024);
    lay_out_into(report, &mut out);
    report.laid_out = Some(out);
}

fn lay_out_into(report: &FileReport, out: &mut Vec<u8>) {
    for (i, d) in diagnostics(report).enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n        ");
        }
        write_diagnostic(out, &d);
    }
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
                    lay_out_into(report, &mut laid_out);
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
        out.write_all(&pretty(&self.summary, 2)?)?;
        out.write_all(b"\n}\n")
    }
}

/// `value` pretty-printed, every line after the first indented by `indent`
/// (at most 8) spaces: JSON strings hold no raw line breaks, so lines are
/// safe to split.
fn pretty(value: &impl Serialize, indent: usize) -> io::Result<Vec<u8>> {
    let laid_out = serde_json::to_vec_pretty(value)?;
    let break_and_indent = &b"\n        "[..=indent.min(8)];
    let mut out = Vec::with_capacity(laid_out.len());
    let mut line = 0;
    for end in memchr::memchr_iter(b'\n', &laid_out) {
        out.extend_from_slice(&laid_out[line..end]);
        out.extend_from_slice(break_and_indent);
        line = end + 1;
    }
    out.extend_from_slice(&laid_out[line..]);
    Ok(out)
}

/// Appends `d` as serde_json's pretty printer lays it out where it sits in
/// the document, in `files[].diagnostics[]` (8 spaces in). Written
/// directly: through serde, laying diagnostics out was an eighth of a long
/// run's instructions, most of them the printer writing indents a level at
/// a time, then a pass indenting every line again. A test holds this to
/// serde_json's layout of the same value.
fn write_diagnostic(out: &mut Vec<u8>, d: &Diagnostic<'_>) {
    out.push(b'{');
    for (i, (name, value)) in [
        ("rule", d.rule),
        ("pack", d.pack),
        ("severity", d.severity.as_str()),
        ("message", d.message),
        ("text", d.text),
    ]
    .into_iter()
    .enumerate()
    {
        key(out, i == 0, 10, name);
        string(out, value);
    }
    key(out, false, 10, "span");
    let s = &d.span;
    numbers(
        out,
        12,
        &[
            ("start", s.start),
            ("end", s.end),
            ("line", s.line),
            ("column", s.column),
            ("end_line", s.end_line),
            ("end_column", s.end_column),
            ("utf16_column", s.utf16_column),
            ("utf16_end_column", s.utf16_end_column),
        ],
    );
    if let Some(location) = d.location {
        key(out, false, 10, "location");
        string(out, location);
    }
    key(out, false, 10, "suggestions");
    if d.suggestions.is_empty() {
        out.extend_from_slice(b"[]");
    } else {
        out.push(b'[');
        for (i, s) in d.suggestions.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            line(out, 12);
            out.push(b'{');
            key(out, true, 14, "message");
            string(out, s.message);
            key(out, false, 14, "replacement");
            match s.replacement {
                Some(replacement) => string(out, replacement),
                None => out.extend_from_slice(b"null"),
            }
            key(out, false, 14, "span");
            numbers(out, 16, &[("start", s.span.start), ("end", s.span.end)]);
            line(out, 12);
            out.push(b'}');
        }
        line(out, 10);
        out.push(b']');
    }
    line(out, 8);
    out.push(b'}');
}

/// A line break and `depth` spaces.
fn line(out: &mut Vec<u8>, depth: usize) {
    const SPACES: &[u8; 16] = b"                ";
    out.push(b'\n');
    out.extend_from_slice(&SPACES[..depth]);
}

/// An object's key on its own line, after a comma unless it is the first.
fn key(out: &mut Vec<u8>, first: bool, depth: usize, name: &str) {
    if !first {
        out.push(b',');
    }
    line(out, depth);
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\": ");
}

/// An object of numbers whose keys sit `depth` spaces in.
fn numbers(out: &mut Vec<u8>, depth: usize, fields: &[(&str, usize)]) {
    out.push(b'{');
    for (i, &(name, n)) in fields.iter().enumerate() {
        key(out, i == 0, depth, name);
        out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }
    line(out, depth - 2);
    out.push(b'}');
}

/// A string, quoted and escaped by serde_json.
fn string(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(&mut *out, s).expect("writing to memory cannot fail");
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

    proptest::proptest! {
        /// Laid out directly, a diagnostic is what serde_json's pretty
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
                    })
                    .collect(),
            };
            let mut direct = Vec::new();
            write_diagnostic(&mut direct, &d);
            proptest::prop_assert_eq!(
                String::from_utf8(direct).unwrap(),
                String::from_utf8(pretty(&d, 8).unwrap()).unwrap()
            );
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
