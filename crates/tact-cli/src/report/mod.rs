//! `tact report`: a run's findings summed up for the people who own a
//! macro library. It is a renderer like the others: each piece of each
//! file is tallied as it comes and dropped, so a report on every reply a
//! company has sent holds only counts and the few worst replies, files and
//! macros (with their flagged sentences); the page or the Markdown is
//! written at the end.

mod compare;
mod html;
mod markdown;
mod svg;

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use tact::{Linter, Severity};

pub use compare::Baseline;

pub use crate::args::ReportFormat;
use crate::render::{FileReport, Render};

/// How many of the worst replies, rules and files the report shows.
const TOP: usize = 10;

/// How many of the files with the most findings show their flagged
/// sentences (the macros that do are [`TOP`]), and how many sentences each
/// shows at most.
const SHOWN_FILES: usize = 5;
const SENTENCES: usize = 5;

/// Counts by severity: info, warning, error.
type BySeverity = [usize; 3];

fn index(s: Severity) -> usize {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

/// One file's share of the run.
#[derive(Debug, Default)]
struct FileTally {
    path: String,
    replies: usize,
    findings: BySeverity,
    error: Option<String>,
}

/// A reply among those with the most findings, kept whole to show.
#[derive(Debug)]
struct Worst {
    path: String,
    location: Option<String>,
    group: Option<String>,
    text: String,
    /// Findings, as bytes of `text`, with their rule and severity.
    marks: Vec<Mark>,
}

/// A finding to highlight: its bytes in the text shown, rule and severity.
type Mark = (usize, usize, String, Severity);

/// A sentence that holds findings, kept to show.
#[derive(Debug)]
struct Sentence {
    /// Where its reply is in a structured file.
    location: Option<String>,
    text: String,
    marks: Vec<Mark>,
}

/// A file or a macro among those with the most findings, with its first
/// flagged sentences.
#[derive(Debug, Default)]
struct Flagged {
    path: String,
    /// The macro in the file, for a macro.
    at: Option<String>,
    findings: usize,
    sentences: Vec<Sentence>,
}

/// A rule's words, for the report to explain it.
struct RuleInfo {
    message: String,
    explanation: String,
    severity: Severity,
}

/// A macro of a structured file: the file, and where the macro is in it.
type Macro = (String, String);

/// The sums of a run.
#[derive(Default)]
struct Tally {
    files: Vec<FileTally>,
    replies: usize,
    findings: BySeverity,
    packs: BTreeMap<String, BySeverity>,
    rules: BTreeMap<String, usize>,
    /// Per group: replies, and findings per pack.
    groups: BTreeMap<String, (usize, BTreeMap<String, usize>)>,
    /// Per macro of a structured file: replies, findings.
    macros: HashMap<Macro, (usize, usize)>,
    worst: Vec<Worst>,
    /// The [`SHOWN_FILES`] files and [`TOP`] macros with the most findings
    /// so far, most first, with their flagged sentences.
    flagged_files: Vec<Flagged>,
    flagged_macros: Vec<Flagged>,
    /// The file being read, until its last piece is in.
    file_now: Option<Flagged>,
}

/// The `tact report` renderer.
pub struct Report {
    format: ReportFormat,
    group_by: Option<String>,
    rules: BTreeMap<String, RuleInfo>,
    tally: Tally,
    baseline: Option<Baseline>,
}

impl Report {
    pub fn new(
        format: ReportFormat,
        linter: &Linter,
        baseline: Option<Baseline>,
        group_by: Option<String>,
    ) -> Report {
        let rules = linter
            .rules()
            .map(|(r, severity)| {
                let info = RuleInfo {
                    message: r.message.clone(),
                    explanation: crate::explain::explanation(r, Some(severity)),
                    severity,
                };
                (r.id.clone(), info)
            })
            .collect();
        Report {
            format,
            group_by,
            rules,
            tally: Tally::default(),
            baseline,
        }
    }
}

/// The group a reply with no value of the `--group-by` field is counted in.
const NO_GROUP: &str = "(none)";

impl Render for Report {
    fn piece(&mut self, report: &FileReport, _: &[u8], _: &mut dyn Write) -> io::Result<()> {
        let t = &mut self.tally;
        let same_file =
            t.files.last().is_some_and(|f| f.path == report.path) && report.origin.offset > 0;
        if !same_file {
            t.files.push(FileTally {
                path: report.path.clone(),
                ..FileTally::default()
            });
        }
        let file = t.files.last_mut().expect("pushed above");
        file.error = file.error.take().or(report.error.clone());
        file.replies += report.replies.len();
        t.replies += report.replies.len();
        for g in report.replies.iter().filter(|_| self.group_by.is_some()) {
            let name = g.group.as_deref().unwrap_or(NO_GROUP);
            t.groups.entry(name.to_string()).or_default().0 += 1;
        }
        // Findings come sorted by start, as replies do: walk both.
        let mut reply = 0;
        let mut counts = vec![0usize; report.replies.len()];
        for f in &report.diagnostics {
            let s = index(f.severity);
            file.findings[s] += 1;
            t.findings[s] += 1;
            t.packs.entry(f.pack().to_string()).or_default()[s] += 1;
            *t.rules.entry(f.rule.clone()).or_default() += 1;
            while reply < report.replies.len() && report.replies[reply].span.end < f.span.start {
                reply += 1;
            }
            let inside = report
                .replies
                .get(reply)
                .is_some_and(|r| r.span.start <= f.span.start && f.span.start <= r.span.end);
            if inside {
                counts[reply] += 1;
                if self.group_by.is_some() {
                    let name = report.replies[reply].group.as_deref().unwrap_or(NO_GROUP);
                    let group = t.groups.entry(name.to_string()).or_default();
                    *group.1.entry(f.pack().to_string()).or_default() += 1;
                }
            }
            if let Some(b) = &mut self.baseline {
                b.see(&report.path, f, report.excerpt(f.span));
            }
        }
        // Each macro of this piece: its findings and its replies.
        let mut here: BTreeMap<&str, (usize, Vec<usize>)> = BTreeMap::new();
        for (i, (r, n)) in report.replies.iter().zip(&counts).enumerate() {
            if let Some(at) = &r.location {
                let key = (report.path.clone(), macro_of(at).to_string());
                let m = t.macros.entry(key).or_default();
                m.0 += 1;
                m.1 += n;
                let m = here.entry(macro_of(at)).or_default();
                m.0 += n;
                m.1.push(i);
            }
        }
        keep_worst(&mut t.worst, report, &counts);
        // A macro never spans pieces (structured files are read whole):
        // its count is final here.
        for (at, (n, replies)) in here {
            keep_flagged_macro(&mut t.flagged_macros, report, at, n, &replies, &counts);
        }
        let now = t.file_now.get_or_insert_with(|| Flagged {
            path: report.path.clone(),
            ..Flagged::default()
        });
        now.findings += report.diagnostics.len();
        for (i, _) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
            let room = SENTENCES.saturating_sub(now.sentences.len());
            if room == 0 {
                break;
            }
            now.sentences.extend(flagged_sentences(report, i, room));
        }
        if !report.more {
            let done = t.file_now.take().expect("set above");
            if done.findings > 0 {
                let at = t
                    .flagged_files
                    .partition_point(|f| f.findings >= done.findings);
                if at < SHOWN_FILES {
                    t.flagged_files.insert(at, done);
                    t.flagged_files.truncate(SHOWN_FILES);
                }
            }
        }
        Ok(())
    }

    fn shows_errors(&self) -> bool {
        true
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        // What the baseline had and this run did not is fixed, once the
        // last file is in.
        if let Some(b) = &mut self.baseline {
            b.settle();
        }
        let page = match self.format {
            ReportFormat::Html => html::page(self),
            ReportFormat::Markdown => markdown::summary(self),
        };
        out.write_all(page.as_bytes())
    }
}

