//! The server's routes: LanguageTool's API, tact's own, the page.

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::response::{Html, Response};
use axum::routing::{get, post};
use axum::Router;

use super::request::State;
use super::{languagetool, native};

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
