//! Output formats. Each is a renderer over the same per-file results, so a new
//! format touches only this module.
//!
//! Renderers write as the run goes: each file (or each piece of a large
//! plain-text file) as soon as it and everything before it are linted, and
//! then it is dropped. Neither the inputs nor the output are ever held whole,
//! so memory stays flat however much is linted.

use std::io::{self, Write};

pub mod fixes;
pub mod github;
pub mod human;
pub mod json;
pub mod line;
pub mod sarif;

use tact::{Diagnostic, LineIndex, Position};

use crate::source::InputFormat;

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

/// The outcome of linting one input, or one piece of a large one.
pub struct FileReport {
    pub path: String,
    /// The text the findings lie in, for positions and excerpts: the whole
    /// file, or one piece of it (empty on error).
    pub text: String,
    /// Where `text` starts in the file.
    pub origin: Origin,
    /// The format the file was read in, which says where a fix can be
    /// written; none for what is not an input (the config, whose findings
    /// have no fixes) or could not be read.
    pub format: Option<InputFormat>,
    /// Finding spans are file offsets.
    pub diagnostics: Vec<Finding>,
    /// Why the file could not be linted.
    pub error: Option<String>,
    /// Whether more pieces of this file follow.
    pub more: bool,
    /// The replies linted, when the run asks for them (`tact report`).
    pub replies: Vec<ReplyAt>,
}

/// One reply of a file: its bytes, and where it sits in a structured file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyAt {
    /// File offsets.
    pub span: tact::Span,
    pub location: Option<String>,
    /// Its value of the `--group-by` field, if it has one.
    pub group: Option<String>,
}

/// Where a piece of a file starts: its byte offset and the lines before it.
/// A piece always starts at the start of a line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    pub offset: usize,
    pub lines: usize,
}

/// A format written piece by piece. Pieces of one file come in order, the
/// first at offset 0 and the last with `more` unset.
pub trait Render {
    /// The part of a piece's output that depends on that piece alone, made
    /// on the thread that linted it, in parallel with the other pieces; it
    /// is handed back to [`Render::piece`], which writes in input order on
    /// one thread. Nothing, for a format whose writing is cheap.
    fn prepare(&self, _report: &FileReport) -> Vec<u8> {
        Vec::new()
    }
    /// Write a piece; `prepared` is what [`Render::prepare`] made of it.
    fn piece(
        &mut self,
        report: &FileReport,
        prepared: &[u8],
        out: &mut dyn Write,
    ) -> io::Result<()>;
    /// Whether the format shows the files that could not be read as it goes,
    /// so that they need not be repeated on stderr after it.
    fn shows_errors(&self) -> bool {
        false
    }
    /// After the last file: totals, closing brackets; nothing for a format
    /// that is only its findings.
    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// The char boundary at or before `at`: where an excerpt of a text may
/// start.
pub fn floor_char(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The char boundary at or after `at` (the text's end at most): where an
/// excerpt may end.
pub fn ceil_char(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Render whole reports to a string (a server's answer, a test).
pub fn to_string(mut render: impl Render, reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    for report in reports {
        let prepared = render.prepare(report);
        render
            .piece(report, &prepared, &mut out)
            .expect("writing to memory cannot fail");
    }
    render
        .finish(&mut out)
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("renderers write UTF-8")
}

impl FileReport {
    /// A file (or the piece of one at `origin`) that could not be read or
    /// parsed.
    pub fn failed(path: String, error: String, origin: Origin) -> FileReport {
        FileReport {
            path,
            text: String::new(),
            origin,
            format: None,
            diagnostics: Vec::new(),
            error: Some(error),
            more: false,
            replies: Vec::new(),
        }
    }

    /// The words a finding flags.
    pub fn excerpt(&self, span: tact::Span) -> &str {
        let at = |o: usize| o - self.origin.offset;
        &self.text[at(span.start)..at(span.end)]
    }

    /// Each finding with its start and end positions.
    pub fn located(&self) -> impl Iterator<Item = (&Finding, Position, Position)> {
        let index = LineIndex::new(&self.text);
        let offsets: Vec<usize> = self
            .diagnostics
            .iter()
            .flat_map(|d| [d.span.start, d.span.end])
            .map(|o| o - self.origin.offset)
            .collect();
        let mut positions = index.positions(&self.text, &offsets);
        for p in &mut positions {
            p.line += self.origin.lines;
        }
        self.diagnostics
            .iter()
            .zip(positions.chunks(2))
            .map(|(d, p)| (d, p[0], p[1]))
            .collect::<Vec<_>>()
            .into_iter()
    }
}
