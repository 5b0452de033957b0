//! Amounts of time: durations ("three years", "the past two months", "16-hour"), dates counted
//! in them ("two days ago", "a year earlier") and sets ("every Monday", "daily").

use std::ops::Range;

use sitrep_model::TimeType;

use crate::timex::FoundTime;
use crate::timex::lexicon::{self, Unit};
use crate::timex::normalise::{self, Point};
use crate::timex::recognise::{Amount, Scanner};

impl Scanner<'_, '_> {
    /// Durations and dates counted in units: "three years", "the past two months", "more than
    /// four hours", "the first nine months", "several weeks", "two days ago", "a year earlier".
    pub(super) fn quantified_duration(&self, idx: usize) -> Option<FoundTime> {
        let mut next = idx;
        let mut quantifier = None;
        for words in lexicon::QUANTIFIERS {
            // "over the weekend": a preposition, not a quantifier.
            let before_determiner = matches!(self.w(idx + words.len()), "the" | "this" | "that" | "these");
            if words.iter().enumerate().all(|(offset, word)| self.w(idx + offset) == *word)
                && !(before_determiner && matches!(words, ["over"] | ["some"] | ["about"] | ["around"]))
            {
                next = idx + words.len();
                quantifier = Some(*words);
                break;
            }
        }
        let mut determiner = false;
        if matches!(self.w(next), "the" | "these" | "those" | "this" | "that" | "its" | "their") {
            next += 1;
            determiner = true;
        }
        // "coming weeks", "recent years", "past years", "future quarters": vague references.
        if !determiner
            && matches!(self.w(next), "coming" | "recent" | "past" | "future" | "upcoming")
            && lexicon::unit(self.w(next + 1)).is_some_and(|(unit, plural)| plural && !unit.is_time_of_day())
        {
            // "recent months" is a stretch of time up to now; "past years" and "coming weeks"
            // point back or ahead.
            return match self.w(next) {
                "recent" => {
                    let (unit, _) = lexicon::unit(self.w(next + 1))?;
                    self.found(idx..next + 2, TimeType::Duration, duration_value(Amount::Vague, unit))
                }
                "past" => self.found(idx..next + 2, TimeType::Date, "PAST_REF".to_string()),
                _ => self.found(idx..next + 2, TimeType::Date, "FUTURE_REF".to_string()),
            };
        }
        // "could last several weeks": "last" is the verb; the duration starts after it.
        let after_verb_context = next > 0
            && matches!(
                self.w(next - 1),
                "could" | "would" | "will" | "may" | "might" | "can" | "should" | "to" | "must" | "'ll"
            );
        if self.w(next) == "last" && after_verb_context {
            return None;
        }
        let mut direction = None;
        if matches!(
            self.w(next),
            "past"
                | "last"
                | "next"
                | "first"
                | "coming"
                | "previous"
                | "following"
                | "final"
                | "remaining"
                | "latest"
                | "initial"
                | "ensuing"
                | "preceding"
                | "prior"
                | "same"
        ) {
            direction = Some(self.w(next).to_string());
            next += 1;
        }
        let (amount, after_amount) = match self.amount(next) {
            Some(found) => found,
            // "the past year", "the next week": one unit; "the coming days": some.
            None if determiner && matches!(direction.as_deref(), Some("past" | "last" | "next" | "coming")) => {
                let plural = lexicon::unit(self.w(next)).is_some_and(|(_, plural)| plural);
                (if plural { Amount::Vague } else { Amount::Known(1.0) }, next)
            }
            None => return None,
        };
        // "two to three weeks", "12 or 18 months": the range counts as its lower end.
        let after_amount = match (amount, self.w(after_amount)) {
            (Amount::Known(_), "to" | "or" | "-" | "–") => match self.amount(after_amount + 1) {
                Some((Amount::Known(_), range_end)) if lexicon::unit(self.w(range_end)).is_some() => range_end,
                _ => after_amount,
            },
            _ => after_amount,
        };
        let mut unit_idx = after_amount;
        if matches!(
            self.w(unit_idx),
            "more"
                | "additional"
                | "straight"
                | "consecutive"
                | "full"
                | "long"
                | "trading"
                | "business"
                | "calendar"
                | "fiscal"
        ) {
            unit_idx += 1;
        }
        let (unit, plural) = lexicon::unit(self.w(unit_idx))?;
        // "60 Minutes": a title.
        if self.doc.is_capitalised(unit_idx) && unit_idx > idx {
            return None;
        }
        // "the 1988 second quarter", "a second group", "a quarter of".
        if self.year_number(next).is_some() && after_amount == next + 1
            || (unit == Unit::Second && matches!(self.w(next), "a" | "an"))
            || (unit == Unit::Quarter
                && (amount == Amount::Known(1.0) || (self.w(unit_idx + 1) == "of" && amount != Amount::Vague)))
            || matches!(self.w(unit_idx + 1), "old")
            || (matches!(self.w(next), "a" | "an")
                && !determiner
                && direction.is_none()
                && !matches!(self.w(unit_idx + 1), "ago" | "earlier" | "later" | "before" | "after")
                && self.rate_before(idx))
        {
            return None;
        }
        if matches!(direction.as_deref(), Some("latest" | "same" | "current")) && amount == Amount::Known(1.0) {
            return None;
        }
        let is_number_word = self.is_number(next) || lexicon::cardinal(self.w(next)).is_some();
        // A bare "a year" or "years" without determiner or direction reads as a duration only
        // with a number; "the year" alone is left out (it is as often a date as a length).
        if direction.is_none() && determiner && !is_number_word && amount != Amount::Vague {
            return None;
        }
        if unit == Unit::Weekend {
            return None;
        }
        let mut end = unit_idx + 1;
        // "two weeks or months", "12 to 18 months".
        if matches!(self.w(end), "or" | "to") && self.w(end + 1) == "so" {
            end += 2;
        }
        // "two years ago", "a year earlier".
        let last_word = self.w(end);
        let direction_word = direction.as_deref();
        if !determiner && direction.is_none() {
            match last_word {
                "ago" => return self.ago(idx..end + 1, amount, unit),
                "earlier" | "later" if unit == Unit::Year => {
                    return self.earlier_or_later(idx..end + 1, amount, unit, last_word == "later");
                }
                "from" if self.w(end + 1) == "now" => return self.ago_signed(idx..end + 2, amount, unit, 1),
                _ => {}
            }
        }
        if amount == Amount::Known(1.0)
            && !plural
            && matches!(direction_word, Some("next" | "last" | "past"))
            && !determiner
        {
            // "next week", "last year": dates, the relative pattern's job.
            return None;
        }
        // "recent trading days", "coming business days".
        if amount == Amount::Vague && !determiner && direction.is_none() {
            match self.w(next) {
                "recent" => return self.found(idx..end, TimeType::Date, "PAST_REF".to_string()),
                "coming" => return self.found(idx..end, TimeType::Date, "FUTURE_REF".to_string()),
                _ => {}
            }
        }
        let value = duration_value(amount, unit);
        let mut found = self.found(idx..end, TimeType::Duration, value)?;
        if let Some(words) = quantifier {
            found.modifier = quantifier_modifier(words);
        }
        Some(found)
    }

