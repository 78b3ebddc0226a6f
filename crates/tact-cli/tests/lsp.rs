//! `tact lsp` at the protocol level: the real binary, JSON-RPC over its
//! standard input and output, as an editor drives it.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Longest wait for a message that must come.
const WAIT: Duration = Duration::from_secs(20);

/// A client: the server process, what it sends, and ids for requests.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications read while waiting for something else.
    seen: Vec<Value>,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tact"))
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tact lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = channel();
        std::thread::spawn(move || loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if out.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    length = n.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; length.expect("every message has a length")];
            out.read_exact(&mut body).unwrap();
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 1,
            seen: Vec::new(),
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Send a request and wait for its response's result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let response = self.wait(|m| m["id"] == id && m.get("method").is_none());
        assert!(response.get("error").is_none(), "{response}");
        response["result"].clone()
    }

    /// The next message for which `want` holds (earlier ones kept in
    /// `seen`); requests from the server are answered as they come.
    fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no such message; saw {:#?}", self.seen));
            if m.get("id").is_some() && m.get("method").is_some() {
                let id = m["id"].clone();
                self.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }));
            }
            if want(&m) {
                return m;
            }
            self.seen.push(m);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        self.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            ["params"]
            .clone()
    }

    /// Every message that comes within `window`.
    fn drain(&mut self, window: Duration) -> Vec<Value> {
        let deadline = Instant::now() + window;
        let mut got = Vec::new();
        while let Ok(m) = self
            .messages
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            got.push(m);
        }
        got
    }

    fn initialize(&mut self, root: &std::path::Path, capabilities: Value) -> Value {
        self.initialize_with(root, capabilities, Value::Null)
    }

    fn initialize_with(
        &mut self,
        root: &std::path::Path,
        capabilities: Value,
        options: Value,
    ) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "workspaceFolders": [{ "uri": uri(root), "name": "w" }],
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": language, "version": 1, "text": text
            }}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }],
            }),
        );
    }

    /// Shut down and exit as the protocol says; the exit status.
    fn stop(mut self) -> std::process::ExitStatus {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

fn workspace() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Rules of a publication's diagnostics, with their start positions.
fn found(published: &Value) -> Vec<(String, u64, u64)> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A Markdown reply: a finding after an accent and an emoji, the same
/// words in a code block, and a second finding.
const REPLY: &str = "Héllo 🙂, as I said, the fee is gone.\n\n```\nAs I said, code.\n```\n\nPer my last email, the refund is sent.\n";

#[test]
fn positions_count_in_the_encoding_agreed_on() {
    let ws = workspace();
    let doc = uri(&ws.path().join("reply.md"));
    // "Héllo 🙂, " is 13 bytes and 10 UTF-16 units.
    for (offered, agreed, column) in [
        (json!(["utf-8", "utf-16"]), "utf-8", 13),
        (json!(["utf-16"]), "utf-16", 10),
        (Value::Null, "utf-16", 10),
    ] {
        let mut client = Client::start();
        let init = client.initialize_with(
            ws.path(),
            json!({ "general": { "positionEncodings": offered } }),
            json!({ "only": ["gotcha"] }),
        );
        assert_eq!(init["capabilities"]["positionEncoding"], agreed);
        assert_eq!(init["capabilities"]["textDocumentSync"], 1, "full sync");
        client.open(&doc, "markdown", REPLY);
        let published = client.diagnostics(&doc);
        assert_eq!(published["version"], 1);
        assert_eq!(
            found(&published),
            vec![
                ("gotcha.as-i-said".to_string(), 0, column),
                ("gotcha.per-my-last-email".to_string(), 6, 0),
            ],
            "the code block is left alone; {agreed}"
        );
        let first = &published["diagnostics"][0];
        assert_eq!(first["severity"], 2, "a warning");
        assert_eq!(first["source"], "tact");
        assert!(first["message"].as_str().unwrap().contains("To recap"));
        assert!(client.stop().success());
    }
}

#[test]
fn a_burst_of_changes_is_linted_once_and_the_latest_version_wins() {
    let ws = workspace();
    let doc = uri(&ws.path().join("draft.txt"));
    let mut client = Client::start();
    client.initialize(ws.path(), json!({}));
    client.open(&doc, "plaintext", "Thanks for writing in.");
    assert_eq!(found(&client.diagnostics(&doc)), vec![]);
    let mut text = String::from("Thanks");
    for version in 2..=30 {
        text.push_str(if version == 30 {
            ". As I said, no."
        } else {
            " very"
        });
        client.change(&doc, version, &text);
    }
    let last = client.diagnostics(&doc);
    assert_eq!(last["version"], 30, "{last}");
    assert_eq!(found(&last)[0].0, "gotcha.as-i-said");
    let later = client.drain(Duration::from_millis(600));
    assert!(
        later
            .iter()
            .all(|m| m["method"] != "textDocument/publishDiagnostics"),
        "nothing is published for an older version after the latest: {later:#?}"
    );
    let stale = client
        .seen
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .count();
    assert!(
        stale <= 3,
        "the burst is linted about once, not {stale} times"
    );
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": doc } }),
    );
    assert_eq!(
        found(&client.diagnostics(&doc)),
        vec![],
        "closing clears them"
    );
    assert!(client.stop().success());
}

