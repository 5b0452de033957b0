//! Calendar expressions: month and day ("March 9", "7 August 2013"), numeric dates, years,
//! decades and centuries, quarters and halves, seasons, clock times and holidays.

use jiff::civil::Date;
use sitrep_model::TimeType;

use crate::timex::FoundTime;
use crate::timex::lexicon::{self, Unit};
use crate::timex::normalise::{self, Point};
use crate::timex::recognise::{Scanner, Tense};

impl Scanner<'_, '_> {
    /// "March 9", "Sept. 30, 1998", "March 2026", "January", "mid-October", "March 9-10".
    pub(super) fn month_date(&self, idx: usize) -> Option<FoundTime> {
        let word = self.w(idx);
        let prefixed = [("mid-", "MID"), ("early-", "START"), ("late-", "END")]
            .into_iter()
            .find_map(|(prefix, modifier)| word.strip_prefix(prefix).map(|rest| (rest, modifier)));
        let (month, modifier) = match prefixed {
            Some((rest, modifier)) => (lexicon::month(rest)?, Some(modifier)),
            None => (lexicon::month(word)?, None),
        };
        if !self.doc.is_capitalised(idx) && modifier.is_none() {
            return None;
        }
        // "Jan Kavan": an abbreviation without its period is a month only before a day.
        let is_bare_abbreviation = word.len() <= 4 && !word.ends_with('.') && !matches!(word, "may" | "june" | "july");
        if is_bare_abbreviation && self.day_number(idx + 1).is_none() {
            return None;
        }
        let mut found = if let Some((day, mut end)) = self.day_number(idx + 1) {
            // "March 9-10": the first day.
            if matches!(self.w(end), "-" | "–") && self.day_number(end + 1).is_some() && self.glued(end) {
                end = self.day_number(end + 1)?.1;
            }
            let explicit_year = if self.w(end) == "," {
                self.year_number(end + 1).map(|year| (year, end + 2))
            } else {
                self.year_number(end).map(|year| (year, end + 1))
            };
            let (year, end) = match explicit_year {
                Some((year, end)) => (Some(year), end),
                None => (self.year_for(idx, month, Some(day)), end),
            };
            match year.and_then(|year| Date::new(i16::try_from(year).ok()?, month, day).ok()) {
                Some(date) => {
                    self.clock_after_date(idx, end, date).or_else(|| self.found_point(idx..end, Point::Day(date)))?
                }
                None => self.found(idx..end, TimeType::Date, format!("XXXX-{month:02}-{day:02}"))?,
            }
        } else {
            // "May" is a verb too often to stand alone; it needs a year or a preposition.
            let year_after = if self.w(idx + 1) == "," { self.year_at(idx + 2) } else { self.year_at(idx + 1) };
            let year_after = year_after.or_else(|| (self.w(idx + 1) == "of").then(|| self.year_at(idx + 2)).flatten());
            // "June last year".
            let relative_year = match (self.w(idx + 1), self.w(idx + 2)) {
                ("last" | "next" | "this", "year") => {
                    Some((self.w(idx + 1) == "next") as i32 - (self.w(idx + 1) == "last") as i32)
                }
                _ => None,
            };
            // "the annual March for Life": a month with an article and a preposition after it
            // is a noun ("the October slaying" is a month).
            let before = idx.checked_sub(1).map_or("", |before| self.w(before));
            let after = self.w(idx + 1);
            if matches!(before, "the" | "a" | "an" | "annual")
                && matches!(after, "for" | "of" | "to" | "on" | "against" | "through" | "across" | "in")
            {
                return None;
            }
            if month == 5 && modifier.is_none() && year_after.is_none() {
                let before = idx.checked_sub(1).map_or("", |before| self.w(before));
                if !matches!(
                    before,
                    "in" | "since"
                        | "until"
                        | "through"
                        | "by"
                        | "during"
                        | "early"
                        | "late"
                        | "mid"
                        | "last"
                        | "next"
                        | "this"
                        | "of"
                        | "before"
                        | "after"
                        | "from"
                        | "to"
                        | "and"
                        | "or"
                ) {
                    return None;
                }
            }
            match (year_after, relative_year, self.dct) {
                (Some((year, end)), _, _) => self.found_point(idx..end, Point::Month(year, month))?,
                (None, Some(offset), Some(dct)) => {
                    self.found_point(idx..idx + 3, Point::Month(i32::from(dct.year()) + offset, month))?
                }
                _ => match self.year_for(idx, month, None) {
                    Some(year) => self.found_point(idx..idx + 1, Point::Month(year, month))?,
                    None => self.found(idx..idx + 1, TimeType::Date, format!("XXXX-{month:02}"))?,
                },
            }
        };
        if found.modifier.is_none() {
            found.modifier = modifier;
        }
        Some(found)
    }

