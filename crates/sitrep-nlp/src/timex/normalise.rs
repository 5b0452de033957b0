//! Calendar points at their own granularity (a year, a quarter, a week, a day, a time of day),
//! the arithmetic that moves them ("last month" is the month before the publication date), and
//! their TIMEX3 values (`1998`, `1998-Q3`, `1998-W32`, `1998-08-07`, `1998-08-07TNI`).

use jiff::civil::{Date, Weekday};

use crate::timex::lexicon::Unit;

/// A calendar point, as precise as the text made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Point {
    /// The first two digits of the century's years: 19 for the 1900s.
    Century(i32),
    /// The first three digits of the decade's years: 199 for the 1990s.
    Decade(i32),
    Year(i32),
    Half(i32, u8),
    Quarter(i32, u8),
    Season(i32, &'static str),
    Month(i32, i8),
    /// ISO week-numbering year and week.
    Week(i32, i8),
    Weekend(i32, i8),
    Day(Date),
    PartOfDay(Date, &'static str),
    Clock(Date, i8, i8),
}

impl Point {
    /// The point of granularity `unit` that holds `date`.
    pub(crate) fn holding(date: Date, unit: Unit) -> Point {
        let year = i32::from(date.year());
        match unit {
            Unit::Century => Point::Century(year.div_euclid(100)),
            Unit::Decade => Point::Decade(year.div_euclid(10)),
            Unit::Year => Point::Year(year),
            Unit::Quarter => Point::Quarter(year, quarter_of(date.month())),
            Unit::Month => Point::Month(year, date.month()),
            Unit::Week => {
                let week = date.iso_week_date();
                Point::Week(i32::from(week.year()), week.week())
            }
            Unit::Weekend => {
                let week = date.iso_week_date();
                Point::Weekend(i32::from(week.year()), week.week())
            }
            Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => Point::Day(date),
        }
    }

    /// `date` moved by `count` units, at that unit's granularity: "last year", "two days ago".
    pub(crate) fn shifted(date: Date, unit: Unit, count: i64) -> Point {
        Point::holding(shift_date(date, unit, count), unit)
    }

    /// The first day of the point.
    pub(crate) fn start(self) -> Option<Date> {
        let first = |year: i32, month: i8| Date::new(i16::try_from(year).ok()?, month, 1).ok();
        match self {
            Point::Century(century) => first(century * 100, 1),
            Point::Decade(decade) => first(decade * 10, 1),
            Point::Year(year) => first(year, 1),
            Point::Half(year, half) => first(year, if half == 2 { 7 } else { 1 }),
            Point::Quarter(year, quarter) => first(year, (quarter.clamp(1, 4) as i8 - 1) * 3 + 1),
            Point::Season(year, season) => first(year, season_start_month(season)),
            Point::Month(year, month) => first(year, month),
            Point::Week(year, week) | Point::Weekend(year, week) => {
                jiff::civil::ISOWeekDate::new(i16::try_from(year).ok()?, week, Weekday::Monday)
                    .ok()
                    .map(|week| week.date())
            }
            Point::Day(date) | Point::PartOfDay(date, _) | Point::Clock(date, _, _) => Some(date),
        }
    }

    /// The same kind of point `years` years away: "a year earlier" than the third quarter is the
    /// third quarter of the year before.
    pub(crate) fn years_away(self, years: i32) -> Option<Point> {
        let point = match self {
            Point::Year(year) => Point::Year(year.checked_add(years)?),
            Point::Half(year, half) => Point::Half(year.checked_add(years)?, half),
            Point::Quarter(year, quarter) => Point::Quarter(year.checked_add(years)?, quarter),
            Point::Season(year, season) => Point::Season(year.checked_add(years)?, season),
            Point::Month(year, month) => Point::Month(year.checked_add(years)?, month),
            _ => return None,
        };
        Some(point)
    }

    /// The TIMEX3 value.
    pub(crate) fn value(self) -> String {
        match self {
            Point::Century(century) => format!("{century:02}"),
            Point::Decade(decade) => format!("{decade:03}"),
            Point::Year(year) => format!("{year:04}"),
            Point::Half(year, half) => format!("{year:04}-H{half}"),
            Point::Quarter(year, quarter) => format!("{year:04}-Q{quarter}"),
            Point::Season(year, season) => format!("{year:04}-{season}"),
            Point::Month(year, month) => format!("{year:04}-{month:02}"),
            Point::Week(year, week) => format!("{year:04}-W{week:02}"),
            Point::Weekend(year, week) => format!("{year:04}-W{week:02}-WE"),
            Point::Day(date) => date.to_string(),
            Point::PartOfDay(date, part) => format!("{date}T{part}"),
            Point::Clock(date, hour, minute) => format!("{date}T{hour:02}:{minute:02}"),
        }
    }
}

/// The value of a relative expression of granularity `unit` when there is no publication date
/// to anchor it.
pub(crate) fn unanchored(unit: Unit) -> &'static str {
    match unit {
        Unit::Century => "XX",
        Unit::Decade => "XXX",
        Unit::Year => "XXXX",
        Unit::Quarter => "XXXX-QX",
        Unit::Month => "XXXX-XX",
        Unit::Week => "XXXX-WXX",
        Unit::Weekend => "XXXX-WXX-WE",
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => "XXXX-XX-XX",
    }
}