    pub(super) fn ago(&self, tokens: Range<usize>, amount: Amount, unit: Unit) -> Option<FoundTime> {
        self.ago_signed(tokens, amount, unit, -1)
    }

    /// "two years ago" (sign -1), "two weeks from now" (sign 1), from the publication date.
    pub(super) fn ago_signed(&self, tokens: Range<usize>, amount: Amount, unit: Unit, sign: i64) -> Option<FoundTime> {
        let Amount::Known(count) = amount else {
            let value = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
            return self.found(tokens, TimeType::Date, value.to_string());
        };
        let count = count.round() as i64 * sign;
        let Some(dct) = self.dct else {
            return self.found(tokens, TimeType::Date, normalise::unanchored(unit).to_string());
        };
        // A year before the quarter just named is that quarter of the year before.
        if unit == Unit::Year
            && let Some(point @ Point::Quarter(..)) = self.last_point
        {
            return self.relative_point(tokens, point.years_away(i32::try_from(count).ok()?)?);
        }
        let granularity = match unit {
            Unit::Week => Unit::Day,
            Unit::Second | Unit::Minute | Unit::Hour => Unit::Day,
            other => other,
        };
        let date = normalise::shift_date(dct, unit, count);
        self.found_point(tokens, Point::holding(date, granularity))
    }