/// The macro a string of a structured file belongs to: the first entry of
/// a list on its path (`/macros/3` of `/macros/3/steps/0`, `macros[3]` of
/// `macros[3].body`), the row of a CSV cell, else what holds the string.
fn macro_of(location: &str) -> &str {
    if let Some(pointer) = location.strip_prefix('/') {
        let mut end = 0;
        for part in pointer.split('/') {
            end += 1 + part.len();
            if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
                return &location[..end];
            }
        }
        return location.rsplit_once('/').map_or(location, |(p, _)| p);
    }
    if let Some((row, _)) = location
        .split_once(':')
        .filter(|(row, _)| row.bytes().all(|b| b.is_ascii_digit()))
    {
        return row;
    }
    if let Some(open) = location.find('[') {
        if let Some(close) = location[open..].find(']') {
            if location[open + 1..open + close]
                .bytes()
                .all(|b| b.is_ascii_digit())
            {
                return &location[..open + close + 1];
            }
        }
    }
    location.rsplit_once('.').map_or(location, |(p, _)| p)
}

/// How a macro is named in the report: a CSV row as `row 3`.
fn macro_label(at: &str) -> String {
    if !at.is_empty() && at.bytes().all(|b| b.is_ascii_digit()) {
        format!("row {at}")
    } else {
        at.to_string()
    }
}

