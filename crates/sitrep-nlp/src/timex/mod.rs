//! Time expressions, TimeML TIMEX3 style, normalised against the publication date (the document
//! creation time): absolute and partial dates, times of day, weekdays placed by tense, relative
//! dates ("last month", "two days ago", "earlier this year"), quarters and seasons, durations
//! ("for three years" -> `P3Y`), sets ("every Monday") and vague references (`PAST_REF`).
//!
//! [`lexicon`] holds the word lists, [`recognise`] the patterns over tokens (by kind:
//! `calendar`, `relative`, `duration`, and `tense` for placing weekdays), [`normalise`] the
//! calendar arithmetic and the TIMEX3 values. Extents follow the TimeML guidelines: determiners
//! and quantifiers are inside ("the past two months", "more than four hours"), prepositions
//! outside ("since 2022" is `2022`). Without a publication date, relative expressions keep their
//! unknown parts as `X` ("on Thursday" is `XXXX-WXX-4`).

mod lexicon;
mod normalise;
mod recognise;

use std::ops::Range;

use jiff::civil::Date;
use sitrep_model::TimeType;

use crate::doc::Doc;
use crate::timex::normalise::Point;

/// A time expression in token terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FoundTime {
    pub(crate) tokens: Range<usize>,
    pub(crate) time_type: TimeType,
    pub(crate) value: String,
    /// TIMEX3 `mod`: `START` for "early", `END` for "late", `MID`, `APPROX`, ...
    pub(crate) modifier: Option<&'static str>,
    /// The calendar point the expression names, when it names one: later expressions such as
    /// "a year earlier" count from it.
    point: Option<Point>,
}

/// Finds the time expressions of a document, left to right, longest first at each token.
pub(crate) fn find_times(doc: &Doc<'_>, dct: Option<Date>) -> Vec<FoundTime> {
    let mut scanner = recognise::Scanner::new(doc, dct);
    let mut found = Vec::new();
    let mut idx = 0;
    while idx < doc.tokens.len() {
        match scanner.time_at(idx) {
            Some(time) if time.tokens.end > idx => {
                idx = time.tokens.end;
                if let Some(point) = time.point {
                    scanner.last_point = Some(point);
                }
                // "April 24 and 25": the second day shares the first one's month.
                let second_day = scanner.day_sharing_month(&time);
                found.push(time);
                if let Some(second) = second_day {
                    idx = second.tokens.end;
                    found.push(second);
                }
            }
            _ => idx += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests;
