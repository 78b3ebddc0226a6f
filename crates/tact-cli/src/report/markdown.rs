//! The report in Markdown: the totals, the rules and files with the most
//! findings, the groups and the change since the baseline (per rule and
//! per file), short enough for a CI job summary or a pull-request comment.

use std::fmt::Write;

use super::{macro_label, per_thousand, total, Report, TOP};

pub fn summary(r: &Report) -> String {
    let t = &r.tally;
    let found = total(&t.findings);
    let mut s = format!(
        "## tact report\n\n{} in {} of {}: {}, {}, {}; {} per 1,000 replies.\n",
        plural(found, "finding"),
        plural(t.replies, "reply"),
        plural(t.files.len(), "file"),
        plural(t.findings[2], "error"),
        plural(t.findings[1], "warning"),
        plural(t.findings[0], "info"),
        per_thousand(Report::rate(found, t.replies)),
    );
    if let Some(b) = &r.baseline {
        let c = b.total();
        let _ = writeln!(
            s,
            "\nSince the baseline: **{} new**, {} fixed, {} unchanged.",
            c.new, c.fixed, c.unchanged
        );
    }
    if !t.packs.is_empty() {
        s.push_str(
            "\n| pack | errors | warnings | infos | per 1,000 replies |\n|---|--:|--:|--:|--:|\n",
        );
        for (p, by) in &t.packs {
            let _ = writeln!(
                s,
                "| {p} | {} | {} | {} | {} |",
                by[2],
                by[1],
                by[0],
                per_thousand(Report::rate(total(by), t.replies))
            );
        }
    }
    let rules = r.top_rules();
    if !rules.is_empty() {
        s.push_str("\n| rule | findings | what the customer hears |\n|---|--:|---|\n");
        for (rule, n) in rules.iter().take(TOP) {
            let message = r.rules.get(*rule).map_or("", |i| i.message.as_str());
            let _ = writeln!(s, "| `{rule}` | {n} | {} |", cell(message));
        }
    }
    let files: Vec<_> = r
        .top_files()
        .into_iter()
        .filter(|f| total(&f.findings) > 0)
        .take(TOP)
        .collect();
    if !files.is_empty() {
        s.push_str("\n| file | replies | findings | per 1,000 replies |\n|---|--:|--:|--:|\n");
        for f in files {
            let n = total(&f.findings);
            let _ = writeln!(
                s,
                "| {} | {} | {n} | {} |",
                cell(&f.path),
                f.replies,
                per_thousand(Report::rate(n, f.replies))
            );
        }
    }
    let macros = r.top_macros();
    if !macros.is_empty() {
        s.push_str("\n| macro | replies | findings |\n|---|--:|--:|\n");
        for ((path, at), (replies, n)) in macros {
            let _ = writeln!(
                s,
                "| {} `{}` | {replies} | {n} |",
                cell(path),
                cell(&macro_label(at))
            );
        }
    }
    if let Some(field) = &r.group_by {
        let packs = r.group_packs();
        let _ = write!(
            s,
            "\nFindings per 1,000 replies by `{field}`:\n\n| {} | replies |",
            cell(field)
        );
        for p in &packs {
            let _ = write!(s, " {p} |");
        }
        s.push_str("\n|---|--:|");
        s.push_str(&"--:|".repeat(packs.len()));
        s.push('\n');
        for (g, (replies, by_pack)) in &t.groups {
            let _ = write!(s, "| {} | {replies} |", cell(g));
            for p in &packs {
                let n = by_pack.get(*p).copied().unwrap_or(0);
                let _ = write!(s, " {} |", per_thousand(Report::rate(n, *replies)));
            }
            s.push('\n');
        }
    }
    if let Some(b) = &r.baseline {
        let changed: Vec<_> = b
            .by_rule
            .iter()
            .filter(|(_, c)| c.new + c.fixed > 0)
            .collect();
        if !changed.is_empty() {
            s.push_str("\n| rule | new | fixed | unchanged |\n|---|--:|--:|--:|\n");
            for (rule, c) in changed {
                let _ = writeln!(
                    s,
                    "| `{rule}` | {} | {} | {} |",
                    c.new, c.fixed, c.unchanged
                );
            }
        }
        // The files that changed, most changed first (ties by path).
        let mut files: Vec<_> = b
            .by_file
            .iter()
            .filter(|(_, c)| c.new + c.fixed > 0)
            .collect();
        files.sort_by_key(|(_, c)| std::cmp::Reverse(c.new + c.fixed));
        if !files.is_empty() {
            s.push_str("\n| file | new | fixed | unchanged |\n|---|--:|--:|--:|\n");
            for (path, c) in files.iter().take(TOP) {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} |",
                    cell(path),
                    c.new,
                    c.fixed,
                    c.unchanged
                );
            }
            if files.len() > TOP {
                let _ = writeln!(s, "\nAnd {} more files changed.", files.len() - TOP);
            }
        }
    }
    for f in t.files.iter().filter_map(|f| f.error.as_deref()) {
        let _ = writeln!(s, "\nNot linted: {}", cell(f));
    }
    s
}

/// Text safe in a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, _) => format!("1 {word}"),
        (_, "reply") => format!("{n} replies"),
        _ => format!("{n} {word}s"),
    }
}
