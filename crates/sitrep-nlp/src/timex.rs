//! Time expressions, first version, normalised TimeML TIMEX3-style against the publication
//! date: weekdays by tense, month-day dates, months, years, relative days, weeks, months and
//! years, "N units ago", durations, simple sets and vague references.

use std::ops::Range;

use jiff::civil::{Date, Weekday};
use sitrep_model::TimeType;

use crate::doc::Doc;
use crate::numbers::number_value;

/// A time expression in token terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FoundTime {
    pub(crate) tokens: Range<usize>,
    pub(crate) time_type: TimeType,
    pub(crate) value: String,
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("Monday", Weekday::Monday),
    ("Tuesday", Weekday::Tuesday),
    ("Wednesday", Weekday::Wednesday),
    ("Thursday", Weekday::Thursday),
    ("Friday", Weekday::Friday),
    ("Saturday", Weekday::Saturday),
    ("Sunday", Weekday::Sunday),
];
const MONTHS: &[(&str, i8)] = &[
    ("January", 1),
    ("February", 2),
    ("March", 3),
    ("April", 4),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("August", 8),
    ("September", 9),
    ("October", 10),
    ("November", 11),
    ("December", 12),
    ("Jan.", 1),
    ("Feb.", 2),
    ("Mar.", 3),
    ("Apr.", 4),
    ("Jun.", 6),
    ("Jul.", 7),
    ("Aug.", 8),
    ("Sep.", 9),
    ("Sept.", 9),
    ("Oct.", 10),
    ("Nov.", 11),
    ("Dec.", 12),
];
const FUTURE_MARKERS: &[&str] = &[
    "will",
    "would",
    "'ll",
    "going",
    "plans",
    "planned",
    "scheduled",
    "expected",
    "next",
    "upcoming",
    "coming",
    "could",
    "Could",
    "may",
    "might",
    "shall",
    "due",
    "Will",
];

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    dct: Option<Date>,
}

pub(crate) fn find_times(doc: &Doc<'_>, dct: Option<Date>) -> Vec<FoundTime> {
    let ctx = Ctx { doc, dct };
    let mut found = Vec::new();
    let mut idx = 0;
    while idx < doc.tokens.len() {
        match ctx.time_at(idx) {
            Some(time) if time.tokens.end > idx => {
                idx = time.tokens.end;
                found.push(time);
            }
            _ => idx += 1,
        }
    }
    found
}

impl Ctx<'_, '_> {
    fn word(&self, idx: usize) -> &str {
        self.doc.word(idx)
    }

