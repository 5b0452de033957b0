//! Choosing the article among the page's blocks.
//!
//! A block is good prose when it is long, has few links and, for English pages, reads like
//! running text (a fair share of stopwords). The article is the deepest element holding most of
//! the good prose; its blocks are kept except link lists, interface lines, the repeated headline,
//! and the bylines, datelines and footers that stand before the first or after the last good block.

use std::sync::LazyLock;

use ego_tree::NodeId;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::debris::is_debris_line;
use crate::html::linearize::{Block, BlockKind};
use crate::html::same_words;

/// Share of the good prose the article element must hold.
const CONTAINER_SHARE: f64 = 0.8;
/// A good block has at least this many characters ...
const GOOD_MIN_CHARS: usize = 80;
/// ... at most this share of them in links ...
const GOOD_MAX_LINK_DENSITY: f64 = 0.33;
/// ... and, on an English page, at least this share of stopwords among its words.
const GOOD_MIN_STOPWORDS: f64 = 0.15;
/// With fewer good blocks than this, blocks half as long count as good.
const MIN_GOOD_BLOCKS: usize = 2;

/// Sorted, lower case, ASCII; looked up in [`STOPWORD_SET`].
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before",
    "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "just", "more", "most", "my", "no", "not", "of", "on", "one",
    "only", "or", "other", "our", "out", "over", "she", "so", "some", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "to", "up", "was", "we", "were", "what", "when", "which", "while",
    "who", "will", "with", "would", "you", "your",
];

/// [`STOPWORDS`] hashed: a page's every word is looked up.
static STOPWORD_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| STOPWORDS.iter().copied().collect());

/// The article's paragraphs and what was dropped inside the article element.
pub(crate) struct Selection {
    pub(crate) paragraphs: Vec<String>,
    pub(crate) removed: Vec<String>,
}

/// Words and stopwords in a text.
#[derive(Clone, Copy, Default)]
struct WordCounts {
    words: usize,
    stopwords: usize,
}

impl WordCounts {
    fn of(text: &str) -> WordCounts {
        let mut counts = WordCounts::default();
        for word in text.split_whitespace() {
            counts.words += 1;
            counts.stopwords += usize::from(is_stopword(word.trim_matches(|c: char| !c.is_alphanumeric())));
        }
        counts
    }

    fn stopword_share(self) -> f64 {
        if self.words == 0 { 0.0 } else { self.stopwords as f64 / self.words as f64 }
    }
}

fn is_stopword(word: &str) -> bool {
    const LONGEST: usize = 8;
    if word.len() > LONGEST || !word.is_ascii() {
        return false;
    }
    let mut lower = [0u8; LONGEST];
    for (slot, byte) in lower.iter_mut().zip(word.bytes()) {
        *slot = byte.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&lower[..word.len()]).unwrap_or_default();
    STOPWORD_SET.contains(lower)
}

/// Chooses the article among the page's blocks (furniture never is).
pub(crate) fn select(page_blocks: &[Block], title: Option<&str>) -> Selection {
    let blocks: Vec<&Block> = page_blocks.iter().filter(|block| !block.furniture).collect();
    let counts: Vec<WordCounts> = blocks.iter().map(|block| WordCounts::of(&block.text)).collect();
    let page = counts.iter().fold(WordCounts::default(), |page, block| WordCounts {
        words: page.words + block.words,
        stopwords: page.stopwords + block.stopwords,
    });
    // Stopwords tell prose from lists only on English pages.
    let english = page.stopword_share() >= 0.08;
    let is_good = |min_chars: usize| -> Vec<bool> {
        blocks
            .iter()
            .zip(&counts)
            .map(|(block, counts)| {
                block.n_chars >= min_chars
                    && block.link_density() <= GOOD_MAX_LINK_DENSITY
                    && (!english || counts.stopword_share() >= GOOD_MIN_STOPWORDS)
                    && !matches!(block.kind, BlockKind::Heading(_))
            })
            .collect()
    };
    let mut good = is_good(GOOD_MIN_CHARS);
    // A page of short lines (a results table with two lines of introduction, a list of features)
    // has too little long prose to place its article: shorter blocks count then.
    if good.iter().filter(|good| **good).count() < MIN_GOOD_BLOCKS {
        good = is_good(GOOD_MIN_CHARS / 2);
    }
    let teasers = teasers(page_blocks, &blocks, &good);
    let prose: Vec<bool> = good.iter().zip(&teasers).map(|(good, teaser)| *good && !teaser).collect();
    // A list of teasers is not the article, however well its excerpts read.
    let has_teaser_list = teasers.iter().filter(|teaser| **teaser).count() >= MIN_TEASERS && prose.contains(&true);
    let container = article_element(&blocks, if has_teaser_list { &prose } else { &good });
    let in_article: Vec<usize> =
        (0..blocks.len()).filter(|&idx| container.is_none_or(|element| blocks[idx].path.contains(&element))).collect();
    let first_good = in_article.iter().position(|&idx| good[idx]);
    let last_good = in_article.iter().rposition(|&idx| good[idx]);
    let parent_of = |idx: usize| blocks[idx].path.len().checked_sub(2).and_then(|at| blocks[idx].path.get(at)).copied();
    let first_parent = first_good.and_then(|position| parent_of(in_article[position]));
    let last_parent = last_good.and_then(|position| parent_of(in_article[position]));
    let mut keep_flags = Vec::with_capacity(in_article.len());
    for (position, &idx) in in_article.iter().enumerate() {
        let block = &blocks[idx];
        let before_first = first_good.is_some_and(|first| position < first);
        let after_last = last_good.is_some_and(|last| position > last);
        // A block beside the article's own paragraphs (same parent element) is part of it: a
        // short lead, a list of dates. Furniture sits in containers of its own.
        let leads_in = before_first && parent_of(idx) == first_parent && ends_like_sentence(&block.text);
        let trails = after_last && parent_of(idx) == last_parent;
        let beside_prose = leads_in || trails;
        let keep = good[idx]
            || (beside_prose && keeps_beside_prose(block, title))
            || keeps_in_place(block, before_first, after_last, title);
        keep_flags.push(keep);
    }
    // A heading that ends the article introduces nothing of it.
    for position in (0..in_article.len()).rev() {
        if !keep_flags[position] {
            continue;
        }
        if matches!(blocks[in_article[position]].kind, BlockKind::Heading(_))
            && last_good.is_some_and(|last| position > last)
        {
            keep_flags[position] = false;
        } else {
            break;
        }
    }
    let mut paragraphs = Vec::new();
    let mut removed = Vec::new();
    for (position, &idx) in in_article.iter().enumerate() {
        let block = &blocks[idx];
        let keep = keep_flags[position];
        for line in block.text.split('\n').map(str::trim).filter(|line| !line.is_empty()) {
            if keep && !is_debris_line(line, title) {
                paragraphs.push(line.to_string());
            } else {
                removed.push(line.to_string());
            }
        }
    }
    Selection { paragraphs, removed }
}

