//! The report as one HTML page: styles inline, charts as inline SVG, no
//! script and nothing fetched, so it opens offline from a CI artifact and
//! prints. Every chart has its table beside it; the numbers carry `data-`
//! attributes so a test can read them.

use std::fmt::Write;

use tact::Severity;

use super::svg::{self, escape, Bar};
use super::{macro_label, per_thousand, total, Flagged, Report, Worst, NO_GROUP, TOP};

/// Most files listed beside the heat strip: every file of a library of
/// macros, the worst of a larger run.
const FILES: usize = 50;

const STYLE: &str = "
body { font: 15px/1.45 system-ui, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
.totals { display: flex; gap: 2rem; flex-wrap: wrap; margin: 1rem 0; }
.totals div { font-size: .85rem; color: #444; } .totals b { display: block; font-size: 1.6rem; color: #1b1b1b; }
.pair { display: flex; gap: 1.5rem; flex-wrap: wrap; align-items: flex-start; }
.chart text { font: 12px system-ui, sans-serif; fill: #1b1b1b; }
table { border-collapse: collapse; font-size: .9rem; } th, td { padding: .25rem .6rem; border-bottom: 1px solid #e2e2e2; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.legend span { display: inline-block; margin-right: 1rem; } .legend i { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; }
.reply { border: 1px solid #ddd; border-radius: 6px; padding: .6rem .9rem; margin: .8rem 0; }
.reply .where { font-size: .85rem; color: #444; } .reply p { white-space: pre-wrap; margin: .4rem 0 0; }
.reply ul { margin: .4rem 0 0; padding-left: 1.2rem; } .reply li { white-space: pre-wrap; margin: .2rem 0; } .reply li code { font-size: .8rem; color: #444; margin-right: .4rem; }
mark { background: none; border-bottom: 3px solid; padding: 0 1px; } mark.error { border-color: #D55E00; } mark.warning { border-color: #E69F00; } mark.info { border-color: #56B4E9; }
mark sup { font-size: .65rem; color: #444; }
pre { white-space: pre-wrap; background: #f7f7f7; padding: .6rem; border-radius: 4px; }
@media print { body { margin: 0; max-width: none; } .reply, section.rule { break-inside: avoid; } }
";

pub fn page(r: &Report) -> String {
    let t = &r.tally;
    let mut s = String::new();
    let found = total(&t.findings);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tact report</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>{STYLE}</style></head><body>\
         <h1>tact report</h1><p>What the customer hears in {} and the replies in them.</p>\
         <div class=\"totals\">\
         <div><b id=\"files\" data-n=\"{}\">{}</b>files</div>\
         <div><b id=\"replies\" data-n=\"{}\">{}</b>replies</div>\
         <div><b id=\"findings\" data-n=\"{found}\">{found}</b>findings</div>\
         <div><b id=\"errors\" data-n=\"{}\">{}</b>errors</div>\
         <div><b id=\"warnings\" data-n=\"{}\">{}</b>warnings</div>\
         <div><b id=\"infos\" data-n=\"{}\">{}</b>infos</div>\
         <div><b id=\"rate\">{}</b>findings per 1,000 replies</div></div>",
        plural(t.files.len(), "file"),
        t.files.len(),
        t.files.len(),
        t.replies,
        t.replies,
        t.findings[2],
        t.findings[2],
        t.findings[1],
        t.findings[1],
        t.findings[0],
        t.findings[0],
        per_thousand(Report::rate(found, t.replies)),
    );
    packs(&mut s, r);
    rules(&mut s, r);
    files(&mut s, r);
    macros(&mut s, r);
    if r.group_by.is_some() {
        groups(&mut s, r);
    }
    if r.baseline.is_some() {
        compare(&mut s, r);
    }
    worst(&mut s, &t.worst);
    explanations(&mut s, r);
    let failed: Vec<_> = t.files.iter().filter(|f| f.error.is_some()).collect();
    if !failed.is_empty() {
        s.push_str("<h2>Files not linted</h2><ul id=\"unreadable\">");
        for f in failed {
            let _ = write!(
                s,
                "<li>{}</li>",
                escape(f.error.as_deref().unwrap_or_default())
            );
        }
        s.push_str("</ul>");
    }
    s.push_str("</body></html>\n");
    s
}

fn legend(s: &mut String) {
    let _ = write!(
        s,
        "<p class=\"legend\"><span><i style=\"background:{}\"></i>error</span><span><i style=\"background:{}\"></i>warning</span><span><i style=\"background:{}\"></i>info</span></p>",
        svg::ERROR,
        svg::WARNING,
        svg::INFO
    );
}

fn parts(by: &[usize; 3]) -> Vec<(f64, &'static str, &'static str)> {
    vec![
        (by[2] as f64, svg::ERROR, "errors"),
        (by[1] as f64, svg::WARNING, "warnings"),
        (by[0] as f64, svg::INFO, "infos"),
    ]
}

fn packs(s: &mut String, r: &Report) {
    let t = &r.tally;
    s.push_str("<h2>Findings by pack</h2>");
    legend(s);
    let mut packs: Vec<(&String, &[usize; 3])> = t.packs.iter().collect();
    packs.sort_by(|a, b| total(b.1).cmp(&total(a.1)).then(a.0.cmp(b.0)));
    let rows: Vec<Bar> = packs
        .iter()
        .map(|(p, by)| Bar {
            label: p.to_string(),
            parts: parts(by),
            note: total(by).to_string(),
        })
        .collect();
    s.push_str("<div class=\"pair\">");
    s.push_str(&svg::bars("Findings by pack and severity", &rows));
    s.push_str("<table id=\"packs\"><tr><th>pack</th><th class=\"n\">errors</th><th class=\"n\">warnings</th><th class=\"n\">infos</th><th class=\"n\">all</th><th class=\"n\">per 1,000 replies</th></tr>");
    for (p, by) in packs {
        let _ = write!(
            s,
            "<tr data-pack=\"{p}\"><td>{p}</td><td class=\"n\" data-n=\"{}\">{}</td><td class=\"n\" data-n=\"{}\">{}</td><td class=\"n\" data-n=\"{}\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            by[2],
            by[2],
            by[1],
            by[1],
            by[0],
            by[0],
            total(by),
            per_thousand(Report::rate(total(by), t.replies)),
            p = escape(p)
        );
    }
    s.push_str("</table></div>");
}

fn rules(s: &mut String, r: &Report) {
    let top = r.top_rules();
    let _ = write!(s, "<h2>Rules that fire most</h2>");
    let rows: Vec<Bar> = top
        .iter()
        .take(TOP)
        .map(|(rule, n)| Bar {
            label: rule.to_string(),
            parts: vec![(*n as f64, colour(r.severity(rule)), "findings")],
            note: n.to_string(),
        })
        .collect();
    s.push_str("<div class=\"pair\">");
    s.push_str(&svg::bars("The rules that fire most", &rows));
    s.push_str("</div><table id=\"rules\"><tr><th>rule</th><th>severity</th><th class=\"n\">findings</th><th class=\"n\">per 1,000 replies</th><th>what the customer hears</th></tr>");
    for (rule, n) in top.iter().take(TOP) {
        let info = r.rules.get(*rule);
        let _ = write!(
            s,
            "<tr data-rule=\"{id}\"><td><a href=\"#rule-{id}\">{id}</a></td><td>{}</td><td class=\"n\" data-n=\"{n}\">{n}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            r.severity(rule).as_str(),
            per_thousand(Report::rate(*n, r.tally.replies)),
            escape(info.map_or("", |i| i.message.as_str())),
            id = escape(rule),
        );
    }
    s.push_str("</table>");
}

fn files(s: &mut String, r: &Report) {
    let t = &r.tally;
    s.push_str("<h2>Files</h2><p>One cell per file, in input order: the darker, the more findings per reply.</p>");
    let cells: Vec<(String, Option<f64>)> = t
        .files
        .iter()
        .map(|f| (f.path.clone(), Report::rate(total(&f.findings), f.replies)))
        .collect();
    s.push_str(&svg::heat_strip(
        "Findings per 1,000 replies, per file",
        &cells,
    ));
    let files = r.top_files();
    if files.len() > FILES {
        let _ = write!(
            s,
            "<p>The {FILES} files with the most findings, of {}:</p>",
            files.len()
        );
    }
    s.push_str("<table id=\"files-table\"><tr><th>file</th><th class=\"n\">replies</th><th class=\"n\">findings</th><th class=\"n\">per 1,000 replies</th></tr>");
    for f in files.into_iter().take(FILES) {
        let n = total(&f.findings);
        let _ = write!(
            s,
            "<tr data-file=\"{p}\"><td>{p}</td><td class=\"n\">{}</td><td class=\"n\" data-n=\"{n}\">{n}</td><td class=\"n\">{}</td></tr>",
            f.replies,
            per_thousand(Report::rate(n, f.replies)),
            p = escape(&f.path),
        );
    }
    s.push_str("</table>");
    if !t.flagged_files.is_empty() {
        let _ = write!(
            s,
            "<h3>What the files with the most findings say</h3><div id=\"file-sentences\">"
        );
        flagged(s, &t.flagged_files);
        s.push_str("</div>");
    }
}

/// Files or macros, each with its flagged sentences marked as the replies
/// are.
fn flagged(s: &mut String, list: &[Flagged]) {
    for f in list {
        let mut place = escape(&f.path);
        if let Some(at) = &f.at {
            let _ = write!(place, " · <code>{}</code>", escape(&macro_label(at)));
        }
        let marks: usize = f.sentences.iter().map(|x| x.marks.len()).sum();
        let shown = if marks < f.findings {
            format!(", {} of them shown", marks)
        } else {
            String::new()
        };
        let _ = write!(
            s,
            "<div class=\"reply flagged\" data-file=\"{}\"{} data-findings=\"{}\"><div class=\"where\">{place} — {}{shown}</div><ul>",
            escape(&f.path),
            f.at.as_deref()
                .map(|at| format!(" data-macro=\"{}\"", escape(at)))
                .unwrap_or_default(),
            f.findings,
            plural(f.findings, "finding"),
        );
        for x in &f.sentences {
            s.push_str("<li>");
            // Where in the file, when the file's table does not say.
            if let (None, Some(at)) = (&f.at, &x.location) {
                let _ = write!(s, "<code>{}</code>", escape(at));
            }
            highlight(s, &x.text, &x.marks);
            s.push_str("</li>");
        }
        s.push_str("</ul></div>");
    }
}

fn macros(s: &mut String, r: &Report) {
    let top = r.top_macros();
    if top.is_empty() {
        return;
    }
    s.push_str("<h2>Macros with the most findings</h2><p>In structured files: each entry of a list (a JSON pointer, a YAML path) or CSV row, with all its strings.</p>");
    s.push_str("<table id=\"macros\"><tr><th>file</th><th>macro</th><th class=\"n\">replies</th><th class=\"n\">findings</th></tr>");
    for ((path, at), (replies, n)) in top {
        let _ = write!(
            s,
            "<tr data-file=\"{}\" data-macro=\"{}\"><td>{}</td><td><code>{}</code></td><td class=\"n\">{replies}</td><td class=\"n\" data-n=\"{n}\">{n}</td></tr>",
            escape(path),
            escape(at),
            escape(path),
            escape(&macro_label(at))
        );
    }
    s.push_str("</table><div id=\"macro-sentences\">");
    flagged(s, &r.tally.flagged_macros);
    s.push_str("</div>");
}

fn groups(s: &mut String, r: &Report) {
    let t = &r.tally;
    let field = escape(r.group_by.as_deref().unwrap_or_default());
    let packs = r.group_packs();
    let _ = write!(
        s,
        "<h2>By {field}</h2><p>Findings per 1,000 replies, so that a big group and a small one compare.</p>"
    );
    let rows: Vec<Bar> = t
        .groups
        .iter()
        .map(|(g, (replies, by_pack))| {
            let all: usize = by_pack.values().sum();
            Bar {
                label: g.clone(),
                parts: vec![(
                    Report::rate(all, *replies).unwrap_or(0.0),
                    svg::WARNING,
                    "findings per 1,000 replies",
                )],
                note: per_thousand(Report::rate(all, *replies)),
            }
        })
        .collect();
    s.push_str("<div class=\"pair\">");
    s.push_str(&svg::bars("Findings per 1,000 replies, per group", &rows));
    s.push_str("</div><table id=\"groups\"><tr><th>");
    s.push_str(&field);
    s.push_str("</th><th class=\"n\">replies</th>");
    for p in &packs {
        let _ = write!(s, "<th class=\"n\">{}</th>", escape(p));
    }
    s.push_str("</tr>");
    for (g, (replies, by_pack)) in &t.groups {
        let _ = write!(
            s,
            "<tr data-group=\"{g}\"><td>{g}</td><td class=\"n\" data-n=\"{replies}\">{replies}</td>",
            g = escape(g)
        );
        for p in &packs {
            let n = by_pack.get(*p).copied().unwrap_or(0);
            let _ = write!(
                s,
                "<td class=\"n\" data-pack=\"{}\" data-n=\"{n}\">{}</td>",
                escape(p),
                per_thousand(Report::rate(n, *replies))
            );
        }
        s.push_str("</tr>");
    }
    s.push_str("</table>");
    if t.groups.contains_key(NO_GROUP) {
        let _ = write!(
            s,
            "<p>{NO_GROUP}: replies with no <code>{field}</code>.</p>"
        );
    }
}

fn compare(s: &mut String, r: &Report) {
    let Some(b) = &r.baseline else { return };
    let all = b.total();
    let _ = write!(
        s,
        "<h2>Since the baseline</h2><div class=\"totals\" id=\"compare\">\
         <div><b data-n=\"{}\">{}</b>new</div><div><b data-n=\"{}\">{}</b>fixed</div><div><b data-n=\"{}\">{}</b>unchanged</div></div>",
        all.new, all.new, all.fixed, all.fixed, all.unchanged, all.unchanged
    );
    for (title, id, rows) in [
        ("rule", "compare-rules", &b.by_rule),
        ("file", "compare-files", &b.by_file),
    ] {
        let _ = write!(
            s,
            "<table id=\"{id}\"><tr><th>{title}</th><th class=\"n\">new</th><th class=\"n\">fixed</th><th class=\"n\">unchanged</th></tr>"
        );
        for (k, c) in rows {
            let _ = write!(
                s,
                "<tr data-key=\"{k}\"><td>{k}</td><td class=\"n\" data-n=\"{}\">{}</td><td class=\"n\" data-n=\"{}\">{}</td><td class=\"n\" data-n=\"{}\">{}</td></tr>",
                c.new,
                c.new,
                c.fixed,
                c.fixed,
                c.unchanged,
                c.unchanged,
                k = escape(k),
            );
        }
        s.push_str("</table>");
    }
}

fn worst(s: &mut String, worst: &[Worst]) {
    if worst.is_empty() {
        return;
    }
    s.push_str("<h2>Replies with the most findings</h2>");
    for w in worst {
        let mut place = escape(&w.path);
        if let Some(l) = &w.location {
            let _ = write!(place, " · {}", escape(l));
        }
        if let Some(g) = &w.group {
            let _ = write!(place, " · {}", escape(g));
        }
        let _ = write!(
            s,
            "<div class=\"reply\" data-findings=\"{}\"><div class=\"where\">{place} — {}</div><p>",
            w.marks.len(),
            plural(w.marks.len(), "finding")
        );
        highlight(s, &w.text, &w.marks);
        s.push_str("</p></div>");
    }
}

/// A reply's text with its findings marked; overlapping findings are
/// marked as the first of them.
fn highlight(s: &mut String, text: &str, marks: &[super::Mark]) {
    let mut at = 0;
    for (start, end, rule, severity) in marks {
        if *start < at || !text.is_char_boundary(*start) || !text.is_char_boundary(*end) {
            continue;
        }
        s.push_str(&escape(&text[at..*start]));
        let _ = write!(
            s,
            "<mark class=\"{}\" title=\"{r}\">{}<sup>{r}</sup></mark>",
            severity.as_str(),
            escape(&text[*start..*end]),
            r = escape(rule)
        );
        at = *end;
    }
    s.push_str(&escape(&text[at..]));
}

fn explanations(s: &mut String, r: &Report) {
    if r.tally.rules.is_empty() {
        return;
    }
    s.push_str("<h2>The rules, explained</h2>");
    for rule in r.tally.rules.keys() {
        let text = r.rules.get(rule).map_or("", |i| i.explanation.as_str());
        let _ = write!(
            s,
            "<section class=\"rule\" id=\"rule-{id}\"><h3>{id}</h3><pre>{}</pre></section>",
            escape(text),
            id = escape(rule)
        );
    }
}

fn colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => svg::ERROR,
        Severity::Warning => svg::WARNING,
        Severity::Info => svg::INFO,
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
