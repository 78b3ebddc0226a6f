//! Source extraction: the parts of a file that are prose, as segments that
//! map back to the file's bytes, and the suppressions the file writes.
//! Each format is a module; a new one touches only this folder.

mod csv;
pub mod group;
mod html;
mod json;
pub mod markdown;
pub mod segment;
pub mod suppression;
mod yaml;

use std::path::Path;

pub use segment::Segment;
pub use suppression::Suppression;

/// How a file's bytes become text to lint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text: every line break ends a sentence.
    Text,
    /// Markdown: prose only.
    Markdown,
    /// HTML: the text a reader sees.
    Html,
    /// JSON: string values.
    Json,
    /// YAML: string scalars.
    Yaml,
    /// CSV: cells of the chosen columns.
    Csv,
}

/// Which parts of structured files are replies.
#[derive(Debug, Default)]
pub struct Fields {
    /// JSON and YAML keys whose strings are linted; empty means every string.
    pub keys: Vec<String>,
    /// CSV columns linted; empty means every column.
    pub columns: Vec<String>,
    /// Per key, whether a string under it was found in a file of the run:
    /// a key that names nothing (a typo) lints nothing, and is said so.
    seen: Vec<std::sync::atomic::AtomicBool>,
    /// Whether a JSON or YAML file was linted at all.
    structured: std::sync::atomic::AtomicBool,
}

impl Fields {
    pub fn new(keys: Vec<String>, columns: Vec<String>) -> Fields {
        let seen = keys.iter().map(|_| Default::default()).collect();
        Fields {
            keys,
            columns,
            seen,
            structured: Default::default(),
        }
    }

    /// Note that a JSON or YAML file was linted.
    pub fn structured(&self) {
        self.structured
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Note the keys in a segment's location (a JSON pointer or a YAML
    /// path).
    pub fn saw(&self, location: &str) {
        if self.keys.is_empty() {
            return;
        }
        let parts = location.split(['/', '.']).map(|p| {
            p.split('[')
                .next()
                .unwrap_or(p)
                .replace("~1", "/")
                .replace("~0", "~")
        });
        for part in parts {
            if let Some(i) = self.keys.iter().position(|k| *k == part) {
                self.seen[i].store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
    }

    /// The keys under which no JSON or YAML file of the run had a string
    /// (none when the run linted no such file).
    pub fn unseen(&self) -> impl Iterator<Item = &str> {
        let structured = self.structured.load(std::sync::atomic::Ordering::Relaxed);
        self.keys
            .iter()
            .zip(&self.seen)
            .filter(move |(_, s)| structured && !s.load(std::sync::atomic::Ordering::Relaxed))
            .map(|(k, _)| k.as_str())
    }
}

/// A file taken apart for linting.
pub struct Extracted<'a> {
    pub segments: Vec<Segment<'a>>,
    pub suppressions: Vec<Suppression>,
}

impl InputFormat {
    /// The format for a path, by its extension; `None` when there is none.
    pub fn of(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => InputFormat::Text,
            "md" | "markdown" | "mdown" | "mkd" => InputFormat::Markdown,
            "html" | "htm" | "xhtml" | "liquid" => InputFormat::Html,
            "json" => InputFormat::Json,
            "yaml" | "yml" => InputFormat::Yaml,
            "csv" => InputFormat::Csv,
            _ => return None,
        })
    }

    /// Whether `text` means the same as prose and as this format's bytes:
    /// it holds none of the format's markup, escapes or quoting. Only such
    /// bytes are rewritten by a fix, and only with such text.
    pub fn is_verbatim(self, text: &str) -> bool {
        let special: &[char] = match self {
            InputFormat::Text => &[],
            InputFormat::Markdown => &[
                '*', '_', '`', '[', ']', '(', ')', '<', '>', '\\', '#', '|', '~', '!', '&',
            ],
            InputFormat::Html => &['<', '>', '&'],
            InputFormat::Json => &['"', '\\'],
            // `: ` and ` #` end a plain scalar, the flow characters end one
            // in a flow collection, and the indicators start something
            // else when they open it.
            InputFormat::Yaml => &[
                '"', '\'', '\\', '#', ':', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%',
                '@', '`', '-', '?',
            ],
            // Any of the delimiters a CSV file may use.
            InputFormat::Csv => &['"', ',', ';', '\t'],
        };
        // A line break inside a paragraph of text or Markdown (`\n`,
        // `\r\n` or `\r`) is a space.
        let breaks = matches!(self, InputFormat::Text | InputFormat::Markdown);
        !text.contains(special)
            && !text.contains(|c: char| c.is_control() && !(breaks && matches!(c, '\n' | '\r')))
    }

    /// Take `source` apart; an error says why the file cannot be parsed. A
    /// leading byte-order mark is no part of any format: each parses what
    /// follows it, at its offsets in the file.
    pub fn extract<'a>(self, source: &'a str, fields: &Fields) -> Result<Extracted<'a>, String> {
        let Some(body) = source.strip_prefix('\u{feff}') else {
            return self.extract_body(source, fields);
        };
        let mut extracted = self.extract_body(body, fields)?;
        let bom = source.len() - body.len();
        for segment in &mut extracted.segments {
            segment.shift(bom);
        }
        for s in &mut extracted.suppressions {
            s.range = s.range.start + bom..s.range.end + bom;
            s.comment = s.comment.start + bom..s.comment.end + bom;
        }
        Ok(extracted)
    }

    fn extract_body<'a>(self, source: &'a str, fields: &Fields) -> Result<Extracted<'a>, String> {
        let (segments, suppressions) = match self {
            InputFormat::Text => (vec![Segment::verbatim(source, 0)], Vec::new()),
            InputFormat::Markdown => (
                vec![markdown::segment(source)],
                markdown::suppressions(source),
            ),
            InputFormat::Html => html::extract(source),
            InputFormat::Json => (json::extract(source, &fields.keys)?, Vec::new()),
            InputFormat::Yaml => (yaml::extract(source, &fields.keys)?, Vec::new()),
            InputFormat::Csv => (csv::extract(source, &fields.columns)?, Vec::new()),
        };
        Ok(Extracted {
            segments,
            suppressions,
        })
    }
}
