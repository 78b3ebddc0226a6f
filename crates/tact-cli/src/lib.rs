//! The `tact` command as a library: arguments in, rendered diagnostics out,
//! and an exit code CI can trust: 0 clean, 1 findings at or above
//! `--fail-on`, 2 usage, config, pack, parse or I/O errors. The binary is a
//! call to [`run`]; source extraction, config loading and the server's
//! handlers are public so the fuzz targets can reach them, and [`embed`]
//! builds the same linter for the Python package.

mod args;
mod bounded;
mod commands;
pub mod config;
pub mod embed;
mod explain;
mod fix;
mod input;
mod lint;
mod load;
mod lsp;
mod malloc;
mod output;
mod render;
mod report;
pub mod serve;
pub mod source;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Run the command line this process was started with.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => {
            // A run of files, not a server: keep freed blocks for the next
            // file rather than return them (see `malloc`).
            malloc::keep_freed_blocks();
            commands::check(a)
        }
        Command::Rules(a) => commands::rules(a),
        Command::Explain(a) => commands::explain(a),
        Command::Test(a) => commands::test(a),
        Command::Serve(a) => commands::serve(a),
        Command::Lsp(_) => commands::lsp(),
        Command::Report(a) => commands::report(a),
        Command::Completions(a) => commands::completions(a),
        Command::Man => commands::man(),
    };
    match result {
        Ok(code) => code,
        Err(report) => {
            let mut text = String::new();
            let handler = render::human::handler(
                commands::stderr_color(),
                render::human::width(render::human::Stream::Stderr),
            );
            let _ = handler.render_report(&mut text, report.as_ref());
            let _ = std::io::stderr().write_all(text.as_bytes());
            ExitCode::from(2)
        }
    }
}