/// Whether a block standing beside the article's paragraphs stays: anything but link lists and
/// the repeated headline.
fn keeps_beside_prose(block: &Block, title: Option<&str>) -> bool {
    block.link_density() <= 0.5 && !title.is_some_and(|title| same_words(&block.text, title))
}

/// Whether a block that is not good prose stays where it stands.
fn keeps_in_place(block: &Block, before_first: bool, after_last: bool, title: Option<&str>) -> bool {
    // Inside the article a linked sentence is still a sentence ("10 things in tech" lists link
    // every item); link lists are short labels.
    let linked_sentence = block.n_chars >= 80 && ends_like_sentence(&block.text) && !before_first && !after_last;
    if block.link_density() > 0.5 && !linked_sentence {
        return false;
    }
    if let (BlockKind::Heading(_), Some(title)) = (block.kind, title)
        && same_words(&block.text, title)
    {
        return false;
    }
    let ends_like_sentence = ends_like_sentence(&block.text);
    if before_first {
        // Bylines, dates and captions stand before the article; a subheading can too, but a
        // real lead-in is long.
        return block.n_chars >= 100 && ends_like_sentence;
    }
    if after_last {
        // Headings and labels after the last paragraph belong to whatever follows the article;
        // the cells of a table there are the article's data (a training plan, a price list).
        if block.kind == BlockKind::Cell {
            return block.link_density() < 0.2;
        }
        return !matches!(block.kind, BlockKind::Heading(_)) && ends_like_sentence && block.link_density() < 0.2;
    }
    block.n_chars >= 2
}

/// Ends as sentences do, in Latin and in CJK punctuation.
fn ends_like_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', '"', '”', ':', '。', '！', '？', '」', '』'])
}

/// How many levels above an excerpt its teaser's headline may sit.
const TEASER_LEVELS: usize = 3;

/// Teasers of other articles make a list when there are at least this many.
const MIN_TEASERS: usize = 2;

/// Good blocks that read as the excerpt of a teaser: the only good block in an element just
/// above them that also holds a linked headline.
/// Headlines count wherever they stand, furniture (a teaser's `<header>`) included.
fn teasers(page_blocks: &[Block], blocks: &[&Block], good: &[bool]) -> Vec<bool> {
    let mut good_under: FxHashMap<NodeId, usize> = FxHashMap::default();
    let mut links_under: FxHashMap<NodeId, usize> = FxHashMap::default();
    for (block, &good) in blocks.iter().zip(good) {
        for &element in &block.path {
            *good_under.entry(element).or_default() += usize::from(good);
        }
    }
    for block in page_blocks.iter().filter(|block| block.n_chars >= 15 && block.link_density() > 0.5) {
        for &element in &block.path {
            *links_under.entry(element).or_default() += 1;
        }
    }
    blocks
        .iter()
        .zip(good)
        .map(|(block, &good)| {
            // The nearest of a few ancestors that holds a linked block must hold no other good one.
            let beside_headline = block
                .path
                .iter()
                .rev()
                .skip(1)
                .take(TEASER_LEVELS)
                .take_while(|element| good_under.get(element) == Some(&1))
                .any(|element| links_under.get(element).is_some_and(|&n| n > 0));
            good && beside_headline
        })
        .collect()
}

