//! Quantities: money (symbols, codes and currency words, with scale: "$66.5 billion", "USD 3.2
//! million", "€450m", ranges "$5-6 billion"), percentages with what they are a share of ("5% of
//! GDP", "five percent"), fractions ("a third of the budget"), measures ("1,800 nautical
//! miles"), counts of things ("over 50 defense ministers", "two dozen ships") and ordinal counts
//! ("for the third time"), each with its qualifier ("more than", "over", "about", "up to", "at
//! least").

use std::ops::Range;

use crate::doc::Doc;
use crate::numbers::{FoundNumber, number_at, ordinal_value, scale};
use crate::token::TokenKind;

/// A quantity in token terms.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FoundQuantity {
    pub(crate) tokens: Range<usize>,
    pub(crate) value: f64,
    /// The upper end of a range ("$5-6 billion").
    pub(crate) upper: Option<f64>,
    pub(crate) unit: String,
    pub(crate) qualifier: Option<String>,
    pub(crate) of: Option<String>,
}

/// Qualifiers, longest first so that "just over" wins over "over".
const QUALIFIERS: &[&[&str]] = &[
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["as", "few", "as"],
    &["as", "little", "as"],
    &["no", "more", "than"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["just", "over"],
    &["just", "under"],
    &["an", "estimated"],
    &["close", "to"],
    &["in", "excess", "of"],
    &["over"],
    &["about"],
    &["around"],
    &["nearly"],
    &["almost"],
    &["roughly"],
    &["approximately"],
    &["some"],
    &["under"],
    &["below"],
    &["above"],
    &["only"],
    &["exactly"],
    &["estimated"],
];

const CURRENCY_SYMBOLS: &[(&str, &str)] =
    &[("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₴", "UAH"), ("₽", "RUB"), ("₹", "INR"), ("#", "GBP")];
/// Letters glued before "$": "US$5", "C$30", "A$2", "HK$1".
const DOLLAR_PREFIXES: &[(&str, &str)] = &[("US", "USD"), ("C", "CAD"), ("A", "AUD"), ("HK", "HKD"), ("NZ", "NZD")];
/// ISO 4217 codes written before or after the number.
const CURRENCY_CODES: &[&str] =
    &["USD", "EUR", "GBP", "JPY", "CNY", "RUB", "UAH", "CHF", "CAD", "AUD", "INR", "HKD", "NZD", "SEK", "NOK", "PLN"];
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds", "GBP"),
    ("sterling", "GBP"),
    ("rubles", "RUB"),
    ("roubles", "RUB"),
    ("hryvnias", "UAH"),
    ("hryvnia", "UAH"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("francs", "CHF"),
    ("rupees", "INR"),
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
    (&["square", "kilometres"], "km2"),
    (&["square", "kilometers"], "km2"),
    (&["square", "miles"], "mi2"),
    (&["miles"], "mi"),
    (&["mile"], "mi"),
    (&["kilometres"], "km"),
    (&["kilometers"], "km"),
    (&["kilometre"], "km"),
    (&["kilometer"], "km"),
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
    (&["acres"], "acre"),
    (&["megawatts"], "MW"),
    (&["gigawatts"], "GW"),
    (&["litres"], "l"),
    (&["liters"], "l"),
    (&["percentage", "points"], "pp"),
    (&["percentage", "point"], "pp"),
];
/// Words after a number that make it a time, not a count: those are the time annotator's.
const TIME_UNITS: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "times",
    "a.m.",
    "p.m.",
    "am",
    "pm",
    "decade",
    "decades",
    "century",
    "centuries",
    "seconds",
    "GMT",
    "EST",
];

pub(crate) fn find_quantities(doc: &Doc<'_>) -> Vec<FoundQuantity> {
    let mut found = Vec::new();
    let mut idx = 0;
    while idx < doc.tokens.len() {
        match quantity_at(doc, idx) {
            Some(quantity) if quantity.tokens.end > idx => {
                idx = quantity.tokens.end;
                found.push(quantity);
            }
            _ => idx += 1,
        }
    }
    found
}