/// Apply a client's text edits (line, character in UTF-8 bytes) to `text`.
fn apply(text: &str, edits: &Value) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + p["character"].as_u64().unwrap() as usize
    };
    let mut edits: Vec<&Value> = edits.as_array().unwrap().iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(&e["range"]["start"])));
    let mut out = text.to_string();
    for e in edits {
        let range = offset(&e["range"]["start"])..offset(&e["range"]["end"]);
        out.replace_range(range, e["newText"].as_str().unwrap());
    }
    out
}

#[test]
fn code_actions_are_plain_edits_that_fix_or_silence_a_finding() {
    let ws = workspace();
    let doc = uri(&ws.path().join("macro.md"));
    let mut client = Client::start();
    client.initialize_with(
        ws.path(),
        json!({ "general": { "positionEncodings": ["utf-8"] } }),
        json!({ "only": ["gotcha"] }),
    );
    client.open(&doc, "markdown", REPLY);
    let published = client.diagnostics(&doc);
    let email = published["diagnostics"][1].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": doc },
            "range": email["range"],
            "context": { "diagnostics": [email] },
        }),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        vec![
            "Replace with \"To recap\"",
            "Disable gotcha.per-my-last-email for this line",
            "Fix all safe tact findings (1)",
        ]
    );
    let replace = &actions[0];
    assert_eq!(replace["kind"], "quickfix");
    assert_eq!(replace["isPreferred"], true, "a safe fix");
    assert!(replace.get("command").is_none(), "a plain edit, no command");
    let edits = &replace["edit"]["changes"][&doc];
    assert_eq!(
        apply(REPLY, edits).lines().nth(6),
        Some("To recap, the refund is sent.")
    );

    // The suppression comment the action writes silences the finding.
    let silenced = apply(REPLY, &actions[1]["edit"]["changes"][&doc]);
    assert!(silenced.contains(
        "\nPer my last email<!-- tact-disable-line gotcha.per-my-last-email -->, the refund"
    ));
    client.change(&doc, 2, &silenced);
    let after = client.diagnostics(&doc);
    assert_eq!(after["version"], 2);
    assert_eq!(found(&after).len(), 1, "{after}");
    assert_eq!(found(&after)[0].0, "gotcha.as-i-said");

    // "As I said" has only an unsafe fix: offered, not preferred, and
    // never part of "fix all".
    let said = after["diagnostics"][0].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": doc },
            "range": said["range"],
            "context": { "diagnostics": [said], "only": ["quickfix"] },
        }),
    );
    assert_eq!(
        actions[0]["title"],
        "Replace with \"to recap\" (read it first)"
    );
    assert_eq!(actions[0]["isPreferred"], false);
    assert_eq!(
        actions.as_array().unwrap().len(),
        2,
        "no source action when only quick fixes are asked for"
    );
    let fix_all = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": doc },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [], "only": ["source.fixAll"] },
        }),
    );
    assert_eq!(fix_all, json!([]), "no safe fix is left");
    assert!(client.stop().success());
}

