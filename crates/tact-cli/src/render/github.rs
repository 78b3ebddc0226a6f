//! `--format github`: GitHub Actions workflow commands, so findings show as
//! annotations on the pull request's diff. `info` findings are notices; a
//! file that could not be read or parsed is an error annotation on it.

use std::io::{self, Write};

use tact::Severity;

use super::{FileReport, Render};

pub struct Github;

impl Render for Github {
    fn piece(
        &mut self,
        report: &FileReport,
        _prepared: &[u8],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for (d, start, end) in report.located() {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let help = d
                .suggestions
                .first()
                .map(|s| format!(" {}", s.message))
                .unwrap_or_default();
            writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&report.path),
                start.line,
                start.column,
                end.line,
                end.column,
                property(&d.rule),
                data(&format!("{}{help}", d.message)),
            )?;
        }
        if let Some(error) = &report.error {
            writeln!(
                out,
                "::error file={},title=tact::{}",
                property(&report.path),
                data(error)
            )?;
        }
        Ok(())
    }
}

/// Escaping for a command's message, as the runner expects it.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for a command's properties, which also split on `:` and `,`.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
