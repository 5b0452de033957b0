//! Errors of the server, and how each becomes an HTTP response.

use std::net::SocketAddr;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// What can go wrong while serving.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The address cannot be bound or the server failed.
    #[error("cannot serve on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] sitrep_store::Error),
}

/// A failed request.
#[derive(Debug)]
pub(crate) enum ApiError {
    /// The client asked for something wrong: 400 with the message.
    BadRequest(String),
    /// Nothing there: 404 with the message.
    NotFound(String),
    /// Our failure: a bare 500, details in the log.
    Internal(String),
}

impl From<sitrep_store::Error> for ApiError {
    fn from(err: sitrep_store::Error) -> ApiError {
        ApiError::Internal(err.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::BadRequest(message) => {
                (StatusCode::BAD_REQUEST, axum::Json(serde_json::json!({ "error": message }))).into_response()
            }
            ApiError::NotFound(message) => {
                (StatusCode::NOT_FOUND, axum::Json(serde_json::json!({ "error": message }))).into_response()
            }
            ApiError::Internal(details) => {
                tracing::error!(%details, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(serde_json::json!({ "error": "internal error" })))
                    .into_response()
            }
        }
    }
}
