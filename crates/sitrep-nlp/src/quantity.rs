//! Quantities, first version: money (symbols, codes and currency words, with scale), percentages
//! (with what they are a share of), and counts of things, each with its qualifier ("more than",
//! "over", "about", "up to", "at least").

use std::ops::Range;

use crate::doc::Doc;
use crate::numbers::{is_number_word, number_value, scale};
use crate::token::TokenKind;

/// A quantity in token terms.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FoundQuantity {
    pub(crate) tokens: Range<usize>,
    pub(crate) value: f64,
    pub(crate) unit: String,
    pub(crate) qualifier: Option<String>,
    pub(crate) of: Option<String>,
}

const QUALIFIERS: &[&[&str]] = &[
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["over"],
    &["about"],
    &["around"],
    &["nearly"],
    &["almost"],
    &["roughly"],
    &["approximately"],
    &["some"],
    &["under"],
    &["just", "over"],
    &["just", "under"],
    &["below"],
    &["above"],
];

const CURRENCY_SYMBOLS: &[(&str, &str)] =
    &[("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₴", "UAH"), ("₽", "RUB")];
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds", "GBP"),
    ("rubles", "RUB"),
    ("roubles", "RUB"),
    ("hryvnias", "UAH"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
];
/// Units of measure, singular and plural, and the unit written in the output.
const MEASURE_UNITS: &[(&[&str], &str)] = &[
    (&["nautical", "miles"], "nmi"),
    (&["nautical", "mile"], "nmi"),
    (&["miles"], "mi"),
    (&["mile"], "mi"),
    (&["kilometres"], "km"),
    (&["kilometers"], "km"),
    (&["km"], "km"),
    (&["metres"], "m"),
    (&["meters"], "m"),
    (&["feet"], "ft"),
    (&["tonnes"], "t"),
    (&["tons"], "t"),
    (&["barrels"], "bbl"),
    (&["kilograms"], "kg"),
    (&["kg"], "kg"),
    (&["hectares"], "ha"),
    (&["megawatts"], "MW"),
];
/// Words after a number that make it a time, not a count.
const TIME_UNITS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes", "times",
    "a.m.", "p.m.", "am", "pm",
];

pub(crate) fn find_quantities(doc: &Doc<'_>) -> Vec<FoundQuantity> {
    let mut found = Vec::new();
    let mut idx = 0;
    while idx < doc.tokens.len() {
        match quantity_at(doc, idx) {
            Some(quantity) => {
                idx = quantity.tokens.end;
                found.push(quantity);
            }
            None => idx += 1,
        }
    }
    found
}

fn quantity_at(doc: &Doc<'_>, idx: usize) -> Option<FoundQuantity> {
    let word = doc.word(idx);
    let currency_symbol = CURRENCY_SYMBOLS.iter().find(|(symbol, _)| *symbol == word).map(|(_, code)| *code);
    let currency_code = CURRENCY_WORDS
        .iter()
        .find(|(code, _)| *code == word && code.chars().all(|c| c.is_ascii_uppercase()))
        .map(|(_, code)| *code);
    let (number_idx, mut unit) = match (currency_symbol, currency_code) {
        (Some(code), _) | (None, Some(code)) => (idx + 1, Some(code.to_string())),
        _ => (idx, None),
    };
    let is_numeral = doc.tokens.get(number_idx).is_some_and(|token| token.kind == TokenKind::Number);
    if !(is_numeral || unit.is_none() && is_number_word(doc.word(number_idx))) {
        return None;
    }
    let mut value = number_value(doc.word(number_idx))?;
    let mut end = number_idx + 1;
    // Ranges: "$5-6 billion", "5 to 6 percent".
    if matches!(doc.word(end), "-" | "–" | "to")
        && doc.tokens.get(end + 1).is_some_and(|token| token.kind == TokenKind::Number)
        && unit.is_some()
    {
        end += 2;
    }
    if let Some(multiplier) = scale(doc.word(end)) {
        value *= multiplier;
        end += 1;
    }
    let after = doc.word(end);
    if unit.is_none() {
        if after == "%" || after.eq_ignore_ascii_case("percent") {
            unit = Some("%".to_string());
            end += 1;
        } else if after == "per" && doc.word(end + 1) == "cent" {
            unit = Some("%".to_string());
            end += 2;
        } else if let Some((_, code)) = CURRENCY_WORDS.iter().find(|(name, _)| *name == after) {
            unit = Some(code.to_string());
            end += 1;
        } else if let Some((words, symbol)) = MEASURE_UNITS
            .iter()
            .find(|(words, _)| words.iter().enumerate().all(|(offset, word)| doc.word(end + offset) == *word))
        {
            unit = Some(symbol.to_string());
            end += words.len();
        }
    }
    let is_year = unit.is_none() && doc.word(number_idx).len() == 4 && (1800.0..=2100.0).contains(&value);
    let in_date = number_idx > 0 && MONTHS.contains(&doc.word(number_idx - 1));
    if is_year || in_date || TIME_UNITS.contains(&doc.word(end)) {
        return None;
    }
    let of = match unit.as_deref() {
        Some("%") => noun_after_of(doc, end),
        Some(_) => None,
        // A count's span takes in what it counts: "over 50 defense ministers".
        None => counted_noun(doc, end).map(|(noun_end, noun)| {
            end = noun_end;
            noun
        }),
    };
    if unit.is_none() && of.is_none() {
        return None;
    }
    let unit = unit.unwrap_or_else(|| "count".to_string());
    let (start, qualifier) = qualifier_before(doc, idx);
    Some(FoundQuantity { tokens: start..end, value, unit, qualifier, of })
}

