//! The patterns: at each token, every pattern that can start there is tried and the longest
//! match wins. Each pattern both delimits the expression and computes its value, since the
//! words that delimit it ("ago", "next", "the past") are the ones that decide its value.
//!
//! This module holds the [`Scanner`] (the document, its lower-case words, the anchors) and the
//! token helpers; the patterns are grouped by kind in [`calendar`] (named dates, years,
//! quarters, seasons, clock times, holidays), [`relative`] (against the publication date or the
//! last date named), [`duration`] (amounts of time and sets), and [`tense`] places weekdays and
//! months.

use std::borrow::Cow;
use std::ops::Range;

use jiff::civil::Date;
use sitrep_model::TimeType;

use crate::doc::Doc;
use crate::timex::FoundTime;
use crate::timex::lexicon::{self, Unit};
use crate::timex::normalise::{self, Point};
use crate::token::TokenKind;

mod calendar;
mod duration;
mod relative;
mod tense;

/// The tense of the clause around an expression, which places bare weekdays and months.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// An amount of units: a number, or an unknown plural ("several", "a few").
#[derive(Clone, Copy, Debug, PartialEq)]
enum Amount {
    Known(f64),
    Vague,
}

/// The document, its lower-case words and what anchors relative expressions.
pub(crate) struct Scanner<'d, 'a> {
    doc: &'d Doc<'a>,
    /// Lower-case words, borrowed from the text when already lower case (most are).
    lower: Vec<Cow<'a, str>>,
    dct: Option<Date>,
    /// The last calendar point found, the anchor of "a year earlier" and "the next day".
    pub(crate) last_point: Option<Point>,
}

impl<'d, 'a> Scanner<'d, 'a> {
    pub(crate) fn new(doc: &'d Doc<'a>, dct: Option<Date>) -> Scanner<'d, 'a> {
        let lower = (0..doc.tokens.len())
            .map(|idx| {
                let word = doc.word(idx);
                if word.chars().any(char::is_uppercase) { Cow::Owned(word.to_lowercase()) } else { Cow::Borrowed(word) }
            })
            .collect();
        Scanner { doc, lower, dct, last_point: None }
    }

    /// The longest expression starting at token `idx`.
    pub(crate) fn time_at(&self, idx: usize) -> Option<FoundTime> {
        let first = self.w(idx);
        if first.is_empty() || !self.can_start(idx) {
            return None;
        }
        let candidates = [
            self.modified(idx),
            self.quantified_duration(idx),
            self.relative(idx),
            self.day_word(idx),
            self.mid_part_of_day(idx),
            self.weekday(idx),
            self.month_date(idx),
            self.day_month(idx),
            self.numeric_date(idx),
            self.year(idx),
            self.quarter(idx),
            self.season(idx),
            self.clock(idx),
            self.holiday(idx),
            self.set(idx),
            self.hyphenated(idx),
            self.reference(idx),
            self.definite(idx),
            self.bare_plural(idx),
        ];
        candidates.into_iter().flatten().filter(|found| found.tokens.end > idx).fold(None, |best, found| match best {
            Some(best) if best_len(&best) >= best_len(&found) => Some(best),
            _ => Some(found),
        })
    }

    /// True when some pattern can start at token `idx`: a number, a hyphenated word, or a word
    /// of the lexicon or of [`lexicon::is_pattern_start`]. Most words are none, and checking
    /// this first spares trying every pattern on them.
    fn can_start(&self, idx: usize) -> bool {
        let Some(token) = self.doc.tokens.get(idx) else { return false };
        if token.kind == TokenKind::Number {
            return true;
        }
        if token.kind == TokenKind::Punct {
            return false;
        }
        let word = self.w(idx);
        word.contains('-')
            || matches!(word, "q1" | "q2" | "q3" | "q4" | "h1" | "h2")
            || lexicon::is_pattern_start(word)
            || lexicon::month(word).is_some()
            || lexicon::weekday(word).is_some()
            || lexicon::season(word).is_some()
            || lexicon::unit(word).is_some()
            || lexicon::part_of_day(word).is_some()
            || lexicon::ordinal(word).is_some()
            || lexicon::cardinal(word).is_some()
            || lexicon::reference(word).is_some()
            || lexicon::is_vague_amount(word)
            || lexicon::QUANTIFIERS.iter().any(|words| words.first() == Some(&word))
            || (self.doc.is_capitalised(idx) && lexicon::is_holiday_start(word))
    }

    // ----- token helpers -----

    fn w(&self, idx: usize) -> &str {
        self.lower.get(idx).map_or("", |word| word.as_ref())
    }

