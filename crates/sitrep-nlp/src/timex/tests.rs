//! One check per form: the text, and each expression found rendered as `text = TYPE value`.

use jiff::civil::date;

use crate::doc::Doc;
use crate::timex::find_times;

/// Expressions found with the publication date Thursday 6 March 2025.
fn check(text: &str, expected: &str) {
    check_at(text, Some(date(2025, 3, 6)), expected);
}

fn check_at(text: &str, dct: Option<jiff::civil::Date>, expected: &str) {
    let doc = Doc::new(text, None);
    let rendered: Vec<String> = find_times(&doc, dct)
        .iter()
        .map(|time| {
            let modifier = time.modifier.map(|modifier| format!(" mod={modifier}")).unwrap_or_default();
            format!("{} = {:?} {}{modifier}", doc.text_of(time.tokens.clone()), time.time_type, time.value)
        })
        .collect();
    assert_eq!(rendered.join(" | "), expected, "in {text:?}");
}

#[test]
fn weekdays_by_tense() {
    check("Hegseth said on Thursday.", "Thursday = Date 2025-03-06");
    check(
        "The ministers met on Monday and will meet again on Friday.",
        "Monday = Date 2025-03-03 | Friday = Date 2025-03-07",
    );
    check("He spoke Tuesday night.", "Tuesday night = Time 2025-03-04TNI");
    check("last Friday and next Monday", "last Friday = Date 2025-02-28 | next Monday = Date 2025-03-10");
    check(
        "shot dead last Oct. 23 and due next Jan. 5",
        "last Oct. 23 = Date 2024-10-23 | next Jan. 5 = Date 2026-01-05",
    );
    check("Talks are set to resume Monday.", "Monday = Date 2025-03-10");
    check("They could leave as soon as Tuesday, he said.", "Tuesday = Date 2025-03-11");
    check("The offer had been due to expire Friday.", "Friday = Date 2025-02-28");
    check(
        "Shares fell on March 4, down from the previous Friday.",
        "March 4 = Date 2025-03-04 | the previous Friday = Date 2025-02-28",
    );
}

#[test]
fn relative_dates() {
    check("Talks in Saudi Arabia next week.", "next week = Date 2025-W11");
    check(
        "last month, this year, next year",
        "last month = Date 2025-02 | this year = Date 2025 | next year = Date 2026",
    );
    check("two days ago and three years ago", "two days ago = Date 2025-03-04 | three years ago = Date 2022");
    check("earlier this year", "earlier this year = Date 2025 mod=START");
    check("late last year", "late last year = Date 2024 mod=END");
    check(
        "yesterday, today and tomorrow",
        "yesterday = Date 2025-03-05 | today = Date 2025-03-06 | tomorrow = Date 2025-03-07",
    );
    check("over the weekend", "the weekend = Date 2025-W09-WE");
    check("this past weekend", "this past weekend = Date 2025-W09-WE");
    check(
        "The war began in 2022. Later that year, talks began.",
        "2022 = Date 2022 | Later that year = Date 2022 mod=END",
    );
    check("He arrived last night.", "last night = Time 2025-03-05TNI");
    check("this morning", "this morning = Time 2025-03-06TMO");
    check("The war began in 2022. A year later, talks began.", "2022 = Date 2022 | A year later = Date 2023");
    check("Sales rose 5% from a year earlier.", "a year earlier = Date 2024");
    check(
        "Profit in the third quarter rose from a year earlier.",
        "the third quarter = Date 2024-Q3 | a year earlier = Date 2023-Q3",
    );
}

