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
    let secs = seconds_since_epoch().saturating_add(seconds);
    let (day, time) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_day_number(day),
        time / 3600,
        time % 3600 / 60,
        time % 60
    )
}
