//! Output formats. Each is a renderer over the same per-file results, so a new
//! format touches only this module.

pub mod human;
pub mod json;

use tact::Diagnostic;

/// The outcome of linting one input.
pub struct FileReport {
    pub path: String,
    /// The text linted, for positions and excerpts (empty on error).
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be linted.
    pub error: Option<String>,
}
