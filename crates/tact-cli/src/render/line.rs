//! `--format line`: `path:line:column: severity rule message`, one finding a
//! line, for grep and for editors' quickfix lists (the shape compilers use).
//! Columns count Unicode scalar values, as in the JSON output. A file that
//! could not be read or parsed is a line of its own, `path:1:1: error …`,
//! so a quickfix list shows it too.

use std::io::{self, Write};

use super::{FileReport, Render};

pub struct Line;

impl Render for Line {
    fn piece(
        &mut self,
        report: &FileReport,
        _prepared: &[u8],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for (d, start, _) in report.located() {
            writeln!(
                out,
                "{}:{}:{}: {} {} {}",
                report.path, start.line, start.column, d.severity, d.rule, d.message
            )?;
        }
        if let Some(error) = &report.error {
            writeln!(out, "{}:1:1: error tact.unreadable {error}", report.path)?;
        }
        Ok(())
    }
}