fn is_numeral(doc: &Doc<'_>, idx: usize) -> bool {
    doc.tokens.get(idx).is_some_and(|token| token.kind == TokenKind::Number)
}

fn glued(doc: &Doc<'_>, idx: usize) -> bool {
    doc.tokens.get(idx).zip(doc.tokens.get(idx + 1)).is_some_and(|(this, next)| this.end == next.start)
}

/// A scale word at `idx` ("billion", "bn", "m") and the token after it. The short forms count
/// only glued to the number or with money ("€450m", "$5 m"), since "5 m" alone is metres.
fn scale_at(doc: &Doc<'_>, idx: usize, is_money: bool) -> Option<(f64, usize)> {
    let word = doc.word(idx);
    let multiplier = scale(word)?;
    let is_short = word.len() <= 3;
    let is_glued = idx > 0 && glued(doc, idx - 1);
    (!is_short || is_glued || is_money).then_some((multiplier, idx + 1))
}

/// The upper end of a range after the lower one (ending at `end`): "-6", "to 6", "and 30"
/// after "between", "to $6".
fn range_upper(doc: &Doc<'_>, start: usize, end: usize, currency: Option<&str>) -> Option<FoundNumber> {
    let range_word = doc.word(end);
    let is_between = range_word == "and" && start > 0 && doc.word(start - 1).eq_ignore_ascii_case("between");
    let is_dash = matches!(range_word, "-" | "–") && glued(doc, end - 1) && glued(doc, end);
    if !(is_dash || range_word == "to" || is_between) {
        return None;
    }
    let mut upper_idx = end + 1;
    if let Some((code, next)) = currency_before_number(doc, upper_idx)
        && Some(code) == currency
    {
        upper_idx = next;
    }
    if !is_numeral(doc, upper_idx) {
        return None;
    }
    number_at(doc, upper_idx)
}

/// The currency written before a number at `idx`, and the token the number starts at.
fn currency_before_number(doc: &Doc<'_>, idx: usize) -> Option<(&'static str, usize)> {
    let word = doc.word(idx);
    if let Some(&(_, code)) = CURRENCY_SYMBOLS.iter().find(|(symbol, _)| *symbol == word) {
        return Some((code, idx + 1));
    }
    if doc.word(idx + 1) == "$"
        && glued(doc, idx)
        && let Some(&(_, code)) = DOLLAR_PREFIXES.iter().find(|(prefix, _)| *prefix == word)
    {
        return Some((code, idx + 2));
    }
    CURRENCY_CODES.iter().find(|code| **code == word).map(|code| (*code, idx + 1))
}

