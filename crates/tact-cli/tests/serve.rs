//! `tact serve` over real HTTP: LanguageTool's API with UTF-16 offsets, the
//! native JSON API, the page, limits and malformed requests, and a clean
//! shutdown on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start() -> Server {
        Server::with(&[])
    }

    /// A server started with these flags besides its address.
    fn with(flags: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tact"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(flags)
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
            // A bound, not a measure: an answer that takes this long is
            // stuck or quadratic.
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into()
    }

    /// Send the server SIGTERM.
    fn terminate(&self) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(sent.unwrap().success());
    }

    fn addr(&self) -> String {
        self.url.trim_start_matches("http://").to_string()
    }

    /// The server's resident memory, in KiB.
    fn rss_kib(&self) -> usize {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
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

/// An answer read off the wire: status, headers (names in lower case) and
/// body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Server {
    /// One request with these headers on a connection of its own.
    fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        let mut stream = TcpStream::connect(self.addr()).unwrap();
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr(),
            body.len()
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(body);
        stream.write_all(request.as_bytes()).unwrap();
        let (got, _) = read_to_close(&mut stream, Duration::from_secs(30));
        let (head, body) = got.split_once("\r\n\r\n").unwrap();
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .map(|l| {
                let (n, v) = l.split_once(':').unwrap();
                (n.to_ascii_lowercase(), v.trim().to_string())
            })
            .collect();
        Answer {
            status,
            headers,
            body: body.to_string(),
        }
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
    // The reply-level finding (a problem and no next step) is the whole
    // sentence, reported like any other.
    assert_eq!(words, [text, "as I said", "was suspended"]);
    assert_eq!(matches[0]["rule"]["id"], "next-step.missing");
    assert_eq!(matches[0]["rule"]["category"]["id"], "NEXT-STEP");
    let said = &matches[1];
    assert_eq!(said["offset"], 14, "emoji count two UTF-16 units each");
    assert_eq!(said["rule"]["id"], "gotcha.as-i-said");
    assert_eq!(said["rule"]["category"]["id"], "GOTCHA");
    assert_eq!(said["replacements"][0]["value"], "to recap");
    let context = said["context"]["text"].as_str().unwrap();
    let at = said["context"]["offset"].as_u64().unwrap() as usize;
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
    assert_eq!(json["matches"].as_array().unwrap().len(), 2);
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
    server.terminate();
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

/// Read from `stream` until the server closes it (or `bound` passes): what
/// it sent, and whether it closed.
fn read_to_close(stream: &mut TcpStream, bound: Duration) -> (String, bool) {
    stream.set_read_timeout(Some(bound)).unwrap();
    let mut got = Vec::new();
    let closed = match stream.read_to_end(&mut got) {
        Ok(_) => true,
        Err(e) => matches!(e.kind(), std::io::ErrorKind::ConnectionReset),
    };
    (String::from_utf8_lossy(&got).into_owned(), closed)
}

#[cfg(target_os = "linux")]
#[test]
fn many_findings_answer_in_a_bounded_response_and_memory_returns() {
    let server = Server::start();
    let text = "As I said ".repeat(10_240);
    let (status, body) = server.form(&[("text", &text), ("language", "en-US")]);
    assert_eq!(status, 200);
    assert!(body.len() < 2 << 20, "{} bytes", body.len());
    let json: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["warnings"]["incompleteResults"], true);
    let matches = json["matches"].as_array().unwrap();
    assert!(!matches.is_empty());
    for m in matches {
        assert!(m["sentence"].as_str().unwrap().len() < 1024);
    }
    // The last match's offset, counted in one pass, is still exact.
    let last = matches.last().unwrap();
    let at = last["offset"].as_u64().unwrap() as usize;
    assert_eq!(&text[at..at + 9], "As I said");
    // Warm, then the same request again: memory comes back each time.
    let warm = server.rss_kib();
    for _ in 0..3 {
        assert_eq!(
            server.form(&[("text", &text), ("language", "en-US")]).0,
            200
        );
    }
    let after = server.rss_kib();
    assert!(
        after < warm + 8 * 1024,
        "{warm} KiB warm, {after} KiB after"
    );
    // A 58 KB query string is answered the same way.
    let query = format!(
        "/v2/check?language=en-US&text={}",
        encode(&"As I said ".repeat(3600))
    );
    let (status, body) = server.get(&query);
    assert_eq!(status, 200);
    assert!(body.len() < 2 << 20);
}

