//! What a reader sees around the headline: the date ("Updated March 5, 2026", "05.03.2026")
//! and the byline ("By Jane Doe", "Jane Doe • Oct 20, 2025"). Pages show the date they stand by
//! there, while their machine metadata often carries a template's, a sitemap's or the first
//! draft's; and they sign articles there that their metadata credits to the organisation.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use jiff::civil::Date;

use crate::html::linearize::{Block, BlockKind};
use crate::html::meta::{DayOrder, is_calendar_word, parse_date_time, plausible_date, split_authors, written_date};
use crate::html::words;

/// Blocks before the headline that may carry the date (a kicker, a byline above the title).
const BEFORE_HEADLINE: usize = 3;
/// Blocks after the headline to look through before the article has surely begun.
const AFTER_HEADLINE: usize = 12;
/// A dateline is short; a longer block is article text.
const MAX_DATELINE_CHARS: usize = 160;

/// A date shown in an article's header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ShownDate {
    pub(crate) date: Date,
    /// Labelled as the date of an update ("Updated on ...", "Last modified ..."), not of
    /// publication.
    pub(crate) updated: bool,
    /// The date read the other way round, where the page writes it as two numbers that may each
    /// be the month ("03/10/2023").
    pub(crate) other_reading: Option<Date>,
}

/// Words that label a dateline; the first one in a block says what its first date is.
const PUBLISHED_LABELS: &[&str] = &["published", "posted", "first", "post time", "publish date", "publish time"];
const UPDATED_LABELS: &[&str] = &["updated", "modified", "reviewed", "refreshed", "edited"];

/// Both lists, the publication's first, searched in one pass of each text.
static LABEL_FINDER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(PUBLISHED_LABELS.iter().chain(UPDATED_LABELS))
        .ok()
});

/// The date shown in the article's header: the first one in the short blocks after the headline,
/// else the nearest one just above it, numeric dates read in the page's `order`. `None` when the
/// page has no headline block or shows no date there.
pub(crate) fn header_date(blocks: &[Block], title: Option<&str>, order: DayOrder) -> Option<ShownDate> {
    let headline = headline_block(blocks, title)?;
    let dateline = |idx: usize| {
        let block = &blocks[idx];
        let reading = (block.n_chars <= MAX_DATELINE_CHARS && !reads_as_prose(&block.text))
            .then(|| read_date(&block.text, order))
            .flatten()?;
        // The label may stand on its own just before the date ("Last updated" | "March 5").
        let label_before = idx
            .checked_sub(1)
            .map(|before| &blocks[before])
            .filter(|before| before.n_chars <= MAX_LABEL_CHARS && read_date(&before.text, order).is_none());
        let updated = labelled_update(&block.text)
            || (first_label(&block.text).is_none() && label_before.is_some_and(|before| labelled_update(&before.text)));
        Some(ShownDate { date: reading.date, updated, other_reading: reading.other })
    };
    let below = (headline + 1..blocks.len()).take(AFTER_HEADLINE).find_map(dateline);
    below.or_else(|| (0..headline).rev().take(BEFORE_HEADLINE).find_map(dateline))
}

/// The most lower-case words a dateline holds besides its date ("Published on", "min read",
/// "and"): a block with more is a sentence of the article that mentions a date ("The end of
/// the 2025 tax season for most Americans is April 15, 2025.").
const MAX_DATELINE_LOWER_WORDS: usize = 6;

/// Whether a short block reads as a sentence rather than a dateline: many lower-case words that
/// are no month or weekday.
fn reads_as_prose(text: &str) -> bool {
    let lower_words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| word.len() > 1 && word.starts_with(char::is_lowercase) && !is_calendar_word(word))
        .count();
    lower_words > MAX_DATELINE_LOWER_WORDS
}

/// A date labelled as the publication's anywhere on the page ("Posted on April 13, 2023" under
/// the article): it outranks machine dates, which templates and later edits write.
pub(crate) fn labelled_publication_date(blocks: &[Block], order: DayOrder) -> Option<Date> {
    first_dateline_where(blocks, order, |text| first_label(text) == Some(false))
}

/// Labels of the first publication of an article published again since ("This article was
/// originally published on 26 Sep 2019"): the header then shows the later date.
const ORIGINAL_LABELS: &[&str] = &["originally published", "first published", "originally posted", "first posted"];

