//! Which elements are never article text: by tag, by ARIA role, by visibility, and by the words
//! of their class and id ("share-buttons", "related-posts", "comment-list").

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use ego_tree::NodeRef;
use rustc_hash::FxHashMap;
use scraper::Node;
use scraper::node::Element;

/// Tags whose content is never article prose.
const SKIPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "canvas",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "button",
    "select",
    "option",
    "input",
    "textarea",
    "nav",
    "aside",
    "footer",
    "header",
    "figure",
    "figcaption",
    "dialog",
    "head",
    "title",
    "meta",
    "link",
    "img",
    "picture",
    "source",
    "map",
    "menu",
];

/// Tags that are skipped only when they hold a small share of the page (pages wrap whole
/// articles in a `<header>` or `<aside>` now and then).
const GUARDED_TAGS: &[&str] = &["nav", "aside", "footer", "header", "figure", "menu"];

/// ARIA roles of page furniture.
const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
    "note",
];

/// Words of class and id values that always mark furniture. Matched against the parts of a
/// value split at non-alphanumerics, so "share-buttons" matches "share" but "shared" does not.
/// Words that page builders put on every element ("widget" in Elementor and HubSpot,
/// "hidden-xs" in Bootstrap) or on the article itself ("paywall", "teaser") are deliberately absent.
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    // "Call to action": donation and sign-up appeals.
    "cta",
    "disqus",
    "newsletter",
    "outbrain",
    "popup",
    "promo",
    "promotion",
    "recommended",
    "related",
    "reply",
    "share",
    "sharing",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "trending",
    "popular",
    "skiplink",
    "screenreader",
];

/// Words that mark furniture unless a class or id of the element also names content ("content-nav-section",
/// "post-meta" versus "nav-menu", "entry-meta" ...).
const WEAK_FURNITURE_WORDS: &[&str] = &[
    "banner",
    "breaking",
    "byline",
    "caption",
    "credit",
    "credits",
    "dropdown",
    "footer",
    "footnotes",
    "hovercard",
    "masthead",
    "menu",
    "meta",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "overlay",
    "pagination",
    "popover",
    "print",
    "rollover",
    "sidebar",
    "signup",
    "tags",
    "ticker",
    "toolbar",
    "tooltip",
    "author-bio",
    "bio",
    "dateline",
    "timestamp",
    "tagline",
    "sr",
    "visually",
];

/// Parts of a class or id value that say it holds content.
const CONTENT_PARTS: &[&str] = &["content", "article", "post", "entry", "body", "story", "text", "main"];

/// Words in a class or id that mark the article itself, which overrules furniture words
/// ("article-body share-parent" stays).
const CONTENT_WORDS: &[&str] = &[
    "articlebody",
    "article-body",
    "entry-content",
    "post-content",
    "story-body",
    "article-content",
    "post-body",
    "entry-body",
    "article-text",
    "story-content",
    // Posts an article quotes by embedding them are its text.
    "twitter-tweet",
    "social-media-embed",
    "twitter-embed",
    "tweet-embed",
    "instagram-media",
];

/// What a part of a class or id value says.
#[derive(Clone, Copy)]
enum ClassWord {
    Furniture,
    WeakFurniture,
    ContentPart,
}

/// Every word of [`FURNITURE_WORDS`], [`WEAK_FURNITURE_WORDS`] and [`CONTENT_PARTS`], looked up
/// once per part of a class value.
static CLASS_WORDS: LazyLock<FxHashMap<&'static str, ClassWord>> = LazyLock::new(|| {
    let mut words = FxHashMap::default();
    for (list, kind) in [
        (CONTENT_PARTS, ClassWord::ContentPart),
        (WEAK_FURNITURE_WORDS, ClassWord::WeakFurniture),
        (FURNITURE_WORDS, ClassWord::Furniture),
    ] {
        words.extend(list.iter().map(|word| (*word, kind)));
    }
    words
});

/// Finds any of [`CONTENT_WORDS`] in a class and id value in one pass.
/// A DFA without a prefilter: the class and id strings searched are a few dozen bytes, too short
/// for a prefilter's set-up to pay (it took three times the instructions).
static CONTENT_WORD_FINDER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder().kind(Some(AhoCorasickKind::DFA)).prefilter(false).build(CONTENT_WORDS).ok()
});

