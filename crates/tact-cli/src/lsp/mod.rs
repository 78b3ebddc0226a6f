//! `tact lsp`: a language server over standard input and output, built on
//! `tower-lsp-server` (the maintained fork of `tower-lsp` that harper-ls and
//! typos-lsp use): it speaks the protocol, and tact already runs tokio for
//! `tact serve`.
//!
//! Documents are synced whole. A change is linted after a short pause
//! (keystrokes in a burst give one lint), on a blocking thread so that the
//! server goes on reading messages, and its findings are published only
//! if nothing newer came in meanwhile (a change, the document closed and
//! opened again, its config changed): the latest wins. Each
//! document is linted as `tact check` would lint the file: its format from
//! the config's `[formats]`, its `languageId` or its extension, and the
//! nearest `tact.toml`, which is reloaded when it changes.

mod actions;
mod position;
mod workspace;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tower_lsp_server::jsonrpc::Result as RpcResult;
use tower_lsp_server::ls_types::{
    CodeActionOptions, CodeActionParams, CodeActionProviderCapability, CodeActionResponse,
    Diagnostic, DiagnosticSeverity, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    InitializeParams, InitializeResult, InitializedParams, MessageType, Registration,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use crate::input::Input;
use crate::lint;
use crate::render::FileReport;
use crate::source::InputFormat;
use position::{Encoding, Lines};
use workspace::{ConfigError, Options, Stamp, Workspace};

/// How long a document must stay unchanged before it is linted: long
/// enough to take a burst of keystrokes as one change, short enough not
/// to be noticed.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// How often the config files in use are looked at, for clients that
/// cannot watch files for the server.
const POLL: Duration = Duration::from_secs(1);

/// Serve one client over standard input and output until it says `exit`.
pub fn run() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (service, socket) = LspService::new(|client| Backend {
            client,
            shared: Arc::default(),
        });
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    // Lints still running on blocking threads are of no use any more.
    runtime.shutdown_background();
    Ok(())
}

struct Backend {
    client: Client,
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    /// Set once, by `initialize`.
    workspace: OnceLock<Workspace>,
    encoding: OnceLock<Encoding>,
    /// Whether the client watches config files for the server.
    watching: OnceLock<bool>,
    state: Mutex<State>,
    /// Held from the check that a lint is of the latest generation to its
    /// publication, so an older lint never publishes after a newer one.
    publishing: tokio::sync::Mutex<()>,
    /// The last generation handed out.
    generations: std::sync::atomic::AtomicU64,
}

#[derive(Default)]
struct State {
    docs: HashMap<Uri, Doc>,
    /// Config files whose errors are shown on them, to clear once fixed.
    config_errors: HashSet<Uri>,
    /// Whether the client's options were found broken (said once).
    said_options: bool,
}

struct Doc {
    text: Arc<str>,
    version: i32,
    /// Bumped whenever what the document's lint would give may change: it
    /// was opened (again), changed, or its config changed. Only a lint of
    /// the latest generation is published.
    generation: u64,
    language: String,
    /// The lint of the latest version, once it is done.
    linted: Option<Arc<Linted>>,
}

/// A document's lint, kept for its code actions.
struct Linted {
    generation: u64,
    stamp: Stamp,
    report: FileReport,
}

impl Shared {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn workspace(&self) -> &Workspace {
        self.workspace
            .get_or_init(|| Workspace::new(None, Options::default()))
    }

