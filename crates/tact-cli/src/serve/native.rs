//! `POST /api/v1/check`: a JSON body in, the version-1 JSON contract out
//! (one file, named by `path` or `<draft>`), for integrations that want
//! tact's own fields: byte spans, lines and columns in both counts, rule
//! ids, severities and suggestions.
//!
//! ```json
//! { "text": "As I said, …", "format": "markdown", "only": ["gotcha"], "disable": [] }
//! ```

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::request::{bad_request, json_response, selected};
use crate::render;
use crate::source::InputFormat;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    text: String,
    /// How to read the text (`text`, `markdown`, `html`, …); plain text by
    /// default.
    #[serde(default)]
    format: Option<InputFormat>,
    /// The name to report (and to match `[[ignore]]` paths against).
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    only: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
}

pub async fn check(State(state): State<Arc<super::request::State>>, body: Body) -> Response {
    let body = match super::request::read_body(body, state.limits.body).await {
        Ok(body) => body,
        Err(response) => return response,
    };
    let request: Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => return bad_request(format!("invalid request: {e}")),
    };
    if let Some(response) = state.unknown_rule(request.only.iter().chain(&request.disable)) {
        return response;
    }
    let path = request.path.unwrap_or_else(|| "<draft>".into());
    let format = request.format.unwrap_or(InputFormat::Text);
    let mut report = match state.lint_in_budget(path, request.text, format).await {
        Ok(report) => report,
        Err(response) => return response,
    };
    report
        .diagnostics
        .retain(|d| selected(&d.rule, &request.only, &request.disable));
    let body = render::to_string(render::json::Json::default(), std::slice::from_ref(&report));
    drop(report);
    json_response(body)
}
