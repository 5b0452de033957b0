//! Metadata of a page: title, authors, publication and modification times, site name, canonical
//! URL and language, from the most explicit source that states each: JSON-LD, then meta tags
//! (OpenGraph, Dublin Core, article:*), then `<time>` and `itemprop` markup, then the URL and
//! the visible byline.

use jiff::civil::Date;
use scraper::{ElementRef, Html};
use serde_json::Value;
use sitrep_model::SourceTime;

use crate::html::elements::{Elements, attr, has, is, is_any_case, within};
use crate::html::header::{BYLINE_OPENERS, has_name_word, without_trailing_date};
use crate::html::words;

/// A page's metadata, each field from the most explicit source that states it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Metadata {
    pub(crate) title: Option<String>,
    pub(crate) authors: Vec<String>,
    /// The authors are the site itself: no person signs the page's metadata.
    pub(crate) authors_are_site: bool,
    pub(crate) published: Option<SourceTime>,
    pub(crate) modified: Option<SourceTime>,
    pub(crate) site: Option<String>,
    pub(crate) canonical_url: Option<String>,
    pub(crate) language: Option<String>,
    /// How the page's locale orders the numbers of a date written "03/10/2023".
    pub(crate) day_order: DayOrder,
    /// The dates the page's markup shows as an update's (`<span class="updated">`,
    /// `itemprop="dateModified"`), however their text is labelled.
    pub(crate) marked_updates: Vec<Date>,
}

/// Which number of a date written "03/10/2023" is the month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum DayOrder {
    /// American usage, and the reading of a page that states no locale.
    #[default]
    MonthFirst,
    /// Everywhere else: British, Australian, Indian English and most other languages.
    DayFirst,
}

impl DayOrder {
    /// The order of a page's locales ("en-GB", "en_US", "fr"), the first that names a country
    /// deciding; else of its address's country domain (".co.uk", ".com.au").
    fn of_page(locales: &[&str], url: Option<&str>) -> DayOrder {
        let region_order = |locale: &str| {
            let mut parts = locale.trim().split(['-', '_']);
            let language = parts.next()?.to_ascii_lowercase();
            match parts.next() {
                Some(region) => {
                    Some(if region.eq_ignore_ascii_case("us") { DayOrder::MonthFirst } else { DayOrder::DayFirst })
                }
                None if !language.is_empty() && language != "en" => Some(DayOrder::DayFirst),
                None => None,
            }
        };
        if let Some(order) = locales.iter().find_map(|locale| region_order(locale)) {
            return order;
        }
        let host = url.and_then(crate::metadata::site_of_url).unwrap_or_default();
        let country = host.rsplit('.').next().unwrap_or_default();
        if DAY_FIRST_DOMAINS.contains(&country) { DayOrder::DayFirst } else { DayOrder::MonthFirst }
    }
}

/// Country domains of English-speaking countries that write the day first.
const DAY_FIRST_DOMAINS: &[&str] = &["uk", "au", "nz", "ie", "in", "za", "sg", "pk", "ng", "ke"];

/// The article parts of JSON-LD: the first object whose `@type` is an article type.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    modified: Option<String>,
    publisher: Option<String>,
    /// The dates of a `WebPage` object, which carries a post's dates on many sites (Yoast's
    /// graph) but is no article type: its headline and authors are often the site's.
    page_published: Option<String>,
    page_modified: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "WebPage",
    "Report",
    "TechArticle",
    "ScholarlyArticle",
    "LiveBlogPosting",
    "Review",
    "HowTo",
];
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "citation_publication_date",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "original-publish-date",
    "displaydate",
    "release_date",
    "created",
];
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "dateModified",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
    "modified",
];
const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
    "twitter:creator",
    "citation_author",
];

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn read(document: &Html, url: Option<&str>) -> Metadata {
    let document = Elements::of(document);
    let document = &document;
    let metas = meta_tags(document);
    let meta = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|name| {
            metas
                .iter()
                .find(|(key, value)| key.eq_ignore_ascii_case(name) && !value.is_empty())
                .map(|(_, value)| value.clone())
        })
    };
    let linked = linked_data(document);
    let site = meta(&["og:site_name", "application-name", "publisher"]).or(linked.publisher.clone());
    let title = choose_title(
        document,
        linked.headline.as_deref(),
        meta(&["og:title", "twitter:title"]).as_deref(),
        site.as_deref(),
    );
    let html_lang = document.named("html").next().and_then(|e| attr(e, "lang").map(str::to_string));
    let meta_locale = meta(&["og:locale", "language", "content-language"]);
    let locales: Vec<&str> = html_lang.iter().chain(&meta_locale).map(String::as_str).collect();
    let day_order = DayOrder::of_page(&locales, url);
    // Machine dates are mostly ISO 8601; some templates write them for people ("Thu, 09/25/2025
    // - 11:38"), in the page's order.
    let machine_date = |text: &str| {
        parse_date_time(text).or_else(|| crate::html::header::shown_date(text, day_order).and_then(SourceTime::of_date))
    };
    let published_text = linked
        .published
        .clone()
        .or_else(|| meta(PUBLISHED_META))
        .or_else(|| time_attribute(document, "datePublished"))
        .or_else(|| linked.page_published.clone());
    let published = published_text
        .as_deref()
        .and_then(machine_date)
        .or_else(|| url.and_then(date_from_url))
        .or_else(|| visible_date(document));
    let modified = linked
        .modified
        .clone()
        .or_else(|| meta(MODIFIED_META))
        .or_else(|| time_attribute(document, "dateModified"))
        .or_else(|| linked.page_modified.clone())
        .as_deref()
        .and_then(machine_date);
    // Each source in turn, until one names a person: an organisation or a label in the first
    // (JSON-LD crediting the publisher, "Staff") says nothing against a byline further down.
    let people = |mut names: Vec<String>| {
        names.retain(|author| is_person_like(author, site.as_deref()));
        names
    };
    let mut authors = people(linked.authors.clone());
    if authors.is_empty() {
        authors = people(meta(AUTHOR_META).map(|value| split_authors(&value)).unwrap_or_default());
    }
    if authors.is_empty() {
        authors = people(written_by_label(&metas));
    }
    if authors.is_empty() {
        // Visible text: no name has digits ("Reuters November 18, 2019 11:03 PM").
        let signed = |name: &str| is_person_like(name, site.as_deref()) && !name.chars().any(|c| c.is_ascii_digit());
        authors = byline_authors(document, signed);
    }
    if authors.is_empty() {
        authors = people(title_tag_author(document));
    }
    // Pages that no person signs are the organisation's own: it is the author.
    let authors_are_site = authors.is_empty();
    if authors_are_site {
        authors.extend(site.clone().or_else(|| title_tag_site(document)));
    }
    let canonical_url = document
        .named("link")
        .filter(|e| is_any_case(*e, "rel", "canonical"))
        .find_map(|e| attr(e, "href").map(str::to_string))
        .or_else(|| meta(&["og:url"]));
    let language = html_lang
        .clone()
        .or_else(|| meta_locale.clone())
        .and_then(|lang| lang.split(['-', '_']).next().map(|code| code.trim().to_ascii_lowercase()))
        .filter(|code| (2..=3).contains(&code.len()));
    let marked_updates = marked_updates(document, day_order);
    Metadata {
        title,
        authors,
        authors_are_site,
        published,
        modified,
        site,
        canonical_url,
        language,
        day_order,
        marked_updates,
    }
}

