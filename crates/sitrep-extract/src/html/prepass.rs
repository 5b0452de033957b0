//! One linear scan over the markup before the HTML parser sees it, for speed and for safety.
//!
//! - **Inert content is cut.** Scripts, styles, SVG drawings, templates, `<noscript>` fallbacks
//!   and comments never hold article text (the linearizer skips them), yet they are about half
//!   of a news page's bytes. The parser reads every one of those bytes one character at a time,
//!   so the scan drops them first. JSON-LD scripts are kept: the metadata reader needs them.
//! - **Pathological nesting is flattened.** The tree builder looks through the stack of open
//!   elements for many tags, so its work grows with the square of the nesting depth: 100,000
//!   nested tags would take minutes. Tags nested deeper than any real page are dropped (their
//!   text kept).
//! - **Attribute floods are cut.** The tokenizer checks each attribute against the tag's earlier
//!   ones, so a tag with 100,000 attributes takes seconds; a tag with more than
//!   [`MAX_ATTRIBUTES`] keeps its name only.
//!
//! Tags are read as the HTML tokenizer reads them: a quoted attribute value may hold `>` or `<`,
//! and the content of `<title>`, `<textarea>` and the other raw-text elements is copied as it is.

use std::borrow::Cow;

use memchr::memchr;

/// Nesting deeper than this is flattened; real pages stay far below it.
pub(crate) const MAX_DEPTH: usize = 1_000;

/// A tag with more attributes than this keeps its name only.
pub(crate) const MAX_ATTRIBUTES: usize = 1_000;

/// Elements cut with their content (a `<script>` of JSON-LD excepted).
const INERT: &[&str] = &["script", "style", "svg", "template", "noscript"];

/// Elements whose content the tokenizer reads as text, not markup: copied up to their end tag.
const RAW_TEXT: &[&str] = &["title", "textarea", "xmp", "iframe", "noembed", "noframes"];

/// Tags that never hold content, or that the parser closes by itself (`<p>`, `<li>`, ...), so
/// they do not deepen the nesting.
const NON_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li",
    "dt", "dd", "tr", "td", "th", "option", "param",
];

/// The markup the parser should read: `html` itself when nothing needs cutting.
pub(crate) fn prepare(html: &str) -> Cow<'_, str> {
    prepare_with_limits(html, MAX_DEPTH, MAX_ATTRIBUTES)
}

fn prepare_with_limits(html: &str, max_depth: usize, max_attributes: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    // `html[copied..]` is not yet in `out`; cuts flush it first.
    let mut copied = 0;
    let mut depth = 0usize;
    let mut at = 0;
    let cut = |out: &mut String, copied: &mut usize, from: usize, to: usize, keep: &str| {
        if out.capacity() == 0 {
            out.reserve(html.len());
        }
        out.push_str(&html[*copied..from]);
        out.push_str(keep);
        *copied = to;
    };
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let open = at + offset;
        let rest = &bytes[open..];
        if rest.starts_with(b"<!--") {
            let end = comment_end(bytes, open + 4);
            cut(&mut out, &mut copied, open, end, "");
            at = end;
            continue;
        }
        let Some(tag) = read_tag(bytes, open) else {
            at = open + 1;
            continue;
        };
        let name = &html[tag.name.clone()];
        if tag.closing {
            if nests(name) {
                if depth > max_depth {
                    cut(&mut out, &mut copied, open, tag.end, "");
                }
                depth = depth.saturating_sub(1);
            }
            at = tag.end;
            continue;
        }
        if let Some(inert) = INERT.iter().find(|inert| name.eq_ignore_ascii_case(inert)) {
            let end = element_end(bytes, tag.end, inert);
            let json_ld = *inert == "script" && contains_ignore_case(&bytes[open..tag.end], b"ld+json");
            if !json_ld {
                cut(&mut out, &mut copied, open, end, "");
            }
            at = end;
            continue;
        }
        if let Some(raw) = RAW_TEXT.iter().find(|raw| name.eq_ignore_ascii_case(raw)) {
            at = element_end(bytes, tag.end, raw);
            continue;
        }
        let nesting = nests(name) && !tag.self_closing;
        if nesting {
            depth += 1;
        }
        if nesting && depth > max_depth {
            cut(&mut out, &mut copied, open, tag.end, "");
        } else if tag.attributes > max_attributes {
            cut(&mut out, &mut copied, open, tag.end, &format!("<{name}>"));
        }
        at = tag.end;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// A start or end tag as the tokenizer reads it.
struct Tag {
    name: std::ops::Range<usize>,
    closing: bool,
    self_closing: bool,
    attributes: usize,
    /// Just past its `>` (the end of the input when it is never closed).
    end: usize,
}

/// The tag opening at `open` (a `<`), or `None` when the `<` opens no tag (text, `<!doctype>`,
/// `<?xml ...?>`: all copied as they are).
fn read_tag(bytes: &[u8], open: usize) -> Option<Tag> {
    let mut at = open + 1;
    let closing = bytes.get(at) == Some(&b'/');
    if closing {
        at += 1;
    }
    if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_start = at;
    while at < bytes.len() && !is_tag_space(bytes[at]) && bytes[at] != b'/' && bytes[at] != b'>' {
        at += 1;
    }
    let name = name_start..at;
    let mut attributes = 0;
    let mut self_closing = false;
    while at < bytes.len() {
        match bytes[at] {
            b'>' => return Some(Tag { name, closing, self_closing, attributes, end: at + 1 }),
            b'/' => {
                self_closing = true;
                at += 1;
            }
            byte if is_tag_space(byte) => at += 1,
            _ => {
                self_closing = false;
                attributes += 1;
                at = attribute_end(bytes, at);
            }
        }
    }
    Some(Tag { name, closing, self_closing, attributes, end: bytes.len() })
}

/// Just past the attribute starting at `at`: its name, and its value when it has one.
fn attribute_end(bytes: &[u8], mut at: usize) -> usize {
    // The first character belongs to the name even when it is `=`.
    at += 1;
    while at < bytes.len() && !is_tag_space(bytes[at]) && !matches!(bytes[at], b'/' | b'>' | b'=') {
        at += 1;
    }
    let mut value = at;
    while value < bytes.len() && is_tag_space(bytes[value]) {
        value += 1;
    }
    if bytes.get(value) != Some(&b'=') {
        return at;
    }
    value += 1;
    while value < bytes.len() && is_tag_space(bytes[value]) {
        value += 1;
    }
    match bytes.get(value) {
        Some(&quote @ (b'"' | b'\'')) => match memchr(quote, &bytes[value + 1..]) {
            Some(offset) => value + 1 + offset + 1,
            None => bytes.len(),
        },
        _ => {
            while value < bytes.len() && !is_tag_space(bytes[value]) && bytes[value] != b'>' {
                value += 1;
            }
            value
        }
    }
}

/// Just past the end tag `</name ...>` that closes an element whose content starts at `from`
/// (the end of the input when there is none, as the parser reads it).
fn element_end(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let open = at + offset;
        let name_start = open + 2;
        let name_end = name_start + name.len();
        let closes = bytes.get(open + 1) == Some(&b'/')
            && bytes.get(name_start..name_end).is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
            && bytes.get(name_end).is_none_or(|&byte| is_tag_space(byte) || byte == b'/' || byte == b'>');
        if closes {
            return memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |offset| name_end + offset + 1);
        }
        at = open + 1;
    }
    bytes.len()
}

