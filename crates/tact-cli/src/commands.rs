//! The subcommands.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::LazyLock;

use clap::CommandFactory;
use miette::Report;
use rayon::prelude::*;
use tact::{check_examples, did_you_mean, Linter, Rule, Severity};

use crate::args::{
    CheckArgs, Cli, Color, CompletionsArgs, ExplainArgs, FailOn, Format, ListFormat, ReportArgs,
    RulesArgs, ServeArgs, TestArgs,
};
use crate::config::Config;
use crate::output::eprintln_safe;
use crate::render::{self, FileReport, Render};
use crate::source::Fields;
use crate::{fix, input, lint, load};

/// Exit code for findings at or above the threshold.
const FINDINGS: u8 = 1;
/// Exit code for usage, pack, config and I/O errors.
const ERROR: u8 = 2;

/// `tact check`: plan the run, lint its inputs, emit what they give.
pub fn check(args: CheckArgs) -> Result<ExitCode, Report> {
    let run = plan(args)?;
    let cx = lint::Context {
        linter: &run.linter,
        fields: &run.fields,
        config: &run.config,
        ignores_used: &run.ignores_used,
        report_unused: run.args.report_unused_suppressions,
        keep_replies: false,
        group_by: None,
        reply_unit: run
            .args
            .input
            .reply_unit
            .or(run.config.reply_unit)
            .unwrap_or_default(),
    };
    // The fixed text of standard input is the output, quiet or not.
    let filter = run.args.fix && run.paths == [PathBuf::from("-")];
    let out = if filter {
        Box::new(std::io::stdout().lock())
    } else {
        report_output(&run.args)?
    };
    let fail_on = if run.args.diff {
        FailOn::Never
    } else {
        run.fail_on
    };
    let render = renderer(&run.args, &run.linter, &run.paths);
    let mut emit = Emit::new(render, fail_on, out);
    // Errors the report shows are said on stderr too when nobody sees it.
    emit.errors_on_stderr |= run.args.quiet || run.args.output_file.is_some();
    lint_all(run.paths, &run.args, &cx, &mut emit);
    for key in run.fields.unseen() {
        eprintln_safe(&format!(
            "warning: no JSON or YAML file linted has a string under the key `{key}`"
        ));
    }
    if cx.report_unused {
        if let Some(report) = lint::unused_ignores(&cx) {
            let prepared = emit.render.prepare(&report);
            emit.piece(&report, &prepared);
        }
    }
    if let Some(allow) = run.args.fixes().filter(|_| !run.args.quiet) {
        let changed = plural(emit.fixed_files, "file");
        let fixes = plural(emit.fixed, "finding");
        let mut more = if allow == tact::Applicability::Safe && emit.unsafe_left > 0 {
            format!(" ({} more with --unsafe-fixes)", emit.unsafe_left)
        } else {
            String::new()
        };
        if emit.blocked > 0 {
            more.push_str(&format!(
                "; {} not fixable in place (the words cross markup, escapes or quoting)",
                plural(emit.blocked, "finding")
            ));
        }
        eprintln_safe(&if run.args.diff {
            format!("would fix {fixes} in {changed}{more}")
        } else {
            format!("fixed {fixes} in {changed}{more}")
        });
    }
    let code = emit.finish();
    // The process ends with the run: the linter's many small tables are
    // left to the operating system to take back at once, not freed one by
    // one, which would cost a short draft more than linting it.
    std::mem::forget(run.linter);
    Ok(code)
}

/// `tact report`: a `check` run whose findings are summed up.
pub fn report(args: ReportArgs) -> Result<ExitCode, Report> {
    let baseline = args
        .compare
        .as_deref()
        .map(crate::report::Baseline::load)
        .transpose()?;
    let mut run = plan(args.check())?;
    // A file named twice, or a folder and a file in it, is summed up once.
    let mut seen = std::collections::HashSet::new();
    run.paths.retain(|p| seen.insert(file_id(p)));
    let cx = lint::Context {
        linter: &run.linter,
        fields: &run.fields,
        config: &run.config,
        ignores_used: &run.ignores_used,
        report_unused: false,
        keep_replies: true,
        group_by: args.group_by.as_deref(),
        reply_unit: run
            .args
            .input
            .reply_unit
            .or(run.config.reply_unit)
            .unwrap_or_default(),
    };
    let out = report_output(&run.args)?;
    let render =
        crate::report::Report::new(args.format, &run.linter, baseline, args.group_by.clone());
    let mut emit = Emit::new(Box::new(render), FailOn::Never, out);
    emit.errors_on_stderr = true;
    emit.progress = progress(run.paths.len());
    lint_all(run.paths, &run.args, &cx, &mut emit);
    if let Some(p) = &emit.progress {
        p.finish_and_clear();
    }
    Ok(emit.finish())
}

