//! Sets `TACT_VERSION` for `--version`: the crate's version, and the short
//! hash of the commit when built from a git checkout (`0.1.0 (abc1234)`).
//! Without git, or outside a checkout, it is the version alone.

// A build script talks to cargo on standard output.
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let version = env!("CARGO_PKG_VERSION");
    let full = match git(&["rev-parse", "--short", "HEAD"]) {
        Some(hash) => {
            watch_head();
            format!("{version} ({hash})")
        }
        None => version.to_string(),
    };
    println!("cargo:rustc-env=TACT_VERSION={full}");
}

/// Rebuild when HEAD moves: HEAD itself (a branch switch), the branch it
/// names (a commit), and `packed-refs`. Paths come from git, so a worktree
/// (where `.git` is a file) works too; only files that exist are named, as
/// cargo reruns every build for one that does not.
fn watch_head() {
    let mut files = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        files.push(branch);
    }
    for file in files {
        if let Some(path) = git(&["rev-parse", "--git-path", &file]) {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
}

/// A git command's trimmed output, run in this crate's folder; `None` when
/// git is missing or fails (not a checkout).
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_string())
}