    fn next_generation(&self) -> u64 {
        1 + self
            .generations
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    /// Start a new generation of the document at `uri`, if it is open.
    fn bump(&self, uri: &Uri) -> Option<u64> {
        let generation = self.next_generation();
        let mut state = self.state();
        let doc = state.docs.get_mut(uri)?;
        doc.generation = generation;
        Some(generation)
    }

    fn encoding(&self) -> Encoding {
        self.encoding.get().copied().unwrap_or(Encoding::Utf16)
    }

    /// Lint a document's text as the file at its path would be linted;
    /// the error, if its config could not be used.
    fn lint(
        &self,
        uri: &Uri,
        text: &str,
        language: &str,
        generation: u64,
    ) -> (Option<Linted>, Stamp, Option<Arc<ConfigError>>) {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let stamp = self.workspace().stamp(path.as_deref());
        if path.as_deref().is_some_and(is_config) {
            return (None, stamp, None);
        }
        let (setup, error) = self.workspace().setup(&stamp);
        let format = format_of(language, path.as_deref(), &setup.config);
        let excluded = path.as_deref().is_some_and(|p| setup.config.excludes(p));
        let shown = path.map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
        let report = if excluded {
            FileReport {
                path: shown,
                text: text.to_string(),
                origin: Default::default(),
                format: Some(format),
                diagnostics: Vec::new(),
                error: None,
                more: false,
                replies: Vec::new(),
            }
        } else {
            let ignores_used = lint::IgnoreUse::for_config(&setup.config);
            let cx = lint::Context {
                linter: &setup.linter,
                fields: &setup.fields,
                config: &setup.config,
                ignores_used: &ignores_used,
                report_unused: false,
                keep_replies: false,
                group_by: None,
                reply_unit: setup.config.reply_unit.unwrap_or_default(),
            };
            lint::lint(Input::whole(shown, format, Ok(text.to_string())), &cx)
        };
        let linted = Linted {
            generation,
            stamp: stamp.clone(),
            report,
        };
        (Some(linted), stamp, error)
    }
}

/// Whether a document is a config file: it is read as config, not prose.
fn is_config(path: &Path) -> bool {
    path.file_name() == Some(crate::config::FILE_NAME.as_ref())
}

/// A document's input format: the config's `[formats]` for its path, else
/// its language, else its extension, else plain text.
fn format_of(language: &str, path: Option<&Path>, config: &crate::config::Config) -> InputFormat {
    if let Some(f) = path.and_then(|p| config.format_of(p)) {
        return f;
    }
    match language {
        "markdown" | "mdx" => InputFormat::Markdown,
        "html" => InputFormat::Html,
        "json" | "jsonc" => InputFormat::Json,
        "yaml" => InputFormat::Yaml,
        "csv" => InputFormat::Csv,
        "plaintext" | "text" => InputFormat::Text,
        _ => path.and_then(InputFormat::of).unwrap_or(InputFormat::Text),
    }
}

/// Lint the document at `uri` if `generation` is still its latest, and
/// publish what it gives unless a newer one began meanwhile.
async fn lint(shared: Arc<Shared>, client: Client, uri: Uri, generation: u64) {
    let Some((text, language)) = shared
        .state()
        .docs
        .get(&uri)
        .filter(|d| d.generation == generation)
        .map(|d| (d.text.clone(), d.language.clone()))
    else {
        return;
    };
    let run = shared.clone();
    let target = uri.clone();
    let done =
        tokio::task::spawn_blocking(move || run.lint(&target, &text, &language, generation)).await;
    let (linted, stamp, error) = match done {
        Ok(done) => done,
        Err(e) => {
            let message = format!("tact could not lint {}: {e}", uri.as_str());
            client.log_message(MessageType::ERROR, message).await;
            return;
        }
    };
    // A config file is no prose: nothing to publish on it but its errors,
    // which the documents that use it publish.
    let Some(linted) = linted else { return };
    let _publishing = shared.publishing.lock().await;
    show_config_error(&shared, &client, &stamp, error.as_deref()).await;
    let (diagnostics, version) = {
        let mut state = shared.state();
        let Some(doc) = state
            .docs
            .get_mut(&uri)
            .filter(|d| d.generation == generation)
        else {
            return;
        };
        let lines = Lines::new(&linted.report.text, shared.encoding());
        let mut diagnostics: Vec<Diagnostic> = linted
            .report
            .diagnostics
            .iter()
            .map(|f| actions::diagnostic(f, &lines))
            .collect();
        if let Some(e) = &linted.report.error {
            diagnostics.push(actions::unreadable(e));
        }
        doc.linted = Some(Arc::new(linted));
        (diagnostics, doc.version)
    };
    client
        .publish_diagnostics(uri, diagnostics, Some(version))
        .await;
}

/// Show a config's error on the config file, or clear the one shown there
/// once the file loads.
async fn show_config_error(
    shared: &Shared,
    client: &Client,
    stamp: &Stamp,
    error: Option<&ConfigError>,
) {
    // Errors shown on a config that loads now, or is gone, are cleared.
    let loads = stamp
        .path
        .as_deref()
        .filter(|_| error.is_none())
        .and_then(Uri::from_file_path);
    let stale: Vec<Uri> = {
        let mut state = shared.state();
        let stale: Vec<Uri> = state
            .config_errors
            .iter()
            .filter(|u| Some(*u) == loads.as_ref() || u.to_file_path().is_none_or(|p| !p.exists()))
            .cloned()
            .collect();
        for u in &stale {
            state.config_errors.remove(u);
        }
        stale
    };
    for uri in stale {
        client.publish_diagnostics(uri, Vec::new(), None).await;
    }
    let Some(error) = error else {
        return;
    };
    let Some(uri) = error.file.as_deref().and_then(Uri::from_file_path) else {
        let first = !std::mem::replace(&mut shared.state().said_options, true);
        if first {
            let message = format!("tact: the initialization options: {}", error.message);
            client.show_message(MessageType::ERROR, message).await;
        }
        return;
    };
    let source = error
        .file
        .as_deref()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .unwrap_or_default();
    let lines = Lines::new(&source, shared.encoding());
    let span = error.span.clone().unwrap_or(0..0);
    let diagnostic = Diagnostic {
        range: lines.range(span.start, span.end),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("tact".into()),
        message: format!(
            "{}\n(the built-in defaults are used until it is fixed)",
            error.message
        ),
        ..Diagnostic::default()
    };
    shared.state().config_errors.insert(uri.clone());
    client
        .publish_diagnostics(uri, vec![diagnostic], None)
        .await;
}

impl Backend {
    /// Lint every open document again (a config changed).
    fn lint_all(&self) {
        let docs: Vec<Uri> = self.shared.state().docs.keys().cloned().collect();
        for uri in docs {
            if let Some(generation) = self.shared.bump(&uri) {
                tokio::spawn(lint(
                    self.shared.clone(),
                    self.client.clone(),
                    uri,
                    generation,
                ));
            }
        }
    }

