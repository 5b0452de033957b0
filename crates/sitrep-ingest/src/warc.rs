//! WARC files (`.warc`, and `.warc.gz` as Common Crawl writes them: one gzip member per record),
//! read as a stream, one record at a time, never loaded whole.
//!
//! A record is a `WARC/1.x` line, `Name: value` header lines, a blank line, `Content-Length`
//! bytes of block and two line ends. sitrep keeps `response` records whose archived HTTP response
//! has status 200 and an HTML content type (`text/html`, `application/xhtml+xml`, or no content
//! type and a body that starts like HTML); every other record (`warcinfo`, `request`, `metadata`,
//! `revisit`, redirects, images, ...) is skipped without a word (a debug log line).
//!
//! - **Memory**: at most `max_document_bytes` of a record's block are held; the rest of an
//!   oversized record is skipped by reading it into nothing, and a kept page that was too large is
//!   reported as [`Error::TooLarge`]. A header claiming a huge `Content-Length` costs nothing until
//!   the data is really there.
//! - **The archived response**: the status line and headers are parsed here (`http.rs`); a
//!   `Transfer-Encoding: chunked` body is de-chunked (unless it turns out to be stored de-chunked
//!   already, as some crawlers do while keeping the header), a gzip or deflate `Content-Encoding` is
//!   undone, and the body is decoded with the HTTP charset, the page's `<meta>` charset or a sniff
//!   steered by the TLD of `WARC-Target-URI`, which becomes the document's `url`.
//! - **Origins**: `record_offset` is the byte offset of the record's `WARC/` line in the
//!   *decompressed* stream (for a `.warc.gz` that is not the compressed offset a Common Crawl index
//!   gives, but it is the same for both forms of a file and needs no seeking).
//! - **Damage**: a record that breaks the framing (no version line, a bad header, no usable
//!   `Content-Length`, the file ending inside it, corrupt gzip) is an [`Error::Warc`] naming the
//!   file and offset, and reading stops for that file, since the next record cannot be found
//!   reliably. A malformed HTTP response inside a well-framed record is reported and reading goes
//!   on.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use sitrep_model::{Origin, RawDocument};

use crate::error::{Error, Result, WarcProblem};
use crate::html::PageInfo;
use crate::http::{ContentCodingError, ContentType, MediaKind};
use crate::{Documents, ReadConfig};

/// The longest WARC record header read, all lines together.
const HEADER_LIMIT: u64 = 64 * 1024;

/// The first bytes of a gzip member.
pub(crate) const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// Reads the HTML pages archived in a WARC file, compressed or not (the gzip magic tells, whatever
/// the file is called).
pub(crate) fn read_file(path: &Path, config: &ReadConfig) -> Documents {
    match std::fs::File::open(path) {
        Ok(file) => read_stream(path.display().to_string(), BufReader::new(file), config),
        Err(source) => Box::new(std::iter::once(Err(Error::io(path, source)))),
    }
}

/// Reads the HTML pages archived in a WARC stream, gzip-compressed or not.
pub(crate) fn read_stream<R: BufRead + 'static>(location: String, mut reader: R, config: &ReadConfig) -> Documents {
    let is_gzip = match reader.fill_buf() {
        Ok(buffer) => buffer.starts_with(GZIP_MAGIC),
        Err(source) => return Box::new(std::iter::once(Err(Error::Io { location, source }))),
    };
    if is_gzip {
        // Multi-member: Common Crawl compresses each record as its own gzip member.
        let decoder = BufReader::new(MultiGzDecoder::new(reader));
        Box::new(Records::new(location, decoder, config.max_document_bytes))
    } else {
        Box::new(Records::new(location, reader, config.max_document_bytes))
    }
}

/// The kept records of a WARC stream, one document (or error) at a time.
struct Records<R> {
    location: String,
    reader: Counted<R>,
    max_bytes: u64,
    done: bool,
}

/// What one record gave.
enum Step {
    /// A kept page, or why a kept page could not be read (boxed: records skipped are the common
    /// case, and a document is large).
    Document(Box<Result<RawDocument>>),
    /// A record sitrep does not read.
    Skip,
}

/// A framing problem at a record's offset.
struct Damage {
    offset: u64,
    problem: WarcProblem,
}

