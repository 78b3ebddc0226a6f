//! What every request shares (the linter, the config, the limits) and what
//! each handler uses to read its request and to answer it.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
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

/// How long the server waits for each thing a client does, and how much it
/// takes on at once (`tact serve --help` names the flags).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// For a request's headers, from when the connection opens or answers
    /// its previous request.
    pub header: Duration,
    /// For a request's body, once its headers are in.
    pub body: Duration,
    /// For a connection that sends nothing and waits for no answer.
    pub idle: Duration,
    /// For one request's linting, including its wait for a free thread.
    pub lint: Duration,
    /// For connections still open when the server is told to stop.
    pub shutdown: Duration,
    /// Connections open at once; more wait to be accepted.
    pub max_connections: usize,
}

/// What every request shares: the linter is built once, at start-up.
pub struct State {
    linter: Linter,
    config: Config,
    fields: Fields,
    ignores_used: Vec<lint::IgnoreUse>,
    pub limits: Limits,
    /// Drafts linted at once: each holds its text and findings in memory.
    linting: tokio::sync::Semaphore,
    /// The enabled rules' ids, and their packs' names: what a request's
    /// rule selection may name.
    rule_ids: Vec<String>,
    packs: Vec<String>,
    /// The origins a browser may call the APIs from (`--cors-origin`);
    /// none: `/v2/*` any origin, as LanguageTool's server, and
    /// `/api/v1/*` its own only.
    pub cors_origins: Vec<String>,
}

impl State {
    pub fn new(linter: Linter, config: Config, limits: Limits) -> State {
        let fields = Fields::new(config.keys.clone(), config.columns.clone());
        let ignores_used = lint::IgnoreUse::for_config(&config);
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let rule_ids = linter.rules().map(|(r, _)| r.id.clone()).collect();
        let mut packs: Vec<String> = linter.rules().map(|(r, _)| r.pack().to_string()).collect();
        packs.sort_unstable();
        packs.dedup();
        State {
            linter,
            config,
            fields,
            ignores_used,
            limits,
            linting: tokio::sync::Semaphore::new(2 * threads),
            rule_ids,
            packs,
            cors_origins: Vec::new(),
        }
    }

    /// The same state, answering browsers from these origins only.
    #[must_use]
    pub fn with_cors_origins(mut self, origins: Vec<String>) -> State {
        self.cors_origins = origins;
        self
    }

    /// A 400 for the first of `names` that is neither an enabled rule's id
    /// nor a pack's name (in any case, as LanguageTool's categories are),
    /// with the closest as a hint, as `tact check --only` says it.
    pub fn unknown_rule<'a>(
        &self,
        names: impl IntoIterator<Item = &'a String>,
    ) -> Option<Response> {
        let name = names.into_iter().find(|n| {
            !self.rule_ids.contains(n) && !self.packs.iter().any(|p| p.eq_ignore_ascii_case(n))
        })?;
        let candidates = self.rule_ids.iter().chain(&self.packs).map(String::as_str);
        let error = tact::SelectionError::UnknownRule {
            name: name.clone(),
            did_you_mean: tact::did_you_mean(name, candidates),
        };
        Some(bad_request(error.to_string()))
    }

    /// A 400 for the first of `names` that is no pack's name in any case:
    /// LanguageTool's categories are tact's packs, in upper case.
    pub fn unknown_category<'a>(
        &self,
        names: impl IntoIterator<Item = &'a String>,
    ) -> Option<Response> {
        let name = names
            .into_iter()
            .find(|n| !self.packs.iter().any(|p| p.eq_ignore_ascii_case(n)))?;
        let upper: Vec<String> = self.packs.iter().map(|p| p.to_ascii_uppercase()).collect();
        let hint = match tact::did_you_mean(
            &name.to_ascii_uppercase(),
            upper.iter().map(String::as_str),
        ) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the categories are tact's packs: {}", upper.join(", ")),
        };
        Some(bad_request(format!("unknown category `{name}` ({hint})")))
    }

    /// Lint on the blocking pool within the time budget; the response to
    /// send instead when the budget runs out (503) or linting failed (500).
    pub async fn lint_in_budget(
        self: Arc<Self>,
        path: String,
        text: String,
        format: InputFormat,
    ) -> Result<FileReport, Response> {
        let budget = self.limits.lint;
        let work = async move {
            let _permit = self
                .linting
                .acquire()
                .await
                .expect("the semaphore is never closed");
            let state = self.clone();
            tokio::task::spawn_blocking(move || state.lint(&path, text, format)).await
        };
        match tokio::time::timeout(budget, work).await {
            Ok(Ok(report)) => Ok(report),
            Ok(Err(_)) => Err(plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "tact failed on this text; please report it with the text\n".into(),
            )),
            Err(_) => Err(plain(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "linting took longer than the budget of {} ms; try a shorter text\n",
                    budget.as_millis()
                ),
            )),
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
            keep_replies: false,
            group_by: None,
            // One request's text is what the customer receives at once.
            reply_unit: tact::ReplyUnit::File,
        };
        let input = Input::whole(path.to_string(), format, Ok(text));
        lint::lint(input, &cx)
    }
}

/// The request body, or the response to send instead (413 when too large,
/// 408 when it does not arrive within the body timeout).
pub async fn read_body(body: Body, timeout: Duration) -> Result<Bytes, Response> {
    match tokio::time::timeout(timeout, read_limited(body)).await {
        Ok(read) => read,
        Err(_) => Err(plain(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request body did not arrive within {} ms\n",
                timeout.as_millis()
            ),
        )),
    }
}

async fn read_limited(mut body: Body) -> Result<Bytes, Response> {
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
        return Err(plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body over the limit of {BODY_LIMIT} bytes\n"),
        ));
    }
    Ok(data.into())
}

/// A 400 with a message saying what was wrong with the request.
pub fn bad_request(message: impl Into<String>) -> Response {
    plain(StatusCode::BAD_REQUEST, format!("{}\n", message.into()))
}

pub fn plain(status: StatusCode, message: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

pub fn json_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Whether a finding survives a request's rule selection: `only` (when not
/// empty) and `disable` name rule ids or pack names.
pub fn selected(rule: &str, only: &[String], disable: &[String]) -> bool {
    let pack = rule.split_once('.').map_or(rule, |(p, _)| p);
    let named = |list: &[String]| {
        list.iter()
            .any(|r| r == rule || r.eq_ignore_ascii_case(pack))
    };
    (only.is_empty() || named(only)) && !named(disable)
}

/// Comma-separated list, blanks dropped.
pub fn list(s: Option<&str>) -> Vec<String> {
    s.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}