fn quantity_at(doc: &Doc<'_>, idx: usize) -> Option<FoundQuantity> {
    if let Some(ordinal) = ordinal_count(doc, idx) {
        return Some(ordinal);
    }
    let currency = currency_before_number(doc, idx);
    let number_idx = currency.map_or(idx, |(_, number_idx)| number_idx);
    let FoundNumber { mut value, end: number_end, is_fraction } = number_at(doc, number_idx)?;
    // Number words are counts only with something after them; numerals always qualify.
    let mut unit = currency.map(|(code, _)| code.to_string());
    let mut end = number_end;
    let mut upper = None;
    let lower_scale = scale_at(doc, end, currency.is_some());
    if let Some((multiplier, next)) = lower_scale {
        value *= multiplier;
        end = next;
    }
    // Ranges: "$5-6 billion", "5 to 6 percent", "between 20 and 30 ships", "$5 billion to $6
    // billion"; a scale after the upper end scales both ends.
    if let Some(upper_number) = range_upper(doc, idx, end, currency.map(|(code, _)| code)) {
        let upper_scale = scale_at(doc, upper_number.end, currency.is_some());
        let (upper_value, next) = match (lower_scale, upper_scale) {
            (None, Some((multiplier, next))) => {
                value *= multiplier;
                (upper_number.value * multiplier, next)
            }
            (Some(_), Some((multiplier, next))) => (upper_number.value * multiplier, next),
            (Some((multiplier, _)), None) => (upper_number.value * multiplier, upper_number.end),
            (None, None) => (upper_number.value, upper_number.end),
        };
        upper = Some(upper_value);
        end = next;
    }
    let after = doc.word(end);
    if unit.is_none() {
        if after == "%" || after.eq_ignore_ascii_case("percent") {
            unit = Some("%".to_string());
            end += 1;
        } else if after == "per" && doc.word(end + 1) == "cent" {
            unit = Some("%".to_string());
            end += 2;
        } else if let Some((_, code)) = CURRENCY_WORDS.iter().find(|(name, _)| *name == after.to_lowercase()) {
            unit = Some(code.to_string());
            end += 1;
        } else if CURRENCY_CODES.contains(&after) {
            unit = Some(after.to_string());
            end += 1;
        } else if let Some((words, symbol)) = MEASURE_UNITS
            .iter()
            .find(|(words, _)| words.iter().enumerate().all(|(offset, word)| doc.word(end + offset) == *word))
        {
            unit = Some(symbol.to_string());
            end += words.len();
        }
    }
    let number_word = doc.word(number_idx);
    let is_year = unit.is_none() && number_word.len() == 4 && (1800.0..=2100.0).contains(&value);
    let in_date = number_idx > 0 && MONTHS.contains(&doc.word(number_idx - 1));
    let before_month = MONTHS.contains(&doc.word(end));
    let is_clock = doc.word(end) == ":" && glued(doc, end - 1);
    if is_year || in_date || before_month || is_clock || TIME_UNITS.contains(&doc.word(end)) {
        return None;
    }
    if is_fraction && unit.is_none() {
        // "a third of the budget".
        let of = noun_after_of(doc, end)?;
        let (start, qualifier) = qualifier_before(doc, idx);
        return Some(FoundQuantity {
            tokens: start..end,
            value,
            upper: None,
            unit: "fraction".to_string(),
            qualifier,
            of: Some(of),
        });
    }
    let is_money = currency.is_some()
        || unit.as_deref().is_some_and(|unit| unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase()));
    let of = match unit.as_deref() {
        Some("%") | Some("pp") => noun_after_of(doc, end),
        // "$66.5 billion in aid", "€450 million for its navy": what the money is.
        Some(_) if is_money => noun_after(doc, end, &["in", "of", "for", "on"]),
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
    Some(FoundQuantity { tokens: start..end, value, upper, unit, qualifier, of })
}