impl Damage {
    /// A failed read: the stream ending early (gzip says so with `UnexpectedEof`) is a truncated
    /// record; anything else (corrupt gzip, a system error) is reported as it is.
    fn read(offset: u64, source: std::io::Error) -> Damage {
        let problem = if source.kind() == std::io::ErrorKind::UnexpectedEof {
            WarcProblem::Truncated
        } else {
            WarcProblem::Read { source }
        };
        Damage { offset, problem }
    }
}

impl<R: BufRead> Records<R> {
    fn new(location: String, reader: R, max_bytes: u64) -> Records<R> {
        Records { location, reader: Counted { inner: reader, offset: 0 }, max_bytes, done: false }
    }

    /// Reads the next record; `Ok(None)` at a clean end of the stream.
    fn next_record(&mut self) -> std::result::Result<Option<Step>, Damage> {
        let mut line = Vec::new();
        // Records are separated by blank lines; tolerate any number of them.
        let offset = loop {
            let offset = self.reader.offset;
            line.clear();
            let n_read = self.read_line(&mut line, HEADER_LIMIT, offset)?;
            if n_read == 0 {
                return Ok(None);
            }
            if !line.trim_ascii().is_empty() {
                break offset;
            }
        };
        let damage = |problem: WarcProblem| Damage { offset, problem };
        if !line.starts_with(b"WARC/") {
            return Err(damage(WarcProblem::NotWarc));
        }
        let headers = self.read_headers(offset)?;
        let header = |name: &str| {
            headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
        };
        let length_field = header("Content-Length").unwrap_or_default();
        let content_length = length_field
            .parse::<u64>()
            .map_err(|_| damage(WarcProblem::BadContentLength { value: length_field.to_string() }))?;
        let record_type = header("WARC-Type").unwrap_or_default();
        let block_type = header("Content-Type").unwrap_or_default();
        let is_http_response = record_type.eq_ignore_ascii_case("response")
            && block_type.trim_start().to_ascii_lowercase().starts_with("application/http");
        if !is_http_response {
            tracing::debug!(location = %self.location, offset, record_type, block_type, "skipped WARC record");
            self.skip(content_length, offset)?;
            return Ok(Some(Step::Skip));
        }
        let target_uri = header("WARC-Target-URI").map(|uri| uri.trim().trim_start_matches('<').trim_end_matches('>'));
        let target_uri = target_uri.filter(|uri| !uri.is_empty()).map(str::to_string);
        let to_read = content_length.min(self.max_bytes);
        let mut block = Vec::new();
        (&mut self.reader).take(to_read).read_to_end(&mut block).map_err(|source| Damage::read(offset, source))?;
        if (block.len() as u64) < to_read {
            return Err(damage(WarcProblem::Truncated));
        }
        let oversized = content_length > to_read;
        self.skip(content_length - to_read, offset)?;
        Ok(Some(self.response(offset, target_uri.as_deref(), &block, oversized)))
    }