/// The date of an article's first publication, where the page labels one anywhere.
pub(crate) fn original_publication_date(blocks: &[Block], order: DayOrder) -> Option<Date> {
    first_dateline_where(blocks, order, |text| {
        let lower = text.to_lowercase();
        ORIGINAL_LABELS.iter().any(|label| lower.contains(label))
    })
}

/// The date of the first short block anywhere on the page whose text `labelled` accepts.
fn first_dateline_where(blocks: &[Block], order: DayOrder, labelled: impl Fn(&str) -> bool) -> Option<Date> {
    blocks
        .iter()
        .filter(|block| block.n_chars <= MAX_DATELINE_CHARS && labelled(&block.text))
        .find_map(|block| shown_date(&block.text, order))
}

/// A byline is short.
const MAX_BYLINE_CHARS: usize = 80;

/// The people who signed the article, from the short blocks around the headline: a "By ..."
/// line, or the name that stands before the date ("Jane Doe • Oct 20, 2025") or on the line
/// above it. Empty when the header names nobody.
pub(crate) fn header_byline(blocks: &[Block], title: Option<&str>) -> Vec<String> {
    let Some(headline) = headline_block(blocks, title) else { return Vec::new() };
    let start = headline.saturating_sub(BEFORE_HEADLINE);
    let header = &blocks[start..blocks.len().min(headline + 1 + AFTER_HEADLINE)];
    for (idx, block) in header.iter().enumerate() {
        if block.n_chars > MAX_BYLINE_CHARS {
            continue;
        }
        let text = block.text.trim();
        let parts: Vec<&str> =
            text.split(['|', '•', '·', '—', '\n']).map(str::trim).filter(|part| !part.is_empty()).collect();
        // "By Jane Doe", "Story | By Jane Doe | 5 min read"; "By" on a line of its own.
        let signed = parts.iter().find_map(|part| {
            let lower = part.to_lowercase();
            BYLINE_OPENERS
                .iter()
                .find_map(|opener| lower.starts_with(opener).then(|| split_authors(&part[opener.len()..])))
        });
        let names = if let Some(names) = signed {
            // A name after "By" is a name however it is written ("by ibby").
            let names: Vec<String> = names.into_iter().filter(|name| is_signed_name(name)).collect();
            if !names.is_empty() {
                return names;
            }
            continue;
        } else if text.eq_ignore_ascii_case("by") {
            header.get(idx + 1).map(|next| split_authors(&next.text)).unwrap_or_default()
        } else if shows_date(text) {
            // "Jane Doe • Oct 20, 2025", "2025-12-17 · Trond Teigen", or "Jane Doe" on the line
            // above "Oct 20, 2025".
            let beside_date =
                parts.iter().flat_map(|part| split_authors(part)).find(|name| !shows_date(name) && is_name(name));
            let line_above = idx.checked_sub(1).map(|above| header[above].text.trim().to_string());
            beside_date.into_iter().chain(line_above).filter(|name| is_name(name)).take(1).collect()
        } else {
            continue;
        };
        let names: Vec<String> = names.into_iter().filter(|name| is_name(name)).collect();
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// How a byline opens, in lower case.
pub(crate) const BYLINE_OPENERS: &[&str] = &[
    "by ",
    "written by ",
    "author: ",
    "words by ",
    "posted by ",
    "article by ",
    "text by ",
    "this post was written by ",
];

/// Words of labels and job titles that stand where a name would ("Posted On", "Marketing
/// Director"), never in one.
const NOT_NAME_WORDS: &[&str] = &[
    "posted",
    "published",
    "updated",
    "on",
    "by",
    "director",
    "editor",
    "manager",
    "writer",
    "contributor",
    "marketing",
    "senior",
    "read",
    "more",
    "share",
    "follow",
    "menu",
    "home",
    "blog",
    "news",
    "min",
    "minutes",
    "here",
    "view",
    "posts",
    "connect",
    "linkedin",
    "twitter",
    "facebook",
    "email",
    "skip",
    "to",
    "content",
    "last",
    "modified",
    "reviewed",
    "author",
    "get",
    "started",
    "free",
    "subscribe",
    "sign",
    "join",
];

/// A name without the date a byline writes after it: "Luke Kim December 17" is "Luke Kim".
/// A month that no number follows may be a given name ("June Carter") and stays.
pub(crate) fn without_trailing_date(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let has_digit = |word: &str| word.chars().any(|c| c.is_ascii_digit());
    let is_month = |word: &str| is_calendar_word(&word.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase());
    let cut = (1..words.len()).find(|&idx| {
        has_digit(words[idx]) || (is_month(words[idx]) && words.get(idx + 1).is_some_and(|next| has_digit(next)))
    });
    words[..cut.unwrap_or(words.len())].join(" ")
}

/// Whether some word of a text could be part of a name: letters, no digits, no label word, no
/// month or weekday. "August 28, 2025", "View more posts" and "Connect on LinkedIn" have none.
pub(crate) fn has_name_word(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        word.chars().any(char::is_alphabetic)
            && !word.chars().any(|c| c.is_ascii_digit())
            && !NOT_NAME_WORDS.contains(&word.as_str())
            && !matches!(word.as_str(), "the" | "a" | "an")
            && !is_calendar_word(&word)
    })
}

