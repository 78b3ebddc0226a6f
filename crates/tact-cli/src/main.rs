//! The `tact` binary.

fn main() -> std::process::ExitCode {
    tact_cli::run()
}