    /// Reads header lines up to the blank line that ends them.
    fn read_headers(&mut self, offset: u64) -> std::result::Result<Vec<(String, String)>, Damage> {
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut budget = HEADER_LIMIT;
        let mut line = Vec::new();
        loop {
            line.clear();
            let n_read = self.read_line(&mut line, budget, offset)?;
            budget = budget.saturating_sub(n_read as u64);
            if n_read == 0 {
                return Err(Damage { offset, problem: WarcProblem::Truncated });
            }
            if !line.ends_with(b"\n") {
                let problem = if budget == 0 {
                    WarcProblem::BadHeader { reason: "longer than 64 KiB" }
                } else {
                    WarcProblem::Truncated
                };
                return Err(Damage { offset, problem });
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                return Ok(headers);
            }
            if text.starts_with([' ', '\t']) {
                match headers.last_mut() {
                    Some((_, value)) => {
                        value.push(' ');
                        value.push_str(text.trim());
                    }
                    None => {
                        return Err(Damage {
                            offset,
                            problem: WarcProblem::BadHeader { reason: "continuation line first" },
                        });
                    }
                }
                continue;
            }
            let Some((name, value)) = text.split_once(':') else {
                return Err(Damage { offset, problem: WarcProblem::BadHeader { reason: "a line without a colon" } });
            };
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }

    /// Reads one line of at most `limit` bytes into `line`; returns the bytes read.
    fn read_line(&mut self, line: &mut Vec<u8>, limit: u64, offset: u64) -> std::result::Result<usize, Damage> {
        (&mut self.reader).take(limit).read_until(b'\n', line).map_err(|source| Damage::read(offset, source))
    }

    /// Skips `n_bytes` of the stream; the stream ending first means the record is truncated.
    fn skip(&mut self, n_bytes: u64, offset: u64) -> std::result::Result<(), Damage> {
        let skipped = std::io::copy(&mut (&mut self.reader).take(n_bytes), &mut std::io::sink())
            .map_err(|source| Damage::read(offset, source))?;
        if skipped < n_bytes {
            return Err(Damage { offset, problem: WarcProblem::Truncated });
        }
        Ok(())
    }

    /// Turns the block of a response record into a page, or skips it.
    fn response(&self, offset: u64, target_uri: Option<&str>, block: &[u8], oversized: bool) -> Step {
        let error = |problem: WarcProblem| {
            Step::Document(Box::new(Err(Error::Warc { location: self.location.clone(), offset, problem })))
        };
        let (head, body) = match crate::http::parse_response(block) {
            Ok(parsed) => parsed,
            Err(reason) => return error(WarcProblem::BadHttp { reason }),
        };
        let content_type = head.header("Content-Type").map(ContentType::parse);
        let is_html = match &content_type {
            Some(content_type) => content_type.kind() == MediaKind::Html,
            None => crate::html::looks_like_html(body),
        };
        if head.status != 200 || !is_html {
            tracing::debug!(location = %self.location, offset, status = head.status, ?content_type, "skipped WARC response");
            return Step::Skip;
        }
        let origin = Origin { location: self.location.clone(), line: None, record_offset: Some(offset) };
        if oversized {
            return Step::Document(Box::new(Err(Error::TooLarge {
                location: origin.to_string(),
                limit: self.max_bytes,
            })));
        }
        let is_chunked =
            head.header("Transfer-Encoding").is_some_and(|coding| coding.to_ascii_lowercase().contains("chunked"));
        let dechunked = if is_chunked { crate::http::dechunk(body) } else { None };
        let body = dechunked.as_deref().unwrap_or(body);
        let coding = head.header("Content-Encoding").unwrap_or_default();
        let body = match crate::http::decode_content(body, coding, self.max_bytes) {
            Ok(body) => body,
            Err(ContentCodingError::Unsupported) => {
                return error(WarcProblem::UnsupportedEncoding { encoding: coding.to_string() });
            }
            Err(ContentCodingError::TooLarge) => {
                return Step::Document(Box::new(Err(Error::TooLarge {
                    location: origin.to_string(),
                    limit: self.max_bytes,
                })));
            }
            Err(ContentCodingError::Corrupt(source)) => return error(WarcProblem::CorruptBody { source }),
        };
        let info = PageInfo {
            declared_charset: content_type.as_ref().and_then(|content_type| content_type.charset.as_deref()),
            url: target_uri,
            modified: head.header("Last-Modified").and_then(crate::http::parse_http_date),
        };
        Step::Document(Box::new(crate::html::document(origin, &body, info)))
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<RawDocument>;

    fn next(&mut self) -> Option<Result<RawDocument>> {
        while !self.done {
            match self.next_record() {
                Ok(None) => self.done = true,
                Ok(Some(Step::Skip)) => {}
                Ok(Some(Step::Document(result))) => return Some(*result),
                Err(Damage { offset, problem }) => {
                    self.done = problem.stops_reading();
                    return Some(Err(Error::Warc { location: self.location.clone(), offset, problem }));
                }
            }
        }
        None
    }
}

/// A reader that counts the bytes consumed from it, for record offsets.
struct Counted<R> {
    inner: R,
    offset: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n_read = self.inner.read(buf)?;
        self.offset += n_read as u64;
        Ok(n_read)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.offset += amount as u64;
        self.inner.consume(amount);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use crate::ReadConfig;
    use crate::warc::read_stream;

    /// One WARC record with the given type, extra headers and block.
    pub(crate) fn record(warc_type: &str, headers: &str, block: &[u8]) -> Vec<u8> {
        let mut record = format!(
            "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:0>\r\n{headers}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        record.extend_from_slice(block);
        record.extend_from_slice(b"\r\n\r\n");
        record
    }

    /// A response record for `uri` with an HTTP head and body.
    pub(crate) fn response(uri: &str, http_head: &str, body: &[u8]) -> Vec<u8> {
        let mut block = http_head.replace('\n', "\r\n").into_bytes();
        block.extend_from_slice(b"\r\n\r\n");
        block.extend_from_slice(body);
        record(
            "response",
            &format!("WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n"),
            &block,
        )
    }

    pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    /// A small archive: info, a request, a good page, a redirect, an image, a chunked page in
    /// windows-1252, a 404, a page without content type.
    pub(crate) fn sample_records() -> Vec<Vec<u8>> {
        vec![
            record("warcinfo", "Content-Type: application/warc-fields\r\n", b"software: hand\r\n"),
            record(
                "request",
                "WARC-Target-URI: https://a.example/1\r\nContent-Type: application/http; msgtype=request\r\n",
                b"GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n",
            ),
            response(
                "https://a.example/1",
                "HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\nLast-Modified: Thu, 05 Mar 2026 09:30:00 GMT",
                "<html><body><p>Kyiv’s first page</p></body></html>".as_bytes(),
            ),
            response("https://a.example/old", "HTTP/1.1 301 Moved\nLocation: /1", b""),
            response(
                "https://a.example/logo.png",
                "HTTP/1.1 200 OK\nContent-Type: image/png",
                b"\x89PNG\r\n\x1a\n\0\0",
            ),
            response(
                "<https://b.example.fr/2>",
                "HTTP/1.1 200 OK\nContent-Type: text/html\nTransfer-Encoding: chunked",
                b"19\r\n<html><body><p>caf\xe9 cr\xe8me\r\nb\r\n</p></body>\r\n0\r\n\r\n",
            ),
            response("https://a.example/missing", "HTTP/1.1 404 Not Found\nContent-Type: text/html", b"<p>no</p>"),
            response("https://a.example/3", "HTTP/1.1 200 OK", b"<!doctype html><p>untyped</p>"),
        ]
    }

    fn render(location: &str, bytes: Vec<u8>, max_document_bytes: u64) -> Vec<String> {
        let config = ReadConfig { max_document_bytes, ..ReadConfig::default() };
        read_stream(location.to_string(), std::io::Cursor::new(bytes), &config)
            .map(|res| match res {
                Ok(doc) => format!(
                    "{} {} url={:?} modified={:?} body={:?}",
                    doc.origin,
                    doc.format.as_str(),
                    doc.url,
                    doc.modified.map(|time| time.to_string()),
                    doc.body
                ),
                Err(err) => format!("error: {err}"),
            })
            .collect()
    }

    #[test]
    fn keeps_html_responses_plain_and_gzipped() {
        let records = sample_records();
        let offsets: Vec<usize> = records
            .iter()
            .scan(0, |offset, record| {
                let at = *offset;
                *offset += record.len();
                Some(at)
            })
            .collect();
        let expected = [
            format!(
                "a.warc@{} html url=Some(\"https://a.example/1\") modified=Some(\"2026-03-05T09:30:00Z\") body=\"<html><body><p>Kyiv’s first page</p></body></html>\"",
                offsets[2]
            ),
            format!(
                "a.warc@{} html url=Some(\"https://b.example.fr/2\") modified=None body=\"<html><body><p>café crème</p></body>\"",
                offsets[5]
            ),
            format!(
                "a.warc@{} html url=Some(\"https://a.example/3\") modified=None body=\"<!doctype html><p>untyped</p>\"",
                offsets[7]
            ),
        ];
        assert_eq!(render("a.warc", records.concat(), 1 << 20), expected);
        // Gzipped per record, as Common Crawl does: the same documents at the same offsets.
        let gzipped: Vec<u8> = records.iter().flat_map(|record| gzip(record)).collect();
        assert_eq!(render("a.warc", gzipped, 1 << 20), expected);
    }

    #[test]
    fn oversized_records_are_skipped_or_reported() {
        let big_page = format!("<html><body>{}</body></html>", "x".repeat(5000));
        let big_image = vec![b'z'; 5000];
        let records = [
            response("https://a.example/big", "HTTP/1.1 200 OK\nContent-Type: text/html", big_page.as_bytes()),
            response("https://a.example/big.png", "HTTP/1.1 200 OK\nContent-Type: image/png", &big_image),
            response("https://a.example/small", "HTTP/1.1 200 OK\nContent-Type: text/html", b"<p>small</p>"),
        ];
        let second = records[0].len() + records[1].len();
        assert_eq!(
            render("b.warc", records.concat(), 1000),
            [
                "error: b.warc@0: larger than the 1000-byte limit for one document".to_string(),
                format!(
                    "b.warc@{second} html url=Some(\"https://a.example/small\") modified=None body=\"<p>small</p>\""
                ),
            ]
        );
    }

    #[test]
    fn damaged_files_stop_with_file_and_offset() {
        let good = response("https://a.example/1", "HTTP/1.1 200 OK\nContent-Type: text/html", b"<p>one</p>");
        let n_good = good.len();
        let check = |tail: &[u8], expected: &str| {
            let mut bytes = good.clone();
            bytes.extend_from_slice(tail);
            let docs = render("c.warc", bytes, 1 << 20);
            assert_eq!(docs.len(), 2, "{docs:?}");
            assert!(docs[0].starts_with("c.warc@0 html"), "{docs:?}");
            assert_eq!(docs[1], format!("error: c.warc@{n_good}: {expected}"));
        };
        let next = response("https://a.example/2", "HTTP/1.1 200 OK\nContent-Type: text/html", b"<p>two</p>");
        check(next.get(..next.len() - 20).unwrap(), "truncated WARC record: the file ends inside it");
        check(next.get(..30).unwrap(), "truncated WARC record: the file ends inside it");
        check(b"garbage\r\n", "not a WARC record (expected a WARC/1.0 or WARC/1.1 line); is this a WARC file?");
        check(
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 10000000000\r\n\r\nshort",
            "truncated WARC record: the file ends inside it",
        );
        check(
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\n",
            "WARC record without a valid Content-Length (found \"lots\")",
        );
        check(b"WARC/1.0\r\nno colon here\r\n\r\n", "malformed WARC record header: a line without a colon");
        let mut long_header = b"WARC/1.0\r\nX: ".to_vec();
        long_header.extend(std::iter::repeat_n(b'a', 70_000));
        check(&long_header, "malformed WARC record header: longer than 64 KiB");
        // Reading stops: a good record after the damage is not read.
        let mut bytes = good.clone();
        bytes.extend_from_slice(b"junk\n");
        bytes.extend_from_slice(&good);
        assert_eq!(render("c.warc", bytes, 1 << 20).len(), 2);
    }

    #[test]
    fn bad_http_inside_a_record_is_reported_and_reading_goes_on() {
        let records = [
            record("response", "Content-Type: application/http; msgtype=response\r\n", b"not http at all"),
            response("https://a.example/br", "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: br", b"\x0b"),
            response("https://a.example/2", "HTTP/1.1 200 OK\nContent-Type: text/html", b"<p>two</p>"),
        ];
        let docs = render("d.warc", records.concat(), 1 << 20);
        assert_eq!(
            docs[0],
            "error: d.warc@0: malformed archived HTTP response: no end of the header block within 64 KiB"
        );
        assert!(
            docs[1].ends_with("archived page has Content-Encoding \"br\"; sitrep reads identity, gzip and deflate")
        );
        assert!(docs[2].ends_with("body=\"<p>two</p>\""), "{docs:?}");
    }

    #[test]
    fn truncated_and_corrupt_gzip() {
        let gzipped: Vec<u8> = sample_records().iter().flat_map(|record| gzip(record)).collect();
        for cut in [gzipped.len() / 2, gzipped.len() - 3, 5] {
            let docs = render("e.warc.gz", gzipped.get(..cut).unwrap().to_vec(), 1 << 20);
            let last = docs.last().unwrap();
            assert!(last.starts_with("error: e.warc.gz@"), "cut at {cut}: {docs:?}");
        }
        let mut corrupt = gzipped.clone();
        for byte in corrupt.iter_mut().skip(40).step_by(7) {
            *byte ^= 0x5a;
        }
        let docs = render("e.warc.gz", corrupt, 1 << 20);
        assert!(docs.last().unwrap().starts_with("error: e.warc.gz@"), "{docs:?}");
    }

    #[test]
    fn empty_stream_has_no_documents() {
        assert!(render("f.warc", Vec::new(), 100).is_empty());
        assert!(render("f.warc", b"\r\n\r\n".to_vec(), 100).is_empty());
    }
}
