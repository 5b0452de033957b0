//! Readers that frame inputs into [`RawDocument`]s: plain-text files, HTML pages, JSON Lines
//! (with `text` or `html`), RSS and Atom feeds, WARC and WARC.gz archives, `http(s)` URLs and
//! `.urls` lists of them, and standard input, with directories walked.
//!
//! What counts as article text is the extract stage's call; a reader only finds the input's format
//! (by name, content type or first bytes), decodes bytes from whatever encoding they are in, frames
//! documents and keeps the metadata the input states. HTML and feed items stay markup
//! ([`SourceFormat::is_markup`](sitrep_model::SourceFormat::is_markup)).
//!
//! One bad input never stops the others: [`expand`] and [`read`] report each problem as an
//! [`Error`] naming the input (and its line, feed item or WARC record) and go on. No input makes a
//! reader panic or hang: every read is capped by [`ReadConfig::max_document_bytes`], and fetches by
//! the time limits of [`FetchConfig`]. Large inputs are streamed: JSON Lines a line at a time, WARC
//! a record at a time, URL lists a fetch at a time.
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
//!
//! // A page in windows-1252 that says so in a <meta> tag.
//! let page = dir.path().join("page.html");
//! std::fs::write(&page, b"<meta charset=windows-1252><p>\x93Caf\xe9\x94</p>").unwrap();
//! let doc = read(&Input::File(page), &ReadConfig::default()).next().unwrap().unwrap();
//! assert_eq!(doc.format.as_str(), "html");
//! assert!(doc.body.ends_with("<p>“Café”</p>"));
//! ```

mod decode;
mod error;
mod feed;
mod fetch;
mod html;
mod http;
mod jsonl;
mod sniff;
#[cfg(test)]
mod tests;
mod text;
mod urls;
mod walk;
mod warc;

use std::io::{BufReader, Read};
use std::path::Path;

use sitrep_model::{Origin, RawDocument};

pub use crate::error::{BoxError, Error, Result, WarcProblem};
pub use crate::fetch::FetchConfig;
use crate::sniff::Format;
pub use crate::walk::{Input, expand};

/// The documents of one input, each a result: the iterator [`read`] returns.
pub type Documents = Box<dyn Iterator<Item = Result<RawDocument>>>;

/// Limits that keep one input from exhausting memory or time.
#[derive(Clone, Debug)]
pub struct ReadConfig {
    /// The largest document read, in bytes: a file, stdin content, a JSONL line, a WARC record, a
    /// fetched body (decompressed). Streamed inputs (JSONL, WARC) may be any length.
    pub max_document_bytes: u64,
    /// How URLs are fetched.
    pub fetch: FetchConfig,
}

impl Default for ReadConfig {
    fn default() -> ReadConfig {
        ReadConfig { max_document_bytes: 64 * 1024 * 1024, fetch: FetchConfig::default() }
    }
}

/// How much of an input of unknown format is read to decide its format.
const SNIFF_BYTES: u64 = 8192;

/// Reads the documents of one input: one for a text file, an HTML page or a fetched page; one per
/// line for JSON Lines, per item for a feed, per kept record for a WARC file, per URL (or feed item)
/// for a URL list.
///
/// Streamed inputs are read lazily, as the iterator is advanced; a bad line, item or record is
/// reported and the next one read (a WARC file whose framing breaks stops there).
pub fn read(input: &Input, config: &ReadConfig) -> Documents {
    match input {
        Input::File(path) => read_path(path, config),
        Input::Url(url) => fetch::read_url(&fetch::Fetcher::new(config), url),
        Input::Stdin => read_unknown("-".to_string(), Box::new(std::io::stdin()), config),
    }
}

fn read_path(path: &Path, config: &ReadConfig) -> Documents {
    let location = path.display().to_string();
    let open = || std::fs::File::open(path).map_err(|source| Error::io(path, source));
    match sniff::by_name(path) {
        Some(Format::Jsonl) => match open() {
            Ok(file) => Box::new(jsonl::Lines::new(location, BufReader::new(file), config.max_document_bytes)),
            Err(err) => Box::new(std::iter::once(Err(err))),
        },
        Some(Format::Warc) => warc::read_file(path, config),
        Some(format) => match open().and_then(|file| read_capped(file, &location, config.max_document_bytes)) {
            Ok(bytes) => read_bytes(location, format, bytes, config),
            Err(err) => Box::new(std::iter::once(Err(err))),
        },
        None => match open() {
            Ok(file) => read_unknown(location, Box::new(file), config),
            Err(err) => Box::new(std::iter::once(Err(err))),
        },
    }
}

/// Reads an input whose name says nothing: its first bytes decide, then JSON Lines and WARC are
/// streamed and the rest read whole.
fn read_unknown(location: String, mut reader: Box<dyn Read>, config: &ReadConfig) -> Documents {
    let mut head = Vec::new();
    if let Err(source) = (&mut reader).take(SNIFF_BYTES).read_to_end(&mut head) {
        return Box::new(std::iter::once(Err(Error::Io { location, source })));
    }
    let format = sniff::by_content(&head);
    tracing::debug!(location, ?format, "sniffed");
    let reader = BufReader::new(std::io::Cursor::new(head).chain(reader));
    match format {
        Format::Jsonl => Box::new(jsonl::Lines::new(location, reader, config.max_document_bytes)),
        Format::Warc => warc::read_stream(location, reader, config),
        other => match read_capped(reader, &location, config.max_document_bytes) {
            Ok(bytes) => read_bytes(location, other, bytes, config),
            Err(err) => Box::new(std::iter::once(Err(err))),
        },
    }
}

/// Reads an input already in memory, in the given format.
fn read_bytes(location: String, format: Format, bytes: Vec<u8>, config: &ReadConfig) -> Documents {
    let once = |result: Result<RawDocument>| -> Documents { Box::new(std::iter::once(result)) };
    match format {
        Format::Text => {
            once(decode::decode_text(&location, &bytes).and_then(|content| text::parse(&location, &content)))
        }
        Format::Html => once(html::document(Origin::whole(location), &bytes, html::PageInfo::default())),
        Format::Xml if !feed::looks_like_feed(&bytes) && html::looks_like_html(&bytes) => {
            once(html::document(Origin::whole(location), &bytes, html::PageInfo::default()))
        }
        Format::Feed | Format::Xml => feed::read(&location, &bytes, None, None),
        Format::Jsonl => Box::new(jsonl::Lines::new(location, std::io::Cursor::new(bytes), config.max_document_bytes)),
        Format::Warc => warc::read_stream(location, std::io::Cursor::new(bytes), config),
        Format::UrlList => urls::read_list(location, &bytes, config),
    }
}

fn read_capped(reader: impl Read, location: &str, limit: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io { location: location.to_string(), source })?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge { location: location.to_string(), limit });
    }
    Ok(bytes)
}
