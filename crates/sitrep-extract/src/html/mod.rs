//! HTML pages to article paragraphs and metadata.
//!
//! The page is parsed once ([`parse`], into a `scraper` tree), flattened into text blocks with the
//! path of elements above each ([`linearize`]), stripped of boilerplate by tag, ARIA role,
//! visibility and class or id vocabulary ([`boilerplate`]), and the article is taken as the
//! deepest element holding most of the page's good prose ([`select`]). Metadata comes from
//! JSON-LD, meta tags, `<time>`, the URL and visible bylines ([`meta`]), asked of the page's
//! elements listed once ([`elements`]).

mod boilerplate;
mod elements;
mod header;
mod linearize;
mod meta;
mod parse;
mod select;

use sitrep_model::SourceTime;

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
    let shown = header::header_date(&blocks, meta.title.as_deref(), order);
    // A date the page labels as its publication's ("Published: October 29, 2024", "originally
    // published on 26 Sep 2019") is the one it stands by, wherever it stands, over machine dates
    // that a template or a later edit wrote; one a day off the machine date is that date in the
    // page's time zone.
    if shown.is_none_or(|shown| shown.updated)
        && let Some(labelled) = header::labelled_publication_date(&blocks, order)
    {
        date_by_label(&mut meta, labelled);
    }
    // The date the page shows under its headline is the one it stands by; an update's date
    // there (by its label or its markup) only fills what the metadata lacks.
    if let Some(shown) = shown {
        // "03/10/2023" is read in the page's order, unless the metadata dates it the other way.
        let in_metadata = |date: jiff::civil::Date| {
            [meta.published, meta.modified].into_iter().flatten().any(|time| time.date() == date)
        };
        let date = match shown.other_reading {
            Some(other) if in_metadata(other) && !in_metadata(shown.date) => other,
            _ => shown.date,
        };
        // A machine time on that day is the shown date told precisely.
        let told = |machine: Option<SourceTime>| match machine {
            Some(machine) if machine.date() == date => Some(machine),
            _ => SourceTime::of_date(date).or(machine),
        };
        let updated = shown.updated || meta.marked_updates.contains(&date);
        if !updated {
            meta.published = told(meta.published);
        } else {
            meta.modified = told(meta.modified);
            meta.published = meta.published.or_else(|| SourceTime::of_date(date));
        }
    }
    // An article published again says when it was first: that is its publication date.
    if let Some(original) = header::original_publication_date(&blocks, order) {
        date_by_label(&mut meta, original);
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
            .and_then(SourceTime::of_date);
    }
    let selection = select::select(&blocks, meta.title.as_deref());
    HtmlArticle { meta, paragraphs: selection.paragraphs, removed: selection.removed }
}

/// The publication date a page labels as such replaces the machine's, unless it is a day off
/// from it: then it is the machine's instant in the page's time zone, told less precisely.
fn date_by_label(meta: &mut meta::Metadata, labelled: jiff::civil::Date) {
    if !meta.published.is_some_and(|published| within_a_day(published.date(), labelled)) {
        meta.published = SourceTime::of_date(labelled).or(meta.published);
    }
}

/// Whether two days are the same or next to each other.
fn within_a_day(a: jiff::civil::Date, b: jiff::civil::Date) -> bool {
    a.since(b).is_ok_and(|span| span.get_days().abs() <= 1)
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

    fn published_day(page: &str) -> Option<String> {
        extract_html(page, None).meta.published.map(|timestamp| timestamp.to_string()[..10].to_string())
    }

    #[test]
    fn a_date_labelled_as_the_publications_outranks_the_machine_dates() {
        // Below the article, far from its header.
        let page = |label: &str| {
            format!(
                "<html><head><meta property=\"article:published_time\" content=\"2025-11-29T12:00:00-05:00\"></head>\
                <body><h1>Ledger tools for small firms</h1>{}\
                <p>{label} <time datetime=\"2025-08-13\">August 13, 2025</time></p></body></html>",
                "<p>Ledger tools cost less than they did, and most of them now file the returns too.</p>".repeat(14)
            )
        };
        assert_eq!(published_day(&page("Published")).as_deref(), Some("2025-08-13"));
        // A label that is no publication's, or the same day in the page's time zone, changes nothing.
        assert_eq!(published_day(&page("Reviewed")).as_deref(), Some("2025-11-29"));
        let a_day_off = page("Published").replace("2025-08-13", "2025-11-28").replace("August 13", "November 28");
        assert_eq!(published_day(&a_day_off).as_deref(), Some("2025-11-29"));
    }

    #[test]
    fn an_article_published_again_is_dated_by_its_first_publication() {
        let body: String = (1..=40)
            .map(|n| {
                format!(
                    "<p>Tiny home {n} looks like fun on television, but zoning rules decide where it may stand.</p>"
                )
            })
            .collect();
        let page = |note: &str| {
            format!("<html><body><h1>Living in a tiny home</h1><p>30 Sep 2022</p>{body}<p>{note}</p></body></html>")
        };
        let note = "This article was originally published on 26 Sep 2019 at 4:12pm";
        assert_eq!(published_day(&page(note)).as_deref(), Some("2019-09-26"));
        assert_eq!(published_day(&page("Reviewed on 26 Sep 2019")).as_deref(), Some("2022-09-30"));
        // "Post time" labels a publication date like "Posted".
        let footer = format!(
            "<html lang=\"en-US\"><body><h1>How fast do e-boards go</h1>{body}<p>Post time: January 4, 2024</p></body></html>"
        );
        assert_eq!(published_day(&footer).as_deref(), Some("2024-01-04"));
    }

    #[test]
    fn a_header_date_the_markup_marks_as_an_update_keeps_the_publication_date() {
        let page = |class: &str| {
            format!(
                "<html><head><meta property=\"article:published_time\" content=\"2025-04-24T16:12:49+00:00\"></head>\
                <body><h1>Espresso machines under $500</h1>\
                <p><time class=\"{class}\" datetime=\"2025-05-21T14:06:47+00:00\">May 21, 2025</time></p>\
                <p>Body text of the review follows here.</p></body></html>"
            )
        };
        assert_eq!(published_day(&page("updated")).as_deref(), Some("2025-04-24"));
        assert_eq!(published_day(&page("entry-date published updated")).as_deref(), Some("2025-05-21"));
    }

    #[test]
    fn machine_dates_written_for_people_are_read_in_the_pages_order() {
        let page = "<html><head><meta property=\"article:published_time\" content=\"Thu, 09/25/2025 - 11:38\"></head>\
            <body><p>Body.</p></body></html>";
        assert_eq!(published_day(page).as_deref(), Some("2025-09-25"));
    }

    #[test]
    fn a_block_opened_by_a_related_heading_is_left_out_however_long() {
        let article = "<p>Viver uma verdadeira experiência amorosa é um dos maiores prazeres da vida.</p>";
        let teaser = "<p>A vida requer da gente otimismo e coragem para esperar o melhor e fazer o melhor acontecer, \
            e o pessimismo só faz engessar o sorriso.</p>";
        let headings =
            ["<h3 class=\"relatedpoststitle\">Mais</h3>", "<h3>Você pode gostar...</h3>", "<h2>Sobre o autor</h2>"];
        for heading in headings {
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