/// Keep the [`TOP`] replies with the most findings so far (the earlier of
/// two with as many), with their text.
fn keep_worst(worst: &mut Vec<Worst>, report: &FileReport, counts: &[usize]) {
    for (i, &n) in counts.iter().enumerate() {
        let beats = |w: &Worst| n > w.marks.len();
        if n == 0 || (worst.len() == TOP && !worst.last().is_some_and(beats)) {
            continue;
        }
        let r = &report.replies[i];
        let base = r.span.start;
        let marks = report
            .diagnostics
            .iter()
            .filter(|f| r.span.start <= f.span.start && f.span.start <= r.span.end)
            .map(|f| {
                let end = f.span.end.min(r.span.end);
                (f.span.start - base, end - base, f.rule.clone(), f.severity)
            })
            .collect();
        let at = worst.partition_point(|w| w.marks.len() >= n);
        worst.insert(
            at,
            Worst {
                path: report.path.clone(),
                location: r.location.clone(),
                group: r.group.clone(),
                text: report.excerpt(r.span).to_string(),
                marks,
            },
        );
        worst.truncate(TOP);
    }
}

/// The findings of reply `i` of `report`: those that start inside it.
fn findings_of(report: &FileReport, i: usize) -> &[crate::render::Finding] {
    let r = report.replies[i].span;
    let d = &report.diagnostics;
    let lo = d.partition_point(|f| f.span.start < r.start);
    let hi = d.partition_point(|f| f.span.start <= r.end);
    &d[lo..hi.max(lo)]
}

/// The sentences of reply `i` of `report` that hold its findings (at most
/// `cap`), each with its findings marked. A finding that runs past its
/// sentence takes the words up to its end too; one in no sentence is shown
/// as its own words.
fn flagged_sentences(report: &FileReport, i: usize, cap: usize) -> Vec<Sentence> {
    let reply = &report.replies[i];
    let base = reply.span.start;
    let text = report.excerpt(reply.span);
    let sentences = sentences_of(report, reply.span);
    // Each sentence shown, as bytes of the reply, and its marks.
    let mut shown: Vec<(usize, usize, Vec<Mark>)> = Vec::new();
    for f in findings_of(report, i) {
        let start = f.span.start - base;
        let end = (f.span.end - base).clamp(start, text.len());
        let (from, to) = sentences
            .iter()
            .find(|s| s.start <= start && start < s.end)
            .map_or((start, end), |s| (s.start, s.end.max(end)));
        let mark = (start, end, f.rule.clone(), f.severity);
        let full = shown.len() == cap;
        match shown.last_mut() {
            Some(last) if from < last.1 => {
                last.1 = last.1.max(to);
                last.2.push(mark);
            }
            _ if full => break,
            _ => shown.push((from, to, vec![mark])),
        }
    }
    shown
        .into_iter()
        .filter(|(from, to, _)| text.is_char_boundary(*from) && text.is_char_boundary(*to))
        .map(|(from, to, marks)| Sentence {
            location: reply.location.clone(),
            text: text[from..to].to_string(),
            marks: marks
                .into_iter()
                .map(|(s, e, rule, severity)| (s - from, e - from, rule, severity))
                .collect(),
        })
        .collect()
}

