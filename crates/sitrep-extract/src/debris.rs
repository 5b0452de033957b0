//! Recognising scraping debris in plain text: interface labels, share buttons, breadcrumbs,
//! image captions and credits, related-article lists, comment prompts.
//!
//! Each rule describes a kind of line web pages carry, never a particular article. A line is
//! dropped only when it is short; article paragraphs are never touched except for a bare site
//! name stuck to their end ("... the U.K. politico.com").

use crate::paragraphs::normalise_space;

/// Whole lines that are interface text rather than article text (lower case, without final
/// punctuation).
const BOILERPLATE_LINES: &[&str] = &[
    "advertisement",
    "advertisements",
    "cancel reply",
    "click here",
    "comment",
    "comments",
    "continue reading",
    "copy link",
    "email",
    "facebook",
    "follow us",
    "gift this article",
    "join the conversation",
    "leave a comment",
    "leave a reply",
    "linkedin",
    "listen",
    "listen to this article",
    "listen to this story",
    "more stories",
    "please enter your comment",
    "please enter your email address here",
    "please enter your name here",
    "post a comment",
    "print",
    "read more",
    "read next",
    "recommended",
    "related",
    "related articles",
    "related posts",
    "related stories",
    "save",
    "save article",
    "scroll to continue",
    "share",
    "share article",
    "share this",
    "share this article",
    "share this story",
    "share via email",
    "sign up",
    "sign up for our newsletter",
    "skip to content",
    "skip to main content",
    "sponsored",
    "sponsored content",
    "subscribe",
    "subscribe to our newsletter",
    "tweet",
    "twitter",
    "whatsapp",
    "you have entered an incorrect email address",
    "you may also like",
];

/// The most words a debris line has (see [`is_short`]).
const SHORT_WORDS: usize = 15;

/// Line openings of image credits and captions.
const CREDIT_PREFIXES: &[&str] = &[
    "photo:",
    "photo by",
    "photos:",
    "image:",
    "image by",
    "picture:",
    "courtesy:",
    "courtesy of",
    "credit:",
    "photograph:",
    "illustration:",
    "file photo",
    "(photo",
    "(image",
];

/// Headings that open a list of links to other articles.
const LINK_LIST_HEADINGS: &[&str] = &[
    "related",
    "related articles",
    "related posts",
    "related stories",
    "read more",
    "read next",
    "more stories",
    "recommended",
    "you may also like",
    "more from",
    // The same headings in the other languages news pages come in most.
    "leia também",
    "veja também",
    "você pode gostar",
    "lea también",
    "lee también",
    "te puede interesar",
    "lire aussi",
    "à lire aussi",
    "sur le même sujet",
    "leggi anche",
    "potrebbe interessarti",
    "lesen sie auch",
    "das könnte sie auch interessieren",
    "mehr zum thema",
];

/// True for a heading that opens a list of links to other articles ("Related stories", "Leia
/// também").
pub(crate) fn is_link_list_heading(line: &str) -> bool {
    is_short(line) && LINK_LIST_HEADINGS.contains(&line_key(line).as_str())
}

/// Headings of the box about the people who wrote or checked an article, lower case.
const BIO_HEADINGS: &[&str] = &[
    "about the author",
    "about the authors",
    "about the writer",
    "about the reviewer",
    "about the editor",
    "meet the author",
    "sobre o autor",
    "sobre el autor",
    "à propos de l'auteur",
    "über den autor",
    "über die autorin",
];

/// True for a heading that opens a box about the article's author or reviewer ("About the
/// Author"): their biography, not the article.
pub(crate) fn is_bio_heading(line: &str) -> bool {
    is_short(line) && BIO_HEADINGS.contains(&line_key(line).as_str())
}

