//! What `--diff` and `--fix` on standard input print instead of findings:
//! the changes, or the fixed text itself.

use std::io::{self, Write};

use super::{FileReport, Render};

/// `--diff`: each file's unified diff, made where the file was fixed and
/// handed over as the piece's prepared output.
pub struct Diff;

impl Render for Diff {
    fn piece(&mut self, _: &FileReport, prepared: &[u8], out: &mut dyn Write) -> io::Result<()> {
        out.write_all(prepared)
    }
}

/// `--fix` on standard input: the text with its fixes, as a filter gives
/// it (an unreadable input gives nothing; its error goes to stderr).
pub struct Fixed;

impl Render for Fixed {
    fn piece(&mut self, report: &FileReport, _: &[u8], out: &mut dyn Write) -> io::Result<()> {
        out.write_all(report.text.as_bytes())
    }
}