/// One to four words without digits or label words: a name where a byline says it is one.
/// (Its only input, `split_authors`' names, already holds a word that could be a name.)
fn is_signed_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|word| {
            word.chars().any(char::is_alphabetic)
                && !word.chars().any(|c| c.is_ascii_digit())
                && !NOT_NAME_WORDS.contains(&word.to_lowercase().as_str())
        })
}

/// Two to four capitalised words without digits or label words: "Jane Doe", "Paramita (Guha)
/// Ghosh".
pub(crate) fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && has_name_word(text)
        && words.iter().all(|word| {
            word.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
                && !word.chars().any(|c| c.is_ascii_digit())
                && !NOT_NAME_WORDS.contains(&word.to_lowercase().as_str())
        })
}

/// The block of the headline: the `<h1>` that reads as the title, else the first `<h1>` outside
/// furniture, else another heading that reads as the title, else the first `<h1>`.
fn headline_block(blocks: &[Block], title: Option<&str>) -> Option<usize> {
    let title = title.map(words);
    let is_title = |block: &Block| title.as_ref().is_some_and(|title| words(&block.text) == *title);
    let h1 = |block: &Block| block.kind == BlockKind::Heading(1);
    let heading = |block: &Block| matches!(block.kind, BlockKind::Heading(_)) && !block.furniture;
    // The page's own `<h1>` is its headline even when the metadata words the title otherwise; a
    // smaller heading that repeats the title may be a section of the article or a link to it.
    blocks
        .iter()
        .position(|block| h1(block) && is_title(block))
        .or_else(|| blocks.iter().position(|block| h1(block) && !block.furniture))
        .or_else(|| blocks.iter().position(|block| heading(block) && is_title(block)))
        .or_else(|| blocks.iter().position(h1))
}

/// A label standing alone before a date is short.
const MAX_LABEL_CHARS: usize = 30;

/// Whether the first label in a dateline is an update's.
fn labelled_update(text: &str) -> bool {
    first_label(text) == Some(true)
}

/// Whether the first label in a text says "updated" (true) or "published" (false); `None`
/// when it has neither.
fn first_label(text: &str) -> Option<bool> {
    // The leftmost label; of two at one position, the publication's.
    let found = LABEL_FINDER.as_ref()?.find(&text.to_lowercase())?;
    Some(found.pattern().as_usize() >= PUBLISHED_LABELS.len())
}

/// A date written in a short text: "March 5, 2026", "5 Mar 2026", "2026-03-05", "05.03.2026"
/// (day first, as dotted dates are written), "03/05/2026" (in the page's `order`, unless the
/// first number cannot be a month).
pub(crate) fn shown_date(text: &str, order: DayOrder) -> Option<Date> {
    read_date(text, order).map(|reading| reading.date)
}

/// Whether a short text writes a date, in either order.
fn shows_date(text: &str) -> bool {
    read_date(text, DayOrder::MonthFirst).is_some()
}

/// A date as a text writes it, and the other reading of its numbers where both make a date.
struct Reading {
    date: Date,
    other: Option<Date>,
}

fn read_date(text: &str, order: DayOrder) -> Option<Reading> {
    if let Some(date) = written_date(text) {
        return Some(Reading { date, other: None });
    }
    text.split(|c: char| c.is_whitespace() || c == ',').find_map(|token| numeric_token(token, order))
}

