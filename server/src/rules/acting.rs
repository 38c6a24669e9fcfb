//! R-ACTING-TOO-LONG: an acting official (Plt, Plh) for at most 3 months, 6 with the one allowed extension.

use super::{AgencyRecords, ParamTimeline, RuleId, Violation};
use crate::domain::records::RecordKind;
use crate::domain::Date;

/// An assignment is judged with the values in force on the day it started.
pub fn check(
    records: &AgencyRecords,
    timeline: &ParamTimeline,
    as_of: Date,
    out: &mut Vec<Violation>,
) {
    for assignment in &records.acting {
        let a = &assignment.body;
        let params = &timeline.at(a.starts_on);
        // An open assignment is judged by the as-of date; one that has not started by then is not judged.
        let end = match a.ends_on {
            Some(end) => end,
            None if a.starts_on > as_of => continue,
            None => as_of,
        };
        let months = params.acting_max_months
            + if a.extended {
                params.acting_extension_months
            } else {
                0
            };
        let limit = a.starts_on.add_months(months);
        if end <= limit {
            continue;
        }
        let kind = a.acting_type.as_str().to_uppercase();
        let extended = if a.extended {
            (" termasuk perpanjangan", " including the extension")
        } else {
            ("", "")
        };
        let (until, until_en) = match a.ends_on {
            Some(end) => (format!("sampai {end}"), format!("until {end}")),
            None => (
                "dan belum berakhir".to_string(),
                "and has not ended".to_string(),
            ),
        };
        out.push(records.flag(
            RuleId::ActingTooLong,
            (RecordKind::ActingAssignment, &assignment.id),
            Some(a.nip.as_str()),
            a.starts_on,
            (
                format!(
                    "{kind} {} sejak {} {until}; paling lama {months} bulan{}, sampai {limit}",
                    a.position.title, a.starts_on, extended.0
                ),
                format!(
                    "{kind} {} since {} {until_en}; at most {months} months{}, until {limit}",
                    a.position.title, a.starts_on, extended.1
                ),
            ),
            params,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::{evaluate, Params, RuleId};

    fn flagged(starts: &str, ends: Option<&str>, extended: bool, as_of: &str) -> bool {
        let mut records = ministry();
        records.acting.push(acting("P1", starts, ends, extended));
        let found = evaluate(&records, &Params::default().into(), day(as_of));
        assert!(found.iter().all(|v| v.rule() == RuleId::ActingTooLong));
        !found.is_empty()
    }

    #[test]
    fn three_months_to_the_day_is_allowed() {
        assert!(!flagged(
            "2024-05-01",
            Some("2024-07-31"),
            false,
            "2026-01-01"
        ));
        assert!(
            !flagged("2024-05-01", Some("2024-08-01"), false, "2026-01-01"),
            "on the limit"
        );
        assert!(
            flagged("2024-05-01", Some("2024-08-02"), false, "2026-01-01"),
            "the day after"
        );
    }

    #[test]
    fn the_limit_clamps_to_the_month_end() {
        // 31 August + 3 months = 30 November (2024).
        assert!(!flagged(
            "2024-08-31",
            Some("2024-11-30"),
            false,
            "2026-01-01"
        ));
        assert!(flagged(
            "2024-08-31",
            Some("2024-12-01"),
            false,
            "2026-01-01"
        ));
        // 30 November + 3 months = 28 February in a common year, 29 in a leap year.
        assert!(flagged(
            "2024-11-30",
            Some("2025-03-01"),
            false,
            "2026-01-01"
        ));
        assert!(!flagged(
            "2024-11-30",
            Some("2025-02-28"),
            false,
            "2026-01-01"
        ));
        assert!(!flagged(
            "2023-11-30",
            Some("2024-02-29"),
            false,
            "2026-01-01"
        ));
    }

    #[test]
    fn an_extension_allows_six_months() {
        assert!(!flagged(
            "2024-05-01",
            Some("2024-11-01"),
            true,
            "2026-01-01"
        ));
        assert!(flagged(
            "2024-05-01",
            Some("2024-11-02"),
            true,
            "2026-01-01"
        ));
    }

    #[test]
    fn open_assignments_are_judged_by_the_as_of_date() {
        assert!(!flagged("2024-05-01", None, false, "2024-07-31"));
        assert!(
            !flagged("2024-05-01", None, false, "2024-08-01"),
            "on the limit"
        );
        assert!(flagged("2024-05-01", None, false, "2024-08-02"));
        assert!(!flagged("2024-05-01", None, true, "2024-11-01"));
        assert!(flagged("2024-05-01", None, true, "2024-11-02"));
        assert!(
            !flagged("2030-01-01", None, false, "2026-01-01"),
            "not started yet"
        );
    }

    #[test]
    fn the_message_cites_the_limit() {
        let mut records = ministry();
        records.acting.push(acting("P1", "2024-05-01", None, false));
        let found = evaluate(&records, &Params::default().into(), day("2025-01-01"));
        assert_eq!(
            found[0].message,
            "PLT Kepala Dinas sejak 2024-05-01 dan belum berakhir; paling lama 3 bulan, sampai 2024-08-01"
        );
        assert_eq!(found[0].subject_nip(), Some("197503151995011003"));
    }
}
