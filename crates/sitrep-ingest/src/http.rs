//! The pieces of HTTP the readers handle themselves: `Content-Type` values, and archived HTTP
//! responses in WARC records (status line, header block, chunked transfer coding, gzip and deflate
//! content coding). Live fetches go through the HTTP client (see `fetch.rs`), which does the
//! framing itself.
//!
//! Archived responses are what a crawler saw, so the parser is lenient where servers are sloppy
//! (bare `\n` line ends, header lines without a colon, a missing last chunk) and strict only where
//! it must be: a status line and the end of the header block within 64 KiB.

use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

/// The longest archived HTTP header block read.
const HEAD_LIMIT: usize = 64 * 1024;

/// A parsed `Content-Type` header value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ContentType {
    /// The media type, lower-cased, without parameters (`text/html`).
    pub media_type: String,
    /// The `charset` parameter, unquoted, when given.
    pub charset: Option<String>,
}

/// What sitrep makes of a media type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MediaKind {
    /// `text/html`, `application/xhtml+xml`.
    Html,
    /// `application/rss+xml`, `application/atom+xml`, `application/rdf+xml`.
    Feed,
    /// `text/xml`, `application/xml`: a feed or XHTML; the content tells.
    Xml,
    /// `text/plain`.
    Text,
    /// Anything else.
    Other,
}

impl ContentType {
    /// Parses `text/html; charset="utf-8"`.
    pub(crate) fn parse(value: &str) -> ContentType {
        let mut parts = value.split(';');
        let media_type = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let charset = parts.find_map(|param| {
            let (name, value) = param.split_once('=')?;
            name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches(['"', '\'']).to_string())
        });
        ContentType { media_type, charset: charset.filter(|charset| !charset.is_empty()) }
    }

    /// How sitrep reads a body of this type.
    pub(crate) fn kind(&self) -> MediaKind {
        match self.media_type.as_str() {
            "text/html" | "application/xhtml+xml" => MediaKind::Html,
            "application/rss+xml" | "application/atom+xml" | "application/rdf+xml" => MediaKind::Feed,
            "text/xml" | "application/xml" => MediaKind::Xml,
            "text/plain" => MediaKind::Text,
            _ => MediaKind::Other,
        }
    }
}

/// Reads an HTTP date (`Last-Modified: Thu, 05 Mar 2026 09:30:00 GMT`); `None` when it is not
/// one.
pub(crate) fn parse_http_date(value: &str) -> Option<jiff::Timestamp> {
    static PARSER: jiff::fmt::rfc2822::DateTimeParser = jiff::fmt::rfc2822::DateTimeParser::new();
    PARSER.parse_timestamp(value.trim()).ok()
}

/// The status line and headers of an archived HTTP response.
#[derive(Clone, Debug)]
pub(crate) struct ResponseHead {
    /// The status code.
    pub status: u16,
    /// Header names and values in order, values trimmed and folded lines joined.
    headers: Vec<(String, String)>,
}

impl ResponseHead {
    /// The first value of a header, by case-insensitive name.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }
}

/// Splits an archived HTTP response into its head and body; the error says what is wrong.
pub(crate) fn parse_response(block: &[u8]) -> Result<(ResponseHead, &[u8]), &'static str> {
    let searched = block.get(..HEAD_LIMIT).unwrap_or(block);
    let (head_len, body_start) = end_of_head(searched).ok_or("no end of the header block within 64 KiB")?;
    let head = block.get(..head_len).unwrap_or_default();
    let body = block.get(body_start..).unwrap_or_default();
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line));
    let status_line = lines.next().unwrap_or_default();
    let mut words = status_line.split_ascii_whitespace();
    if !words.next().is_some_and(|version| version.starts_with("HTTP/")) {
        return Err("no HTTP status line");
    }
    let status = words
        .next()
        .filter(|code| code.len() == 3)
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or("status line without a three-digit status")?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // An obsolete folded line continues the previous header.
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    Ok((ResponseHead { status, headers }, body))
}

/// The length of the head and the start of the body: the first blank line, `\r\n` or bare `\n`.
fn end_of_head(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(newline) = bytes.get(from..)?.iter().position(|&byte| byte == b'\n') {
        let at = from + newline;
        match bytes.get(at + 1..) {
            Some([b'\n', ..]) => return Some((at, at + 2)),
            Some([b'\r', b'\n', ..]) => return Some((at, at + 3)),
            _ => from = at + 1,
        }
    }
    None
}

/// Undoes the chunked transfer coding. `None` when the body does not start with a chunk-size line
/// (an archive that stored the payload already de-chunked but kept the header); a body cut short
/// keeps the chunks that are there.
pub(crate) fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut decoded = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    loop {
        let Some(line_end) = rest.iter().position(|&byte| byte == b'\n') else {
            return (!first).then_some(decoded);
        };
        let line = rest.get(..line_end).unwrap_or_default();
        let size_field = line.split(|&byte| byte == b';').next().unwrap_or_default().trim_ascii();
        let size = std::str::from_utf8(size_field).ok().and_then(|hex| usize::from_str_radix(hex, 16).ok());
        let Some(size) = size else {
            return (!first).then_some(decoded);
        };
        first = false;
        rest = rest.get(line_end + 1..).unwrap_or_default();
        if size == 0 {
            return Some(decoded);
        }
        let chunk = rest.get(..size).unwrap_or(rest);
        decoded.extend_from_slice(chunk);
        rest = rest.get(chunk.len()..).unwrap_or_default();
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
        if rest.is_empty() {
            return Some(decoded);
        }
    }
}

