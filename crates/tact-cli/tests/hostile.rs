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

/// Run `tact` with `stdin`; its exit code, stdout and stderr.
fn run_raw(
    args: &[&str],
    dir: &std::path::Path,
    stdin: std::process::Stdio,
) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tact"))
        .args(args)
        .current_dir(dir)
        .stdin(stdin)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_finding_past_column_65536_is_drawn() {
    let dir = tempdir("wide");
    std::fs::write(dir.join("wide.txt"), "x".repeat(65_536) + " As I said\n").unwrap();
    let (code, out, err) = run_raw(
        &["check", "--no-config", "--color", "never", "wide.txt"],
        &dir,
        std::process::Stdio::null(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("[wide.txt:1:65538]"), "{out}");
    assert!(out.contains("As I said"));
    assert!(out.len() < 4096, "a window of the line, not all of it");
}

#[cfg(unix)]
#[test]
fn devices_are_refused_at_once_by_name() {
    let dir = tempdir("devices");
    std::fs::write(dir.join("ok.txt"), "Calm down.").unwrap();
    let null = std::process::Stdio::null;
    let (code, _, err) = run_raw(
        &["check", "--no-config", "--format", "line", "/dev/zero"],
        &dir,
        null(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read /dev/zero: not a regular file (a character device)"),
        "{err}"
    );
    let (code, _, err) = run_raw(&["check", "--pack", "/dev/zero", "ok.txt"], &dir, null());
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read pack /dev/zero: not a regular file"),
        "{err}"
    );
    let (code, _, err) = run_raw(&["check", "--config", "/dev/zero", "ok.txt"], &dir, null());
    assert_eq!(code, 2);
    assert!(err.contains("cannot read config /dev/zero"), "{err}");
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let (code, _, err) = run_raw(
        &["check", "--no-config", "--format", "json"],
        &dir,
        zero.into(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read standard input: a NUL byte"),
        "{err}"
    );
}

#[test]
fn inputs_packs_and_configs_past_their_limits_are_errors() {
    let dir = tempdir("limits");
    std::fs::write(dir.join("big.txt"), "Calm down. ".repeat(100)).unwrap();
    std::fs::write(dir.join("ok.txt"), "Calm down.").unwrap();
    let (json, code) = run(
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--max-file-size",
            "1KiB",
            "big.txt",
            "ok.txt",
        ],
        &dir,
    );
    assert_eq!(code, 2);
    assert_eq!(
        json["files"][0]["error"],
        "cannot read big.txt: larger than the limit of 1 KiB"
    );
    assert_eq!(diagnostics(&json, 1).len(), 1, "the other file is linted");
    let pack = "# padding\n".repeat(500_000);
    std::fs::write(dir.join("huge.toml"), pack).unwrap();
    let null = std::process::Stdio::null;
    let (code, _, err) = run_raw(&["check", "--pack", "huge.toml", "ok.txt"], &dir, null());
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read pack huge.toml: larger than the limit of 4 MiB"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn links_inside_a_walked_folder_are_linted_and_others_counted() {
    let dir = tempdir("links");
    std::fs::create_dir_all(dir.join("walk/sub")).unwrap();
    std::fs::create_dir_all(dir.join("outside")).unwrap();
    std::fs::write(dir.join("walk/a.txt"), "Calm down.").unwrap();
    std::fs::write(dir.join("outside/b.txt"), "Calm down.").unwrap();
    std::os::unix::fs::symlink("../a.txt", dir.join("walk/sub/inside.txt")).unwrap();
    std::os::unix::fs::symlink("../outside/b.txt", dir.join("walk/out.txt")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("walk/sub/loop")).unwrap();
    let (code, out, err) = run_raw(
        &["check", "-v", "--no-config", "--format", "line", "walk"],
        &dir,
        std::process::Stdio::null(),
    );
    assert_eq!(code, 1, "{err}");
    let files: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(files, ["walk/a.txt", "walk/sub/inside.txt"]);
    assert!(err.contains("skipped 2 symbolic links"), "{err}");
}

#[test]
fn thousands_of_ignore_entries_silence_what_they_name() {
    let dir = tempdir("ignores");
    let mut config = String::new();
    for i in 0..5000 {
        config.push_str(&format!("[[ignore]]\npath = \"other-{i}/*.txt\"\n\n"));
    }
    config.push_str("[[ignore]]\npath = \"quiet/*.txt\"\nrules = [\"gotcha.calm-down\"]\n");
    std::fs::write(dir.join("tact.toml"), config).unwrap();
    std::fs::create_dir_all(dir.join("quiet")).unwrap();
    std::fs::create_dir_all(dir.join("loud")).unwrap();
    let text = "Calm down. As I said, no.\n".repeat(2000);
    std::fs::write(dir.join("quiet/a.txt"), &text).unwrap();
    std::fs::write(dir.join("loud/a.txt"), &text).unwrap();
    let (json, code) = run(&["check", "--format", "json", "loud", "quiet"], &dir);
    assert_eq!(code, 1);
    let rules = |file| {
        let mut r: Vec<String> = diagnostics(&json, file)
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect();
        r.dedup();
        r
    };
    assert_eq!(diagnostics(&json, 0).len(), 4000);
    assert_eq!(rules(1), ["gotcha.as-i-said"]);
    assert_eq!(diagnostics(&json, 1).len(), 2000);
}

#[test]
fn human_output_grows_with_findings_not_with_their_line() {
    let dir = tempdir("many-on-a-line");
    std::fs::write(dir.join("line.txt"), "As I said ".repeat(6000) + "\n").unwrap();
    let (code, out, _) = run_raw(
        &["check", "--no-config", "--color", "never", "line.txt"],
        &dir,
        std::process::Stdio::null(),
    );
    assert_eq!(code, 1);
    assert_eq!(out.matches("gotcha.as-i-said").count(), 6000);
    // Each finding is drawn with a window of its 60 KB line.
    assert!(out.len() < 6000 * 2048, "{} bytes", out.len());
}

#[test]
fn a_byte_order_mark_is_skipped_in_every_format_and_counted_in_no_column() {
    let dir = tempdir("bom");
    let bom = "\u{feff}";
    let files = [
        ("a.txt", format!("{bom}Calm down, please.\n")),
        ("a.md", format!("{bom}Calm down, please.\n")),
        ("a.html", format!("{bom}<p>Calm down, please.</p>\n")),
        (
            "a.json",
            format!("{bom}{{\"body\": \"Calm down, please.\"}}\n"),
        ),
        ("a.yaml", format!("{bom}body: Calm down, please.\n")),
        ("a.csv", format!("{bom}body,team\nCalm down,a\n")),
    ];
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    let mut args = vec![
        "check",
        "--no-config",
        "--format",
        "json",
        "--key",
        "body",
        "--csv-column",
        "body",
    ];
    args.extend(&names);
    let (json, code) = run(&args, &dir);
    assert_eq!(code, 1, "{json:#}");
    for (i, (name, text)) in files.iter().enumerate() {
        assert_eq!(json["files"][i]["error"], Value::Null, "{name}");
        let found = diagnostics(&json, i);
        assert_eq!(found.len(), 1, "{name}: {found:#?}");
        let d = &found[0];
        let start = d["span"]["start"].as_u64().unwrap() as usize;
        assert_eq!(&text[start..start + 9], "Calm down", "{name}");
        // The column as an editor shows it: the mark is not a character.
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let shown = text[line_start..start]
            .trim_start_matches(bom)
            .chars()
            .count()
            + 1;
        assert_eq!(d["span"]["column"], shown, "{name}");
    }
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_run_quietly_with_the_findings_code() {
    use std::io::{BufRead, BufReader};
    let dir = tempdir("pipe");
    std::fs::write(dir.join("many.txt"), "As I said, no.\n".repeat(200_000)).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tact"))
        .args(["check", "--no-config", "--format", "line", "many.txt"])
        .current_dir(&dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, as `| head -1` does, and close the pipe.
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("gotcha.as-i-said"), "{first}");
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "findings were found before the pipe closed"
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn output_file_takes_the_report_and_stdout_stays_empty() {
    let dir = tempdir("output-file");
    std::fs::write(dir.join("a.txt"), "Calm down.\n").unwrap();
    let (code, out, _) = run_raw(
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--output-file",
            "report.json",
            "a.txt",
        ],
        &dir,
        std::process::Stdio::null(),
    );
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(diagnostics(&report, 0)[0]["rule"], "gotcha.calm-down");
    let (code, _, err) = run_raw(
        &[
            "check",
            "--no-config",
            "--output-file",
            "no/such/dir/r.txt",
            "a.txt",
        ],
        &dir,
        std::process::Stdio::null(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot write no/such/dir/r.txt"), "{err}");
}

/// `tact report` on a file named twice, or on a folder and a file in it,
/// sums the file up once: one row, one block of sentences per macro.
#[test]
fn report_counts_a_file_named_twice_once() {
    let dir = tempdir("report-twice");
    std::fs::write(
        dir.join("m.json"),
        r#"{"macros": [{"body": "As I said, no."}]}"#,
    )
    .unwrap();
    for args in [
        &["report", "--no-config", "m.json", "m.json"][..],
        &["report", "--no-config", ".", "m.json"][..],
        &["report", "--no-config", "m.json", "./m.json"][..],
    ] {
        let (code, page, err) = run_raw(args, &dir, std::process::Stdio::null());
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_eq!(
            page.matches("flagged\" data-file=\"m.json\" data-macro=\"/macros/0\"")
                .count(),
            1,
            "{args:?}: one block for the macro"
        );
        assert_eq!(
            page.matches("<tr data-file=\"m.json\" data-macro=\"/macros/0\">")
                .count(),
            1,
            "{args:?}: one row for the macro"
        );
        assert_eq!(
            page.matches("<tr data-file=\"m.json\">").count(),
            1,
            "{args:?}: one row for the file"
        );
    }
}