fn numeric_token(token: &str, order: DayOrder) -> Option<Reading> {
    let token = token.trim_matches(|c: char| !c.is_ascii_digit());
    let alone = |date: Option<Date>| date.map(|date| Reading { date, other: None });
    // "2022-11-23T08:10+02:00": the date where it was written, as metadata dates are read.
    if token.contains('T')
        && let Some(time) = parse_date_time(token)
    {
        return alone(Some(time.date()));
    }
    let separator = token.chars().find(|c| matches!(c, '-' | '.' | '/'))?;
    let parts: Vec<&str> = token.split(separator).collect();
    let [first, second, third] = parts[..] else { return None };
    let number = |part: &str| part.parse::<i16>().ok();
    let (first_n, second_n, third_n) = (number(first)?, number(second)?, number(third)?);
    let small = |n: i16| i8::try_from(n).ok();
    if first.len() == 4 {
        return alone(plausible_date(first_n, small(second_n)?, small(third_n)?));
    }
    if third.len() != 4 {
        return None;
    }
    let year = third_n;
    let month_first = plausible_date(year, small(first_n)?, small(second_n)?);
    let day_first = plausible_date(year, small(second_n)?, small(first_n)?);
    let (date, other) = match (separator, order) {
        ('/', DayOrder::MonthFirst) => (month_first.or(day_first)?, day_first),
        _ => (day_first.or(month_first)?, month_first),
    };
    Some(Reading { date, other: other.filter(|&other| other != date) })
}

#[cfg(test)]
mod tests {
    use crate::html::parse::parse;
    use jiff::civil::date;

    use crate::html::header::{
        ShownDate, has_name_word, header_byline, header_date, labelled_publication_date, shown_date,
        without_trailing_date,
    };
    use crate::html::linearize::linearize;
    use crate::html::meta::DayOrder::{DayFirst, MonthFirst};

    #[test]
    fn dates_as_pages_write_them() {
        assert_eq!(shown_date("Updated August 14, 2025", MonthFirst), Some(date(2025, 8, 14)));
        assert_eq!(shown_date("By The Currency editors 12.03.2025", MonthFirst), Some(date(2025, 3, 12)));
        assert_eq!(shown_date("Elliot Raba 23.07.2025 · 6 min read", MonthFirst), Some(date(2025, 7, 23)));
        assert_eq!(shown_date("Content current as of: 09/25/2025", MonthFirst), Some(date(2025, 9, 25)));
        assert_eq!(shown_date("Posted 2024-02-01.", MonthFirst), Some(date(2024, 2, 1)));
        assert_eq!(shown_date("2022-11-23T08:10+02:00", MonthFirst), Some(date(2022, 11, 23)));
        assert_eq!(shown_date("Faith Katunga•Oct 20, 2025", MonthFirst), Some(date(2025, 10, 20)));
        assert_eq!(shown_date("05 Nov 2025. 8 minutes read", MonthFirst), Some(date(2025, 11, 5)));
        assert_eq!(shown_date("Call 555-123-4567 or 3.5 stars", MonthFirst), None);
        // Slashed numbers in the page's order, unless the first cannot be a month.
        assert_eq!(shown_date("Rachael Hogg - 12/03/2026", DayFirst), Some(date(2026, 3, 12)));
        assert_eq!(shown_date("Rachael Hogg - 12/03/2026", MonthFirst), Some(date(2026, 12, 3)));
        assert_eq!(shown_date("25/03/2026", MonthFirst), Some(date(2026, 3, 25)));
        assert_eq!(shown_date("03/25/2026", DayFirst), Some(date(2026, 3, 25)));
    }

    #[test]
    fn a_sentence_that_mentions_a_date_is_no_dateline() {
        let page = "<h1>Filing your taxes</h1><p>The end of the 2025 tax season for most Americans is April 15, \
            2025.</p><p>By Jane Doe · Published Jan. 17, 2025</p>";
        let shown = header_date(&linearize(&parse(page)), None, MonthFirst);
        assert_eq!(shown.map(|shown| shown.date), Some(date(2025, 1, 17)));
    }

    #[test]
    fn an_ambiguous_date_keeps_its_other_reading() {
        let blocks = linearize(&parse("<h1>Wine styles</h1><p>03/10/2023</p>"));
        let shown = header_date(&blocks, None, MonthFirst);
        assert_eq!(
            shown.map(|shown| (shown.date, shown.other_reading)),
            Some((date(2023, 3, 10), Some(date(2023, 10, 3))))
        );
        let plain = linearize(&parse("<h1>Wine styles</h1><p>03/03/2023</p>"));
        assert_eq!(header_date(&plain, None, MonthFirst).and_then(|shown| shown.other_reading), None);
    }

