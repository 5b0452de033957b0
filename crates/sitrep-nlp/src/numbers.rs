//! Number words and numerals shared by the quantity and time annotators.

/// The value of a numeral token ("66.5", "1,200") or a number word ("three", "dozen").
pub(crate) fn number_value(word: &str) -> Option<f64> {
    if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return word.replace(',', "").parse().ok();
    }
    let value = match word.to_lowercase().as_str() {
        "one" | "a" | "an" => 1.0,
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
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "hundred" => 100.0,
        "dozen" => 12.0,
        "several" => 3.0,
        _ => return None,
    };
    Some(value)
}

/// True for number words that count on their own ("three ships"), unlike "a" or "one".
pub(crate) fn is_number_word(word: &str) -> bool {
    !matches!(word.to_lowercase().as_str(), "a" | "an" | "several")
        && number_value(word).is_some()
        && !word.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The multiplier of a scale word.
pub(crate) fn scale(word: &str) -> Option<f64> {
    match word.to_lowercase().as_str() {
        "thousand" | "k" => Some(1e3),
        "million" | "millions" | "m" | "mn" => Some(1e6),
        "billion" | "billions" | "bn" | "b" => Some(1e9),
        "trillion" | "trillions" | "tn" => Some(1e12),
        _ => None,
    }
}
