//! The HTTP API over the store: the situation report, quotes by speaker or topic, entities,
//! full-text search and single articles, as JSON, plus a small HTML page at `/`.
//!
//! [`app`] builds the router over a [`Store`], so tests call it without a socket; [`serve`] binds
//! it to an address. Client mistakes get a 4xx with a message; our own failures a bare 500 with
//! the details in the log.
//!
//! ```no_run
//! # async fn run() -> Result<(), sitrep_server::Error> {
//! let store = sitrep_store::Store::open(std::path::Path::new("sitrep-data"))?;
//! sitrep_server::serve(store, "127.0.0.1:8080".parse().unwrap()).await?;
//! # Ok(())
//! # }
//! ```

mod error;
mod html;
mod routes;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use sitrep_store::Store;

pub use crate::error::Error;

/// The shared store behind every request. SQLite connections are not `Sync`, so requests take
/// turns; each runs on the blocking pool.
#[derive(Clone)]
pub(crate) struct AppState {
    store: Arc<Mutex<Store>>,
}

/// The router over a store.
pub fn app(store: Store) -> Router {
    routes::router(AppState { store: Arc::new(Mutex::new(store)) })
}

/// Serves the API on `addr` until the process is interrupted.
pub async fn serve(store: Store, addr: SocketAddr) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| Error::Bind { addr, source })?;
    tracing::info!(%addr, "listening");
    axum::serve(listener, app(store))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|source| Error::Bind { addr, source })
}
