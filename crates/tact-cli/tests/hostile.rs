//! Inputs a linter meets in the wild, through the whole command, each with
//! what a user would expect: an answer (findings at the right place) or a
//! clear error naming the file, never a panic, a hang or a lost result.

mod common;

use common::{assert_positions, run, tempdir};
use serde_json::Value;

fn diagnostics(json: &Value, file: usize) -> &Vec<Value> {
    json["files"][file]["diagnostics"].as_array().unwrap()
}

#[test]
fn fifty_megabytes_on_one_line() {
    let dir = tempdir("one-line");
    let unit = format!(
        "{} As I said, no. ",
        "Thanks for writing in today.".repeat(33)
    );
    let text = unit.repeat(50_000_000 / unit.len());
    std::fs::write(dir.join("line.txt"), &text).unwrap();
    let (json, code) = run(&["check", "--format", "json", "line.txt"], &dir);
    assert_eq!(code, 1);
    let found = diagnostics(&json, 0);
    assert_eq!(found.len(), 50_000_000 / unit.len());
    let last = found.last().unwrap();
    let start = last["span"]["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + 9], "As I said");
    assert_eq!(last["span"]["line"], 1);
    assert_eq!(last["span"]["column"].as_u64().unwrap() as usize, start + 1);
}

#[test]
fn a_million_short_lines() {
    let dir = tempdir("million");
    let text = "ok\n".repeat(1_000_000) + "Calm down.\n";
    std::fs::write(dir.join("lines.txt"), &text).unwrap();
    let (json, code) = run(&["check", "--format", "json", "lines.txt"], &dir);
    assert_eq!(code, 1);
    assert_eq!(diagnostics(&json, 0)[0]["span"]["line"], 1_000_001);
}

#[test]
fn nul_filled_and_invalid_files_do_not_stop_the_others() {
    let dir = tempdir("binary");
    std::fs::write(dir.join("nul.txt"), vec![0u8; 100_000]).unwrap();
    std::fs::write(dir.join("latin1.txt"), b"caf\xe9 calm down").unwrap();
    std::fs::write(dir.join("ok.txt"), "Calm down.").unwrap();
    let (json, code) = run(
        &[
            "check",
            "--format",
            "json",
            "nul.txt",
            "latin1.txt",
            "ok.txt",
        ],
        &dir,
    );
    assert_eq!(code, 2, "an unreadable file is an error");
    assert!(diagnostics(&json, 0).is_empty());
    assert_eq!(
        json["files"][1]["error"],
        "cannot lint latin1.txt: invalid UTF-8 at byte 3 (tact reads UTF-8 text only)"
    );
    assert_eq!(
        diagnostics(&json, 2).len(),
        1,
        "the other files are still linted"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let dir = tempdir("deep");
    let deep_json = "[".repeat(200_000) + &"]".repeat(200_000);
    std::fs::write(dir.join("deep.json"), deep_json).unwrap();
    std::fs::write(dir.join("deep.yaml"), "[".repeat(200_000)).unwrap();
    let html = "<div>".repeat(200_000) + "As I said" + &"</div>".repeat(200_000);
    std::fs::write(dir.join("deep.html"), &html).unwrap();
    let (json, code) = run(
        &[
            "check",
            "--format",
            "json",
            "deep.json",
            "deep.yaml",
            "deep.html",
        ],
        &dir,
    );
    assert_eq!(code, 2);
    let error = |i: usize| json["files"][i]["error"].as_str().unwrap().to_string();
    assert!(
        error(0).contains("nested deeper than 128 levels"),
        "{}",
        error(0)
    );
    assert!(error(1).contains("recursion limit"), "{}", error(1));
    assert_positions(&html, &diagnostics(&json, 2)[0]);
}

#[test]
fn invisible_bidi_emoji_and_combining_characters_keep_columns_exact() {
    let dir = tempdir("unicode");
    let line = "Zoe\u{301} \u{1F469}\u{200D}\u{1F4BB} \u{200B}\u{202E}\u{5E9}\u{202C} As I said, calm down.";
    let files = [
        ("a.txt", format!("\u{FEFF}{line}\r\n{line}\r{line}\n")),
        ("a.md", format!("# Hi\n\n{line}\n")),
        (
            "a.html",
            format!("<p>{line}</p>\n<p>\u{1F600}&amp; {line}</p>"),
        ),
        (
            "a.json",
            format!("{{\"body\": \"{line}\\n\\u00e9 {line}\"}}"),
        ),
        ("a.yaml", format!("body: |\n  {line}\n  {line}\n")),
        ("a.csv", format!("id,body\n1,\"{line}\n{line}\"\n")),
    ];
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    let args = [&["check", "--format", "json"][..], &names].concat();
    let (json, code) = run(&args, &dir);
    assert_eq!(code, 1);
    for (i, (name, text)) in files.iter().enumerate() {
        let found = diagnostics(&json, i);
        assert!(found.len() >= 2, "{name}: {found:#?}");
        for d in found {
            assert_positions(text, d);
            assert!(
                ["As I said", "calm down"].contains(&d["text"].as_str().unwrap()),
                "{name}: {d}"
            );
        }
    }
}

/// A plain-text file over 4 MiB is read and linted a piece at a time;
/// standard input is always read whole. The two must agree byte for byte.
#[test]
fn a_large_file_in_pieces_lints_as_if_whole() {
    let dir = tempdir("pieces");
    let lines = [
        "Hi Zoë, as I said, the refund is on its way 🎉.\r\n",
        "Mistakes were made.\n",
        "Calm down. What is your SSN?\r",
        "Thanks for writing in; the label is attached.\n",
        "Obviously you didn't read the manual.\n",
    ];
    let mut text = String::new();
    while text.len() < 5 << 20 {
        text.extend(lines);
    }
    std::fs::write(dir.join("big.txt"), &text).unwrap();
    let args = ["check", "--format", "json", "--fail-on", "never"];
    let whole = std::process::Command::new(env!("CARGO_BIN_EXE_tact"))
        .args(args)
        .args(["--stdin-filename", "big.txt", "-"])
        .current_dir(&dir)
        .stdin(std::fs::File::open(dir.join("big.txt")).unwrap())
        .output()
        .unwrap();
    let pieces = std::process::Command::new(env!("CARGO_BIN_EXE_tact"))
        .args(args)
        .arg("big.txt")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(pieces.status.success());
    assert!(whole.stdout == pieces.stdout, "outputs differ");
    let json: Value = serde_json::from_slice(&pieces.stdout).unwrap();
    let found = diagnostics(&json, 0);
    assert!(found.len() > 50_000);
    // Spot checks at the far end of the file, past many pieces.
    for d in found.iter().rev().take(20) {
        assert_positions(&text, d);
    }
}

#[test]
fn invalid_utf8_deep_in_a_large_file_is_an_error_with_no_findings() {
    let dir = tempdir("pieces-invalid");
    let mut bytes = "As I said, no.\n".repeat(600_000).into_bytes();
    let at = bytes.len() - 100;
    bytes[at] = 0xff;
    std::fs::write(dir.join("big.txt"), &bytes).unwrap();
    let (json, code) = run(&["check", "--format", "json", "big.txt"], &dir);
    assert_eq!(code, 2);
    assert!(diagnostics(&json, 0).is_empty());
    assert_eq!(
        json["files"][0]["error"],
        format!("cannot lint big.txt: invalid UTF-8 at byte {at} (tact reads UTF-8 text only)")
    );
}