/// A bar on standard error counting files, when it is a terminal and there
/// are enough files for a wait.
fn progress(files: usize) -> Option<indicatif::ProgressBar> {
    if files < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files, {elapsed} {msg}")
            .expect("the template is valid"),
    );
    Some(bar)
}

/// What a `check` run works from, settled before any input is read.
struct Run {
    args: CheckArgs,
    config: Config,
    linter: Linter,
    /// The inputs, folders replaced by the files in them.
    paths: Vec<PathBuf>,
    fields: Fields,
    /// One flag per `[[ignore]]` entry, set once it silences something.
    ignores_used: Vec<lint::IgnoreUse>,
    fail_on: FailOn,
}

/// The config, the inputs (standard input when none is named and it is
/// not a terminal), and the linter.
fn plan(args: CheckArgs) -> Result<Run, Report> {
    if args.unsafe_fixes && args.fixes().is_none() {
        return Err(miette::miette!(
            help = "add `--fix` to apply them, or `--diff` to see them",
            "--unsafe-fixes applies only with --fix or --diff"
        ));
    }
    let config = load::config(&args.packs)?;
    let stdin = [PathBuf::from("-")];
    let named = match &args.paths[..] {
        [] if std::io::stdin().is_terminal() => {
            return Err(miette::miette!(
                help = "pass files to lint, or pipe a draft: `echo \"As I said…\" | tact check`",
                "no input"
            ))
        }
        [] => &stdin[..],
        paths => paths,
    };
    if args.fix && named.len() > 1 && named.iter().any(|p| p == Path::new("-")) {
        return Err(miette::miette!(
            help = "fix standard input on its own: `tact check --fix < draft.txt`",
            "--fix writes standard input back to standard output, so it takes no files beside it"
        ));
    }
    let (mut paths, skipped) = input::expand(named, &config, args.input.force_exclude);
    if args.fixes().is_some() {
        // A file named twice, or reached through a link too, is fixed once.
        let mut seen = std::collections::HashSet::new();
        paths.retain(|p| seen.insert(file_id(p)));
    }
    let linter = load::linter(&args.packs, &config)?;
    if args.verbose {
        say_skipped(&skipped);
    }
    Ok(Run {
        fields: Fields::new(
            [&config.keys[..], &args.input.keys].concat(),
            [&config.columns[..], &args.input.csv_columns].concat(),
        ),
        ignores_used: lint::IgnoreUse::for_config(&config),
        fail_on: args.fail_on.or(config.fail_on).unwrap_or(FailOn::Warning),
        args,
        config,
        linter,
        paths,
    })
}

/// What tells one file from another whatever names it: its device and
/// inode where there are such, else its canonical path.
fn file_id(path: &Path) -> (u64, u64, PathBuf) {
    #[cfg(unix)]
    if let Ok(m) = std::fs::metadata(path) {
        use std::os::unix::fs::MetadataExt;
        return (m.dev(), m.ino(), PathBuf::new());
    }
    (
        0,
        0,
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
    )
}

