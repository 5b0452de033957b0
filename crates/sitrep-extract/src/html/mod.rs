//! HTML pages to article paragraphs and metadata.
//!
//! The page is parsed once (html5ever through `scraper`), flattened into text blocks with the
//! path of elements above each ([`linearize`]), stripped of boilerplate by tag, ARIA role,
//! visibility and class or id vocabulary ([`boilerplate`]), and the article is taken as the
//! deepest element holding most of the page's good prose ([`select`]). Metadata comes from
//! JSON-LD, meta tags, `<time>`, the URL and visible bylines ([`meta`]).

mod boilerplate;
mod depth;
mod linearize;
mod meta;
mod select;

use jiff::Timestamp;
use scraper::Html;

/// What an HTML page yields.
#[derive(Clone, Debug, Default)]
pub(crate) struct HtmlArticle {
    pub(crate) title: Option<String>,
    pub(crate) paragraphs: Vec<String>,
    pub(crate) authors: Vec<String>,
    pub(crate) published: Option<Timestamp>,
    pub(crate) modified: Option<Timestamp>,
    pub(crate) site: Option<String>,
    pub(crate) canonical_url: Option<String>,
    pub(crate) language: Option<String>,
    /// Blocks dropped inside the article container, for the `removed` report.
    pub(crate) removed: Vec<String>,
}

/// Extracts the article of a page.
pub(crate) fn extract_html(html: &str, url: Option<&str>) -> HtmlArticle {
    let flattened = depth::flatten_deep_nesting(html, depth::MAX_DEPTH);
    let document = Html::parse_document(flattened.as_deref().unwrap_or(html));
    let metadata = meta::read(&document, url);
    let blocks = linearize::linearize(&document);
    // A page with no machine-readable date usually shows one near its top.
    let published = metadata.published.or_else(|| {
        blocks
            .iter()
            .take(40)
            .filter(|block| block.n_chars < 120)
            .find_map(|block| meta::written_date(&block.text))
            .and_then(meta::midnight)
    });
    let selection = select::select(&blocks, metadata.title.as_deref());
    HtmlArticle {
        title: metadata.title,
        paragraphs: selection.paragraphs,
        authors: metadata.authors,
        published,
        modified: metadata.modified,
        site: metadata.site,
        canonical_url: metadata.canonical_url,
        language: metadata.language,
        removed: selection.removed,
    }
}

#[cfg(test)]
mod tests {
    use crate::html::extract_html;

    #[test]
    fn pathological_nesting_is_read_quickly() {
        let page = format!("<body>{}<p>deep text</p>{}</body>", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let article = extract_html(&page, None);
        assert_eq!(article.paragraphs, ["deep text"]);
    }
}