/// Why a content-coded body could not be decoded.
#[derive(Debug)]
pub(crate) enum ContentCodingError {
    /// A coding other than identity, gzip and deflate.
    Unsupported,
    /// The decoded body is over the limit.
    TooLarge,
    /// The compressed data is corrupt.
    Corrupt(std::io::Error),
}

/// Undoes a `Content-Encoding` (identity, gzip, deflate), decoding at most `limit` bytes.
pub(crate) fn decode_content(body: &[u8], coding: &str, limit: u64) -> Result<Vec<u8>, ContentCodingError> {
    let coding = coding.trim().to_ascii_lowercase();
    let decoded = match coding.as_str() {
        "" | "identity" | "none" => return Ok(body.to_vec()),
        "gzip" | "x-gzip" => read_limited(MultiGzDecoder::new(body), limit),
        // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
        "deflate" => read_limited(ZlibDecoder::new(body), limit).or_else(|err| match err {
            ContentCodingError::Corrupt(_) => read_limited(DeflateDecoder::new(body), limit),
            other => Err(other),
        }),
        _ => Err(ContentCodingError::Unsupported),
    }?;
    Ok(decoded)
}

fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ContentCodingError> {
    let mut decoded = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut decoded).map_err(ContentCodingError::Corrupt)?;
    if decoded.len() as u64 > limit {
        return Err(ContentCodingError::TooLarge);
    }
    Ok(decoded)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use crate::http::{ContentCodingError, ContentType, MediaKind, dechunk, decode_content, parse_response};

    #[test]
    fn http_dates() {
        let parsed = crate::http::parse_http_date("Thu, 05 Mar 2026 09:30:00 GMT").map(|time| time.to_string());
        assert_eq!(parsed.as_deref(), Some("2026-03-05T09:30:00Z"));
        assert_eq!(crate::http::parse_http_date("yesterday"), None);
    }

    #[test]
    fn content_types() {
        let parsed = ContentType::parse("Text/HTML; Charset=\"ISO-8859-2\"");
        assert_eq!(parsed.media_type, "text/html");
        assert_eq!(parsed.charset.as_deref(), Some("ISO-8859-2"));
        assert_eq!(parsed.kind(), MediaKind::Html);
        assert_eq!(ContentType::parse("application/rss+xml").kind(), MediaKind::Feed);
        assert_eq!(ContentType::parse("text/xml;charset=").charset, None);
        assert_eq!(ContentType::parse("").kind(), MediaKind::Other);
    }

    fn check_response(block: &[u8], expected: &str) {
        let actual = match parse_response(block) {
            Ok((head, body)) => format!(
                "{} type={:?} te={:?} body={:?}",
                head.status,
                head.header("content-type"),
                head.header("transfer-encoding"),
                String::from_utf8_lossy(body)
            ),
            Err(reason) => format!("error: {reason}"),
        };
        assert_eq!(actual, expected);
    }

    #[test]
    fn archived_responses() {
        check_response(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Long: a\r\n  b\r\n\r\n<p>hi</p>",
            r#"200 type=Some("text/html") te=None body="<p>hi</p>""#,
        );
        check_response(
            b"HTTP/1.0 404 Not Found\nTransfer-Encoding: chunked\nnonsense line\n\nbody",
            r#"404 type=None te=Some("chunked") body="body""#,
        );
        check_response(b"HTTP/1.1 200 OK\r\n\r\n", r#"200 type=None te=None body="""#);
        check_response(b"GET / HTTP/1.1\r\n\r\n", "error: no HTTP status line");
        check_response(b"HTTP/1.1 2000 OK\r\n\r\n", "error: status line without a three-digit status");
        check_response(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n",
            "error: no end of the header block within 64 KiB",
        );
        check_response(b"", "error: no end of the header block within 64 KiB");
    }

    #[test]
    fn chunked_bodies() {
        let decoded = |body: &[u8]| dechunk(body).map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        assert_eq!(decoded(b"4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nTrailer: x\r\n\r\n").as_deref(), Some("Wikipedia"));
        assert_eq!(decoded(b"4\r\nWiki\r\nA\r\npedia").as_deref(), Some("Wikipedia"), "cut short");
        assert_eq!(decoded(b"<html>not chunked</html>"), None);
        assert_eq!(decoded(b""), None);
        assert_eq!(decoded(b"ffffffffffffffffffff\r\nx"), None, "size overflows usize");
    }

    #[test]
    fn content_codings() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>compressed</p>").unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(decode_content(&gz, "gzip", 100).unwrap(), b"<p>compressed</p>");
        assert!(matches!(decode_content(&gz, "gzip", 5), Err(ContentCodingError::TooLarge)));
        assert!(matches!(decode_content(gz.get(..10).unwrap(), "gzip", 100), Err(ContentCodingError::Corrupt(_))));
        assert!(matches!(decode_content(b"x", "br", 100), Err(ContentCodingError::Unsupported)));
        assert_eq!(decode_content(b"plain", "identity", 100).unwrap(), b"plain");
        let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        deflate.write_all(b"raw deflate").unwrap();
        let deflate = deflate.finish().unwrap();
        assert_eq!(decode_content(&deflate, "deflate", 100).unwrap(), b"raw deflate");
    }
}