/// Removes debris paragraphs in place; returns them in order.
pub(crate) fn remove(paragraphs: &mut Vec<String>, title: Option<&str>) -> Vec<String> {
    let mut keep = vec![true; paragraphs.len()];
    let mut in_link_list = false;
    let mut seen_title = false;
    for idx in 0..paragraphs.len() {
        let line = paragraphs[idx].as_str();
        if in_link_list && is_short_label(line) {
            keep[idx] = false;
            continue;
        }
        in_link_list = is_link_list_heading(line);
        if Some(line) == title {
            // A repeated headline is debris; the first one stays.
            keep[idx] = !seen_title;
            seen_title = true;
            continue;
        }
        if is_debris_line(line, title) {
            keep[idx] = false;
            // A caption stands just before its credit line.
            if is_credit(line)
                && idx > 0
                && keep[idx - 1]
                && is_short_label(&paragraphs[idx - 1])
                && Some(paragraphs[idx - 1].as_str()) != title
            {
                keep[idx - 1] = false;
            }
        }
    }
    let mut removed = Vec::new();
    let mut kept = Vec::new();
    for (paragraph, keep) in paragraphs.drain(..).zip(keep) {
        if keep {
            kept.push(strip_trailing_site(&paragraph));
        } else {
            removed.push(paragraph);
        }
    }
    *paragraphs = kept;
    removed
}

/// True for a line that is debris whatever surrounds it.
pub(crate) fn is_debris_line(line: &str, title: Option<&str>) -> bool {
    // Every kind of debris is a short line, but for a breadcrumb ending in the headline.
    if !is_short(line) {
        return line.starts_with("Home") && is_breadcrumb(line, title);
    }
    let key = line_key(line);
    BOILERPLATE_LINES.contains(&key.as_str())
        || is_credit(line)
        || is_breadcrumb(line, title)
        || is_reading_time(&key)
        || is_share_row(&key)
        || is_dateline_stamp(line)
}

/// "Published Monday, November 18, 2019 8:22AM EST", "Updated at 1:23 p.m.": a short line that
/// stamps the article's time rather than telling its story.
fn is_dateline_stamp(line: &str) -> bool {
    const OPENERS: &[&str] = &["published", "updated", "last updated", "first published", "posted", "last modified"];
    let lower = line.trim().to_lowercase();
    let opens =
        OPENERS.iter().any(|opener| lower.strip_prefix(opener).is_some_and(|rest| rest.starts_with([' ', ':'])));
    opens && n_words(line) <= 12 && line.chars().any(|c| c.is_ascii_digit())
}

