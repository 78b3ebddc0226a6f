//! Findings as Python objects, with offsets Python can slice with.

use pyo3::prelude::*;
use tact::LineIndex;
use tact_cli::embed::Finding as Found;

/// A better phrasing offered for a finding.
#[pyclass(frozen, get_all, skip_from_py_object, module = "tact")]
#[derive(Clone)]
pub struct Suggestion {
    /// Advice to show the writer.
    message: String,
    /// The text to put in place of `text[start:end]`, if there is one.
    replacement: Option<String>,
    start: usize,
    end: usize,
    /// "safe", "unsafe" or "display-only".
    applicability: &'static str,
}

#[pymethods]
impl Suggestion {
    fn __repr__(&self) -> String {
        format!(
            "Suggestion(replacement={:?}, applicability={:?})",
            self.replacement, self.applicability
        )
    }
}

/// One finding. `start` and `end` index the Python string (`text[start:end]`
/// is the flagged words); `byte_start` and `byte_end` index its UTF-8 bytes,
/// as the command's JSON does.
#[pyclass(frozen, get_all, module = "tact")]
pub struct Finding {
    rule: String,
    pack: String,
    severity: &'static str,
    message: String,
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    /// 1-based, as the command prints them; the column counts characters.
    line: usize,
    column: usize,
    text: String,
    /// Where in a JSON, YAML or CSV text (a JSON pointer, a YAML path, a
    /// CSV `row:column`).
    location: Option<String>,
    suggestions: Vec<Suggestion>,
}

#[pymethods]
impl Finding {
    fn __repr__(&self) -> String {
        format!(
            "Finding(rule={:?}, start={}, end={}, text={:?})",
            self.rule, self.start, self.end, self.text
        )
    }
}

/// Byte offsets into a text as character offsets, for offsets asked in any
/// order: each is counted from the nearest one already counted below it.
struct Chars<'a> {
    text: &'a str,
    /// Byte offset and character offset of the last answer.
    at: (usize, usize),
}

impl Chars<'_> {
    fn of(&mut self, byte: usize) -> usize {
        if byte < self.at.0 {
            self.at = (0, 0);
        }
        let (from, chars) = self.at;
        let counted = chars + self.text[from..byte].chars().count();
        self.at = (byte, counted);
        counted
    }
}

/// The findings of one text; made while the GIL is released, they become
/// Python objects as they are returned.
pub fn convert(text: &str, found: Vec<Found>) -> Vec<Finding> {
    let lines = LineIndex::new(text);
    let mut chars = Chars { text, at: (0, 0) };
    found
        .into_iter()
        .map(|f| {
            let span = f.diagnostic.span;
            let position = lines.position(text, span.start);
            let start = chars.of(span.start);
            let end = chars.of(span.end);
            let d = f.diagnostic;
            let pack = d.pack().to_string();
            let suggestions = d
                .suggestions
                .into_iter()
                .map(|s| Suggestion {
                    start: chars.of(s.span.start),
                    end: chars.of(s.span.end),
                    applicability: s.applicability.as_str(),
                    message: s.message,
                    replacement: s.replacement,
                })
                .collect();
            Finding {
                pack,
                severity: d.severity.as_str(),
                text: span.slice(text).to_string(),
                rule: d.rule,
                message: d.message,
                start,
                end,
                byte_start: span.start,
                byte_end: span.end,
                line: position.line,
                column: position.column,
                location: f.location,
                suggestions,
            }
        })
        .collect()
}
