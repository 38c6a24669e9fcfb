//! R-NEU-NO-FOLLOWUP: the agency's official (PPK) must decide on a neutrality recommendation within 14 days.
//! A decision after the deadline leaves the violation standing, with the message "followed up late".

use super::{AgencyRecords, Params, RuleId, Violation};
use crate::domain::Date;
use crate::import::batch::RecordKind;

pub fn check(records: &AgencyRecords, params: &Params, as_of: Date, out: &mut Vec<Violation>) {
    for complaint in &records.complaints {
        let Some(recommendation) = &complaint.body.recommendation else {
            continue;
        };
        let deadline = recommendation
            .issued_on
            .add_days(i64::from(params.followup_days));
        if as_of <= deadline {
            continue;
        }
        // An imported complaint's reference is `<agency_code>/<id>` (reports.md).
        let reference = format!("{}/{}", records.code, complaint.id);
        // Decisions dated after the as-of date had not happened yet as of it.
        let decisions = records
            .followups
            .iter()
            .map(|f| &f.body)
            .filter(|f| f.complaint_ref == reference && f.decided_on <= as_of);
        let mut earliest: Option<Date> = None;
        for decision in decisions {
            earliest = Some(earliest.map_or(decision.decided_on, |e| e.min(decision.decided_on)));
        }
        let (message, message_en) = match earliest {
            Some(decided) if decided <= deadline => continue,
            Some(decided) => (
                format!(
                    "rekomendasi {} ditindaklanjuti terlambat pada {decided} (batas {deadline}, {} hari)",
                    recommendation.issued_on, params.followup_days
                ),
                format!(
                    "recommendation of {} followed up late, on {decided} (deadline {deadline}, {} days)",
                    recommendation.issued_on, params.followup_days
                ),
            ),
            None => (
                format!(
                    "rekomendasi {} belum ditindaklanjuti; batas {deadline} ({} hari)",
                    recommendation.issued_on, params.followup_days
                ),
                format!(
                    "recommendation of {} not followed up; deadline {deadline} ({} days)",
                    recommendation.issued_on, params.followup_days
                ),
            ),
        };
        out.push(records.flag(
            RuleId::NeuNoFollowup,
            (RecordKind::NeutralityComplaint, &complaint.id),
            Some(complaint.body.accused.nip.as_str()),
            deadline,
            (message, message_en),
            params,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::{evaluate, Params};

    /// A complaint recommended on 2024-10-01 (deadline 2024-10-15) and the given follow-up decisions.
    fn messages(decisions: &[&str], as_of: &str) -> Vec<String> {
        let mut records = regency();
        records
            .complaints
            .push(complaint("ADU-1", Some("2024-10-01")));
        for (i, decided) in decisions.iter().enumerate() {
            records
                .followups
                .push(followup(&format!("TL-{i}"), "32.04/ADU-1", decided));
        }
        evaluate(&records, &Params::default(), day(as_of))
            .into_iter()
            .map(|v| v.message_en)
            .collect()
    }

    #[test]
    fn the_deadline_is_fourteen_days_after_the_recommendation() {
        assert!(messages(&[], "2024-10-14").is_empty());
        assert!(messages(&[], "2024-10-15").is_empty(), "on the deadline");
        let late = messages(&[], "2024-10-16");
        assert_eq!(
            late,
            ["recommendation of 2024-10-01 not followed up; deadline 2024-10-15 (14 days)"]
        );
    }

    #[test]
    fn a_decision_by_the_deadline_clears_a_late_one_does_not() {
        assert!(messages(&["2024-10-14"], "2025-01-01").is_empty());
        assert!(
            messages(&["2024-10-15"], "2025-01-01").is_empty(),
            "decided on the deadline"
        );
        let late = messages(&["2024-10-16"], "2025-01-01");
        assert_eq!(late.len(), 1);
        assert!(
            late[0].contains("followed up late, on 2024-10-16"),
            "{}",
            late[0]
        );
        assert!(
            messages(&["2024-11-01", "2024-10-10"], "2025-01-01").is_empty(),
            "the earliest decision counts"
        );
    }

    #[test]
    fn decisions_after_the_as_of_date_are_not_yet_known() {
        let found = messages(&["2024-10-20"], "2024-10-18");
        assert!(found[0].contains("not followed up"), "{}", found[0]);
    }

    #[test]
    fn complaints_without_a_recommendation_or_for_another_reference_are_not_judged() {
        let mut records = regency();
        records.complaints.push(complaint("ADU-2", None));
        records
            .complaints
            .push(complaint("ADU-3", Some("2024-10-01")));
        records
            .followups
            .push(followup("TL-1", "32.04/ADU-2", "2024-10-02"));
        let found = evaluate(&records, &Params::default(), day("2025-01-01"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].key.record_id, "ADU-3");
        assert_eq!(found[0].event_date, day("2024-10-15"));
    }

    #[test]
    fn the_deadline_is_a_parameter() {
        let mut records = regency();
        records
            .complaints
            .push(complaint("ADU-1", Some("2024-10-01")));
        let params = Params {
            followup_days: 30,
            ..Params::default()
        };
        assert!(evaluate(&records, &params, day("2024-10-31")).is_empty());
        let found = evaluate(&records, &params, day("2024-11-01"));
        assert_eq!(
            found[0].params,
            vec![("neutrality.followup_days", "30".to_string())]
        );
    }
}
