//! RSS (0.9x, 1.0, 2.0) and Atom feeds, parsed with feed-rs: each item becomes one
//! [`RawDocument`] of format [`SourceFormat::Feed`] whose body is the item's content, else its
//! summary, as HTML (a plain-text summary is escaped so that the body is always markup).
//!
//! The item's link, title, published and updated times and authors are kept as stated; the site is
//! the feed's title, else the host of the feed's (or the item's) link. The origin's `line` is the
//! 1-based item number. An item with neither content nor summary is an error naming the feed and
//! the item; the other items are still read.
//!
//! The XML parser honours a byte-order mark and the encoding in the XML declaration itself; a
//! feed with neither that is not valid UTF-8 (or whose transport declared a charset) is decoded
//! here first, the same way as HTML, so that it never comes out as mojibake. Feeds are read whole,
//! capped like any document: items are small and the parser needs the document anyway.

use std::borrow::Cow;

use feed_rs::model::{Entry, Feed, Link};
use jiff::Timestamp;
use sitrep_model::{Origin, RawDocument, SourceFormat, SourceTime};

use crate::Documents;
use crate::error::{Error, Result};

/// Reads the items of a feed. `declared` is a charset stated by the transport, `url` where the
/// feed was fetched from (relative links resolve against it).
pub(crate) fn read(location: &str, bytes: &[u8], declared: Option<&str>, url: Option<&str>) -> Documents {
    match parse(location, bytes, declared, url) {
        Ok(feed) => Box::new(items(location, feed).into_iter()),
        Err(err) => Box::new(std::iter::once(Err(err))),
    }
}

/// True when `bytes` look like an RSS or Atom document: the first element is `<rss>`, `<feed>` or
/// `<rdf:RDF>`, after any XML declaration, comments and doctype.
pub(crate) fn looks_like_feed(bytes: &[u8]) -> bool {
    matches!(first_element(bytes).as_deref(), Some("rss" | "feed" | "rdf:rdf"))
}

/// The lower-cased name of the first element of a markup document, skipping a byte-order mark,
/// whitespace, `<?...?>`, `<!...>` and comments; `None` when the start is not markup.
pub(crate) fn first_element(bytes: &[u8]) -> Option<String> {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    loop {
        rest = rest.trim_ascii_start();
        if let Some(comment) = rest.strip_prefix(b"<!--") {
            let end = comment.windows(3).position(|window| window == b"-->")?;
            rest = comment.get(end + 3..)?;
        } else if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            let end = rest.iter().position(|&byte| byte == b'>')?;
            rest = rest.get(end + 1..)?;
        } else {
            let tag = rest.strip_prefix(b"<")?;
            let end = tag
                .iter()
                .position(|&byte| byte.is_ascii_whitespace() || byte == b'>' || byte == b'/')
                .unwrap_or(tag.len());
            let name = tag.get(..end)?;
            return (!name.is_empty()).then(|| String::from_utf8_lossy(name).to_ascii_lowercase());
        }
    }
}

fn parse(location: &str, bytes: &[u8], declared: Option<&str>, url: Option<&str>) -> Result<Feed> {
    if bytes.trim_ascii().is_empty() {
        return Err(Error::Empty { location: location.to_string() });
    }
    // feed-rs skips nested elements it does not know without deep recursion, and quick-xml refuses
    // documents nested deeper than 65,535 levels, so a hostile feed cannot exhaust the stack
    // (tested below with 50,000 and 100,000 levels).
    let input = parser_input(location, bytes, declared, url)?;
    feed_rs::parser::Builder::new()
        .base_uri(url)
        .build()
        .parse(input.as_ref())
        .map_err(|source| Error::NotAFeed { location: location.to_string(), source: Box::new(source) })
}

/// The bytes to give the XML parser: as they are when a BOM or an XML declaration tells their
/// encoding (or they are UTF-8 and nothing says otherwise), else decoded to UTF-8 here.
fn parser_input<'b>(
    location: &str,
    bytes: &'b [u8],
    declared: Option<&str>,
    url: Option<&str>,
) -> Result<Cow<'b, [u8]>> {
    let has_bom = encoding_rs::Encoding::for_bom(bytes).is_some();
    let head = bytes.get(..200).unwrap_or(bytes);
    let declares_encoding = head.starts_with(b"<?xml") && head.windows(8).any(|window| window == b"encoding");
    let declared_other = declared.is_some_and(|label| !label.trim().eq_ignore_ascii_case("utf-8"));
    if has_bom || declares_encoding || (!declared_other && std::str::from_utf8(bytes).is_ok()) {
        return Ok(Cow::Borrowed(bytes));
    }
    let text = crate::decode::decode_markup(location, bytes, declared, url)?;
    Ok(Cow::Owned(text.into_bytes()))
}

