//! Numbers as news writes them, for the quantity annotator: numerals ("66.5", "1,200"), number
//! words and their compounds ("twenty-five", "two hundred thousand", "two dozen"), fractions ("a
//! third", "half", "two-thirds", "three quarters") and scale words ("billion", "bn", "m").

use crate::doc::Doc;
use crate::token::TokenKind;

/// A number found at a token, and the token after it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct FoundNumber {
    pub(crate) value: f64,
    pub(crate) end: usize,
    /// True for a fraction ("a third", "half"): a share of something, not a count.
    pub(crate) is_fraction: bool,
}

/// The number starting at token `idx`: a numeral, or number words read as one number.
pub(crate) fn number_at(doc: &Doc<'_>, idx: usize) -> Option<FoundNumber> {
    let word = doc.word(idx);
    if doc.tokens.get(idx).is_some_and(|token| token.kind == TokenKind::Number) {
        let value: f64 = word.replace(',', "").parse().ok()?;
        return Some(FoundNumber { value, end: idx + 1, is_fraction: false });
    }
    if let Some(fraction) = fraction_at(doc, idx) {
        return Some(fraction);
    }
    let lower = doc.lower(idx);
    // "a dozen", "a hundred", "a million" count; a bare "a" does not.
    let (mut value, mut end) = match lower {
        "a" | "an" => match doc.lower(idx + 1) {
            "dozen" => (12.0, idx + 2),
            "hundred" => (100.0, idx + 2),
            "thousand" => (1e3, idx + 2),
            "million" => (1e6, idx + 2),
            "billion" => (1e9, idx + 2),
            _ => return None,
        },
        _ => (word_value(lower)?, idx + 1),
    };
    // "twenty five", "two hundred", "two hundred thousand", "two dozen".
    loop {
        let next = doc.lower(end);
        match next {
            "hundred" if value < 100.0 => value *= 100.0,
            "thousand" if value < 1e3 => value *= 1e3,
            "dozen" if value < 100.0 => value *= 12.0,
            "and" if value >= 100.0 && word_value(doc.lower(end + 1)).is_some_and(|v| v < 100.0) => {
                value += word_value(doc.lower(end + 1)).unwrap_or(0.0);
                end += 1;
            }
            _ => match word_value(next) {
                Some(ones) if ones < 10.0 && value >= 20.0 && value % 10.0 == 0.0 && value % 100.0 != 0.0 => {
                    value += ones;
                }
                _ => break,
            },
        }
        end += 1;
    }
    Some(FoundNumber { value, end, is_fraction: false })
}

/// "a third", "half", "two-thirds", "three quarters", "one in five".
fn fraction_at(doc: &Doc<'_>, idx: usize) -> Option<FoundNumber> {
    let lower = doc.lower(idx);
    if lower == "half" {
        return Some(FoundNumber { value: 0.5, end: idx + 1, is_fraction: true });
    }
    if let Some((numerator, denominator)) = lower.split_once('-') {
        let value = word_value(numerator)? / denominator_value(denominator)?;
        return Some(FoundNumber { value, end: idx + 1, is_fraction: true });
    }
    let numerator = match lower {
        "a" | "an" | "one" => 1.0,
        other => word_value(other)?,
    };
    let denominator = denominator_value(doc.lower(idx + 1))?;
    // "one quarter" of a year is a time; "the third" is an ordinal. A fraction here needs "of"
    // after it, or a plural denominator ("two thirds").
    let after = doc.word(idx + 2);
    let plural = doc.word(idx + 1).ends_with('s');
    if after != "of" && !plural {
        return None;
    }
    Some(FoundNumber { value: numerator / denominator, end: idx + 2, is_fraction: true })
}

fn denominator_value(word: &str) -> Option<f64> {
    let value = match word {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    };
    Some(value)
}

/// The value of one number word ("three", "forty", "twenty-five", "dozen").
pub(crate) fn word_value(word: &str) -> Option<f64> {
    if let Some((tens, ones)) = word.split_once('-') {
        let tens = word_value(tens).filter(|tens| *tens >= 20.0 && tens % 10.0 == 0.0 && *tens < 100.0)?;
        let ones = word_value(ones).filter(|ones| (1.0..10.0).contains(ones))?;
        return Some(tens + ones);
    }
    let value = match word {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "dozen" => 12.0,
        _ => return None,
    };
    Some(value)
}

/// The multiplier of a scale word: "billion", "bn", "m".
pub(crate) fn scale(word: &str) -> Option<f64> {
    match word.to_lowercase().as_str() {
        "thousand" | "k" => Some(1e3),
        "million" | "millions" | "m" | "mn" | "mln" => Some(1e6),
        "billion" | "billions" | "bn" | "b" | "bln" => Some(1e9),
        "trillion" | "trillions" | "tn" | "trn" => Some(1e12),
        _ => None,
    }
}

/// The value of an ordinal word or numeral ("third", "3rd"), for "for the third time".
pub(crate) fn ordinal_value(doc: &Doc<'_>, idx: usize) -> Option<(f64, usize)> {
    let word = doc.lower(idx);
    let is_numeral = doc.tokens.get(idx).is_some_and(|token| token.kind == TokenKind::Number);
    if is_numeral {
        let suffix = doc.word(idx + 1);
        let glued = doc.tokens.get(idx).zip(doc.tokens.get(idx + 1)).is_some_and(|(a, b)| a.end == b.start);
        if glued && matches!(suffix, "st" | "nd" | "rd" | "th") {
            return Some((word.parse().ok()?, idx + 2));
        }
        return None;
    }
    let value = match word {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        _ => return None,
    };
    Some((value, idx + 1))
}

#[cfg(test)]
mod tests {
    use crate::doc::Doc;
    use crate::numbers::number_at;

    fn check(text: &str, expected: Option<(f64, &str, bool)>) {
        let doc = Doc::new(text, None);
        let found = number_at(&doc, 0).map(|found| (found.value, doc.text_of(0..found.end), found.is_fraction));
        assert_eq!(found, expected, "{text:?}");
    }

    #[test]
    fn numerals_words_and_fractions() {
        check("1,200 sailors", Some((1200.0, "1,200", false)));
        check("twenty-five ships", Some((25.0, "twenty-five", false)));
        check("twenty five ships", Some((25.0, "twenty five", false)));
        check("two dozen ships", Some((24.0, "two dozen", false)));
        check("two hundred thousand people", Some((200000.0, "two hundred thousand", false)));
        check("a dozen ships", Some((12.0, "a dozen", false)));
        check("a third of the budget", Some((1.0 / 3.0, "a third", true)));
        check("two-thirds of voters", Some((2.0 / 3.0, "two-thirds", true)));
        check("three quarters of the vote", Some((0.75, "three quarters", true)));
        check("half of the troops", Some((0.5, "half", true)));
        check("a ship", None);
        check("the third quarter", None);
    }
}