/// Lower case, without surrounding punctuation, whitespace folded.
fn line_key(line: &str) -> String {
    normalise_space(&line.to_lowercase()).trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

fn n_words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// At most [`SHORT_WORDS`] words: the longest a debris line gets. Long paragraphs are not
/// counted to the end.
fn is_short(line: &str) -> bool {
    line.split_whitespace().nth(SHORT_WORDS).is_none()
}

/// A short line that does not end like a sentence: a label, heading, caption or link title.
fn is_short_label(line: &str) -> bool {
    is_short(line) && !line.trim_end().ends_with(['.', '!', '?', ':', '"', '”'])
}

fn is_credit(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    is_short(line) && CREDIT_PREFIXES.iter().any(|prefix| lower.starts_with(prefix))
}

/// "Home › World › Europe", or "Home Politics <the headline>".
fn is_breadcrumb(line: &str, title: Option<&str>) -> bool {
    let n_separators = line.matches(['›', '»', '>', '|']).count() + line.matches(" / ").count();
    if n_separators >= 2 && is_short(line) {
        return true;
    }
    let starts_home = line.starts_with("Home ") || line.starts_with("Home›") || line.starts_with("Home>");
    match title {
        Some(title) => starts_home && line.len() > title.len() && line.ends_with(title),
        None => starts_home && n_separators >= 1 && is_short(line),
    }
}

/// "3 min read", "5 minute read".
fn is_reading_time(key: &str) -> bool {
    let mut words = key.split_whitespace();
    matches!(
        (words.next().map(|w| w.parse::<u32>().is_ok()), words.next(), words.next(), words.next()),
        (Some(true), Some("min" | "mins" | "minute" | "minutes"), Some("read"), None)
    )
}

/// A row of share-button labels: "Facebook Twitter Email", "Share on Facebook", "Follow us on X".
fn is_share_row(key: &str) -> bool {
    const PLATFORMS: &[&str] = &[
        "facebook",
        "twitter",
        "x",
        "email",
        "linkedin",
        "whatsapp",
        "reddit",
        "print",
        "telegram",
        "pinterest",
        "instagram",
        "youtube",
        "threads",
        "bluesky",
    ];
    const GLUE: &[&str] = &["share", "copy", "link", "on", "via", "follow", "us", "this", "article"];
    let words: Vec<&str> = key.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.len() >= 2
        && words.iter().any(|word| PLATFORMS.contains(word))
        && words.iter().all(|word| PLATFORMS.contains(word) || GLUE.contains(word))
}

/// Drops a bare site name stuck after a paragraph's last sentence ("... the U.K. politico.com").
fn strip_trailing_site(paragraph: &str) -> String {
    let Some((head, last)) = paragraph.rsplit_once(' ') else {
        return paragraph.to_string();
    };
    let is_domain = last.contains('.')
        && !last.ends_with('.')
        && last.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && last
            .rsplit('.')
            .next()
            .is_some_and(|tld| (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase()));
    if is_domain && head.ends_with(['.', '!', '?', '"', '”']) { head.to_string() } else { paragraph.to_string() }
}

#[cfg(test)]
mod tests {
    use crate::debris::remove;

    fn check(lines: &[&str], title: Option<&str>, expected_kept: &[&str]) {
        let mut paragraphs: Vec<String> = lines.iter().map(|line| line.to_string()).collect();
        remove(&mut paragraphs, title);
        assert_eq!(paragraphs, expected_kept);
    }

    #[test]
    fn interface_lines() {
        check(
            &[
                "Listen to this article",
                "Body one.",
                "Share on Facebook",
                "Facebook Twitter Email",
                "4 min read",
                "ADVERTISEMENT",
                "Body two.",
                "LEAVE A REPLY",
                "Please enter your comment!",
                "Please enter your name here",
            ],
            None,
            &["Body one.", "Body two."],
        );
    }

    #[test]
    fn breadcrumbs_captions_and_credits() {
        check(
            &[
                "Home › World › Europe",
                "Home Trump Talks Resume",
                "Talks Resume",
                "Ships in the harbour",
                "Photo: Harbour Daily / Staff",
                "Courtesy: Free Malaysia Today",
                "Body.",
            ],
            Some("Talks Resume"),
            &["Talks Resume", "Body."],
        );
    }

    #[test]
    fn related_list_and_repeated_title() {
        check(
            &[
                "Talks Resume",
                "Body one.",
                "Talks Resume",
                "Related articles",
                "Envoy arrives in Geneva",
                "Ministers meet",
                "A long closing paragraph that ends like a sentence.",
            ],
            Some("Talks Resume"),
            &["Talks Resume", "Body one.", "A long closing paragraph that ends like a sentence."],
        );
    }

    #[test]
    fn trailing_site_name_only_after_a_sentence() {
        check(
            &["Roles moved to Germany and the U.K. politico.com", "Visit example.com now"],
            None,
            &["Roles moved to Germany and the U.K.", "Visit example.com now"],
        );
    }

    #[test]
    fn datelines_are_stamps() {
        check(
            &[
                "Published Monday, November 18, 2019 8:22AM EST",
                "Updated at 1:23 p.m.",
                "Updated guidance was published on 12 May by the ministry after a long review of the rules.",
            ],
            None,
            &["Updated guidance was published on 12 May by the ministry after a long review of the rules."],
        );
    }

    #[test]
    fn article_sentences_are_kept() {
        check(
            &[
                "Share prices fell sharply on Monday, traders said.",
                "Photo agencies were told to leave the building by noon, the ministry said, adding that more would follow.",
            ],
            None,
            &[
                "Share prices fell sharply on Monday, traders said.",
                "Photo agencies were told to leave the building by noon, the ministry said, adding that more would follow.",
            ],
        );
    }
}
