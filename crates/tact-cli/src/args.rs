//! Command-line arguments.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

/// The version `--version` shows: the crate's, and the commit it was built
/// from when built from a git checkout (`0.1.0 (abc1234)`); see `build.rs`.
pub const VERSION: &str = env!("TACT_VERSION");

/// Lint customer-support replies for tone: debate phrasing, unexplained
/// requests for personal data, and passives that hide who acted.
#[derive(Parser, Debug)]
#[command(name = "tact", version = VERSION, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint files, or a draft piped on standard input.
    Check(CheckArgs),
    /// List every rule of the enabled packs.
    Rules(RulesArgs),
    /// Show what a rule flags, why, and its examples.
    Explain(ExplainArgs),
    /// Load your own packs and run their examples.
    Test(TestArgs),
    /// Serve tact over HTTP: LanguageTool's API, a JSON API and a page to
    /// paste drafts into.
    Serve(ServeArgs),
    /// Sum up the findings of files or a macro library: one HTML page of
    /// charts and tables, or a Markdown summary for CI.
    Report(ReportArgs),
    /// Run the language server over standard input and output, for
    /// editors: findings as you type, fixes as code actions.
    Lsp(LspArgs),
    /// Print a shell completion script (`tact completions bash`).
    Completions(CompletionsArgs),
    /// Print the man page (roff), for `man -l -` or a `man1` folder.
    Man,
}

/// What `tact report` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page: charts, tables, the worst replies.
    Html,
    /// A short summary for a CI job summary or a pull-request comment.
    Markdown,
}

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Files and folders to report on, as `tact check` takes them.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// What to write.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// In JSON, YAML and CSV: the key or column whose value groups the
    /// replies beside it (team, agent, channel); groups are compared by
    /// findings per 1,000 replies.
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,
    /// An earlier run's `tact check --format json` output: show what is
    /// new, fixed and unchanged since.
    #[arg(long, value_name = "BASELINE.json")]
    pub compare: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub packs: PackArgs,
}

