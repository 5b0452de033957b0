//! Tokens of news English: words with their abbreviation periods ("U.S.", "Gen.", "Jan."),
//! numbers with separators ("66.5", "1,200"), possessive "’s" split off, ellipses as one token,
//! every other mark a token of its own. Offsets are bytes into the text.

/// One token: a byte range of the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: TokenKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters, possibly with inner hyphens, apostrophes or abbreviation periods.
    Word,
    /// Digits with inner separators.
    Number,
    /// Any single mark, or an ellipsis.
    Punct,
}

impl Token {
    pub(crate) fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or_default()
    }
}

/// Words that take a period as part of themselves.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Adm", "Sgt", "Cpl", "Sen", "Rep", "Gov", "Atty", "St",
    "Jr", "Sr", "Prof", "Rev", "Hon", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "No", "vs", "etc", "Inc", "Corp", "Ltd", "Co", "Mt", "Ft", "approx", "est", "Dept", "Univ",
];

/// Splits `text` into tokens. The text is read a character at a time from byte offsets, an
/// ASCII byte without decoding.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let chars = Chars(text);
    // About one token per five bytes of news text: one allocation for most documents.
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let mut idx = 0;
    while let Some((c, after)) = chars.at(idx) {
        if c.is_whitespace() {
            idx = after;
            continue;
        }
        let start = idx;
        let kind = if c.is_alphabetic() {
            idx = after;
            while let Some((c, after)) = chars.at(idx) {
                if c.is_alphanumeric() {
                    idx = after;
                    continue;
                }
                let next = chars.at(after);
                let next_is_alnum = next.is_some_and(|(next, _)| next.is_alphanumeric());
                // Hyphens and apostrophes join letters ("secretary-general", "it's"); the
                // possessive "’s" stays a token of its own.
                let joins = ((c == '-' || c == '‑') && next_is_alnum)
                    || (is_apostrophe(c) && next_is_alnum && !chars.is_possessive_s(idx));
                match next {
                    _ if joins => idx = after,
                    // Dotted acronyms: U.S., U.K., U.N.
                    Some((letter, after_letter)) if c == '.' && letter.is_alphabetic() => {
                        if chars.at(after_letter).is_some_and(|(c, _)| c == '.') {
                            idx = after_letter;
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            if let Some(('.', after)) = chars.at(idx)
                && takes_period(&text[start..idx])
            {
                idx = after;
            }
            TokenKind::Word
        } else if c.is_ascii_digit() {
            idx = after;
            while let Some((c, after)) = chars.at(idx) {
                let next_is_digit = chars.at(after).is_some_and(|(next, _)| next.is_ascii_digit());
                if c.is_ascii_digit() || ((c == ',' || c == '.') && next_is_digit) {
                    idx = after;
                } else {
                    break;
                }
            }
            TokenKind::Number
        } else if is_apostrophe(c) && chars.is_possessive_s(idx) {
            // The apostrophe and the "s" (one byte) after it.
            idx = after + 1;
            TokenKind::Word
        } else {
            idx = after;
            if c == '.' {
                while let Some(('.', after)) = chars.at(idx) {
                    idx = after;
                }
            }
            TokenKind::Punct
        };
        tokens.push(Token { start, end: idx, kind });
    }
    tokens
}

/// A text read a character at a time from byte offsets.
#[derive(Clone, Copy)]
struct Chars<'a>(&'a str);

impl Chars<'_> {
    /// The character starting at byte `idx` and the byte after it.
    fn at(self, idx: usize) -> Option<(char, usize)> {
        match *self.0.as_bytes().get(idx)? {
            byte if byte.is_ascii() => Some((char::from(byte), idx + 1)),
            _ => self.0.get(idx..)?.chars().next().map(|c| (c, idx + c.len_utf8())),
        }
    }

    /// An apostrophe at byte `idx` (not the text's first character) followed by `s` and then a
    /// non-letter: the possessive clitic.
    fn is_possessive_s(self, idx: usize) -> bool {
        let Some((_, s_at)) = self.at(idx) else { return false };
        let Some((next, after)) = self.at(s_at) else { return false };
        idx > 0 && matches!(next, 's' | 'S') && !self.at(after).is_some_and(|(c, _)| c.is_alphanumeric())
    }
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn takes_period(word: &str) -> bool {
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let is_acronym = word.contains('.');
    is_initial || is_acronym || ABBREVIATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use crate::token::{Token, TokenKind, is_apostrophe, takes_period, tokenize};

    /// The tokenizer as it was written first, over a vector of characters: the oracle the byte
    /// reader must agree with.
    fn tokenize_by_chars(text: &str) -> Vec<Token> {
        // Sized once: a text has at most as many characters as bytes.
        let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
        chars.extend(text.char_indices());
        let byte_at = |idx: usize| chars.get(idx).map_or(text.len(), |&(byte, _)| byte);
        let char_at = |idx: usize| chars.get(idx).map(|&(_, c)| c);
        let mut tokens = Vec::new();
        let mut idx = 0;
        while let Some(c) = char_at(idx) {
            if c.is_whitespace() {
                idx += 1;
                continue;
            }
            let start = idx;
            if c.is_alphabetic() {
                idx += 1;
                while let Some(c) = char_at(idx) {
                    let next_is_alnum = char_at(idx + 1).is_some_and(char::is_alphanumeric);
                    // Hyphens and apostrophes join letters ("secretary-general", "it's"); the
                    // possessive "’s" stays a token of its own.
                    let joins = c.is_alphanumeric()
                        || ((c == '-' || c == '‑') && next_is_alnum)
                        || (is_apostrophe(c) && next_is_alnum && !is_possessive_s_by_chars(&chars, idx));
                    if joins {
                        idx += 1;
                    } else if c == '.'
                        && char_at(idx + 1).is_some_and(char::is_alphabetic)
                        && char_at(idx + 2) == Some('.')
                    {
                        // Dotted acronyms: U.S., U.K., U.N.
                        idx += 2;
                    } else {
                        break;
                    }
                }
                if char_at(idx) == Some('.') && takes_period(&text[byte_at(start)..byte_at(idx)]) {
                    idx += 1;
                }
                tokens.push(Token { start: byte_at(start), end: byte_at(idx), kind: TokenKind::Word });
            } else if c.is_ascii_digit() {
                idx += 1;
                while let Some(c) = char_at(idx) {
                    let next_is_digit = char_at(idx + 1).is_some_and(|n| n.is_ascii_digit());
                    if c.is_ascii_digit() || ((c == ',' || c == '.') && next_is_digit) {
                        idx += 1;
                    } else {
                        break;
                    }
                }
                tokens.push(Token { start: byte_at(start), end: byte_at(idx), kind: TokenKind::Number });
            } else if is_apostrophe(c) && is_possessive_s_by_chars(&chars, idx) {
                idx += 2;
                tokens.push(Token { start: byte_at(start), end: byte_at(idx), kind: TokenKind::Word });
            } else {
                idx += 1;
                if c == '.' {
                    while char_at(idx) == Some('.') {
                        idx += 1;
                    }
                }
                tokens.push(Token { start: byte_at(start), end: byte_at(idx), kind: TokenKind::Punct });
            }
        }
        tokens
    }

    fn is_possessive_s_by_chars(chars: &[(usize, char)], idx: usize) -> bool {
        let next = chars.get(idx + 1).map(|&(_, c)| c);
        let after = chars.get(idx + 2).map(|&(_, c)| c);
        idx > 0 && matches!(next, Some('s' | 'S')) && !after.is_some_and(char::is_alphanumeric)
    }

    proptest::proptest! {
        #[test]
        fn reading_bytes_gives_the_tokens_of_reading_characters(
            text in "[aAsSMrUKt.,'’‑ 19$“”…é\\-]{0,40}"
        ) {
            proptest::prop_assert_eq!(tokenize(&text), tokenize_by_chars(&text));
        }
    }

    fn check(text: &str, expected: &str) {
        let tokens: Vec<&str> = tokenize(text).iter().map(|token| token.text(text)).collect();
        assert_eq!(tokens.join(" | "), expected);
    }

    #[test]
    fn news_tokens() {
        check("U.S. Gen. Christopher Cavoli", "U.S. | Gen. | Christopher | Cavoli");
        check("Hegseth’s remarks, it’s all", "Hegseth | ’s | remarks | , | it | ’s | all");
        check("more than $66.5 billion, 1,200 sailors", "more | than | $ | 66.5 | billion | , | 1,200 | sailors");
        check("“Not a Betrayal,’ Says… end...", "“ | Not | a | Betrayal | , | ’ | Says | … | end | ...");
        check("secretary-general of the U.K. He", "secretary-general | of | the | U.K. | He");
        check("on Jan. 5. Then", "on | Jan. | 5 | . | Then");
        check("allies’ worries", "allies | ’ | worries");
        check("Lt. Col. Dana Reyes and Dr. A. J. Moss", "Lt. | Col. | Dana | Reyes | and | Dr. | A. | J. | Moss");
        check("up 2.5% — or €3.2bn – said \"so\"", "up | 2.5 | % | — | or | € | 3.2 | bn | – | said | \" | so | \"");
    }
}
