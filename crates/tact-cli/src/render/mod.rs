//! Output formats. Each is a renderer over the same per-file results, so a new
//! format touches only this module.

pub mod github;
pub mod human;
pub mod json;
pub mod line;

use tact::{Diagnostic, LineIndex, Position};

/// The outcome of linting one input.
pub struct FileReport {
    pub path: String,
    /// The text linted, for positions and excerpts (empty on error).
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be linted.
    pub error: Option<String>,
}

impl FileReport {
    /// Each finding with its start and end positions.
    pub fn located(&self) -> impl Iterator<Item = (&Diagnostic, Position, Position)> {
        let index = LineIndex::new(&self.text);
        self.diagnostics.iter().map(move |d| {
            let start = index.position(&self.text, d.span.start);
            let end = index.position(&self.text, d.span.end);
            (d, start, end)
        })
    }
}