fn say_skipped(skipped: &input::Skipped) {
    if skipped.files > 0 {
        eprintln_safe(&format!(
            "skipped {} (no input format, binary, or excluded by the config)",
            plural(skipped.files, "file")
        ));
    }
    if skipped.links > 0 {
        eprintln_safe(&format!(
            "skipped {} (to folders, or to files outside the folder walked)",
            plural(skipped.links, "symbolic link")
        ));
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Where `check` writes its report: `--output-file` (created or emptied),
/// nowhere with `--quiet`, else standard output.
fn report_output(args: &CheckArgs) -> Result<Box<dyn Write>, Report> {
    if let Some(path) = &args.output_file {
        let file = std::fs::File::create(path)
            .map_err(|e| miette::miette!("cannot write {}: {e}", path.display()))?;
        return Ok(Box::new(file));
    }
    if args.quiet {
        return Ok(Box::new(std::io::sink()));
    }
    Ok(Box::new(std::io::stdout().lock()))
}

/// Whether the report goes to a terminal (for colour and width).
fn to_terminal(args: &CheckArgs) -> bool {
    args.output_file.is_none() && !args.quiet && std::io::stdout().is_terminal()
}

fn renderer<'a>(
    args: &CheckArgs,
    linter: &'a Linter,
    paths: &[PathBuf],
) -> Box<dyn Render + Sync + 'a> {
    if args.diff {
        return Box::new(render::fixes::Diff);
    }
    if args.fix && paths == [PathBuf::from("-")] {
        return Box::new(render::fixes::Fixed);
    }
    match args.format {
        Format::Json => Box::new(render::json::Json::default()),
        Format::Line => Box::new(render::line::Line),
        Format::Github => Box::new(render::github::Github),
        Format::Sarif => Box::new(render::sarif::Sarif::new(linter)),
        Format::Human => Box::new(render::human::Human::new(
            use_color(args.color, to_terminal(args)),
            if to_terminal(args) {
                render::human::width(render::human::Stream::Stdout)
            } else {
                100
            },
        )),
    }
}

/// Most files in one batch: enough to keep every thread busy on small files.
const BATCH_FILES: usize = 256;

/// Lint the inputs and emit each piece, in input order.
///
/// Work is taken a batch at a time, linted in parallel (each file read by
/// the thread that takes it), and written in input order as soon as the
/// batch is done; then it is dropped. Human output draws each file's
/// text, so it reads files whole. A lone draft is linted on this thread:
/// starting the thread pool would cost it a tenth of its run.
fn lint_all(paths: Vec<PathBuf>, args: &CheckArgs, cx: &lint::Context, emit: &mut Emit) {
    let threads: LazyLock<usize> = LazyLock::new(rayon::current_num_threads);
    let fixes = args.fixes();
    // Human output draws each file's text, and a file is fixed whole.
    let mut inputs = input::Plan::new(
        paths,
        args.format != Format::Human && fixes.is_none(),
        args.input.max_file_size,
        args.input.stdin_filename.as_deref(),
        args.input.input_format,
        cx.config,
    );
    loop {
        let batch = next_batch(&mut inputs, &threads);
        if batch.is_empty() {
            return;
        }
        let render = &*emit.render;
        let lint = |work| {
            let (input, path) = match work {
                input::Work::Read(path) => (inputs.read(&path), Some(path)),
                input::Work::Piece(input) => (input, None),
            };
            let format = input.format;
            let stdin = path.as_deref() == Some(std::path::Path::new("-"));
            let original = (fixes.is_some() && stdin)
                .then(|| input.text.clone().ok())
                .flatten();
            let report = lint::lint(input, cx);
            match (fixes, path) {
                (Some(allow), Some(path)) => {
                    fix_file(report, original, &path, format, allow, args, cx, render)
                }
                _ => {
                    let prepared = render.prepare(&report);
                    Linted {
                        report,
                        prepared,
                        fixed: 0,
                    }
                }
            }
        };
        let linted: Vec<Linted> = if batch.len() == 1 {
            batch.into_iter().map(lint).collect()
        } else {
            batch.into_par_iter().map(lint).collect()
        };
        for l in &linted {
            emit.piece(&l.report, &l.prepared);
            emit.fixed += l.fixed;
            emit.fixed_files += usize::from(l.fixed > 0);
            if args.diff {
                emit.failed |= !l.prepared.is_empty();
            }
            if let Some(allow) = fixes {
                emit.blocked += fix::blocked(&l.report, allow);
            }
            if fixes == Some(tact::Applicability::Safe) {
                emit.unsafe_left += fix::edits(&l.report, tact::Applicability::Unsafe)
                    .iter()
                    .filter(|e| e.applicability == tact::Applicability::Unsafe)
                    .count();
            }
        }
    }
}

/// A piece linted, and what its renderer made of it.
struct Linted {
    report: FileReport,
    prepared: Vec<u8>,
    /// Fixes that went in.
    fixed: usize,
}

