//! Code-point offsets into an article's text, and the one place where bytes become code points.
//!
//! Every span sitrep writes counts Unicode scalar values (code points), as Python's `str` indexes,
//! so a consumer in any language can slice `text[start:end]` with them. Rust strings are UTF-8
//! bytes, so the stages find matches in bytes and convert here, exactly once, through
//! [`CharIndex`].

use serde::{Deserialize, Serialize};

/// An offset counted in Unicode code points from the start of `Article::text`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CharOffset(pub usize);

/// A half-open range of code points: `start` inclusive, `end` exclusive, `start <= end`.
///
/// Slice the article text with it as `text.chars().skip(start).take(end - start)`, or in Python
/// as `text[start:end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First code point of the span.
    pub start: CharOffset,
    /// One past the last code point of the span.
    pub end: CharOffset,
}

impl Span {
    /// A span from `start` to `end`; the two are swapped if given in the wrong order, so a span
    /// always satisfies `start <= end`.
    pub fn new(start: usize, end: usize) -> Span {
        let (start, end) = if start <= end { (start, end) } else { (end, start) };
        Span { start: CharOffset(start), end: CharOffset(end) }
    }

    /// Number of code points covered.
    pub fn len(&self) -> usize {
        self.end.0 - self.start.0
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one code point.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely within this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Converts byte offsets of one text into code-point offsets and back.
///
/// Built once per text in O(n); each conversion is then a binary search. Only the characters
/// of more than one byte are recorded (news in English holds few: quotation marks, dashes), so
/// an ASCII text costs one scan and no memory. Byte offsets must fall on character boundaries;
/// the stages only ever produce such offsets from `str` searches.
#[derive(Clone, Debug)]
pub struct CharIndex {
    /// Every character of more than one byte, in text order.
    wide: Vec<WideChar>,
    n_bytes: usize,
    n_chars: usize,
}

/// Where a character of more than one byte stands, in bytes and in code points.
#[derive(Clone, Copy, Debug)]
struct WideChar {
    byte: usize,
    /// One past its last byte.
    end: usize,
    char: usize,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        let bytes = text.as_bytes();
        let mut wide = Vec::new();
        // Continuation bytes (the second and later bytes of wide characters) before `at`.
        let mut continuations = 0;
        let mut at = 0;
        while let Some(offset) = bytes.get(at..).and_then(|rest| rest.iter().position(|&byte| byte >= 0x80)) {
            let byte = at + offset;
            let width = match bytes[byte] {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let end = (byte + width).min(bytes.len());
            wide.push(WideChar { byte, end, char: byte - continuations });
            continuations += end - byte - 1;
            at = end;
        }
        CharIndex { wide, n_bytes: bytes.len(), n_chars: bytes.len() - continuations }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.n_chars
    }

    /// The code-point offset of a byte offset. A byte offset inside a character maps to that
    /// character; one past the end maps to the end.
    pub fn char_of_byte(&self, byte: usize) -> CharOffset {
        if byte >= self.n_bytes {
            return CharOffset(self.n_chars);
        }
        let before = self.wide.partition_point(|wide| wide.byte <= byte);
        CharOffset(match before.checked_sub(1).map(|idx| self.wide[idx]) {
            None => byte,
            Some(wide) if byte < wide.end => wide.char,
            Some(wide) => wide.char + 1 + (byte - wide.end),
        })
    }

    /// The byte offset where a code point starts; offsets past the end clamp to the text length.
    pub fn byte_of_char(&self, offset: CharOffset) -> usize {
        let char = offset.0;
        if char >= self.n_chars {
            return self.n_bytes;
        }
        let before = self.wide.partition_point(|wide| wide.char <= char);
        match before.checked_sub(1).map(|idx| self.wide[idx]) {
            None => char,
            Some(wide) if wide.char == char => wide.byte,
            Some(wide) => wide.end + (char - wide.char - 1),
        }
    }

    /// The code-point span of a byte range.
    pub fn span_of_bytes(&self, byte_start: usize, byte_end: usize) -> Span {
        Span::new(self.char_of_byte(byte_start).0, self.char_of_byte(byte_end).0)
    }

    /// The byte range of a code-point span, clamped to the text.
    pub fn bytes_of_span(&self, span: Span) -> std::ops::Range<usize> {
        self.byte_of_char(span.start)..self.byte_of_char(span.end)
    }
}

/// The text a span covers, or `None` when the span runs past the end of `text`.
pub fn slice_chars(text: &str, span: Span) -> Option<&str> {
    let index = CharIndex::new(text);
    if span.end.0 > index.char_len() {
        return None;
    }
    text.get(index.bytes_of_span(span))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::span::{CharIndex, CharOffset, Span, slice_chars};

    #[test]
    fn converts_multibyte_text() {
        let text = "“No,” he said — 5€";
        let index = CharIndex::new(text);
        let byte_start = text.find("he").unwrap_or_default();
        let span = index.span_of_bytes(byte_start, byte_start + 2);
        assert_eq!(span, Span::new(6, 8));
        assert_eq!(slice_chars(text, span), Some("he"));
        assert_eq!(index.char_len(), text.chars().count());
        assert_eq!(slice_chars(text, Span::new(17, 19)), None);
    }

    proptest! {
        #[test]
        fn bytes_and_chars_round_trip(text in "\\PC{0,40}", a in 0usize..50, b in 0usize..50) {
            let index = CharIndex::new(&text);
            let n_chars = index.char_len();
            let span = Span::new(a.min(n_chars), b.min(n_chars));
            let bytes = index.bytes_of_span(span);
            prop_assert_eq!(index.span_of_bytes(bytes.start, bytes.end), span);
            let expected: String = text.chars().skip(span.start.0).take(span.len()).collect();
            prop_assert_eq!(slice_chars(&text, span), Some(expected.as_str()));
        }

        /// Against the plain reading: the byte offset of every code point, one after another.
        #[test]
        fn offsets_are_those_of_counting_every_character(
            text in "(\\PC|[a-z ]{1,5}){0,30}",
            byte in 0usize..140,
            char in 0usize..70,
        ) {
            let byte_of_char: Vec<usize> =
                text.char_indices().map(|(byte, _)| byte).chain([text.len()]).collect();
            let index = CharIndex::new(&text);
            prop_assert_eq!(index.char_len(), byte_of_char.len() - 1);
            let expected_char = match byte_of_char.binary_search(&byte) {
                Ok(idx) => idx,
                Err(next) => next - 1,
            };
            prop_assert_eq!(index.char_of_byte(byte), CharOffset(expected_char));
            let expected_byte = byte_of_char[char.min(byte_of_char.len() - 1)];
            prop_assert_eq!(index.byte_of_char(CharOffset(char)), expected_byte);
        }
    }
}