    /// After "April 24", a second day of the same month: "and 25", "or 26", "to 28".
    pub(crate) fn day_sharing_month(&self, first: &FoundTime) -> Option<FoundTime> {
        let Some(Point::Day(date)) = first.point else { return None };
        let end = first.tokens.end;
        if !matches!(self.w(end), "and" | "or" | "to" | "through" | "until") {
            return None;
        }
        let (day, day_end) = self.day_number(end + 1)?;
        // "April 24 and 25 people": a count, not a day.
        let after = self.w(day_end);
        if lexicon::month(after).is_some()
            || lexicon::unit(after).is_some()
            || self.doc.is_word(day_end) && !matches!(after, "," | "." | "in" | "at" | "of")
        {
            return None;
        }
        let second = Date::new(date.year(), date.month(), day).ok().filter(|second| *second > date)?;
        self.found_point(end + 1..day_end, Point::Day(second))
    }

    /// "7 August", "7th August 2013", "the 7th of August".
    pub(super) fn day_month(&self, idx: usize) -> Option<FoundTime> {
        let (day_idx, the) = if self.w(idx) == "the" { (idx + 1, true) } else { (idx, false) };
        let (day, mut month_idx) = self.day_number(day_idx)?;
        if the && month_idx == day_idx + 1 {
            return None;
        }
        if self.w(month_idx) == "of" {
            month_idx += 1;
        }
        let month = lexicon::month(self.w(month_idx)).filter(|_| self.doc.is_capitalised(month_idx))?;
        let mut end = month_idx + 1;
        let year = match self.year_number(end) {
            Some(year) => {
                end += 1;
                Some(year)
            }
            None if self.w(end) == "," && self.year_number(end + 1).is_some() => {
                end += 2;
                self.year_number(end - 1)
            }
            None => self.year_for(idx, month, Some(day)),
        };
        match year.and_then(|year| Date::new(i16::try_from(year).ok()?, month, day).ok()) {
            Some(date) => self.found_point(idx..end, Point::Day(date)),
            None => self.found(idx..end, TimeType::Date, format!("XXXX-{month:02}-{day:02}")),
        }
    }

    /// "1998-08-07", "8/7/1998", "08/07/98" (month first, as American news writes them).
    pub(super) fn numeric_date(&self, idx: usize) -> Option<FoundTime> {
        let first = self.integer(idx)?;
        let separator = self.w(idx + 1);
        if !matches!(separator, "-" | "/") || self.w(idx + 3) != separator {
            return None;
        }
        let all_glued = (idx..idx + 4).all(|token| self.glued(token));
        let (second, third) = (self.integer(idx + 2)?, self.integer(idx + 4)?);
        if !all_glued {
            return None;
        }
        let (year, month, day) = if separator == "-" && self.w(idx).len() == 4 {
            (first, second, third)
        } else if separator == "/" {
            let year = match self.w(idx + 4).len() {
                4 => third,
                2 if third >= 50 => 1900 + third,
                2 => 2000 + third,
                _ => return None,
            };
            (year, first, second)
        } else {
            return None;
        };
        let date = Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
        self.found_point(idx..idx + 5, Point::Day(date))
    }

