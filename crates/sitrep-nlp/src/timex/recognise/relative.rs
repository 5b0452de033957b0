//! Expressions relative to the publication date or to the last date named: "last year", "next
//! week", "the following day", weekdays placed by tense, "today", "the weekend", vague references
//! ("now", "the future") and the modifiers "early", "late", "mid".

use std::ops::Range;

use jiff::civil::{Date, Weekday};
use sitrep_model::TimeType;

use crate::timex::FoundTime;
use crate::timex::lexicon::{self, Unit};
use crate::timex::normalise::{self, Point};
use crate::timex::recognise::duration::duration_value;
use crate::timex::recognise::{Amount, Scanner, Tense, best_len};
use crate::token::TokenKind;

impl Scanner<'_, '_> {
    /// "early", "late", "mid", "earlier", "later", "the end of", "the beginning of" before a
    /// calendar expression: the same value with a TIMEX3 modifier.
    pub(super) fn modified(&self, idx: usize) -> Option<FoundTime> {
        let (modifier, next) = match (self.w(idx), self.w(idx + 1), self.w(idx + 2)) {
            ("early" | "earlier", _, _) => ("START", idx + 1),
            ("late" | "later", _, _) => ("END", idx + 1),
            ("mid" | "middle", "-", _) => ("MID", idx + 2),
            ("mid", _, _) => ("MID", idx + 1),
            ("the", "end" | "close", "of") => ("END", idx + 3),
            ("the", "early", _) => ("START", idx + 2),
            ("the", "late", _) => ("END", idx + 2),
            ("the", "beginning" | "start", "of") => ("START", idx + 3),
            ("the", "middle", "of") => ("MID", idx + 3),
            ("end" | "beginning" | "start" | "middle", "of", _) => ("END", idx + 2),
            _ => return None,
        };
        let modifier = if self.w(idx + 1) == "of" && self.w(idx) != "end" { "START" } else { modifier };
        let next =
            if self.w(next) == "the" && matches!(self.w(next + 1), "year" | "month" | "week" | "decade" | "century") {
                next + 1
            } else {
                next
            };
        let inner = [
            self.relative(next),
            self.month_date(next),
            self.year(next),
            self.season(next),
            self.day_word(next),
            self.weekday(next),
            self.bare_unit_of_dct(next),
            self.definite(next),
            self.quarter(next),
        ]
        .into_iter()
        .flatten()
        .max_by_key(best_len)?;
        if inner.time_type == TimeType::Duration {
            return None;
        }
        Some(FoundTime { tokens: idx..inner.tokens.end, modifier: Some(modifier), ..inner })
    }

    /// "the year", "the month" after "the end of": the publication year or month.
    pub(super) fn bare_unit_of_dct(&self, idx: usize) -> Option<FoundTime> {
        let (unit, plural) = lexicon::unit(self.w(idx))?;
        if plural || !matches!(unit, Unit::Year | Unit::Month | Unit::Week | Unit::Decade | Unit::Century) {
            return None;
        }
        if !matches!(self.w(idx.checked_sub(1)?), "the" | "of") {
            return None;
        }
        self.counted_from_dct(idx..idx + 1, unit, 0)
    }

