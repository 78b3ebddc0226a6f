//! Human output: each finding drawn by miette with the sentence and the words
//! underlined, then a one-line summary.
//!
//! miette is handed an excerpt around each finding, never the whole file:
//! it counts lines from the start of what it is given, and it cannot draw a
//! column past 65,535. A finding on ordinary lines gets its lines and one on
//! each side; on a long line, a window around the finding as wide as the
//! terminal (at most [`WIDE`] bytes each side), cut ends marked with `…`.

use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, Report, SourceCode, SourceSpan, SpanContents,
};
use tact::{Position, Severity};

use super::json::Summary;
use super::{ceil_char, floor_char, FileReport, Render};

/// Every finding, each file that could not be read or parsed where it
/// comes, and a summary line.
pub struct Human {
    handler: GraphicalReportHandler,
    /// How much of a long line is drawn each side of a finding.
    wide: usize,
    summary: Summary,
    unread: usize,
}

impl Human {
    pub fn new(color: bool, width: usize) -> Self {
        Human {
            handler: handler(color, width),
            // The gutter takes about ten columns; a finding's words some.
            wide: (width.saturating_sub(30) / 2).clamp(20, WIDE),
            summary: Summary::default(),
            unread: 0,
        }
    }
}

impl Render for Human {
    fn piece(
        &mut self,
        report: &FileReport,
        _prepared: &[u8],
        w: &mut dyn Write,
    ) -> io::Result<()> {
        let mut out = String::new();
        for (d, start, _) in report.located() {
            let span = tact::Span::new(
                d.span.start - report.origin.offset,
                d.span.end - report.origin.offset,
            );
            let name = match &d.location {
                Some(at) => format!("{} {at}", report.path),
                None => report.path.clone(),
            };
            let (excerpt, label_span) = Excerpt::around(&report.text, span, start, name, self.wide);
            let label = d
                .suggestions
                .first()
                .and_then(|s| s.replacement.as_deref())
                .map(|r| format!("try \"{r}\""));
            let mut diag = MietteDiagnostic::new(d.message.clone())
                .with_code(d.rule.clone())
                .with_severity(miette_severity(d.severity))
                .with_label(LabeledSpan::new_with_span(label, label_span));
            if let Some(s) = d.suggestions.first() {
                diag = diag.with_help(s.message.clone());
            }
            let report = Report::new(diag).with_source_code(excerpt);
            self.handler
                .render_report(&mut out, report.as_ref())
                .expect("writing to a String cannot fail");
            out.push('\n');
        }
        if let Some(error) = &report.error {
            let diag = MietteDiagnostic::new(error.clone())
                .with_code("tact::unreadable")
                .with_severity(miette::Severity::Error);
            self.handler
                .render_report(&mut out, &diag)
                .expect("writing to a String cannot fail");
            out.push('\n');
        }
        self.summary.add(report);
        self.unread += usize::from(report.error.is_some());
        w.write_all(out.as_bytes())
    }

    fn shows_errors(&self) -> bool {
        true
    }

    fn finish(&mut self, w: &mut dyn Write) -> io::Result<()> {
        w.write_all(summary_line(&self.summary, self.unread).as_bytes())
    }
}

/// Lines no longer than this are drawn whole, with a line of context each
/// side when that line is no longer either.
const LONG: usize = 1000;

/// On a longer line, the bytes drawn each side of a finding (and of a
/// finding's own text, at most).
const WIDE: usize = 120;

/// What stands for the part of a long line left out.
const ELLIPSIS: &str = "…";

/// The part of a file drawn for one finding, and where in the file it
/// starts, so miette numbers its lines and columns as the file's.
struct Excerpt {
    name: String,
    text: String,
    /// The file line (0-based) and column (chars, 0-based) of `text`'s start.
    line: usize,
    column: usize,
}

impl Excerpt {
    /// The excerpt for `span` of `text`, which starts at `start`; and the
    /// span to underline, in the excerpt.
    fn around(
        text: &str,
        span: tact::Span,
        start: Position,
        name: String,
        wide: usize,
    ) -> (Excerpt, SourceSpan) {
        let line_start =
            |at: usize| memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1);
        let line_end = |at: usize| {
            memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i)
        };
        let (first, last) = (line_start(span.start), line_end(span.end));
        let (from, to, end) = if last - first <= LONG {
            let before = first
                .checked_sub(1)
                .map(line_start)
                .filter(|&b| first - b <= LONG);
            // The next line with its line break, so that miette sees an
            // empty one as a line.
            let after = (last < text.len())
                .then(|| line_end(last + 1))
                .filter(|&a| a - last <= LONG)
                .map(|a| (a + 1).min(text.len()));
            (before.unwrap_or(first), after.unwrap_or(last), span.end)
        } else {
            let end = ceil_char(text, span.end.min(span.start + wide));
            let from = floor_char(text, span.start.saturating_sub(wide).max(first));
            let to = ceil_char(text, (end + wide).min(line_end(end)));
            (from, to, end)
        };
        let skipped = &text[from..span.start];
        let breaks = memchr::memchr_iter(b'\n', skipped.as_bytes()).count();
        let column = if breaks == 0 {
            start.column - 1 - skipped.chars().count()
        } else {
            0
        };
        // A window cut out of a long line says so at each cut end; the
        // column of its first char is then the ellipsis's.
        let cut_before = breaks == 0 && from > first;
        let cut_after = to < line_end(end);
        let mut window = String::with_capacity(to - from + 2 * ELLIPSIS.len());
        if cut_before {
            window.push_str(ELLIPSIS);
        }
        window.push_str(&text[from..to]);
        if cut_after {
            window.push_str(ELLIPSIS);
        }
        let shift = if cut_before { ELLIPSIS.len() } else { 0 };
        let excerpt = Excerpt {
            name,
            text: window,
            line: start.line - 1 - breaks,
            column: column - usize::from(cut_before),
        };
        let label = span.start - from + shift..end - from + shift;
        (excerpt, label.into())
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, before, after)?;
        // miette counts a column in bytes; tact's formats count chars.
        let at = inner.span().offset();
        let line_start = memchr::memrchr(b'\n', &self.text.as_bytes()[..at]).map_or(0, |i| i + 1);
        let chars = self.text[line_start..at].chars().count();
        let column = match inner.line() {
            0 => chars + self.column,
            _ => chars,
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.line,
            column,
            inner.line_count(),
        )))
    }
}