fn items(location: &str, feed: Feed) -> Vec<Result<RawDocument>> {
    let feed_title = feed.title.map(|title| title.content.trim().to_string()).filter(|title| !title.is_empty());
    let feed_link = page_link(&feed.links);
    feed.entries
        .into_iter()
        .enumerate()
        .map(|(idx, entry)| item(location, idx + 1, entry, feed_title.as_deref(), feed_link.as_deref()))
        .collect()
}

fn item(
    location: &str,
    item_no: usize,
    entry: Entry,
    feed_title: Option<&str>,
    feed_link: Option<&str>,
) -> Result<RawDocument> {
    let link = page_link(&entry.links);
    let content = entry
        .content
        .and_then(|content| Some((content.body?, content.content_type.to_string())))
        .filter(|(body, _)| !body.trim().is_empty());
    let summary = entry
        .summary
        .map(|summary| (summary.content, summary.content_type.to_string()))
        .filter(|(body, _)| !body.trim().is_empty());
    let Some((body, content_type)) = content.or(summary) else {
        return Err(Error::EmptyFeedItem { location: location.to_string(), item: item_no });
    };
    let published = entry
        .published
        .and_then(|time| to_timestamp(time.timestamp(), time.timestamp_subsec_nanos()))
        .map(SourceTime::utc);
    // feed-rs fills `updated` from the publication date when an RSS item has no update time of
    // its own; that is no modification.
    let modified = entry
        .updated
        .and_then(|time| to_timestamp(time.timestamp(), time.timestamp_subsec_nanos()))
        .map(SourceTime::utc)
        .filter(|modified| Some(*modified) != published);
    let body = if content_type.starts_with("text/plain") { escape_html(&body) } else { body };
    let site = feed_title
        .map(str::to_string)
        .or_else(|| feed_link.or(link.as_deref()).and_then(crate::urls::host).map(str::to_string))
        .filter(|site| !site.is_empty());
    Ok(RawDocument {
        origin: Origin { location: location.to_string(), line: Some(item_no), record_offset: None },
        format: SourceFormat::Feed,
        body: body.replace("\r\n", "\n"),
        title: entry.title.map(|title| title.content.trim().to_string()).filter(|title| !title.is_empty()),
        url: link,
        published,
        modified,
        authors: entry
            .authors
            .into_iter()
            .filter_map(|person| person.name)
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .collect(),
        site,
    })
}

/// The link to the item's (or feed's) page: the first `alternate` (or unlabelled) link, else the
/// first link.
fn page_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel.eq_ignore_ascii_case("alternate")))
        .or(links.first())
        .map(|link| link.href.trim().to_string())
        .filter(|href| !href.is_empty())
}

fn to_timestamp(seconds: i64, nanos: u32) -> Option<Timestamp> {
    Timestamp::new(seconds, i32::try_from(nanos).ok()?).ok()
}

/// Plain text as HTML: the five markup characters escaped, paragraphs kept by blank lines.
fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use crate::feed::{looks_like_feed, read};

    fn render(location: &str, bytes: &[u8]) -> Vec<String> {
        read(location, bytes, None, None)
            .map(|res| match res {
                Ok(doc) => format!(
                    "{} {:?} url={:?} site={:?} published={:?} modified={:?} authors={:?} body={:?}",
                    doc.origin,
                    doc.title,
                    doc.url,
                    doc.site,
                    doc.published.map(|time| time.to_string()),
                    doc.modified.map(|time| time.to_string()),
                    doc.authors,
                    doc.body
                ),
                Err(err) => format!("error: {err}"),
            })
            .collect()
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Meridian Post</title>
  <link>https://meridianpost.example/</link>
  <item>
    <title>Talks resume in Geneva</title>
    <link>https://meridianpost.example/2026/03/talks</link>
    <pubDate>Thu, 05 Mar 2026 09:30:00 GMT</pubDate>
    <dc:creator>Lena Hart</dc:creator>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>“We will stay,” the envoy said.</p>]]></content:encoded>
  </item>
  <item>
    <title>Only a summary</title>
    <link>https://meridianpost.example/2026/03/summary</link>
    <description>&lt;p&gt;Markup in the summary.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Nothing at all</title>
    <link>https://meridianpost.example/2026/03/empty</link>
  </item>