/// Fix a whole file, linting it again after each pass; with `--diff` the
/// prepared output is the diff, else the fixed file is written in place
/// (standard input is written out by its renderer, and kept in `original`
/// to be written back as it came when it cannot be linted).
#[allow(clippy::too_many_arguments)]
fn fix_file(
    report: FileReport,
    original: Option<String>,
    path: &std::path::Path,
    format: crate::source::InputFormat,
    allow: tact::Applicability,
    args: &CheckArgs,
    cx: &lint::Context,
    render: &(dyn Render + Sync),
) -> Linted {
    // Only a diff needs the text as it was.
    let before = args.diff.then(|| report.text.clone());
    let shown = report.path.clone();
    let (mut report, fixed) = fix::fix(report, allow, |text| {
        lint::lint(input::Input::whole(shown.clone(), format, Ok(text)), cx)
    });
    let done = |report: FileReport, prepared: Vec<u8>, fixed| Linted {
        report,
        prepared,
        fixed,
    };
    if let Some(before) = before {
        let prepared = fix::diff(&shown, &before, &report.text).into_bytes();
        return done(report, prepared, fixed);
    }
    if path == std::path::Path::new("-") {
        // A filter that printed nothing would empty the buffer it runs on.
        if report.error.is_some() {
            report.text = original.unwrap_or_default();
        }
        let prepared = render.prepare(&report);
        return done(report, prepared, fixed);
    }
    if fixed > 0 {
        if let Err(e) = write_in_place(path, &report.text) {
            // Nothing was written: no fix went in, and the findings of the
            // fixed text are not those of the file.
            let e = format!("cannot write the fixes to {shown}: {e}");
            let failed = FileReport::failed(shown, e, report.origin);
            let prepared = render.prepare(&failed);
            return done(failed, prepared, 0);
        }
    }
    let prepared = render.prepare(&report);
    done(report, prepared, fixed)
}

/// Replace a file's contents without a moment in which it is half
/// written: the new text goes to a new file beside it (created for this
/// alone, with the file's permissions), which then takes its name. A
/// symbolic link is followed, so the file it names is fixed and the link
/// stays; a file with other hard links is written in place, which keeps
/// them; a read-only file is left alone.
fn write_in_place(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let target = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    if meta.permissions().readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    #[cfg(unix)]
    if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 {
        return std::fs::write(&target, text);
    }
    let folder = target.parent().unwrap_or(std::path::Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(folder)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().set_permissions(meta.permissions())?;
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Up to [`BATCH_FILES`] units of work, but pieces of large files only as
/// many as there are threads (asking how many starts the thread pool).
fn next_batch(inputs: &mut input::Plan, threads: &LazyLock<usize>) -> Vec<input::Work> {
    let mut batch = Vec::new();
    let mut pieces = 0;
    while batch.len() < BATCH_FILES && (pieces == 0 || pieces < **threads) {
        let Some(work) = inputs.next() else { break };
        pieces += usize::from(matches!(work, input::Work::Piece(_)));
        batch.push(work);
    }
    batch
}

/// The writing end of a run: pieces rendered to the report output in input order, and
/// what the exit code reports.
struct Emit<'a> {
    render: Box<dyn Render + Sync + 'a>,
    out: BufWriter<Box<dyn Write>>,
    threshold: Option<Severity>,
    /// Whether a finding is at or above the threshold.
    failed: bool,
    /// Why inputs could not be linted, said once the output is out.
    errors: Vec<String>,
    /// Whether to say them on stderr: the format does not show them, or
    /// its output is not where the user looks.
    errors_on_stderr: bool,
    /// Fixes applied (or, with `--diff`, to apply), and in how many files.
    fixed: usize,
    fixed_files: usize,
    /// Unsafe fixes left that `--unsafe-fixes` would apply.
    unsafe_left: usize,
    /// Fixes that cannot be written where their finding is.
    blocked: usize,
    /// Files done, on a terminal.
    progress: Option<indicatif::ProgressBar>,
}

impl<'a> Emit<'a> {
    fn new(render: Box<dyn Render + Sync + 'a>, fail_on: FailOn, out: Box<dyn Write>) -> Self {
        Emit {
            errors_on_stderr: !render.shows_errors(),
            render,
            out: BufWriter::new(out),
            threshold: fail_on.threshold(),
            failed: false,
            errors: Vec::new(),
            fixed: 0,
            fixed_files: 0,
            unsafe_left: 0,
            blocked: 0,
            progress: None,
        }
    }

    fn piece(&mut self, report: &FileReport, prepared: &[u8]) {
        self.failed |= self
            .threshold
            .is_some_and(|t| report.diagnostics.iter().any(|d| d.severity >= t));
        self.errors.extend(report.error.clone());
        if let Err(e) = self.render.piece(report, prepared, &mut self.out) {
            self.stop(&e);
        }
        if let Some(p) = self.progress.as_ref().filter(|_| !report.more) {
            p.inc(1);
        }
    }

    /// The exit code the run so far gives: errors over findings over none.
    fn code(&self) -> u8 {
        if !self.errors.is_empty() {
            ERROR
        } else if self.failed {
            FINDINGS
        } else {
            0
        }
    }

    /// Output that cannot be written ends the run: quietly, with the code
    /// the findings so far give, when the reader has gone (`tact … | head`),
    /// as ripgrep does; as an error otherwise (a full disk).
    fn stop(&self, e: &std::io::Error) -> ! {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(i32::from(self.code()));
        }
        eprintln_safe(&format!("error: cannot write the output: {e}"));
        std::process::exit(i32::from(ERROR));
    }

    /// Close the output, say the errors, and pick the exit code: errors
    /// over findings over success.
    fn finish(mut self) -> ExitCode {
        let written = self
            .render
            .finish(&mut self.out)
            .and_then(|_| self.out.flush());
        if let Err(e) = written {
            self.stop(&e);
        }
        if self.errors_on_stderr {
            for e in &self.errors {
                eprintln_safe(&format!("error: {e}"));
            }
        }
        ExitCode::from(self.code())
    }
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
    let config = load::config(&args.packs)?;
    let linter = load::linter(&args.packs, &config)?;
    if let Some((rule, severity)) = linter.rules().find(|(r, _)| r.id == args.rule) {
        write_stdout(&crate::explain::explanation(rule, Some(severity)));
        return Ok(ExitCode::SUCCESS);
    }
    // Not selected: a rule that `--only` or `disable` turned off is still
    // explained, as off.
    let mut pack_paths = config.packs.clone();
    pack_paths.extend(args.packs.packs.iter().cloned());
    let packs = load::packs(&pack_paths)?;
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
    write_stdout(&crate::explain::explanation(rule, None));
    Ok(ExitCode::SUCCESS)
}