    /// "last year", "next week", "this month", "last Friday", "next spring", "this morning",
    /// "the following day", "the previous week".
    pub(super) fn relative(&self, idx: usize) -> Option<FoundTime> {
        let relation = self.w(idx);
        let (offset, start) = match relation {
            "last" | "past" => (-1, idx),
            "next" | "coming" => (1, idx),
            // "this past weekend": the last one.
            "this" if self.w(idx + 1) == "past" => (-1, idx + 1),
            "this" | "current" => (0, idx),
            "the"
                if matches!(
                    self.w(idx + 1),
                    "following" | "next" | "previous" | "preceding" | "prior" | "coming" | "current" | "same"
                ) =>
            {
                return self.relative_to_reference(idx);
            }
            _ => return None,
        };
        let target = start + 1;
        let word = self.w(target);
        if let Some((weekday, false)) = lexicon::weekday(word) {
            let Some(dct) = self.dct else {
                return self.found(
                    idx..target + 1,
                    TimeType::Date,
                    format!("XXXX-WXX-{}", weekday.to_monday_one_offset()),
                );
            };
            let date = match offset {
                -1 => normalise::weekday_near(dct, weekday, Some(false), false),
                1 => normalise::weekday_near(dct, weekday, Some(true), false),
                _ => normalise::weekday_near(dct, weekday, None, true),
            };
            return self.with_part_of_day(idx, target + 1, date);
        }
        if let Some(month) = lexicon::month(word).filter(|_| self.doc.is_capitalised(target)) {
            let dct = self.dct?;
            let year = i32::from(dct.year());
            // "last Oct. 23": the latest such day before the publication date (the next one
            // after it for "next").
            if let Some((day, end)) = self.day_number(target + 1)
                && offset != 0
            {
                let candidates = (year - 1..=year + 1)
                    .filter_map(|candidate| Date::new(i16::try_from(candidate).ok()?, month, day).ok());
                let date = if offset < 0 {
                    candidates.filter(|date| *date < dct).max()?
                } else {
                    candidates.filter(|date| *date > dct).min()?
                };
                return self.found_point(idx..end, Point::Day(date));
            }
            let year = match offset {
                -1 if month >= dct.month() => year - 1,
                1 if month <= dct.month() => year + 1,
                _ => year,
            };
            return self.found_point(idx..target + 1, Point::Month(year, month));
        }
        if let Some(season) = lexicon::season(word) {
            let dct = self.dct?;
            let Point::Season(current_year, current) = normalise::season_of(dct) else { return None };
            let year = i32::from(dct.year());
            // Counted from the season of the publication date, whose year is the one the
            // winter started in: in February 1998 (winter 1997) "last fall" is 1997-FA and
            // "next spring" 1998-SP.
            let point = match offset {
                // The last such season that is over.
                -1 if season_rank(season) >= season_rank(current) => Point::Season(current_year - 1, season),
                -1 => Point::Season(current_year, season),
                1 if season_rank(season) <= season_rank(current) => Point::Season(current_year + 1, season),
                1 => Point::Season(current_year, season),
                _ if season == current => Point::Season(current_year, season),
                _ => Point::Season(year, season),
            };
            return self.found_point(idx..target + 1, point);
        }
        if let Some(part) = lexicon::part_of_day(word) {
            let dct = self.dct?;
            let date = if offset == -1 && part == "NI" { normalise::shift_date(dct, Unit::Day, -1) } else { dct };
            if offset == 1 {
                return None;
            }
            return self.found_point(idx..target + 1, Point::PartOfDay(date, part));
        }
        let (unit, false) = lexicon::unit(word)? else { return None };
        if unit.is_time_of_day() {
            return None;
        }
        // "next year's first quarter", "last year's quarter".
        if unit == Unit::Year
            && matches!(self.w(target + 1), "'s" | "’s")
            && let Some(dct) = self.dct
        {
            let year = i32::from(dct.year()) + i32::try_from(offset).ok()?;
            let (nth, quarter_idx) = match lexicon::ordinal(self.w(target + 2)) {
                Some(nth) => (Some(nth), target + 3),
                None => (None, target + 2),
            };
            if matches!(self.w(quarter_idx), "quarter" | "period") {
                let nth = nth.or(match self.last_point {
                    Some(Point::Quarter(_, quarter)) => Some(quarter),
                    _ => None,
                })?;
                return self.found_point(idx..quarter_idx + 1, Point::Quarter(year, nth.clamp(1, 4)));
            }
        }
        let found = self.counted_from_dct(idx..target + 1, unit, offset)?;
        // "this past week".
        Some(found)
    }

