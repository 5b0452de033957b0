//! Errors of the readers; each names the input (and line, feed item or WARC record) it is about.

use std::path::Path;
use std::time::Duration;

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// A boxed error from a library sitrep does not expose in its own API (the feed parser, the HTTP
/// client).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A problem with one input. The batch goes on without it.
///
/// `location` fields hold a path, a URL or `-` for standard input; where a document is one part of
/// a larger input they hold the part too, as [`sitrep_model::Origin`] prints it (`file:line`,
/// `file@record_offset`), unless a separate `line`, `item` or `offset` field says it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
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
    #[error(
        "{location}: no readable articles here (sitrep reads .txt, .text, .jsonl, .ndjson, .html, .htm, .xhtml, \
         .rss, .atom, .xml, .warc, .warc.gz and .urls files)"
    )]
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
    #[error(
        "{location}: binary file (NUL byte at offset {offset}), not text; pass text, HTML, JSON Lines, a feed or a \
         WARC file"
    )]
    Binary {
        /// The file.
        location: String,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// A JSON Lines line is not valid UTF-8 (JSON is UTF-8 by definition; other files are
    /// decoded from whatever encoding they are in).
    #[error(
        "{location}: not valid UTF-8 (first bad byte at offset {offset}); convert it to UTF-8, for example with iconv"
    )]
    InvalidUtf8 {
        /// The file, with its line.
        location: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The input is over the size limit.
    #[error("{location}: larger than the {limit}-byte limit for one document")]
    TooLarge {
        /// The file, line, record or URL.
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
    /// A JSON Lines object has no usable text or HTML.
    #[error(
        "{location}:{line}: no \"text\" or \"html\" field with content; each line needs {{\"text\": \"...\"}} or \
         {{\"html\": \"...\"}}"
    )]
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
    /// An input read as a feed (a `.rss`, `.atom` or `.xml` file, a feed content type) is not an
    /// RSS or Atom feed.
    #[error("{location}: not a readable RSS or Atom feed: {source}")]
    NotAFeed {
        /// The file or URL.
        location: String,
        /// What the feed parser said.
        source: BoxError,
    },
    /// A feed item has no text of its own, and its page was not given.
    #[error("{location}:{item}: feed item has neither content nor a summary; fetch its link instead")]
    EmptyFeedItem {
        /// The feed's file or URL.
        location: String,
        /// 1-based item number in the feed.
        item: usize,
    },
    /// A WARC file is malformed or truncated at a record. For framing problems reading stops for
    /// that file; for a malformed HTTP response inside a well-framed record it goes on.
    #[error("{location}@{offset}: {problem}")]
    Warc {
        /// The WARC file.
        location: String,
        /// Byte offset of the record in the decompressed stream.
        offset: u64,
        /// What is wrong.
        problem: WarcProblem,
    },
    /// A line of a `.urls` list is not an http or https URL.
    #[error("{location}:{line}: {value:?} is not an http:// or https:// URL")]
    BadUrl {
        /// The list file.
        location: String,
        /// 1-based line number.
        line: usize,
        /// The line as found (trimmed).
        value: String,
    },
    /// A URL, given or redirected to, has a scheme other than http or https.
    #[error("{location}: refusing to fetch {target:?}: only http:// and https:// URLs are fetched")]
    UnsupportedScheme {
        /// The URL as given.
        location: String,
        /// The refused URL (the given one, or where a redirect pointed).
        target: String,
    },
    /// A fetch was redirected more often than allowed.
    #[error("{location}: more than {limit} redirects; the last one pointed to {target:?}")]
    TooManyRedirects {
        /// The URL as given.
        location: String,
        /// The redirect limit.
        limit: u32,
        /// Where the redirect that broke the limit pointed.
        target: String,
    },
    /// A redirect response without a usable `Location` header.
    #[error("{location}: HTTP {status} redirect without a Location header")]
    BadRedirect {
        /// The URL that answered.
        location: String,
        /// The status.
        status: u16,
    },
    /// The server answered with a status other than 2xx.
    #[error("{location}: the server answered HTTP {status}")]
    HttpStatus {
        /// The URL that answered.
        location: String,
        /// The status.
        status: u16,
    },
    /// A fetch took longer than the configured time.
    #[error("{location}: no complete answer within {limit:?}")]
    Timeout {
        /// The URL as given.
        location: String,
        /// The time limit.
        limit: Duration,
    },
    /// A fetch failed below HTTP: name resolution, connection, TLS, a broken response.
    #[error("{location}: cannot fetch: {source}")]
    Network {
        /// The URL as given.
        location: String,
        /// What the client said.
        source: BoxError,
    },
    /// A fetched page (or an archived response) has a content type sitrep does not read.
    #[error("{location}: content type {content_type:?} is not HTML, an RSS or Atom feed, or plain text")]
    UnsupportedContentType {
        /// The URL.
        location: String,
        /// The `Content-Type` header value.
        content_type: String,
    },
}

