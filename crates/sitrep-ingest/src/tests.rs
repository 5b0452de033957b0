//! Tests across readers: every input kind through [`read`], sniffing of unnamed streams, and hostile
//! input (random bytes, damaged archives, absurd lengths, deep nesting) that must end in documents
//! or errors, never a panic or a hang.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use crate::sniff::Format;
use crate::warc::tests::{gzip, response, sample_records};
use crate::{Documents, Input, ReadConfig, read, read_bytes, read_unknown};

/// One line per document: origin, format, url, title and the start of the body; or the error.
fn render(documents: Documents) -> Vec<String> {
    documents
        .map(|res| match res {
            Ok(doc) => {
                let body: String = doc.body.chars().take(40).collect();
                format!("{} {} url={:?} title={:?} body={body:?}", doc.origin, doc.format.as_str(), doc.url, doc.title)
            }
            Err(err) => format!("error: {err}"),
        })
        .collect()
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn read_file(dir: &Path, name: &str, content: &[u8]) -> Vec<String> {
    let path = write(dir, name, content);
    render(read(&Input::File(path), &ReadConfig::default()))
        .into_iter()
        .map(|line| line.replace(&dir.display().to_string(), "D"))
        .collect()
}

#[test]
fn reads_every_file_format() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    assert_eq!(
        read_file(dir, "latin1.txt", b"caf\xe9 au lait, said Reyes."),
        ["D/latin1.txt text url=None title=None body=\"café au lait, said Reyes.\""]
    );
    assert_eq!(
        read_file(dir, "page.HTM", b"<html><meta charset=\"iso-8859-15\"><p>\xa4 5</p></html>"),
        ["D/page.HTM html url=None title=None body=\"<html><meta charset=\\\"iso-8859-15\\\"><p>€ 5\""]
    );
    let rss = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>\
                <item><title>A</title><link>https://t.example/a</link><description>One.</description></item></channel></rss>";
    let expected_item = "D/f.rss:1 feed url=Some(\"https://t.example/a\") title=Some(\"A\") body=\"One.\"";
    assert_eq!(read_file(dir, "f.rss", rss), [expected_item]);
    assert_eq!(read_file(dir, "f.xml", rss), [expected_item.replace("f.rss", "f.xml")]);
    assert_eq!(
        read_file(dir, "x.xml", b"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><p>x</p></html>"),
        ["D/x.xml html url=None title=None body=\"<?xml version=\\\"1.0\\\"?><html xmlns=\\\"http:/\""]
    );
    let sitemap = read_file(dir, "sitemap.xml", b"<urlset><url><loc>https://x.example/</loc></url></urlset>");
    assert!(sitemap[0].starts_with("error: D/sitemap.xml: not a readable RSS or Atom feed"), "{sitemap:?}");
    let gzipped: Vec<u8> = sample_records().iter().flat_map(|record| gzip(record)).collect();
    let pages = read_file(dir, "crawl.warc.gz", &gzipped);
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert!(pages[0].starts_with("D/crawl.warc.gz@") && pages[0].contains(" html url=Some(\"https://a.example/1\")"));
    // A gzipped WARC named `.warc`, or not named at all, is still read.
    assert_eq!(read_file(dir, "crawl.warc", &gzipped).len(), 3);
    assert_eq!(read_file(dir, "crawl.bin", &gzipped).len(), 3);
    assert_eq!(read_file(dir, "crawl", &sample_records().concat()).len(), 3);
    assert_eq!(
        read_file(dir, "page", b"\n<!DOCTYPE html><p>unnamed</p>"),
        ["D/page html url=None title=None body=\"\\n<!DOCTYPE html><p>unnamed</p>\""]
    );
    assert_eq!(
        read_file(dir, "lines", b"{\"text\": \"unnamed JSONL\"}\n"),
        ["D/lines:1 jsonl url=None title=None body=\"unnamed JSONL\""]
    );
}

