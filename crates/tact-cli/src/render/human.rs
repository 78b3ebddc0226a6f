//! Human output: each finding drawn by miette with the sentence and the words
//! underlined, then a one-line summary.

use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};
use tact::Severity;

use super::json::Summary;
use super::{FileReport, Render};

/// Every finding, and a summary line. Files that could not be read are
/// reported on stderr by the caller, whatever the format. The source drawn is
/// the report's text, so a file is given whole, never in pieces.
pub struct Human {
    handler: GraphicalReportHandler,
    summary: Summary,
    unread: usize,
}

impl Human {
    pub fn new(color: bool) -> Self {
        Human {
            handler: handler(color),
            summary: Summary::default(),
            unread: 0,
        }
    }
}

impl Render for Human {
    fn piece(&mut self, report: &FileReport, w: &mut dyn Write) -> io::Result<()> {
        let mut out = String::new();
        // One shared copy of the text per file, not one per finding.
        let source: Arc<str> = Arc::from(report.text.as_str());
        for d in &report.diagnostics {
            let label = d
                .suggestions
                .first()
                .and_then(|s| s.replacement.as_deref())
                .map(|r| format!("try \"{r}\""));
            let mut diag = MietteDiagnostic::new(d.message.clone())
                .with_code(d.rule.clone())
                .with_severity(miette_severity(d.severity))
                .with_label(LabeledSpan::new_with_span(label, d.span.start..d.span.end));
            if let Some(s) = d.suggestions.first() {
                diag = diag.with_help(s.message.clone());
            }
            let name = match &d.location {
                Some(at) => format!("{} {at}", report.path),
                None => report.path.clone(),
            };
            let report = Report::new(diag).with_source_code(NamedSource::new(name, source.clone()));
            self.handler
                .render_report(&mut out, report.as_ref())
                .expect("writing to a String cannot fail");
            out.push('\n');
        }
        self.summary.add(report);
        self.unread += usize::from(report.error.is_some());
        w.write_all(out.as_bytes())
    }

    fn finish(&mut self, w: &mut dyn Write) -> io::Result<()> {
        w.write_all(summary_line(&self.summary, self.unread).as_bytes())
    }
}

pub fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme).with_width(100)
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// One line for the run; files that could not be read are not counted as
/// linted (their errors are on stderr).
fn summary_line(s: &Summary, unread: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let linted = plural(s.files - unread, "file");
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
