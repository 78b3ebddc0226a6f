//! The server's handlers without a socket: one request in, its status and
//! body out, for the fuzz target that drives them with arbitrary bytes.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use hyper_util::service::TowerToHyperService;

use super::request::{Limits, State};
use super::routes::router;
use crate::config::Config;

/// A server's router on a runtime of its own, with the built-in packs.
pub struct Harness {
    runtime: tokio::runtime::Runtime,
    service: TowerToHyperService<axum::Router>,
}

impl Default for Harness {
    fn default() -> Self {
        let linter = tact::Linter::new(tact::builtin(), &tact::Selection::default())
            .expect("the built-in packs build");
        let limits = Limits {
            header: Duration::from_secs(10),
            body: Duration::from_secs(10),
            idle: Duration::from_secs(5),
            lint: Duration::from_secs(60),
            shutdown: Duration::from_secs(1),
            max_connections: 1,
        };
        let state = State::new(linter, Config::default(), limits);
        Harness {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime starts"),
            service: TowerToHyperService::new(router(Arc::new(state))),
        }
    }
}

impl Harness {
    /// Answer one request: `uri` may carry a query string.
    pub fn request(
        &self,
        method: &str,
        uri: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<(u16, Vec<u8>), String> {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", content_type)
            .body(Body::from(body))
            .map_err(|e| e.to_string())?;
        self.runtime.block_on(async {
            let response = hyper::service::Service::call(&self.service, request)
                .await
                .map_err(|e| e.to_string())?;
            let status = response.status().as_u16();
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|e| e.to_string())?;
            Ok((status, body.to_bytes().to_vec()))
        })
    }
}