/// (name or property, content) of every meta tag.
fn meta_tags(document: &Elements<'_>) -> Vec<(String, String)> {
    document
        .named("meta")
        .filter_map(|element| {
            let key =
                ["property", "name", "itemprop", "http-equiv"].into_iter().find_map(|name| attr(element, name))?;
            let value = attr(element, "content")?;
            Some((key.trim().to_string(), clean(value)))
        })
        .collect()
}

fn linked_data(document: &Elements<'_>) -> LinkedData {
    let mut found = LinkedData::default();
    // JSON-LD in its script elements, and in meta tags that say they carry it (`<meta
    // name="script:ld+json" content="{&quot;@type&quot;: ...}">`, as some frameworks render it).
    let scripts = document.named("script").filter(|e| is_any_case(*e, "type", "application/ld+json"));
    let scripts = scripts.map(|script| script.text().collect::<String>());
    let in_meta = document.named("meta").filter_map(|meta| {
        attr(meta, "name").or(attr(meta, "property")).filter(|name| name.ends_with("ld+json"))?;
        attr(meta, "content").map(str::to_string)
    });
    for json in scripts.chain(in_meta) {
        let Ok(value) = serde_json::from_str::<Value>(json.trim()) else { continue };
        let mut objects = Vec::new();
        collect_objects(&value, &mut objects, 0);
        // Authors are often `{"@id": ...}` references to a Person node elsewhere in the graph.
        let named_nodes: Vec<(&str, &Value)> =
            objects.iter().filter_map(|object| Some((object.get("@id")?.as_str()?, object.get("name")?))).collect();
        let resolve = |value: &Value| -> Vec<String> {
            let mut names = names_of(value);
            if names.is_empty() {
                let ids: Vec<&str> = match value {
                    Value::Object(object) => object.get("@id").and_then(Value::as_str).into_iter().collect(),
                    Value::Array(items) => {
                        items.iter().filter_map(|item| item.get("@id").and_then(Value::as_str)).collect()
                    }
                    _ => Vec::new(),
                };
                names = ids
                    .iter()
                    .filter_map(|id| named_nodes.iter().find(|(node, _)| node == id))
                    .flat_map(|(_, name)| names_of(name))
                    .collect();
            }
            names
        };
        for object in &objects {
            let text = |key: &str| object.get(key).and_then(Value::as_str).map(clean).filter(|s| !s.is_empty());
            if object.get("@type").and_then(Value::as_str) == Some("WebPage") {
                found.page_published = found.page_published.take().or_else(|| text("datePublished"));
                found.page_modified = found.page_modified.take().or_else(|| text("dateModified"));
            }
            if !type_matches(object.get("@type")) {
                continue;
            }
            found.headline = found.headline.or_else(|| text("headline"));
            found.published = found.published.or_else(|| text("datePublished")).or_else(|| text("dateCreated"));
            found.modified = found.modified.or_else(|| text("dateModified"));
            if found.authors.is_empty() {
                found.authors = object
                    .get("author")
                    .or_else(|| object.get("creator"))
                    .or_else(|| object.get("contributor"))
                    .map(&resolve)
                    .unwrap_or_default();
            }
            if found.publisher.is_none() {
                found.publisher = object.get("publisher").and_then(|publisher| names_of(publisher).into_iter().next());
            }
        }
    }
    found
}