#[test]
fn absolute_and_partial_dates() {
    check("on March 9 and Feb. 21, 2024", "March 9 = Date 2025-03-09 | Feb. 21, 2024 = Date 2024-02-21");
    check("since 2022", "2022 = Date 2022");
    check("in January 2024 and in May", "January 2024 = Date 2024-01 | May = Date 2025-05");
    check("He said in November that", "November = Date 2024-11");
    check("on 7 August 2013", "7 August 2013 = Date 2013-08-07");
    check("on April 24 and 25.", "April 24 = Date 2025-04-24 | 25 = Date 2025-04-25");
    check("on April 24 and 25 people", "April 24 = Date 2025-04-24");
    check("the 1990s and fiscal 1989", "the 1990s = Date 199 | fiscal 1989 = Date 1989");
    check(
        "the third quarter and third-quarter profit",
        "the third quarter = Date 2024-Q3 | third-quarter = Date 2024-Q3",
    );
    check("in mid-October", "mid-October = Date 2024-10 mod=MID");
    check("published 2025-03-01", "2025-03-01 = Date 2025-03-01");
    check("last summer", "last summer = Date 2024-SU");
    check("results for Q3 2024 and H1", "Q3 2024 = Date 2024-Q3 | H1 = Date 2025-H1");
    check(
        "the last half of 1989 and the last quarter of 1998",
        "the last half of 1989 = Date 1989-H2 | the last quarter of 1998 = Date 1998-Q4",
    );
    check(
        "in the past half, the current half and the next half",
        "the past half = Date 2024-H2 | the current half = Date 2025-H1 | the next half = Date 2025-H2",
    );
    check("in the year-ago third quarter", "the year-ago third quarter = Date 2024-Q3");
    check("for the quarter ended Sept. 30, 2024", "the quarter = Date 2024-Q3 | Sept. 30, 2024 = Date 2024-09-30");
    check("as early as next year's first quarter", "next year's first quarter = Date 2026-Q1");
    check("on Christmas Day", "Christmas Day = Date 2024-12-25");
}

#[test]
fn times_of_day() {
    check("at 10 p.m. Wednesday", "10 p.m. Wednesday = Time 2025-03-05T22:00");
    check("at 7:15 a.m. EST", "7:15 a.m. EST = Time 2025-03-06T07:15");
    check("by noon", "noon = Time 2025-03-06T12:00");
}

#[test]
fn durations() {
    check("for three years", "three years = Duration P3Y");
    check("over the past two months", "the past two months = Duration P2M");
    check("more than four hours", "more than four hours = Duration PT4H mod=MORE_THAN");
    check("a two-year deal and a 16-hour shift", "two-year = Duration P2Y | 16-hour = Duration PT16H");
    check("in the first nine months", "the first nine months = Duration P9M");
    check("for several weeks", "several weeks = Duration PXW");
    check("2 1/2 years", "2 1/2 years = Duration P2Y6M");
    check("two decades and two to three weeks", "two decades = Duration P20Y | two to three weeks = Duration P2W");
    check("in the coming days", "the coming days = Duration PXD");
    check("The talks could last several weeks.", "several weeks = Duration PXW");
}

#[test]
fn sets() {
    check("every Monday", "every Monday = Set XXXX-WXX-1");
    check("The group meets daily and each year", "daily = Set P1D | each year = Set P1Y");
    // A rate after an amount is no time expression.
    check("$5 a day", "");
}

#[test]
fn vague_references() {
    check(
        "now and recently; the future",
        "now = Date PRESENT_REF | recently = Date PAST_REF | the future = Date FUTURE_REF",
    );
}

#[test]
fn unanchored_without_publication_date() {
    check_at(
        "on Thursday, next week, in 2022, for three years",
        None,
        "Thursday = Date XXXX-WXX-4 | next week = Date XXXX-WXX | 2022 = Date 2022 | three years = Duration P3Y",
    );
}

#[test]
fn seed_sentences() {
    check(
        "For the first time since the Ukraine Defense Contact Group was established in 2022, the U.S. Secretary of Defense will not be present.",
        "2022 = Date 2022",
    );
    check("U.S. Defense Secretary Pete Hegseth said on Thursday.", "Thursday = Date 2025-03-06");
    check(
        "The remarks come as Ukraine and the US prepare for talks in Saudi Arabia next week.",
        "next week = Date 2025-W11",
    );
    check("Over the weekend, Lavrov praised Trump.", "the weekend = Date 2025-W09-WE");
}

mod properties {
    use proptest::prelude::*;

    use crate::doc::Doc;
    use crate::timex::find_times;

    fn timey_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("last ".to_string()),
            Just("next ".to_string()),
            Just("the ".to_string()),
            Just("a ".to_string()),
            Just("year ".to_string()),
            Just("years ago ".to_string()),
            Just("earlier ".to_string()),
            Just("quarter ".to_string()),
            Just("Friday ".to_string()),
            Just("night ".to_string()),
            Just("March ".to_string()),
            Just("mid-".to_string()),
            Just("'".to_string()),
            Just("s ".to_string()),
            Just("-".to_string()),
            Just("/".to_string()),
            Just(":".to_string()),
            Just("p.m. ".to_string()),
            Just(", ".to_string()),
            Just("twenty ".to_string()),
            "[0-9]{1,11}",
            "[A-Za-z]{1,8} ",
        ];
        proptest::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Any text, any publication date at jiff's limits or none: no panic, and every
        /// expression covers tokens of the text.
        #[test]
        fn never_panics_and_stays_in_bounds(text in timey_text(), dct in prop_oneof![
            Just(None),
            Just(Some(jiff::civil::Date::MIN)),
            Just(Some(jiff::civil::Date::MAX)),
            Just(Some(jiff::civil::date(2025, 3, 6))),
        ]) {
            let doc = Doc::new(&text, None);
            for time in find_times(&doc, dct) {
                prop_assert!(time.tokens.start < time.tokens.end && time.tokens.end <= doc.tokens.len());
                prop_assert!(!time.value.is_empty());
            }
        }
    }
}

