//! The JSON contract, checked on real output: it validates against the
//! checked-in schema, and every offset, line and column agrees with the bytes
//! of the file (computed here independently of the library).

use std::process::Command;

use serde_json::Value;

const DRAFT: &str = "Hi Zoë 👋,\r\nAs I already explained, “calm down”.\rYou’re wrong — per my last email. Obviously you missed it.\n";

fn run(args: &[&str], dir: &std::path::Path) -> (Value, i32) {
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

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tact-json-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn output_validates_against_the_schema() {
    let dir = tempdir("schema");
    std::fs::write(dir.join("draft.txt"), DRAFT).unwrap();
    let (json, code) = run(
        &["check", "--format", "json", "draft.txt", "missing.txt"],
        &dir,
    );
    assert_eq!(code, 2, "a missing file is an I/O error");
    let schema: Value =
        serde_json::from_str(include_str!("../../../schema/output-v1.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        json["files"][1]["error"],
        "cannot read missing.txt: no such file"
    );
    assert!(json["summary"]["warnings"].as_u64().unwrap() >= 4);
}

#[test]
fn every_offset_agrees_with_the_file() {
    let dir = tempdir("offsets");
    std::fs::write(dir.join("draft.txt"), DRAFT).unwrap();
    let (json, code) = run(&["check", "--format", "json", "draft.txt"], &dir);
    assert_eq!(code, 1);
    let diagnostics = json["files"][0]["diagnostics"].as_array().unwrap();
    let texts: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "As I already explained",
            "calm down",
            "You’re wrong",
            "per my last email",
            "Obviously"
        ]
    );
    for d in diagnostics {
        let span = &d["span"];
        let at = |k: &str| span[k].as_u64().unwrap() as usize;
        assert_eq!(&DRAFT[at("start")..at("end")], d["text"].as_str().unwrap());
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
            let before = &DRAFT[..offset];
            let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let lines = before.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1;
            assert_eq!(line, lines, "line of {d}");
            assert_eq!(
                col,
                before[line_start..].chars().count() + 1,
                "column of {d}"
            );
            assert_eq!(
                col16,
                before[line_start..].encode_utf16().count() + 1,
                "utf16 of {d}"
            );
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]

    /// Any bytes at all: the run ends with 0, 1 or 2, and stdout is valid
    /// version-1 JSON (invalid UTF-8 is a per-file error, not a crash).
    #[test]
    fn any_bytes_give_valid_json(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
        let dir = tempdir("bytes");
        std::fs::write(dir.join("input.txt"), &bytes).unwrap();
        let (json, code) = run(&["check", "--format", "json", "input.txt"], &dir);
        proptest::prop_assert!(matches!(code, 0..=2), "exit {code}");
        let schema: Value = serde_json::from_str(include_str!("../../../schema/output-v1.json")).unwrap();
        proptest::prop_assert!(jsonschema::is_valid(&schema, &json));
        let valid_utf8 = std::str::from_utf8(&bytes).is_ok();
        proptest::prop_assert_eq!(json["files"][0]["error"].is_null(), valid_utf8);
    }
}
