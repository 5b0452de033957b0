//! Bytes to text, in whatever encoding they come: a byte-order mark first, then a charset the
//! transport states (HTTP `Content-Type`), then for markup a `<meta charset>`, `<meta
//! http-equiv="Content-Type">` or XML declaration in the first 4 KB, then valid UTF-8, and
//! otherwise a guess by chardetng (with the TLD of the URL when known) decoded by encoding_rs.
//!
//! Labels are resolved the WHATWG way, as browsers do: `iso-8859-1` and `us-ascii` mean
//! windows-1252, so the curly quotes of a page that claims Latin-1 come out right. An unknown label,
//! or one that names the "replacement" encoding, is ignored and the bytes are sniffed instead.
//! Malformed sequences become U+FFFD (logged at debug), never an error: a page with one bad byte
//! is still a page. Binary input (a NUL byte in the first 8 KB of a non-UTF-16 input) and input
//! with no visible content are refused with a reason.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::error::{Error, Result};

/// How far into a file to look for a NUL byte, the mark of binary content.
const BINARY_SNIFF_BYTES: usize = 8192;

/// How far into markup to look for a `<meta>` charset or an XML declaration.
const META_PRESCAN_BYTES: usize = 4096;

/// How much of an input chardetng reads to guess its encoding; an encoding does not change
/// half-way through a page, and this bounds the time spent on a huge one.
const SNIFF_BYTES: usize = 1 << 20;

/// Decodes a plain-text input: byte-order mark, else UTF-8 when valid, else a sniffed legacy
/// encoding. Line ends become `\n`.
pub(crate) fn decode_text(location: &str, bytes: &[u8]) -> Result<String> {
    decode(location, bytes, Hints { markup: false, declared: None, url: None })
}

/// Decodes an HTML or XML input with the charset the transport `declared` (HTTP), the page's own
/// `<meta>` declaration and, for sniffing, the TLD of the `url` it came from.
pub(crate) fn decode_markup(location: &str, bytes: &[u8], declared: Option<&str>, url: Option<&str>) -> Result<String> {
    decode(location, bytes, Hints { markup: true, declared, url })
}

/// Decodes a plain-text body whose transport declared a charset (a fetched `text/plain` page).
pub(crate) fn decode_declared_text(
    location: &str,
    bytes: &[u8],
    declared: Option<&str>,
    url: Option<&str>,
) -> Result<String> {
    decode(location, bytes, Hints { markup: false, declared, url })
}

/// What is known about the bytes besides themselves.
#[derive(Clone, Copy)]
struct Hints<'a> {
    /// HTML or XML: look for an in-document declaration.
    markup: bool,
    /// A charset label stated by the transport.
    declared: Option<&'a str>,
    /// Where the bytes were loaded from.
    url: Option<&'a str>,
}

/// Why an encoding was chosen, for the debug log.
#[derive(Clone, Copy, Debug)]
enum Reason {
    ByteOrderMark,
    Transport,
    Utf16Pattern,
    Meta,
    ValidUtf8,
    Sniffed,
}

fn decode(location: &str, bytes: &[u8], hints: Hints<'_>) -> Result<String> {
    let (encoding, reason, content) = choose_encoding(bytes, hints);
    if encoding != UTF_16LE && encoding != UTF_16BE {
        let sniffed = content.get(..BINARY_SNIFF_BYTES).unwrap_or(content);
        if let Some(offset) = sniffed.iter().position(|&byte| byte == 0) {
            let offset = offset + (bytes.len() - content.len());
            return Err(Error::Binary { location: location.to_string(), offset });
        }
    }
    // The standard library's UTF-8 validation is the fastest there is; encoding_rs for the rest.
    let (text, had_errors) = if encoding == UTF_8 {
        let text = String::from_utf8_lossy(content);
        let had_errors = matches!(text, std::borrow::Cow::Owned(_));
        (text, had_errors)
    } else {
        encoding.decode_without_bom_handling(content)
    };
    tracing::debug!(location, encoding = encoding.name(), ?reason, had_errors, "decoded");
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.into_owned() };
    if text.trim().is_empty() {
        return Err(Error::Empty { location: location.to_string() });
    }
    Ok(text)
}

