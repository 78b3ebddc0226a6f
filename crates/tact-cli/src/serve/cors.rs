//! Which browser pages may read the APIs' answers (CORS), and the preflight
//! a page sends before its JSON or form `POST`.
//!
//! Without `--cors-origin`, `/v2/*` answers any origin, as LanguageTool's
//! own server does for the add-ons that call it from web pages, and
//! `/api/v1/*` its own origin only (the built-in page). With it, both answer
//! the origins named and no other.

use std::sync::Arc;

use axum::extract::{Request, State as Shared};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::request::State;

/// How long a browser may keep a preflight's answer, in seconds.
const MAX_AGE: &str = "3600";

/// `/v2/*`: any origin unless `--cors-origin` names some.
pub async fn languagetool(state: Shared<Arc<State>>, request: Request, next: Next) -> Response {
    allow(&state, request, next, true).await
}

/// `/api/v1/*`: only the origins `--cors-origin` names.
pub async fn native(state: Shared<Arc<State>>, request: Request, next: Next) -> Response {
    allow(&state, request, next, false).await
}

async fn allow(state: &State, request: Request, next: Next, any_by_default: bool) -> Response {
    let origin = request.headers().get(header::ORIGIN).cloned();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if state.cors_origins.is_empty() {
        if any_by_default {
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
        }
        return response;
    }
    // The answer depends on the origin, so caches must key on it.
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    let allowed = origin.filter(|o| {
        state
            .cors_origins
            .iter()
            .any(|a| a.as_bytes().eq_ignore_ascii_case(o.as_bytes()))
    });
    if let Some(origin) = allowed {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    response
}

/// `OPTIONS /v2/check`.
pub async fn preflight_languagetool() -> Response {
    preflight("GET, POST, OPTIONS")
}

/// `OPTIONS /api/v1/check`.
pub async fn preflight_native() -> Response {
    preflight("POST, OPTIONS")
}

fn preflight(methods: &'static str) -> Response {
    (
        StatusCode::NO_CONTENT,
        [
            (header::ACCESS_CONTROL_ALLOW_METHODS, methods),
            (header::ACCESS_CONTROL_ALLOW_HEADERS, "content-type"),
            (header::ACCESS_CONTROL_MAX_AGE, MAX_AGE),
        ],
    )
        .into_response()
}