    /// For clients that cannot watch files: look at the config files now
    /// and then, and lint again the documents whose config changed (was
    /// edited, appeared or went away).
    fn poll_configs(&self) {
        let (shared, client) = (self.shared.clone(), self.client.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(POLL);
            loop {
                tick.tick().await;
                let docs: Vec<(Uri, Stamp)> = shared
                    .state()
                    .docs
                    .iter()
                    .filter_map(|(u, d)| Some((u.clone(), d.linted.as_ref()?.stamp.clone())))
                    .collect();
                for (uri, stamp) in docs {
                    let path = uri.to_file_path().map(|p| p.into_owned());
                    if shared.workspace().stamp(path.as_deref()) == stamp {
                        continue;
                    }
                    if let Some(generation) = shared.bump(&uri) {
                        tokio::spawn(lint(shared.clone(), client.clone(), uri, generation));
                    }
                }
            }
        });
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> RpcResult<InitializeResult> {
        let encoding = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let _ = self.shared.encoding.set(encoding);
        #[allow(deprecated)]
        let root: Option<PathBuf> = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| &f.uri)
            .or(params.root_uri.as_ref())
            .and_then(|u| u.to_file_path().map(|p| p.into_owned()));
        let options = match params.initialization_options {
            None | Some(serde_json::Value::Null) => Options::default(),
            Some(value) => match serde_json::from_value(value) {
                Ok(options) => options,
                Err(e) => {
                    let message = format!("tact: initializationOptions ignored: {e}");
                    self.client.show_message(MessageType::ERROR, message).await;
                    Options::default()
                }
            },
        };
        let _ = self.shared.workspace.set(Workspace::new(root, options));
        let watches = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let _ = self.shared.watching.set(watches);
        if !watches {
            self.poll_configs();
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "tact".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Kind(
                    TextDocumentSyncKind::FULL,
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            tower_lsp_server::ls_types::CodeActionKind::QUICKFIX,
                            actions::fix_all_kind(),
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let watcher = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{}", crate::config::FILE_NAME)),
                kind: None,
            }],
        };
        let registration = Registration {
            id: "tact-config".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(watcher).ok(),
        };
        // Only asked of clients that said they can; one that cannot is
        // polled instead (see `initialize`).
        if self.shared.watching.get() == Some(&true) {
            let _ = self.client.register_capability(vec![registration]).await;
        }
    }

    async fn shutdown(&self) -> RpcResult<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let generation = self.shared.next_generation();
        self.shared.state().docs.insert(
            doc.uri.clone(),
            Doc {
                text: doc.text.into(),
                version: doc.version,
                generation,
                language: doc.language_id,
                linted: None,
            },
        );
        tokio::spawn(lint(
            self.shared.clone(),
            self.client.clone(),
            doc.uri,
            generation,
        ));
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        // Full sync: the last change is the whole text.
        let Some(change) = params.content_changes.into_iter().last() else {
            return;
        };
        let generation = self.shared.next_generation();
        {
            let mut state = self.shared.state();
            let Some(doc) = state.docs.get_mut(&uri) else {
                return;
            };
            doc.text = change.text.into();
            doc.version = version;
            doc.generation = generation;
        }
        let (shared, client) = (self.shared.clone(), self.client.clone());
        tokio::spawn(async move {
            tokio::time::sleep(DEBOUNCE).await;
            lint(shared, client, uri, generation).await;
        });
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let path = params.text_document.uri.to_file_path();
        if path.as_deref().is_some_and(is_config) {
            self.lint_all();
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.shared.state().docs.remove(&uri);
        let _publishing = self.shared.publishing.lock().await;
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        self.lint_all();
    }

    async fn code_action(&self, params: CodeActionParams) -> RpcResult<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some((linted, text, language, generation)) =
            self.shared.state().docs.get(&uri).map(|d| {
                (
                    d.linted.clone().filter(|l| l.generation == d.generation),
                    d.text.clone(),
                    d.language.clone(),
                    d.generation,
                )
            })
        else {
            return Ok(None);
        };
        // Asked before the latest version was linted: lint it now, so the
        // actions' ranges are those of the text the client has.
        let linted = match linted {
            Some(l) => l,
            None => {
                let shared = self.shared.clone();
                let target = uri.clone();
                let done = tokio::task::spawn_blocking(move || {
                    shared.lint(&target, &text, &language, generation).0
                })
                .await;
                match done {
                    Ok(Some(l)) => Arc::new(l),
                    _ => return Ok(None),
                }
            }
        };
        let lines = Lines::new(&linted.report.text, self.shared.encoding());
        let range = lines.offset(params.range.start)..lines.offset(params.range.end);
        let found = actions::actions(
            &uri,
            &linted.report,
            range,
            params.context.only.as_deref(),
            &lines,
        );
        Ok(Some(found))
    }
}