    fn time_at(&self, idx: usize) -> Option<FoundTime> {
        let word = self.word(idx);
        let lower = word.to_lowercase();
        let date = |tokens: Range<usize>, value: String| Some(FoundTime { tokens, time_type: TimeType::Date, value });
        if let Some(&(_, weekday)) = WEEKDAYS.iter().find(|(name, _)| *name == word) {
            return date(idx..idx + 1, self.weekday(idx, weekday));
        }
        if matches!(lower.as_str(), "last" | "next" | "this" | "earlier" | "later") {
            let relation = lower.as_str();
            let unit = self.word(idx + 1);
            if let Some(&(_, weekday)) = WEEKDAYS.iter().find(|(name, _)| *name == unit) {
                let value = self.relative_weekday(weekday, relation);
                return date(idx..idx + 2, value);
            }
            if relation == "earlier" || relation == "later" {
                if self.word(idx + 1) == "this" && matches!(self.word(idx + 2), "year" | "month" | "week") {
                    return date(idx..idx + 3, self.relative_unit(self.word(idx + 2), 0));
                }
                return None;
            }
            let offset = match relation {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            if matches!(unit, "week" | "month" | "year" | "weekend") {
                return date(idx..idx + 2, self.relative_unit(unit, offset));
            }
            return None;
        }
        match lower.as_str() {
            "today" => return date(idx..idx + 1, self.shifted_day(0)),
            "yesterday" => return date(idx..idx + 1, self.shifted_day(-1)),
            "tomorrow" => return date(idx..idx + 1, self.shifted_day(1)),
            "now" | "currently" => return date(idx..idx + 1, "PRESENT_REF".to_string()),
            "recently" => return date(idx..idx + 1, "PAST_REF".to_string()),
            "weekend" if idx > 0 && self.word(idx - 1) == "the" => {
                let offset = if self.is_future(idx) { 1 } else { -1 };
                return date(idx - 1..idx + 1, self.relative_unit("weekend", offset));
            }
            "coming"
                if idx > 0
                    && self.word(idx - 1) == "the"
                    && matches!(self.word(idx + 1), "months" | "weeks" | "days" | "years") =>
            {
                return date(idx - 1..idx + 2, "FUTURE_REF".to_string());
            }
            "every" | "each" => {
                if let Some(&(_, weekday)) = WEEKDAYS.iter().find(|(name, _)| *name == self.word(idx + 1)) {
                    let value = format!("XXXX-WXX-{}", weekday.to_monday_one_offset());
                    return Some(FoundTime { tokens: idx..idx + 2, time_type: TimeType::Set, value });
                }
                let unit = duration_unit(self.word(idx + 1))?;
                return Some(FoundTime { tokens: idx..idx + 2, time_type: TimeType::Set, value: format!("P1{unit}") });
            }
            _ => {}
        }
        if let Some(&(_, month)) = MONTHS.iter().find(|(name, _)| *name == word) {
            return self.month_expression(idx, month);
        }
        let is_numeral = self.doc.tokens.get(idx).is_some_and(|token| token.kind == crate::token::TokenKind::Number);
        if is_numeral && word.len() == 4 {
            let year: i16 = word.parse().ok()?;
            if (1900..=2100).contains(&year)
                && !matches!(self.word(idx + 1), "%" | "percent")
                && !self.word(idx.saturating_sub(1)).starts_with(['$', '€', '£'])
            {
                return date(idx..idx + 1, format!("{year:04}"));
            }
        }
        if let Some(count) = number_value(word).filter(|_| is_numeral || crate::numbers::is_number_word(word))
            && let Some(unit) = duration_unit(self.word(idx + 1))
        {
            if self.word(idx + 2) == "ago" {
                return date(idx..idx + 3, self.ago(count as i64, unit));
            }
            let value = if unit == "H" { format!("PT{count}H") } else { format!("P{count}{unit}") };
            return Some(FoundTime { tokens: idx..idx + 2, time_type: TimeType::Duration, value });
        }
        None
    }

    /// True when the clause holding `idx` speaks of the future: a marker such as "will" in it,
    /// before or after the expression ("the talks will open on Thursday", "before Thursday would
    /// be treated as").
    fn is_future(&self, idx: usize) -> bool {
        let sentence = &self.doc.sentences[self.doc.sentence_of[idx]];
        let is_boundary = |token: &usize| matches!(self.word(*token), "," | ";" | "and" | "but" | "—");
        let before = (sentence.start..idx).rev().take_while(|token| !is_boundary(token));
        let after = (idx + 1..sentence.end).take_while(|token| !is_boundary(token));
        before.chain(after).any(|token| FUTURE_MARKERS.contains(&self.word(token)))
    }

    /// "on Thursday": the nearest such day before the publication date, or after it when the
    /// sentence speaks of the future.
    fn weekday(&self, idx: usize, weekday: Weekday) -> String {
        let relation = if self.is_future(idx) { "next-or-same" } else { "last-or-same" };
        self.relative_weekday(weekday, relation)
    }

    fn relative_weekday(&self, weekday: Weekday, relation: &str) -> String {
        let Some(dct) = self.dct else {
            return format!("XXXX-WXX-{}", weekday.to_monday_one_offset());
        };
        let dct_day = i64::from(dct.weekday().to_monday_one_offset());
        let target = i64::from(weekday.to_monday_one_offset());
        let days = match relation {
            "next" => match (target - dct_day).rem_euclid(7) {
                0 => 7,
                days => days,
            },
            "next-or-same" => (target - dct_day).rem_euclid(7),
            "last" => -((dct_day - target).rem_euclid(7).max(1)),
            "this" => target - dct_day,
            _ => -(dct_day - target).rem_euclid(7),
        };
        add_days(dct, days)
    }

    fn shifted_day(&self, days: i64) -> String {
        match self.dct {
            Some(dct) => add_days(dct, days),
            None => "XXXX-XX-XX".to_string(),
        }
    }

    fn relative_unit(&self, unit: &str, offset: i64) -> String {
        let Some(dct) = self.dct else {
            return match unit {
                "week" => "XXXX-WXX".to_string(),
                "weekend" => "XXXX-WXX-WE".to_string(),
                "month" => "XXXX-XX".to_string(),
                _ => "XXXX".to_string(),
            };
        };
        match unit {
            "week" | "weekend" => {
                let shifted = dct.checked_add(jiff::Span::new().weeks(offset)).unwrap_or(dct);
                let week = shifted.iso_week_date();
                let suffix = if unit == "weekend" { "-WE" } else { "" };
                format!("{:04}-W{:02}{suffix}", week.year(), week.week())
            }
            "month" => {
                let shifted = dct.checked_add(jiff::Span::new().months(offset)).unwrap_or(dct);
                format!("{:04}-{:02}", shifted.year(), shifted.month())
            }
            _ => format!("{:04}", i64::from(dct.year()) + offset),
        }
    }

    fn ago(&self, count: i64, unit: &str) -> String {
        let Some(dct) = self.dct else { return "PAST_REF".to_string() };
        let span = match unit {
            "D" => jiff::Span::new().days(-count),
            "W" => jiff::Span::new().weeks(-count),
            "M" => jiff::Span::new().months(-count),
            "Y" => jiff::Span::new().years(-count),
            _ => return format!("{dct}"),
        };
        let date = dct.checked_add(span).unwrap_or(dct);
        match unit {
            "Y" => format!("{:04}", date.year()),
            "M" => format!("{:04}-{:02}", date.year(), date.month()),
            _ => date.to_string(),
        }
    }

    /// "March 9", "March 9, 2026", "March 2026", "in March".
    fn month_expression(&self, idx: usize, month: i8) -> Option<FoundTime> {
        let day = self.word(idx + 1).parse::<i8>().ok().filter(|day| (1..=31).contains(day));
        let date = |tokens: Range<usize>, value: String| Some(FoundTime { tokens, time_type: TimeType::Date, value });
        match day {
            Some(day) => {
                let explicit_year = (self.word(idx + 2) == "," && self.word(idx + 3).len() == 4)
                    .then(|| self.word(idx + 3).parse::<i16>().ok())
                    .flatten();
                match explicit_year {
                    Some(year) => date(idx..idx + 4, format!("{year:04}-{month:02}-{day:02}")),
                    None => date(idx..idx + 2, format!("{}-{month:02}-{day:02}", self.year_for(month))),
                }
            }
            None => {
                if let Ok(year) = self.word(idx + 1).parse::<i16>()
                    && (1900..=2100).contains(&year)
                {
                    return date(idx..idx + 2, format!("{year:04}-{month:02}"));
                }
                // "May" is a verb too often to stand alone.
                if self.word(idx) == "May" {
                    return None;
                }
                date(idx..idx + 1, format!("{}-{month:02}", self.year_for(month)))
            }
        }
    }

    /// The year of a month named without one: the publication year.
    fn year_for(&self, _month: i8) -> String {
        self.dct.map_or("XXXX".to_string(), |dct| format!("{:04}", dct.year()))
    }
}

fn duration_unit(word: &str) -> Option<&'static str> {
    match word {
        "year" | "years" => Some("Y"),
        "month" | "months" => Some("M"),
        "week" | "weeks" => Some("W"),
        "day" | "days" => Some("D"),
        "hour" | "hours" => Some("H"),
        _ => None,
    }
}

