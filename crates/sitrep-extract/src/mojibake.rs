//! Text that was UTF-8 but got decoded as Latin-1 or windows-1252 somewhere upstream ("debtâ€”
//! nearly", "cats.Â"): a scraper that ignored the page's charset, a page whose `<meta>` lies.
//!
//! Such text maps back to bytes one character each, and those bytes are valid UTF-8. Text that
//! really is Latin-1 almost never is: an accented letter is followed by an ASCII one, which no
//! UTF-8 sequence allows. So the repair is all or nothing over the whole text, and only when
//! every character maps back and the bytes decode.

/// The windows-1252 characters of bytes 0x80 to 0x9F (where Latin-1 has control characters).
const CP1252_HIGH: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// The byte a character of Latin-1 or windows-1252 text was decoded from.
fn byte_of(c: char) -> Option<u8> {
    match u8::try_from(u32::from(c)) {
        Ok(byte) => Some(byte),
        Err(_) => CP1252_HIGH.iter().find(|(high, _)| *high == c).map(|&(_, byte)| byte),
    }
}

/// The text as it was before a wrong decoding, if it was decoded wrongly; `None` otherwise.
pub(crate) fn repair(text: &str) -> Option<String> {
    if !looks_misdecoded(text) {
        return None;
    }
    let bytes = text.chars().map(byte_of).collect::<Option<Vec<u8>>>()?;
    String::from_utf8(bytes).ok()
}

/// A quick look for the mark of a wrong decoding: the lead of a UTF-8 sequence (U+00C2 to
/// U+00F4, which UTF-8 writes as 0xC3 and one more byte) followed by a continuation byte's
/// character.
fn looks_misdecoded(text: &str) -> bool {
    memchr::memchr_iter(0xC3, text.as_bytes()).any(|at| {
        let mut chars = text[at..].chars();
        chars.next().is_some_and(|c| ('\u{c2}'..='\u{f4}').contains(&c))
            && chars.next().and_then(byte_of).is_some_and(|byte| (0x80..=0xBF).contains(&byte))
    })
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn utf8_read_as_latin1_or_windows1252_is_restored() {
        let original = "37 percent wound up in debt—nearly seven in ten. That’s “crisis” financing, café, naïve, €5";
        let as_latin1: String = original.bytes().map(char::from).collect();
        assert_eq!(repair(&as_latin1).as_deref(), Some(original));
        let (as_cp1252, _, _) = encoding_rs::WINDOWS_1252.decode(original.as_bytes());
        assert_ne!(as_cp1252, original);
        assert_eq!(repair(&as_cp1252).as_deref(), Some(original));
    }

    #[test]
    fn text_decoded_right_is_left_alone() {
        for text in [
            "plain ASCII",
            "Talks in Genève — “no deal”, said Mr. Müller",
            "Â alone, then ASCII",
            "À bientôt, façade, Ñandú",
            "日本語のテキスト",
            "A real “Ã©” written with a quote after it: Ã© and an emoji 😀",
        ] {
            assert_eq!(repair(text), None, "{text}");
        }
    }
}
