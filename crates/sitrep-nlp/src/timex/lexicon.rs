//! Word lists of English time expressions: calendar names, units, parts of the day, vague
//! references, holidays, tense markers. Lookups take lower-case words.

use jiff::civil::Weekday;

/// A calendar unit, as written in TIMEX3 durations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration letter; time units sit after `T`.
    pub(crate) fn letter(self) -> &'static str {
        match self {
            Unit::Second => "S",
            Unit::Minute => "M",
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Week => "W",
            Unit::Weekend => "WE",
            Unit::Month => "M",
            Unit::Quarter => "Q",
            Unit::Year => "Y",
            Unit::Decade => "E",
            Unit::Century => "C",
        }
    }

    pub(crate) fn is_time_of_day(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }
}

/// "years", "year", "yr" -> (Year, plural).
pub(crate) fn unit(word: &str) -> Option<(Unit, bool)> {
    let found = match word {
        "second" => (Unit::Second, false),
        "seconds" | "secs" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    };
    Some(found)
}

pub(crate) fn weekday(word: &str) -> Option<(Weekday, bool)> {
    let day = match word.trim_end_matches('.') {
        "monday" | "mon" => Weekday::Monday,
        "tuesday" | "tue" | "tues" => Weekday::Tuesday,
        "wednesday" | "wed" => Weekday::Wednesday,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thursday,
        "friday" | "fri" => Weekday::Friday,
        "saturday" | "sat" => Weekday::Saturday,
        "sunday" | "sun" => Weekday::Sunday,
        "mondays" => return Some((Weekday::Monday, true)),
        "tuesdays" => return Some((Weekday::Tuesday, true)),
        "wednesdays" => return Some((Weekday::Wednesday, true)),
        "thursdays" => return Some((Weekday::Thursday, true)),
        "fridays" => return Some((Weekday::Friday, true)),
        "saturdays" => return Some((Weekday::Saturday, true)),
        "sundays" => return Some((Weekday::Sunday, true)),
        _ => return None,
    };
    // Abbreviations only with their period ("Wed." is a day, "sat" a verb).
    let is_full = word.len() > 5;
    (is_full || word.ends_with('.')).then_some((day, false))
}

/// Month names and their abbreviations ("Sept.", "Jan."); `may` is left to the caller.
pub(crate) fn month(word: &str) -> Option<i8> {
    let month = match word {
        "january" | "jan." | "jan" => 1,
        "february" | "feb." | "feb" => 2,
        "march" | "mar." => 3,
        "april" | "apr." | "apr" => 4,
        "may" => 5,
        "june" | "jun." => 6,
        "july" | "jul." => 7,
        "august" | "aug." | "aug" => 8,
        "september" | "sep." | "sept." | "sept" => 9,
        "october" | "oct." | "oct" => 10,
        "november" | "nov." | "nov" => 11,
        "december" | "dec." | "dec" => 12,
        _ => return None,
    };
    Some(month)
}

/// Seasons with their TIMEX3 codes.
pub(crate) fn season(word: &str) -> Option<&'static str> {
    match word {
        "spring" | "springtime" => Some("SP"),
        "summer" | "summertime" | "summers" => Some("SU"),
        "fall" | "autumn" => Some("FA"),
        "winter" | "wintertime" => Some("WI"),
        _ => None,
    }
}

/// Parts of the day with their TIMEX3 codes.
pub(crate) fn part_of_day(word: &str) -> Option<&'static str> {
    match word {
        "morning" | "mornings" => Some("MO"),
        "afternoon" | "afternoons" => Some("AF"),
        "evening" | "evenings" => Some("EV"),
        "night" | "nights" | "overnight" => Some("NI"),
        "daytime" => Some("DT"),
        _ => None,
    }
}

/// Ordinals as words or with a suffix, for days of the month and quarters.
pub(crate) fn ordinal(word: &str) -> Option<u8> {
    let value = match word {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "fifth" | "5th" => 5,
        "sixth" | "6th" => 6,
        "seventh" | "7th" => 7,
        "eighth" | "8th" => 8,
        "ninth" | "9th" => 9,
        "tenth" | "10th" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        "thirtieth" => 30,
        _ => return None,
    };
    Some(value)
}

/// Cardinal number words, alone or hyphenated ("twenty-four").
pub(crate) fn cardinal(word: &str) -> Option<i64> {
    if let Some((tens, ones)) = word.split_once('-') {
        let tens = cardinal(tens).filter(|tens| *tens >= 20 && tens % 10 == 0)?;
        let ones = cardinal(ones).filter(|ones| (1..10).contains(ones))?;
        return Some(tens + ones);
    }
    let value = match word {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "dozen" => 12,
        _ => return None,
    };
    Some(value)
}