/// How an element is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Read it.
    Keep,
    /// Never read it, whatever its size.
    Skip,
    /// Skip it unless it holds a large share of the page's text.
    SkipIfSmall,
}

/// The attributes the verdict reads, found in one pass over the element's attributes (a lookup
/// by name would intern the name each time).
#[derive(Default)]
struct Attributes<'a> {
    id: Option<&'a str>,
    class: Option<&'a str>,
    style: Option<&'a str>,
    role: Option<&'a str>,
    itemprop: Option<&'a str>,
    aria_hidden: Option<&'a str>,
    hidden: bool,
}

impl<'a> Attributes<'a> {
    fn of(element: &'a Element) -> Attributes<'a> {
        let mut found = Attributes::default();
        for (name, value) in element.attrs() {
            match name {
                "id" => found.id = Some(value),
                "class" => found.class = Some(value),
                "style" => found.style = Some(value),
                "role" => found.role = Some(value),
                "itemprop" => found.itemprop = Some(value),
                "aria-hidden" => found.aria_hidden = Some(value),
                "hidden" => found.hidden = true,
                _ => {}
            }
        }
        found
    }
}

/// Remembers the verdict on each class and id pair of a page: pages repeat the same long class
/// lists on many elements.
#[derive(Default)]
pub(crate) struct VerdictCache<'a> {
    by_names: FxHashMap<(&'a str, &'a str), Verdict>,
}

#[cfg(test)]
pub(crate) fn verdict(element: &Element) -> Verdict {
    verdict_cached(element, &mut VerdictCache::default())
}

pub(crate) fn verdict_cached<'a>(element: &'a Element, cache: &mut VerdictCache<'a>) -> Verdict {
    let name = element.name();
    if SKIPPED_TAGS.contains(&name) {
        return if GUARDED_TAGS.contains(&name) { Verdict::SkipIfSmall } else { Verdict::Skip };
    }
    let attributes = Attributes::of(element);
    // React's streaming renderer sends the page in hidden `<div id="S:0">` blocks that a script
    // then reveals: those are content.
    let react_segment = attributes.id.is_some_and(|id| id.starts_with("S:"));
    if (attributes.hidden && !react_segment) || attributes.aria_hidden == Some("true") {
        return Verdict::Skip;
    }
    if let Some(style) = attributes.style {
        let style = style.replace(' ', "").to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return Verdict::Skip;
        }
    }
    if attributes.role.is_some_and(|role| SKIPPED_ROLES.contains(&role.trim())) {
        return Verdict::SkipIfSmall;
    }
    if attributes.itemprop.is_some_and(|prop| prop.contains("articleBody")) {
        return Verdict::Keep;
    }
    let (class, id) = (attributes.class.unwrap_or(""), attributes.id.unwrap_or(""));
    if class.is_empty() && id.is_empty() {
        return Verdict::Keep;
    }
    *cache.by_names.entry((class, id)).or_insert_with(|| names_verdict(class, id))
}

/// The verdict of an element's class and id words.
fn names_verdict(class: &str, id: &str) -> Verdict {
    let mut names = String::with_capacity(class.len() + id.len() + 1);
    names.push_str(class);
    names.push(' ');
    names.push_str(id);
    names.make_ascii_lowercase();
    let names_content_word = match CONTENT_WORD_FINDER.as_ref() {
        Some(finder) => finder.is_match(&names),
        None => CONTENT_WORDS.iter().any(|word| names.contains(word)),
    };
    if names_content_word {
        return Verdict::Keep;
    }
    // A weak word marks furniture only when no class or id of the element names content
    // ("page-content ... and-w-sidebar" is the page's body, laid out with a sidebar).
    let (mut strong, mut weak, mut names_content) = (false, false, false);
    for value in names.split_whitespace() {
        for part in std::iter::once(value).chain(value.split(|c: char| !c.is_ascii_alphanumeric())) {
            match CLASS_WORDS.get(part) {
                Some(ClassWord::Furniture) => strong = true,
                Some(ClassWord::WeakFurniture) => weak = true,
                Some(ClassWord::ContentPart) => names_content = true,
                None => {}
            }
        }
    }
    let furniture = strong || (weak && !names_content);
    if furniture { Verdict::SkipIfSmall } else { Verdict::Keep }
}