/// miette's handler, wrapping at `width` columns.
pub fn handler(color: bool, width: usize) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme).with_width(width)
}

/// Where a handler writes.
pub enum Stream {
    Stdout,
    Stderr,
}

/// How wide to wrap for a stream: the terminal's width when it is one,
/// else 100 columns (a CI log, a file).
pub fn width(stream: Stream) -> usize {
    let size = match stream {
        Stream::Stdout => terminal_size::terminal_size_of(std::io::stdout()),
        Stream::Stderr => terminal_size::terminal_size_of(std::io::stderr()),
    };
    size.map_or(100, |(w, _)| usize::from(w.0).max(40))
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// One line for the run, counting files as the JSON summary does (those
/// that could not be read included, and said).
fn summary_line(s: &Summary, unread: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let linted = plural(s.files, "file");
    let line = if s.errors + s.warnings + s.infos == 0 {
        format!("No findings in {linted}")
    } else {
        format!(
            "{}, {}, {} in {linted}",
            plural(s.errors, "error"),
            plural(s.warnings, "warning"),
            plural(s.infos, "info"),
        )
    };
    match unread {
        0 => format!("{line}.\n"),
        n => format!("{line}; {} could not be read.\n", plural(n, "file")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Finding, Origin};

    fn report(text: String, start: usize, end: usize) -> FileReport {
        FileReport {
            path: "draft.txt".into(),
            text,
            origin: Origin::default(),
            format: None,
            diagnostics: vec![Finding {
                diagnostic: tact::Diagnostic {
                    rule: "gotcha.as-i-said".into(),
                    severity: Severity::Warning,
                    message: "m".into(),
                    span: tact::Span::new(start, end),
                    suggestions: Vec::new(),
                },
                location: None,
            }],
            error: None,
            more: false,
            replies: Vec::new(),
        }
    }

    #[test]
    fn a_window_of_a_long_line_marks_its_cut_ends_and_fits_the_width() {
        let text = format!("{} Calm down {}\n", "é".repeat(3000), "x".repeat(3000));
        let start = text.find("Calm").unwrap();
        let r = report(text, start, start + 9);
        for width in [60, 100, 200] {
            let mut out = Vec::new();
            Human::new(false, width).piece(&r, &[], &mut out).unwrap();
            let out = String::from_utf8(out).unwrap();
            assert!(out.contains("[draft.txt:1:3002]"), "{out}");
            let drawn = out.lines().find(|l| l.contains("Calm down")).unwrap();
            assert!(drawn.contains("…é") && drawn.ends_with("x…"), "{drawn}");
            assert!(drawn.chars().count() <= width.max(100), "{width}: {drawn}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Any finding on any line, up to a megabyte long, is drawn with its
        /// file line and column, its words, and an output that does not grow
        /// with the line.
        #[test]
        fn a_finding_anywhere_on_a_long_line_is_drawn(
            lines_before in 0usize..3,
            column in 0usize..(1 << 20),
            len in 1usize..3000,
            after in 0usize..(1 << 20),
            wide_char in proptest::bool::ANY,
        ) {
            let fill = if wide_char { "é" } else { "x" };
            let mut text = "hi\n".repeat(lines_before);
            text.push_str(&fill.repeat(column));
            let start = text.len();
            text.push_str(&"w".repeat(len));
            let end = text.len();
            text.push_str(&fill.repeat(after));
            text.push('\n');
            let r = report(text, start, end);
            let mut out = Vec::new();
            let mut human = Human::new(false, 100);
            human.piece(&r, &[], &mut out).unwrap();
            let out = String::from_utf8(out).unwrap();
            let header = format!("[draft.txt:{}:{}]", lines_before + 1, column + 1);
            proptest::prop_assert!(out.contains(&header), "{header} not in {out}");
            proptest::prop_assert!(out.contains('w'));
            proptest::prop_assert!(out.len() < 40 * (WIDE + LONG), "{} bytes", out.len());
        }
    }
}
