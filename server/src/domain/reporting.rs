//! Reporting activity (issue #19, "silent agencies"): an agency that never reports has no violations and looks
//! clean, so its submissions are counted too — per quarter, accepted and refused, the last accepted one, and its
//! records per kind and year. Pure: the service reads the rows, this module counts them.

use std::collections::BTreeMap;

use model::types::{KindYear, QuarterActivity};
use serde_json::Value;

use super::Date;

/// How many days an agency has been silent as of `today`: since its last accepted submission (`None`: it never
/// reported, which counts as silent whatever the threshold).
pub fn days_silent(last_accepted: Option<Date>, today: Date) -> Option<i64> {
    last_accepted.map(|last| today.day_number() - last.day_number())
}

/// Whether an agency is silent: no accepted report for more than `threshold` days, or none ever. An agency whose
/// last report came exactly `threshold` days ago is not silent yet.
pub fn is_silent(last_accepted: Option<Date>, today: Date, threshold: i32) -> bool {
    days_silent(last_accepted, today).is_none_or(|days| days > i64::from(threshold))
}

/// Submissions (`received_at` timestamp text, accepted?) per quarter of their arrival (`2026-Q4`), oldest first.
pub fn quarters<'a>(
    submissions: impl IntoIterator<Item = (&'a str, bool)>,
) -> Vec<QuarterActivity> {
    let mut by_quarter: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (received_at, accepted) in submissions {
        let Ok(day) = Date::parse(received_at.get(..10).unwrap_or(received_at)) else {
            continue;
        };
        let quarter = format!("{}-Q{}", day.year(), (day.month() - 1) / 3 + 1);
        let slot = by_quarter.entry(quarter).or_default();
        if accepted {
            slot.0 += 1;
        } else {
            slot.1 += 1;
        }
    }
    by_quarter
        .into_iter()
        .map(|(quarter, (accepted, refused))| QuarterActivity {
            quarter,
            accepted,
            refused,
        })
        .collect()
}

/// The field that dates a record of each kind (reports.md): when the event it reports happened.
fn date_field(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "regional_head_term" => "inaugurated_on",
        "election" => "vote_on",
        "selection" => "announced_on",
        "rotation" => "effective_on",
        "job_fit" => "held_on",
        "acting_assignment" => "starts_on",
        "neutrality_complaint" => "received_on",
        "neutrality_followup" => "decided_on",
        "recommendation_response" => "responded_on",
        _ => return None,
    })
}

/// The year a stored record reports on: its event's date (a merit assessment: its `year`).
pub fn record_year(kind: &str, content: &Value) -> Option<i32> {
    if kind == "merit_assessment" {
        return content
            .get("year")?
            .as_i64()
            .and_then(|y| i32::try_from(y).ok());
    }
    let text = content.get(date_field(kind)?)?.as_str()?;
    Date::parse(text).ok().map(Date::year)
}

/// Records per kind and year of their event, by kind then year.
pub fn records_per_kind_year<'a>(
    records: impl IntoIterator<Item = (&'a str, &'a Value)>,
) -> Vec<KindYear> {
    let mut counts: BTreeMap<(String, i32), i64> = BTreeMap::new();
    for (kind, content) in records {
        if let Some(year) = record_year(kind, content) {
            *counts.entry((kind.to_string(), year)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|((kind, year), count)| KindYear { kind, year, count })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).expect("date")
    }

    #[test]
    fn silent_after_more_than_the_threshold_or_never() {
        let today = day("2026-12-02");
        assert!(!is_silent(Some(today.add_days(-179)), today, 180));
        assert!(
            !is_silent(Some(today.add_days(-180)), today, 180),
            "on the edge: not yet"
        );
        assert!(
            is_silent(Some(today.add_days(-181)), today, 180),
            "the day after"
        );
        assert!(is_silent(None, today, 180), "never reported");
        assert_eq!(days_silent(Some(day("2026-11-30")), today), Some(2));
    }

    #[test]
    fn submissions_count_per_quarter_and_records_per_kind_and_year() {
        let q = quarters([
            ("2026-03-31T23:59:59Z", true),
            ("2026-04-01T00:00:00Z", false),
            ("2026-04-02T08:00:00Z", true),
            ("garbage", true),
        ]);
        let q: Vec<(String, i64, i64)> = q
            .into_iter()
            .map(|q| (q.quarter, q.accepted, q.refused))
            .collect();
        assert_eq!(
            q,
            [("2026-Q1".to_string(), 1, 0), ("2026-Q2".to_string(), 1, 1)]
        );
        let rotation = serde_json::json!({"effective_on": "2024-05-01"});
        let merit = serde_json::json!({"year": 2023});
        let unknown = serde_json::json!({"when": "2024-01-01"});
        let counts = records_per_kind_year([
            ("rotation", &rotation),
            ("rotation", &rotation),
            ("merit_assessment", &merit),
            ("mystery", &unknown),
        ]);
        let counts: Vec<(String, i32, i64)> = counts
            .into_iter()
            .map(|k| (k.kind, k.year, k.count))
            .collect();
        assert_eq!(
            counts,
            [
                ("merit_assessment".to_string(), 2023, 1),
                ("rotation".to_string(), 2024, 2)
            ]
        );
    }
}