/// "for the third time": an ordinal that counts occurrences.
fn ordinal_count(doc: &Doc<'_>, idx: usize) -> Option<FoundQuantity> {
    if !doc.word(idx).eq_ignore_ascii_case("the") {
        return None;
    }
    let (value, end) = ordinal_value(doc, idx + 1)?;
    if doc.word(end) != "time" || value < 2.0 {
        return None;
    }
    Some(FoundQuantity {
        tokens: idx..end + 1,
        value,
        upper: None,
        unit: "ordinal".to_string(),
        qualifier: None,
        of: Some("time".to_string()),
    })
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

/// "5% of GDP" -> "GDP"; "a third of the budget" -> "budget".
fn noun_after_of(doc: &Doc<'_>, idx: usize) -> Option<String> {
    noun_after(doc, idx, &["of"])
}

/// The noun phrase (up to three words, after an article or possessive) that follows one of
/// `prepositions` at `idx`.
fn noun_after(doc: &Doc<'_>, idx: usize, prepositions: &[&str]) -> Option<String> {
    if !prepositions.contains(&doc.word(idx)) {
        return None;
    }
    let mut end = idx + 1;
    if matches!(doc.word(end), "the" | "its" | "their" | "his" | "her" | "our" | "all") {
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
        let is_plural = (word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us"))
            || matches!(word, "people" | "children" | "men" | "women" | "police" | "personnel" | "aircraft" | "troops");
        if is_plural && word.chars().all(|c| c.is_lowercase() || c == '-') {
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
            | "has"
            | "have"
            | "had"
            | "said"
            | "says"
            | "than"
    )
}

#[cfg(test)]
mod tests {
    use crate::doc::Doc;
    use crate::quantity::find_quantities;

    /// Each quantity as `text = value unit [upper] q=qualifier of=noun`.
    fn check(text: &str, expected: &str) {
        let doc = Doc::new(text, None);
        let rendered: Vec<String> = find_quantities(&doc)
            .iter()
            .map(|q| {
                let upper = q.upper.map(|upper| format!("-{upper}")).unwrap_or_default();
                let qualifier = q.qualifier.as_deref().unwrap_or("-");
                let of = q.of.as_deref().unwrap_or("-");
                format!("{} = {}{upper} {} q={qualifier} of={of}", doc.text_of(q.tokens.clone()), q.value, q.unit)
            })
            .collect();
        assert_eq!(rendered.join(" | "), expected, "in {text:?}");
    }

    #[test]
    fn money() {
        check(
            "providing more than $66.5 billion in aid",
            "more than $66.5 billion = 66500000000 USD q=more than of=aid",
        );
        check("a €450 million package", "€450 million = 450000000 EUR q=- of=-");
        check("an extra €450 million on its navy", "€450 million = 450000000 EUR q=- of=navy");
        check("a €450m package and £2bn", "€450m = 450000000 EUR q=- of=- | £2bn = 2000000000 GBP q=- of=-");
        check("USD 3.2 million", "USD 3.2 million = 3200000 USD q=- of=-");
        check("US$5 billion", "US$5 billion = 5000000000 USD q=- of=-");
        check("3 million euros", "3 million euros = 3000000 EUR q=- of=-");
        check("up to 40 billion dollars", "up to 40 billion dollars = 40000000000 USD q=up to of=-");
    }

    #[test]
    fn money_ranges() {
        check("$5-6 billion", "$5-6 billion = 5000000000-6000000000 USD q=- of=-");
        check("$5 billion to $6 billion", "$5 billion to $6 billion = 5000000000-6000000000 USD q=- of=-");
        check("between 20 and 30 ships", "20 and 30 ships = 20-30 count q=- of=ships");
    }

    #[test]
    fn percentages() {
        check("Even 2% of GDP is not enough", "2% = 2 % q=- of=GDP");
        check("5% of defense spending", "5% = 5 % q=- of=defense spending");
        check("five percent of spending", "five percent = 5 % q=- of=spending");
        check("about 3 per cent", "about 3 per cent = 3 % q=about of=-");
        check("rose 2 percentage points", "2 percentage points = 2 pp q=- of=-");
    }

    #[test]
    fn counts() {
        check(
            "comprising over 50 defense ministers, since 2022 on March 9",
            "over 50 defense ministers = 50 count q=over of=defense ministers",
        );
        check("about 1,200 sailors", "about 1,200 sailors = 1200 count q=about of=sailors");
        check(
            "three ships and at least 12 people",
            "three ships = 3 count q=- of=ships | at least 12 people = 12 count q=at least of=people",
        );
        check("two dozen drones", "two dozen drones = 24 count q=- of=drones");
        check("twenty-five warships", "twenty-five warships = 25 count q=- of=warships");
    }

    #[test]
    fn fractions_ordinals_and_measures() {
        check("a third of the budget", "a third = 0.3333333333333333 fraction q=- of=budget");
        check("nearly half of the troops", "nearly half = 0.5 fraction q=nearly of=troops");
        check("for the third time", "the third time = 3 ordinal q=- of=time");
        check("roughly 1,800 nautical miles", "roughly 1,800 nautical miles = 1800 nmi q=roughly of=-");
    }

    #[test]
    fn times_and_years_are_not_quantities() {
        check("for three years since 2022, on March 9 at 10:30", "");
    }

    #[test]
    fn seed_sentences() {
        check(
            "This group, comprising over 50 defense ministers, has been instrumental. The U.S. has been a leading contributor, providing more than $66.5 billion in aid.",
            "over 50 defense ministers = 50 count q=over of=defense ministers | more than $66.5 billion = 66500000000 USD q=more than of=aid",
        );
        check(
            "“Even 2% of GDP is not enough,” Hegseth stressed. “5% of defense spending is critical.”",
            "2% = 2 % q=- of=GDP | 5% = 5 % q=- of=defense spending",
        );
        check("The U.S. has provided billions in aid.", "");
    }
}