fn add_days(date: Date, days: i64) -> String {
    date.checked_add(jiff::Span::new().days(days)).unwrap_or(date).to_string()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use crate::doc::Doc;
    use crate::timex::find_times;

    fn check(text: &str, expected: &str) {
        let doc = Doc::new(text, None);
        // Thursday 6 March 2025.
        let rendered: Vec<String> = find_times(&doc, Some(date(2025, 3, 6)))
            .iter()
            .map(|t| format!("{} = {:?} {}", doc.text_of(t.tokens.clone()), t.time_type, t.value))
            .collect();
        assert_eq!(rendered.join(" | "), expected);
    }

    #[test]
    fn relative_dates() {
        check(
            "Hegseth said on Thursday. Talks in Saudi Arabia next week.",
            "Thursday = Date 2025-03-06 | next week = Date 2025-W11",
        );
        check(
            "The ministers met on Monday and will meet again on Friday.",
            "Monday = Date 2025-03-03 | Friday = Date 2025-03-07",
        );
        check(
            "since 2022, last month, two days ago, over the weekend",
            "2022 = Date 2022 | last month = Date 2025-02 | two days ago = Date 2025-03-04 | the weekend = Date 2025-W09-WE",
        );
        check(
            "on March 9 and Feb. 21, 2024 for three years every Monday",
            "March 9 = Date 2025-03-09 | Feb. 21, 2024 = Date 2024-02-21 | three years = Duration P3Y | every Monday = Set XXXX-WXX-1",
        );
    }
}