    /// "1998", "fiscal 1989", "the 1990s", "mid-1990s", "the '90s", "the 20th century".
    pub(super) fn year(&self, idx: usize) -> Option<FoundTime> {
        let (start, mut next) = match self.w(idx) {
            "fiscal" | "calendar" | "the" | "model" => (idx, idx + 1),
            _ => (idx, idx),
        };
        if self.w(next) == "fiscal" {
            next += 1;
        }
        // "the '90s".
        if self.w(next) == "'" || self.w(next) == "’" {
            let decade = self.integer(next + 1).filter(|_| self.w(next + 1).len() == 2 && self.glued(next))?;
            if self.glued(next + 1) && self.w(next + 2) == "s" && decade % 10 == 0 {
                return self.found_point(start..next + 3, Point::Decade(190 + i32::try_from(decade / 10).ok()?));
            }
            return None;
        }
        // "the 20th century".
        if let Some(ordinal) = self.century_ordinal(next) {
            return ordinal.and_then(|(century, end)| self.found_point(start..end, Point::Century(century - 1)));
        }
        if let Some(rest) = self.w(next).strip_prefix("mid-") {
            let digits = rest.trim_end_matches('s');
            let year: i32 = digits.parse().ok().filter(|_| digits.len() == 4)?;
            let point = if rest.ends_with('s') { Point::Decade(year / 10) } else { Point::Year(year) };
            let mut found = self.found_point(start..next + 1, point)?;
            found.modifier = Some("MID");
            return Some(found);
        }
        // "nineteen ninety-six", "the year two thousand", "the year 2000".
        let year_word = usize::from(self.w(idx) == "the" && self.w(next) == "year");
        if let Some((year, end)) = self.spoken_year(next + year_word) {
            return self.found_point(start..end, Point::Year(year));
        }
        if year_word == 1 {
            let year = self.year_number(next + 1)?;
            return self.found_point(start..next + 2, Point::Year(year));
        }
        let year = self.year_number(next)?;
        // "the 1990s".
        if self.glued(next) && self.w(next + 1) == "s" && year % 10 == 0 {
            let point = if year % 100 == 0 && self.w(idx) == "the" {
                Point::Century(year / 100)
            } else {
                Point::Decade(year / 10)
            };
            let point = if year % 100 == 0 { Point::Decade(year / 10) } else { point };
            return self.found_point(start..next + 2, point);
        }
        if start != next && !matches!(self.w(idx), "fiscal" | "calendar") {
            return None;
        }
        let after = self.w(next + 1);
        let before = next.checked_sub(1).map_or("", |before| self.w(before));
        // "1998-99" is a year; "2022-23" too; "2000%" and "1998/99 figures" are not.
        let glued_dash = after == "-" && self.glued(next);
        let is_quantity = matches!(after, "%" | "percent" | "per" | "/")
            || (glued_dash && self.integer(next + 2).is_none_or(|_| self.w(next + 2).len() != 2));
        if is_quantity
            || matches!(before, "$" | "€" | "£" | "¥" | "#" | "no." | "-" | "/")
            || self.doc.word(next).contains([',', '.'])
        {
            return None;
        }
        // "1998-99": the first year.
        let end = if after == "-"
            && self.glued(next)
            && self.integer(next + 2).is_some_and(|_| self.w(next + 2).len() == 2)
        {
            next + 3
        } else {
            next + 1
        };
        self.found_point(start..end, Point::Year(year))
    }

    /// `Some(Some((century, end)))` for "20th century"; `Some(None)` when an ordinal is there but
    /// not a century.
    pub(super) fn century_ordinal(&self, idx: usize) -> Option<Option<(i32, usize)>> {
        let (value, end) =
            if self.is_number(idx) && self.glued(idx) && matches!(self.w(idx + 1), "st" | "nd" | "rd" | "th") {
                (self.integer(idx)?, idx + 2)
            } else {
                (i64::from(lexicon::ordinal(self.w(idx))?), idx + 1)
            };
        if self.w(end) != "century" {
            return None;
        }
        Some(i32::try_from(value).ok().map(|value| (value, end + 1)))
    }