/// Code actions for a range: the findings it holds, and whatever `only`
/// asks for.
fn actions_at(client: &mut Client, doc: &str, range: &Value, only: Option<&str>) -> Value {
    let mut context = json!({ "diagnostics": [] });
    if let Some(kind) = only {
        context["only"] = json!([kind]);
    }
    client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": doc }, "range": range, "context": context }),
    )
}

#[test]
fn html_findings_are_silenced_inline_and_fix_all_applies_every_safe_fix() {
    let ws = workspace();
    let doc = uri(&ws.path().join("reply.html"));
    let mut client = Client::start();
    client.initialize_with(
        ws.path(),
        json!({ "general": { "positionEncodings": ["utf-8"] } }),
        json!({ "only": ["gotcha"] }),
    );
    let html = "<p>Per my last email, the refund is sent.</p>\n<p>Hi. As previously stated, it takes\nfive days. As I said, no.</p>\n";
    client.open(&doc, "html", html);
    let published = client.diagnostics(&doc);
    assert_eq!(
        found(&published),
        vec![
            ("gotcha.per-my-last-email".to_string(), 0, 3),
            ("gotcha.as-previously-stated".to_string(), 1, 7),
            ("gotcha.as-i-said".to_string(), 2, 11),
        ]
    );

    // The suppression comment goes inline, after the flagged words: inside
    // the paragraph, never inside a tag.
    let said = published["diagnostics"][2]["range"].clone();
    let actions = actions_at(&mut client, &doc, &said, Some("quickfix"));
    let disable = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Disable gotcha.as-i-said for this line")
        .unwrap_or_else(|| panic!("no suppression among {actions:#}"));
    assert!(disable.get("command").is_none(), "a plain edit");
    let silenced = apply(html, &disable["edit"]["changes"][&doc]);
    assert_eq!(
        silenced,
        html.replace(
            "As I said, no.",
            "As I said<!-- tact-disable-line gotcha.as-i-said -->, no."
        )
    );
    client.change(&doc, 2, &silenced);
    let after = client.diagnostics(&doc);
    assert_eq!(after["version"], 2);
    assert_eq!(
        found(&after),
        vec![
            ("gotcha.per-my-last-email".to_string(), 0, 3),
            ("gotcha.as-previously-stated".to_string(), 1, 7),
        ],
        "the comment silences its finding alone"
    );

    // "Fix all" from anywhere in the document: both safe fixes, one edit
    // each, and once applied nothing is left to fix.
    let start =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } });
    let all = actions_at(&mut client, &doc, &start, Some("source.fixAll"));
    assert_eq!(all.as_array().unwrap().len(), 1, "{all:#}");
    assert_eq!(all[0]["title"], "Fix all safe tact findings (2)");
    assert_eq!(all[0]["kind"], "source.fixAll.tact");
    let edits = &all[0]["edit"]["changes"][&doc];
    assert_eq!(edits.as_array().unwrap().len(), 2);
    let fixed = apply(&silenced, edits);
    assert_eq!(
        fixed,
        "<p>To recap, the refund is sent.</p>\n<p>Hi. To recap, it takes\nfive days. As I said<!-- tact-disable-line gotcha.as-i-said -->, no.</p>\n"
    );
    client.change(&doc, 3, &fixed);
    assert_eq!(found(&client.diagnostics(&doc)), vec![]);
    let none = actions_at(&mut client, &doc, &start, Some("source.fixAll"));
    assert_eq!(none, json!([]), "no safe fix is left");
    assert!(client.stop().success());
}

