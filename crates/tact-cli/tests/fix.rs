//! `tact check --fix` on files as they are on disk: links, read-only files,
//! a file named twice, and fixes that would break the file's format.

use std::path::Path;
use std::process::Command;

const DRAFT: &str = "Per my last email, the refund is sent.\n";
const FIXED: &str = "To recap, the refund is sent.\n";

fn fix(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tact"))
        .args(["check", "--fix", "--format", "line", "--only", "gotcha"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_link_is_followed_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("real.txt"), DRAFT).unwrap();
    std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).unwrap();
    std::fs::hard_link(dir.path().join("real.txt"), dir.path().join("hard.txt")).unwrap();
    let out = fix(dir.path(), &["link.txt", "real.txt", "hard.txt"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::symlink_metadata(dir.path().join("link.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
    for name in ["real.txt", "hard.txt", "link.txt"] {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            FIXED,
            "{name}"
        );
    }
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("fixed 1 finding in 1 file"),
        "one file, named three ways: {said}"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_left_alone_and_said_so() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.txt");
    std::fs::write(&path, DRAFT).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = fix(dir.path(), &["locked.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("cannot write the fixes to locked.txt: the file is read-only"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), DRAFT);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("private.txt");
    std::fs::write(&path, DRAFT).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert!(fix(dir.path(), &["private.txt"]).status.success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left behind");
}

#[test]
fn a_fix_that_would_break_the_format_is_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    let pack = r#"
[pack]
name = "house"
description = "d"

[[rule]]
id = "kindly"
kind = "phrase"
severity = "warning"
phrases = ["kindly"]
message = "m"
rationale = "r"
replacement = "please; thanks"
fix = "safe"
"#;
    std::fs::write(dir.path().join("house.toml"), pack).unwrap();
    let csv = "id;body\n1;Kindly reply soon\n";
    std::fs::write(dir.path().join("replies.csv"), csv).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tact"))
        .args([
            "check",
            "--fix",
            "--only",
            "house",
            "--pack",
            "house.toml",
            "replies.csv",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the finding stays");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("replies.csv")).unwrap(),
        csv
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 finding not fixable in place"));
}

/// A file saved on Windows: a byte-order mark, then lines ending in
/// `\r\n`. Fixed, it keeps both, byte for byte: only the flagged words
/// change, a sentence wrapped over a `\r\n` in Markdown included.
#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "reply.txt",
            "\u{feff}Hi Sam,\r\n\r\nPer my last email, the refund is sent.\r\nAs previously stated, it takes five days.\r\n",
            "\u{feff}Hi Sam,\r\n\r\nTo recap, the refund is sent.\r\nTo recap, it takes five days.\r\n",
        ),
        (
            "reply.md",
            "\u{feff}# Refund\r\n\r\nPer my last email, the refund is sent. As previously\r\nstated, it takes five days.\r\n\r\n```\r\nPer my last email, code.\r\n```\r\n",
            "\u{feff}# Refund\r\n\r\nTo recap, the refund is sent. To recap, it takes five days.\r\n\r\n```\r\nPer my last email, code.\r\n```\r\n",
        ),
    ];
    for (name, before, _) in &cases {
        std::fs::write(dir.path().join(name), before).unwrap();
    }
    let out = fix(dir.path(), &["reply.txt", "reply.md"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("fixed 4 findings in 2 files"), "{said}");
    for (name, _, after) in &cases {
        let fixed = std::fs::read(dir.path().join(name)).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&fixed),
            *after,
            "{name}, as bytes: {fixed:?}"
        );
        assert_eq!(fixed, after.as_bytes(), "{name}");
    }
}
