//! Errors in a pack file, carrying the span of the offending TOML so that the
//! CLI can point at the line.

use std::fmt;
use std::sync::Arc;

use crate::span::Span;

/// A pack that failed to load.
#[derive(Clone, Debug)]
pub struct PackError {
    /// Where the pack came from: a file path, or `builtin:NAME`.
    pub origin: String,
    /// The pack's source text, for rendering the span.
    pub source_text: Arc<str>,
    /// The bytes of the source the error is about, when known.
    pub span: Option<Span>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid pack {}: {}", self.origin, self.message)
    }
}

impl std::error::Error for PackError {}