/// What is wrong with a WARC record.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WarcProblem {
    /// The record does not start with a `WARC/1.x` version line.
    #[error("not a WARC record (expected a WARC/1.0 or WARC/1.1 line); is this a WARC file?")]
    NotWarc,
    /// The file ends inside the record.
    #[error("truncated WARC record: the file ends inside it")]
    Truncated,
    /// The record header is not `Name: value` lines ending in a blank line within the limit.
    #[error("malformed WARC record header: {reason}")]
    BadHeader {
        /// What is wrong, in words.
        reason: &'static str,
    },
    /// `Content-Length` is missing or not a number.
    #[error("WARC record without a valid Content-Length (found {value:?})")]
    BadContentLength {
        /// The value found, empty when absent.
        value: String,
    },
    /// The archived HTTP response of a kept record cannot be read.
    #[error("malformed archived HTTP response: {reason}")]
    BadHttp {
        /// What is wrong, in words.
        reason: &'static str,
    },
    /// The archived page uses a `Content-Encoding` sitrep cannot undo.
    #[error("archived page has Content-Encoding {encoding:?}; sitrep reads identity, gzip and deflate")]
    UnsupportedEncoding {
        /// The header value.
        encoding: String,
    },
    /// A kept page's gzip or deflate body is corrupt.
    #[error("archived page body is corrupt: {source}")]
    CorruptBody {
        /// What the decompressor said.
        source: std::io::Error,
    },
    /// Reading or decompressing the file failed.
    #[error("cannot read or decompress: {source}")]
    Read {
        /// What the reader (or gzip) said.
        source: std::io::Error,
    },
}

impl WarcProblem {
    /// True when the file's framing is lost, so no further record can be found.
    pub fn stops_reading(&self) -> bool {
        matches!(
            self,
            WarcProblem::NotWarc
                | WarcProblem::Truncated
                | WarcProblem::BadHeader { .. }
                | WarcProblem::BadContentLength { .. }
                | WarcProblem::Read { .. }
        )
    }
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

    /// Where the problem is: the path or URL, with `:line` for a JSONL or URL-list line and a
    /// feed item, `@offset` for a WARC record; `-` for stdin.
    pub fn location(&self) -> String {
        match self {
            Error::Json { location, line, .. }
            | Error::MissingText { location, line }
            | Error::BadUrl { location, line, .. }
            | Error::EmptyFeedItem { location, item: line } => format!("{location}:{line}"),
            Error::Warc { location, offset, .. } => format!("{location}@{offset}"),
            Error::NotFound { location }
            | Error::Io { location, .. }
            | Error::NothingReadable { location }
            | Error::Empty { location }
            | Error::Binary { location, .. }
            | Error::InvalidUtf8 { location, .. }
            | Error::TooLarge { location, .. }
            | Error::BadDate { location, .. }
            | Error::NotAFeed { location, .. }
            | Error::UnsupportedScheme { location, .. }
            | Error::TooManyRedirects { location, .. }
            | Error::BadRedirect { location, .. }
            | Error::HttpStatus { location, .. }
            | Error::Timeout { location, .. }
            | Error::Network { location, .. }
            | Error::UnsupportedContentType { location, .. } => location.clone(),
        }
    }
}
