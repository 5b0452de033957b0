//! Pairs quotation marks into quoted regions.
//!
//! Double marks (“ ” " « » „, and the doubled apostrophes ''…'' and ``…'' of some newspapers)
//! open top-level regions; single marks (‘ ’ ') open regions only
//! where no double region is open (headline style, ‘Not a Betrayal’) and are nested quotes
//! otherwise. A closing ’ between letters is an apostrophe (it’s), and one followed by `s` is a
//! possessive. A region still open at the end of a paragraph runs to the paragraph's end; when
//! the next paragraph opens with a quotation mark, the quote continues there (the news
//! convention for quotes over several paragraphs).

use std::ops::Range;

/// A quoted region in byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Region {
    /// The words inside the marks, trimmed of spaces.
    pub(crate) content: Range<usize>,
    /// From the opening mark to the closing mark inclusive (or to the end of the paragraph).
    pub(crate) outer: Range<usize>,
    /// Closed by a mark, rather than running to the end of a paragraph.
    pub(crate) closed: bool,
    /// Delimited by single marks.
    pub(crate) single: bool,
    /// The number of paragraphs it spans.
    pub(crate) n_paragraphs: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open {
        single: bool,
    },
    Close {
        single: bool,
    },
    /// A straight " or ' whose role depends on what is open.
    Either {
        single: bool,
    },
}

fn classify(prev: Option<char>, c: char, next: Option<char>) -> Option<Mark> {
    let prev_open = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
    let next_alnum = next.is_some_and(char::is_alphanumeric);
    let prev_alnum = prev.is_some_and(char::is_alphanumeric);
    match c {
        // A mark of the wrong hand where only the other fits: an opening mark stuck to the word
        // before it and followed by a space (`here,“ said Clyburn`), a closing mark after a
        // space and stuck to the word after it (`said ”No`), close or open by what is open.
        '“' if !prev_open && next.is_none_or(char::is_whitespace) => Some(Mark::Either { single: false }),
        '”' if prev_open && next_alnum => Some(Mark::Either { single: false }),
        '“' | '„' | '«' => Some(Mark::Open { single: false }),
        '”' | '»' => Some(Mark::Close { single: false }),
        '‘' | '‹' => Some(Mark::Open { single: true }),
        '›' => Some(Mark::Close { single: true }),
        '’' if prev_alnum && next_alnum => None,
        '’' if prev_alnum && matches!(next, Some('s' | 'S')) => None,
        '’' => Some(Mark::Close { single: true }),
        // A straight mark between spaces closes as well as it opens ("…brain,' " said Fiorina).
        '"' if prev_open && !next.is_none_or(char::is_whitespace) => Some(Mark::Open { single: false }),
        '"' => Some(Mark::Either { single: false }),
        '\'' if prev_alnum && next_alnum => None,
        '\'' if prev_open && next_alnum => Some(Mark::Open { single: true }),
        '\'' => Some(Mark::Close { single: true }),
        _ => None,
    }
}

/// Whether `c` is a quotation mark of any style (a backtick opens ``...'').
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '‹' | '›' | '"' | '\'' | '`')
}

/// Finds the quoted regions of a text whose paragraphs are separated by line breaks.
pub(crate) fn regions(text: &str) -> Vec<Region> {
    let mut regions: Vec<Region> = Vec::new();
    let mut offset = 0;
    let mut continues: Option<usize> = None;
    for paragraph in text.split('\n') {
        let found = paragraph_regions(paragraph, offset);
        let mut found = found.into_iter();
        if let Some(first) = found.next() {
            let opens_paragraph = paragraph[..first.outer.start - offset].trim().is_empty();
            match continues.take() {
                Some(open_idx) if opens_paragraph && !first.single => {
                    let open = &mut regions[open_idx];
                    open.content.end = first.content.end;
                    open.outer.end = first.outer.end;
                    open.closed = first.closed;
                    open.n_paragraphs += 1;
                    if !first.closed {
                        continues = Some(open_idx);
                    }
                }
                _ => {
                    if !first.closed && !first.single {
                        continues = Some(regions.len());
                    }
                    regions.push(first);
                }
            }
        } else if !paragraph.trim().is_empty() {
            continues = None;
        }
        for region in found {
            continues = (!region.closed && !region.single).then_some(regions.len());
            regions.push(region);
        }
        offset += paragraph.len() + 1;
    }
    regions
}