/// Article-like objects anywhere in a JSON-LD value (`@graph`, arrays, nesting), depth-limited.
fn collect_objects<'a>(value: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>, depth: usize) {
    if depth > 6 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|item| collect_objects(item, out, depth + 1)),
        Value::Object(object) => {
            out.push(object);
            if let Some(graph) = object.get("@graph") {
                collect_objects(graph, out, depth + 1);
            }
            if let Some(main) = object.get("mainEntity") {
                collect_objects(main, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn type_matches(kind: Option<&Value>) -> bool {
    match kind {
        Some(Value::String(kind)) => ARTICLE_TYPES.contains(&kind.as_str()) && kind != "WebPage",
        Some(Value::Array(kinds)) => kinds.iter().any(|kind| type_matches(Some(kind))),
        _ => false,
    }
}

/// Names in a JSON-LD `author`/`publisher`: a string, an object with `name`, or a list.
fn names_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(name) => split_authors(name),
        Value::Object(object) => object.get("name").map(names_of).unwrap_or_default(),
        Value::Array(items) => items.iter().flat_map(names_of).collect(),
        _ => Vec::new(),
    }
}

/// "By Jane Doe and John Roe | Updated 5 March" -> ["Jane Doe", "John Roe"].
pub(crate) fn split_authors(text: &str) -> Vec<String> {
    let text = clean(text);
    let text = text.split(['|', '•', '·']).next().unwrap_or("");
    let lower = text.to_lowercase();
    let opener = BYLINE_OPENERS.iter().find(|opener| lower.starts_with(*opener)).map_or(0, |opener| opener.len());
    let text = text.get(opener..).unwrap_or(text);
    let text = text.split(" Updated").next().unwrap_or(text).split(" Published").next().unwrap_or(text);
    text.split(" and ")
        .flat_map(|part| part.split([',', ';', '&']))
        .map(|name| without_trailing_date(name.trim()).trim_end_matches('.').trim().to_string())
        .filter(|name| has_name_word(name))
        .collect()
}

/// The author a page's Twitter card states as a labelled field (`twitter:label1` "Written by",
/// `twitter:data1` the name), as WordPress's SEO plugins write it.
fn written_by_label(metas: &[(String, String)]) -> Vec<String> {
    let value_of = |key: &str| metas.iter().find(|(name, _)| name.eq_ignore_ascii_case(key)).map(|(_, value)| value);
    (1..=4)
        .find(|n| value_of(&format!("twitter:label{n}")).is_some_and(|label| label.eq_ignore_ascii_case("written by")))
        .and_then(|n| value_of(&format!("twitter:data{n}")))
        .map(|names| split_authors(names))
        .unwrap_or_default()
}

fn is_person_like(name: &str, site: Option<&str>) -> bool {
    let n_words = name.split_whitespace().count();
    !name.contains("://")
        && !name.starts_with('@')
        && has_name_word(name)
        && (1..=5).contains(&n_words)
        && site.is_none_or(|site| !site.eq_ignore_ascii_case(name))
        && !matches!(
            name.to_lowercase().as_str(),
            "staff" | "admin" | "editor" | "editorial" | "news desk" | "reuters" | "associated press"
        )
}

/// Whether an element stands in the readers' comments or in a list of related posts, whose
/// authors and dates are not the article's.
fn beside_the_article(element: ElementRef<'_>) -> bool {
    element.ancestors().filter_map(ElementRef::wrap).any(|ancestor| {
        [attr(ancestor, "class"), attr(ancestor, "id")]
            .into_iter()
            .flatten()
            .any(|value| value.contains("comment") || value.contains("related"))
    })
}

/// A question asked of every element: the CSS selector it stands for (a unit test checks that
/// both pick the same elements), and the test.
type ElementTest = (&'static str, fn(ElementRef<'_>) -> bool);

/// The elements that may hold a byline, in the order they are tried.
const BYLINE_ELEMENTS: &[ElementTest] = &[
    ("[itemprop=author] [itemprop=name]", |e| is(e, "itemprop", "name") && within(e, |a| is(a, "itemprop", "author"))),
    ("[rel=author]", |e| is_any_case(e, "rel", "author")),
    ("a[href*='/author/']", |e| e.value().name() == "a" && has(e, "href", "/author/")),
    ("a[href*='/authors/']", |e| e.value().name() == "a" && has(e, "href", "/authors/")),
    ("[itemprop=author]", |e| is(e, "itemprop", "author")),
    ("[class*=byline] [class*=author]", |e| has(e, "class", "author") && within(e, |a| has(a, "class", "byline"))),
    ("[class*=author-name]", |e| has(e, "class", "author-name")),
    ("[class*=author] a", |e| e.value().name() == "a" && within(e, |a| has(a, "class", "author"))),
    ("[class*=byline]", |e| has(e, "class", "byline")),
    (".author", |e| e.value().classes().any(|class| class == "author")),
    ("[class*=author]", |e| has(e, "class", "author")),
    ("[class*=Author]", |e| has(e, "class", "Author")),
];

/// The elements that may show the date, in the order they are tried.
const DATE_ELEMENTS: &[ElementTest] = &[
    ("time", |e| e.value().name() == "time"),
    ("[class*=date]", |e| has(e, "class", "date")),
    ("[class*=time]", |e| has(e, "class", "time")),
    ("[class*=byline]", |e| has(e, "class", "byline")),
    ("[class*=meta]", |e| has(e, "class", "meta")),
];

/// Elements marked as an update's.
const UPDATE_ELEMENTS: ElementTest = ("[itemprop=dateModified], [class*=updated], [class*=modified]", |e| {
    is(e, "itemprop", "dateModified") || has(e, "class", "updated") || has(e, "class", "modified")
});