    #[test]
    fn the_date_under_the_headline_wins() {
        let page = "<body><p>Related: Harbour reopens, June 2, 2024</p><h1>Talks resume</h1>\
            <div>By Lena Hart · Updated March 5, 2026</div><p>Published on March 1, 2026</p>\
            <p>GENEVA — Talks resumed on Monday after a pause of three weeks, officials said, and both \
            delegations described the first session as constructive, though neither would say when the \
            next round would be held or who would attend it on the ministers' side. More followed later.</p>\
            <p>Archive: January 9, 2020</p></body>";
        let blocks = linearize(&parse(page));
        let updated = Some(ShownDate { date: date(2026, 3, 5), updated: true, other_reading: None });
        assert_eq!(header_date(&blocks, Some("Talks resume"), MonthFirst), updated);
        assert_eq!(header_date(&blocks, None, MonthFirst), updated);
        let apart = linearize(&parse("<h1>T</h1><p>Last updated:</p><p>Mar 9, 2026</p>"));
        assert_eq!(
            header_date(&apart, None, MonthFirst),
            Some(ShownDate { date: date(2026, 3, 9), updated: true, other_reading: None })
        );
        let both = linearize(&parse("<h1>T</h1><p>Published on Oct 21, 2025 Updated on Mar 9, 2026</p>"));
        assert_eq!(
            header_date(&both, None, MonthFirst),
            Some(ShownDate { date: date(2025, 10, 21), updated: false, other_reading: None })
        );
        let no_headline = linearize(&parse("<p>Updated March 5, 2026</p>"));
        assert_eq!(header_date(&no_headline, None, MonthFirst), None);
    }

    #[test]
    fn a_labelled_date_anywhere_and_the_h1_before_a_repeated_title() {
        let blocks = linearize(&parse("<p>Other story, May 1, 2020</p><p>Body.</p><p>Posted on April 13, 2023</p>"));
        assert_eq!(labelled_publication_date(&blocks, MonthFirst), Some(date(2023, 4, 13)));
        let page = "<h1>How robot vacuums find their way</h1><h5>2024-11-06</h5><p>Body text.</p>\
            <h2>Mapping</h2><p>Body.</p><p>Updated 2025-01-01</p>";
        let blocks = linearize(&parse(page));
        let shown = header_date(&blocks, Some("Mapping"), MonthFirst);
        assert_eq!(shown.map(|shown| shown.date), Some(date(2024, 11, 6)));
    }

    #[test]
    fn names_without_dates_and_labels_that_name_nobody() {
        assert_eq!(without_trailing_date("Luke Kim December 17"), "Luke Kim");
        assert_eq!(without_trailing_date("ServiceTitan November 26th"), "ServiceTitan");
        assert_eq!(without_trailing_date("June Carter"), "June Carter");
        assert_eq!(without_trailing_date("Jane Doe"), "Jane Doe");
        assert!(has_name_word("Marek Bron"));
        let labels = ["August 28, 2025", "View more posts", "Connect on LinkedIn", "Skip to Content", "Last Modified:"];
        for label in labels.into_iter().chain(["The Author", "Get Started Free"]) {
            assert!(!has_name_word(label), "{label}");
        }
    }

    #[test]
    fn bylines_around_the_headline() {
        let byline = |page: &str| header_byline(&linearize(&parse(page)), None);
        assert_eq!(byline("<h1>Talks resume</h1><p>By Lena Hart and Tom Reyes</p>"), ["Lena Hart", "Tom Reyes"]);
        assert_eq!(byline("<h1>Talks resume</h1><p>Faith Katunga•Oct 20, 2025</p>"), ["Faith Katunga"]);
        assert_eq!(byline("<h1>Talks resume</h1><p>Elliot Raba</p><p>23.07.2025 · 6 min read</p>"), ["Elliot Raba"]);
        assert!(byline("<h1>Talks resume</h1><p>Read more</p><p>Oct 20, 2025</p>").is_empty());
        assert!(byline("<h1>Talks resume</h1><p>Posted On</p><p>Oct 20, 2025</p>").is_empty());
        assert_eq!(byline("<h1>Talks resume</h1><p>2025-12-17 · Trond Teigen</p>"), ["Trond Teigen"]);
        assert_eq!(byline("<h1>Talks resume</h1><div>By</div><div>The Harbour Team</div>"), ["The Harbour Team"]);
        assert_eq!(byline("<h1>Talks resume</h1><p>Politics | By Lena Hart | 5 min read</p>"), ["Lena Hart"]);
        assert_eq!(byline("<h1>Talks resume</h1><p>by ibby</p>"), ["ibby"]);
        assert!(byline("<p>By Lena Hart</p>").is_empty());
    }
}
