//! `tact serve`: tact over HTTP, where reps type. It speaks LanguageTool's
//! API (`/v2/check`, `/v2/languages`), so the browser add-ons, editor plugins
//! and client libraries that already let a user name their own LanguageTool
//! server show tact's findings unchanged; it answers the version-1 JSON
//! contract at `/api/v1/check`; and it serves a paste-and-check page at `/`.
//!
//! axum on tokio, served by hyper with every wait bounded ([`listen`]).
//! Linting is CPU work, so it runs on tokio's blocking pool, a few drafts at
//! a time (so memory is bounded by those few), within a time budget, and
//! never stalls the connections. Every answer is linear in its request.

mod cors;
mod harness;
mod languagetool;
mod listen;
mod native;
mod request;
mod routes;

pub use harness::Harness;
pub use request::{Limits, State};

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use miette::Report;

/// Serve until SIGINT or SIGTERM, then finish the requests in flight (for at
/// most the shutdown bound).
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
        crate::output::eprintln_safe(&format!("tact serve: listening on http://{bound}/"));
        let limits = state.limits;
        listen::serve(
            listener,
            routes::router(Arc::new(state)),
            limits,
            shutdown(),
        )
        .await;
        Ok::<(), Report>(())
    })?;
    // A lint still running past the bound is abandoned, not waited for.
    runtime.shutdown_timeout(Duration::ZERO);
    Ok(())
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
