//! Every rule with a parameter across a dated change of it (issue #19): an event the day before the change is
//! judged with the old value, on and after it with the new one; the violation records the value and since when.

use super::fixtures::*;
use super::{evaluate, AgencyRecords, DatedValue, ParamTimeline, Params, RuleId};
use crate::domain::recommendations::FollowUp;
use crate::domain::records::RecordKind;
use crate::domain::Date;

/// The day the value changes in every case (the March 2024 circular).
const CHANGE: &str = "2024-03-15";

/// `key` takes `value` from [`CHANGE`] on.
fn changed(key: &str, value: &str) -> ParamTimeline {
    let change = DatedValue {
        key: key.into(),
        from: day(CHANGE),
        value: value.into(),
    };
    ParamTimeline::new(Params::default(), [change]).expect("a valid change")
}

/// Whether `rule` is flagged in `records` judged with `params`, as of long after every event.
fn flagged(records: &AgencyRecords, params: &ParamTimeline, rule: RuleId) -> bool {
    evaluate(records, params, day("2030-01-01"))
        .iter()
        .any(|v| v.rule() == rule)
}

/// For events on the day before, on and after the change: is the rule flagged?
fn across_the_change(
    key: &str,
    value: &str,
    rule: RuleId,
    scenario: impl Fn(Date) -> AgencyRecords,
) -> [bool; 3] {
    let params = changed(key, value);
    let change = day(CHANGE);
    [-1, 0, 1].map(|offset| flagged(&scenario(change.add_days(offset)), &params, rule))
}

#[test]
fn rotation_bans_and_tenure_change_on_the_rotations_effective_date() {
    // Two months after an inauguration: banned under 6 months, allowed under 1.
    let post_inauguration = |event: Date| {
        let mut records = regency();
        let inaugurated = event.add_months(-2).to_string();
        records
            .terms
            .push(term("T1", &inaugurated, "2030-01-01", false));
        records
            .rotations
            .push(rotation("M1", "2015-01-01", &event.to_string()));
        records
    };
    assert_eq!(
        across_the_change(
            "rotation.post_inauguration_months",
            "1",
            RuleId::RotPostInaug,
            post_inauguration
        ),
        [true, false, false]
    );
    // Two months before the candidates are determined: banned under 6 months, allowed under 1.
    let pre_election = |event: Date| {
        let mut records = regency();
        let determined = event.add_months(2);
        records.elections.push(election(
            "E1",
            &determined.to_string(),
            &determined.add_months(3).to_string(),
        ));
        records
            .rotations
            .push(rotation("M1", "2015-01-01", &event.to_string()));
        records
    };
    assert_eq!(
        across_the_change(
            "rotation.pre_election_months",
            "1",
            RuleId::RotPreElection,
            pre_election
        ),
        [true, false, false]
    );
    // Eighteen months in post: too short under 2 years, enough under 1.
    let tenure = |event: Date| {
        let mut records = ministry();
        let since = event.add_months(-18).to_string();
        records
            .rotations
            .push(rotation("M1", &since, &event.to_string()));
        records
    };
    assert_eq!(
        across_the_change("tenure.min_years", "1", RuleId::JptMinTenure, tenure),
        [true, false, false]
    );
}

#[test]
fn selection_rules_change_on_the_close_of_registration_and_the_announcement() {
    let selection_on = |event: Date| {
        let mut records = ministry();
        let mut s = selection("S1");
        s.body.registration_closes_on = event;
        s.body.announced_on = event;
        records.selections.push(s);
        records
    };
    // Three proposed: right under 3, wrong under 4.
    assert_eq!(
        across_the_change(
            "selection.shortlist_size",
            "4",
            RuleId::SelShortlistSize,
            selection_on
        ),
        [false, true, true]
    );
    // Candidates born on 1970-06-01 are 53 or 54: within 56, above 50.
    assert_eq!(
        across_the_change(
            "selection.max_age_pratama",
            "50",
            RuleId::SelAge,
            selection_on
        ),
        [false, true, true]
    );
    // Five members: enough under 5, too few under 7.
    assert_eq!(
        across_the_change("committee.min_size", "7", RuleId::PanselSize, selection_on),
        [false, true, true]
    );
    // Two of five internal (40 %): within 45 %, above 30 %.
    assert_eq!(
        across_the_change(
            "committee.max_internal_percent",
            "30",
            RuleId::PanselInternal,
            selection_on
        ),
        [false, true, true]
    );
}

