//! JSON Lines: one document per line, streamed so that a file of any length is read in constant
//! memory. A line with `html` is an HTML page ([`SourceFormat::Html`]), one with only `text` a text
//! document ([`SourceFormat::Jsonl`]); when a line has both, the HTML wins, since the markup holds
//! more (the extract stage finds the text and the metadata in it).
//!
//! ```text
//! {"text": "...", "title": "...", "url": "...", "published": "2026-03-05", "authors": ["..."]}
//! {"html": "<html>...</html>", "url": "https://...", "modified": "2026-03-06T08:00:00Z"}
//! ```

use std::io::{BufRead, Read};

use serde::Deserialize;
use sitrep_model::{Origin, RawDocument, SourceFormat};

use crate::error::{Error, Result};
use crate::text::parse_published;

/// The fields sitrep reads from a JSONL object; others are ignored.
#[derive(Deserialize)]
struct Line {
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    date: Option<String>,
    modified: Option<String>,
    updated: Option<String>,
    #[serde(default)]
    authors: Authors,
    author: Option<String>,
    site: Option<String>,
}

/// `authors` as a list or as one string.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Authors {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

/// Iterates the documents of a JSONL stream, one result per non-blank line.
pub(crate) struct Lines<R> {
    location: String,
    reader: R,
    line_no: usize,
    max_line_bytes: u64,
    buf: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(location: String, reader: R, max_line_bytes: u64) -> Lines<R> {
        Lines { location, reader, line_no: 0, max_line_bytes, buf: Vec::new() }
    }

    fn parse_line(&self, line: &str) -> Result<RawDocument> {
        let line_no = self.line_no;
        let parsed: Line = serde_json::from_str(line).map_err(|source| Error::Json {
            location: self.location.clone(),
            line: line_no,
            source,
        })?;
        let non_empty = |value: Option<String>| value.filter(|value| !value.trim().is_empty());
        let (format, body) = match (non_empty(parsed.html), non_empty(parsed.text)) {
            (Some(html), _) => (SourceFormat::Html, html),
            (None, Some(text)) => (SourceFormat::Jsonl, text),
            (None, None) => return Err(Error::MissingText { location: self.location.clone(), line: line_no }),
        };
        let origin = Origin { location: self.location.clone(), line: Some(line_no), record_offset: None };
        let timestamp = |value: Option<String>| match value {
            Some(value) => parse_published(&origin.to_string(), &value).map(Some),
            None => Ok(None),
        };
        let published = timestamp(parsed.published.or(parsed.date))?;
        let modified = timestamp(parsed.modified.or(parsed.updated))?;
        let mut authors = match parsed.authors {
            Authors::None => Vec::new(),
            Authors::One(author) => vec![author],
            Authors::Many(authors) => authors,
        };
        authors.extend(parsed.author);
        Ok(RawDocument {
            origin,
            format,
            body: body.replace("\r\n", "\n"),
            title: parsed.title,
            url: parsed.url,
            published,
            modified,
            authors,
            site: parsed.site,
        })
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<RawDocument>;

    fn next(&mut self) -> Option<Result<RawDocument>> {
        loop {
            self.buf.clear();
            self.line_no += 1;
            let limit = self.max_line_bytes + 1;
            let read = (&mut self.reader).take(limit).read_until(b'\n', &mut self.buf);
            match read {
                Ok(0) => return None,
                Ok(_) => {}
                Err(source) => return Some(Err(Error::Io { location: self.location.clone(), source })),
            }
            if self.buf.len() as u64 >= limit && !self.buf.ends_with(b"\n") {
                // Skip the rest of the oversized line so the next call starts on a fresh line.
                let mut rest = Vec::new();
                let _ = self.reader.read_until(b'\n', &mut rest);
                let location = format!("{}:{}", self.location, self.line_no);
                return Some(Err(Error::TooLarge { location, limit: self.max_line_bytes }));
            }
            let line = match std::str::from_utf8(&self.buf) {
                // A byte-order mark may open the first line.
                Ok(line) if self.line_no == 1 => line.trim_start_matches('\u{feff}').trim(),
                Ok(line) => line.trim(),
                Err(err) => {
                    let location = format!("{}:{}", self.location, self.line_no);
                    return Some(Err(Error::InvalidUtf8 { location, offset: err.valid_up_to() }));
                }
            };
            if line.is_empty() {
                continue;
            }
            return Some(self.parse_line(line));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::jsonl::Lines;

    fn read_all(content: &str) -> Vec<String> {
        Lines::new("in.jsonl".to_string(), content.as_bytes(), 1000)
            .map(|res| match res {
                Ok(doc) => format!("{} {:?} {:?}", doc.origin, doc.title, doc.body),
                Err(err) => format!("error: {err}"),
            })
            .collect()
    }

    #[test]
    fn reads_lines_and_reports_bad_ones() {
        let content = "{\"text\":\"One.\",\"title\":\"A\"}\n\nnot json\n{\"title\":\"no text\"}\n{\"text\":\"Two.\",\"published\":\"2025-03-06\"}\n";
        let lines = read_all(content);
        assert_eq!(lines[0], "in.jsonl:1 Some(\"A\") \"One.\"");
        assert!(lines[1].starts_with("error: in.jsonl:3: invalid JSON"), "{}", lines[1]);
        assert_eq!(
            lines[2],
            "error: in.jsonl:4: no \"text\" or \"html\" field with content; each line needs {\"text\": \"...\"} or {\"html\": \"...\"}"
        );
        assert_eq!(lines[3], "in.jsonl:5 None \"Two.\"");
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn html_lines_are_pages() {
        let content = "\u{feff}{\"html\":\"<p>Page</p>\",\"text\":\"ignored\",\"url\":\"https://x.example/a\",\"modified\":\"2026-03-06\"}\n{\"text\":\"Plain.\",\"html\":\"  \"}\n";
        let docs: Vec<String> = Lines::new("in.jsonl".to_string(), content.as_bytes(), 1000)
            .map(|res| {
                let doc = res.unwrap();
                format!(
                    "{} {} {:?} {:?} {:?}",
                    doc.origin,
                    doc.format.as_str(),
                    doc.url,
                    doc.modified.map(|t| t.to_string()),
                    doc.body
                )
            })
            .collect();
        assert_eq!(
            docs,
            [
                "in.jsonl:1 html Some(\"https://x.example/a\") Some(\"2026-03-06T00:00:00Z\") \"<p>Page</p>\"",
                "in.jsonl:2 jsonl None None \"Plain.\"",
            ]
        );
    }

    #[test]
    fn oversized_line_is_skipped() {
        let long = format!("{{\"text\":\"{}\"}}\n{{\"text\":\"ok\"}}\n", "x".repeat(2000));
        let lines = read_all(&long);
        assert_eq!(lines[0], "error: in.jsonl:1: larger than the 1000-byte limit for one document");
        assert_eq!(lines[1], "in.jsonl:2 None \"ok\"");
    }
}
