//! The store's error type: every failure names the data location and, where one is involved, the
//! article.

use std::io;
use std::path::PathBuf;

use sitrep_model::ArticleId;

/// Everything that can go wrong opening, writing or reading a store.
///
/// `path` fields name the SQLite file (`:memory:` for an in-memory store) or the search index
/// directory (`<ram>` for an in-memory index), so a message always says which store failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data directory, or the index directory inside it, could not be created.
    #[error("cannot create directory {path}: {source}")]
    CreateDir {
        /// The directory that could not be created.
        path: PathBuf,
        /// The underlying IO error.
        source: io::Error,
    },
    /// An unreadable search index could not be removed to be rebuilt.
    #[error(
        "cannot remove the unreadable search index {path} to rebuild it: {source}; \
         delete the directory and open the store again"
    )]
    ResetIndex {
        /// The index directory.
        path: PathBuf,
        /// The underlying IO error.
        source: io::Error,
    },
    /// A SQLite operation failed.
    #[error("sqlite error in {path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The underlying SQLite error.
        source: rusqlite::Error,
    },
    /// Writing one article to SQLite failed; the whole batch was rolled back.
    #[error("cannot store article {article} in {path}: {source}")]
    Write {
        /// The database file.
        path: PathBuf,
        /// The article being written.
        article: ArticleId,
        /// The underlying SQLite error.
        source: rusqlite::Error,
    },
    /// The store was written by a newer sitrep, with a schema this version does not know.
    #[error(
        "store {path} has schema version {found}, but this sitrep supports up to version \
         {supported}; upgrade sitrep or use another data directory"
    )]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// The version found in the file (`PRAGMA user_version`).
        found: i64,
        /// The newest version this crate can read.
        supported: i64,
    },
    /// An article could not be written as a JSON contract that reads back, so it was refused
    /// (a non-finite number is the usual cause); nothing of its batch was stored.
    #[error("cannot store article {article}: its JSON contract does not read back: {source}")]
    Encode {
        /// The article.
        article: ArticleId,
        /// The underlying JSON error.
        source: serde_json::Error,
    },
    /// A stored article's JSON contract could not be read back.
    #[error("stored article {article} in {path} is unreadable: {source}")]
    Decode {
        /// The database file.
        path: PathBuf,
        /// The article.
        article: ArticleId,
        /// The underlying JSON error.
        source: serde_json::Error,
    },
    /// The full-text index failed.
    #[error("search index error in {path}: {source}")]
    Index {
        /// The index directory.
        path: PathBuf,
        /// The underlying tantivy error.
        source: Box<tantivy::TantivyError>,
    },
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