/// Visible bylines: `rel=author`, `itemprop=author`, or an element whose class says byline/author,
/// outside the comments; then a "By Jane Doe" / "Written by Jane Doe" line, or such a label
/// ("Article by", "Author") standing alone before the name. The first names that `accept` takes.
fn byline_authors(document: &Elements<'_>, accept: impl Fn(&str) -> bool) -> Vec<String> {
    let accepted = |mut names: Vec<String>| {
        names.retain(|name| accept(name));
        (!names.is_empty()).then_some(names)
    };
    for (_, test) in BYLINE_ELEMENTS {
        for element in document.matching(test).filter(|element| !beside_the_article(*element)).take(3) {
            let text = element_text(element);
            if text.len() < 80
                && let Some(names) = accepted(split_authors(&text))
            {
                return names;
            }
        }
    }
    let is_line = |e: ElementRef<'_>| {
        matches!(e.value().name(), "p" | "span" | "div" | "em" | "strong" | "h2" | "h3" | "h4" | "h5" | "h6")
    };
    for element in document.matching(is_line).take(3000) {
        // Most elements open with something else: look at their first text before joining it all.
        let first_text = element.children().find_map(|child| child.value().as_text().filter(|t| !t.trim().is_empty()));
        let Some(first_text) = first_text else { continue };
        let first_lower = first_text.trim_start().to_lowercase();
        let label = first_lower.trim_end().trim_end_matches(':');
        let names = if BYLINE_LABELS.contains(&label) && element.children().count() == 1 {
            // The label alone; the name is the next element's text.
            let next = element.next_siblings().find_map(ElementRef::wrap);
            next.map(element_text).filter(|text| text.len() < 60).map(|text| split_authors(&text))
        } else if BYLINE_OPENERS.iter().any(|opener| first_lower.starts_with(opener)) {
            let own: String = element
                .children()
                .filter_map(|child| child.value().as_text().map(|text| text.to_string()))
                .collect::<Vec<_>>()
                .join(" ");
            let own = clean(&own);
            let lower = own.to_lowercase();
            let rest = BYLINE_OPENERS.iter().find_map(|opener| lower.strip_prefix(opener));
            rest.filter(|_| own.len() < 60).map(|rest| split_authors(&own[own.len() - rest.len()..]))
        } else {
            None
        };
        let Some(names) = names else { continue };
        let capitalised = names
            .iter()
            .all(|name| name.split_whitespace().all(|word| word.chars().next().is_some_and(char::is_uppercase)));
        if capitalised && let Some(names) = accepted(names) {
            return names;
        }
    }
    Vec::new()
}

/// Labels that stand alone before the author's name.
const BYLINE_LABELS: &[&str] = &["by", "written by", "article by", "author", "about the author"];

/// "Travel Insurance Tips by Rick Steves", "App Ideas | by Summer Swann | Yeti": a byline in the
/// `<title>`.
fn title_tag_author(document: &Elements<'_>) -> Vec<String> {
    let Some(title) = document.named("title").next().map(element_text) else {
        return Vec::new();
    };
    for part in title.split(" | ") {
        let name = match part.rfind(" by ") {
            Some(at) => &part[at + 4..],
            None => match part.strip_prefix("by ") {
                Some(rest) => rest,
                None => continue,
            },
        };
        let words: Vec<&str> = name.split_whitespace().collect();
        if (2..=4).contains(&words.len())
            && words.iter().all(|word| word.chars().next().is_some_and(char::is_uppercase))
        {
            return vec![name.trim().to_string()];
        }
    }
    Vec::new()
}

/// The site's name as the `<title>` ends with it: "How to Choose | CottageCare".
fn title_tag_site(document: &Elements<'_>) -> Option<String> {
    let title = document.named("title").next().map(element_text)?;
    let (_, site) = title.rsplit_once(" | ").or_else(|| title.rsplit_once(" - "))?;
    let site = site.trim().trim_end_matches('®');
    (!site.is_empty() && site.split_whitespace().count() <= 4).then(|| site.to_string())
}

fn time_attribute(document: &Elements<'_>, itemprop: &str) -> Option<String> {
    let by_prop = document
        .matching(|e| is(e, "itemprop", itemprop))
        .filter(|e| !beside_the_article(*e))
        .find_map(|e| attr(e, "datetime").or(attr(e, "content")).map(str::to_string));
    by_prop.or_else(|| {
        if itemprop != "datePublished" {
            return None;
        }
        document.named("time").filter(|e| !beside_the_article(*e)).find_map(|e| attr(e, "datetime").map(str::to_string))
    })
}

/// The headline. Readers see the `<h1>`, but pages also put their logo, a section name or a
/// prompt in one; the metadata's titles (JSON-LD's headline, OpenGraph's title, `<title>`) tell
/// which `<h1>` is the article's: the one with most of its words in one of them. When no `<h1>`
/// matches, the metadata's headline without a trailing site name; without metadata, the first
/// `<h1>` that reads as one (several words, not the site's name).
fn choose_title(
    document: &Elements<'_>,
    headline: Option<&str>,
    og_title: Option<&str>,
    site: Option<&str>,
) -> Option<String> {
    let is_site_name = |text: &str| site.is_some_and(|site| site.eq_ignore_ascii_case(text.trim()));
    let h1s: Vec<String> = document
        .named("h1")
        .take(MAX_HEADINGS)
        .map(heading_text)
        .filter(|text| text.split_whitespace().count() >= 2 && text.len() < 300 && !is_site_name(text))
        .collect();
    let title_tag = document.named("title").next().map(element_text).filter(|t| !t.is_empty());
    let references: Vec<&str> = [headline, og_title, title_tag.as_deref()].into_iter().flatten().collect();
    let best_h1 = h1s
        .iter()
        .map(|h1| (references.iter().map(|reference| share_of_words_in(h1, reference)).fold(0.0, f64::max), h1))
        .filter(|(share, _)| *share >= MIN_TITLE_WORDS_SHARED)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, h1)| h1.clone());
    let reference = references
        .iter()
        .map(|reference| strip_site_name(reference, site))
        .find(|title| !title.is_empty() && !is_site_name(title));
    best_h1.or(reference).or_else(|| h1s.into_iter().next())
}

/// `<h1>` elements looked at for the headline.
const MAX_HEADINGS: usize = 10;
/// Share of an `<h1>`'s words a metadata title must hold for the two to name the same article.
const MIN_TITLE_WORDS_SHARED: f64 = 0.5;

/// Share of the words of `part` that `whole` holds (lower case, punctuation dropped).
fn share_of_words_in(part: &str, whole: &str) -> f64 {
    let (part, whole) = (words(part), words(whole));
    if part.is_empty() {
        return 0.0;
    }
    part.iter().filter(|word| whole.contains(word)).count() as f64 / part.len() as f64
}

/// An element's text, its text nodes joined by spaces ("Jane Doe<span>Staff Writer</span>" must
/// not read "Jane DoeStaff Writer").
fn element_text(element: ElementRef<'_>) -> String {
    clean(&element.text().collect::<Vec<_>>().join(" "))
}

