//! The patterns: at each token, every pattern that can start there is tried and the longest
//! match wins. Each pattern both delimits the expression and computes its value, since the
//! words that delimit it ("ago", "next", "the past") are the ones that decide its value.

use std::borrow::Cow;
use std::ops::Range;

use jiff::civil::{Date, Weekday};
use sitrep_model::TimeType;

use crate::doc::Doc;
use crate::timex::FoundTime;
use crate::timex::lexicon::{self, Unit};
use crate::timex::normalise::{self, Point};
use crate::token::TokenKind;

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

    /// The tense of the clause around token `idx`: that of the nearest tense marker in the
    /// clause ("will", "was", "said", "expected", a verb in -ed); at the same distance the one
    /// before wins (the verb a time phrase follows), then a strong one ("will", "was").
    fn tense(&self, idx: usize) -> Tense {
        let Some(sentence) = self.doc.sentence_of.get(idx).and_then(|&s| self.doc.sentences.get(s)) else {
            return Tense::Unknown;
        };
        let is_boundary = |token: usize| matches!(self.w(token), ";" | ":" | "—" | "“" | "”" | "\"" | "but");
        let start =
            (sentence.start..idx).rev().find(|&token| is_boundary(token)).map_or(sentence.start, |token| token + 1);
        let end = (idx + 1..sentence.end).find(|&token| is_boundary(token)).unwrap_or(sentence.end);
        // Tokens of the clause, nearest first.
        let by_distance = |token: &usize| token.abs_diff(idx);
        let mut clause: Vec<usize> = (start..end).filter(|&token| token != idx).collect();
        clause.sort_by_key(by_distance);
        // "had been due to expire Friday": the past perfect puts the whole clause in the past.
        if clause.iter().any(|&token| token < idx && self.w(token) == "had")
            && !clause.iter().any(|&token| lexicon::is_strong_future_marker(self.w(token)))
        {
            return Tense::Past;
        }
        let marked = |token: usize| {
            let word = self.w(token);
            if self.w(token + 1) == "to" && lexicon::is_future_before_to(word) {
                return Some((0, Tense::Future));
            }
            let strong = if lexicon::is_strong_future_marker(word) {
                Some(Tense::Future)
            } else if lexicon::is_strong_past_marker(word) {
                Some(Tense::Past)
            } else {
                None
            };
            // "to be held on April 24", "when the case is heard in May", "a still unspecified
            // date": a participle after "be", in the present passive or as an adjective is no
            // past.
            let after_be = token > 0
                && matches!(
                    self.w(token - 1),
                    "be" | "being"
                        | "is"
                        | "are"
                        | "am"
                        | "a"
                        | "an"
                        | "the"
                        | "still"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                );
            let weak = if lexicon::is_future_marker(word) {
                Some(Tense::Future)
            } else if lexicon::is_past_marker(word) && !after_be {
                Some(Tense::Past)
            } else if lexicon::is_present_marker(word) {
                Some(Tense::Unknown)
            } else {
                None
            };
            strong.map(|tense| (0, tense)).or(weak.map(|tense| (1, tense)))
        };
        clause
            .iter()
            .filter_map(|&token| {
                marked(token).map(|(weakness, tense)| (by_distance(&token), token > idx, weakness, tense))
            })
            .min_by_key(|(distance, is_after, weakness, _)| (*distance, *is_after, *weakness))
            .map_or(Tense::Unknown, |(_, _, _, tense)| tense)
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
        match self.tense(idx) {
            // The next such date; the last one for the past, unless this year's is only weeks
            // ahead ("the offer was extended to Nov. 16").
            // The next such date, allowing a month's slack ("to repatriate the child by Jan. 14"
            // the day after).
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

    // ----- patterns -----

    /// True when a number or an amount of money stands just before `idx`: "$1.76 a year" is a
    /// rate, not a time.
    fn rate_before(&self, idx: usize) -> bool {
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

    /// "early", "late", "mid", "earlier", "later", "the end of", "the beginning of" before a
    /// calendar expression: the same value with a TIMEX3 modifier.
    fn modified(&self, idx: usize) -> Option<FoundTime> {
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
    fn bare_unit_of_dct(&self, idx: usize) -> Option<FoundTime> {
        let (unit, plural) = lexicon::unit(self.w(idx))?;
        if plural || !matches!(unit, Unit::Year | Unit::Month | Unit::Week | Unit::Decade | Unit::Century) {
            return None;
        }
        if !matches!(self.w(idx.checked_sub(1)?), "the" | "of") {
            return None;
        }
        self.counted_from_dct(idx..idx + 1, unit, 0)
    }

    /// Durations and dates counted in units: "three years", "the past two months", "more than
    /// four hours", "the first nine months", "several weeks", "two days ago", "a year earlier".
    fn quantified_duration(&self, idx: usize) -> Option<FoundTime> {
        let mut next = idx;
        let mut quantifier = None;
        for words in lexicon::QUANTIFIERS {
            // "over the weekend": a preposition, not a quantifier.
            let before_determiner = matches!(self.w(idx + words.len()), "the" | "this" | "that" | "these");
            if words.iter().enumerate().all(|(offset, word)| self.w(idx + offset) == *word)
                && !(before_determiner
                    && matches!(words, ["over"] | ["some"] | ["just"] | ["only"] | ["about"] | ["around"]))
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

    fn ago(&self, tokens: Range<usize>, amount: Amount, unit: Unit) -> Option<FoundTime> {
        self.ago_signed(tokens, amount, unit, -1)
    }

    /// "two years ago" (sign -1), "two weeks from now" (sign 1), from the publication date.
    fn ago_signed(&self, tokens: Range<usize>, amount: Amount, unit: Unit, sign: i64) -> Option<FoundTime> {
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
    fn earlier_or_later(&self, tokens: Range<usize>, amount: Amount, unit: Unit, later: bool) -> Option<FoundTime> {
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

    /// "last year", "next week", "this month", "last Friday", "next spring", "this morning",
    /// "the following day", "the previous week".
    fn relative(&self, idx: usize) -> Option<FoundTime> {
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
            let point = match offset {
                // The last such season that is over.
                -1 if season_rank(season) >= season_rank(current) => Point::Season(year - 1, season),
                -1 => Point::Season(if season == "WI" { year - 1 } else { year }, season),
                1 if season_rank(season) <= season_rank(current) => Point::Season(year + 1, season),
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
    fn relative_to_reference(&self, idx: usize) -> Option<FoundTime> {
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
    fn day_word(&self, idx: usize) -> Option<FoundTime> {
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

    /// A day followed, maybe, by a part of it: "Friday night", "yesterday morning".
    fn with_part_of_day(&self, start: usize, end: usize, date: Date) -> Option<FoundTime> {
        if let Some(part) = lexicon::part_of_day(self.w(end)) {
            return self.found_point(start..end + 1, Point::PartOfDay(date, part));
        }
        self.found_point(start..end, Point::Day(date))
    }

    /// "Thursday" placed by tense in the week of publication; "Friday, Aug. 7" takes the date;
    /// "Mondays" is a set.
    fn weekday(&self, idx: usize) -> Option<FoundTime> {
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
        let forward = !is_possessive && self.tense(idx) == Tense::Future;
        let date = normalise::weekday_near(dct, weekday, Some(forward), true);
        self.with_part_of_day(idx, idx + 1, date)
    }

    fn weekly_set(&self, tokens: Range<usize>, weekday: Weekday, end: usize) -> Option<FoundTime> {
        let day = weekday.to_monday_one_offset();
        match lexicon::part_of_day(self.w(end)) {
            Some(part) => self.found(tokens.start..end + 1, TimeType::Set, format!("XXXX-WXX-{day}T{part}")),
            None => self.found(tokens, TimeType::Set, format!("XXXX-WXX-{day}")),
        }
    }

    /// "March 9", "Sept. 30, 1998", "March 2026", "January", "mid-October", "March 9-10".
    fn month_date(&self, idx: usize) -> Option<FoundTime> {
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
            let year_after = if self.w(idx + 1) == "," {
                self.year_number(idx + 2).map(|y| (y, idx + 3))
            } else {
                self.year_number(idx + 1).map(|y| (y, idx + 2))
            };
            let year_after = year_after.or_else(|| {
                (self.w(idx + 1) == "of").then(|| self.year_number(idx + 2).map(|y| (y, idx + 3))).flatten()
            });
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
    fn day_month(&self, idx: usize) -> Option<FoundTime> {
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
    fn numeric_date(&self, idx: usize) -> Option<FoundTime> {
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
    fn year(&self, idx: usize) -> Option<FoundTime> {
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
    fn century_ordinal(&self, idx: usize) -> Option<Option<(i32, usize)>> {
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
    fn quarter(&self, idx: usize) -> Option<FoundTime> {
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
            return self.quarter_value(idx, next + 1, QuarterWhich::Nth(nth), unit == Unit::Year);
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
    fn quarter_code(&self, idx: usize) -> Option<FoundTime> {
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

    fn quarter_value(&self, start: usize, end: usize, which: QuarterWhich, half: bool) -> Option<FoundTime> {
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
                let current_half = if dct.month() > 6 { 2 } else { 1 };
                let year = explicit_year.unwrap_or(if nth > current_half && self.tense(start) == Tense::Past {
                    dct_year - 1
                } else {
                    dct_year
                });
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
            QuarterWhich::Previous => Point::shifted(dct, Unit::Quarter, -1),
            QuarterWhich::Current => Point::shifted(dct, Unit::Quarter, 0),
            QuarterWhich::Next => Point::shifted(dct, Unit::Quarter, 1),
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
    fn season(&self, idx: usize) -> Option<FoundTime> {
        let next = if self.w(idx) == "the" { idx + 1 } else { idx };
        let season = lexicon::season(self.w(next))?;
        // "fall" is a verb and a noun too often without a determiner or year.
        let (year, end) = match (self.w(next + 1), self.year_number(next + 1), self.year_number(next + 2)) {
            (_, Some(year), _) => (Some(year), next + 2),
            ("of", _, Some(year)) => (Some(year), next + 3),
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
    fn clock(&self, idx: usize) -> Option<FoundTime> {
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
    fn clock_after_date(&self, start: usize, end: usize, date: Date) -> Option<FoundTime> {
        let clock_start = if self.w(end) == "at" { end + 1 } else { end };
        let clock = self.clock(clock_start)?;
        let Some(Point::Clock(_, hour, minute)) = clock.point else { return None };
        if clock.tokens.end > clock_start + 3 {
            return None;
        }
        self.found_point(start..clock.tokens.end, Point::Clock(date, hour, minute))
    }

    /// "Christmas", "Thanksgiving Day", "New Year's Eve".
    fn holiday(&self, idx: usize) -> Option<FoundTime> {
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

    /// "every Monday", "each year", "daily", "twice a week", "per year" after an amount.
    fn set(&self, idx: usize) -> Option<FoundTime> {
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

    /// Hyphenated compounds: "two-year", "16-hour", "52-week", "8-month-old", "third-quarter"
    /// (left to the quarter pattern), "year-earlier", "year-ago".
    fn hyphenated(&self, idx: usize) -> Option<FoundTime> {
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

    /// "the weekend", "the year", "the week", "the day", "the morning", "that year", "year-end",
    /// "the near future": definite references to the period around the publication date (or,
    /// after "that", around the last point named).
    fn definite(&self, idx: usize) -> Option<FoundTime> {
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

    /// "for years", "within weeks", "centuries": a plural unit alone is a vague duration.
    fn bare_plural(&self, idx: usize) -> Option<FoundTime> {
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

    /// "now", "currently", "recently", "the past", "the future", "soon", "these days".
    fn reference(&self, idx: usize) -> Option<FoundTime> {
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QuarterWhich {
    Nth(u8),
    Previous,
    Current,
    Next,
    YearAgo,
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

fn best_len(found: &FoundTime) -> usize {
    found.tokens.len()
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

/// `P3Y`, `PT16H`, `P2Y6M` for 2.5 years, `PXD` when the amount is unknown.
fn duration_value(amount: Amount, unit: Unit) -> String {
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
