//! Errors of the readers; each names the input (and line) it is about.

use std::path::Path;

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// A problem with one input. The batch goes on without it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given on the command line does not exist.
    #[error("{location}: no such file or directory")]
    NotFound {
        /// The path as given.
        location: String,
    },
    /// The operating system refused a read.
    #[error("{location}: {source}")]
    Io {
        /// The file.
        location: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// A directory holds no file sitrep reads.
    #[error("{location}: no readable articles here (sitrep reads .txt, .text, .jsonl and .ndjson files)")]
    NothingReadable {
        /// The directory.
        location: String,
    },
    /// The input has no content.
    #[error("{location}: empty file, nothing to read")]
    Empty {
        /// The file.
        location: String,
    },
    /// The input looks like a binary file.
    #[error("{location}: binary file (NUL byte at offset {offset}), not text; pass text or JSON Lines")]
    Binary {
        /// The file.
        location: String,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The input is not valid UTF-8 (or UTF-16 with a byte-order mark).
    #[error(
        "{location}: not valid UTF-8 (first bad byte at offset {offset}); convert it to UTF-8, for example with iconv"
    )]
    InvalidUtf8 {
        /// The file.
        location: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The input is over the size limit.
    #[error("{location}: larger than the {limit}-byte limit for one document")]
    TooLarge {
        /// The file.
        location: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// A JSON Lines line is not a JSON object of the expected shape.
    #[error("{location}:{line}: invalid JSON: {source}")]
    Json {
        /// The file.
        location: String,
        /// 1-based line number.
        line: usize,
        /// What the parser said.
        source: serde_json::Error,
    },
    /// A JSON Lines object has no usable text.
    #[error("{location}:{line}: no \"text\" field with content; each line needs {{\"text\": \"...\"}}")]
    MissingText {
        /// The file.
        location: String,
        /// 1-based line number.
        line: usize,
    },
    /// A stated publication date cannot be read.
    #[error("{location}: published date {value:?} is not RFC 3339 (2025-03-06T09:00:00Z) or a date (2025-03-06)")]
    BadDate {
        /// The file, with its line for JSONL.
        location: String,
        /// The value found.
        value: String,
    },
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
        let location = path.display().to_string();
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound { location }
        } else {
            Error::Io { location, source }
        }
    }

    /// Where the problem is: the path (with `:line` for a JSONL line) or `-` for stdin.
    pub fn location(&self) -> String {
        match self {
            Error::Json { location, line, .. } | Error::MissingText { location, line } => {
                format!("{location}:{line}")
            }
            Error::NotFound { location }
            | Error::Io { location, .. }
            | Error::NothingReadable { location }
            | Error::Empty { location }
            | Error::Binary { location, .. }
            | Error::InvalidUtf8 { location, .. }
            | Error::TooLarge { location, .. }
            | Error::BadDate { location, .. } => location.clone(),
        }
    }
}