/// The sentences of the reply at `span` of `report`, as bytes of the
/// reply. In Markdown and HTML they are the sentences of the text a reader
/// sees, mapped back to the file: a wrapped line is no sentence of its
/// own, and a paragraph's end ends one. Elsewhere (a JSON, YAML or CSV
/// string, plain text) the reply's own bytes are split.
fn sentences_of(report: &FileReport, span: tact::Span) -> Vec<tact::Span> {
    use crate::source::{Fields, InputFormat};
    let text = report.excerpt(span);
    let split = |t: &str| {
        let doc = tact::Document::new(t);
        doc.sentences()
            .iter()
            .map(|s| doc.original_span(*s))
            .collect::<Vec<_>>()
    };
    let Some(format @ (InputFormat::Markdown | InputFormat::Html)) = report.format else {
        return split(text);
    };
    let Ok(extracted) = format.extract(&report.text, &Fields::default()) else {
        return split(text);
    };
    let base = report.origin.offset;
    let mut found = Vec::new();
    for segment in &extracted.segments {
        for s in split(&segment.text) {
            let s = segment.to_file(s, &report.text);
            let (start, end) = (s.start + base, s.end + base);
            if span.start <= start && start < span.end {
                let end = end.min(span.end);
                found.push(tact::Span::new(start - span.start, end - span.start));
            }
        }
    }
    found
}

/// Keep the macro `at` of `report` (its replies, and `n` findings in them)
/// among the [`TOP`] macros with the most findings, in the order the
/// macros table gives them (most first, ties by file and macro), with its
/// flagged sentences. Its sentences are read only if it gets in.
fn keep_flagged_macro(
    top: &mut Vec<Flagged>,
    report: &FileReport,
    at: &str,
    n: usize,
    replies: &[usize],
    counts: &[usize],
) {
    if n == 0 {
        return;
    }
    let key = |f: &Flagged| {
        (
            std::cmp::Reverse(f.findings),
            f.path.clone(),
            f.at.clone().unwrap_or_default(),
        )
    };
    let mine = (std::cmp::Reverse(n), report.path.clone(), at.to_string());
    let place = top.partition_point(|f| key(f) < mine);
    if place >= TOP {
        return;
    }
    let mut sentences = Vec::new();
    for &i in replies.iter().filter(|&&i| counts[i] > 0) {
        let room = SENTENCES - sentences.len();
        if room == 0 {
            break;
        }
        sentences.extend(flagged_sentences(report, i, room));
    }
    top.insert(
        place,
        Flagged {
            path: report.path.clone(),
            at: Some(at.to_string()),
            findings: n,
            sentences,
        },
    );
    top.truncate(TOP);
}

impl Report {
    /// A rule's severity in this run (a rule of no pack, such as an
    /// invalid suppression, is a warning).
    fn severity(&self, rule: &str) -> Severity {
        self.rules
            .get(rule)
            .map_or(Severity::Warning, |i| i.severity)
    }

    /// Findings per 1,000 replies (none when there are no replies).
    fn rate(findings: usize, replies: usize) -> Option<f64> {
        (replies > 0).then(|| findings as f64 * 1000.0 / replies as f64)
    }

    /// The rules by how often they fired, most first (ties by id).
    fn top_rules(&self) -> Vec<(&str, usize)> {
        let mut rules: Vec<(&str, usize)> = self
            .tally
            .rules
            .iter()
            .map(|(r, n)| (r.as_str(), *n))
            .collect();
        rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        rules
    }

