//! Small text helpers for comparing names and remarks across articles.

/// Lower-case alphanumeric words, accents and punctuation aside.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).map(|word| word.to_lowercase()).collect()
}

/// A slug for ids: "Pete Hegseth" -> "pete-hegseth".
pub(crate) fn slug(text: &str) -> String {
    words(text).join("-")
}

/// Words too common to tell stories or remarks apart.
pub(crate) fn is_stopword(word: &str) -> bool {
    const STOPWORDS: &[&str] = &[
        "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
        "could", "did", "do", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is",
        "it", "its", "more", "not", "of", "on", "one", "or", "our", "s", "said", "says", "she", "so", "than", "that",
        "the", "their", "them", "there", "they", "this", "to", "was", "we", "were", "what", "when", "which", "while",
        "who", "will", "with", "would", "you",
    ];
    STOPWORDS.contains(&word)
}

/// The sentence-like stretch of `text` around a code-point span: from the previous sentence end
/// or line break to the next, for showing a date or number in context.
pub(crate) fn context_around(text: &str, start: usize, end: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let start = start.min(chars.len());
    let end = end.min(chars.len()).max(start);
    let mut from = start;
    while from > 0
        && chars[from - 1] != '\n'
        && !(from >= 2 && matches!(chars[from - 2], '.' | '!' | '?') && chars[from - 1] == ' ')
    {
        from -= 1;
    }
    let mut to = end;
    while to < chars.len()
        && chars[to] != '\n'
        && !(matches!(chars[to], '.' | '!' | '?') && chars.get(to + 1).is_none_or(|c| *c == ' ' || *c == '\n'))
    {
        to += 1;
    }
    let to = (to + 1).min(chars.len());
    chars[from..to].iter().collect::<String>().trim().to_string()
}

#[cfg(test)]
mod tests {
    use crate::text::{context_around, slug};

    #[test]
    fn slugs_and_context() {
        assert_eq!(slug("U.S. Defense Secretary"), "u-s-defense-secretary");
        let text = "First one. Talks resume next week in Geneva. Last.\nOther line.";
        assert_eq!(context_around(text, 25, 34), "Talks resume next week in Geneva.");
    }
}