/// The family of a double mark: a quote opened by one family may hold a quote in another
/// ("The Department isn’t about “Equal Justice Under Law” anymore," opened straight).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Straight,
    Curly,
    Guillemet,
    Doubled,
}

fn style_of(c: char, doubled: bool) -> Style {
    match c {
        _ if doubled => Style::Doubled,
        '"' => Style::Straight,
        '«' | '»' => Style::Guillemet,
        _ => Style::Curly,
    }
}

fn paragraph_regions(paragraph: &str, offset: usize) -> Vec<Region> {
    if !paragraph.chars().any(is_mark) {
        return Vec::new();
    }
    let mut regions = Vec::new();
    let mut open_double: Option<usize> = None;
    let mut open_style = Style::Straight;
    // A quote of another family opened inside the open double one.
    let mut nested: Option<Style> = None;
    let mut open_single: Option<usize> = None;
    let mut skip_next = false;
    for (byte, c) in paragraph.char_indices() {
        if std::mem::take(&mut skip_next) || !is_mark(c) {
            continue;
        }
        // The characters around a mark, read from the text only at the marks.
        let prev = paragraph[..byte].chars().next_back();
        let mut following = paragraph[byte + c.len_utf8()..].chars();
        let (next, after) = (following.next(), following.next());
        let prev_open = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
        // Two apostrophes are a double mark (some newspapers' ''...'' and ``...''); of three
        // closing ones (`'Kosovo is a special case,'''`) the first closes the nested single quote.
        let closes_nested = c == '\'' && next == Some('\'') && after == Some('\'') && !prev_open;
        let doubled = matches!((c, next), ('\'', Some('\'')) | ('`', Some('`'))) && !closes_nested;
        let mark = if doubled {
            skip_next = true;
            // Between spaces it closes as well as it opens (`coalitions, '' said Mr. Gunnels`).
            match c {
                '`' => Mark::Open { single: false },
                _ if prev_open && !after.is_none_or(char::is_whitespace) => Mark::Open { single: false },
                _ => Mark::Either { single: false },
            }
        } else {
            let Some(mark) = classify(prev, c, next) else { continue };
            mark
        };
        let end = byte + c.len_utf8() * if doubled { 2 } else { 1 };
        let style = style_of(c, doubled);
        match (mark, open_double, open_single) {
            (Mark::Open { single: false } | Mark::Either { single: false }, None, _) => {
                // No nested quote is open here: every close of the outer one clears it.
                open_double = Some(byte);
                open_style = style;
            }
            (Mark::Close { single: false } | Mark::Either { single: false }, Some(_), _) if nested == Some(style) => {
                nested = None;
            }
            (Mark::Open { single: false }, Some(_), _) if style != open_style && nested.is_none() => {
                nested = Some(style);
            }
            (Mark::Close { single: false } | Mark::Either { single: false }, Some(start), _) => {
                regions.push(region(paragraph, offset, start, end, true, false));
                open_double = None;
                nested = None;
                open_single = None;
            }
            (Mark::Open { single: true }, None, None) => open_single = Some(byte),
            (Mark::Close { single: true } | Mark::Either { single: true }, None, Some(start)) => {
                regions.push(region(paragraph, offset, start, end, true, true));
                open_single = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open_double {
        regions.push(region(paragraph, offset, start, paragraph.len(), false, false));
    }
    regions.sort_by_key(|region| region.outer.start);
    regions
}

fn region(paragraph: &str, offset: usize, open: usize, end: usize, closed: bool, single: bool) -> Region {
    let doubled = |mark: &str| mark.starts_with("''") || mark.starts_with("``");
    let open_len =
        if doubled(&paragraph[open..]) { 2 } else { paragraph[open..].chars().next().map_or(1, char::len_utf8) };
    let close_len = match closed {
        false => 0,
        true if paragraph[..end].ends_with("''") => 2,
        true => paragraph[..end].chars().next_back().map_or(1, char::len_utf8),
    };
    let inner_start = open + open_len;
    let inner_end = end - close_len;
    let inner = &paragraph[inner_start..inner_end.max(inner_start)];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    let content = offset + inner_start + lead..offset + (inner_end - trail).max(inner_start + lead);
    Region { content, outer: offset + open..offset + end, closed, single, n_paragraphs: 1 }
}

#[cfg(test)]
mod tests {
    use crate::marks::regions;

    fn check(text: &str, expected: &[&str]) {
        let found: Vec<String> = regions(text)
            .iter()
            .map(|region| {
                let flags = format!(
                    "{}{}",
                    if region.closed { "" } else { " open" },
                    if region.single { " single" } else { "" }
                );
                format!("{}{flags}", &text[region.content.clone()])
            })
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn curly_and_straight() {
        check("“No country,” he said, “has.”", &["No country,", "has."]);
        check("“Real problems here,“ said Jim Clyburn. “Yes.”", &["Real problems here,", "Yes."]);
        check("He said ”No way” and left.", &["No way"]);
        check("He said \"it's fine\" and 'ok'.", &["it's fine", "ok single"]);
        // A straight mark with a space on both sides closes the quote it ends.
        check("\"Watch someone say, 'Keep it alive,' \" said Fiorina.", &["Watch someone say, 'Keep it alive,'"]);
    }

    #[test]
    fn apostrophes_and_nesting() {
        check("US Push ‘Not a Betrayal,’ Says Hegseth", &["Not a Betrayal, single"]);
        check("‘It’s All Garbage’", &["It’s All Garbage single"]);
        check(
            "“So: ‘Oh, your stance is pro-’ … it’s all garbage.”",
            &["So: ‘Oh, your stance is pro-’ … it’s all garbage."],
        );
        check("the allies’ worries and Hegseth’s “common sense” approach", &["common sense"]);
        // A quote of the other family inside: its marks are the inner quote's, not the outer's.
        check(
            "\"The Justice Department isn’t about “Equal Justice Under Law” anymore,\" she said.",
            &["The Justice Department isn’t about “Equal Justice Under Law” anymore,"],
        );
        check("“He called it \"crazy\" twice,” she said.", &["He called it \"crazy\" twice,"]);
        // Sloppy text that closes a curly quote with a straight mark still pairs.
        check("“It is over.\" he said.", &["It is over."]);
    }

    #[test]
    fn doubled_apostrophes_are_double_marks() {
        check("''That wasn't a good way to treat me,'' he said.", &["That wasn't a good way to treat me,"]);
        check(
            "''It is built on coalitions, '' said Mr. Gunnels. ''He is no leftist.''",
            &["It is built on coalitions,", "He is no leftist."],
        );
        check("He said ``it is over'' and left.", &["it is over"]);
        // A nested single quote closing with the double one: ' then ''.
        check(
            "''We are told, 'Kosovo is a special case,''' Mr. Putin said. ''It is all lies.''",
            &["We are told, 'Kosovo is a special case,'", "It is all lies."],
        );
        check("'''Tis the season,'' he said.", &["'Tis the season,"]);
    }

    #[test]
    fn quote_over_paragraphs() {
        check("“First part, no close.\n“Second part.”\nNarration.", &["First part, no close.\n“Second part."]);
        check("“Unclosed.\nNarration follows.", &["Unclosed. open"]);
    }
}
