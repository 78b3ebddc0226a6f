//! `tact serve` over real HTTP: LanguageTool's API with UTF-16 offsets, the
//! native JSON API, the page, limits and malformed requests, and a clean
//! shutdown on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tact"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("tact serve: listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Server { child, url }
    }

    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into()
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut r = Self::agent()
            .get(format!("{}{path}", self.url))
            .call()
            .unwrap();
        (r.status().as_u16(), r.body_mut().read_to_string().unwrap())
    }

    fn post(&self, path: &str, content_type: &str, body: &str) -> (u16, String) {
        let mut r = Self::agent()
            .post(format!("{}{path}", self.url))
            .header("Content-Type", content_type)
            .send(body)
            .unwrap();
        let status = r.status().as_u16();
        let body = r
            .body_mut()
            .with_config()
            .limit(50 << 20)
            .read_to_string()
            .unwrap();
        (status, body)
    }

    fn form(&self, fields: &[(&str, &str)]) -> (u16, String) {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.post("/v2/check", "application/x-www-form-urlencoded", &body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn languagetool_api_counts_utf16_units() {
    let server = Server::start();
    assert_eq!(server.get("/healthz"), (200, "ok\n".into()));
    let r = Server::agent()
        .get(format!("{}/v2/languages", server.url))
        .call()
        .unwrap();
    assert_eq!(
        r.headers()["access-control-allow-origin"],
        "*",
        "add-ons call from web pages"
    );
    let (status, languages) = server.get("/v2/languages");
    assert_eq!(status, 200);
    let languages: Value = serde_json::from_str(&languages).unwrap();
    assert!(languages
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["longCode"] == "en-US"));

    let text = "Hi Zoë 👋 🎉, as I said your account was suspended.";
    let (status, body) = server.form(&[("text", text), ("language", "en-US")]);
    assert_eq!(status, 200, "{body}");
    let json: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["software"]["name"], "tact");
    let matches = json["matches"].as_array().unwrap();
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let words: Vec<String> = matches
        .iter()
        .map(|m| {
            let (o, l) = (
                m["offset"].as_u64().unwrap() as usize,
                m["length"].as_u64().unwrap() as usize,
            );
            String::from_utf16(&utf16[o..o + l]).unwrap()
        })
        .collect();
    assert_eq!(words, ["as I said", "was suspended"]);
    assert_eq!(
        matches[0]["offset"], 14,
        "emoji count two UTF-16 units each"
    );
    assert_eq!(matches[0]["rule"]["id"], "gotcha.as-i-said");
    assert_eq!(matches[0]["rule"]["category"]["id"], "GOTCHA");
    assert_eq!(matches[0]["replacements"][0]["value"], "to recap");
    let context = matches[0]["context"]["text"].as_str().unwrap();
    let at = matches[0]["context"]["offset"].as_u64().unwrap() as usize;
    let context16: Vec<u16> = context.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&context16[at..at + 9]).unwrap(),
        "as I said"
    );

    // Rule selection.
    let (_, body) = server.form(&[
        ("text", text),
        ("language", "en-US"),
        ("disabledRules", "gotcha.as-i-said"),
    ]);
    let json: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["matches"].as_array().unwrap().len(), 1);
    let (_, body) = server.form(&[
        ("text", text),
        ("language", "en-US"),
        ("enabledRules", "gotcha.as-i-said"),
        ("enabledOnly", "true"),
    ]);
    let json: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["matches"][0]["rule"]["id"], "gotcha.as-i-said");
    assert_eq!(json["matches"].as_array().unwrap().len(), 1);
}

#[test]
fn languagetool_data_counts_markup_in_offsets() {
    let server = Server::start();
    let data = r#"{"annotation":[{"text":"Hi "},{"markup":"<b>"},{"text":"Zoë"},{"markup":"</b>"},{"markup":"<p>","interpretAs":"\n\n"},{"text":"Calm down, please."}]}"#;
    let (status, body) = server.form(&[("data", data), ("language", "en-US")]);
    assert_eq!(status, 200, "{body}");
    let json: Value = serde_json::from_str(&body).unwrap();
    let m = &json["matches"][0];
    assert_eq!(m["rule"]["id"], "gotcha.calm-down");
    let document = "Hi <b>Zoë</b><p>";
    assert_eq!(
        m["offset"].as_u64().unwrap() as usize,
        document.encode_utf16().count()
    );
    assert_eq!(m["length"], 9);
}

#[test]
fn native_api_answers_the_version_1_contract() {
    let server = Server::start();
    let (status, body) = server.post(
        "/api/v1/check",
        "application/json",
        r##"{"text": "# Hi\n\n`calm down`\n\nCalm down, please.", "format": "markdown", "disable": ["passive"]}"##,
    );
    assert_eq!(status, 200, "{body}");
    let json: Value = serde_json::from_str(&body).unwrap();
    let schema: Value =
        serde_json::from_str(include_str!("../../../schema/output-v1.json")).unwrap();
    assert!(jsonschema::is_valid(&schema, &json));
    let found = json["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(found.len(), 1, "code is not linted: {found:#?}");
    assert_eq!(found[0]["span"]["line"], 5);

    let (status, page) = server.get("/");
    assert_eq!(status, 200);
    assert!(page.contains("<textarea id=\"draft\""));
    assert!(
        !page.contains("src=\"http"),
        "the page needs nothing from outside"
    );
}

#[test]
fn bad_requests_get_a_status_and_a_message() {
    let server = Server::start();
    let (status, body) = server.form(&[("language", "en-US")]);
    assert_eq!(
        (status, body.as_str()),
        (400, "missing parameter `text` or `data`\n")
    );
    let (status, body) = server.form(&[("text", "hi"), ("language", "de-DE")]);
    assert_eq!(status, 400);
    assert!(body.contains("English only"), "{body}");
    let (status, body) = server.form(&[("data", "{not json"), ("language", "en-US")]);
    assert_eq!(status, 400);
    assert!(body.starts_with("invalid `data`"), "{body}");
    let (status, body) = server.post("/api/v1/check", "application/json", r#"{"txt": "x"}"#);
    assert_eq!(status, 400);
    assert!(body.contains("unknown field `txt`"), "{body}");
    let big = "a".repeat(2 << 20);
    let (status, body) = server.post("/api/v1/check", "application/json", &big);
    assert_eq!(
        (status, body.as_str()),
        (413, "request body over the limit of 1048576 bytes\n")
    );
    let (status, _) = server.form(&[("language", "en-US"), ("text", &big)]);
    assert_eq!(status, 413);
    assert_eq!(server.get("/nowhere").0, 404);
    // The server is still there after all that.
    assert_eq!(server.get("/healthz").0, 200);
}

#[test]
fn sigterm_shuts_down_cleanly() {
    let mut server = Server::start();
    assert_eq!(server.get("/healthz").0, 200);
    let pid = server.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}