    /// "the third quarter", "third-quarter", "the first half of 1990", "the latest quarter",
    /// "the year-ago quarter", "Q3".
    pub(super) fn quarter(&self, idx: usize) -> Option<FoundTime> {
        let mut next = idx;
        if self.w(next) == "the" {
            next += 1;
        }
        if self.w(next) == "fiscal" {
            next += 1;
        }
        // "the 1988 second quarter", "the 1988 quarter".
        let explicit_year = if next > idx { self.year_number(next) } else { None };
        if explicit_year.is_some() {
            next += 1;
        }
        // "Q3", "Q3 2013", "H1".
        if next == idx
            && let Some(found) = self.quarter_code(idx)
        {
            return Some(found);
        }
        let word = self.w(next);
        let hyphenated_ordinal = word.split_once('-').filter(|(ordinal, _)| lexicon::ordinal(ordinal).is_some());
        let (which, unit_idx): (Option<QuarterWhich>, usize) = if let Some((ordinal, rest)) = hyphenated_ordinal {
            let unit = match rest {
                "quarter" => Unit::Quarter,
                "half" => Unit::Year,
                _ => return None,
            };
            let nth = lexicon::ordinal(ordinal).or_else(|| (ordinal == "fourth").then_some(4))?;
            // "the third-quarter results": the article belongs to the noun, not to the date.
            return self.quarter_value(next, next + 1, QuarterWhich::Nth(nth), unit == Unit::Year);
        } else if let Some(nth) = lexicon::ordinal(word) {
            (Some(QuarterWhich::Nth(nth)), next + 1)
        } else {
            match word {
                "latest" | "recent" | "past" | "last" | "previous" | "prior" | "most" => {
                    (Some(QuarterWhich::Previous), next + 1 + usize::from(self.w(next + 1) == "recent"))
                }
                "current" | "this" => (Some(QuarterWhich::Current), next + 1),
                "next" | "coming" => (Some(QuarterWhich::Next), next + 1),
                "year-ago" | "year-earlier" | "comparable" | "same" => {
                    // "the comparable year-ago quarter".
                    let mut after = next + 1;
                    if matches!(word, "comparable" | "same") && matches!(self.w(after), "year-ago" | "year-earlier") {
                        after += 1;
                    }
                    // "the year-ago third quarter": that quarter of the year before.
                    if let Some(nth) = lexicon::ordinal(self.w(after)).filter(|_| self.w(after + 1) == "quarter") {
                        let year = match self.last_point {
                            Some(Point::Quarter(year, _)) => year - 1,
                            _ => i32::from(self.dct?.year()) - 1,
                        };
                        return self.relative_point(idx..after + 2, Point::Quarter(year, nth.clamp(1, 4)));
                    }
                    (Some(QuarterWhich::YearAgo), after)
                }
                "quarter" | "period" if next > idx && explicit_year.is_none() => (Some(QuarterWhich::Previous), next),
                "quarter" if explicit_year.is_some() => (Some(QuarterWhich::YearAgo), next),
                _ => return None,
            }
        };
        let which = which?;
        if let (Some(year), Some(Point::Quarter(_, quarter))) = (explicit_year, self.last_point)
            && which == QuarterWhich::YearAgo
        {
            return self.relative_point(idx..unit_idx + 1, Point::Quarter(year, quarter));
        }
        let half = match self.w(unit_idx) {
            "quarter" => false,
            "period" if which == QuarterWhich::Previous && self.w(next) != "period" => false,
            "half" => true,
            "period" if which == QuarterWhich::YearAgo => {
                return match self.last_point {
                    Some(point) => point.years_away(-1).and_then(|point| self.relative_point(idx..unit_idx + 1, point)),
                    None => None,
                };
            }
            _ => return None,
        };
        if matches!(which, QuarterWhich::YearAgo) && self.w(next) == "same" {
            return None;
        }
        // "the quarter ended July 31": the quarter that date closes.
        if !half
            && matches!(which, QuarterWhich::Previous | QuarterWhich::Current)
            && matches!(self.w(unit_idx + 1), "ended" | "ending" | "ends")
            && let Some(Point::Day(closing)) = self.month_date(unit_idx + 2).and_then(|found| found.point)
        {
            return self.found_point(idx..unit_idx + 1, Point::holding(closing, Unit::Quarter));
        }
        match (which, explicit_year) {
            (QuarterWhich::Nth(nth), Some(year)) if !half => {
                self.found_point(idx..unit_idx + 1, Point::Quarter(year, nth.clamp(1, 4)))
            }
            _ => self.quarter_value(idx, unit_idx + 1, which, half),
        }
    }

    /// "Q3 2013", "Q1", "H2 2012": a quarter or half written as a code.
    pub(super) fn quarter_code(&self, idx: usize) -> Option<FoundTime> {
        let word = self.doc.word(idx);
        let (letter, digit) = (word.get(..1)?, word.get(1..)?.parse::<u8>().ok()?);
        let half = match letter {
            "Q" if (1..=4).contains(&digit) => false,
            "H" if (1..=2).contains(&digit) => true,
            _ => return None,
        };
        match self.year_number(idx + 1) {
            Some(year) => {
                let point = if half { Point::Half(year, digit) } else { Point::Quarter(year, digit) };
                self.found_point(idx..idx + 2, point)
            }
            None => self.quarter_value(idx, idx + 1, QuarterWhich::Nth(digit), half),
        }
    }

