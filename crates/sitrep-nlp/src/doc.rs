//! One article's text prepared for the annotators: tokens, paragraphs, sentences, and lookups
//! between them. Annotators work in token indices and byte offsets; [`Doc::span`] turns a byte
//! range into the code-point [`Span`] of the output.

use std::ops::Range;

use sitrep_model::{CharIndex, Span};

use crate::segment::{Segments, segment};
use crate::token::{Token, TokenKind, tokenize};

pub(crate) struct Doc<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: Vec<Token>,
    pub(crate) paragraphs: Vec<Range<usize>>,
    pub(crate) sentences: Vec<Range<usize>>,
    /// Sentence index of every token.
    pub(crate) sentence_of: Vec<usize>,
    /// Paragraph index of every token.
    pub(crate) paragraph_of: Vec<usize>,
    /// Whether the article has a headline as its first paragraph.
    pub(crate) has_headline: bool,
    chars: CharIndex,
    /// Every token in lower case, one after another: token `idx`'s form ends at
    /// `lower_ends[idx]` (see [`Doc::lower`]).
    lower_text: String,
    lower_ends: Vec<usize>,
    /// Per paragraph, whether it reads as a heading (see [`Doc::is_heading`]).
    headings: Vec<bool>,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(text: &'a str, title: Option<&str>) -> Doc<'a> {
        let tokens = tokenize(text);
        let Segments { paragraphs, sentences } = segment(text, &tokens);
        let mut sentence_of = vec![0; tokens.len()];
        for (sentence_idx, range) in sentences.iter().enumerate() {
            for slot in &mut sentence_of[range.clone()] {
                *slot = sentence_idx;
            }
        }
        let mut paragraph_of = vec![0; tokens.len()];
        for (paragraph_idx, range) in paragraphs.iter().enumerate() {
            for slot in &mut paragraph_of[range.clone()] {
                *slot = paragraph_idx;
            }
        }
        let has_headline = title.is_some_and(|title| !title.is_empty() && text.starts_with(title));
        let mut lower_text = String::with_capacity(text.len());
        let mut lower_ends = Vec::with_capacity(tokens.len());
        for token in &tokens {
            let word = token.text(text);
            if word.is_ascii() {
                let start = lower_text.len();
                lower_text.push_str(word);
                if let Some(lower) = lower_text.get_mut(start..) {
                    lower.make_ascii_lowercase();
                }
            } else {
                lower_text.push_str(&word.to_lowercase());
            }
            lower_ends.push(lower_text.len());
        }
        let mut doc = Doc {
            text,
            tokens,
            paragraphs,
            sentences,
            sentence_of,
            paragraph_of,
            has_headline,
            chars: CharIndex::new(text),
            lower_text,
            lower_ends,
            headings: Vec::new(),
        };
        doc.headings = (0..doc.paragraphs.len()).map(|paragraph_idx| doc.reads_as_heading(paragraph_idx)).collect();
        doc
    }

    /// The words of each sentence, in order: what the named-entity tagger reads.
    pub(crate) fn sentence_words(&self) -> impl Iterator<Item = impl Iterator<Item = &'a str> + '_> + '_ {
        self.sentences.iter().map(|sentence| sentence.clone().map(|idx| self.word(idx)))
    }

    /// The text of token `idx`.
    pub(crate) fn word(&self, idx: usize) -> &'a str {
        self.tokens.get(idx).map_or("", |token| token.text(self.text))
    }

    /// The text of token `idx` in lower case (as `str::to_lowercase` gives it), computed once
    /// for the document: the annotators compare words with their lists in lower case.
    pub(crate) fn lower(&self, idx: usize) -> &str {
        let start = idx.checked_sub(1).and_then(|previous| self.lower_ends.get(previous)).copied().unwrap_or(0);
        self.lower_ends.get(idx).and_then(|&end| self.lower_text.get(start..end)).unwrap_or_default()
    }

    pub(crate) fn is_word(&self, idx: usize) -> bool {
        self.tokens.get(idx).is_some_and(|token| token.kind == TokenKind::Word)
    }

    /// True for a word starting with an upper-case letter.
    pub(crate) fn is_capitalised(&self, idx: usize) -> bool {
        self.is_word(idx) && self.word(idx).chars().next().is_some_and(char::is_uppercase)
    }

    /// How many of the tokens in `tokens` are words.
    pub(crate) fn n_words(&self, tokens: Range<usize>) -> usize {
        tokens.filter(|&idx| self.is_word(idx)).count()
    }

    /// Byte range covered by a token range.
    pub(crate) fn bytes(&self, tokens: Range<usize>) -> Range<usize> {
        match (self.tokens.get(tokens.start), tokens.end.checked_sub(1).and_then(|last| self.tokens.get(last))) {
            (Some(first), Some(last)) if tokens.start < tokens.end => first.start..last.end,
            _ => 0..0,
        }
    }

    /// Text covered by a token range.
    pub(crate) fn text_of(&self, tokens: Range<usize>) -> &'a str {
        self.text.get(self.bytes(tokens)).unwrap_or_default()
    }

    /// The code-point span of a byte range.
    pub(crate) fn span(&self, bytes: Range<usize>) -> Span {
        self.chars.span_of_bytes(bytes.start, bytes.end)
    }

    /// The first token starting at or after a byte offset.
    pub(crate) fn token_at_or_after(&self, byte: usize) -> usize {
        self.tokens.partition_point(|token| token.start < byte)
    }

    /// True when the paragraph reads like a heading: short, no final stop, mostly capitalised.
    pub(crate) fn is_heading(&self, paragraph_idx: usize) -> bool {
        self.headings.get(paragraph_idx).copied().unwrap_or(false)
    }

    /// [`Doc::is_heading`], computed once per paragraph when the document is made: it is asked
    /// for every capitalised word.
    fn reads_as_heading(&self, paragraph_idx: usize) -> bool {
        let Some(range) = self.paragraphs.get(paragraph_idx) else { return false };
        if range.len() > 20 {
            return false;
        }
        let words: Vec<usize> =
            range.clone().filter(|&idx| self.is_word(idx) && self.word(idx).chars().count() > 3).collect();
        let last = self.word(range.end.saturating_sub(1));
        let n_capitalised = words.iter().filter(|&&idx| self.is_capitalised(idx)).count();
        last != "." && !words.is_empty() && n_capitalised * 10 >= words.len() * 7
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_forms_line_up_with_the_tokens() {
        let doc = Doc::new("Le Président SAID «Non» to İstanbul.", None);
        let words: Vec<&str> = (0..doc.tokens.len()).map(|idx| doc.word(idx)).collect();
        let lowers: Vec<&str> = (0..doc.tokens.len()).map(|idx| doc.lower(idx)).collect();
        let expected: Vec<String> = words.iter().map(|word| word.to_lowercase()).collect();
        assert_eq!(lowers, expected);
        assert!(lowers.contains(&"président") && lowers.contains(&"said"));
        assert_eq!(doc.lower(doc.tokens.len()), "");
    }
}