impl ReportArgs {
    /// The `check` run whose findings the report sums up.
    pub fn check(&self) -> CheckArgs {
        CheckArgs {
            paths: self.paths.clone(),
            format: Format::Json,
            fail_on: Some(FailOn::Never),
            color: Color::Never,
            input: self.input.clone(),
            report_unused_suppressions: false,
            verbose: false,
            quiet: false,
            output_file: self.output.clone(),
            fix: false,
            unsafe_fixes: false,
            diff: false,
            packs: self.packs.clone(),
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct LspArgs {
    /// Talk over standard input and output (the only transport; accepted
    /// because many clients pass it).
    #[arg(long)]
    pub stdio: bool,
}

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on; loopback only unless you say otherwise (port 0
    /// picks a free port).
    #[arg(long, default_value = "127.0.0.1:8081", value_name = "ADDR")]
    pub addr: std::net::SocketAddr,
    /// How long a client has to send a request's headers, counted from when
    /// the connection opens or its previous answer was sent.
    #[arg(long, default_value = "10s", value_name = "TIME", value_parser = humantime::parse_duration)]
    pub header_timeout: Duration,
    /// How long a client has to send a request's body, once its headers are
    /// in (408 past it).
    #[arg(long, default_value = "10s", value_name = "TIME", value_parser = humantime::parse_duration)]
    pub body_timeout: Duration,
    /// How long a keep-alive connection that sends nothing stays open.
    #[arg(long, default_value = "5s", value_name = "TIME", value_parser = humantime::parse_duration)]
    pub idle_timeout: Duration,
    /// How long one request's linting may take, waiting for a free thread
    /// included (503 past it).
    #[arg(long, default_value = "10s", value_name = "TIME", value_parser = humantime::parse_duration)]
    pub lint_timeout: Duration,
    /// How long SIGINT or SIGTERM waits for open connections to finish.
    #[arg(long, default_value = "5s", value_name = "TIME", value_parser = humantime::parse_duration)]
    pub shutdown_timeout: Duration,
    /// Connections open at once; more wait to be accepted.
    #[arg(long, default_value_t = 256, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// Let web pages from ORIGIN (`https://help.example.com`) call both
    /// APIs; repeatable. Without it, `/v2/*` answers any origin, as
    /// LanguageTool's server does, and `/api/v1/check` its own page only.
    #[arg(long = "cors-origin", value_name = "ORIGIN", value_parser = parse_origin)]
    pub cors_origins: Vec<String>,
    #[command(flatten)]
    pub packs: PackArgs,
}

/// Rule selection shared by every command that builds a linter.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct PackArgs {
    /// Add a rule pack (a TOML file); may be repeated.
    #[arg(long = "pack", value_name = "FILE")]
    pub packs: Vec<PathBuf>,
    /// Turn off a rule (`gotcha.as-i-said`) or a whole pack (`gotcha`);
    /// may be repeated or comma-separated.
    #[arg(long, value_name = "RULE|PACK", value_delimiter = ',')]
    pub disable: Vec<String>,
    /// Run only these rules or packs; may be repeated or comma-separated.
    #[arg(long, value_name = "RULE|PACK", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Use this config file instead of the nearest `tact.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any `tact.toml`.
    #[arg(long)]
    pub no_config: bool,
}

/// How inputs are read and cut into replies: the same for `check` and
/// `report`.
#[derive(clap::Args, Clone, Debug)]
pub struct InputArgs {
    /// Read every input as this format, whatever its extension.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<crate::source::InputFormat>,
    /// The name to show for standard input; its extension picks the input
    /// format (`--stdin-filename reply.md`).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Lint only the strings under this JSON or YAML key; may be repeated.
    #[arg(long = "key", value_name = "KEY")]
    pub keys: Vec<String>,
    /// What one reply is: the whole file (and each JSON/YAML string and CSV
    /// cell), each blank-line-separated paragraph, or each line. Checks that
    /// look past one sentence never look past a reply [default: file, or
    /// `reply-unit` in the config].
    #[arg(long, value_name = "UNIT", value_parser = reply_unit())]
    pub reply_unit: Option<tact::ReplyUnit>,
    /// Lint only this CSV column (named in the header); may be repeated.
    #[arg(long = "csv-column", value_name = "NAME")]
    pub csv_columns: Vec<String>,
    /// The largest input read (`500MiB`, `2GB`); a larger file, or more of
    /// standard input, is reported as unreadable.
    #[arg(long, default_value = "1GiB", value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Apply the config's `exclude` to files named on the command line too,
    /// as a pre-commit hook or an editor that names every file needs.
    #[arg(long)]
    pub force_exclude: bool,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files and folders to lint; `-` (or no path, with piped input) reads
    /// standard input. The format follows the extension: text (`.txt`),
    /// Markdown, HTML, JSON, YAML, CSV. Folders are walked for files with a
    /// known format, honouring `.gitignore` and `.ignore`.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when a finding is at or above this severity [default:
    /// warning, or `fail-on` in the config].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// When to use colour in human output (`NO_COLOR` is honoured by `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    #[command(flatten)]
    pub input: InputArgs,
    /// Report suppression comments and `[[ignore]]` entries that silence
    /// nothing.
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// Say how many files a folder walk skipped.
    #[arg(long, short)]
    pub verbose: bool,
    /// Print nothing on standard output, neither findings nor summary; the
    /// exit code and the errors on standard error are unchanged.
    #[arg(long, short)]
    pub quiet: bool,
    /// Write the report to this file (created, or emptied first) instead of
    /// standard output.
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Apply safe fixes (replacements that keep the meaning) in place, then
    /// report what is left. Standard input is written back to standard
    /// output, fixed, instead of the report.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// With `--fix` or `--diff`, apply unsafe fixes too (rephrasings the
    /// writer should read).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print what `--fix` would change, as a unified diff, and change
    /// nothing; exit with 1 when there is something to fix.
    #[arg(long)]
    pub diff: bool,
    #[command(flatten)]
    pub packs: PackArgs,
}

impl CheckArgs {
    /// The riskiest fixes the run applies, when it applies any.
    pub fn fixes(&self) -> Option<tact::Applicability> {
        (self.fix || self.diff).then_some(if self.unsafe_fixes {
            tact::Applicability::Unsafe
        } else {
            tact::Applicability::Safe
        })
    }
}

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    #[command(flatten)]
    pub packs: PackArgs,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// A full rule id, such as `gotcha.as-i-said`.
    pub rule: String,
    #[command(flatten)]
    pub packs: PackArgs,
}

#[derive(clap::Args, Debug)]
pub struct TestArgs {
    /// Pack files to load and test.
    #[arg(required = true, value_name = "PACK")]
    pub packs: Vec<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Findings with the words underlined, for people.
    Human,
    /// The version-1 JSON contract, for editors and CI.
    Json,
    /// `path:line:column: severity rule message`, one finding a line.
    Line,
    /// GitHub Actions annotations.
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The lowest severity that fails the run, if any.
    pub fn threshold(self) -> Option<tact::Severity> {
        match self {
            FailOn::Error => Some(tact::Severity::Error),
            FailOn::Warning => Some(tact::Severity::Warning),
            FailOn::Info => Some(tact::Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

fn parse_size(s: &str) -> Result<u64, String> {
    parse_size::parse_size(s).map_err(|e| e.to_string())
}

/// An origin as browsers send it: `scheme://host[:port]`, no path.
pub fn parse_origin(s: &str) -> Result<String, String> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains('/') && s.bytes().all(|b| b.is_ascii_graphic()) => {
            Ok(s.to_string())
        }
        _ => Err(format!(
            "`{s}` is not an origin: scheme://host[:port] with no path, e.g. https://help.example.com"
        )),
    }
}

/// `--reply-unit`'s parser: clap lists the names in help and errors.
fn reply_unit() -> impl clap::builder::TypedValueParser<Value = tact::ReplyUnit> {
    use clap::builder::{PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(tact::ReplyUnit::NAMES)
        .map(|name| name.parse().expect("one of the listed names"))
}
