//! HTML pages (saved `.html`, `.htm` and `.xhtml` files, fetched pages, archived responses): the
//! bytes are decoded to text (see `decode.rs` for how the encoding is found) and passed on whole
//! as a [`RawDocument`] of format [`SourceFormat::Html`]. Finding the article in the markup, and
//! its metadata, is the extract stage's job; the markup is not parsed here, so a page of any
//! shape, however deeply nested or broken, costs one decode.

use jiff::Timestamp;
use sitrep_model::{Origin, RawDocument, SourceFormat, SourceTime};

use crate::error::Result;

/// What the transport knows about a page.
#[derive(Clone, Debug, Default)]
pub(crate) struct PageInfo<'a> {
    /// The charset the transport declared (HTTP `Content-Type`).
    pub declared_charset: Option<&'a str>,
    /// The page's URL.
    pub url: Option<&'a str>,
    /// HTTP `Last-Modified`.
    pub modified: Option<Timestamp>,
}

/// Decodes a page and frames it.
pub(crate) fn document(origin: Origin, bytes: &[u8], info: PageInfo<'_>) -> Result<RawDocument> {
    let location = origin.to_string();
    let body = crate::decode::decode_markup(&location, bytes, info.declared_charset, info.url)?;
    Ok(RawDocument {
        origin,
        format: SourceFormat::Html,
        body,
        title: None,
        url: info.url.map(str::to_string),
        published: None,
        modified: info.modified.map(SourceTime::utc),
        authors: Vec::new(),
        site: None,
    })
}

/// True when `bytes` start like an HTML document (`<!doctype html`, `<html`, `<head`, `<body`,
/// after a BOM, whitespace and comments); used when no name or content type says.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = bytes.get(..1024).unwrap_or(bytes);
    let trimmed = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).trim_ascii_start();
    let lower = trimmed.get(..trimmed.len().min(64)).unwrap_or_default().to_ascii_lowercase();
    if lower.starts_with(b"<!doctype html") {
        return true;
    }
    matches!(crate::feed::first_element(head).as_deref(), Some("html" | "head" | "body"))
}

#[cfg(test)]
mod tests {
    use sitrep_model::Origin;

    use crate::html::{PageInfo, document, looks_like_html};

    #[test]
    fn frames_a_page() {
        let bytes = b"<html><head><meta charset=iso-8859-1></head><body><p>caf\xe9</p></body></html>";
        let info = PageInfo { url: Some("https://x.example/a"), ..PageInfo::default() };
        let doc = document(Origin::whole("a.html"), bytes, info).unwrap();
        assert_eq!(doc.body, "<html><head><meta charset=iso-8859-1></head><body><p>café</p></body></html>");
        assert_eq!(doc.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(doc.format.as_str(), "html");
        let err = document(Origin::whole("b.html"), b" \n", PageInfo::default()).unwrap_err();
        assert_eq!(err.to_string(), "b.html: empty file, nothing to read");
    }

    #[test]
    fn sniffs_html() {
        assert!(looks_like_html(b"\n<!DOCTYPE html>\n<html>"));
        assert!(looks_like_html(b"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"));
        assert!(looks_like_html(b"<!-- saved --><HTML>"));
        assert!(!looks_like_html(b"<rss version=\"2.0\">"));
        assert!(!looks_like_html(b"plain"));
    }
}