    /// The files by findings, most first (ties in input order).
    fn top_files(&self) -> Vec<&FileTally> {
        let mut files: Vec<&FileTally> = self.tally.files.iter().collect();
        files.sort_by_key(|f| std::cmp::Reverse(total(&f.findings)));
        files
    }

    /// The macros by findings, most first (ties by file and location).
    fn top_macros(&self) -> Vec<(&Macro, &(usize, usize))> {
        let mut macros: Vec<_> = self.tally.macros.iter().filter(|(_, m)| m.1 > 0).collect();
        macros.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0)));
        macros.truncate(TOP);
        macros
    }

    /// Every pack that had a finding, in any group.
    fn group_packs(&self) -> Vec<&str> {
        let mut packs: Vec<&str> = self
            .tally
            .groups
            .values()
            .flat_map(|(_, p)| p.keys().map(String::as_str))
            .collect();
        packs.sort_unstable();
        packs.dedup();
        packs
    }
}

fn total(s: &BySeverity) -> usize {
    s.iter().sum()
}

/// A rate as the report prints it.
fn per_thousand(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_string(), |r| format!("{r:.1}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Finding, Origin, ReplyAt};

    fn finding(rule: &str, start: usize, end: usize) -> Finding {
        Finding {
            diagnostic: tact::Diagnostic {
                rule: rule.into(),
                severity: Severity::Warning,
                message: "m".into(),
                span: tact::Span::new(start, end),
                suggestions: Vec::new(),
            },
            location: None,
        }
    }

    #[test]
    fn findings_are_counted_in_their_reply_and_its_text_is_escaped() {
        let linter = Linter::new(tact::builtin(), &tact::Selection::default()).unwrap();
        let mut report = Report::new(ReportFormat::Html, &linter, None, Some("team".into()));
        let text = "As I said, <b>no</b>.\nCalm down. As I said, no.\nThanks!";
        let replies = [(0, 21, "a"), (22, 47, "b"), (48, 55, "b")];
        let file = FileReport {
            path: "r.txt".into(),
            text: text.into(),
            origin: Origin::default(),
            format: None,
            diagnostics: vec![
                finding("gotcha.as-i-said", 0, 9),
                finding("gotcha.calm-down", 22, 31),
                finding("gotcha.as-i-said", 33, 42),
            ],
            error: None,
            more: false,
            replies: replies
                .iter()
                .map(|&(s, e, g)| ReplyAt {
                    span: tact::Span::new(s, e),
                    location: None,
                    group: Some(g.into()),
                })
                .collect(),
        };
        report.piece(&file, &[], &mut Vec::new()).unwrap();
        let t = &report.tally;
        assert_eq!((t.replies, t.findings), (3, [0, 3, 0]));
        assert_eq!(
            t.groups["a"],
            (1, BTreeMap::from([("gotcha".to_string(), 1)]))
        );
        assert_eq!(
            t.groups["b"],
            (2, BTreeMap::from([("gotcha".to_string(), 2)]))
        );
        // The reply with two findings comes first.
        let worst: Vec<usize> = t.worst.iter().map(|w| w.marks.len()).collect();
        assert_eq!(worst, vec![2, 1]);
        let page = html::page(&report);
        assert!(
            page.contains("&lt;b&gt;no&lt;/b&gt;"),
            "reply text is escaped"
        );
        assert!(!page.contains("<b>no</b>"));
        assert!(page.contains("<mark class=\"warning\" title=\"gotcha.calm-down\">Calm down"));
    }

    /// Lint `text` as a file of `format` for the report, and tally it.
    fn tallied(
        report: &mut Report,
        linter: &Linter,
        path: &str,
        format: crate::source::InputFormat,
        text: &str,
    ) {
        let cx = crate::lint::Context {
            keep_replies: true,
            ..crate::lint::test_context(linter)
        };
        let input = crate::input::Input::whole(path.into(), format, Ok(text.into()));
        let file = crate::lint::lint(input, &cx);
        report.piece(&file, &[], &mut Vec::new()).unwrap();
    }

    #[test]
    fn the_worst_files_and_macros_show_their_flagged_sentences_marked() {
        use crate::source::InputFormat;
        let linter = Linter::new(tact::builtin(), &tact::Selection::default()).unwrap();
        let mut report = Report::new(ReportFormat::Html, &linter, None, None);
        let json = r#"{"macros": [
            {"body": "Thanks for writing. As I said, the export runs nightly. Have a good day."},
            {"body": "Thanks!", "note": "Calm down <now>. Per my last email, no."}
        ]}"#;
        tallied(&mut report, &linter, "macros.json", InputFormat::Json, json);
        tallied(
            &mut report,
            &linter,
            "clean.txt",
            InputFormat::Text,
            "Thanks for writing in.\n",
        );
        let t = &report.tally;
        let macros: Vec<(&str, usize)> = t
            .flagged_macros
            .iter()
            .map(|m| (m.at.as_deref().unwrap(), m.findings))
            .collect();
        assert_eq!(
            macros,
            vec![("/macros/1", 2), ("/macros/0", 1)],
            "most first"
        );
        assert_eq!(t.flagged_macros[0].sentences.len(), 2, "one per sentence");
        let files: Vec<&str> = t.flagged_files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            files,
            vec!["macros.json"],
            "a file with no finding is not shown"
        );
        let page = html::page(&report);
        let macro_part = &page[page.find("id=\"macro-sentences\"").unwrap()..];
        let macro_part = &macro_part[..macro_part.find("<h2>").unwrap()];
        assert!(
            macro_part.contains(
                "<li><mark class=\"warning\" title=\"gotcha.as-i-said\">As I said<sup>gotcha.as-i-said</sup></mark>, the export runs nightly.</li>"
            ),
            "the sentence alone, its words marked: {macro_part}"
        );
        assert!(
            !macro_part.contains("Thanks for writing") && !macro_part.contains("good day"),
            "the other sentences of the reply are left out: {macro_part}"
        );
        assert!(
            macro_part.contains("</mark> &lt;now&gt;.</li>"),
            "escaped: {macro_part}"
        );
        let file_part = &page[page.find("id=\"file-sentences\"").unwrap()..];
        let file_part = &file_part[..file_part.find("<h2>").unwrap()];
        assert!(
            file_part.contains("<code>/macros/0/body</code><mark"),
            "{file_part}"
        );
        assert_eq!(file_part.matches("<mark").count(), 3, "{file_part}");
    }

    /// In Markdown and HTML a flagged sentence is one the reader sees: a
    /// wrapped Markdown sentence whole, not its last line, and an HTML
    /// paragraph alone, not run into the next.
    #[test]
    fn flagged_sentences_are_the_ones_a_reader_sees() {
        use crate::source::InputFormat;
        let linter = Linter::new(tact::builtin(), &tact::Selection::default()).unwrap();
        let shown = |path: &str, format, text: &str| {
            let mut report = Report::new(ReportFormat::Html, &linter, None, None);
            tallied(&mut report, &linter, path, format, text);
            let files = &report.tally.flagged_files;
            assert_eq!(files.len(), 1, "{text:?}");
            files[0]
                .sentences
                .iter()
                .map(|s| s.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            shown(
                "a.md",
                InputFormat::Markdown,
                "Thanks for writing.\n\nYour plan renews monthly, as\nI said, on the first.\n",
            ),
            vec!["Your plan renews monthly, as\nI said, on the first."]
        );
        assert_eq!(
            shown(
                "a.html",
                InputFormat::Html,
                "<p>Thanks for writing</p><p>Your plan renews, as I said</p>\n",
            ),
            vec!["Your plan renews, as I said"]
        );
    }

    #[test]
    fn a_string_belongs_to_the_entry_of_the_list_it_is_in() {
        assert_eq!(macro_of("/macros/3/steps/0"), "/macros/3");
        assert_eq!(macro_of("/welcome/body"), "/welcome");
        assert_eq!(macro_of("macros[3].body"), "macros[3]");
        assert_eq!(macro_of("welcome.body"), "welcome");
        assert_eq!(macro_of("12:body"), "12");
    }
}