fn qualifier_before(doc: &Doc<'_>, idx: usize) -> (usize, Option<String>) {
    for words in QUALIFIERS {
        let Some(start) = idx.checked_sub(words.len()) else { continue };
        let matches =
            words.iter().enumerate().all(|(offset, word)| doc.word(start + offset).eq_ignore_ascii_case(word));
        if matches {
            return (start, Some(words.join(" ").to_lowercase()));
        }
    }
    (idx, None)
}

/// "5% of GDP" -> "GDP".
fn noun_after_of(doc: &Doc<'_>, idx: usize) -> Option<String> {
    if doc.word(idx) != "of" {
        return None;
    }
    let mut end = idx + 1;
    if matches!(doc.word(end), "the" | "its" | "their") {
        end += 1;
    }
    let start = end;
    while end < doc.tokens.len() && doc.is_word(end) && end - start < 3 && !is_stop(doc.word(end)) {
        end += 1;
    }
    (end > start).then(|| doc.text_of(start..end).to_string())
}

/// "50 defense ministers" -> "defense ministers": up to three words ending in a plural noun;
/// returns where the noun ends and its text.
fn counted_noun(doc: &Doc<'_>, idx: usize) -> Option<(usize, String)> {
    let mut end = idx;
    while end < doc.tokens.len() && doc.is_word(end) && end - idx < 3 && !is_stop(doc.word(end)) {
        end += 1;
        let word = doc.word(end - 1);
        if word.ends_with('s') && !word.ends_with("ss") && word.chars().all(|c| c.is_lowercase() || c == '-') {
            return Some((end, doc.text_of(idx..end).to_string()));
        }
    }
    None
}

fn is_stop(word: &str) -> bool {
    matches!(
        word,
        "of" | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "and"
            | "or"
            | "the"
            | "a"
            | "an"
            | "from"
            | "by"
            | "with"
            | "is"
            | "are"
            | "was"
            | "were"
    )
}

#[cfg(test)]
mod tests {
    use crate::doc::Doc;
    use crate::quantity::find_quantities;

    fn check(text: &str, expected: &str) {
        let doc = Doc::new(text, None);
        let rendered: Vec<String> = find_quantities(&doc)
            .iter()
            .map(|q| {
                format!("{} = {} {} q={:?} of={:?}", doc.text_of(q.tokens.clone()), q.value, q.unit, q.qualifier, q.of)
            })
            .collect();
        assert_eq!(rendered.join(" | "), expected);
    }

    #[test]
    fn money_percent_counts() {
        check(
            "providing more than $66.5 billion in aid",
            "more than $66.5 billion = 66500000000 USD q=Some(\"more than\") of=None",
        );
        check("Even 2% of GDP is not enough", "2% = 2 % q=None of=Some(\"GDP\")");
        check(
            "comprising over 50 defense ministers, since 2022 on March 9",
            "over 50 defense ministers = 50 count q=Some(\"over\") of=Some(\"defense ministers\")",
        );
        check(
            "a €450 million package and about 1,200 sailors for three years",
            "€450 million = 450000000 EUR q=None of=None | about 1,200 sailors = 1200 count q=Some(\"about\") of=Some(\"sailors\")",
        );
        check("roughly 1,800 nautical miles", "roughly 1,800 nautical miles = 1800 nmi q=Some(\"roughly\") of=None");
        check(
            "five percent of spending and three ships",
            "five percent = 5 % q=None of=Some(\"spending\") | three ships = 3 count q=None of=Some(\"ships\")",
        );
    }
}