/// Just past the comment whose text starts at `from` (after `<!--`).
fn comment_end(bytes: &[u8], from: usize) -> usize {
    // `<!-->` and `<!--->` are empty comments.
    for abrupt in [&b">"[..], b"->"] {
        if bytes[from..].starts_with(abrupt) {
            return from + abrupt.len();
        }
    }
    memchr::memmem::find(&bytes[from..], b"-->").map_or(bytes.len(), |offset| from + offset + 3)
}

fn nests(name: &str) -> bool {
    !NON_NESTING.iter().any(|tag| name.eq_ignore_ascii_case(tag))
}

fn is_tag_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use crate::html::prepass::{prepare, prepare_with_limits};

    #[test]
    fn cuts_inert_content_and_keeps_json_ld() {
        let page = "<head><script>var a = '</p>';</script><SCRIPT type=\"application/ld+json\">{\"a\":1}</SCRIPT>\
            <style>p{}</style></head><body><!-- note --><p>One</p><svg><title>x</title></svg><p>Two</p></body>";
        assert_eq!(
            prepare(page),
            "<head><SCRIPT type=\"application/ld+json\">{\"a\":1}</SCRIPT></head><body><p>One</p><p>Two</p></body>"
        );
    }

    #[test]
    fn leaves_clean_markup_alone() {
        let page = "<!doctype html><p class=\"a>b\" data-x='<script>'>a < b</p><title><!-- t --></title>";
        assert!(matches!(prepare(page), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn flattens_only_beyond_the_depth_limit() {
        assert_eq!(prepare_with_limits("<div><p>text<br></div>", 3, 10), "<div><p>text<br></div>");
        assert_eq!(prepare_with_limits("<a><b><c><d>text</d></c></b></a>", 2, 10), "<a><b>text</b></a>");
    }

    #[test]
    fn cuts_attribute_floods() {
        assert_eq!(prepare_with_limits("<p a=1 b c='>'>x</p>", 10, 2), "<p>x</p>");
        assert_eq!(prepare_with_limits("<p a=1 b>x</p>", 10, 2), "<p a=1 b>x</p>");
    }

    #[test]
    fn unclosed_elements_run_to_the_end() {
        assert_eq!(prepare("<p>a</p><script>never closed <p>b</p>"), "<p>a</p>");
        assert_eq!(prepare("<p>a</p><!-- never closed"), "<p>a</p>");
        assert_eq!(prepare("<p>a</p><div class=\"never closed>b"), "<p>a</p><div class=\"never closed>b");
    }
}