    /// "the following day", "the previous week", "the same month": from the last point named.
    pub(super) fn relative_to_reference(&self, idx: usize) -> Option<FoundTime> {
        let offset = match self.w(idx + 1) {
            "following" | "next" | "coming" => 1,
            "previous" | "preceding" | "prior" => -1,
            _ => 0,
        };
        // "the previous Friday", "the following Monday": from the last day named.
        if let Some((weekday, false)) = lexicon::weekday(self.w(idx + 2))
            && offset != 0
        {
            let anchor = self.reference_date()?;
            let date = normalise::weekday_near(anchor, weekday, Some(offset > 0), false);
            return self.relative_point(idx..idx + 3, Point::Day(date));
        }
        // "the current fiscal year".
        let unit_idx = if self.w(idx + 2) == "fiscal" { idx + 3 } else { idx + 2 };
        let (unit, false) = lexicon::unit(self.w(unit_idx))? else { return None };
        if unit.is_time_of_day() {
            return None;
        }
        // "the coming week", "the current year" count from the publication date.
        let anchor = if matches!(self.w(idx + 1), "coming" | "current") { self.dct } else { self.reference_date() };
        match anchor {
            Some(anchor) => self.found_point(idx..unit_idx + 1, Point::shifted(anchor, unit, offset)),
            None => self.found(idx..unit_idx + 1, TimeType::Date, normalise::unanchored(unit).to_string()),
        }
    }

    /// "today", "yesterday", "tomorrow", "tonight", with a part of the day after them.
    pub(super) fn day_word(&self, idx: usize) -> Option<FoundTime> {
        let offset = match self.w(idx) {
            "today" => 0,
            "yesterday" => -1,
            "tomorrow" => 1,
            "tonight" => {
                let dct = self.dct?;
                return self.found_point(idx..idx + 1, Point::PartOfDay(dct, "NI"));
            }
            _ => return None,
        };
        let Some(dct) = self.dct else {
            return self.found(idx..idx + 1, TimeType::Date, "XXXX-XX-XX".to_string());
        };
        self.with_part_of_day(idx, idx + 1, normalise::shift_date(dct, Unit::Day, offset))
    }

    /// "mid afternoon", "mid-morning", "mid-afternoon yesterday": the middle of a part of the
    /// day, that of the day named after it or of the publication date.
    pub(super) fn mid_part_of_day(&self, idx: usize) -> Option<FoundTime> {
        let (part, end) = match self.w(idx) {
            "mid" => (lexicon::part_of_day(self.w(idx + 1))?, idx + 2),
            word => (lexicon::part_of_day(word.strip_prefix("mid-").or_else(|| word.strip_prefix("mid"))?)?, idx + 1),
        };
        if !matches!(part, "MO" | "AF") {
            return None;
        }
        let day = [self.day_word(end), self.weekday(end)].into_iter().flatten().find_map(|found| match found.point {
            Some(Point::Day(date)) => Some((date, found.tokens.end)),
            _ => None,
        });
        let (date, end) = match day {
            Some((date, day_end)) => (date, day_end),
            None => (self.dct?, end),
        };
        self.found_point(idx..end, Point::PartOfDay(date, part))
    }

    /// A day followed, maybe, by a part of it: "Friday night", "yesterday morning".
    pub(super) fn with_part_of_day(&self, start: usize, end: usize, date: Date) -> Option<FoundTime> {
        if let Some(part) = lexicon::part_of_day(self.w(end)) {
            return self.found_point(start..end + 1, Point::PartOfDay(date, part));
        }
        self.found_point(start..end, Point::Day(date))
    }

    /// "Thursday" placed by tense in the week of publication; "Friday, Aug. 7" takes the date;
    /// "Mondays" is a set.
    pub(super) fn weekday(&self, idx: usize) -> Option<FoundTime> {
        let (weekday, plural) = lexicon::weekday(self.w(idx))?;
        if !self.doc.is_capitalised(idx) {
            return None;
        }
        if plural {
            return self.weekly_set(idx..idx + 1, weekday, idx + 1);
        }
        // "Friday, Aug. 7, 1998": the explicit date decides.
        let date_start = if self.w(idx + 1) == "," { idx + 2 } else { idx + 1 };
        if let Some(date) = self.month_date(date_start).or_else(|| self.day_month(date_start))
            && matches!(date.point, Some(Point::Day(_)))
        {
            return Some(FoundTime { tokens: idx..date.tokens.end, ..date });
        }
        let Some(dct) = self.dct else {
            return self.found(idx..idx + 1, TimeType::Date, format!("XXXX-WXX-{}", weekday.to_monday_one_offset()));
        };
        // "Wednesday's ruling" names something that has happened.
        let is_possessive = matches!(self.w(idx + 1), "'s" | "’s");
        let date = if self.after_deadline_word(idx) {
            // "given until 9 a.m. Tuesday to sign", "by Friday": a deadline is the nearest such
            // day whatever the tense of the clause, which is that of the decision.
            let before = normalise::weekday_near(dct, weekday, Some(false), true);
            let after = normalise::weekday_near(dct, weekday, Some(true), true);
            if (after - dct).get_days() < (dct - before).get_days() { after } else { before }
        } else {
            let forward = !is_possessive && self.tense(idx) == Tense::Future;
            normalise::weekday_near(dct, weekday, Some(forward), true)
        };
        self.with_part_of_day(idx, idx + 1, date)
    }

