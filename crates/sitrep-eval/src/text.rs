//! Tokens as Python's `re.findall(r'\w+', s)` finds them, and the `norm` of the reference scorers.

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

/// Python's `\w` for `str` patterns: letters, numbers of any kind, and the underscore.
fn is_word_char(c: char) -> bool {
    use GeneralCategory::*;
    c == '_'
        || matches!(
            get_general_category(c),
            UppercaseLetter
                | LowercaseLetter
                | TitlecaseLetter
                | ModifierLetter
                | OtherLetter
                | DecimalNumber
                | LetterNumber
                | OtherNumber
        )
}

/// The runs of word characters of `text`.
pub(crate) fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (byte, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(byte),
            (false, Some(from)) => {
                out.push(&text[from..byte]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        out.push(&text[from..]);
    }
    out
}

/// NFKC, lower case, word tokens joined by one space.
pub(crate) fn norm(text: &str) -> String {
    let normalised: String = text.nfkc().collect::<String>().to_lowercase();
    tokens(&normalised).join(" ")
}

#[cfg(test)]
mod tests {
    use crate::text::{norm, tokens};

    #[test]
    fn python_word_tokens() {
        assert_eq!(
            tokens("U.S. $66.5bn — it’s 5%! snake_case ½"),
            ["U", "S", "66", "5bn", "it", "s", "5", "snake_case", "½"]
        );
        assert_eq!(norm("Ｔｏｐ 10: Best App"), "top 10 best app");
    }
}