/// `date` moved by `count` units; the date itself when the result leaves jiff's range.
pub(crate) fn shift_date(date: Date, unit: Unit, count: i64) -> Date {
    let span = match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => jiff::Span::new().try_days(count),
        Unit::Week | Unit::Weekend => jiff::Span::new().try_weeks(count),
        Unit::Month => jiff::Span::new().try_months(count),
        Unit::Quarter => jiff::Span::new().try_months(count.saturating_mul(3)),
        Unit::Year => jiff::Span::new().try_years(count),
        Unit::Decade => jiff::Span::new().try_years(count.saturating_mul(10)),
        Unit::Century => jiff::Span::new().try_years(count.saturating_mul(100)),
    };
    span.ok().and_then(|span| date.checked_add(span).ok()).unwrap_or(date)
}

/// The day of the week `weekday` nearest `anchor` in the direction asked: `None` for the week
/// of the anchor, `Some(true)` the next such day (the anchor itself included when `inclusive`),
/// `Some(false)` the last one.
pub(crate) fn weekday_near(anchor: Date, weekday: Weekday, forward: Option<bool>, inclusive: bool) -> Date {
    let anchor_day = i64::from(anchor.weekday().to_monday_one_offset());
    let target = i64::from(weekday.to_monday_one_offset());
    let days = match forward {
        None => target - anchor_day,
        Some(true) => match (target - anchor_day).rem_euclid(7) {
            0 if !inclusive => 7,
            days => days,
        },
        Some(false) => match (anchor_day - target).rem_euclid(7) {
            0 if !inclusive => -7,
            days => -days,
        },
    };
    shift_date(anchor, Unit::Day, days)
}

/// The `nth` `weekday` of a month (`nth` = -1 for the last): Thanksgiving, Labor Day.
pub(crate) fn nth_weekday(year: i32, month: i8, weekday: Weekday, nth: i8) -> Option<Date> {
    let year = i16::try_from(year).ok()?;
    let first = Date::new(year, month, 1).ok()?;
    if nth > 0 {
        let first_match = weekday_near(first, weekday, Some(true), true);
        return first_match.checked_add(jiff::Span::new().weeks(i64::from(nth) - 1)).ok();
    }
    let last = first.last_of_month();
    Some(weekday_near(last, weekday, Some(false), true))
}

pub(crate) fn quarter_of(month: i8) -> u8 {
    u8::try_from((month - 1) / 3 + 1).unwrap_or(1)
}

/// The half of the year (1 or 2) a month falls in.
pub(crate) fn half_of(month: i8) -> u8 {
    if month > 6 { 2 } else { 1 }
}

fn season_start_month(season: &str) -> i8 {
    match season {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    }
}

/// The season holding a month, with the year TIMEX3 gives it (January's winter is the one that
/// began in December).
pub(crate) fn season_of(date: Date) -> Point {
    let year = i32::from(date.year());
    match date.month() {
        3..=5 => Point::Season(year, "SP"),
        6..=8 => Point::Season(year, "SU"),
        9..=11 => Point::Season(year, "FA"),
        12 => Point::Season(year, "WI"),
        _ => Point::Season(year - 1, "WI"),
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::{Weekday, date};

    use crate::timex::lexicon::Unit;
    use crate::timex::normalise::{Point, nth_weekday, weekday_near};

    #[test]
    fn points_and_shifts() {
        let thursday = date(2025, 3, 6);
        assert_eq!(Point::shifted(thursday, Unit::Week, 1).value(), "2025-W11");
        assert_eq!(Point::shifted(thursday, Unit::Month, -1).value(), "2025-02");
        assert_eq!(Point::shifted(thursday, Unit::Quarter, -1).value(), "2024-Q4");
        assert_eq!(Point::holding(thursday, Unit::Decade).value(), "202");
        assert_eq!(Point::Quarter(1989, 3).years_away(-1).map(Point::value).as_deref(), Some("1988-Q3"));
        assert_eq!(weekday_near(thursday, Weekday::Monday, Some(false), true), date(2025, 3, 3));
        assert_eq!(weekday_near(thursday, Weekday::Thursday, Some(true), false), date(2025, 3, 13));
        assert_eq!(nth_weekday(1999, 11, Weekday::Thursday, 4), Some(date(1999, 11, 25)));
        assert_eq!(nth_weekday(2025, 5, Weekday::Monday, -1), Some(date(2025, 5, 26)));
        assert_eq!(Point::Week(2025, 11).start(), Some(date(2025, 3, 10)));
    }
}
