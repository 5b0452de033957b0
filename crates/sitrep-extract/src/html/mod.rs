//! HTML pages to article paragraphs and metadata.
//!
//! The page is parsed once ([`parse`], into a `scraper` tree), flattened into text blocks with the
//! path of elements above each ([`linearize`]), stripped of boilerplate by tag, ARIA role,
//! visibility and class or id vocabulary ([`boilerplate`]), and the article is taken as the
//! deepest element holding most of the page's good prose ([`select`]). Metadata comes from
//! JSON-LD, meta tags, `<time>`, the URL and visible bylines ([`meta`]).

mod boilerplate;
mod header;
mod linearize;
mod meta;
mod parse;
mod select;

/// What an HTML page yields: its metadata and the article's paragraphs.
#[derive(Clone, Debug, Default)]
pub(crate) struct HtmlArticle {
    pub(crate) meta: meta::Metadata,
    pub(crate) paragraphs: Vec<String>,
    /// Blocks dropped inside the article container, for the `removed` report.
    pub(crate) removed: Vec<String>,
}

/// Extracts the article of a page.
pub(crate) fn extract_html(html: &str, url: Option<&str>) -> HtmlArticle {
    let document = parse::parse(html);
    let mut meta = meta::read(&document, url);
    let blocks = linearize::linearize(&document);
    let order = meta.day_order;
    // The date the page shows under its headline is the one it stands by; an update's date
    // there only fills what the metadata lacks.
    if let Some(shown) = header::header_date(&blocks, meta.title.as_deref(), order) {
        // "03/10/2023" is read in the page's order, unless the metadata dates it the other way.
        let in_metadata = |date: jiff::civil::Date| {
            [meta.published, meta.modified].into_iter().flatten().any(|timestamp| meta::utc_date(timestamp) == date)
        };
        let date = match shown.other_reading {
            Some(other) if in_metadata(other) && !in_metadata(shown.date) => other,
            _ => shown.date,
        };
        let timestamp = meta::midnight(date);
        if !shown.updated {
            meta.published = timestamp.or(meta.published);
        } else {
            meta.modified = timestamp.or(meta.modified);
            meta.published = meta.published.or(timestamp);
        }
    }
    // A page signed in its header is the signer's, whatever organisation its metadata credits
    // and whatever label its byline markup holds.
    if meta.authors_are_site || !meta.authors.iter().any(|author| header::is_name(author)) {
        let byline = header::header_byline(&blocks, meta.title.as_deref());
        if !byline.is_empty() {
            meta.authors = byline;
        }
    }
    // A page with no machine-readable date usually shows one near its top.
    if meta.published.is_none() {
        meta.published = blocks
            .iter()
            .filter(|block| !block.furniture)
            .take(40)
            .filter(|block| block.n_chars < 120)
            .find_map(|block| header::shown_date(&block.text, order))
            .or_else(|| header::labelled_publication_date(&blocks, order))
            .and_then(meta::midnight);
    }
    let selection = select::select(&blocks, meta.title.as_deref());
    HtmlArticle { meta, paragraphs: selection.paragraphs, removed: selection.removed }
}

/// A text's words, lower case, punctuation dropped: what headlines and titles are compared by.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Whether two texts have the same words, in the same order.
fn same_words(a: &str, b: &str) -> bool {
    words(a) == words(b)
}

#[cfg(test)]
mod tests {
    use crate::html::extract_html;

    #[test]
    fn a_shown_date_with_two_readings_takes_the_one_the_metadata_agrees_with() {
        let page = "<html lang=\"en\"><body><h1>How many wine styles are there?</h1><p>03/10/2023</p>\
            <p>Body.</p></body></html>";
        let day = |url: &str| {
            let published = extract_html(page, Some(url)).meta.published;
            published.map(|timestamp| timestamp.to_string()[..10].to_string())
        };
        assert_eq!(day("https://wine.example/blog/2023/october/03/styles/").as_deref(), Some("2023-10-03"));
        assert_eq!(day("https://wine.example/blog/styles/").as_deref(), Some("2023-03-10"));
        assert_eq!(day("https://wine.example.co.uk/blog/styles/").as_deref(), Some("2023-10-03"));
    }

    #[test]
    fn a_block_opened_by_a_related_heading_is_left_out_however_long() {
        let article = "<p>Viver uma verdadeira experiência amorosa é um dos maiores prazeres da vida.</p>";
        let teaser = "<p>A vida requer da gente otimismo e coragem para esperar o melhor e fazer o melhor acontecer, \
            e o pessimismo só faz engessar o sorriso.</p>";
        for heading in ["<h3 class=\"relatedpoststitle\">Mais</h3>", "<h3>Você pode gostar...</h3>"] {
            let page = format!("<body><article>{article}</article><div>{heading}{}</div></body>", teaser.repeat(8));
            let extracted = extract_html(&page, None);
            assert_eq!(extracted.paragraphs.len(), 1, "{heading}: {:?}", extracted.paragraphs);
            assert!(extracted.paragraphs[0].starts_with("Viver"));
        }
        // A heading that names nothing related opens the article itself.
        let page = format!("<body><div><h2>Amor</h2>{article}</div></body>");
        assert!(extract_html(&page, None).paragraphs.iter().any(|paragraph| paragraph.starts_with("Viver")));
    }

    #[test]
    fn a_table_in_a_figure_is_read_and_a_caption_is_not() {
        let page = "<body><article>{lead}\
            <figure><img src=c.png><figcaption>Chart: prices by month</figcaption></figure>\
            <figure class=\"wp-block-table\"><table>{rows}</table></figure>\
            <p>Sales of new homes fell over the same months, the figures from the agency show.</p></article></body>";
        let rows =
            "<tr><td>January, the first month of the survey</td><td>+13.1% against a year before</td></tr>".repeat(2);
        let lead = "<p>Prices rose in every month of the year, the survey of sales shows.</p>".repeat(4);
        let page = page.replace("{rows}", &rows).replace("{lead}", &lead);
        let text = extract_html(&page, None).paragraphs.join("\n");
        assert!(text.contains("January") && text.contains("+13.1%"), "{text}");
        assert!(!text.contains("Chart"), "{text}");
    }

    #[test]
    fn pathological_nesting_is_read_quickly() {
        let page = format!("<body>{}<p>deep text</p>{}</body>", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let article = extract_html(&page, None);
        assert_eq!(article.paragraphs, ["deep text"]);
    }
}
