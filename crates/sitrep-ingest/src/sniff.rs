//! Deciding how to read an input: by its file name when that is one sitrep knows, else by its
//! first bytes (standard input, files with other names).
//!
//! | name | content | format |
//! |---|---|---|
//! | `.txt`, `.text` | | text |
//! | `.jsonl`, `.ndjson` | starts with `{` | JSON Lines |
//! | `.html`, `.htm`, `.xhtml` | starts with `<` and is not a feed | HTML |
//! | `.rss`, `.atom` | `<rss`, `<feed`, `<rdf:RDF` (after `<?xml ...?>`) | feed |
//! | `.xml` | | a feed, or XHTML, whichever it is |
//! | `.warc`, `.warc.gz` | starts with `WARC/` or the gzip magic | WARC |
//! | `.urls` | | URL list |
//! | anything else | anything else | text |

use std::path::Path;

/// How an input is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Jsonl,
    Html,
    Feed,
    /// `.xml`: a feed if it looks like one, else XHTML if it looks like that.
    Xml,
    Warc,
    UrlList,
}

/// File names sitrep reads, and how: (lower-case suffix, format). `.warc.gz` comes before any
/// shorter suffix it ends with.
const SUFFIXES: &[(&str, Format)] = &[
    (".warc.gz", Format::Warc),
    (".warc", Format::Warc),
    (".txt", Format::Text),
    (".text", Format::Text),
    (".jsonl", Format::Jsonl),
    (".ndjson", Format::Jsonl),
    (".html", Format::Html),
    (".htm", Format::Html),
    (".xhtml", Format::Html),
    (".rss", Format::Feed),
    (".atom", Format::Feed),
    (".xml", Format::Xml),
    (".urls", Format::UrlList),
];

/// The format a file's name announces, if any.
pub(crate) fn by_name(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    SUFFIXES.iter().find(|(suffix, _)| name.len() > suffix.len() && name.ends_with(suffix)).map(|(_, format)| *format)
}

/// The format of an input judged by its first bytes.
pub(crate) fn by_content(head: &[u8]) -> Format {
    if head.starts_with(crate::warc::GZIP_MAGIC) {
        return Format::Warc;
    }
    if head.starts_with(b"<\0") || head.starts_with(b"\0<") {
        return Format::Html;
    }
    let utf16 = encoding_rs::Encoding::for_bom(head)
        .filter(|(encoding, _)| *encoding != encoding_rs::UTF_8)
        .map(|(encoding, _)| encoding.decode_with_bom_removal(head).0.into_owned());
    let head = utf16.as_deref().map_or(head, str::as_bytes);
    let trimmed = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).trim_ascii_start();
    if trimmed.starts_with(b"WARC/") {
        Format::Warc
    } else if trimmed.starts_with(b"{") {
        Format::Jsonl
    } else if trimmed.starts_with(b"<") {
        if crate::feed::looks_like_feed(trimmed) { Format::Feed } else { Format::Html }
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::sniff::{Format, by_content, by_name};

    #[test]
    fn formats_by_name() {
        let check = |name: &str| by_name(Path::new(name));
        assert_eq!(check("dir/CC-NEWS-1.warc.gz"), Some(Format::Warc));
        assert_eq!(check("a.WARC"), Some(Format::Warc));
        assert_eq!(check("a.gz"), None);
        assert_eq!(check("page.htm"), Some(Format::Html));
        assert_eq!(check("news.atom"), Some(Format::Feed));
        assert_eq!(check("sitemap.xml"), Some(Format::Xml));
        assert_eq!(check("list.urls"), Some(Format::UrlList));
        assert_eq!(check("notes.md"), None);
        assert_eq!(check(".txt"), None, "a hidden file named only by its suffix");
    }

    #[test]
    fn formats_by_content() {
        assert_eq!(by_content(b"WARC/1.1\r\n"), Format::Warc);
        assert_eq!(by_content(&[0x1f, 0x8b, 8, 0]), Format::Warc);
        assert_eq!(by_content(b"\n {\"text\": \"x\"}"), Format::Jsonl);
        assert_eq!(by_content(b"\xEF\xBB\xBF<?xml version=\"1.0\"?><feed>"), Format::Feed);
        assert_eq!(by_content(b"<rss version=\"2.0\">"), Format::Feed);
        assert_eq!(by_content(b"<!doctype html><p>x</p>"), Format::Html);
        assert_eq!(by_content(b"<?xml version=\"1.0\"?><html>"), Format::Html);
        assert_eq!(by_content(b"\xFF\xFE<\0r\0s\0s\0>\0"), Format::Feed);
        assert_eq!(by_content(b"<\0h\0t\0m\0l\0"), Format::Html);
        assert_eq!(by_content(b"Title: x\n\nBody"), Format::Text);
        assert_eq!(by_content(b""), Format::Text);
    }
}