#[test]
fn acting_assignments_change_on_their_start() {
    // Four months acting: too long under 3, within 6.
    let acting_from = |event: Date| {
        let mut records = regency();
        let ends = event.add_months(4).to_string();
        records
            .acting
            .push(acting("P1", &event.to_string(), Some(&ends), false));
        records
    };
    assert_eq!(
        across_the_change("acting.max_months", "6", RuleId::ActingTooLong, acting_from),
        [true, false, false]
    );
}

#[test]
fn follow_up_deadlines_change_on_the_letters_date() {
    // Twenty days without a decision: late under 14 days, in time under 30.
    let complaint_on = |event: Date| {
        let mut records = regency();
        records
            .complaints
            .push(complaint("ADU-1", Some(&event.to_string())));
        records
    };
    let params = changed("neutrality.followup_days", "30");
    let change = day(CHANGE);
    let judged: Vec<bool> = [-1, 0, 1]
        .iter()
        .map(|offset| {
            let letter = change.add_days(*offset);
            evaluate(&complaint_on(letter), &params, letter.add_days(20))
                .iter()
                .any(|v| v.rule() == RuleId::NeuNoFollowup)
        })
        .collect();
    assert_eq!(judged, [true, false, false]);

    let recommended_on = |event: Date| {
        let mut records = regency();
        records
            .recommendations
            .push(super::recommendation::Recommended {
                violation_id: 7,
                rule: RuleId::RotPostInaug,
                record_kind: RecordKind::Rotation,
                record_id: "M-1".into(),
                subject_nip: String::new(),
                letter_number: "B-1/KASN".into(),
                follow: FollowUp {
                    letter_date: event,
                    resolved_on: None,
                    answers: Vec::new(),
                },
            });
        records
    };
    let params = changed("recommendation.followup_days", "30");
    let judged: Vec<bool> = [-1, 0, 1]
        .iter()
        .map(|offset| {
            let letter = change.add_days(*offset);
            evaluate(&recommended_on(letter), &params, letter.add_days(20))
                .iter()
                .any(|v| v.rule() == RuleId::RecOverdue)
        })
        .collect();
    assert_eq!(judged, [true, false, false]);
}

#[test]
fn a_violation_records_each_value_and_since_when_it_was_in_force() {
    // The ban shortened to 3 months from the change: a rotation 2 months after an inauguration is still flagged,
    // with 3 from the change; the one before the change with 6 from the beginning.
    let params = changed("rotation.post_inauguration_months", "3");
    let found = |event: &str| {
        let mut records = regency();
        let inaugurated = day(event).add_months(-2).to_string();
        records
            .terms
            .push(term("T1", &inaugurated, "2030-01-01", false));
        records.rotations.push(rotation("M1", "2015-01-01", event));
        evaluate(&records, &params, day("2030-01-01"))
            .into_iter()
            .find(|v| v.rule() == RuleId::RotPostInaug)
            .expect("flagged")
    };
    let before = found("2024-03-14");
    assert_eq!(
        before.params,
        [("rotation.post_inauguration_months", "6".to_string())]
    );
    assert!(before.params_since.is_empty());
    let on = found(CHANGE);
    assert_eq!(
        on.params,
        [("rotation.post_inauguration_months", "3".to_string())]
    );
    assert_eq!(
        on.params_since,
        [("rotation.post_inauguration_months", day(CHANGE))]
    );
    assert!(on.message.contains("larangan 3 bulan"), "{}", on.message);
}
