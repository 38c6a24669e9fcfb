//! Calendar dates as the rules count them (rules.md, "Date arithmetic"): `d + N months` is the same day N months
//! later clamped to the month's last day (2023-08-31 + 6 months = 2024-02-29); years are 12 months; "within N
//! months after X" means `X ≤ d < X + N months`; age is completed years.

use std::fmt;

/// A proleptic Gregorian date between years 1 and 9999. (Serde is for the rules' compact record cache only,
/// `import::compact`; reports carry dates as `YYYY-MM-DD` text, parsed by the validator.)
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected a date as YYYY-MM-DD, found {0:?}")]
    Format(String),
    #[error("{0:?} is not a calendar date")]
    Impossible(String),
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The first representable day, for "no lower bound".
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };

    /// The last representable day, for "no upper bound".
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// The date, if it exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` (what reports and the command line use).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let digits_at = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
        if bytes.len() != 10
            || bytes[4] != b'-'
            || bytes[7] != b'-'
            || !digits_at(0..4)
            || !digits_at(5..7)
            || !digits_at(8..10)
        {
            return Err(DateError::Format(text.to_string()));
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<i32>().unwrap_or(0);
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        u8::try_from(month)
            .ok()
            .zip(u8::try_from(day).ok())
            .and_then(|(m, d)| Date::new(year, m, d))
            .ok_or_else(|| DateError::Impossible(text.to_string()))
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// `self + months` (negative: back), the day clamped to the target month's last day.
    pub fn add_months(self, months: i32) -> Date {
        let index = self.year * 12 + i32::from(self.month) - 1 + months;
        let year = index.div_euclid(12).clamp(1, 9999);
        let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    pub fn add_years(self, years: i32) -> Date {
        self.add_months(12 * years)
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_day_number(self.day_number() + days)
    }

    /// The day of the week, Monday 0 … Sunday 6 (the weekly digest goes out on Mondays).
    pub fn weekday_from_monday(self) -> i64 {
        // Day 0, 1970-01-01, was a Thursday.
        (self.day_number() + 3).rem_euclid(7)
    }

    /// Days since 1970-01-01 (negative before), by the civil-from-days algorithm.
    pub fn day_number(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_day_number(n: i64) -> Date {
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(9999).clamp(1, 9999),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Whether `self` lies within `months` months after `start`: `start ≤ self < start + months`.
    pub fn within_months_after(self, start: Date, months: i32) -> bool {
        start <= self && self < start.add_months(months)
    }

    /// Completed months from `self` to `later` (0 when `later` is not after `self`), counted the way
    /// `add_months` counts: the largest `n` with `self + n months ≤ later`. Messages cite it ("4 bulan").
    pub fn whole_months_until(self, later: Date) -> i32 {
        if later <= self {
            return 0;
        }
        let n = (later.year - self.year) * 12 + i32::from(later.month) - i32::from(self.month);
        if self.add_months(n) > later {
            n - 1
        } else {
            n
        }
    }

    /// Completed years from `self` (a birth date) to `on`. Someone born on 29 February completes a year on
    /// 1 March in common years.
    pub fn age_on(self, on: Date) -> i32 {
        let had_birthday = (on.month, on.day) >= (self.month, self.day);
        on.year - self.year - i32::from(!had_birthday)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).expect(text)
    }

    #[test]
    fn parses_only_real_iso_dates() {
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
        assert_eq!(
            Date::parse("2023-02-29"),
            Err(DateError::Impossible("2023-02-29".into()))
        );
        assert_eq!(
            Date::parse("1900-02-29"),
            Err(DateError::Impossible("1900-02-29".into())),
            "1900 is not leap"
        );
        assert!(Date::parse("2000-02-29").is_ok(), "2000 is leap");
        for bad in [
            "2024-2-01",
            "24-02-01",
            "2024/02/01",
            "2024-02-01T00:00",
            "",
            "2024-13-01",
            "2024-04-31",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert!(matches!(
            Date::parse("2024-00-10"),
            Err(DateError::Impossible(_))
        ));
        assert!(
            matches!(Date::parse("２024-01-01"), Err(DateError::Format(_))),
            "non-ASCII digits"
        );
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(
            d("2023-08-31").add_months(6),
            d("2024-02-29"),
            "the rules spec's own example"
        );
        assert_eq!(d("2022-08-31").add_months(6), d("2023-02-28"));
        assert_eq!(d("2024-08-31").add_months(3), d("2024-11-30"));
        assert_eq!(d("2024-01-31").add_months(1), d("2024-02-29"));
        assert_eq!(d("2024-02-29").add_years(1), d("2025-02-28"));
        assert_eq!(d("2024-02-29").add_years(4), d("2028-02-29"));
        assert_eq!(d("2024-03-31").add_months(-1), d("2024-02-29"));
        assert_eq!(d("2024-12-15").add_months(1), d("2025-01-15"));
        assert_eq!(d("2025-01-15").add_months(-1), d("2024-12-15"));
        assert_eq!(
            d("2024-09-22").add_months(-6),
            d("2024-03-22"),
            "Pilkada 2024: the ban from 22 March"
        );
    }

    #[test]
    fn within_months_after_is_half_open() {
        let inauguration = d("2025-02-20");
        assert!(
            !d("2025-02-19").within_months_after(inauguration, 6),
            "the day before"
        );
        assert!(
            d("2025-02-20").within_months_after(inauguration, 6),
            "the day itself"
        );
        assert!(
            d("2025-08-19").within_months_after(inauguration, 6),
            "the last day inside"
        );
        assert!(
            !d("2025-08-20").within_months_after(inauguration, 6),
            "the limit itself is outside"
        );
    }

    #[test]
    fn days_round_trip_through_day_numbers() {
        assert_eq!(d("1970-01-01").day_number(), 0);
        assert_eq!(
            d("2000-03-01").day_number() - d("2000-02-28").day_number(),
            2
        );
        assert_eq!(d("2024-12-31").add_days(1), d("2025-01-01"));
        assert_eq!(d("2024-03-01").add_days(-1), d("2024-02-29"));
        assert_eq!(d("2025-06-01").add_days(14), d("2025-06-15"));
        let mut day = d("1940-01-01");
        for _ in 0..40_000 {
            let next = day.add_days(1);
            assert!(next > day);
            assert_eq!(Date::from_day_number(day.day_number()), day);
            day = next;
        }
    }

    #[test]
    fn whole_months_count_like_add_months() {
        let inauguration = d("2025-02-20");
        assert_eq!(inauguration.whole_months_until(d("2025-06-19")), 3);
        assert_eq!(inauguration.whole_months_until(d("2025-06-20")), 4);
        assert_eq!(inauguration.whole_months_until(d("2025-02-20")), 0);
        assert_eq!(
            inauguration.whole_months_until(d("2024-12-01")),
            0,
            "earlier"
        );
        assert_eq!(
            d("2023-08-31").whole_months_until(d("2024-02-29")),
            6,
            "clamped month end"
        );
        assert_eq!(d("2023-08-31").whole_months_until(d("2024-02-28")), 5);
    }

    #[test]
    fn age_counts_completed_years() {
        let birth = d("1968-05-10");
        assert_eq!(
            birth.age_on(d("2024-05-09")),
            55,
            "the day before the birthday"
        );
        assert_eq!(birth.age_on(d("2024-05-10")), 56, "on the birthday");
        assert_eq!(birth.age_on(d("2024-05-11")), 56);
        let leapling = d("1968-02-29");
        assert_eq!(leapling.age_on(d("2024-02-28")), 55);
        assert_eq!(leapling.age_on(d("2024-02-29")), 56);
        assert_eq!(leapling.age_on(d("2025-02-28")), 56);
        assert_eq!(
            leapling.age_on(d("2025-03-01")),
            57,
            "a common year: the year completes on 1 March"
        );
    }
}
