//! The `tact` binary.

fn main() -> std::process::ExitCode {
    tact_cli::malloc::keep_freed_blocks();
    tact_cli::run()
}