/// The deepest element whose good blocks hold `CONTAINER_SHARE` of all good text; `None` (the
/// whole page) when the page has no good block.
fn article_element(blocks: &[&Block], good: &[bool]) -> Option<NodeId> {
    let mut good_chars: FxHashMap<NodeId, (usize, usize)> = FxHashMap::default();
    let mut total = 0;
    for (block, _) in blocks.iter().zip(good).filter(|(_, good)| **good) {
        total += block.n_chars;
        for (depth, &element) in block.path.iter().enumerate() {
            let entry = good_chars.entry(element).or_insert((0, depth));
            entry.0 += block.n_chars;
        }
    }
    if total == 0 {
        return None;
    }
    let needed = (total as f64 * CONTAINER_SHARE).ceil() as usize;
    good_chars
        .into_iter()
        .filter(|(_, (chars, _))| *chars >= needed)
        .max_by_key(|(_, (_, depth))| *depth)
        .map(|(element, _)| element)
}

#[cfg(test)]
mod tests {
    use crate::html::parse::parse;

    use crate::html::linearize::linearize;
    use crate::html::select::{STOPWORDS, WordCounts, select};

    #[test]
    fn stopwords_are_found_in_any_case() {
        assert!(STOPWORDS.windows(2).all(|pair| pair[0] < pair[1]), "STOPWORDS must stay sorted");
        let counts = WordCounts::of("The ministers SAID that (it) was théâtre, because...");
        assert_eq!((counts.words, counts.stopwords), (8, 5));
    }

    fn paragraphs(page: &str, title: Option<&str>) -> Vec<String> {
        select(&linearize(&parse(page)), title).paragraphs
    }

    #[test]
    fn takes_the_article_not_the_furniture() {
        let prose = "The talks resumed on Monday after a week of delays, and the two delegations met for most of the day in the villa.";
        let page = format!(
            "<body><div class=menu-x><a href=/a>World</a> <a href=/b>Business</a></div>\
             <div class=story><h1>Talks resume</h1><p>By Lena Hart</p><p>{prose}</p><h2>What comes next</h2><p>{prose}</p>\
             <p>Listen to this article</p><p>{prose}</p><h3>Most read</h3></div>\
             <div class=more><p><a href=/c>Another story about something else entirely and at great length, with many words</a></p></div></body>"
        );
        assert_eq!(paragraphs(&page, Some("Talks resume")), [prose, "What comes next", prose, prose]);
    }

    #[test]
    fn a_list_of_teasers_is_not_the_article() {
        let prose = "The talks resumed on Monday after a week of delays, and the two delegations met for most of the day in the villa.";
        let teaser = |n: usize| {
            format!(
                "<div class=item><h3><a href=/t{n}>Other story number {n} with a headline</a></h3>\
                 <p>An excerpt of the other story, which reads like prose and is long enough to count as such in the test.</p></div>"
            )
        };
        let page = format!(
            "<body><main><article><p>{prose}</p><p>{prose}</p></article><section>{}{}{}</section></main></body>",
            teaser(1),
            teaser(2),
            teaser(3)
        );
        assert_eq!(paragraphs(&page, None), [prose, prose]);
    }

    #[test]
    fn a_page_of_short_lines_keeps_them() {
        let page = "<body><div class=main><h1>Standings</h1><p>The standings after the last race of the season are below.</p>\
            <table><tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr><tr><td>2</td><td>Martin Truex Jr.</td><td>5035</td></tr></table>\
            <p>Come back after every race to see the standings as they change.</p></div>\
            <div class=comments><p>Comments that are unintelligible or disrespectful will not be approved by the moderator.</p></div></body>";
        let kept = paragraphs(page, None);
        assert!(kept.contains(&"Kyle Busch".to_string()), "{kept:?}");
        assert!(kept.contains(&"The standings after the last race of the season are below.".to_string()), "{kept:?}");
    }

    #[test]
    fn a_table_after_the_last_paragraph_is_the_articles() {
        let lead: String = (1..=3)
            .map(|n| format!("<p>Part {n} of the plan builds on the one before it, so rest on the days it says.</p>"))
            .collect();
        let page = format!(
            "<body><article><h1>A twelve-week plan</h1>{lead}<h3>Weeks 1 to 4</h3>\
            <table><tr><td>Week</td><td>Monday</td></tr><tr><td>1</td><td>Run easy 30 min</td></tr></table>\
            </article></body>"
        );
        let kept = paragraphs(&page, None);
        assert!(kept.contains(&"Run easy 30 min".to_string()), "{kept:?}");
    }

    #[test]
    fn page_without_prose_keeps_short_text() {
        assert_eq!(paragraphs("<body><p>Short note.</p></body>", None), ["Short note."]);
    }
}
