//! Documents as they arrive (`RawDocument`) and as clean articles (`Article`).

use std::fmt;

use crate::time::SourceTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A stable content hash naming an article: 16 lowercase hex digits of the SHA-256 of its
/// whitespace-normalised title and text.
///
/// The same article read twice, from any format, gets the same id; that is what makes ingest
/// idempotent.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// The id of an article with this title and text.
    pub fn from_content(title: Option<&str>, text: &str) -> ArticleId {
        let mut hasher = Sha256::new();
        for word in title.unwrap_or_default().split_whitespace() {
            hasher.update(word.as_bytes());
            hasher.update(b" ");
        }
        hasher.update(b"\n");
        for word in text.split_whitespace() {
            hasher.update(word.as_bytes());
            hasher.update(b" ");
        }
        let digest = hasher.finalize();
        let hex: String = digest.iter().take(8).map(|byte| format!("{byte:02x}")).collect();
        ArticleId(hex)
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The format a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// A plain-text file, optionally opened by a `Key: value` header block.
    Text,
    /// One line of a JSON Lines file with a `text` field.
    Jsonl,
    /// An HTML page: a file, a JSONL line with an `html` field, a fetched URL or a WARC record.
    Html,
    /// An RSS or Atom item whose page was not given; its body is the item's own content (HTML).
    Feed,
}

impl SourceFormat {
    /// The name used in JSON and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Jsonl => "jsonl",
            SourceFormat::Html => "html",
            SourceFormat::Feed => "feed",
        }
    }

    /// True when the body is HTML markup rather than plain text.
    pub fn is_markup(self) -> bool {
        matches!(self, SourceFormat::Html | SourceFormat::Feed)
    }
}

/// Where a document came from, precise enough for an error message to point at it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// A file path, a URL, or `-` for standard input.
    pub location: String,
    /// The 1-based line for documents that are one line of a larger file (JSONL), or the 1-based
    /// item number in a feed.
    pub line: Option<usize>,
    /// The byte offset of the record in a WARC file.
    pub record_offset: Option<u64>,
}

impl Origin {
    /// An origin that is a whole file, URL or stream.
    pub fn whole(location: impl Into<String>) -> Origin {
        Origin { location: location.into(), line: None, record_offset: None }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.location)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(offset) = self.record_offset {
            write!(f, "@{offset}")?;
        }
        Ok(())
    }
}

/// A document as a reader framed it, before anyone decided what its article text is.
///
/// Metadata fields hold what the input stated explicitly (JSONL fields, a text header); the
/// extract stage fills the rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawDocument {
    /// Where it was read.
    pub origin: Origin,
    /// How it was framed.
    pub format: SourceFormat,
    /// The decoded content: the text for text and JSONL input, the markup for HTML and feeds.
    pub body: String,
    /// Title stated by the input.
    pub title: Option<String>,
    /// URL stated by the input.
    pub url: Option<String>,
    /// Publication time stated by the input.
    pub published: Option<SourceTime>,
    /// Last modification time stated by the input (an HTTP `Last-Modified`, a feed's `updated`).
    pub modified: Option<SourceTime>,
    /// Authors stated by the input.
    pub authors: Vec<String>,
    /// Site or outlet name stated by the input.
    pub site: Option<String>,
}

/// A clean article: its text with debris removed, and its metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Content hash; see [`ArticleId`].
    pub id: ArticleId,
    /// Where the article lives on the web, when known.
    pub url: Option<String>,
    /// The outlet: a site name, or the URL's host without `www.`.
    pub site: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Bylined authors, real names only.
    pub authors: Vec<String>,
    /// Publication time (RFC 3339 in JSON), when known.
    pub published: Option<SourceTime>,
    /// Last modification time (RFC 3339 in JSON), when known.
    #[serde(default)]
    pub modified: Option<SourceTime>,
    /// ISO 639-1 language code, when detected.
    pub language: Option<String>,
    /// The article body: paragraphs separated by a blank line. Every span indexes this text.
    pub text: String,
    /// The input format the article was read from.
    pub format: SourceFormat,
}
