//! R-REC-OVERDUE: an agency must answer a recommendation on one of its violations by the letter date plus
//! `recommendation.followup_days` (rules.md, "Recommendation follow-up"). The state is
//! `domain::recommendations`' (shared with the API's list); this family flags the `overdue` ones, as of the
//! evaluation's date, with the due date as the event date.
//!
//! The violation names the record and official of the violation that got the recommendation, so it shows beside
//! it in the explorer and on the scorecard. (Two recommended violations of different rules on the same record and
//! official give one R-REC-OVERDUE: the key is the rule, the record and the official.)

use model::RecommendationState;

use super::{AgencyRecords, ParamTimeline, RuleId, Violation};
use crate::domain::recommendations::FollowUp;
use crate::domain::records::RecordKind;
use crate::domain::Date;

/// A recommendation as the rule reads it: the violation it is about and its follow-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recommended {
    pub violation_id: i64,
    pub rule: RuleId,
    pub record_kind: RecordKind,
    pub record_id: String,
    pub subject_nip: String,
    pub letter_number: String,
    pub follow: FollowUp,
}

/// Each recommendation is judged with the follow-up days in force on its letter's date.
pub fn check(
    records: &AgencyRecords,
    timeline: &ParamTimeline,
    as_of: Date,
    out: &mut Vec<Violation>,
) {
    for rec in &records.recommendations {
        let params = &timeline.at(rec.follow.letter_date);
        let days = params.recommendation_followup_days;
        let standing = rec.follow.standing(days, as_of);
        if standing.state != RecommendationState::Overdue {
            continue;
        }
        let (letter, date, due, id, rule) = (
            &rec.letter_number,
            rec.follow.letter_date,
            standing.due_on,
            rec.violation_id,
            rec.rule.as_str(),
        );
        let messages = (
            format!(
                "rekomendasi {letter} tanggal {date} atas pelanggaran #{id} ({rule}) belum dijawab sampai batas {due} ({days} hari)"
            ),
            format!(
                "recommendation {letter} of {date} on violation #{id} ({rule}) not answered by its due date {due} ({days} days)"
            ),
        );
        out.push(records.flag(
            RuleId::RecOverdue,
            (rec.record_kind, rec.record_id.as_str()),
            Some(rec.subject_nip.as_str()).filter(|s| !s.is_empty()),
            due,
            messages,
            params,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::{evaluate, AgencyRecords, Params};
    use super::*;
    use crate::domain::recommendations::{Answer, Verdict};
    use model::ResponseAction;

    /// A regency with a recommendation dated 2025-03-01 (due 2025-03-15 by default) on a rotation violation.
    fn recommended(answers: Vec<Answer>) -> AgencyRecords {
        let mut records = regency();
        records.recommendations.push(Recommended {
            violation_id: 7,
            rule: RuleId::RotPostInaug,
            record_kind: RecordKind::Rotation,
            record_id: "M-1".into(),
            subject_nip: "197001012000031001".into(),
            letter_number: "B-1/KASN/2025".into(),
            follow: FollowUp {
                letter_date: day("2025-03-01"),
                resolved_on: None,
                answers,
            },
        });
        records
    }

    fn flagged(answers: Vec<Answer>, as_of: &str) -> Vec<Violation> {
        evaluate(&recommended(answers), &Params::default().into(), day(as_of))
            .into_iter()
            .filter(|v| v.rule() == RuleId::RecOverdue)
            .collect()
    }

    #[test]
    fn flagged_the_day_after_the_due_date_with_the_due_date_as_event() {
        assert!(flagged(vec![], "2025-03-14").is_empty());
        assert!(flagged(vec![], "2025-03-15").is_empty(), "on the due date");
        let found = flagged(vec![], "2025-03-16");
        assert_eq!(found.len(), 1);
        let v = &found[0];
        assert_eq!(v.event_date, day("2025-03-15"));
        assert_eq!(v.key.record_id, "M-1");
        assert_eq!(v.subject_nip(), Some("197001012000031001"));
        assert_eq!(
            v.message_en,
            "recommendation B-1/KASN/2025 of 2025-03-01 on violation #7 (R-ROT-POST-INAUG) not answered by its due date 2025-03-15 (14 days)"
        );
        assert_eq!(
            v.params,
            vec![("recommendation.followup_days", "14".to_string())]
        );
    }

    #[test]
    fn an_answer_awaiting_a_verdict_or_accepted_clears_it_a_rejected_one_does_not() {
        let answer = |verdict| Answer {
            id: "J-1".into(),
            responded_on: day("2025-03-10"),
            action: ResponseAction::Complied,
            verdict,
        };
        assert!(flagged(vec![answer(None)], "2025-03-20").is_empty());
        assert!(flagged(
            vec![answer(Some(Verdict::Accepted(day("2025-03-12"))))],
            "2025-03-20"
        )
        .is_empty());
        assert_eq!(
            flagged(
                vec![answer(Some(Verdict::Rejected(day("2025-03-12"))))],
                "2025-03-20"
            )
            .len(),
            1
        );
    }

    #[test]
    fn the_deadline_is_a_parameter() {
        let records = recommended(vec![]);
        let mut params = Params::default();
        params
            .set("recommendation.followup_days", "30")
            .expect("valid");
        let on = |as_of| {
            evaluate(&records, &params.into(), day(as_of))
                .iter()
                .any(|v| v.rule() == RuleId::RecOverdue)
        };
        assert!(!on("2025-03-31"));
        assert!(on("2025-04-01"));
    }
}