/// Words for an unknown, plural amount: "several years", "a few days".
pub(crate) fn is_vague_amount(word: &str) -> bool {
    matches!(word, "several" | "few" | "many" | "some" | "numerous" | "recent" | "coming" | "ensuing")
}

/// Words that stand for a point or span relative to now, with their TIMEX3 value.
pub(crate) fn reference(word: &str) -> Option<&'static str> {
    match word {
        "now" | "currently" | "current" | "nowadays" | "presently" | "present-day" => Some("PRESENT_REF"),
        "recently" | "lately" => Some("PAST_REF"),
        "soon" | "future" | "forthcoming" | "upcoming" => Some("FUTURE_REF"),
        _ => None,
    }
}

/// Qualifiers TIMEX3 takes into the extent of a duration: "more than two years", "nearly an
/// hour". Longest first.
pub(crate) const QUANTIFIERS: &[&[&str]] = &[
    &["no", "more", "than"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["just", "over"],
    &["just", "under"],
    &["well", "over"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["around"],
    &["roughly"],
    &["approximately"],
    &["over"],
    &["some"],
];

/// Holidays on a fixed day of the year.
pub(crate) fn fixed_holiday(words: &[&str]) -> Option<(usize, i8, i8)> {
    const HOLIDAYS: &[(&[&str], i8, i8)] = &[
        (&["new", "year", "'s", "day"], 1, 1),
        (&["new", "year", "’s", "day"], 1, 1),
        (&["new", "year", "'s", "eve"], 12, 31),
        (&["new", "year", "’s", "eve"], 12, 31),
        (&["christmas", "eve"], 12, 24),
        (&["christmas", "day"], 12, 25),
        (&["christmas"], 12, 25),
        (&["boxing", "day"], 12, 26),
        (&["independence", "day"], 7, 4),
        (&["halloween"], 10, 31),
        (&["valentine", "'s", "day"], 2, 14),
        (&["valentine", "’s", "day"], 2, 14),
        (&["veterans", "day"], 11, 11),
        (&["armistice", "day"], 11, 11),
        (&["bastille", "day"], 7, 14),
        (&["st.", "patrick", "'s", "day"], 3, 17),
        (&["st.", "patrick", "’s", "day"], 3, 17),
    ];
    HOLIDAYS.iter().find_map(|(names, month, day)| {
        let matches = names.len() <= words.len() && names.iter().zip(words).all(|(name, word)| name == word);
        matches.then_some((names.len(), *month, *day))
    })
}

/// Holidays on the n-th weekday of a month (n = -1 for the last): (words, month, weekday, n).
pub(crate) fn floating_holiday(words: &[&str]) -> Option<(usize, i8, Weekday, i8)> {
    const HOLIDAYS: &[(&[&str], i8, Weekday, i8)] = &[
        (&["thanksgiving", "day"], 11, Weekday::Thursday, 4),
        (&["thanksgiving"], 11, Weekday::Thursday, 4),
        (&["labor", "day"], 9, Weekday::Monday, 1),
        (&["memorial", "day"], 5, Weekday::Monday, -1),
        (&["martin", "luther", "king", "day"], 1, Weekday::Monday, 3),
        (&["presidents", "day"], 2, Weekday::Monday, 3),
        (&["presidents", "'", "day"], 2, Weekday::Monday, 3),
        (&["columbus", "day"], 10, Weekday::Monday, 2),
    ];
    HOLIDAYS.iter().find_map(|(names, month, weekday, nth)| {
        let matches = names.len() <= words.len() && names.iter().zip(words).all(|(name, word)| name == word);
        matches.then_some((names.len(), *month, *weekday, *nth))
    })
}

/// Words that put a clause in the future whatever else it holds.
pub(crate) fn is_strong_future_marker(word: &str) -> bool {
    matches!(word, "will" | "'ll" | "’ll" | "wo" | "shall" | "would" | "next" | "upcoming" | "tomorrow" | "coming")
}

/// Words that put a clause in the past whatever else it holds.
pub(crate) fn is_strong_past_marker(word: &str) -> bool {
    matches!(word, "was" | "were" | "had" | "did" | "said" | "told" | "ago" | "last" | "yesterday" | "earlier")
}

/// Words that put a clause in the future.
pub(crate) fn is_future_marker(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "would"
            | "'ll"
            | "’ll"
            | "wo"
            | "going"
            | "plans"
            | "payable"
            | "effective"
            | "expires"
            | "expire"
            | "planning"
            | "scheduled"
            | "expected"
            | "expects"
            | "expect"
            | "next"
            | "upcoming"
            | "coming"
            | "shall"
            | "due"
            | "soon"
            | "intends"
            | "hopes"
            | "aims"
    )
}

/// Words that, followed by "to", look ahead: "set to resume Monday", "agreed to meet Friday".
pub(crate) fn is_future_before_to(word: &str) -> bool {
    matches!(
        word,
        "set"
            | "is"
            | "are"
            | "due"
            | "expected"
            | "scheduled"
            | "poised"
            | "likely"
            | "ready"
            | "going"
            | "plans"
            | "planning"
            | "hopes"
            | "intends"
            | "wants"
            | "agreed"
            | "vowed"
            | "promised"
            | "pledged"
            | "threatened"
            | "aims"
            | "prepared"
            | "preparing"
    )
}

/// Words that put a clause in the present, where the nearest date of a name is meant.
pub(crate) fn is_present_marker(word: &str) -> bool {
    matches!(word, "is" | "are" | "am" | "has" | "have" | "does" | "do" | "says" | "say")
}

/// Irregular past forms, the past tense that no "-ed" shows; sorted for binary search.
const IRREGULAR_PAST: &[&str] = &[
    "arose",
    "ate",
    "became",
    "began",
    "bit",
    "bled",
    "blew",
    "bore",
    "bought",
    "broke",
    "brought",
    "built",
    "came",
    "caught",
    "chose",
    "dealt",
    "dove",
    "drank",
    "drew",
    "drove",
    "dug",
    "fed",
    "fell",
    "felt",
    "fled",
    "flew",
    "forbade",
    "forgot",
    "fought",
    "froze",
    "gave",
    "got",
    "grew",
    "heard",
    "held",
    "hid",
    "hung",
    "kept",
    "knew",
    "laid",
    "led",
    "left",
    "lent",
    "lost",
    "made",
    "meant",
    "met",
    "overtook",
    "paid",
    "ran",
    "rang",
    "rode",
    "rose",
    "sang",
    "sank",
    "sat",
    "saw",
    "sent",
    "shook",
    "shot",
    "slept",
    "sold",
    "sought",
    "spent",
    "spoke",
    "stole",
    "stood",
    "struck",
    "stuck",
    "swept",
    "swore",
    "swung",
    "taught",
    "thought",
    "threw",
    "told",
    "took",
    "tore",
    "understood",
    "underwent",
    "went",
    "withdrew",
    "woke",
    "won",
    "wore",
    "wrote",
];

/// Words that put a clause in the past.
pub(crate) fn is_past_marker(word: &str) -> bool {
    IRREGULAR_PAST.binary_search(&word).is_ok()
        || matches!(
            word,
            "was"
                | "were"
                | "had"
                | "did"
                | "said"
                | "told"
                | "ago"
                | "last"
                | "earlier"
                | "since"
                | "came"
                | "went"
                | "took"
                | "made"
                | "began"
                | "met"
                | "rose"
                | "fell"
                | "won"
                | "lost"
                | "left"
                | "held"
                | "sold"
                | "paid"
                | "gave"
                | "got"
                | "saw"
                | "found"
                | "became"
                | "brought"
                | "spent"
                | "struck"
                | "hit"
                | "put"
                | "cut"
                | "led"
                | "fled"
        )
        || (word.len() > 4
            && word.ends_with("ed")
            && !matches!(word, "need" | "needed" | "proceed" | "exceed" | "succeed"))
}

/// Words other than calendar names, units and numbers that open a pattern: determiners,
/// directions ("last", "next"), modifiers ("early", "mid"), set words ("every", "daily").
pub(crate) fn is_pattern_start(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "their"
            | "last"
            | "past"
            | "next"
            | "coming"
            | "current"
            | "first"
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
            | "most"
            | "comparable"
            | "period"
            | "early"
            | "earlier"
            | "late"
            | "later"
            | "mid"
            | "daylong"
            | "weeklong"
            | "monthlong"
            | "yearlong"
            | "middle"
            | "end"
            | "beginning"
            | "start"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "tonight"
            | "fiscal"
            | "calendar"
            | "model"
            | "noon"
            | "midday"
            | "midnight"
            | "daily"
            | "nightly"
            | "weekly"
            | "monthly"
            | "annually"
            | "yearly"
            | "hourly"
            | "every"
            | "each"
            | "half"
            | "couple"
            | "nowadays"
            | "at"
            | "right"
            | "year-end"
            | "yearend"
            | "year"
            | "'"
            | "’"
    )
}

/// First words of the holidays [`fixed_holiday`] and [`floating_holiday`] know.
pub(crate) fn is_holiday_start(word: &str) -> bool {
    matches!(
        word,
        "new"
            | "christmas"
            | "boxing"
            | "independence"
            | "halloween"
            | "valentine"
            | "veterans"
            | "armistice"
            | "bastille"
            | "st."
            | "thanksgiving"
            | "labor"
            | "memorial"
            | "martin"
            | "presidents"
            | "columbus"
    )
}