    /// "a year earlier", "two days later": from the last point named, else the publication date.
    pub(super) fn earlier_or_later(
        &self,
        tokens: Range<usize>,
        amount: Amount,
        unit: Unit,
        later: bool,
    ) -> Option<FoundTime> {
        let Amount::Known(count) = amount else {
            let value = if later { "FUTURE_REF" } else { "PAST_REF" };
            return self.found(tokens, TimeType::Date, value.to_string());
        };
        let count = count.round() as i64 * if later { 1 } else { -1 };
        if unit == Unit::Year
            && let Some(point) = self
                .last_point
                .filter(|point| matches!(point, Point::Quarter(..) | Point::Half(..)))
                .and_then(|point| point.years_away(i32::try_from(count).ok()?))
        {
            return self.relative_point(tokens, point);
        }
        // "a year later" follows the story's last date; "a year earlier" compares with now,
        // as results and statistics do ("up 5% from a year earlier"), unless a quarter was named.
        let anchor = if later { self.reference_date() } else { self.dct };
        let Some(anchor) = anchor else {
            return self.found(tokens, TimeType::Date, normalise::unanchored(unit).to_string());
        };
        let granularity = if unit == Unit::Week { Unit::Day } else { unit };
        self.relative_point(tokens, Point::holding(normalise::shift_date(anchor, unit, count), granularity))
    }

    /// Hyphenated compounds: "two-year", "16-hour", "52-week", "8-month-old", "third-quarter"
    /// (left to the quarter pattern), "year-earlier", "year-ago".
    pub(super) fn hyphenated(&self, idx: usize) -> Option<FoundTime> {
        let word = self.w(idx);
        if matches!(word, "year-earlier" | "year-ago") {
            let point = match self.last_point {
                Some(point @ Point::Quarter(..)) => point.years_away(-1)?,
                _ => Point::shifted(self.dct?, Unit::Year, -1),
            };
            // "the year-earlier quarter" is the quarter pattern's.
            return self.relative_point(idx..idx + 1, point);
        }
        // "16-hour": a number glued to "-" and a unit word.
        if self.is_number(idx) && self.w(idx + 1) == "-" && self.glued(idx) && self.glued(idx + 1) {
            let count = self.w(idx).replace(',', "").parse::<f64>().ok()?;
            let compound = self.w(idx + 2);
            let (unit_word, rest) = compound.split_once('-').unwrap_or((compound, ""));
            let (unit, false) = lexicon::unit(unit_word)? else { return None };
            if !matches!(rest, "" | "long") {
                return None;
            }
            return self.found(idx..idx + 3, TimeType::Duration, duration_value(Amount::Known(count), unit));
        }
        // "a day-long meeting", "a yearlong inquiry": one unit long.
        let one_unit = word.strip_suffix("-long").or_else(|| word.strip_suffix("long"));
        if let Some((unit, false)) = one_unit.and_then(lexicon::unit) {
            return self.found(idx..idx + 1, TimeType::Duration, duration_value(Amount::Known(1.0), unit));
        }
        let parts: Vec<&str> = word.split('-').collect();
        if parts.len() < 2 {
            return None;
        }
        let (count, unit_part) = match (lexicon::cardinal(&parts[..2.min(parts.len())].join("-")), parts.get(2)) {
            (Some(count), Some(unit)) if parts.len() >= 3 && lexicon::unit(unit).is_some() => (count, 2),
            _ => (lexicon::cardinal(parts[0])?, 1),
        };
        let (unit, false) = lexicon::unit(parts.get(unit_part)?)? else { return None };
        if !parts[unit_part + 1..].iter().all(|rest| *rest == "long") {
            return None;
        }
        self.found(idx..idx + 1, TimeType::Duration, duration_value(Amount::Known(count as f64), unit))
    }

    /// "for years", "within weeks", "centuries": a plural unit alone is a vague duration.
    pub(super) fn bare_plural(&self, idx: usize) -> Option<FoundTime> {
        let (unit, true) = lexicon::unit(self.w(idx))? else { return None };
        let before = idx.checked_sub(1).map_or("", |before| self.w(before));
        if self.w(idx + 1) == "ago" {
            return self.found(idx..idx + 2, TimeType::Date, "PAST_REF".to_string());
        }
        let before_allows = matches!(
            before,
            "for"
                | "within"
                | "in"
                | "after"
                | "of"
                | "take"
                | "takes"
                | "took"
                | "taking"
                | "last"
                | "lasted"
                | "lasts"
                | "spent"
        );
        if !before_allows || matches!(self.w(idx + 1), "of" | "old") {
            return None;
        }
        self.found(idx..idx + 1, TimeType::Duration, duration_value(Amount::Vague, unit))
    }