#[test]
fn partial_and_silent_connections_are_closed_by_the_timeouts() {
    let server = Server::with(&["--header-timeout", "1s", "--idle-timeout", "1s"]);
    let start = Instant::now();
    let mut partial = TcpStream::connect(server.addr()).unwrap();
    partial
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let mut silent = TcpStream::connect(server.addr()).unwrap();
    let (_, closed) = read_to_close(&mut partial, Duration::from_secs(20));
    assert!(closed, "a partial header is closed");
    let (_, closed) = read_to_close(&mut silent, Duration::from_secs(20));
    assert!(closed, "a silent connection is closed");
    assert!(start.elapsed() >= Duration::from_millis(900));

    // A keep-alive connection is closed once idle after its answer.
    let mut kept = TcpStream::connect(server.addr()).unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let (got, closed) = read_to_close(&mut kept, Duration::from_secs(20));
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");
    assert!(closed);
}

#[test]
fn a_stalled_body_is_answered_408() {
    let server = Server::with(&["--body-timeout", "1s"]);
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .write_all(
            b"POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\"",
        )
        .unwrap();
    let (got, _) = read_to_close(&mut stream, Duration::from_secs(20));
    assert!(got.starts_with("HTTP/1.1 408"), "{got}");
}

#[test]
fn a_lint_over_its_budget_is_answered_503() {
    let server = Server::with(&["--lint-timeout", "1ms"]);
    let text = "As I said, your account was suspended. ".repeat(10_000);
    let (status, body) = server.form(&[("text", &text), ("language", "en-US")]);
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("budget"), "{body}");
    assert_eq!(server.get("/healthz").0, 200);
}

#[test]
fn connections_past_the_cap_wait_and_are_then_served() {
    let server = Server::with(&["--max-connections", "4", "--idle-timeout", "1s"]);
    let idle: Vec<TcpStream> = (0..8)
        .map(|_| TcpStream::connect(server.addr()).unwrap())
        .collect();
    // Served once the idle ones are closed, not refused.
    assert_eq!(server.get("/healthz"), (200, "ok\n".into()));
    drop(idle);
}

#[test]
fn sigterm_with_open_connections_exits_within_the_shutdown_bound() {
    let mut server = Server::with(&[
        "--shutdown-timeout",
        "1s",
        "--header-timeout",
        "60s",
        "--idle-timeout",
        "60s",
    ]);
    let _silent = TcpStream::connect(server.addr()).unwrap();
    let mut partial = TcpStream::connect(server.addr()).unwrap();
    partial.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    assert_eq!(server.get("/healthz").0, 200);
    server.terminate();
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}

const FORM: &str = "application/x-www-form-urlencoded";
const NATIVE: &str = r#"{"text": "Calm down, please."}"#;

#[test]
fn without_cors_origins_any_page_may_call_languagetool_and_none_tact() {
    let server = Server::start();
    let page = [
        ("Origin", "https://mail.example.com"),
        ("Content-Type", FORM),
    ];
    let lt = server.raw("POST", "/v2/check", &page, "language=en-US&text=hi");
    assert_eq!(lt.status, 200, "{}", lt.body);
    assert_eq!(lt.header("access-control-allow-origin"), Some("*"));
    let page = [
        ("Origin", "https://mail.example.com"),
        ("Content-Type", "application/json"),
    ];
    let native = server.raw("POST", "/api/v1/check", &page, NATIVE);
    assert_eq!(native.status, 200, "{}", native.body);
    assert_eq!(native.header("access-control-allow-origin"), None);

    let preflight = [
        ("Origin", "https://mail.example.com"),
        ("Access-Control-Request-Method", "POST"),
        ("Access-Control-Request-Headers", "content-type"),
    ];
    let lt = server.raw("OPTIONS", "/v2/check", &preflight, "");
    assert_eq!(lt.status, 204, "{}", lt.body);
    assert_eq!(lt.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        lt.header("access-control-allow-methods"),
        Some("GET, POST, OPTIONS")
    );
    assert_eq!(
        lt.header("access-control-allow-headers"),
        Some("content-type")
    );
    assert!(lt.header("access-control-max-age").is_some());
    let native = server.raw("OPTIONS", "/api/v1/check", &preflight, "");
    assert_eq!(native.status, 204, "{}", native.body);
    assert_eq!(
        native.header("access-control-allow-methods"),
        Some("POST, OPTIONS")
    );
    assert_eq!(
        native.header("access-control-allow-headers"),
        Some("content-type")
    );
    assert!(native.header("access-control-max-age").is_some());
    assert_eq!(native.header("access-control-allow-origin"), None);
}

