//! Output formats. Each is a renderer over the same per-file results, so a new
//! format touches only this module.

pub mod github;
pub mod human;
pub mod json;
pub mod line;
pub mod sarif;

use tact::{Diagnostic, LineIndex, Position};

/// A finding in a file: spans are file offsets.
pub struct Finding {
    pub diagnostic: Diagnostic,
    /// Where in a structured file (JSON pointer, YAML path, CSV `row:column`).
    pub location: Option<String>,
}

impl std::ops::Deref for Finding {
    type Target = Diagnostic;
    fn deref(&self) -> &Diagnostic {
        &self.diagnostic
    }
}

/// The outcome of linting one input.
pub struct FileReport {
    pub path: String,
    /// The file's text, for positions and excerpts (empty on error).
    pub text: String,
    pub diagnostics: Vec<Finding>,
    /// Why the file could not be linted.
    pub error: Option<String>,
}

impl FileReport {
    /// A file that could not be read or parsed.
    pub fn failed(path: String, error: String) -> FileReport {
        FileReport {
            path,
            text: String::new(),
            diagnostics: Vec::new(),
            error: Some(error),
        }
    }

    /// Each finding with its start and end positions.
    pub fn located(&self) -> impl Iterator<Item = (&Finding, Position, Position)> {
        let index = LineIndex::new(&self.text);
        let offsets: Vec<usize> = self
            .diagnostics
            .iter()
            .flat_map(|d| [d.span.start, d.span.end])
            .collect();
        let positions = index.positions(&self.text, &offsets);
        self.diagnostics
            .iter()
            .zip(positions.chunks(2))
            .map(|(d, p)| (d, p[0], p[1]))
            .collect::<Vec<_>>()
            .into_iter()
    }
}
