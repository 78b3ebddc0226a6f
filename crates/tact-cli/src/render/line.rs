//! `--format line`: `path:line:column: severity rule message`, one finding a
//! line, for grep and for editors' quickfix lists (the shape compilers use).
//! Columns count Unicode scalar values, as in the JSON output.

use super::FileReport;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for (d, start, _) in report.located() {
            out.push_str(&format!(
                "{}:{}:{}: {} {} {}\n",
                report.path, start.line, start.column, d.severity, d.rule, d.message
            ));
        }
    }
    out
}
