//! Bad input gets a message naming the file and the problem; the run goes on with the rest and
//! fails only when nothing could be read. Never a panic.

use crate::util::{TestDir, json_lines};

#[test]
fn each_bad_file_is_named_and_skipped() {
    let test = TestDir::new();
    let good = test.write("good.txt", "“We will stay,” Ana Ferreira said.");
    let empty = test.write("empty.txt", "");
    let binary = test.write("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00junk");
    let latin1 = test.write("latin1.txt", b"caf\xe9 au lait, said Reyes.");
    let bad_jsonl = test.write("bad.jsonl", "{\"text\": \"fine line\"}\n{not json\n{\"title\": \"no text\"}\n");
    let missing = test.path().join("missing.txt");
    let empty_dir = test.path().join("nothing");
    std::fs::create_dir(&empty_dir).expect("mkdir");
    let paths = [&good, &empty, &binary, &latin1, &bad_jsonl, &missing, &empty_dir];
    let mut args = vec!["annotate"];
    args.extend(paths.iter().map(|path| path.to_str().expect("path")));
    let run = test.run(&args);
    assert_eq!(run.code, 0, "something was read, so the run succeeds: {}", run.stderr);
    let articles = json_lines(&run.stdout);
    assert_eq!(articles.len(), 3, "good.txt, latin1.txt (decoded as windows-1252) and the good JSONL line");
    assert!(
        articles.iter().any(|article| article["text"].as_str().is_some_and(|text| text.contains("café au lait"))),
        "latin1.txt is decoded, not mojibake: {}",
        run.stdout
    );
    for expected in [
        "missing.txt: no such file or directory",
        "nothing: no readable articles here",
        "empty.txt: empty file, nothing to read",
        "binary.txt: binary file (NUL byte at offset 7)",
        "bad.jsonl:2: invalid JSON",
        "bad.jsonl:3: no \"text\" or \"html\" field",
    ] {
        assert!(run.stderr.contains(expected), "stderr lacks {expected:?}:\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("latin1.txt"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"));
}

/// An article-like page body: enough paragraphs for any extractor to take it as the article.
fn page(title: &str, charset_meta: &str) -> String {
    let paragraph = "<p>Ana Ferreira told reporters on Thursday that the navy would keep its ships in the \
                     harbour until the talks in Geneva were over, and that the ministry had set aside more money.</p>";
    format!(
        "<!DOCTYPE html><html><head>{charset_meta}<title>{title}</title></head><body><article><h1>{title}</h1>{}</article></body></html>",
        paragraph.repeat(4)
    )
}

/// One WARC response record for `uri` whose HTTP payload is `body` as `text/html`.
fn warc_response(uri: &str, body: &[u8]) -> Vec<u8> {
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n".to_vec();
    block.extend_from_slice(body);
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(&block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

/// A gzip member holding `data` in stored (uncompressed) deflate blocks: enough to test the
/// `.warc.gz` path without a compression library in this crate.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let chunks: Vec<&[u8]> = data.chunks(0xffff).collect();
    for (idx, chunk) in chunks.iter().enumerate() {
        out.push(u8::from(idx + 1 == chunks.len()));
        let len = chunk.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&(!crc).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

#[test]
fn html_files_and_warc_archives_are_read() {
    let test = TestDir::new();
    let html = test.write("page.html", page("Navy stays in harbour", "<meta charset=\"utf-8\">"));
    let mut archive = gzip_stored(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\nx: y\r\n\r\n");
    let (first, second) = ("https://harbour.example/navy", "https://ledger.example/ships");
    let latin1_page: Vec<u8> = page("Caf\u{e9} talks go on", "").chars().map(|c| c as u32 as u8).collect();
    for record in [warc_response(first, page("Navy stays", "").as_bytes()), warc_response(second, &latin1_page)] {
        archive.extend(gzip_stored(&record));
    }
    let warc = test.write("crawl.warc.gz", &archive);
    let run = test.run(&["extract", "--format", "json", html.to_str().expect("path"), warc.to_str().expect("path")]);
    for ingest_error in ["page.html:", "crawl.warc.gz@", "crawl.warc.gz:", "panicked"] {
        assert!(!run.stderr.contains(ingest_error), "{ingest_error:?} in stderr:\n{}", run.stderr);
    }
    let articles = json_lines(&run.stdout);
    assert_eq!(articles.len(), 3, "one page and two archived pages: {}", run.stderr);
    assert!(articles.iter().all(|article| article["format"] == "html"), "{}", run.stdout);
    let urls: Vec<&str> = articles.iter().filter_map(|article| article["url"].as_str()).collect();
    assert_eq!(urls, [first, second]);
}

#[test]
fn nothing_readable_exits_one() {
    let test = TestDir::new();
    let empty = test.write("empty.txt", "   \n");
    let run = test.run(&["ingest", empty.to_str().expect("path")]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("sitrep: no input could be read"), "{}", run.stderr);
    let run = test.run(&["analyze", "does-not-exist"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does-not-exist: no such file or directory"));
}

#[test]
fn usage_errors_exit_two_with_a_hint() {
    let test = TestDir::new();
    let run = test.run(&["annotate"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("<PATH>"), "{}", run.stderr);
    let run = test.run(&["report"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no store in") && run.stderr.contains("sitrep ingest"), "{}", run.stderr);
    let run = test.run(&["entities", "--type", "robot"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("choose one of person, org, gpe, loc, norp, misc"), "{}", run.stderr);
}

#[test]
fn hostile_text_is_escaped_on_the_terminal() {
    let test = TestDir::new();
    let path = test.write("evil.txt", "Title: Evil\u{1b}[2J\u{202e}\n\n“Hello there, everyone,” Ana Ferreira said.");
    let run = test.run(&["annotate", "--format", "text", path.to_str().expect("path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{202e}'));
    assert!(run.stdout.contains("Evil\\u{1b}[2J\\u{202e}"), "{}", run.stdout);
}