    pub(super) fn quarter_value(&self, start: usize, end: usize, which: QuarterWhich, half: bool) -> Option<FoundTime> {
        // "of 1990", "of next year", "of this year".
        let (explicit_year, end) = match (self.w(end), self.w(end + 1), self.w(end + 2)) {
            ("of" | ",", _, _) if self.year_number(end + 1).is_some() => (self.year_number(end + 1), end + 2),
            (_, _, _) if self.year_number(end).is_some() => (self.year_number(end), end + 1),
            ("of", "next" | "last" | "this", "year") => {
                let offset = match self.w(end + 1) {
                    "next" => 1,
                    "last" => -1,
                    _ => 0,
                };
                (self.dct.map(|dct| i32::from(dct.year()) + offset), end + 3)
            }
            _ => (None, end),
        };
        // "the last half of 1989", "the last quarter of 1998": the year's final one.
        let which = match which {
            QuarterWhich::Previous if explicit_year.is_some() => QuarterWhich::Nth(if half { 2 } else { 4 }),
            which => which,
        };
        let Some(dct) = self.dct else {
            let value = match which {
                QuarterWhich::Nth(nth) if half => format!("XXXX-H{nth}"),
                QuarterWhich::Nth(nth) => format!("XXXX-Q{nth}"),
                _ => "XXXX-QX".to_string(),
            };
            return self.found(start..end, TimeType::Date, value);
        };
        let current = normalise::quarter_of(dct.month());
        let dct_year = i32::from(dct.year());
        let point = match which {
            QuarterWhich::Nth(nth) if half => {
                let year = explicit_year.unwrap_or(
                    if nth > normalise::half_of(dct.month()) && self.tense(start) == Tense::Past {
                        dct_year - 1
                    } else {
                        dct_year
                    },
                );
                Point::Half(year, nth.min(2))
            }
            QuarterWhich::Nth(nth) => {
                // A quarter still to come this year is last year's unless the clause is future.
                let year = explicit_year.unwrap_or(if nth > current && self.tense(start) != Tense::Future {
                    dct_year - 1
                } else {
                    dct_year
                });
                Point::Quarter(year, nth.clamp(1, 4))
            }
            QuarterWhich::Previous | QuarterWhich::Current | QuarterWhich::Next => {
                let offset = match which {
                    QuarterWhich::Previous => -1,
                    QuarterWhich::Next => 1,
                    _ => 0,
                };
                if half {
                    // "the past half", "the current half": counted in halves from the
                    // publication date's.
                    let halves = dct_year * 2 + i32::from(normalise::half_of(dct.month())) - 1 + offset;
                    Point::Half(halves.div_euclid(2), (halves.rem_euclid(2) + 1) as u8)
                } else {
                    Point::shifted(dct, Unit::Quarter, i64::from(offset))
                }
            }
            QuarterWhich::YearAgo => match self.last_point {
                Some(point @ Point::Quarter(..)) => point.years_away(-1)?,
                _ => Point::shifted(normalise::shift_date(dct, Unit::Quarter, -1), Unit::Quarter, -4),
            },
        };
        // A year-ago quarter is counted from another one and anchors nothing after it.
        if which == QuarterWhich::YearAgo {
            return self.relative_point(start..end, point);
        }
        self.found_point(start..end, point)
    }

    /// "summer", "the spring of 1998", "summer 2013".
    pub(super) fn season(&self, idx: usize) -> Option<FoundTime> {
        let next = if self.w(idx) == "the" { idx + 1 } else { idx };
        let season = lexicon::season(self.w(next))?;
        // "fall" is a verb and a noun too often without a determiner or year.
        let (year, end) = match (self.w(next + 1), self.year_at(next + 1), self.year_at(next + 2)) {
            (_, Some((year, end)), _) => (Some(year), end),
            ("of", _, Some((year, end))) => (Some(year), end),
            _ if next > idx
                || (season != "FA"
                    && idx > 0
                    && matches!(
                        self.w(idx - 1),
                        "in" | "this" | "during" | "by" | "until" | "since" | "early" | "late" | "mid"
                    )) =>
            {
                (self.dct.map(|dct| i32::from(dct.year())), next + 1)
            }
            _ => return None,
        };
        match year {
            Some(year) => self.found_point(idx..end, Point::Season(year, season)),
            None => self.found(idx..end, TimeType::Date, format!("XXXX-{season}")),
        }
    }

