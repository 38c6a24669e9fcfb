//! R-NEU-NO-FOLLOWUP: the agency's official (PPK) must decide on a neutrality recommendation within 14 days.
//! A decision after the deadline leaves the violation standing, with the message "followed up late".

use super::{AgencyRecords, ParamTimeline, RuleId, Violation};
use crate::domain::records::RecordKind;
use crate::domain::Date;

/// A complaint filed through the public form that has a recommendation (its case is kept by staff, not sent
/// as a record): the violation names it by its reference, and no NIP is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormCase {
    pub reference: String,
    pub recommended_on: Date,
    /// The PPK's decision as entered by staff.
    pub decided_on: Option<Date>,
}

pub use crate::domain::complaints::followup::{follow_up, FollowUp};

pub fn check(
    records: &AgencyRecords,
    params: &ParamTimeline,
    as_of: Date,
    out: &mut Vec<Violation>,
) {
    let decisions = |reference: &str| -> Vec<Date> {
        records
            .followups
            .iter()
            .filter(|f| f.body.complaint_ref == reference)
            .map(|f| f.body.decided_on)
            .collect()
    };
    for complaint in &records.complaints {
        let Some(recommendation) = &complaint.body.recommendation else {
            continue;
        };
        // An imported complaint's reference is `<agency_code>/<id>` (reports.md).
        let reference = format!("{}/{}", records.code, complaint.id);
        let subject = (
            complaint.id.as_str(),
            Some(complaint.body.accused.nip.as_str()),
        );
        let found = decisions(&reference);
        judge(
            records,
            params,
            as_of,
            subject,
            recommendation.issued_on,
            &found,
            out,
        );
    }
    for case in &records.cases {
        let mut found = decisions(&case.reference);
        found.extend(case.decided_on);
        let subject = (case.reference.as_str(), None);
        judge(
            records,
            params,
            as_of,
            subject,
            case.recommended_on,
            &found,
            out,
        );
    }
}

/// Flags one recommendation if it is overdue as of `as_of`, judged with the deadline in force on its date.
fn judge(
    records: &AgencyRecords,
    timeline: &ParamTimeline,
    as_of: Date,
    (record_id, nip): (&str, Option<&str>),
    issued_on: Date,
    decisions: &[Date],
    out: &mut Vec<Violation>,
) {
    let params = &timeline.at(issued_on);
    let days = params.followup_days;
    let follow = follow_up(issued_on, decisions, days, as_of);
    if !follow.overdue {
        return;
    }
    let deadline = follow.deadline;
    let messages = match follow.decided_on {
        Some(decided) => (
            format!(
                "rekomendasi {issued_on} ditindaklanjuti terlambat pada {decided} (batas {deadline}, {days} hari)"
            ),
            format!(
                "recommendation of {issued_on} followed up late, on {decided} (deadline {deadline}, {days} days)"
            ),
        ),
        None => (
            format!("rekomendasi {issued_on} belum ditindaklanjuti; batas {deadline} ({days} hari)"),
            format!("recommendation of {issued_on} not followed up; deadline {deadline} ({days} days)"),
        ),
    };
    out.push(records.flag(
        RuleId::NeuNoFollowup,
        (RecordKind::NeutralityComplaint, record_id),
        nip,
        deadline,
        messages,
        params,
    ));
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
        evaluate(&records, &Params::default().into(), day(as_of))
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
        let found = evaluate(&records, &Params::default().into(), day("2025-01-01"));
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
        assert!(evaluate(&records, &params.into(), day("2024-10-31")).is_empty());
        let found = evaluate(&records, &params.into(), day("2024-11-01"));
        assert_eq!(
            found[0].params,
            vec![("neutrality.followup_days", "30".to_string())]
        );
    }

    /// A form complaint recommended on 2024-10-01 with the staff's decision, judged as of `as_of`.
    fn form_case(
        decided_on: Option<&str>,
        sent: &[&str],
        as_of: &str,
    ) -> Vec<super::super::Violation> {
        let mut records = regency();
        records.cases.push(super::FormCase {
            reference: "NET-2024-ABCDEFGH".into(),
            recommended_on: day("2024-10-01"),
            decided_on: decided_on.map(day),
        });
        for (i, decided) in sent.iter().enumerate() {
            records
                .followups
                .push(followup(&format!("TL-{i}"), "NET-2024-ABCDEFGH", decided));
        }
        evaluate(&records, &Params::default().into(), day(as_of))
    }

    #[test]
    fn a_form_complaint_is_judged_by_its_reference_without_a_nip() {
        assert!(
            form_case(None, &[], "2024-10-15").is_empty(),
            "on the deadline"
        );
        let found = form_case(None, &[], "2024-10-16");
        assert_eq!(found.len(), 1, "the day after");
        assert_eq!(found[0].key.record_id, "NET-2024-ABCDEFGH");
        assert_eq!(
            found[0].key.subject, "",
            "no NIP is known of a form complaint"
        );
        assert!(
            form_case(Some("2024-10-15"), &[], "2025-01-01").is_empty(),
            "staff entered a decision in time"
        );
        assert!(
            form_case(None, &["2024-10-15"], "2025-01-01").is_empty(),
            "the agency sent one in time"
        );
        let late = form_case(Some("2024-10-16"), &[], "2025-01-01");
        assert!(
            late[0].message_en.contains("followed up late"),
            "{}",
            late[0].message_en
        );
        assert!(
            form_case(Some("2024-10-20"), &["2024-10-12"], "2025-01-01").is_empty(),
            "the earliest of both counts"
        );
    }
}