    fn is_number(&self, idx: usize) -> bool {
        self.doc.tokens.get(idx).is_some_and(|token| token.kind == TokenKind::Number)
    }

    /// True when token `idx + 1` follows token `idx` with no space between.
    fn glued(&self, idx: usize) -> bool {
        match (self.doc.tokens.get(idx), self.doc.tokens.get(idx + 1)) {
            (Some(this), Some(next)) => this.end == next.start,
            _ => false,
        }
    }

    /// A whole number token without separators ("1998", "07").
    fn integer(&self, idx: usize) -> Option<i64> {
        let word = self.w(idx);
        (self.is_number(idx) && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.parse().ok()).flatten()
    }

    /// A day of the month: "7", "07", "7th", "21st".
    fn day_number(&self, idx: usize) -> Option<(i8, usize)> {
        let day = self.integer(idx).filter(|day| (1..=31).contains(day) && self.w(idx).len() <= 2)?;
        let end =
            if self.glued(idx) && matches!(self.w(idx + 1), "st" | "nd" | "rd" | "th") { idx + 2 } else { idx + 1 };
        Some((i8::try_from(day).ok()?, end))
    }

    /// A four-digit year.
    fn year_number(&self, idx: usize) -> Option<i32> {
        let year = self.integer(idx).filter(|_| self.w(idx).len() == 4)?;
        let year = i32::try_from(year).ok()?;
        (1000..=2199).contains(&year).then_some(year)
    }

    /// A year written out as it is spoken, and where it ends: "nineteen ninety-six",
    /// "eighteen seventy six", "nineteen eighty", and after "year" also "two thousand" and
    /// "two thousand (and) one". Transcripts of broadcast news spell years this way.
    fn spoken_year(&self, idx: usize) -> Option<(i32, usize)> {
        let first = self.w(idx);
        if matches!(
            first,
            "eleven"
                | "twelve"
                | "thirteen"
                | "fourteen"
                | "fifteen"
                | "sixteen"
                | "seventeen"
                | "eighteen"
                | "nineteen"
        ) {
            let century = lexicon::cardinal(first)?;
            let tens = lexicon::cardinal(self.w(idx + 1)).filter(|tens| (10..100).contains(tens))?;
            // "ninety six" in two words.
            if tens % 10 == 0
                && tens >= 20
                && let Some(ones) = lexicon::cardinal(self.w(idx + 2)).filter(|ones| (1..10).contains(ones))
            {
                return Some((i32::try_from(century * 100 + tens + ones).ok()?, idx + 3));
            }
            return Some((i32::try_from(century * 100 + tens).ok()?, idx + 2));
        }
        // "the year two thousand": only after "year", since "two thousand" is mostly a count.
        if first == "two" && self.w(idx + 1) == "thousand" && idx > 0 && self.w(idx - 1) == "year" {
            let ones_at = if self.w(idx + 2) == "and" { idx + 3 } else { idx + 2 };
            if let Some(ones) = lexicon::cardinal(self.w(ones_at)).filter(|ones| (1..10).contains(ones)) {
                return Some((2000 + i32::try_from(ones).ok()?, ones_at + 1));
            }
            return Some((2000, idx + 2));
        }
        None
    }

    /// A year in digits ("1998") or spoken ("nineteen ninety-six"), and where it ends.
    fn year_at(&self, idx: usize) -> Option<(i32, usize)> {
        self.year_number(idx).map(|year| (year, idx + 1)).or_else(|| self.spoken_year(idx))
    }

    /// An amount of units and where it ends: "two", "24", "twenty four", "a", "a couple of",
    /// "several", "a few".
    fn amount(&self, idx: usize) -> Option<(Amount, usize)> {
        let word = self.w(idx);
        if self.is_number(idx) {
            let value: f64 = word.replace(',', "").parse().ok()?;
            // "2 1/2 years".
            if self.is_number(idx + 1) && self.w(idx + 2) == "/" && self.is_number(idx + 3) {
                let fraction = self.integer(idx + 1)? as f64 / self.integer(idx + 3).filter(|d| *d > 0)? as f64;
                return Some((Amount::Known(value + fraction), idx + 4));
            }
            return Some((Amount::Known(value), idx + 1));
        }
        if let Some(value) = lexicon::cardinal(word) {
            // "twenty four", "one hundred", "two thousand".
            if value >= 20
                && value % 10 == 0
                && value < 100
                && let Some(ones) = lexicon::cardinal(self.w(idx + 1)).filter(|ones| (1..10).contains(ones))
            {
                return Some((Amount::Known((value + ones) as f64), idx + 2));
            }
            if value < 100 && self.w(idx + 1) == "hundred" {
                return Some((Amount::Known((value * 100) as f64), idx + 2));
            }
            return Some((Amount::Known(value as f64), idx + 1));
        }
        match word {
            "a" | "an" => match self.w(idx + 1) {
                "few" => Some((Amount::Vague, idx + 2)),
                "couple" if self.w(idx + 2) == "of" => Some((Amount::Known(2.0), idx + 3)),
                "couple" => Some((Amount::Known(2.0), idx + 2)),
                "dozen" => Some((Amount::Known(12.0), idx + 2)),
                "hundred" => Some((Amount::Known(100.0), idx + 2)),
                "half" => Some((Amount::Known(0.5), idx + 2)),
                _ => Some((Amount::Known(1.0), idx + 1)),
            },
            "half" if matches!(self.w(idx + 1), "a" | "an") => Some((Amount::Known(0.5), idx + 2)),
            "couple" if self.w(idx + 1) == "of" => Some((Amount::Known(2.0), idx + 2)),
            word if lexicon::is_vague_amount(word) => Some((Amount::Vague, idx + 1)),
            _ => None,
        }
    }