    /// True when "by", "until", "till" or "through" stands before token `idx`, maybe with a
    /// clock time between: "until 9 a.m. EST Tuesday".
    fn after_deadline_word(&self, idx: usize) -> bool {
        let is_clock_word = |token: usize| {
            self.is_number(token)
                || matches!(
                    self.w(token),
                    "a.m."
                        | "p.m."
                        | "a.m"
                        | "p.m"
                        | "am"
                        | "pm"
                        | "noon"
                        | "midnight"
                        | ":"
                        | "at"
                        | "on"
                        | "est"
                        | "edt"
                        | "gmt"
                        | "et"
                        | "pst"
                        | "pdt"
                        | "cst"
                        | "cdt"
                )
        };
        let before = (idx.saturating_sub(6)..idx).rev().find(|&token| !is_clock_word(token));
        before.is_some_and(|token| matches!(self.w(token), "by" | "until" | "till" | "through"))
    }

    pub(super) fn weekly_set(&self, tokens: Range<usize>, weekday: Weekday, end: usize) -> Option<FoundTime> {
        let day = weekday.to_monday_one_offset();
        match lexicon::part_of_day(self.w(end)) {
            Some(part) => self.found(tokens.start..end + 1, TimeType::Set, format!("XXXX-WXX-{day}T{part}")),
            None => self.found(tokens, TimeType::Set, format!("XXXX-WXX-{day}")),
        }
    }

    /// "the weekend", "the year", "the week", "the day", "the morning", "that year", "year-end",
    /// "the near future": definite references to the period around the publication date (or,
    /// after "that", around the last point named).
    pub(super) fn definite(&self, idx: usize) -> Option<FoundTime> {
        let word = self.w(idx);
        if matches!(word, "year-end" | "yearend") || (word == "year" && matches!(self.w(idx + 1), "end" | "-end")) {
            let end = if word == "year" { idx + 2 } else { idx + 1 };
            let mut found = self.counted_from_dct(idx..end, Unit::Year, 0)?;
            found.modifier = Some("END");
            return Some(found);
        }
        if word == "year" && self.w(idx + 1) == "'s" && self.w(idx + 2) == "end" {
            let mut found = self.counted_from_dct(idx..idx + 3, Unit::Year, 0)?;
            found.modifier = Some("END");
            return Some(found);
        }
        if word == "a" && matches!(self.w(idx + 1), "later" | "future") && self.w(idx + 2) == "date" {
            return self.found(idx..idx + 3, TimeType::Date, "FUTURE_REF".to_string());
        }
        if !matches!(word, "the" | "that") {
            return None;
        }
        if let Some(decade) = decade_word(self.w(idx + 1)) {
            return self.found_point(idx..idx + 2, Point::Decade(decade));
        }
        // "the weeks ahead", "the days ahead".
        if let Some((unit, true)) = lexicon::unit(self.w(idx + 1))
            && self.w(idx + 2) == "ahead"
        {
            return self.found(idx..idx + 3, TimeType::Duration, duration_value(Amount::Vague, unit));
        }
        let mut next = idx + 1;
        if word == "the" && matches!(self.w(next), "near" | "short" | "long" | "foreseeable" | "distant") {
            if matches!(self.w(next + 1), "future" | "term") {
                return self.found(idx..next + 2, TimeType::Date, "FUTURE_REF".to_string());
            }
            return None;
        }
        if word == "the" && matches!(self.w(next), "full" | "fiscal" | "calendar" | "whole" | "entire") {
            next += 1;
        }
        let target = self.w(next);
        let (unit, false) = lexicon::unit(target)? else { return None };
        if word == "that" {
            if !matches!(unit, Unit::Year | Unit::Month | Unit::Day | Unit::Week | Unit::Quarter) {
                return None;
            }
            let anchor = self.reference_date()?;
            return self.found_point(idx..next + 1, Point::holding(anchor, unit));
        }
        match unit {
            Unit::Weekend => {
                let dct = self.dct?;
                let forward = self.tense(idx) == Tense::Future;
                let saturday = normalise::weekday_near(dct, Weekday::Saturday, Some(forward), true);
                self.found_point(idx..next + 1, Point::holding(saturday, Unit::Weekend))
            }
            // "the year ended Sept. 30": a length.
            Unit::Year if matches!(self.w(next + 1), "ended" | "ending" | "ends") => {
                self.found(idx..next + 1, TimeType::Duration, "P1Y".to_string())
            }
            // "the day" is as often any day as the publication date's: left out.
            Unit::Year | Unit::Week => self.counted_from_dct(idx..next + 1, unit, 0),
            _ => None,
        }
    }

