//! The subcommands.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use miette::Report;
use rayon::prelude::*;
use tact::{check_examples, did_you_mean, Rule, Workload};

use crate::args::{
    CheckArgs, Color, ExplainArgs, FailOn, Format, ListFormat, RulesArgs, ServeArgs, TestArgs,
};
use crate::output::eprintln_safe;
use crate::render::{self, FileReport, Render};
use crate::source::Fields;
use crate::{input, lint, load};

/// Exit code for findings at or above the threshold.
const FINDINGS: u8 = 1;
/// Exit code for usage, pack, config and I/O errors.
const ERROR: u8 = 2;

pub fn check(args: CheckArgs) -> Result<ExitCode, Report> {
    let config = load::config(&args.packs)?;
    let mut paths = args.paths;
    if paths.is_empty() {
        if std::io::stdin().is_terminal() {
            return Err(miette::miette!(
                help = "pass files to lint, or pipe a draft: `echo \"As I said…\" | tact check`",
                "no input"
            ));
        }
        paths.push(PathBuf::from("-"));
    }
    let (paths, skipped) = input::expand(&paths, &config);
    // Brief: a draft or two build no automata; a linter that has linted
    // more builds them then (see `tact::Workload`).
    let linter = load::linter(&args.packs, &config, Workload::Brief)?;
    if args.verbose && skipped.files > 0 {
        eprintln_safe(&format!(
            "skipped {} (no input format, binary, or excluded by the config)",
            plural(skipped.files, "file")
        ));
    }
    if args.verbose && skipped.links > 0 {
        eprintln_safe(&format!(
            "skipped {} (to folders, or to files outside the folder walked)",
            plural(skipped.links, "symbolic link")
        ));
    }
    let fields = Fields {
        keys: [config.keys.clone(), args.keys].concat(),
        columns: [config.columns.clone(), args.csv_columns].concat(),
    };
    let ignores_used: Vec<AtomicBool> = config
        .ignores
        .iter()
        .map(|_| AtomicBool::new(false))
        .collect();
    let cx = lint::Context {
        linter: &linter,
        fields: &fields,
        config: &config,
        ignores_used: &ignores_used,
        report_unused: args.report_unused_suppressions,
    };
    let mut render: Box<dyn Render + Sync> = match args.format {
        Format::Json => Box::new(render::json::Json::default()),
        Format::Line => Box::new(render::line::Line),
        Format::Github => Box::new(render::github::Github),
        Format::Sarif => Box::new(render::sarif::Sarif::new(&linter)),
        Format::Human => Box::new(render::human::Human::new(use_color(
            args.color,
            std::io::stdout().is_terminal(),
        ))),
    };
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::Warning);
    let mut failed = false;
    let mut errors = Vec::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut emit =
        |render: &mut dyn Render, report: &FileReport, prepared: &[u8], out: &mut dyn Write| {
            failed |= fail_on
                .threshold()
                .is_some_and(|t| report.diagnostics.iter().any(|d| d.severity >= t));
            errors.extend(report.error.clone());
            if render.piece(report, prepared, out).is_err() {
                exit_on_closed_output();
            }
        };
    // Work is taken a batch at a time, linted in parallel (each file read by
    // the thread that takes it), and written in input order as soon as the
    // batch is done; then it is dropped. Human output draws each file's
    // text, so it reads files whole. A lone draft is linted on this thread:
    // starting the thread pool would cost it a tenth of its run.
    let threads = std::sync::LazyLock::new(rayon::current_num_threads);
    let mut plan = input::Plan::new(
        paths,
        args.format != Format::Human,
        args.max_file_size,
        args.stdin_filename.as_deref(),
        args.input_format,
        &config,
    );
    loop {
        let mut batch = Vec::new();
        let mut pieces = 0;
        while batch.len() < BATCH_FILES && (pieces == 0 || pieces < *threads) {
            let Some(work) = plan.next() else { break };
            pieces += usize::from(matches!(work, input::Work::Piece(_)));
            batch.push(work);
        }
        if batch.is_empty() {
            break;
        }
        let lint = |work| {
            let input = match work {
                input::Work::Read(path) => plan.read(&path),
                input::Work::Piece(input) => input,
            };
            let report = lint::lint(input, &cx);
            let prepared = render.prepare(&report);
            (report, prepared)
        };
        let reports: Vec<(FileReport, Vec<u8>)> = if batch.len() == 1 {
            batch.into_iter().map(lint).collect()
        } else {
            batch.into_par_iter().map(lint).collect()
        };
        for (report, prepared) in &reports {
            emit(&mut *render, report, prepared, &mut out);
        }
    }
    if args.report_unused_suppressions {
        if let Some(report) = lint::unused_ignores(&cx) {
            let prepared = render.prepare(&report);
            emit(&mut *render, &report, &prepared, &mut out);
        }
    }
    if render.finish(&mut out).and_then(|_| out.flush()).is_err() {
        exit_on_closed_output();
    }
    drop(out);
    if !errors.is_empty() {
        for e in errors {
            eprintln_safe(&format!("error: {e}"));
        }
        return Ok(ExitCode::from(ERROR));
    }
    Ok(if failed {
        ExitCode::from(FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Most files in one batch: enough to keep every thread busy on small files.
const BATCH_FILES: usize = 256;

/// Output that cannot be written (a closed pipe) ends the run.
fn exit_on_closed_output() -> ! {
    std::process::exit(i32::from(ERROR));
}

pub fn rules(args: RulesArgs) -> Result<ExitCode, Report> {
    let config = load::config(&args.packs)?;
    let linter = load::linter(&args.packs, &config, Workload::Bulk)?;
    let out = match args.format {
        ListFormat::Json => {
            let list: Vec<_> = linter
                .rules()
                .map(|(r, severity)| {
                    serde_json::json!({
                        "rule": r.id, "pack": r.pack(), "kind": r.kind(),
                        "severity": severity, "message": r.message,
                    })
                })
                .collect();
            format!(
                "{}\n",
                serde_json::to_string_pretty(&list).expect("json values serialize")
            )
        }
        ListFormat::Human => {
            let width = linter.rules().map(|(r, _)| r.id.len()).max().unwrap_or(0);
            let mut s = String::new();
            for (r, severity) in linter.rules() {
                s.push_str(&format!(
                    "{:width$}  {:7}  {}\n",
                    r.id,
                    severity.as_str(),
                    r.message
                ));
            }
            s
        }
    };
    write_stdout(&out);
    Ok(ExitCode::SUCCESS)
}

pub fn explain(args: ExplainArgs) -> Result<ExitCode, Report> {
    let packs = load::packs(&args.packs)?;
    let rules: Vec<&Rule> = packs
        .iter()
        .flat_map(|p| p.rules.iter().map(|r| r.as_ref()))
        .collect();
    let Some(rule) = rules.iter().find(|r| r.id == args.rule) else {
        let hint = did_you_mean(&args.rule, rules.iter().map(|r| r.id.as_str()))
            .map_or("`tact rules` lists every rule".to_string(), |m| {
                format!("did you mean `{m}`?")
            });
        return Err(miette::miette!(help = hint, "unknown rule `{}`", args.rule));
    };
    write_stdout(&explanation(rule));
    Ok(ExitCode::SUCCESS)
}

fn explanation(rule: &Rule) -> String {
    let mut s = format!(
        "{} ({}, {})\n\n{}\n\n{}\n",
        rule.id,
        rule.severity,
        rule.kind(),
        rule.message,
        rule.rationale.trim()
    );
    if let Some(suggestion) = &rule.suggestion {
        s.push_str(&format!("\nInstead: {suggestion}\n"));
    }
    if let Some(replacement) = &rule.replacement {
        s.push_str(&format!("Replacement: \"{replacement}\"\n"));
    }
    let section = |title: &str, list: &[String]| {
        if list.is_empty() {
            return String::new();
        }
        let items: String = list.iter().map(|e| format!("  - {e}\n")).collect();
        format!("\n{title}:\n{items}")
    };
    s.push_str(&section("Flagged", &rule.flag_examples));
    s.push_str(&section("Not flagged", &rule.pass_examples));
    s
}

pub fn serve(args: ServeArgs) -> Result<ExitCode, Report> {
    let config = load::config(&args.packs)?;
    let linter = load::linter(&args.packs, &config, Workload::Bulk)?;
    let limits = crate::serve::Limits {
        header: args.header_timeout,
        body: args.body_timeout,
        idle: args.idle_timeout,
        lint: args.lint_timeout,
        shutdown: args.shutdown_timeout,
        max_connections: args.max_connections as usize,
    };
    crate::serve::run(args.addr, crate::serve::State::new(linter, config, limits))?;
    Ok(ExitCode::SUCCESS)
}

pub fn test(args: TestArgs) -> Result<ExitCode, Report> {
    let mut out = String::new();
    let mut failed = false;
    for path in &args.packs {
        let pack = load::pack_file(path)?;
        let failures = check_examples(&pack);
        let examples: usize = pack
            .rules
            .iter()
            .map(|r| r.flag_examples.len() + r.pass_examples.len())
            .sum();
        if failures.is_empty() {
            out.push_str(&format!(
                "ok: {}: {} rules, {examples} examples\n",
                path.display(),
                pack.rules.len()
            ));
            continue;
        }
        failed = true;
        out.push_str(&format!(
            "FAILED: {}: {} of {examples} examples\n",
            path.display(),
            failures.len()
        ));
        for f in failures {
            let want = if f.expected_flag {
                "should be flagged"
            } else {
                "should not be flagged"
            };
            out.push_str(&format!("  {} {want}: {}\n", f.rule, f.text));
        }
    }
    write_stdout(&out);
    Ok(if failed {
        ExitCode::from(FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

fn use_color(choice: Color, is_terminal: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

pub fn stderr_color() -> bool {
    use_color(Color::Auto, std::io::stderr().is_terminal())
}

/// Write to stdout, ending quietly if the reader has gone (`tact … | head`).
fn write_stdout(s: &str) {
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(s.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        std::process::exit(i32::from(ERROR));
    }
}
