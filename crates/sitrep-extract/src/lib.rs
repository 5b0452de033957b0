//! Turns a [`RawDocument`] into a clean [`Article`]: paragraphs normalised, scraping debris
//! removed, title, site and language filled in, and the content-hash id computed.
//!
//! Plain text scraped from the web carries debris ("Listen to this article", share buttons,
//! breadcrumbs, image credits, comment prompts); [`extract`] drops it line by line and reports
//! what it dropped as [`Extracted::removed`], so a user can see that nothing of the article was
//! lost.
//!
//! The article's `text` opens with its headline as the first paragraph when there is one, so
//! that headline quotes and names have spans like everything else; [`body`] gives the text
//! without it.
//!
//! ```
//! use sitrep_extract::{extract, ExtractConfig};
//! use sitrep_model::{Origin, RawDocument, SourceFormat};
//!
//! let raw = RawDocument {
//!     origin: Origin::whole("a.txt"),
//!     format: SourceFormat::Text,
//!     body: "Talks Resume in Geneva\n\nListen to this article\n\nGENEVA — Talks resumed on Monday.".into(),
//!     title: None, url: None, published: None, modified: None, authors: vec![], site: None,
//! };
//! let extracted = extract(&raw, &ExtractConfig::default()).unwrap();
//! assert_eq!(extracted.article.title.as_deref(), Some("Talks Resume in Geneva"));
//! assert_eq!(extracted.article.text, "Talks Resume in Geneva\n\nGENEVA — Talks resumed on Monday.");
//! assert_eq!(extracted.removed, ["Listen to this article"]);
//! ```

mod debris;
mod error;
mod html;
mod metadata;
mod mojibake;
mod paragraphs;

use sitrep_model::{Article, ArticleId, RawDocument};

pub use crate::error::{Error, Result};

/// Options of the extract stage.
#[derive(Clone, Debug)]
pub struct ExtractConfig {
    /// Drop debris lines from plain text. On by default; off keeps every line.
    pub remove_debris: bool,
}

impl Default for ExtractConfig {
    fn default() -> ExtractConfig {
        ExtractConfig { remove_debris: true }
    }
}

/// A clean article and what was removed to make it.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// The article.
    pub article: Article,
    /// Lines dropped as debris, in order.
    pub removed: Vec<String>,
}

/// Cleans one document: plain text line by line, HTML by finding the article in the page.
pub fn extract(raw: &RawDocument, config: &ExtractConfig) -> Result<Extracted> {
    let repaired = mojibake::repair(&raw.body);
    if repaired.is_some() {
        tracing::debug!("{}: UTF-8 text read in a legacy charset upstream, restored", raw.origin);
    }
    let body = repaired.as_deref().unwrap_or(&raw.body);
    let page = raw.format.is_markup().then(|| html::extract_html(body, raw.url.as_deref()));
    let mut removed = page.as_ref().map(|page| page.removed.clone()).unwrap_or_default();
    let mut paragraphs = match &page {
        Some(page) => page.paragraphs.iter().map(|paragraph| paragraphs::normalise_space(paragraph)).collect(),
        None => paragraphs::split(body),
    };
    let title = match (&raw.title, &page) {
        (Some(title), _) => Some(paragraphs::normalise_space(title)),
        (None, Some(page)) => page.meta.title.as_deref().map(paragraphs::normalise_space),
        (None, None) => metadata::infer_title(&paragraphs, config.remove_debris),
    };
    // A block of nothing but invisible characters (a zero-width space) normalises to nothing.
    paragraphs.retain(|paragraph: &String| !paragraph.is_empty());
    if config.remove_debris {
        removed.extend(debris::remove(&mut paragraphs, title.as_deref()));
    }
    // The headline becomes the first paragraph, once: a body that repeats it keeps one copy.
    if let Some(title) = &title
        && paragraphs.first() != Some(title)
    {
        paragraphs.insert(0, title.clone());
    }
    let text = paragraphs.join("\n\n");
    let body_text = body_of(&text, title.as_deref());
    if body_text.trim().is_empty() {
        return Err(Error::NoText { location: raw.origin.to_string() });
    }
    let url = raw.url.clone().or_else(|| page.as_ref().and_then(|page| page.meta.canonical_url.clone()));
    let site = raw
        .site
        .clone()
        .or_else(|| page.as_ref().and_then(|page| page.meta.site.clone()))
        .or_else(|| url.as_deref().and_then(metadata::site_of_url));
    let authors = if raw.authors.is_empty() {
        page.as_ref().map(|page| page.meta.authors.clone()).unwrap_or_default()
    } else {
        raw.authors.clone()
    };
    let article = Article {
        id: ArticleId::from_content(title.as_deref(), body_text),
        site,
        url,
        authors,
        published: raw.published.or_else(|| page.as_ref().and_then(|page| page.meta.published)),
        modified: raw.modified.or_else(|| page.as_ref().and_then(|page| page.meta.modified)),
        language: metadata::detect_language(&text)
            .or_else(|| page.as_ref().and_then(|page| page.meta.language.clone())),
        title,
        text,
        format: raw.format,
    };
    Ok(Extracted { article, removed })
}

/// The article's text without its headline paragraph.
pub fn body(article: &Article) -> &str {
    body_of(&article.text, article.title.as_deref())
}

fn body_of<'a>(text: &'a str, title: Option<&str>) -> &'a str {
    let Some(title) = title else { return text };
    match text.strip_prefix(title) {
        Some(rest) if rest.is_empty() => rest,
        Some(rest) => rest.strip_prefix("\n\n").unwrap_or(text),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use sitrep_model::{Origin, RawDocument, SourceFormat};

    use crate::{ExtractConfig, body, extract};

    /// A document of `body` read from `name`, with nothing known about it besides.
    fn raw_document(name: &str, format: SourceFormat, body: String) -> RawDocument {
        RawDocument {
            origin: Origin::whole(name),
            format,
            body,
            title: None,
            url: None,
            published: None,
            modified: None,
            authors: vec![],
            site: None,
        }
    }

    proptest! {
        #[test]
        fn extraction_never_panics_and_keeps_the_body(content in "(\\PC|\n){0,300}") {
            let raw = raw_document("prop.txt", SourceFormat::Text, content);
            if let Ok(extracted) = extract(&raw, &ExtractConfig::default()) {
                let article = &extracted.article;
                prop_assert!(!body(article).trim().is_empty());
                if let Some(title) = &article.title {
                    prop_assert!(article.text.starts_with(title.as_str()));
                }
            }
        }
    }

    #[test]
    fn a_paragraph_of_invisible_characters_leaves_no_empty_paragraph() {
        let page = "<html><head><title>Notes from the harbour</title></head><body><article>\
            <p>The quay was full of people waiting in the rain for the morning ferry to the islands.</p>\
            <p>&#8203;</p>\
            <p>Nobody seemed surprised; the timetable has been wrong since the summer began.</p>\
            <p>&#8203;&#65279;</p></article></body></html>";
        let raw = raw_document("page.html", SourceFormat::Html, page.to_string());
        let text = extract(&raw, &ExtractConfig::default()).unwrap().article.text;
        assert!(!text.contains("\n\n\n") && !text.ends_with('\n'), "{text:?}");
        assert!(text.contains("rain") && text.contains("summer"), "{text:?}");
    }
}
