//! `tact serve`: tact over HTTP, where reps type. It speaks LanguageTool's
//! API (`/v2/check`, `/v2/languages`), so the browser add-ons, editor plugins
//! and client libraries that already let a user name their own LanguageTool
//! server show tact's findings unchanged; it answers the version-1 JSON
//! contract at `/api/v1/check`; and it serves a paste-and-check page at `/`.
//!
//! axum on tokio: the most used Rust HTTP stack, with body limits, graceful
//! shutdown and a multi-threaded runtime built in. Linting is CPU work, so it
//! runs on tokio's blocking pool and never stalls the connections.

mod languagetool;
mod native;

use std::net::SocketAddr;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body_util::BodyExt;
use miette::Report;
use tact::Linter;

use crate::config::Config;
use crate::input::Input;
use crate::lint;
use crate::render::FileReport;
use crate::source::{Fields, InputFormat};

/// The largest request body accepted (LanguageTool's own servers refuse
/// texts far shorter); larger is a 413.
pub const BODY_LIMIT: usize = 1 << 20;

/// A body over the limit is still read, up to this much, before the 413, so
/// the client is answered rather than cut off mid-upload; past it the
/// connection is closed.
const DRAIN_LIMIT: usize = 64 << 20;

/// What every request shares: the linter is built once, at start-up.
pub struct State {
    linter: Linter,
    config: Config,
    fields: Fields,
    ignores_used: Vec<AtomicBool>,
}

impl State {
    pub fn new(linter: Linter, config: Config) -> State {
        let fields = Fields {
            keys: config.keys.clone(),
            columns: config.columns.clone(),
        };
        let ignores_used = config
            .ignores
            .iter()
            .map(|_| AtomicBool::new(false))
            .collect();
        State {
            linter,
            config,
            fields,
            ignores_used,
        }
    }

    /// Lint one draft as `check` would lint a file of this format.
    fn lint(&self, path: &str, text: String, format: InputFormat) -> FileReport {
        let cx = lint::Context {
            linter: &self.linter,
            fields: &self.fields,
            config: &self.config,
            ignores_used: &self.ignores_used,
            report_unused: false,
        };
        let input = Input::whole(path.to_string(), format, Ok(text));
        lint::lint(input, &cx)
    }
}

pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/v2/languages", get(languagetool::languages))
        .route(
            "/v2/check",
            post(languagetool::check_post).get(languagetool::check_get),
        )
        // As LanguageTool's own server: add-ons call it from web pages.
        .layer(axum::middleware::map_response(any_origin))
        .route("/api/v1/check", post(native::check))
        .layer(DefaultBodyLimit::disable())
        .with_state(state)
}

/// Serve until SIGINT or SIGTERM, then finish the requests in flight.
pub fn run(addr: SocketAddr, state: State) -> Result<(), Report> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| miette::miette!("cannot start the server: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| miette::miette!("cannot listen on {addr}: {e}"))?;
        let bound = listener
            .local_addr()
            .map_err(|e| miette::miette!("cannot listen on {addr}: {e}"))?;
        crate::commands::eprintln_safe(&format!("tact serve: listening on http://{bound}/"));
        axum::serve(listener, router(Arc::new(state)))
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| miette::miette!("server error: {e}"))
    })
}

async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

async fn any_origin(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        header::HeaderValue::from_static("*"),
    );
    response
}

async fn page() -> Html<&'static str> {
    Html(include_str!("page.html"))
}

/// The request body, or the response to send instead (413 when too large).
async fn read_body(mut body: Body) -> Result<Bytes, Response> {
    let mut data = Vec::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| bad_request(format!("cannot read the request body: {e}")))?;
        if let Ok(chunk) = frame.into_data() {
            total += chunk.len();
            if total <= BODY_LIMIT {
                data.extend_from_slice(&chunk);
            } else if total > DRAIN_LIMIT {
                break;
            }
        }
    }
    if total > BODY_LIMIT {
        return Err((
            StatusCode::PAYLOAD_TOO_LARGE,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("request body over the limit of {BODY_LIMIT} bytes\n"),
        )
            .into_response());
    }
    Ok(data.into())
}

/// A 400 with a message saying what was wrong with the request.
fn bad_request(message: impl Into<String>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{}\n", message.into()),
    )
        .into_response()
}

fn json_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Whether a finding survives a request's rule selection: `only` (when not
/// empty) and `disable` name rule ids or pack names.
fn selected(rule: &str, only: &[String], disable: &[String]) -> bool {
    let pack = rule.split_once('.').map_or(rule, |(p, _)| p);
    let named = |list: &[String]| {
        list.iter()
            .any(|r| r == rule || r.eq_ignore_ascii_case(pack))
    };
    (only.is_empty() || named(only)) && !named(disable)
}

/// Comma-separated list, blanks dropped.
fn list(s: Option<&str>) -> Vec<String> {
    s.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}
