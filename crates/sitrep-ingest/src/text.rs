//! Plain-text documents, optionally opened by a header block of `Key: value` lines.
//!
//! ```text
//! Title: Talks resume in Geneva
//! URL: https://meridianpost.example/2026/03/talks
//! Published: 2026-03-05T09:30:00Z
//! Author: Lena Hart
//!
//! GENEVA — Talks resumed on Monday...
//! ```
//!
//! The first block counts as a header only when every line in it is one of the known keys, so an
//! article whose first line happens to contain a colon ("Washington: The American push...") is
//! read as text.

use sitrep_model::{Origin, RawDocument, SourceFormat, SourceTime};

use crate::error::{Error, Result};

const HEADER_KEYS: &[&str] = &["title", "url", "published", "date", "author", "authors", "site"];

/// Frames a decoded text file.
pub(crate) fn parse(location: &str, content: &str) -> Result<RawDocument> {
    let mut doc = RawDocument {
        origin: Origin::whole(location),
        format: SourceFormat::Text,
        body: content.to_string(),
        title: None,
        url: None,
        published: None,
        modified: None,
        authors: Vec::new(),
        site: None,
    };
    let trimmed = content.trim_start_matches('\n');
    let Some((header, body)) = trimmed.split_once("\n\n") else {
        return Ok(doc);
    };
    let Some(fields) = header_fields(header) else {
        return Ok(doc);
    };
    for (key, value) in fields {
        match key.as_str() {
            "title" => doc.title = Some(value.to_string()),
            "url" => doc.url = Some(value.to_string()),
            "published" | "date" => doc.published = Some(parse_published(location, value)?),
            "author" | "authors" => {
                doc.authors.extend(value.split([',', ';']).map(str::trim).filter(|a| !a.is_empty()).map(String::from));
            }
            "site" => doc.site = Some(value.to_string()),
            _ => {}
        }
    }
    doc.body = body.to_string();
    if doc.body.trim().is_empty() {
        return Err(Error::Empty { location: location.to_string() });
    }
    Ok(doc)
}

fn header_fields(header: &str) -> Option<Vec<(String, &str)>> {
    header
        .lines()
        .map(|line| {
            let (key, value) = line.split_once(':')?;
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            (HEADER_KEYS.contains(&key.as_str()) && !value.is_empty()).then_some((key, value))
        })
        .collect()
}

/// Reads a stated publication time: RFC 3339 (its offset kept), a civil date-time (taken as
/// UTC) or a date (midnight UTC).
pub(crate) fn parse_published(location: &str, value: &str) -> Result<SourceTime> {
    let value = value.trim();
    if let Ok(time) = value.parse::<SourceTime>() {
        return Ok(time);
    }
    let civil = value
        .parse::<jiff::civil::DateTime>()
        .or_else(|_| value.parse::<jiff::civil::Date>().map(|date| date.to_datetime(jiff::civil::Time::midnight())));
    civil
        .ok()
        .and_then(|datetime| jiff::tz::TimeZone::UTC.to_timestamp(datetime).ok())
        .map(SourceTime::utc)
        .ok_or_else(|| Error::BadDate { location: location.to_string(), value: value.to_string() })
}

#[cfg(test)]
mod tests {
    use crate::text::{parse, parse_published};

    #[test]
    fn reads_header_block() {
        let doc = parse("a.txt", "Title: Talks resume\nURL: https://x.example/a\nPublished: 2026-03-05\nAuthor: Lena Hart, Omar Said\n\nBody one.\n\nBody two.").unwrap();
        assert_eq!(doc.title.as_deref(), Some("Talks resume"));
        assert_eq!(doc.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(doc.published.map(|t| t.to_string()).as_deref(), Some("2026-03-05T00:00:00Z"));
        assert_eq!(doc.authors, ["Lena Hart", "Omar Said"]);
        assert_eq!(doc.body, "Body one.\n\nBody two.");
    }

    #[test]
    fn text_with_colon_is_not_a_header() {
        let content = "Washington: The American push for peace.\n\nMore.";
        let doc = parse("a.txt", content).unwrap();
        assert_eq!(doc.title, None);
        assert_eq!(doc.body, content);
    }

    #[test]
    fn bad_date_names_file_and_value() {
        let err = parse("a.txt", "Published: yesterday\n\nBody.").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt: published date \"yesterday\" is not RFC 3339 (2025-03-06T09:00:00Z) or a date (2025-03-06)"
        );
        // The offset the source wrote is kept; a civil time is UTC.
        assert_eq!(parse_published("x", "2026-03-05T23:30:00-05:00").unwrap().to_string(), "2026-03-05T23:30:00-05:00");
        assert_eq!(parse_published("x", "2026-03-05T09:30:00").unwrap().to_string(), "2026-03-05T09:30:00Z");
    }
}
