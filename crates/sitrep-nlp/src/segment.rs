//! Paragraphs and sentences over the token list.
//!
//! Paragraphs are hard breaks: blank lines in `Article::text`, or single line breaks in text that
//! uses one line per paragraph. Sentences end at `.`, `!`, `?` or an ellipsis followed by closing
//! quotes or brackets, when the next token opens a sentence; abbreviations keep their period as
//! part of the word, so "Mr." and "Jan. 5" never end one.

use std::ops::Range;

use crate::token::{Token, TokenKind};

/// Token ranges of paragraphs and of the sentences inside them.
#[derive(Clone, Debug)]
pub(crate) struct Segments {
    pub(crate) paragraphs: Vec<Range<usize>>,
    pub(crate) sentences: Vec<Range<usize>>,
}

/// Sentence openers that make a dotted acronym ("the U.S. The ...") end a sentence.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "In",
    "On",
    "A",
    "An",
    "His",
    "Her",
    "Their",
    "Its",
    "However",
    "Meanwhile",
    "After",
    "Before",
    "While",
];

pub(crate) fn segment(text: &str, tokens: &[Token]) -> Segments {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for idx in 1..=tokens.len() {
        let at_end = idx == tokens.len();
        if at_end || text.get(tokens[idx - 1].end..tokens[idx].start).is_some_and(|gap| gap.contains('\n')) {
            if start < idx {
                paragraphs.push(start..idx);
            }
            start = idx;
        }
    }
    let mut sentences = Vec::new();
    for paragraph in &paragraphs {
        let mut start = paragraph.start;
        let mut idx = paragraph.start;
        while idx < paragraph.end {
            let mut end = idx + 1;
            if ends_sentence(text, tokens, idx) {
                while end < paragraph.end && is_closer(tokens[end].text(text)) && closes_attached(text, tokens, end) {
                    end += 1;
                }
                if end == paragraph.end || opens_sentence(text, &tokens[end], &tokens[idx]) {
                    sentences.push(start..end);
                    start = end;
                }
            }
            idx = end;
        }
        if start < paragraph.end {
            sentences.push(start..paragraph.end);
        }
    }
    Segments { paragraphs, sentences }
}

fn ends_sentence(text: &str, tokens: &[Token], idx: usize) -> bool {
    let token = &tokens[idx];
    let word = token.text(text);
    match token.kind {
        TokenKind::Punct => matches!(word, "." | "!" | "?" | "…" | "..." | "...."),
        // A dotted acronym at the end of a sentence carries the full stop.
        TokenKind::Word => word.len() > 2 && word.ends_with('.') && word[..word.len() - 1].contains('.'),
        TokenKind::Number => false,
    }
}

/// A straight quotation mark after a space opens the next quote rather than closing this sentence.
fn closes_attached(text: &str, tokens: &[Token], idx: usize) -> bool {
    let word = tokens[idx].text(text);
    let attached = tokens[idx - 1].end == tokens[idx].start;
    attached || !matches!(word, "\"" | "'")
}

fn is_closer(word: &str) -> bool {
    matches!(word, "”" | "’" | "\"" | "'" | ")" | "]" | "»" | "›")
}

fn opens_sentence(text: &str, next: &Token, ender: &Token) -> bool {
    let word = next.text(text);
    let ender_word = ender.text(text);
    if ender.kind == TokenKind::Word {
        return SENTENCE_OPENERS.contains(&word);
    }
    let first = word.chars().next();
    let is_ellipsis = ender_word.starts_with("..") || ender_word == "…";
    match first {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_ascii_digit() => !is_ellipsis,
        Some('“' | '"' | '‘' | '«' | '(' | '-' | '—') => !is_ellipsis,
        // Doubled apostrophes open a quotation in some newspapers' text (''But ...'').
        Some('\'') => {
            let after = text.get(next.end..).and_then(|rest| rest.chars().next());
            !is_ellipsis && (word == "''" || after.is_some_and(|c| c == '\'' || c.is_uppercase()))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::segment::segment;
    use crate::token::tokenize;

    fn sentences(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let segments = segment(text, &tokens);
        segments
            .sentences
            .iter()
            .map(|range| text[tokens[range.start].start..tokens[range.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn splits_before_doubled_apostrophes() {
        assert_eq!(
            sentences("''It was booming,'' Ms. Hughes said. ''But those days are gone.''"),
            ["''It was booming,'' Ms. Hughes said.", "''But those days are gone.''"]
        );
    }

    #[test]
    fn splits_news_sentences() {
        assert_eq!(
            sentences("Mr. Smith met Gen. Cavoli on Jan. 5. They talked."),
            ["Mr. Smith met Gen. Cavoli on Jan. 5.", "They talked."]
        );
        assert_eq!(
            sentences("“Even 2% is not enough,” he said. “5% is critical.”"),
            ["“Even 2% is not enough,” he said.", "“5% is critical.”"]
        );
        assert_eq!(
            sentences("roles went to the U.K. The group met in the U.S. Capitol."),
            ["roles went to the U.K.", "The group met in the U.S. Capitol."]
        );
        assert_eq!(
            sentences("‘Oh, your stance is pro-’ … it’s all garbage."),
            ["‘Oh, your stance is pro-’ … it’s all garbage."]
        );
        assert_eq!(
            sentences("Headline Without Stop\nBody starts here."),
            ["Headline Without Stop", "Body starts here."]
        );
        assert_eq!(sentences("He said. \"The cargo,\" he said."), ["He said.", "\"The cargo,\" he said."]);
        assert_eq!(
            sentences("Lt. Col. Dana Reyes and J. R. Moss met Dr. Hart at 3.5 p.m. on Friday. They spoke."),
            ["Lt. Col. Dana Reyes and J. R. Moss met Dr. Hart at 3.5 p.m. on Friday.", "They spoke."]
        );
        assert_eq!(
            sentences("First paragraph with no stop\n\nSecond one."),
            ["First paragraph with no stop", "Second one."]
        );
    }
}
