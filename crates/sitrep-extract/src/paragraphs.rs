//! Splitting text into paragraphs, whichever convention the file follows.

/// Splits text into paragraphs with inner whitespace folded.
///
/// Files use two conventions: one paragraph per line (scraped text), or paragraphs separated by
/// blank lines with hard-wrapped lines inside (typed text). When most blank-line blocks hold
/// several short lines, the file is hard-wrapped and each block is one paragraph; otherwise every
/// line is a paragraph.
pub(crate) fn split(text: &str) -> Vec<String> {
    let blocks: Vec<&str> = text.split("\n\n").filter(|block| !block.trim().is_empty()).collect();
    let n_wrapped = blocks.iter().filter(|block| is_hard_wrapped(block)).count();
    let hard_wrapped = n_wrapped * 2 > blocks.len();
    let mut paragraphs = Vec::new();
    for block in blocks {
        if hard_wrapped {
            paragraphs.push(normalise_space(block));
        } else {
            paragraphs.extend(block.lines().map(normalise_space).filter(|line| !line.is_empty()));
        }
    }
    paragraphs
}

fn is_hard_wrapped(block: &str) -> bool {
    let lines: Vec<&str> = block.lines().filter(|line| !line.trim().is_empty()).collect();
    lines.len() >= 2
        && lines.iter().all(|line| line.chars().count() <= 100)
        && !lines.iter().all(|line| looks_like_list_item(line))
}

fn looks_like_list_item(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with(['-', '*', '•', '–']) || line.split_once(". ").is_some_and(|(n, _)| n.parse::<u32>().is_ok())
}

/// Folds runs of whitespace (including non-breaking and zero-width spaces) into one space and
/// trims the ends.
pub(crate) fn normalise_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::paragraphs::split;

    #[test]
    fn one_paragraph_per_line() {
        assert_eq!(split("First line.\nSecond  line.\n\nThird."), ["First line.", "Second line.", "Third."]);
    }

    #[test]
    fn hard_wrapped_blocks_are_joined() {
        let text = "The talks resumed on Monday\nafter a week of delays.\n\nOfficials said\nlittle else.";
        assert_eq!(split(text), ["The talks resumed on Monday after a week of delays.", "Officials said little else."]);
    }

    #[test]
    fn list_blocks_stay_lines() {
        assert_eq!(
            split("Trump has:\n\n- Paused aid.\n- Pushed talks."),
            ["Trump has:", "- Paused aid.", "- Pushed talks."]
        );
    }
}