#[test]
fn spoken_years() {
    check("He arrived in nineteen ninety-six.", "nineteen ninety-six = Date 1996");
    check("It was built in nineteen eighty.", "nineteen eighty = Date 1980");
    check("back in nineteen seventy nine", "nineteen seventy nine = Date 1979");
    check("the winter of nineteen ninety-four", "the winter of nineteen ninety-four = Date 1994-WI");
    check("January nineteen ninety-seven", "January nineteen ninety-seven = Date 1997-01");
    check("by the year two thousand", "the year two thousand = Date 2000");
    check("in the year two thousand and one", "the year two thousand and one = Date 2001");
    // A count of years is no year.
    check("nineteen years", "nineteen years = Duration P19Y");
}

#[test]
fn seasons_counted_from_a_winter_that_began_last_year() {
    // In February the current season is the winter that began in December.
    check_at(
        "gains that began last fall and will go on next spring",
        Some(date(1998, 2, 6)),
        "last fall = Date 1997-FA | next spring = Date 1998-SP",
    );
    check_at(
        "last winter and next winter",
        Some(date(1998, 2, 6)),
        "last winter = Date 1996-WI | next winter = Date 1998-WI",
    );
    check("last summer and next summer", "last summer = Date 2024-SU | next summer = Date 2025-SU");
}

#[test]
fn participle_with_its_agent_is_no_past() {
    check(
        "Qantas will double its flights by August in search of markets untouched by the crisis.",
        "August = Date 2025-08",
    );
}

#[test]
fn deadlines_are_the_nearest_such_month() {
    // Publication 30 October 1989: the deadline of a past decision still lies ahead.
    let dct = Some(date(1989, 10, 30));
    check_at("The lenders extended loans through January.", dct, "January = Date 1990-01");
    check_at("The sale had been expected, to pay down the loan by February.", dct, "February = Date 1990-02");
    // A deadline months past stays past.
    check_at("They had finished the work by May.", dct, "May = Date 1989-05");
    // Half a year either way: the one ahead.
    check_at("They doubled flights by April.", dct, "April = Date 1990-04");
}

#[test]
fn weekday_deadlines_are_the_nearest_such_day() {
    // Publication Monday 3 April 2000.
    let dct = Some(date(2000, 4, 3));
    check_at(
        "The service has given the relatives until 9 a.m. Tuesday to sign.",
        dct,
        "9 a.m. Tuesday = Time 2000-04-04T09:00",
    );
    check_at("He said the papers were due by Wednesday.", dct, "Wednesday = Date 2000-04-05");
    // A past stay that ended on a day just gone.
    check_at("He stayed until Saturday.", dct, "Saturday = Date 2000-04-01");
}

#[test]
fn middle_of_a_part_of_the_day() {
    check("Gunfire was heard in mid afternoon.", "mid afternoon = Time 2025-03-06TAF");
    check("Shares slid by mid-afternoon yesterday.", "mid-afternoon yesterday = Time 2025-03-05TAF");
    check("The talks resumed mid-morning Tuesday.", "mid-morning Tuesday = Time 2025-03-04TMO");
}

#[test]
fn one_unit_long() {
    check("their third day-long meeting", "day-long = Duration P1D");
    check("a yearlong inquiry and an hour-long talk", "yearlong = Duration P1Y | hour-long = Duration PT1H");
}

#[test]
fn past_perfect_stops_at_a_subordinate_clause() {
    check(
        "He had not signed an agreement to hand the child over if they lose when the case is heard in May.",
        "May = Date 2025-05",
    );
    check("The offer had been due to expire in May.", "May = Date 2024-05");
}

#[test]
fn now_as_a_discourse_marker() {
    check("It was ready to withdraw. Now, he says, it looks otherwise.", "");
    check("Now the company is in the candy business.", "Now = Date PRESENT_REF");
    check("The company is now, by far, the leader.", "now = Date PRESENT_REF");
}