/// A headline's text without the date a `<time>` inside it shows ("Dec 18 2025 Preparing a
/// transition" is the headline "Preparing a transition").
fn heading_text(element: ElementRef<'_>) -> String {
    let in_time = |node: ego_tree::NodeRef<'_, scraper::Node>| {
        node.ancestors()
            .take_while(|ancestor| ancestor.id() != element.id())
            .filter_map(ElementRef::wrap)
            .any(|ancestor| ancestor.value().name() == "time")
    };
    let texts: Vec<&str> = element
        .descendants()
        .filter(|node| !in_time(*node))
        .filter_map(|node| node.value().as_text().map(|text| &**text))
        .collect();
    clean(&texts.join(" "))
}

const TITLE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " » ", " · "];

/// "Talks resume | Meridian Post" -> "Talks resume": the title without the parts that name the
/// site (its name, or a domain such as "Example.com") at either end; where no part does, the
/// longest part around a separator, without such a part in turn.
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let stripped = without_site_parts(title, site);
    if stripped.len() < title.len() {
        // The site's part is known: the rest is the title, separators and all.
        return stripped.to_string();
    }
    for separator in TITLE_SEPARATORS {
        if title.contains(separator) {
            let longest = title.split(separator).max_by_key(|part| part.len()).unwrap_or(title);
            return without_site_parts(longest.trim(), site).to_string();
        }
    }
    title.to_string()
}

/// A title without the parts at its start or end that name the site.
fn without_site_parts<'a>(mut title: &'a str, site: Option<&str>) -> &'a str {
    let names_site = |part: &str| {
        let part = part.trim();
        let is_domain = !part.contains(char::is_whitespace)
            && part.rsplit_once('.').is_some_and(|(name, tld)| {
                !name.is_empty() && (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic())
            });
        is_domain || site.is_some_and(|site| site.trim().eq_ignore_ascii_case(part))
    };
    'strip: loop {
        for separator in TITLE_SEPARATORS {
            if let Some((head, rest)) = title.split_once(separator)
                && names_site(head)
                && !rest.trim().is_empty()
            {
                title = rest.trim();
                continue 'strip;
            }
            if let Some((rest, tail)) = title.rsplit_once(separator)
                && names_site(tail)
                && !rest.trim().is_empty()
            {
                title = rest.trim();
                continue 'strip;
            }
        }
        return title;
    }
}

const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Weekdays, in full and abbreviated, lower case.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Whether a lower-case word names a month or a weekday ("dec", "sept", "december", "sat").
pub(crate) fn is_calendar_word(word: &str) -> bool {
    MONTHS.contains(&word) || FULL_MONTHS.contains(&word) || WEEKDAYS.contains(&word) || word == "sept"
}

/// A date or date-time in any of the forms pages use: RFC 3339 and ISO 8601 variants, `YYYY/MM/DD`,
/// "March 5, 2026", "5 March 2026", in the offset the page writes. A date-time without an
/// offset is UTC, a date alone midnight UTC.
pub(crate) fn parse_date_time(text: &str) -> Option<SourceTime> {
    let text = text.trim();
    if let Ok(time) = text.parse::<SourceTime>() {
        return Some(time);
    }
    if let Ok(zoned) = text.parse::<jiff::ZonedDateTime>() {
        return Some(SourceTime::new(zoned.timestamp(), zoned.offset()));
    }
    // "2019-11-18T10:00:00+0000", "2019-11-18 10:00:00", "2019-11-18T10:00".
    let normalised = normalise_offset(&text.replacen(' ', "T", 1));
    if let Ok(time) = normalised.parse::<SourceTime>() {
        return Some(time);
    }
    if let Ok(datetime) = normalised.trim_end_matches('Z').parse::<jiff::civil::DateTime>() {
        return jiff::tz::TimeZone::UTC.to_timestamp(datetime).ok().map(SourceTime::utc);
    }
    numeric_date(text).or_else(|| written_date(text)).and_then(SourceTime::of_date)
}

/// "+0000" at the end of a date-time becomes "+00:00".
fn normalise_offset(text: &str) -> String {
    let bytes = text.as_bytes();
    let n = bytes.len();
    if n > 5
        && matches!(bytes[n - 5], b'+' | b'-')
        && bytes[n - 4..].iter().all(u8::is_ascii_digit)
        && text.contains('T')
    {
        return format!("{}:{}", &text[..n - 2], &text[n - 2..]);
    }
    text.to_string()
}

/// `YYYY-MM-DD` or `YYYY/MM/DD` at the start of a string.
fn numeric_date(text: &str) -> Option<Date> {
    let mut parts = text.splitn(3, ['-', '/', '.']);
    let year: i16 = parts.next()?.trim().parse().ok()?;
    let month: i8 = parts.next()?.trim().parse().ok()?;
    let day: i8 = parts.next()?.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()?;
    plausible_date(year, month, day)
}

pub(crate) fn plausible_date(year: i16, month: i8, day: i8) -> Option<Date> {
    (1990..=2100).contains(&year).then(|| Date::new(year, month, day).ok()).flatten()
}

/// "March 5, 2026", "5 March 2026", "Mar. 5 2026" anywhere in a short string.
pub(crate) fn written_date(text: &str) -> Option<Date> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .flat_map(split_glued_words)
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let month_of = |word: &str| {
        let word = word.trim_end_matches('.');
        (word.len() >= 3)
            .then(|| MONTHS.iter().position(|month| word.starts_with(month)))
            .flatten()
            .map(|idx| idx as i8 + 1)
            .or_else(|| foreign_month(word))
    };
    let number = |word: &str| word.trim_end_matches(|c: char| !c.is_ascii_digit()).parse::<i16>().ok();
    for idx in 0..words.len() {
        let Some(month) = month_of(&words[idx]) else { continue };
        let next = words.get(idx + 1).and_then(|w| number(w));
        let after = words.get(idx + 2).and_then(|w| number(w));
        let before = idx.checked_sub(1).and_then(|i| words.get(i)).and_then(|w| number(w));
        let date = |day: Option<i16>, year: Option<i16>| plausible_date(year?, month, i8::try_from(day?).ok()?);
        // "March 5, 2026", "5 March 2026", and the year first of PubMed and citation tags: "2026 Mar 5".
        if let Some(date) = date(next, after).or_else(|| date(before, next)).or_else(|| date(next, before)) {
            return Some(date);
        }
    }
    None
}