#[test]
fn formats_follow_the_language_and_keys_are_left_alone() {
    let ws = workspace();
    std::fs::write(ws.path().join("tact.toml"), "columns = [\"As I said\"]\n").unwrap();
    let mut client = Client::start();
    client.initialize_with(ws.path(), json!({}), json!({ "only": ["gotcha"] }));
    let json_doc = uri(&ws.path().join("macros.json"));
    client.open(&json_doc, "json", r#"{"As I said": "As I said, no."}"#);
    assert_eq!(
        found(&client.diagnostics(&json_doc)),
        vec![("gotcha.as-i-said".to_string(), 0, 15)]
    );
    let html = uri(&ws.path().join("reply.html"));
    client.open(
        &html,
        "html",
        "<p title=\"As I said\">Hi. <b>As I said</b>, no.</p>",
    );
    assert_eq!(
        found(&client.diagnostics(&html)),
        vec![("gotcha.as-i-said".to_string(), 0, 28)]
    );
    // No extension: the language alone says YAML, whose keys are never
    // linted.
    let yaml = uri(&ws.path().join("macros"));
    client.open(&yaml, "yaml", "As I said: As I said, no.\n");
    assert_eq!(
        found(&client.diagnostics(&yaml)),
        vec![("gotcha.as-i-said".to_string(), 0, 11)]
    );
    // CSV: the header names columns and is not linted, and the config's
    // `columns` leaves the `title` column out.
    let csv = uri(&ws.path().join("replies"));
    client.open(
        &csv,
        "csv",
        "title,As I said\nAs I said,\"Hi, as I said, no.\"\n",
    );
    assert_eq!(
        found(&client.diagnostics(&csv)),
        vec![("gotcha.as-i-said".to_string(), 1, 15)]
    );
    assert!(client.stop().success());
}

#[test]
fn the_nearest_config_is_reloaded_when_it_changes_and_its_errors_are_shown_on_it() {
    let ws = workspace();
    let config = ws.path().join("tact.toml");
    std::fs::write(&config, "fail-on = \"warning\"\n").unwrap();
    std::fs::create_dir(ws.path().join("macros")).unwrap();
    let doc = uri(&ws.path().join("macros/reply.txt"));
    let mut client = Client::start();
    let capabilities =
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    client.initialize(ws.path(), capabilities);
    let registration = client.wait(|m| m["method"] == "client/registerCapability");
    assert_eq!(
        registration["params"]["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"],
        "**/tact.toml"
    );
    client.open(&doc, "plaintext", "As I said, no.");
    assert_eq!(found(&client.diagnostics(&doc)).len(), 1);

    let changed = json!({ "changes": [{ "uri": uri(&config), "type": 2 }] });
    std::fs::write(&config, "disable = [\"gotcha.as-i-said\"]\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed.clone());
    assert_eq!(found(&client.diagnostics(&doc)), vec![], "the rule is off");

    std::fs::write(
        &config,
        "disable = [\"gotcha.as-i-said\"]\nreply-unit = \"sentence\"\n",
    )
    .unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed.clone());
    let on_config = client.diagnostics(&uri(&config));
    let error = &on_config["diagnostics"][0];
    assert_eq!(error["severity"], 1);
    assert_eq!(error["range"]["start"]["line"], 1, "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("invalid config"),
        "{error}"
    );

    std::fs::write(&config, "disable = [\"gotcha.as-i-said\"]\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed);
    assert_eq!(
        found(&client.diagnostics(&uri(&config))),
        vec![],
        "the error is cleared"
    );
    assert!(client.stop().success());
}

#[test]
fn initialization_options_turn_packs_off() {
    let ws = workspace();
    let doc = uri(&ws.path().join("reply.txt"));
    let mut client = Client::start();
    client.initialize_with(
        ws.path(),
        json!({}),
        json!({ "disable": ["gotcha", "next-step"] }),
    );
    client.open(&doc, "plaintext", "As I said, your account was suspended.");
    let rules: Vec<String> = found(&client.diagnostics(&doc))
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(rules, vec!["passive.evasive".to_string()]);
    assert!(client.stop().success());
}

#[test]
fn a_client_that_cannot_watch_files_still_sees_a_new_config() {
    let ws = workspace();
    let doc = uri(&ws.path().join("reply.txt"));
    let mut client = Client::start();
    client.initialize(ws.path(), json!({}));
    client.open(&doc, "plaintext", "As I said, no.");
    assert!(found(&client.diagnostics(&doc))
        .iter()
        .any(|f| f.0 == "gotcha.as-i-said"));
    // No notification: the server looks at the config files itself.
    std::fs::write(ws.path().join("tact.toml"), "disable = [\"gotcha\"]\n").unwrap();
    let after = client.diagnostics(&doc);
    assert!(
        found(&after).iter().all(|f| f.0 != "gotcha.as-i-said"),
        "{after}"
    );
    assert!(client.stop().success());
}

#[test]
fn a_document_closed_and_opened_again_is_linted_as_it_is_now() {
    let ws = workspace();
    let doc = uri(&ws.path().join("reply.txt"));
    let mut client = Client::start();
    client.initialize_with(ws.path(), json!({}), json!({ "only": ["gotcha"] }));
    // Closed while its lint runs, and opened again at the same version (as
    // editors do) with new text: the old lint must not land on it.
    client.open(&doc, "plaintext", &"As I said, no.\n".repeat(20000));
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": doc } }),
    );
    client.open(&doc, "plaintext", "Thanks, done.");
    let published: Vec<Value> = client
        .drain(Duration::from_secs(3))
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    let last = published.last().expect("the new text is linted");
    assert_eq!(found(&last["params"]), vec![], "{published:#?}");
    assert!(
        published.iter().all(|m| found(&m["params"]).len() < 20000),
        "the old lint is dropped"
    );
    assert!(client.stop().success());
}

#[test]
fn a_document_its_format_cannot_read_says_so() {
    let ws = workspace();
    let doc = uri(&ws.path().join("macros.json"));
    let mut client = Client::start();
    client.initialize(ws.path(), json!({}));
    client.open(&doc, "json", "{\"body\": \"As I said");
    let published = client.diagnostics(&doc);
    let d = &published["diagnostics"][0];
    assert_eq!(d["code"], "tact.unreadable", "{published}");
    assert!(d["message"].as_str().unwrap().contains("JSON"), "{d}");
    assert!(client.stop().success());
}

#[test]
fn opening_a_broken_config_keeps_its_error() {
    let ws = workspace();
    let config = ws.path().join("tact.toml");
    std::fs::write(&config, "disable = [\"nosuchpack\"]\n").unwrap();
    let mut client = Client::start();
    client.initialize(ws.path(), json!({}));
    let doc = uri(&ws.path().join("reply.txt"));
    client.open(&doc, "plaintext", "As I said, no.");
    let on_config = client.diagnostics(&uri(&config));
    assert!(on_config["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("nosuchpack"));
    client.open(&uri(&config), "toml", "disable = [\"nosuchpack\"]\n");
    let later = client.drain(Duration::from_millis(500));
    assert!(
        later
            .iter()
            .all(|m| m["params"]["uri"] != uri(&config).as_str()),
        "nothing clears the error: {later:#?}"
    );
    // Gone from disk: its error goes with it.
    std::fs::remove_file(&config).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&config), "type": 3 }] }),
    );
    assert_eq!(found(&client.diagnostics(&uri(&config))), vec![]);
    assert!(client.stop().success());
}
