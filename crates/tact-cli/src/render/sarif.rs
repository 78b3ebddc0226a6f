//! `--format sarif`: SARIF 2.1.0, the format code-scanning dashboards (GitHub
//! code scanning among them) read. One run; every rule that fired is listed
//! in the tool's driver with its message and rationale, and each result
//! points at its region by line and column (Unicode scalar values, as the
//! run declares) and by byte offset. Files that could not be linted are
//! reported as tool notifications, so the run says it was not complete.
//! A result's `fixes` are the replacements `tact check --fix` would write
//! (with `--unsafe-fixes` for the unsafe ones): none where the words cross
//! the format's markup, escapes or quoting.
//!
//! Results are written as each file is linted, so memory does not grow with
//! them: the log's members come in the order serde_json's pretty printer
//! gives (sorted), except that a run's `results` come before what is known
//! only at the end, its `invocations` and its `tool` with the rules that
//! fired. Member order means nothing to a SARIF reader.

use std::io::{self, Write};

use serde_json::{json, Value};
use tact::{Linter, Severity};

use super::{FileReport, Render};
use crate::fix;

pub struct Sarif<'a> {
    linter: &'a Linter,
    rules: Vec<Value>,
    rule_ids: Vec<String>,
    results: usize,
    notifications: Vec<Value>,
}

impl<'a> Sarif<'a> {
    pub fn new(linter: &'a Linter) -> Self {
        Sarif {
            linter,
            rules: Vec::new(),
            rule_ids: Vec::new(),
            results: 0,
            notifications: Vec::new(),
        }
    }

    /// One result, in its place in the log.
    fn write_result(&mut self, result: &Value, out: &mut dyn Write) -> io::Result<()> {
        if self.results == 0 {
            out.write_all(HEAD.as_bytes())?;
            out.write_all(b"[\n")?;
        } else {
            out.write_all(b",\n")?;
        }
        self.results += 1;
        out.write_all(indented(result, RESULT_INDENT).as_bytes())
    }
}

/// The log up to its run's results.
const HEAD: &str = r#"{
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "runs": [
    {
      "columnKind": "unicodeCodePoints",
      "results": "#;

/// How deep a result sits in the log, and a member of the run.
const RESULT_INDENT: usize = 8;
const MEMBER_INDENT: usize = 6;

/// `value` pretty-printed at `depth` spaces: its first line too. (JSON
/// strings hold no raw line breaks, so every line break is the printer's.)
fn indented(value: &Value, depth: usize) -> String {
    let pad = " ".repeat(depth);
    let text = serde_json::to_string_pretty(value).expect("json values serialize");
    format!("{pad}{}", text.replace('\n', &format!("\n{pad}")))
}

impl Render for Sarif<'_> {
    fn piece(
        &mut self,
        report: &FileReport,
        _prepared: &[u8],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for (d, start, end) in report.located() {
            let index = match self.rule_ids.iter().position(|r| *r == d.rule) {
                Some(i) => i,
                None => {
                    self.rule_ids.push(d.rule.clone());
                    self.rules
                        .push(rule(self.linter, &d.rule, &d.message, d.severity));
                    self.rule_ids.len() - 1
                }
            };
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&report.path) },
                    "region": {
                        "startLine": start.line,
                        "startColumn": start.column,
                        "endLine": end.line,
                        "endColumn": end.column,
                        "byteOffset": d.span.start,
                        "byteLength": d.span.len(),
                        "snippet": { "text": report.excerpt(d.span) },
                    }
                }
            });
            if let Some(at) = &d.location {
                location["logicalLocations"] = json!([{ "fullyQualifiedName": at }]);
            }
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [location],
            });
            // Only the fixes `--fix` would write: not those whose words
            // cross the format's markup, escapes or quoting.
            let fixes: Vec<Value> = d
                .suggestions
                .iter()
                .filter_map(|s| {
                    let edit = fix::edit_for(report, d, s)?;
                    Some(json!({
                        "description": { "text": s.message },
                        "artifactChanges": [{
                            "artifactLocation": { "uri": uri(&report.path) },
                            "replacements": [{
                                "deletedRegion": {
                                    "byteOffset": edit.range.start,
                                    "byteLength": edit.range.len(),
                                },
                                "insertedContent": { "text": edit.text },
                            }]
                        }],
                        "properties": { "applicability": s.applicability.as_str() },
                    }))
                })
                .collect();
            if !fixes.is_empty() {
                result["fixes"] = Value::Array(fixes);
            }
            self.write_result(&result, out)?;
        }
        if let Some(error) = &report.error {
            self.notifications.push(json!({
                "level": "error",
                "message": { "text": error },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&report.path) } } }],
            }));
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.results == 0 {
            out.write_all(HEAD.as_bytes())?;
            out.write_all(b"[],\n")?;
        } else {
            out.write_all(b"\n      ],\n")?;
        }
        let notifications = std::mem::take(&mut self.notifications);
        let invocations = json!([{
            "executionSuccessful": notifications.is_empty(),
            "toolExecutionNotifications": notifications,
        }]);
        let tool = json!({ "driver": {
            "name": "tact",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": std::mem::take(&mut self.rules),
        }});
        let pad = " ".repeat(MEMBER_INDENT);
        for (key, value, end) in [("invocations", invocations, ","), ("tool", tool, "")] {
            let value = indented(&value, MEMBER_INDENT);
            writeln!(out, "{pad}\"{key}\": {}{end}", value.trim_start())?;
        }
        out.write_all(b"    }\n  ],\n  \"version\": \"2.1.0\"\n}\n")
    }
}

/// A rule's entry in the driver: from its pack when it has one (the
/// suppression check has none).
fn rule(linter: &Linter, id: &str, message: &str, severity: Severity) -> Value {
    let found = linter.rules().find(|(r, _)| r.id == id);
    let (short, full, help) = match found {
        Some((r, _)) => (
            r.message.as_str(),
            r.rationale.trim(),
            r.suggestion.as_deref().unwrap_or(r.message.as_str()),
        ),
        None => (message, message, message),
    };
    json!({
        "id": id,
        "shortDescription": { "text": short },
        "fullDescription": { "text": full },
        "help": { "text": help },
        "defaultConfiguration": { "level": level(found.map_or(severity, |(_, s)| s)) },
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: forward slashes, and the characters
/// a URI cannot hold percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for c in path.replace('\\', "/").chars() {
        if c.is_ascii_alphanumeric() || "-._~/:@!$&'()*+,;=".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("a dir\\r\u{e9}ply.md"), "a%20dir/r%C3%A9ply.md");
    }
}
