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

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
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
                    || (is_apostrophe(c) && next_is_alnum && !is_possessive_s(&chars, idx));
                if joins {
                    idx += 1;
                } else if c == '.' && char_at(idx + 1).is_some_and(char::is_alphabetic) && char_at(idx + 2) == Some('.')
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
        } else if is_apostrophe(c) && is_possessive_s(&chars, idx) {
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

pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// An apostrophe followed by `s` and then a non-letter: the possessive clitic.
fn is_possessive_s(chars: &[(usize, char)], idx: usize) -> bool {
    let next = chars.get(idx + 1).map(|&(_, c)| c);
    let after = chars.get(idx + 2).map(|&(_, c)| c);
    idx > 0 && matches!(next, Some('s' | 'S')) && !after.is_some_and(char::is_alphanumeric)
}

fn takes_period(word: &str) -> bool {
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let is_acronym = word.contains('.');
    is_initial || is_acronym || ABBREVIATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use crate::token::tokenize;

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