pub fn serve(args: ServeArgs) -> Result<ExitCode, Report> {
    let config = load::config(&args.packs)?;
    let linter = load::linter(&args.packs, &config)?;
    let limits = crate::serve::Limits {
        header: args.header_timeout,
        body: args.body_timeout,
        idle: args.idle_timeout,
        lint: args.lint_timeout,
        shutdown: args.shutdown_timeout,
        max_connections: args.max_connections as usize,
    };
    let state =
        crate::serve::State::new(linter, config, limits).with_cors_origins(args.cors_origins);
    crate::serve::run(args.addr, state)?;
    Ok(ExitCode::SUCCESS)
}

/// `tact lsp`: the language server, until the client says `exit`.
pub fn lsp() -> Result<ExitCode, Report> {
    crate::lsp::run().map_err(|e| miette::miette!("cannot start the language server: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

pub fn test(args: TestArgs) -> Result<ExitCode, Report> {
    let mut out = String::new();
    let mut failed = false;
    // Load them all first: a pack may read another one's findings.
    let packs = args
        .packs
        .iter()
        .map(|path| load::pack_file(path))
        .collect::<Result<Vec<_>, _>>()?;
    for (path, pack) in args.packs.iter().zip(&packs) {
        let failures = match check_examples(pack, &packs) {
            Ok(failures) => failures,
            Err(e) => {
                failed = true;
                out.push_str(&format!("FAILED: {}: {e}\n", path.display()));
                continue;
            }
        };
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

/// `tact completions SHELL`: the shell's completion script.
pub fn completions(args: CompletionsArgs) -> Result<ExitCode, Report> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "tact", &mut script);
    write_stdout(&String::from_utf8_lossy(&script));
    Ok(ExitCode::SUCCESS)
}

/// `tact man`: the man page, in roff.
pub fn man() -> Result<ExitCode, Report> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| miette::miette!("cannot render the man page: {e}"))?;
    write_stdout(&String::from_utf8_lossy(&page));
    Ok(ExitCode::SUCCESS)
}