#[test]
fn cors_origins_are_the_only_pages_answered() {
    let server = Server::with(&[
        "--cors-origin",
        "https://help.example.com",
        "--cors-origin",
        "http://localhost:3000",
    ]);
    for (path, content_type, body) in [
        ("/v2/check", FORM, "language=en-US&text=hi"),
        ("/api/v1/check", "application/json", NATIVE),
    ] {
        for origin in ["https://help.example.com", "http://localhost:3000"] {
            let a = server.raw(
                "POST",
                path,
                &[("Origin", origin), ("Content-Type", content_type)],
                body,
            );
            assert_eq!(a.status, 200, "{path}: {}", a.body);
            assert_eq!(
                a.header("access-control-allow-origin"),
                Some(origin),
                "{path}"
            );
            assert_eq!(a.header("vary"), Some("Origin"), "{path}");
            let preflight = server.raw(
                "OPTIONS",
                path,
                &[
                    ("Origin", origin),
                    ("Access-Control-Request-Method", "POST"),
                ],
                "",
            );
            assert_eq!(preflight.status, 204, "{path}");
            assert_eq!(
                preflight.header("access-control-allow-origin"),
                Some(origin)
            );
            assert_eq!(preflight.header("vary"), Some("Origin"));
        }
        let other = server.raw(
            "POST",
            path,
            &[
                ("Origin", "https://evil.example"),
                ("Content-Type", content_type),
            ],
            body,
        );
        assert_eq!(other.status, 200, "{path}");
        assert_eq!(other.header("access-control-allow-origin"), None, "{path}");
        let preflight = server.raw(
            "OPTIONS",
            path,
            &[
                ("Origin", "https://evil.example"),
                ("Access-Control-Request-Method", "POST"),
            ],
            "",
        );
        assert_eq!(
            preflight.header("access-control-allow-origin"),
            None,
            "{path}"
        );
    }
    let page = server.raw(
        "GET",
        "/v2/languages",
        &[("Origin", "https://evil.example")],
        "",
    );
    assert_eq!(page.header("access-control-allow-origin"), None);

    let bad = Command::new(env!("CARGO_BIN_EXE_tact"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--cors-origin",
            "https://help.example.com/",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("is not an origin"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

#[test]
fn unknown_rules_and_categories_are_a_400_with_a_hint() {
    let server = Server::start();
    let hint = "unknown rule or pack `gotcha.clam-down` (did you mean `gotcha.calm-down`?)\n";
    let (status, body) = server.post(
        "/api/v1/check",
        "application/json",
        r#"{"text": "Calm down.", "only": ["gotcha.clam-down"]}"#,
    );
    assert_eq!((status, body.as_str()), (400, hint));
    let (status, body) = server.post(
        "/api/v1/check",
        "application/json",
        r#"{"text": "Calm down.", "disable": ["pasive"]}"#,
    );
    assert_eq!(status, 400);
    assert!(
        body.contains("`pasive` (did you mean `passive`?)"),
        "{body}"
    );
    let (status, body) = server.post(
        "/api/v1/check",
        "application/json",
        r#"{"text": "Calm down.", "only": ["gotcha"], "disable": ["gotcha.as-i-said", "PASSIVE"]}"#,
    );
    assert_eq!(status, 200, "{body}");

    let text = ("text", "Calm down, as I said.");
    let en = ("language", "en-US");
    for key in ["enabledRules", "disabledRules"] {
        let (status, body) = server.form(&[text, en, (key, "gotcha.as-i-said,gotcha.clam-down")]);
        assert_eq!((status, body.as_str()), (400, hint), "{key}");
    }
    for key in ["enabledCategories", "disabledCategories"] {
        let (status, body) = server.form(&[text, en, (key, "GOTCHAA"), ("enabledOnly", "true")]);
        assert_eq!(status, 400, "{key}");
        assert!(
            body.contains("`GOTCHAA` (did you mean `GOTCHA`?)"),
            "{key}: {body}"
        );
        let (status, body) = server.form(&[text, en, (key, "GOTCHA,passive")]);
        assert_eq!(status, 200, "{key}: {body}");
    }
}

#[test]
fn auto_is_answered_with_the_language_checked() {
    let server = Server::start();
    for (asked, name, code) in [
        ("auto", "English (US)", "en-US"),
        ("en", "English (US)", "en-US"),
        ("en-US", "English (US)", "en-US"),
        ("en-GB", "English (GB)", "en-GB"),
    ] {
        let (status, body) = server.form(&[("text", "Calm down."), ("language", asked)]);
        assert_eq!(status, 200, "{body}");
        let json: Value = serde_json::from_str(&body).unwrap();
        let language = &json["language"];
        assert_eq!(language["code"], code, "{asked}");
        assert_eq!(language["name"], name, "{asked}");
        assert_eq!(language["detectedLanguage"]["code"], code, "{asked}");
        assert_eq!(language["detectedLanguage"]["name"], name, "{asked}");
    }
}
