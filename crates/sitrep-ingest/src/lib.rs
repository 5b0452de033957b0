//! Readers that frame inputs into [`RawDocument`]s: plain-text files, JSON Lines files and
//! standard input, with directories walked.
//!
//! What counts as article text is the extract stage's call; a reader only decodes bytes, frames
//! documents and keeps the metadata the input states. One bad input never stops the others:
//! [`expand`] and [`read`] report each problem as an [`Error`] naming the input and go on.
//!
//! ```
//! use sitrep_ingest::{read, Input, ReadConfig};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("a.txt");
//! std::fs::write(&path, "Title: Talks resume\n\nThe talks resumed on Monday.").unwrap();
//! let docs: Vec<_> = read(&Input::File(path), &ReadConfig::default()).collect();
//! let doc = docs[0].as_ref().unwrap();
//! assert_eq!(doc.title.as_deref(), Some("Talks resume"));
//! assert_eq!(doc.body, "The talks resumed on Monday.");
//! ```

mod decode;
mod error;
mod jsonl;
mod text;
mod walk;

use std::io::Read;
use std::path::PathBuf;

use sitrep_model::RawDocument;

pub use crate::error::{Error, Result};
pub use crate::walk::{Input, expand};

/// Limits that keep one input from exhausting memory.
#[derive(Clone, Debug)]
pub struct ReadConfig {
    /// The largest file, stdin content or JSONL line read, in bytes.
    pub max_document_bytes: u64,
}

impl Default for ReadConfig {
    fn default() -> ReadConfig {
        ReadConfig { max_document_bytes: 64 * 1024 * 1024 }
    }
}

/// Reads the documents of one input: one for a text file, one per line for JSON Lines.
///
/// JSONL files are streamed line by line; a bad line is reported and the next one read.
pub fn read(input: &Input, config: &ReadConfig) -> Box<dyn Iterator<Item = Result<RawDocument>>> {
    match input {
        Input::File(path) if walk::is_jsonl(path) => match std::fs::File::open(path) {
            Ok(file) => Box::new(jsonl::Lines::new(
                path.display().to_string(),
                std::io::BufReader::new(file),
                config.max_document_bytes,
            )),
            Err(source) => Box::new(std::iter::once(Err(Error::io(path, source)))),
        },
        Input::File(path) => Box::new(std::iter::once(read_text_file(path, config))),
        Input::Stdin => read_stdin(config),
    }
}

fn read_text_file(path: &PathBuf, config: &ReadConfig) -> Result<RawDocument> {
    let location = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| Error::io(path, source))?;
    let bytes = read_capped(file, &location, config.max_document_bytes)?;
    let body = decode::decode_text(&location, &bytes)?;
    text::parse(&location, &body)
}

fn read_stdin(config: &ReadConfig) -> Box<dyn Iterator<Item = Result<RawDocument>>> {
    let location = "-".to_string();
    let bytes = match read_capped(std::io::stdin().lock(), &location, config.max_document_bytes) {
        Ok(bytes) => bytes,
        Err(err) => return Box::new(std::iter::once(Err(err))),
    };
    let body = match decode::decode_text(&location, &bytes) {
        Ok(body) => body,
        Err(err) => return Box::new(std::iter::once(Err(err))),
    };
    // Piped JSON Lines start with an object; anything else is one text document.
    if body.trim_start().starts_with('{') {
        let reader = std::io::Cursor::new(body.into_bytes());
        Box::new(jsonl::Lines::new(location, reader, config.max_document_bytes))
    } else {
        Box::new(std::iter::once(text::parse(&location, &body)))
    }
}

fn read_capped(reader: impl Read, location: &str, limit: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io { location: location.to_string(), source })?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge { location: location.to_string(), limit });
    }
    Ok(bytes)
}
