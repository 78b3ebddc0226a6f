//! The commands around `check`: shell completions, the man page and the
//! version line.

use std::process::{Command, Output};

fn tact(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tact"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn bash_completion_knows_the_commands_and_flags() {
    let script = stdout(&tact(&["completions", "bash"]));
    assert!(script.contains("check"), "{script}");
    assert!(script.contains("--format"), "{script}");
    assert!(script.contains("complete "), "{script}");
}

#[test]
fn every_shell_has_a_completion_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&tact(&["completions", shell]));
        assert!(script.contains("check"), "{shell}: {script}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = tact(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn the_man_page_is_roff() {
    let page = stdout(&tact(&["man"]));
    // clap_mangen opens with the `.ie`/`.el` pair that defines the quote
    // string; the title (`.TH`) is the first thing after it.
    let first = page
        .lines()
        .find(|l| !l.starts_with(".ie ") && !l.starts_with(".el "))
        .unwrap();
    assert!(first.starts_with(".TH tact 1"), "{page}");
    assert!(page.contains("check"), "{page}");
}

#[test]
fn the_version_names_the_crate_version() {
    let line = stdout(&tact(&["--version"]));
    assert!(line.starts_with("tact 0.1.0"), "{line}");
    assert!(line.ends_with('\n') && line.lines().count() == 1, "{line}");
}