/// Picks the encoding of `bytes` and returns it with the bytes to decode (without a BOM).
fn choose_encoding<'b>(bytes: &'b [u8], hints: Hints<'_>) -> (&'static Encoding, Reason, &'b [u8]) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return (encoding, Reason::ByteOrderMark, bytes.get(bom_len..).unwrap_or_default());
    }
    if let Some(encoding) = hints.declared.and_then(|label| usable_label(label.as_bytes())) {
        return (encoding, Reason::Transport, bytes);
    }
    if hints.markup {
        // Markup without a BOM that starts with `<` in UTF-16 (no browser does this, but saved
        // pages and feeds from Windows tools do).
        if bytes.starts_with(b"<\0") {
            return (UTF_16LE, Reason::Utf16Pattern, bytes);
        }
        if bytes.starts_with(b"\0<") {
            return (UTF_16BE, Reason::Utf16Pattern, bytes);
        }
        if let Some(encoding) = prescan(bytes.get(..META_PRESCAN_BYTES).unwrap_or(bytes)) {
            return (encoding, Reason::Meta, bytes);
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, Reason::ValidUtf8, bytes);
    }
    (sniff(bytes, hints.url), Reason::Sniffed, bytes)
}

/// The encoding a label names, unless it is unknown or the "replacement" encoding (which would
/// turn the whole input into one U+FFFD).
fn usable_label(label: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim_ascii()).filter(|encoding| *encoding != encoding_rs::REPLACEMENT)
}

/// Guesses the encoding of bytes that are not valid UTF-8.
fn sniff(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let whole = bytes.len() <= SNIFF_BYTES;
    detector.feed(bytes.get(..SNIFF_BYTES).unwrap_or(bytes), whole);
    let tld = url.and_then(crate::urls::tld);
    detector.guess(tld.as_deref().map(str::as_bytes), Utf8Detection::Allow)
}

/// The encoding declared inside markup: an XML declaration, `<meta charset=...>` or `<meta
/// http-equiv="Content-Type" content="...; charset=...">`. A simplified form of the WHATWG
/// prescan: comments are skipped, other tags are not parsed.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    if let Some(declaration) = head.strip_prefix(b"<?xml") {
        let end = find(declaration, b"?>").unwrap_or(declaration.len());
        let declaration = declaration.get(..end).unwrap_or(declaration);
        let attributes = parse_attributes(declaration).0;
        let declared = attributes.iter().find(|(name, _)| name == b"encoding");
        if let Some(encoding) = declared.and_then(|(_, label)| usable_label(label)) {
            return Some(encoding);
        }
    }
    let mut rest = head;
    while let Some(at) = rest.iter().position(|&byte| byte == b'<') {
        rest = rest.get(at..).unwrap_or_default();
        if let Some(comment) = rest.strip_prefix(b"<!--") {
            match find(comment, b"-->") {
                Some(end) => rest = comment.get(end + 3..).unwrap_or_default(),
                None => return None,
            }
            continue;
        }
        let is_meta = rest.get(1..5).is_some_and(|name| name.eq_ignore_ascii_case(b"meta"))
            && rest.get(5).is_some_and(|&byte| byte.is_ascii_whitespace() || byte == b'/');
        if !is_meta {
            rest = rest.get(1..).unwrap_or_default();
            continue;
        }
        let (attributes, consumed) = parse_attributes(rest.get(5..).unwrap_or_default());
        rest = rest.get(5 + consumed..).unwrap_or_default();
        if let Some(encoding) = meta_encoding(&attributes) {
            return Some(encoding);
        }
    }
    None
}

/// The encoding a `<meta>` tag's attributes declare, as the HTML prescan reads them: a UTF-16
/// label means UTF-8 (the tag was readable as ASCII, so the page is not UTF-16) and
/// `x-user-defined` means windows-1252.
fn meta_encoding(attributes: &[Attribute]) -> Option<&'static Encoding> {
    let value = |wanted: &[u8]| attributes.iter().find(|(name, _)| name == wanted).map(|(_, value)| value.as_slice());
    let label = match value(b"charset") {
        Some(label) => label,
        None => {
            let is_content_type =
                value(b"http-equiv").is_some_and(|v| v.trim_ascii().eq_ignore_ascii_case(b"content-type"));
            if !is_content_type {
                return None;
            }
            charset_in_content(value(b"content")?)?
        }
    };
    let encoding = usable_label(label)?;
    Some(if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    })
}

