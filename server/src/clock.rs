//! The one place that reads the system clock, so that everything else takes dates as arguments and stays
//! reproducible ("as of" a date).

use std::time::{SystemTime, UNIX_EPOCH};

use crate::domain::Date;

/// Seconds since the Unix epoch (the request limits' windows).
pub fn seconds_since_epoch() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Today's date in UTC.
pub fn today() -> Date {
    Date::from_day_number(seconds_since_epoch().div_euclid(86_400))
}

/// Now as ISO-8601 UTC text (`2026-11-23T08:15:00Z`), how timestamps are stored.
pub fn now_text() -> String {
    now_plus(0)
}

/// Now plus `seconds` (negative: earlier) as stored timestamp text; such texts compare in time order.
pub fn now_plus(seconds: i64) -> String {
    timestamp_text(seconds_since_epoch().saturating_add(seconds))
}

/// Seconds since the epoch as stored timestamp text (`2026-11-23T08:15:00Z`).
pub fn timestamp_text(secs: i64) -> String {
    let (day, time) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_day_number(day),
        time / 3600,
        time % 3600 / 60,
        time % 60
    )
}

/// Stored timestamp text back to seconds since the epoch; `None` when it is not in that form.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let (date, time) = text.strip_suffix('Z')?.split_once('T')?;
    let day = Date::parse(date).ok()?.day_number();
    let mut parts = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    Some(day * 86_400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_back_what_they_write() {
        assert_eq!(parse_timestamp("1970-01-02T00:01:05Z"), Some(86_465));
        assert_eq!(timestamp_text(86_465), "1970-01-02T00:01:05Z");
        assert_eq!(parse_timestamp("2026-12-01"), None);
        assert_eq!(
            Date::parse("2026-11-30").map(Date::weekday_from_monday),
            Ok(0)
        );
        assert_eq!(
            Date::parse("2026-12-06").map(Date::weekday_from_monday),
            Ok(6)
        );
    }
}
