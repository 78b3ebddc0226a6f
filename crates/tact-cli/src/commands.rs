//! The subcommands.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use miette::Report;
use rayon::prelude::*;
use tact::{check_examples, did_you_mean, Rule};

use crate::args::{
    CheckArgs, Color, ExplainArgs, FailOn, Format, ListFormat, RulesArgs, ServeArgs, TestArgs,
};
use crate::render::{self, FileReport};
use crate::source::Fields;
use crate::{input, lint, load};

/// Exit code for findings at or above the threshold.
const FINDINGS: u8 = 1;
/// Exit code for usage, pack, config and I/O errors.
const ERROR: u8 = 2;

pub fn check(args: CheckArgs) -> Result<ExitCode, Report> {
    let config = load::config(&args.packs)?;
    let linter = load::linter(&args.packs, &config)?;
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
    if args.verbose && skipped > 0 {
        eprintln_safe(&format!(
            "skipped {skipped} file{} (no input format, binary, or excluded by the config)",
            if skipped == 1 { "" } else { "s" }
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
    // Files are read and linted in parallel, each read only when a thread
    // takes it; the output keeps their order.
    let mut reports: Vec<FileReport> = paths
        .par_iter()
        .map(|path| {
            let input = input::read(
                path,
                args.stdin_filename.as_deref(),
                args.input_format,
                &config,
            );
            lint::lint(input, &cx)
        })
        .collect();
    if args.report_unused_suppressions {
        reports.extend(lint::unused_ignores(&cx));
    }
    let out = match args.format {
        Format::Json => render::json::render(&reports),
        Format::Line => render::line::render(&reports),
        Format::Github => render::github::render(&reports),
        Format::Sarif => render::sarif::render(&reports, &linter),
        Format::Human => render::human::render(
            &reports,
            use_color(args.color, std::io::stdout().is_terminal()),
        ),
    };
    write_stdout(&out);
    let mut errors = reports.iter().filter_map(|r| r.error.as_ref()).peekable();
    if errors.peek().is_some() {
        for e in errors {
            eprintln_safe(&format!("error: {e}"));
        }
        return Ok(ExitCode::from(ERROR));
    }
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::Warning);
    let failed = fail_on.threshold().is_some_and(|t| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.severity >= t)
    });
    Ok(if failed {
        ExitCode::from(FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn rules(args: RulesArgs) -> Result<ExitCode, Report> {
    let config = load::config(&args.packs)?;
    let linter = load::linter(&args.packs, &config)?;
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
    let linter = load::linter(&args.packs, &config)?;
    crate::serve::run(args.addr, crate::serve::State::new(linter, config))?;
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

pub fn eprintln_safe(s: &str) {
    let _ = writeln!(std::io::stderr(), "{s}");
}
