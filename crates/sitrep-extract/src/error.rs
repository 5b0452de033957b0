//! Errors of the extract stage.

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// A document that yields no article.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Nothing but debris and whitespace was left.
    #[error("{location}: no article text left after removing debris")]
    NoText {
        /// The document's origin.
        location: String,
    },
}