    fn found(&self, tokens: Range<usize>, time_type: TimeType, value: String) -> Option<FoundTime> {
        Some(FoundTime { tokens, time_type, value, modifier: None, point: None })
    }

    fn found_point(&self, tokens: Range<usize>, point: Point) -> Option<FoundTime> {
        let time_type =
            if matches!(point, Point::PartOfDay(..) | Point::Clock(..)) { TimeType::Time } else { TimeType::Date };
        Some(FoundTime { tokens, time_type, value: point.value(), modifier: None, point: Some(point) })
    }

    /// A point counted from another expression ("a year earlier"): it names a point but does
    /// not become the anchor of the next one, so that two "a year earlier"s do not chain.
    fn relative_point(&self, tokens: Range<usize>, point: Point) -> Option<FoundTime> {
        let found = self.found_point(tokens, point)?;
        Some(FoundTime { point: None, ..found })
    }

    /// A point `count` units from the publication date, or the unanchored value.
    fn counted_from_dct(&self, tokens: Range<usize>, unit: Unit, count: i64) -> Option<FoundTime> {
        match self.dct {
            Some(dct) => self.found_point(tokens, Point::shifted(dct, unit, count)),
            None => self.found(tokens, TimeType::Date, normalise::unanchored(unit).to_string()),
        }
    }

    /// The day the last named point starts on, else the publication date.
    fn reference_date(&self) -> Option<Date> {
        self.last_point.and_then(Point::start).or(self.dct)
    }

    /// The year for a month or day named without one: the publication year, or the year before
    /// (after) when the clause speaks of the past (future) and the date would otherwise fall
    /// after (before) the publication date.
    fn year_for(&self, idx: usize, month: i8, day: Option<i8>) -> Option<i32> {
        let dct = self.dct?;
        let year = i32::from(dct.year());
        // Days since the publication date's month start, month-granular when no day is named.
        let months_away = |candidate: i32| {
            let months = (candidate - year) * 12 + i32::from(month) - i32::from(dct.month());
            let days = i32::from(day.unwrap_or(15)) - i32::from(if day.is_some() { dct.day() } else { 15 });
            months * 31 + days
        };
        let candidates = year - 1..=year + 1;
        // "to pay down the loan by February", "loans through January": a deadline is the
        // nearest such month whatever the tense of the clause, which is often that of the
        // decision ("extended") rather than of the term; half a year away either way, the
        // one ahead.
        let before = idx.checked_sub(1).map_or("", |before| self.w(before));
        if matches!(before, "by" | "until" | "till" | "through") {
            return candidates.min_by_key(|candidate| (months_away(*candidate).abs(), -candidate));
        }
        match self.tense(idx) {
            // The future: the next such date, allowing a month's slack ("to repatriate the child
            // by Jan. 14" written the day after). The past: the last one, unless this year's is
            // only weeks ahead ("the offer was extended to Nov. 16"). Otherwise the nearest.
            Tense::Future => candidates
                .filter(|candidate| months_away(*candidate) >= -31)
                .min_by_key(|candidate| months_away(*candidate).abs()),
            Tense::Past if (0..=45).contains(&months_away(year)) => Some(year),
            Tense::Past => candidates
                .filter(|candidate| months_away(*candidate) <= 0)
                .max_by_key(|candidate| months_away(*candidate)),
            Tense::Unknown => candidates.min_by_key(|candidate| months_away(*candidate).abs()),
        }
    }
}

fn best_len(found: &FoundTime) -> usize {
    found.tokens.len()
}