    /// "now", "currently", "recently", "the past", "the future", "soon", "these days".
    pub(super) fn reference(&self, idx: usize) -> Option<FoundTime> {
        let word = self.w(idx);
        match (word, self.w(idx + 1)) {
            ("the", "past" | "future") => {
                let value = if self.w(idx + 1) == "past" { "PAST_REF" } else { "FUTURE_REF" };
                return self.found(idx..idx + 2, TimeType::Date, value.to_string());
            }
            ("these", "days") | ("nowadays", _) | ("at", "present") => {
                let end = if word == "nowadays" { idx + 1 } else { idx + 2 };
                return self.found(idx..end, TimeType::Date, "PRESENT_REF".to_string());
            }
            ("right", "now") => return self.found(idx..idx + 2, TimeType::Date, "PRESENT_REF".to_string()),
            _ => {}
        }
        let value = lexicon::reference(word)?;
        // "Now, he says, ...": opening a sentence with a comma after it, "now" is a discourse
        // marker that turns the argument, not a time.
        let opens_sentence = |token: usize| {
            self.doc.sentence_of.get(token).and_then(|&s| self.doc.sentences.get(s)).is_some_and(|s| s.start == token)
        };
        if word == "now" && self.w(idx + 1) == "," && opens_sentence(idx) {
            return None;
        }
        // "as soon as", "soon after" are conjunctions more than times.
        if word == "soon" && (self.w(idx + 1) == "as" || idx > 0 && self.w(idx - 1) == "as") {
            return None;
        }

        // "future", "upcoming", "current" are adjectives before a noun that is no time:
        // "current account", "future plans". Only "current" and "recent" stay, as TimeBank
        // marks them.
        if matches!(word, "future" | "forthcoming" | "upcoming") {
            return None;
        }
        self.found(idx..idx + 1, TimeType::Date, value.to_string())
    }

    /// True when a number or an amount of money stands just before `idx`: "$1.76 a year" is a
    /// rate, not a time.
    pub(super) fn rate_before(&self, idx: usize) -> bool {
        (idx.saturating_sub(3)..idx)
            .rev()
            .take_while(|&token| {
                self.doc.tokens.get(token).is_some_and(|t| t.kind != TokenKind::Punct)
                    || matches!(self.w(token), "$" | "%" | "€" | "£")
            })
            .any(|token| {
                self.is_number(token)
                    || matches!(self.w(token), "million" | "billion" | "dollars" | "cents" | "percent" | "%")
            })
    }
}

/// "the nineties" -> 199 (the decade of the twentieth century its name says).
fn decade_word(word: &str) -> Option<i32> {
    let decade = match word {
        "twenties" => 192,
        "thirties" => 193,
        "forties" => 194,
        "fifties" => 195,
        "sixties" => 196,
        "seventies" => 197,
        "eighties" => 198,
        "nineties" => 199,
        _ => return None,
    };
    Some(decade)
}

/// Seasons in the order of a calendar year as TIMEX3 numbers them (winter last).
fn season_rank(season: &str) -> u8 {
    match season {
        "SP" => 1,
        "SU" => 2,
        "FA" => 3,
        _ => 4,
    }
}