/// A word split where a capital follows a lower-case letter: pages that lay a byline out in
/// separate elements with no space between them read "By Jane DoeMar 5, 2025" as text.
fn split_glued_words(word: &str) -> impl Iterator<Item = &str> {
    let mut rest = word;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut previous_lower = false;
        let cut = rest.char_indices().find_map(|(at, c)| {
            let glued = previous_lower && c.is_uppercase();
            previous_lower = c.is_lowercase();
            glued.then_some(at)
        });
        let (head, tail) = rest.split_at(cut.unwrap_or(rest.len()));
        rest = tail;
        Some(head)
    })
}

/// A month named in French, Spanish, Portuguese, Italian or German where the English
/// abbreviation is no prefix of it ("août", "04-ago-2021", "5. März 2024"; "marzo" and "juli"
/// read as English already): whole words only, since some are English words ("set", "out").
fn foreign_month(word: &str) -> Option<i8> {
    const NAMES: [&[&str]; 12] = [
        &["enero", "ene", "gennaio", "gen"],
        &["février", "fevrier", "fév", "fev", "fevereiro"],
        &["märz", "marz", "maerz"],
        &["avril", "avr", "abril", "abr"],
        &["mai", "maio", "maggio", "mag"],
        &["juin", "giugno", "giu"],
        &["juillet", "juil", "luglio", "lug"],
        &["août", "aout", "agosto", "ago"],
        &["setembro", "settembre", "set"],
        &["outubro", "out", "ottobre", "ott", "oktober", "okt"],
        &[],
        &["décembre", "diciembre", "dic", "dicembre", "dezembro", "dezember", "dez"],
    ];
    NAMES.iter().position(|names| names.contains(&word)).map(|idx| idx as i8 + 1)
}

/// A URL path part naming a month: "11", "october", "oct".
fn month_in_url(part: &str) -> Option<i8> {
    if let Ok(month) = part.parse() {
        return Some(month);
    }
    let lower = part.to_ascii_lowercase();
    let idx = MONTHS.iter().position(|month| lower.starts_with(month))?;
    let full = FULL_MONTHS.get(idx)?;
    (lower.len() == 3 || lower == *full || lower == "sept").then_some(idx as i8 + 1)
}

const FULL_MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `/2019/11/18/`, `/2023/october/03/` or `/2019-11-18` in a URL.
fn date_from_url(url: &str) -> Option<SourceTime> {
    let parts: Vec<&str> = url.split(['/', '?', '#']).collect();
    for window in parts.windows(3) {
        if let ([year, month, day], true) = (window, window[0].len() == 4) {
            let day: String = day.chars().take_while(char::is_ascii_digit).collect();
            if let (Ok(year), Some(month), Ok(day)) = (year.parse(), month_in_url(month), day.parse())
                && let Some(date) = plausible_date(year, month, day)
            {
                return SourceTime::of_date(date);
            }
        }
    }
    parts
        .iter()
        .find_map(|part| (part.len() >= 10).then(|| numeric_date(&part[..10])).flatten())
        .and_then(SourceTime::of_date)
}

/// The dates of elements marked as an update's: `itemprop="dateModified"`, or a class that says
/// "updated" or "modified" and no other mark of the first version's (themes write
/// `class="published updated"`, `itemprop="dateCreated" class="updated"`).
fn marked_updates(document: &Elements<'_>, order: DayOrder) -> Vec<Date> {
    document
        .matching(UPDATE_ELEMENTS.1)
        .filter(|element| {
            let first_version = attr(*element, "class").is_some_and(|class| class.contains("published"))
                || attr(*element, "itemprop").is_some_and(|prop| matches!(prop, "dateCreated" | "datePublished"));
            !first_version
        })
        .filter(|element| !beside_the_article(*element))
        .take(8)
        .filter_map(|element| {
            let text = element_text(element);
            let shown = (text.len() < 80).then(|| crate::html::header::shown_date(&text, order)).flatten();
            shown.or_else(|| {
                let machine = attr(element, "datetime").or(attr(element, "content"))?;
                parse_date_time(machine).map(SourceTime::date)
            })
        })
        .collect()
}