#[test]
fn reads_url_lists_against_a_local_server() {
    let base = crate::fetch::tests::serve();
    let dir = tempfile::tempdir().unwrap();
    let list = format!("# local only\n\n{base}/page\nnot a url\nftp://127.0.0.1/x\n{base}/missing  # gone\n");
    assert_eq!(
        read_file(dir.path(), "news.urls", list.as_bytes()),
        [
            format!(
                "{base}/page html url=Some(\"{base}/page\") title=None body=\"<html><body><p>“Café,” she said.</p></bo\""
            ),
            "error: D/news.urls:4: \"not\" is not an http:// or https:// URL".to_string(),
            "error: D/news.urls:5: \"ftp://127.0.0.1/x\" is not an http:// or https:// URL".to_string(),
            format!("error: {base}/missing: the server answered HTTP 404"),
        ]
    );
    let one = render(read(&Input::Url(format!("{base}/feed")), &ReadConfig::default()));
    assert_eq!(one.len(), 2, "{one:?}");
}

#[test]
fn sniffs_unnamed_streams_like_stdin() {
    let sniffed = |bytes: &[u8]| {
        render(read_unknown("-".to_string(), Box::new(std::io::Cursor::new(bytes.to_vec())), &ReadConfig::default()))
    };
    assert_eq!(sniffed(b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n").len(), 2);
    assert_eq!(sniffed(&sample_records().concat()).len(), 3);
    assert_eq!(
        sniffed(
            b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title><summary>s</summary></entry></feed>"
        )
        .len(),
        1
    );
    assert_eq!(sniffed(b"<p>just a fragment</p>"), ["- html url=None title=None body=\"<p>just a fragment</p>\""]);
    assert_eq!(sniffed(b"Title: T\n\ncaf\xe9"), ["- text url=None title=Some(\"T\") body=\"café\""]);
    assert_eq!(sniffed(b""), ["error: -: empty file, nothing to read"]);
    // JSON Lines from a pipe are streamed: a line longer than the sniffed head is still one line.
    let long = format!("{{\"text\": \"{}\"}}\n{{\"text\": \"b\"}}\n", "x".repeat(20_000));
    assert_eq!(sniffed(long.as_bytes()).len(), 2);
}

/// Reads `bytes` as every format and by sniffing, to the end; the point is that it returns.
fn read_every_way(bytes: &[u8], config: &ReadConfig) -> usize {
    let mut n_results = 0;
    for format in [Format::Text, Format::Jsonl, Format::Html, Format::Feed, Format::Xml, Format::Warc] {
        n_results += read_bytes("x".to_string(), format, bytes.to_vec(), config).count();
    }
    n_results += read_unknown("-".to_string(), Box::new(std::io::Cursor::new(bytes.to_vec())), config).count();
    n_results
}

fn small_config() -> ReadConfig {
    ReadConfig { max_document_bytes: 64 * 1024, ..ReadConfig::default() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        read_every_way(&bytes, &small_config());
        let _ = crate::http::parse_response(&bytes);
        let _ = crate::http::dechunk(&bytes);
        let _ = crate::http::decode_content(&bytes, "gzip", 4096);
        let _ = crate::http::decode_content(&bytes, "deflate", 4096);
        let _ = crate::decode::decode_markup("x", &bytes, Some("utf-16"), Some("https://x.example.de/"));
    }

    #[test]
    fn random_markup_never_panics(text in "(<[a-z!?/]{0,3}[ a-z=\"'-]{0,12}>?|[a-z &;#]{0,8}|\r?\n){0,64}") {
        read_every_way(text.as_bytes(), &small_config());
    }

    #[test]
    fn damaged_warc_files_end_in_an_error_not_a_panic(
        cut in 0usize..4000,
        flips in prop::collection::vec((0usize..4000, any::<u8>()), 0..8),
        gzipped in any::<bool>(),
    ) {
        let records = sample_records();
        let mut bytes = if gzipped { records.iter().flat_map(|record| gzip(record)).collect() } else { records.concat() };
        let len = bytes.len();
        for (at, value) in flips {
            if let Some(byte) = bytes.get_mut(at % len) {
                *byte = value;
            }
        }
        bytes.truncate(cut.min(len));
        read_every_way(&bytes, &small_config());
    }
}

#[test]
fn absurd_inputs_end_in_a_result_or_an_error() {
    let config = small_config();
    // A record header claiming 10 GB: the missing data is noticed, nothing that size is allocated.
    let huge = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 10000000000\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>";
    let docs = render(read_bytes("huge.warc".to_string(), Format::Warc, huge.to_vec(), &config));
    assert_eq!(docs, ["error: huge.warc@0: truncated WARC record: the file ends inside it"]);
    let docs = render(read_bytes("huge.warc.gz".to_string(), Format::Warc, gzip(huge), &config));
    assert_eq!(docs, ["error: huge.warc.gz@0: truncated WARC record: the file ends inside it"]);
    // A length beyond u64.
    let docs = render(read_bytes(
        "n.warc".to_string(),
        Format::Warc,
        b"WARC/1.0\r\nContent-Length: 99999999999999999999999\r\n\r\n".to_vec(),
        &config,
    ));
    assert_eq!(
        docs,
        ["error: n.warc@0: WARC record without a valid Content-Length (found \"99999999999999999999999\")"]
    );
    // Truncated gzip, cut in the header and in the data.
    let gzipped = gzip(&response("https://a.example/", "HTTP/1.1 200 OK\nContent-Type: text/html", b"<p>x</p>"));
    for cut in [1, 5, 12, gzipped.len() - 1] {
        let docs =
            render(read_bytes("t.warc.gz".to_string(), Format::Warc, gzipped.get(..cut).unwrap().to_vec(), &config));
        assert!(docs.last().is_some_and(|last| last.starts_with("error: t.warc.gz@")), "cut {cut}: {docs:?}");
    }
    // 100,000 nested tags: HTML is passed on as markup, a feed is refused by the parser.
    let nested = format!("<html><body>{}x</body></html>", "<div>".repeat(100_000));
    let docs = render(read_bytes("deep.html".to_string(), Format::Html, nested.clone().into_bytes(), &config.clone()));
    assert_eq!(docs.len(), 1);
    assert!(docs[0].starts_with("deep.html html"), "{docs:?}");
    let deep_feed = format!("<rss version=\"2.0\">{}", "<a>".repeat(100_000));
    let docs = render(read_bytes("deep.rss".to_string(), Format::Feed, deep_feed.into_bytes(), &config));
    assert!(docs[0].starts_with("error: deep.rss: not a readable RSS or Atom feed"), "{docs:?}");
    // Over the size cap, and binary junk.
    let big = vec![b'a'; 64 * 1024 + 1];
    let docs = render(read_unknown("-".to_string(), Box::new(std::io::Cursor::new(big)), &config));
    assert_eq!(docs, ["error: -: larger than the 65536-byte limit for one document"]);
    let docs = render(read_bytes("junk.html".to_string(), Format::Html, b"\x7fELF\x02\x01\x01\0\0".to_vec(), &config));
    assert_eq!(
        docs,
        [
            "error: junk.html: binary file (NUL byte at offset 7), not text; pass text, HTML, JSON Lines, a feed or a WARC file"
        ]
    );
}

#[test]
fn a_fifty_megabyte_page_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.html");
    let paragraph = "<p>“A paragraph of a very long page,” the editor said.</p>\n";
    let page = format!("<html><body>{}</body></html>", paragraph.repeat(50 * 1024 * 1024 / paragraph.len() + 1));
    std::fs::write(&path, page).unwrap();
    let docs: Vec<_> = read(&Input::File(path), &ReadConfig::default()).collect();
    assert_eq!(docs.len(), 1);
    assert!(docs[0].as_ref().is_ok_and(|doc| doc.body.len() > 50 * 1024 * 1024));
}
