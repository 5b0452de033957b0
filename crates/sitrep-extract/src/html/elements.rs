//! A page's elements listed once, and the few attribute tests the metadata asks of them.
//!
//! Each CSS selector walked the whole tree again and matched every element through the
//! `selectors` machinery: the metadata asked some twenty of them a page, a fifth of the
//! extraction's time. The list visits elements in the order `Html::select` does (the tree's
//! nodes as they were created, detached ones left out), so the first match of a test is the
//! first match of the selector it replaces. Attributes are read by name without interning it
//! (`Element::attr` makes an atom of the name at every call) and searched with `memchr`.

use scraper::{ElementRef, Html};

/// The elements of a parsed page, in `Html::select` order.
pub(crate) struct Elements<'a>(Vec<ElementRef<'a>>);

impl<'a> Elements<'a> {
    pub(crate) fn of(document: &'a Html) -> Elements<'a> {
        Elements(document.tree.nodes().filter_map(ElementRef::wrap).filter(|e| e.parent().is_some()).collect())
    }

    /// The elements `test` accepts.
    pub(crate) fn matching(&self, test: impl Fn(ElementRef<'a>) -> bool) -> impl Iterator<Item = ElementRef<'a>> {
        self.0.iter().copied().filter(move |&element| test(element))
    }

    /// The elements with this (lower-case) tag name: the CSS type selector.
    pub(crate) fn named(&self, name: &'static str) -> impl Iterator<Item = ElementRef<'a>> {
        self.matching(move |element| element.value().name() == name)
    }
}

/// The value of the attribute named `name`.
pub(crate) fn attr<'a>(element: ElementRef<'a>, name: &str) -> Option<&'a str> {
    element.value().attrs().find_map(|(key, value)| (key == name).then_some(value))
}

/// `[attr*=needle]`: the attribute holds `needle`, case as written.
pub(crate) fn has(element: ElementRef<'_>, name: &str, needle: &str) -> bool {
    attr(element, name).is_some_and(|value| holds(value, needle))
}

/// `[attr=value]`, case as written.
pub(crate) fn is(element: ElementRef<'_>, name: &str, value: &str) -> bool {
    attr(element, name) == Some(value)
}

/// `[attr=value]` for the attributes whose values HTML compares in any case (`rel`, `type`).
pub(crate) fn is_any_case(element: ElementRef<'_>, name: &str, value: &str) -> bool {
    attr(element, name).is_some_and(|found| found.eq_ignore_ascii_case(value))
}

/// `ancestor element`: some element above this one passes `test`.
pub(crate) fn within(element: ElementRef<'_>, test: impl Fn(ElementRef<'_>) -> bool) -> bool {
    element.ancestors().filter_map(ElementRef::wrap).any(test)
}

/// `haystack.contains(needle)` for the short values of attributes, where building a substring
/// searcher for each costs more than the search.
fn holds(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else { return true };
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else { return false };
    memchr::memchr_iter(first, &haystack[..=last_start]).any(|at| haystack[at + 1..].starts_with(rest))
}

/// Asserts that `test` picks the elements of `document` that the selector `css` picks, in the
/// same order, and some.
#[cfg(test)]
pub(crate) fn assert_picks_as_selector(document: &Html, css: &str, test: impl Fn(ElementRef<'_>) -> bool) {
    let selector = scraper::Selector::parse(css).unwrap();
    let by_selector: Vec<_> = document.select(&selector).map(|e| e.id()).collect();
    let by_test: Vec<_> = Elements::of(document).matching(test).map(|e| e.id()).collect();
    assert!(!by_selector.is_empty(), "{css}");
    assert_eq!(by_test, by_selector, "{css}");
}

#[cfg(test)]
mod tests {
    use scraper::ElementRef;

    use crate::html::elements::{Elements, assert_picks_as_selector, has, holds, is_any_case};
    use crate::html::parse::parse;

    type Test = dyn Fn(ElementRef<'_>) -> bool;

    /// Each test picks the elements its selector picks, in the same order (the metadata's
    /// tables of tests are checked in `meta.rs`).
    #[test]
    fn tests_pick_what_their_selectors_pick() {
        let html = r#"<html lang="en"><head><link REL="Canonical" href="/a"><script type="Application/LD+JSON">{}</script>
            <title>T</title></head><body><table><tr><td class="date">1</td></tr>stray</table><h1>H</h1></body></html>"#;
        let document = parse(html);
        let cases: [(&str, &Test); 4] = [
            ("link[rel=canonical]", &|e| e.value().name() == "link" && is_any_case(e, "rel", "canonical")),
            ("script[type=\"application/ld+json\"]", &|e| {
                e.value().name() == "script" && is_any_case(e, "type", "application/ld+json")
            }),
            ("td[class*=dat]", &|e| e.value().name() == "td" && has(e, "class", "dat")),
            ("html, title, h1", &|e| matches!(e.value().name(), "html" | "title" | "h1")),
        ];
        for (css, test) in cases {
            assert_picks_as_selector(&document, css, test);
        }
        assert_eq!(Elements::of(&document).named("title").count(), 1);
    }

    #[test]
    fn holds_is_contains() {
        let (long, no_match) = ("post-meta ".repeat(20), "a".repeat(100));
        let cases = [
            ("byline", "byline"),
            ("post-byline x", "line"),
            ("by", "byline"),
            ("", "a"),
            ("aab", "ab"),
            ("x", ""),
            (long.as_str(), "meta "),
            (no_match.as_str(), "ab"),
        ];
        for (haystack, needle) in cases {
            assert_eq!(holds(haystack, needle), haystack.contains(needle), "{haystack:?} {needle:?}");
        }
    }
}
