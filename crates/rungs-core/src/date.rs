//! Calendar dates: parsed from `YYYY-MM-DD`, compared, and counted in days.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A day in the proleptic Gregorian calendar, from year 1 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01; negative before it.
    days: i32,
}

impl Date {
    /// The date for a year, month and day, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return None;
        }
        Some(Date {
            days: days_from_civil(year, month, day),
        })
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i32) -> Date {
        Date { days }
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i32 {
        self.days
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    /// Today, by the system clock, in UTC. Every face asks this one function, so "today" is
    /// the same day for the command line, the API and the pages.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days(i32::try_from(secs / 86_400).unwrap_or(i32::MAX))
    }

    /// The same day a year (365 days) earlier.
    pub fn year_before(self) -> Date {
        Date::from_days(self.days - 365)
    }

    /// Years from `self` to `later`, as a fraction (365.2425 days a year).
    pub fn years_until(self, later: Date) -> f64 {
        f64::from(later.days - self.days) / 365.2425
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Days-from-civil and its inverse, after Howard Hinnant's public-domain algorithms.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected YYYY-MM-DD")]
    Shape,
    #[error("there is no such day in the calendar")]
    NoSuchDay,
    #[error("give the date alone, without a time")]
    HasTime,
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let s = s.trim();
        if s.len() > 10 && matches!(s.as_bytes()[10], b'T' | b't' | b' ') {
            return Err(DateError::HasTime);
        }
        let bytes = s.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(DateError::Shape);
        }
        let number = |range: std::ops::Range<usize>| -> Result<u32, DateError> {
            let part = &s[range];
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError::Shape);
            }
            part.parse().map_err(|_| DateError::Shape)
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        Date::from_ymd(year as i32, month, day).ok_or(DateError::NoSuchDay)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A day in the OpenAPI document: a string, `YYYY-MM-DD`.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Date {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .description(Some("A day, YYYY-MM-DD."))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Date {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_days() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2026-11-22",
            "0001-01-01",
            "9999-12-31",
            "1969-12-31",
        ] {
            let date: Date = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(date.to_string(), text);
            assert_eq!(Date::from_days(date.days()), date);
        }
        assert_eq!("1970-01-02".parse::<Date>().map(Date::days), Ok(1));
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!("2025-02-29".parse::<Date>(), Err(DateError::NoSuchDay));
        assert_eq!("2026-13-01".parse::<Date>(), Err(DateError::NoSuchDay));
        assert_eq!("26-11-01".parse::<Date>(), Err(DateError::Shape));
        assert_eq!(
            "2026-11-01T10:00:00Z".parse::<Date>(),
            Err(DateError::HasTime)
        );
        assert_eq!("2026-1a-01".parse::<Date>(), Err(DateError::Shape));
    }

    #[test]
    fn today_is_a_day_after_this_code_was_written() {
        let today = Date::today();
        assert!(
            today >= Date::from_ymd(2026, 11, 1).unwrap_or(today),
            "{today}"
        );
        assert_eq!(today.year_before().days(), today.days() - 365);
    }

    #[test]
    fn years_between_dates_are_fractional() {
        let a: Date = "2020-01-01".parse().unwrap_or(Date::from_days(0));
        let b: Date = "2022-07-02".parse().unwrap_or(Date::from_days(0));
        assert!((a.years_until(b) - 2.5).abs() < 0.01);
    }
}
