//! The server's routes: LanguageTool's API, tact's own, the page.

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::response::Html;
use axum::routing::{get, post};
use axum::Router;

use super::request::State;
use super::{cors, languagetool, native};

pub fn router(state: Arc<State>) -> Router {
    let languagetool = Router::new()
        .route("/v2/languages", get(languagetool::languages))
        .route(
            "/v2/check",
            post(languagetool::check_post)
                .get(languagetool::check_get)
                .options(cors::preflight_languagetool),
        )
        .layer(from_fn_with_state(state.clone(), cors::languagetool));
    let native = Router::new()
        .route(
            "/api/v1/check",
            post(native::check).options(cors::preflight_native),
        )
        .layer(from_fn_with_state(state.clone(), cors::native));
    Router::new()
        .route("/", get(page))
        .route("/healthz", get(|| async { "ok\n" }))
        .merge(languagetool)
        .merge(native)
        .layer(DefaultBodyLimit::disable())
        .with_state(state)
}

async fn page() -> Html<&'static str> {
    Html(include_str!("page.html"))
}