/// True for a `<figure>` that holds a table (block editors wrap every table in one): data of the
/// article, not an illustration.
pub(crate) fn is_table_figure(element: &Element, node: NodeRef<'_, Node>) -> bool {
    element.name() == "figure"
        && node.children().any(|child| child.value().as_element().is_some_and(|child| child.name() == "table"))
}

/// True for an element whose first child is a heading that opens a list of other articles or
/// a box about the author: a heading whose class or id says "related" ("relatedpoststitle",
/// "related-heading") or whose text does ("You may also like", "Leia também", "About the
/// Author"). The whole element is that list or box.
pub(crate) fn opens_with_furniture_heading(node: NodeRef<'_, Node>) -> bool {
    let Some(first) = node.children().find(|child| match child.value() {
        Node::Text(text) => !text.trim().is_empty(),
        Node::Element(_) => true,
        _ => false,
    }) else {
        return false;
    };
    let Some(heading) = first.value().as_element() else {
        return false;
    };
    if !matches!(heading.name(), "h2" | "h3" | "h4" | "h5" | "h6") {
        return false;
    }
    let names_related = [heading.attr("class"), heading.attr("id")]
        .into_iter()
        .flatten()
        .any(|value| value.to_ascii_lowercase().contains("related"));
    names_related || {
        let text = heading_text(first);
        crate::debris::is_link_list_heading(&text) || crate::debris::is_bio_heading(&text)
    }
}

/// The text of a heading, cut short: a list's heading is a few words.
fn heading_text(heading: NodeRef<'_, Node>) -> String {
    const MAX_CHARS: usize = 200;
    let mut text = String::new();
    for node in heading.descendants() {
        if let Node::Text(part) = node.value() {
            text.push_str(part);
            if text.len() > MAX_CHARS {
                break;
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use crate::html::boilerplate::{Verdict, verdict};

    fn check(html: &str, expected: Verdict) {
        let document = Html::parse_fragment(html);
        let element = document.root_element().child_elements().next().unwrap();
        assert_eq!(verdict(element.value()), expected, "{html}");
    }

    #[test]
    fn furniture_by_tag_role_and_class() {
        check("<script>x</script>", Verdict::Skip);
        check("<nav>x</nav>", Verdict::SkipIfSmall);
        check("<div role=\"navigation\">x</div>", Verdict::SkipIfSmall);
        check("<div class=\"post-share-buttons\">x</div>", Verdict::SkipIfSmall);
        check("<div id=\"comments\">x</div>", Verdict::SkipIfSmall);
        check("<div style=\"display: none\">x</div>", Verdict::Skip);
        check("<div class=\"shared-content\">x</div>", Verdict::Keep);
        check("<div class=\"content-nav-section\">x</div>", Verdict::Keep);
        check("<div class=\"nav-menu\">x</div>", Verdict::SkipIfSmall);
        check("<div class=\"comment-content\">x</div>", Verdict::SkipIfSmall);
        check("<div hidden id=\"S:0\">x</div>", Verdict::Keep);
        check("<div class=\"article-body share-parent\">x</div>", Verdict::Keep);
        check("<div id=\"page-content\" class=\"and-w-sidebar\">x</div>", Verdict::Keep);
        check("<div class=\"social-media-embed\">x</div>", Verdict::Keep);
        check("<div class=\"social-share\">x</div>", Verdict::SkipIfSmall);
        check("<p>x</p>", Verdict::Keep);
        check("<div class=\"breaking-news\">x</div>", Verdict::SkipIfSmall);
        check("<div class=\"news-ticker\">x</div>", Verdict::SkipIfSmall);
        check("<div class=\"smg-widget-custom-cta-letter\">x</div>", Verdict::SkipIfSmall);
        check("<div class=\"breaking-story-content\">x</div>", Verdict::Keep);
    }
}
