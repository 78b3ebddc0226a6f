//! Helpers shared by the CLI tests.
#![allow(dead_code)]

use std::process::Command;

use serde_json::Value;

/// Run `tact` in `dir`; its stdout parsed as JSON, and the exit code.
pub fn run(args: &[&str], dir: &std::path::Path) -> (Value, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_tact"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        serde_json::from_slice(&out.stdout).expect("stdout is JSON"),
        out.status.code().unwrap(),
    )
}

/// A directory for one test's files, removed when dropped.
pub struct TempDir(tempfile::TempDir);

impl std::ops::Deref for TempDir {
    type Target = std::path::Path;

    fn deref(&self) -> &std::path::Path {
        self.0.path()
    }
}

impl AsRef<std::path::Path> for TempDir {
    fn as_ref(&self) -> &std::path::Path {
        self.0.path()
    }
}

pub fn tempdir(name: &str) -> TempDir {
    TempDir(
        tempfile::Builder::new()
            .prefix(&format!("tact-{name}-"))
            .tempdir()
            .unwrap(),
    )
}

/// The span's text, lines and columns agree with the file's bytes.
pub fn assert_positions(file: &str, d: &Value) {
    let span = &d["span"];
    let at = |k: &str| span[k].as_u64().unwrap() as usize;
    assert_eq!(&file[at("start")..at("end")], d["text"].as_str().unwrap());
    for (offset, line, col, col16) in [
        (at("start"), at("line"), at("column"), at("utf16_column")),
        (
            at("end"),
            at("end_line"),
            at("end_column"),
            at("utf16_end_column"),
        ),
    ] {
        // Lines end at \n, \r\n or a lone \r.
        let before = &file[..offset];
        let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let lines = before.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1;
        assert_eq!(line, lines, "line of {d}");
        // A byte-order mark opening the file is in no column.
        let shown = match line_start {
            0 => before.strip_prefix('\u{feff}').unwrap_or(before),
            _ => &before[line_start..],
        };
        assert_eq!(col, shown.chars().count() + 1, "column of {d}");
        assert_eq!(col16, shown.encode_utf16().count() + 1, "utf16 of {d}");
    }
}