    /// "10 p.m.", "7:15 a.m. EST", "noon", "midnight Friday", "5 p.m. Nov. 9".
    pub(super) fn clock(&self, idx: usize) -> Option<FoundTime> {
        let (hour, minute, mut end) = match self.w(idx) {
            "noon" | "midday" => (12, 0, idx + 1),
            "midnight" => (24, 0, idx + 1),
            _ => {
                let hour = self.integer(idx).filter(|hour| (0..=24).contains(hour))?;
                let (minute, after) = if self.w(idx + 1) == ":" && self.glued(idx) {
                    let minute = self
                        .integer(idx + 2)
                        .filter(|minute| (0..60).contains(minute) && self.w(idx + 2).len() == 2)?;
                    (minute, idx + 3)
                } else if self.w(idx + 1) == "." && self.glued(idx) {
                    return None;
                } else {
                    (0, idx + 1)
                };
                let hour = match self.w(after) {
                    "a.m." | "am" | "a.m" => (hour % 12, after + 1),
                    "p.m." | "pm" | "p.m" => (hour % 12 + 12, after + 1),
                    "o'clock" | "o’clock" => (hour, after + 1),
                    _ if after == idx + 3 && hour <= 24 && self.w(after) != "-" => (hour, after),
                    _ => return None,
                };
                (hour.0, minute, hour.1)
            }
        };
        if matches!(
            self.w(end),
            "est" | "edt" | "cst" | "cdt" | "pst" | "pdt" | "gmt" | "utc" | "bst" | "cet" | "et" | "pt"
        ) {
            end += 1;
        }
        if self.w(end) == "local" && self.w(end + 1) == "time" {
            end += 2;
        }
        let hour = i8::try_from(hour).ok()?;
        let minute = i8::try_from(minute).ok()?;
        // The day it belongs to: after it ("noon Thursday", "5 p.m. EST, Nov. 6") or the
        // publication date.
        let day_start = if self.w(end) == "," || self.w(end) == "on" { end + 1 } else { end };
        let day = [self.weekday(day_start), self.day_word(day_start), self.month_date(day_start)]
            .into_iter()
            .flatten()
            .find_map(|found| match found.point {
                Some(Point::Day(date)) => Some((date, found.tokens.end)),
                _ => None,
            });
        let (date, end) = match day {
            Some((date, day_end)) => (Some(date), day_end),
            None => (self.dct, end),
        };
        match date {
            Some(date) => self.found_point(idx..end, Point::Clock(date, hour, minute)),
            None => self.found(idx..end, TimeType::Time, format!("XXXX-XX-XXT{hour:02}:{minute:02}")),
        }
    }

    /// "Aug. 7 at 10 p.m.": a date with a clock time after it.
    pub(super) fn clock_after_date(&self, start: usize, end: usize, date: Date) -> Option<FoundTime> {
        let clock_start = if self.w(end) == "at" { end + 1 } else { end };
        let clock = self.clock(clock_start)?;
        let Some(Point::Clock(_, hour, minute)) = clock.point else { return None };
        if clock.tokens.end > clock_start + 3 {
            return None;
        }
        self.found_point(start..clock.tokens.end, Point::Clock(date, hour, minute))
    }

    /// "Christmas", "Thanksgiving Day", "New Year's Eve".
    pub(super) fn holiday(&self, idx: usize) -> Option<FoundTime> {
        if !self.doc.is_capitalised(idx) {
            return None;
        }
        let words: Vec<&str> = (idx..idx + 4).map(|token| self.w(token)).collect();
        let (n_words, month, date) = if let Some((n_words, month, day)) = lexicon::fixed_holiday(&words) {
            (
                n_words,
                month,
                Box::new(move |year: i32| Date::new(i16::try_from(year).ok()?, month, day).ok())
                    as Box<dyn Fn(i32) -> Option<Date>>,
            )
        } else {
            let (n_words, month, weekday, nth) = lexicon::floating_holiday(&words)?;
            (
                n_words,
                month,
                Box::new(move |year: i32| normalise::nth_weekday(year, month, weekday, nth))
                    as Box<dyn Fn(i32) -> Option<Date>>,
            )
        };
        let end = idx + n_words;
        let (year, end) = match self.year_number(end) {
            Some(year) => (Some(year), end + 1),
            None => (self.year_for(idx, month, Some(28)), end),
        };
        match year.and_then(date) {
            Some(date) => self.found_point(idx..end, Point::Day(date)),
            None => self.found(idx..end, TimeType::Date, format!("XXXX-{month:02}-XX")),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum QuarterWhich {
    Nth(u8),
    Previous,
    Current,
    Next,
    YearAgo,
}