</channel>
</rss>"#;

    #[test]
    fn rss_items_become_documents() {
        let docs = render("news.rss", RSS.as_bytes());
        assert_eq!(
            docs,
            [
                r#"news.rss:1 Some("Talks resume in Geneva") url=Some("https://meridianpost.example/2026/03/talks") site=Some("Meridian Post") published=Some("2026-03-05T09:30:00Z") modified=None authors=["Lena Hart"] body="<p>“We will stay,” the envoy said.</p>""#,
                r#"news.rss:2 Some("Only a summary") url=Some("https://meridianpost.example/2026/03/summary") site=Some("Meridian Post") published=None modified=None authors=[] body="<p>Markup in the summary.</p>""#,
                "error: news.rss:3: feed item has neither content nor a summary; fetch its link instead",
            ]
        );
    }

    #[test]
    fn atom_entries_become_documents() {
        let atom = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link rel="alternate" href="https://harbourtimes.example/"/>
  <entry>
    <title>Caf&#233; talks</title>
    <link rel="alternate" href="https://harbourtimes.example/a"/>
    <id>urn:1</id>
    <published>2026-03-05T10:00:00+01:00</published>
    <updated>2026-03-06T08:00:00Z</updated>
    <author><name>Omar Said</name></author>
    <summary type="text">Fish &amp; chips &lt;3 at the caf\xE9</summary>
  </entry>
</feed>"#;
        let bytes: Vec<u8> = atom.replace("\\xE9", "\u{e9}").chars().map(|c| c as u32 as u8).collect();
        let docs = render("h.atom", &bytes);
        assert_eq!(
            docs,
            [
                r#"h.atom:1 Some("Café talks") url=Some("https://harbourtimes.example/a") site=Some("harbourtimes.example") published=Some("2026-03-05T09:00:00Z") modified=Some("2026-03-06T08:00:00Z") authors=["Omar Said"] body="Fish &amp; chips &lt;3 at the café""#,
            ]
        );
    }

    #[test]
    fn undeclared_legacy_encoding_is_decoded() {
        let rss = "<rss version=\"2.0\"><channel><title>Kurier</title><item><title>Ł</title>\
                   <description>Żołnierze zostaną, powiedział minister obrony narodowej w środę.</description></item></channel></rss>";
        let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(rss);
        let docs = render("k.rss", &bytes);
        assert!(docs[0].contains("Żołnierze zostaną"), "{docs:?}");
    }

    #[test]
    fn bad_feeds_are_errors() {
        assert_eq!(render("x.xml", b"   "), ["error: x.xml: empty file, nothing to read"]);
        let docs = render("x.xml", b"<urlset><url>x</url></urlset>");
        assert!(docs[0].starts_with("error: x.xml: not a readable RSS or Atom feed"), "{docs:?}");
        let deep = format!("<rss version=\"2.0\">{}", "<a>".repeat(100_000));
        let docs = render("deep.rss", deep.as_bytes());
        assert!(docs[0].starts_with("error: deep.rss: not a readable RSS or Atom feed"), "{docs:?}");
        // Deep but well-formed nesting inside an item is read.
        let nested = format!("{}x{}", "<b>".repeat(50_000), "</b>".repeat(50_000));
        let deep =
            format!("<rss version=\"2.0\"><channel><item><description>d</description>{nested}</item></channel></rss>");
        assert_eq!(render("deep.rss", deep.as_bytes()).len(), 1);
    }

    #[test]
    fn sniffs_feeds() {
        assert!(looks_like_feed(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">"));
        assert!(looks_like_feed(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(looks_like_feed(b"<?xml version='1.0'?><rdf:RDF>"));
        assert!(!looks_like_feed(b"<?xml version='1.0'?><!DOCTYPE html><html>"));
        assert!(!looks_like_feed(b"plain text"));
        assert!(!looks_like_feed(b"<!-- unterminated"));
    }
}