/// A date written near a byline or at the top of the article.
fn visible_date(document: &Elements<'_>) -> Option<SourceTime> {
    for (_, test) in DATE_ELEMENTS {
        for element in document.matching(test).filter(|element| !beside_the_article(*element)).take(5) {
            let text = element_text(element);
            if text.len() < 80
                && let Some(timestamp) = parse_date_time(&text)
            {
                return Some(timestamp);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::html::parse::parse;

    use crate::html::elements::assert_picks_as_selector;
    use crate::html::meta::{
        BYLINE_ELEMENTS, DATE_ELEMENTS, DayOrder, UPDATE_ELEMENTS, date_from_url, parse_date_time, read, split_authors,
        strip_site_name,
    };

    #[test]
    fn dates_in_page_forms() {
        let day = |text: &str| parse_date_time(text).map(|t| t.to_string()[..10].to_string());
        assert_eq!(day("2019-11-18T10:00:00+0000").as_deref(), Some("2019-11-18"));
        assert_eq!(day("2019-11-18 10:00:00").as_deref(), Some("2019-11-18"));
        assert_eq!(day("2019/11/18").as_deref(), Some("2019-11-18"));
        assert_eq!(day("November 18, 2019").as_deref(), Some("2019-11-18"));
        assert_eq!(day("Updated 18 Nov 2019, 10:00").as_deref(), Some("2019-11-18"));
        assert_eq!(day("2023 Jan 7").as_deref(), Some("2023-01-07"));
        assert_eq!(day("on 04-ago-2021 5:11:10").as_deref(), Some("2021-08-04"));
        assert_eq!(day("5. März 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(day("12 décembre 2025").as_deref(), Some("2025-12-12"));
        assert_eq!(day("3 days ago, 2021"), None);
        assert_eq!(day("ByKathryn GiuffridaMar 5, 2025 | 6 comments").as_deref(), Some("2025-03-05"));
        assert_eq!(day("yesterday"), None);
    }

    #[test]
    fn dates_in_urls_with_month_numbers_or_names() {
        let day = |url: &str| date_from_url(url).map(|t| t.to_string()[..10].to_string());
        assert_eq!(day("https://news.example/2019/11/18/talks").as_deref(), Some("2019-11-18"));
        assert_eq!(day("https://wine.example/blog/2023/october/03/styles/").as_deref(), Some("2023-10-03"));
        assert_eq!(day("https://wine.example/blog/2023/Sept/03/styles/").as_deref(), Some("2023-09-03"));
        assert_eq!(day("https://shop.example/2023/marketing/03/"), None);
    }

    #[test]
    fn the_day_order_of_a_page_from_its_locale_or_country_domain() {
        let order = |page: &str, url: &str| read(&parse(page), Some(url)).day_order;
        let british = r#"<html lang="en"><head><meta property="og:locale" content="en_GB"></head></html>"#;
        assert_eq!(order(british, "https://best.example/"), DayOrder::DayFirst);
        assert_eq!(order(r#"<html lang="en-US"></html>"#, "https://news.example.co.uk/"), DayOrder::MonthFirst);
        assert_eq!(order(r#"<html lang="de"></html>"#, "https://news.example/"), DayOrder::DayFirst);
        assert_eq!(order("<html></html>", "https://news.example.com.au/a"), DayOrder::DayFirst);
        assert_eq!(order(r#"<html lang="en"></html>"#, "https://news.example/"), DayOrder::MonthFirst);
    }

    #[test]
    fn a_web_page_object_dates_a_page_that_has_no_article_object() {
        let page = r#"<html><head><script type="application/ld+json">{"@graph":[{"@type":"WebPage","name":"Site",
            "datePublished":"2024-03-17T19:47:39+00:00","dateModified":"2024-05-03T10:57:58+00:00"}]}</script></head></html>"#;
        let meta = read(&parse(page), None);
        assert_eq!(meta.published.map(|t| t.to_string()).as_deref(), Some("2024-03-17T19:47:39Z"));
        assert_eq!(meta.modified.map(|t| t.to_string()).as_deref(), Some("2024-05-03T10:57:58Z"));
        assert!(meta.authors.iter().all(|author| author != "Site"));
    }

    #[test]
    fn element_tests_pick_what_their_selectors_pick() {
        let page = r#"<html><body><div class="byline x"><span class="author-name">A</span>
            <a href="/authors/b">B</a><a href="/author/c">C</a></div><p itemprop="author"><b itemprop="name">D</b></p>
            <a rel="AUTHOR" class="Author">E</a><span class="author">F</span><div class="post-author"><a>G</a></div>
            <time datetime="2020-01-01">x</time><span class="date updated">1</span><i class="timestamp">2</i>
            <i class="entry-meta">3</i><i itemprop="dateModified">4</i><i class="modified">5</i></body></html>"#;
        let document = parse(page);
        for (css, test) in BYLINE_ELEMENTS.iter().chain(DATE_ELEMENTS).chain([&UPDATE_ELEMENTS]) {
            assert_picks_as_selector(&document, css, test);
        }
    }

    #[test]
    fn json_ld_in_a_meta_tag_that_says_it_carries_it() {
        let page = r#"<html><head><meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article&quot;,
            &quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}"><meta name="description"
            content="{&quot;@type&quot;:&quot;Article&quot;,&quot;dateModified&quot;:&quot;2020-01-01&quot;}"></head></html>"#;
        let meta = read(&parse(page), None);
        assert_eq!(meta.published.map(|t| t.to_string()).as_deref(), Some("2025-11-17T09:00:00-05:00"));
        assert_eq!(meta.modified, None);
    }

    #[test]
    fn titles_without_the_site_and_headlines_without_their_date() {
        assert_eq!(strip_site_name("Coffee - University of Wisconsin", Some("University of Wisconsin")), "Coffee");
        let domain_first = "SoundStage! Xperience | SoundStageXperience.com - The Five Best Headphones";
        assert_eq!(strip_site_name(domain_first, None), "The Five Best Headphones");
        let dash_in_title = "Reviews Are Here — And They're Not Great | Meridian Post";
        assert_eq!(strip_site_name(dash_in_title, Some("Meridian Post")), "Reviews Are Here — And They're Not Great");
        assert_eq!(strip_site_name("Talks resume in Geneva | Meridian Post", None), "Talks resume in Geneva");
        let dated = r#"<html><body><h1><a href="/t"><time datetime="2025-12-18">Dec <span>18</span> 2025</time>
            Preparing a transition</a></h1></body></html>"#;
        assert_eq!(read(&parse(dated), None).title.as_deref(), Some("Preparing a transition"));
    }

    #[test]
    fn an_author_box_labelled_apart_from_the_name() {
        let page = r#"<html><head><meta property="og:site_name" content="Harbour Daily"></head><body><p>Text.</p>
            <div><h2>Article by</h2><div>Matias Heikkila</div></div></body></html>"#;
        assert_eq!(read(&parse(page), None).authors, ["Matias Heikkila"]);
        let heading = r#"<html><body><p>Text.</p><h3>Written by Cassidy Horton</h3></body></html>"#;
        assert_eq!(read(&parse(heading), None).authors, ["Cassidy Horton"]);
        let split_text = r#"<html><body><p>Text.</p><p>By <!-- -->Preetam Jinka</p></body></html>"#;
        assert_eq!(read(&parse(split_text), None).authors, ["Preetam Jinka"]);
        let emphasis = r#"<html><body><p>Text.</p><p><em>By Katy McInnes</em></p></body></html>"#;
        assert_eq!(read(&parse(emphasis), None).authors, ["Katy McInnes"]);
    }

    #[test]
    fn authors_past_the_organisation_and_outside_the_comments() {
        let authors = |page: &str| read(&parse(page), None).authors;
        let card = r#"<html><head><meta name="author" content="Harbour Daily"><meta property="og:site_name" content="Harbour Daily">
            <meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Lena Hart"></head></html>"#;
        assert_eq!(authors(card), ["Lena Hart"]);
        let link = r#"<html><head><meta property="og:site_name" content="Harbour Daily"><script type="application/ld+json">
            {"@type":"NewsArticle","author":{"@type":"Organization","name":"Harbour Daily"}}</script></head>
            <body><p class="byline">by <a href="/author/tomreyes/">Tom Reyes</a></p></body></html>"#;
        assert_eq!(authors(link), ["Tom Reyes"]);
        let comment = r#"<html><head><meta property="og:site_name" content="Harbour Daily"></head><body><p>Text.</p>
            <ol class="comment-list"><li><div itemprop="author"><cite itemprop="name">Sam Visitor</cite></div></li></ol></body></html>"#;
        assert_eq!(authors(comment), ["Harbour Daily"]);
        let labels = r#"<html><head><meta property="og:site_name" content="Harbour Daily"></head>
            <body><span class="author">Connect on LinkedIn</span><span class="author-date">August 28, 2025</span></body></html>"#;
        assert_eq!(authors(labels), ["Harbour Daily"]);
    }

    #[test]
    fn authors_from_bylines() {
        assert_eq!(split_authors("By Jane Doe and John Roe | Updated March 5"), ["Jane Doe", "John Roe"]);
        assert_eq!(split_authors("Jane Doe, John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(split_authors("Posted by Damien Walter"), ["Damien Walter"]);
        assert_eq!(split_authors("Text by Hunter Dukes"), ["Hunter Dukes"]);
        assert_eq!(split_authors("Luke Kim December 17, 2025"), ["Luke Kim"]);
    }

    #[test]
    fn authors_by_reference_title_and_organisation() {
        let by_reference = r##"<html><head><script type="application/ld+json">{"@graph":[{"@type":"Article","headline":"H",
            "author":{"@id":"#p1"}},{"@type":"Person","@id":"#p1","name":"Nirmita Panchal"}]}</script></head><body></body></html>"##;
        assert_eq!(read(&parse(by_reference), None).authors, ["Nirmita Panchal"]);
        let in_title = "<html><head><title>Travel Insurance Tips by Rick Steves</title></head><body></body></html>";
        assert_eq!(read(&parse(in_title), None).authors, ["Rick Steves"]);
        let organisation =
            "<html><head><title>How to Choose a Cleaner | CottageCare</title></head><body></body></html>";
        assert_eq!(read(&parse(organisation), None).authors, ["CottageCare"]);
    }

    #[test]
    fn dates_in_comments_and_related_posts_are_not_the_articles() {
        let page = r#"<html lang="en"><head><title>Working remotely</title></head><body><h1>Working remotely</h1>
            <p>Body.</p><div class="related-posts"><div class="post-date">September 28, 2025</div></div>
            <ol class="comment-list"><li><time datetime="2022-07-11T18:56:58+00:00" itemprop="datePublished">July 11, 2022</time></li></ol>
            <p class="meta"><time datetime="2025-05-25T08:00:00+00:00">May 25, 2025</time></p></body></html>"#;
        let meta = read(&parse(page), None);
        assert_eq!(meta.published.map(|t| t.to_string()).as_deref(), Some("2025-05-25T08:00:00Z"));
    }

    #[test]
    fn metadata_precedence() {
        let page = r#"<html lang="en-GB"><head><title>Talks resume | Meridian Post</title>
            <meta property="og:site_name" content="Meridian Post">
            <meta name="author" content="Meridian Post">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",
              "headline":"Talks resume in Geneva","datePublished":"2026-03-02T08:15:00Z","author":[{"@type":"Person","name":"Lena Hart"}]}]}</script>
            </head><body><h1>Talks resume in Geneva</h1><p>Body.</p></body></html>"#;
        let meta = read(&parse(page), Some("https://meridianpost.example/2026/03/02/talks"));
        assert_eq!(meta.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(meta.authors, ["Lena Hart"]);
        assert_eq!(meta.published.map(|t| t.to_string()).as_deref(), Some("2026-03-02T08:15:00Z"));
        assert_eq!(meta.site.as_deref(), Some("Meridian Post"));
        assert_eq!(meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn the_headline_is_the_h1_that_the_metadata_names() {
        let title = |page: &str| read(&parse(page), None).title;
        let junk_h1 = "<html><head><title>Keep Your Teeth Healthy | Blue Dental</title></head>\
            <body><h1>Contact Us</h1><h1>Our Products</h1></body></html>";
        assert_eq!(title(junk_h1).as_deref(), Some("Keep Your Teeth Healthy"));
        let second_h1 = "<html><head><meta property=\"og:title\" content=\"Talks resume\"></head>\
            <body><h1>Open Menu Close Menu</h1><h1>Talks resume in Geneva</h1></body></html>";
        assert_eq!(title(second_h1).as_deref(), Some("Talks resume in Geneva"));
        let site_named = "<html><head><meta property=\"og:site_name\" content=\"Harbour Daily\">\
            <meta property=\"og:title\" content=\"Harbour Daily\"></head><body><h1>Ferry strike ends</h1></body></html>";
        assert_eq!(title(site_named).as_deref(), Some("Ferry strike ends"));
    }
}