/// The label after `charset=` in a `content` attribute (`text/html; charset="utf-8"`).
fn charset_in_content(content: &[u8]) -> Option<&[u8]> {
    let lower = content.to_ascii_lowercase();
    let at = find(&lower, b"charset")?;
    let rest = content.get(at + "charset".len()..)?.trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let value = match rest.first() {
        Some(&quote @ (b'"' | b'\'')) => {
            let inner = rest.get(1..)?;
            inner.get(..inner.iter().position(|&byte| byte == quote)?)?
        }
        _ => {
            let end = rest.iter().position(|&byte| byte == b';' || byte.is_ascii_whitespace()).unwrap_or(rest.len());
            rest.get(..end)?
        }
    };
    (!value.is_empty()).then_some(value)
}

/// A tag attribute: lower-cased name and raw value.
type Attribute = (Vec<u8>, Vec<u8>);

/// Reads `name=value` attributes (names lower-cased) up to the end of a tag; returns them and the
/// number of bytes read.
fn parse_attributes(tag: &[u8]) -> (Vec<Attribute>, usize) {
    let mut attributes = Vec::new();
    let mut pos = 0;
    let at = |pos: usize| tag.get(pos).copied();
    loop {
        while at(pos).is_some_and(|byte| byte.is_ascii_whitespace() || byte == b'/') {
            pos += 1;
        }
        match at(pos) {
            None => return (attributes, pos),
            Some(b'>') => return (attributes, pos + 1),
            Some(_) => {}
        }
        let name_start = pos;
        while at(pos).is_some_and(|byte| !byte.is_ascii_whitespace() && !matches!(byte, b'=' | b'>' | b'/')) {
            pos += 1;
        }
        let name = tag.get(name_start..pos).unwrap_or_default().to_ascii_lowercase();
        while at(pos).is_some_and(|byte| byte.is_ascii_whitespace()) {
            pos += 1;
        }
        let mut value = Vec::new();
        if at(pos) == Some(b'=') {
            pos += 1;
            while at(pos).is_some_and(|byte| byte.is_ascii_whitespace()) {
                pos += 1;
            }
            match at(pos) {
                Some(quote @ (b'"' | b'\'')) => {
                    pos += 1;
                    let value_start = pos;
                    while at(pos).is_some_and(|byte| byte != quote) {
                        pos += 1;
                    }
                    value = tag.get(value_start..pos).unwrap_or_default().to_vec();
                    pos += 1;
                }
                _ => {
                    let value_start = pos;
                    while at(pos).is_some_and(|byte| !byte.is_ascii_whitespace() && byte != b'>') {
                        pos += 1;
                    }
                    value = tag.get(value_start..pos).unwrap_or_default().to_vec();
                }
            }
        }
        if name.is_empty() {
            // A stray `=` or similar: step over it so the loop always advances.
            pos += 1;
        } else {
            attributes.push((name, value));
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use encoding_rs::{Encoding, ISO_8859_2, WINDOWS_1252};

    use crate::decode::{decode_markup, decode_text};

    fn check(bytes: &[u8], expected: &str) {
        let actual = match decode_text("f.txt", bytes) {
            Ok(text) => format!("ok {text:?}"),
            Err(err) => format!("err {err}"),
        };
        assert_eq!(actual, expected);
    }

    fn check_html(bytes: &[u8], declared: Option<&str>, expected: &str) {
        let actual = match decode_markup("f.html", bytes, declared, None) {
            Ok(text) => text,
            Err(err) => format!("err {err}"),
        };
        assert!(actual.contains(expected), "{expected:?} not in {actual:?}");
    }

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text:?} is not all in {}", encoding.name());
        bytes.into_owned()
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        bytes
    }

    #[test]
    fn utf8_with_and_without_bom() {
        check("Kyiv’s\r\nline".as_bytes(), r#"ok "Kyiv’s\nline""#);
        check(b"\xEF\xBB\xBFhello", r#"ok "hello""#);
    }

    #[test]
    fn utf16_with_bom() {
        check(&[0xFF, 0xFE, b'h', 0, b'i', 0], r#"ok "hi""#);
        check(&[0xFE, 0xFF, 0, b'h', 0, b'i'], r#"ok "hi""#);
    }

    #[test]
    fn refuses_binary_and_empty_input_with_reason() {
        check(b"", "err f.txt: empty file, nothing to read");
        check(b"  \n\n ", "err f.txt: empty file, nothing to read");
        check(
            b"\x7fELF\x02\x01\x00\x00",
            "err f.txt: binary file (NUL byte at offset 6), not text; pass text, HTML, JSON Lines, a feed or a WARC file",
        );
    }

    #[test]
    fn windows_1252_text_is_sniffed() {
        check(b"caf\xe9 au lait, said Reyes.", r#"ok "café au lait, said Reyes.""#);
        let text = "“We will not back down,” the minister said. The café’s owner – a Frenchman – agreed.";
        check(&encode(WINDOWS_1252, text), &format!("ok {text:?}"));
    }

    #[test]
    fn iso_8859_2_text_is_sniffed() {
        let text = "Rząd w Warszawie zapowiedział, że żołnierze pozostaną na wschodniej granicy. \
                    Minister obrony powiedział dziennikarzom, że decyzja zapadła po długich rozmowach.";
        check(&encode(ISO_8859_2, text), &format!("ok {text:?}"));
    }

    #[test]
    fn utf16_html_pages() {
        let page = "<html><head><title>Zürich</title></head><body><p>Grüße aus Zürich</p></body></html>";
        check_html(&utf16(page, false), None, "Grüße aus Zürich");
        check_html(&utf16(page, true), None, "Grüße aus Zürich");
        // Without a BOM, the `<` pattern still tells.
        let without_bom = utf16(page, false).split_off(2);
        check_html(&without_bom, None, "Grüße aus Zürich");
        // A BOM wins over a contradicting HTTP charset.
        check_html(&utf16(page, true), Some("iso-8859-1"), "Grüße aus Zürich");
    }

    #[test]
    fn meta_charset_is_honoured() {
        let page = "<!doctype html><html><head><meta charset=\"windows-1252\"><title>x</title></head>\
                    <body><p>“Quoted,” she said – café.</p></body></html>";
        check_html(&encode(WINDOWS_1252, page), None, "“Quoted,” she said – café.");
        let page = "<html><head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-2'></head>\
                    <body><p>Wałęsa mówił</p></body></html>";
        check_html(&encode(ISO_8859_2, page), None, "Wałęsa mówił");
        // An XML declaration counts for XHTML.
        let page = "<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><html><body><p>Łódź</p></body></html>";
        check_html(&encode(ISO_8859_2, page), None, "Łódź");
        // A meta charset in a comment does not count; the page is sniffed instead.
        let page = "<!-- <meta charset=\"iso-8859-2\"> --><p>“Café”, he said.</p>";
        check_html(&encode(WINDOWS_1252, page), None, "“Café”, he said.");
    }

    #[test]
    fn http_charset_wins_over_meta() {
        let page = "<meta charset=\"iso-8859-2\"><p>Ł</p>";
        check_html(page.as_bytes(), Some("utf-8"), "<p>Ł</p>");
        check_html(&encode(WINDOWS_1252, "<p>naïve</p>"), Some("latin1"), "naïve");
    }

    #[test]
    fn wrong_or_unknown_meta_label_falls_back_to_sniffing() {
        let body = "<p>“Il faut agir vite,” a déclaré le président. Les élèves étaient très fâchés.</p>";
        for label in ["klingon-8", "", "iso-2022-kr"] {
            let page = format!("<html><head><meta charset=\"{label}\"></head><body>{body}</body></html>");
            check_html(&encode(WINDOWS_1252, &page), None, body);
        }
        // A page that says UTF-16 in ASCII is read as UTF-8, as browsers do.
        let page = format!("<meta charset=\"utf-16\">{body}");
        check_html(page.as_bytes(), None, body);
    }

    #[test]
    fn tld_steers_the_guess() {
        let text = "Příliš žluťoučký kůň úpěl ďábelské ódy. Vláda oznámila, že jednání budou pokračovat.";
        let bytes = encode(encoding_rs::WINDOWS_1250, text);
        let decoded = decode_markup("f.html", &bytes, None, Some("https://zpravy.example.cz/clanek")).unwrap();
        assert_eq!(decoded, text);
    }
}