    /// "every Monday", "each year", "daily", "twice a week", "per year" after an amount.
    pub(super) fn set(&self, idx: usize) -> Option<FoundTime> {
        let word = self.w(idx);
        let single = |value: &str| self.found(idx..idx + 1, TimeType::Set, value.to_string());
        match word {
            // "the Communist Party daily Granma": a newspaper.
            "daily" if self.doc.is_capitalised(idx + 1) || (idx > 0 && self.doc.is_capitalised(idx - 1)) => {
                return None;
            }
            "daily" | "nightly" => return single("P1D"),
            "weekly" => return single("P1W"),
            "monthly" => return single("P1M"),
            "annually" | "yearly" | "annual" if word != "annual" => return single("P1Y"),
            "hourly" => return single("PT1H"),
            _ => {}
        }
        if matches!(word, "every" | "each") {
            let mut next = idx + 1;
            if self.w(next) == "other" {
                next += 1;
            }
            let target = self.w(next);
            if let Some((weekday, _)) = lexicon::weekday(target) {
                return self.weekly_set(idx..next + 1, weekday, next + 1);
            }
            if let Some(month) = lexicon::month(target).filter(|_| self.doc.is_capitalised(next)) {
                return self.found(idx..next + 1, TimeType::Set, format!("XXXX-{month:02}"));
            }
            if let Some(part) = lexicon::part_of_day(target) {
                return self.found(idx..next + 1, TimeType::Set, format!("XXXX-XX-XXT{part}"));
            }
            if let Some(season) = lexicon::season(target) {
                return self.found(idx..next + 1, TimeType::Set, format!("XXXX-{season}"));
            }
            let (unit, false) = lexicon::unit(target)? else { return None };
            let count = if next > idx + 1 { 2 } else { 1 };
            return self.found(idx..next + 1, TimeType::Set, duration_value(Amount::Known(f64::from(count)), unit));
        }
        None
    }
}

/// `P3Y`, `PT16H`, `P2Y6M` for 2.5 years, `PXD` when the amount is unknown.
pub(super) fn duration_value(amount: Amount, unit: Unit) -> String {
    let time = if unit.is_time_of_day() { "T" } else { "" };
    let letter = unit.letter();
    let count = match amount {
        Amount::Vague => return format!("P{time}X{letter}"),
        Amount::Known(count) => count,
    };
    // Decades and centuries in years: "two decades" is P20Y.
    if matches!(unit, Unit::Decade | Unit::Century) && count.fract() == 0.0 {
        let years = if unit == Unit::Decade { 10 } else { 100 };
        return format!("P{}Y", (count as i64).saturating_mul(years));
    }
    if count.fract() == 0.0 {
        return format!("P{time}{}{letter}", count as i64);
    }
    // Halves in the next smaller unit: 2.5 years = P2Y6M, half an hour = PT30M.
    let (smaller, per) = match unit {
        Unit::Year => ("M", 12.0),
        Unit::Month => ("D", 30.0),
        Unit::Day => ("H", 24.0),
        Unit::Hour => ("M", 60.0),
        Unit::Minute => ("S", 60.0),
        _ => return format!("P{time}{count}{letter}"),
    };
    let whole = count.trunc() as i64;
    let part = (count.fract() * per).round() as i64;
    let needs_time = unit.is_time_of_day() || unit == Unit::Day;
    let t = if needs_time { "T" } else { "" };
    if whole == 0 {
        return format!("P{t}{part}{smaller}");
    }
    if unit == Unit::Day {
        return format!("P{whole}DT{part}H");
    }
    format!("P{time}{whole}{letter}{part}{smaller}")
}

fn quantifier_modifier(words: &[&str]) -> Option<&'static str> {
    match words {
        ["more", "than"] | ["over"] => Some("MORE_THAN"),
        ["less", "than"] | ["fewer", "than"] => Some("LESS_THAN"),
        ["at", "least"] => Some("EQUAL_OR_MORE"),
        ["at", "most"] | ["up", "to"] | ["no", "more", "than"] => Some("EQUAL_OR_LESS"),
        ["just", "over"] | ["well", "over"] => Some("MORE_THAN"),
        ["just", "under"] => Some("LESS_THAN"),
        ["nearly"] | ["almost"] => Some("LESS_THAN"),
        ["about"] | ["around"] | ["roughly"] | ["approximately"] | ["some"] => Some("APPROX"),
        _ => None,
    }
}
