//! Source extraction: the part of a file that is prose, as a text of the same
//! length in which everything else is blanked out. Offsets in the blanked text
//! are offsets in the file, so findings need no mapping back.

pub mod markdown;

use std::path::Path;

/// How a file's bytes become text to lint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Plain text: every line break ends a sentence.
    Text,
    /// Markdown: prose only.
    Markdown,
}

impl InputFormat {
    /// The format for a path, by its extension; plain text when unknown.
    pub fn of(path: &Path) -> InputFormat {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd") => InputFormat::Markdown,
            _ => InputFormat::Text,
        }
    }

    /// The suppression comments written in `source`.
    pub fn suppressions(self, source: &str) -> Vec<markdown::Suppression> {
        match self {
            InputFormat::Text => Vec::new(),
            InputFormat::Markdown => markdown::suppressions(source),
        }
    }

    /// The text the linter sees for `source`.
    pub fn prose(self, source: &str) -> std::borrow::Cow<'_, str> {
        match self {
            InputFormat::Text => source.into(),
            InputFormat::Markdown => markdown::prose(source).into(),
        }
    }
}
