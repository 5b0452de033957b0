//! A moment as a source wrote it: the instant, and the UTC offset of the clock it was read on.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::fmt::temporal::Pieces;
use jiff::tz::Offset;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A publication or modification time. A page that writes `2021-06-17T20:45:56-04:00` was
/// published on the 17th where it was written, though it was the 18th in UTC: the local date
/// is the day its "today" and "on Thursday" count from, and the day a timeline files it under.
/// Times stated without an offset, and dates alone, are UTC.
///
/// In JSON it is an RFC 3339 string in the offset it was written in (`Z` for UTC).
/// Ordered by instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SourceTime {
    instant: Timestamp,
    offset: Offset,
}

impl SourceTime {
    /// The instant, written on a clock `offset` from UTC.
    pub fn new(instant: Timestamp, offset: Offset) -> SourceTime {
        SourceTime { instant, offset }
    }

    /// A moment known in UTC only.
    pub fn utc(instant: Timestamp) -> SourceTime {
        SourceTime { instant, offset: Offset::UTC }
    }

    /// Midnight UTC of a date given alone.
    pub fn of_date(date: Date) -> Option<SourceTime> {
        jiff::tz::TimeZone::UTC.to_timestamp(date.to_datetime(jiff::civil::Time::midnight())).ok().map(SourceTime::utc)
    }

    /// The instant, whatever the clock.
    pub fn instant(self) -> Timestamp {
        self.instant
    }

    /// How far from UTC the clock it was written on runs.
    pub fn offset(self) -> Offset {
        self.offset
    }

    /// The calendar date where the time was written.
    pub fn date(self) -> Date {
        self.offset.to_datetime(self.instant).date()
    }
}

impl From<Timestamp> for SourceTime {
    fn from(instant: Timestamp) -> SourceTime {
        SourceTime::utc(instant)
    }
}

impl Ord for SourceTime {
    fn cmp(&self, other: &SourceTime) -> Ordering {
        self.instant.cmp(&other.instant).then_with(|| self.offset.cmp(&other.offset))
    }
}

impl PartialOrd for SourceTime {
    fn partial_cmp(&self, other: &SourceTime) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for SourceTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.offset == Offset::UTC {
            write!(f, "{}", self.instant)
        } else {
            write!(f, "{}", self.instant.display_with_offset(self.offset))
        }
    }
}

/// The text is no RFC 3339 date-time with an offset.
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not an RFC 3339 date-time with an offset (2026-03-05T09:30:00-05:00)")]
pub struct SourceTimeError(String);

impl FromStr for SourceTime {
    type Err = SourceTimeError;

    /// RFC 3339, keeping the offset: `2021-06-17T20:45:56-04:00`, `2026-03-05T09:30:00Z`.
    fn from_str(text: &str) -> Result<SourceTime, SourceTimeError> {
        let error = || SourceTimeError(text.to_string());
        let instant: Timestamp = text.parse().map_err(|_| error())?;
        let offset = Pieces::parse(text).ok().and_then(|pieces| pieces.to_numeric_offset()).unwrap_or(Offset::UTC);
        Ok(SourceTime { instant, offset })
    }
}

impl Serialize for SourceTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SourceTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SourceTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use crate::SourceTime;

    #[test]
    fn the_offset_a_time_was_written_in_is_kept() {
        let time: SourceTime = "2021-06-17T20:45:56-04:00".parse().unwrap();
        assert_eq!(time.to_string(), "2021-06-17T20:45:56-04:00");
        assert_eq!(time.date().to_string(), "2021-06-17");
        assert_eq!(time.instant().to_string(), "2021-06-18T00:45:56Z");
        let utc: SourceTime = "2026-03-05T09:30:00Z".parse().unwrap();
        assert_eq!(utc.to_string(), "2026-03-05T09:30:00Z");
        assert_eq!("2026-03-05T09:30:00+00:00".parse::<SourceTime>().unwrap().to_string(), "2026-03-05T09:30:00Z");
        assert!(time < utc);
    }

    #[test]
    fn json_round_trips_and_bad_text_is_named() {
        let time: SourceTime = "2021-06-17T20:45:56.5+05:30".parse().unwrap();
        let json = serde_json::to_string(&time).unwrap();
        assert_eq!(json, "\"2021-06-17T20:45:56.5+05:30\"");
        assert_eq!(serde_json::from_str::<SourceTime>(&json).unwrap(), time);
        let error = "yesterday".parse::<SourceTime>().unwrap_err();
        assert!(error.to_string().contains("\"yesterday\""));
    }
}
