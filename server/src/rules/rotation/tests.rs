//! Tests of `rotation` at its boundaries.

use super::super::fixtures::*;
use super::super::{evaluate, AgencyRecords, Params, RuleId};

/// The rules `records` raise as of a fixed date.
fn rules(records: &AgencyRecords) -> Vec<RuleId> {
    evaluate(records, &Params::default().into(), day("2026-01-01"))
        .into_iter()
        .map(|v| v.rule())
        .collect()
}

/// A regency with one definitive term from `inaugurated` and one rotation on `effective` by someone long in
/// post (so that the minimum-tenure rule stays quiet).
fn after_inauguration(inaugurated: &str, effective: &str) -> AgencyRecords {
    let mut records = regency();
    records
        .terms
        .push(term("T1", inaugurated, "2030-02-20", false));
    records
        .rotations
        .push(rotation("M1", "2015-01-01", effective));
    records
}

#[test]
fn post_inauguration_ban_is_six_months_half_open() {
    let flagged = |effective| rules(&after_inauguration("2025-02-20", effective));
    assert_eq!(flagged("2025-02-19"), [], "the day before the inauguration");
    assert_eq!(flagged("2025-02-20"), [RuleId::RotPostInaug], "on the day");
    assert_eq!(
        flagged("2025-08-19"),
        [RuleId::RotPostInaug],
        "the last day"
    );
    assert_eq!(
        flagged("2025-08-20"),
        [],
        "six months later the ban is over"
    );
}

#[test]
fn post_inauguration_ban_clamps_to_the_month_end() {
    let flagged = |effective| rules(&after_inauguration("2023-08-31", effective));
    assert_eq!(flagged("2024-02-28"), [RuleId::RotPostInaug]);
    assert_eq!(
        flagged("2024-02-29"),
        [],
        "2023-08-31 + 6 months = 2024-02-29 (leap year)"
    );
    let flagged = |effective| rules(&after_inauguration("2022-08-31", effective));
    assert_eq!(flagged("2023-02-27"), [RuleId::RotPostInaug]);
    assert_eq!(
        flagged("2023-02-28"),
        [],
        "2022-08-31 + 6 months = 2023-02-28"
    );
}

#[test]
fn home_affairs_approval_counts_on_or_before_the_rotation() {
    let with_letter = |issued| {
        let mut records = after_inauguration("2025-02-20", "2025-04-01");
        records.rotations[0].body.home_affairs_approval = Some(letter("100.2.2.6/1", issued));
        rules(&records)
    };
    assert_eq!(with_letter("2025-03-31"), [], "issued the day before");
    assert_eq!(with_letter("2025-04-01"), [], "issued on the day");
    assert_eq!(
        with_letter("2025-04-02"),
        [RuleId::RotPostInaug],
        "issued after"
    );
    let mut records = after_inauguration("2025-02-20", "2025-04-01");
    records.rotations[0].body.home_affairs_approval = Some(letter("100.2.2.6/1", "2025-04-02"));
    let found = evaluate(&records, &Params::default().into(), day("2026-01-01"));
    assert!(
        found[0]
            .message_en
            .contains("letter 100.2.2.6/1 is dated 2025-04-02, after the event"),
        "{}",
        found[0].message_en
    );
}

#[test]
fn regional_rules_skip_central_and_non_autonomous_agencies() {
    for mut records in [ministry(), AgencyRecords::new("31.71", false)] {
        records
            .terms
            .push(term("T1", "2025-02-20", "2030-02-20", true));
        records
            .elections
            .push(election("E1", "2025-03-01", "2025-04-01"));
        records
            .rotations
            .push(rotation("M1", "2015-01-01", "2025-03-01"));
        assert_eq!(rules(&records), []);
    }
}

/// Pilkada 2024: candidates determined on 2024-09-22, vote 2024-11-27.
fn around_election(term_ends: Option<&str>, effective: &str) -> AgencyRecords {
    let mut records = regency();
    records
        .elections
        .push(election("E1", "2024-09-22", "2024-11-27"));
    if let Some(end) = term_ends {
        records.terms.push(term("T1", "2019-12-10", end, false));
    }
    records
        .rotations
        .push(rotation("M1", "2015-01-01", effective));
    records
}

#[test]
fn pre_election_window_starts_six_months_before_determination() {
    let flagged = |effective| rules(&around_election(None, effective));
    assert_eq!(flagged("2024-03-21"), []);
    assert_eq!(flagged("2024-03-22"), [RuleId::RotPreElection]);
    assert_eq!(flagged("2024-03-23"), [RuleId::RotPreElection]);
}

#[test]
fn pre_election_window_ends_with_the_term_in_force_or_the_vote() {
    let flagged = |effective| rules(&around_election(Some("2024-12-10"), effective));
    assert_eq!(flagged("2024-12-09"), [RuleId::RotPreElection]);
    assert_eq!(
        flagged("2024-12-10"),
        [RuleId::RotPreElection],
        "the term's last day is inside"
    );
    assert_eq!(flagged("2024-12-11"), []);
    let flagged = |effective| rules(&around_election(None, effective));
    assert_eq!(flagged("2024-11-27"), [RuleId::RotPreElection], "vote day");
    assert_eq!(flagged("2024-11-28"), []);
    // A term that ended on the determination day is not in force then: the vote ends the window.
    let flagged = |effective| rules(&around_election(Some("2024-09-22"), effective));
    assert_eq!(flagged("2024-11-28"), []);
    assert_eq!(flagged("2024-11-27"), [RuleId::RotPreElection]);
}

fn under_acting_head(effective: &str) -> AgencyRecords {
    let mut records = regency();
    records
        .terms
        .push(term("PJ", "2023-09-20", "2025-02-19", true));
    records
        .rotations
        .push(rotation("M1", "2015-01-01", effective));
    records
}

#[test]
fn acting_head_term_is_inclusive_at_both_ends() {
    // The acting term starts with an inauguration, so the post-inauguration ban also applies at first.
    assert_eq!(rules(&under_acting_head("2023-09-19")), []);
    assert_eq!(
        rules(&under_acting_head("2023-09-20")),
        [RuleId::RotPostInaug, RuleId::RotActingHead]
    );
    assert_eq!(
        rules(&under_acting_head("2025-02-19")),
        [RuleId::RotActingHead]
    );
    assert_eq!(rules(&under_acting_head("2025-02-20")), []);
}

fn moved(held_since: &str, effective: &str) -> AgencyRecords {
    let mut records = ministry();
    records
        .rotations
        .push(rotation("M1", held_since, effective));
    records
}

#[test]
fn minimum_tenure_is_two_years_outside_the_covid_window() {
    let flagged = |effective| rules(&moved("2023-07-01", effective));
    assert_eq!(flagged("2025-06-30"), [RuleId::JptMinTenure]);
    assert_eq!(flagged("2025-07-01"), [], "two years to the day");
    assert_eq!(flagged("2025-07-02"), []);
    // Leap day: 2024-02-29 + 2 years = 2026-02-28.
    let flagged = |effective| rules(&moved("2024-02-29", effective));
    assert_eq!(flagged("2026-02-27"), [RuleId::JptMinTenure]);
    assert_eq!(flagged("2026-02-28"), []);
}

#[test]
fn covid_window_allows_one_year_from_its_first_to_its_last_day() {
    // Held for one year and a bit: allowed inside the window, not outside it.
    assert_eq!(
        rules(&moved("2019-04-25", "2020-04-26")),
        [RuleId::JptMinTenure],
        "the day before the window"
    );
    assert_eq!(
        rules(&moved("2019-04-25", "2020-04-27")),
        [],
        "the window's first day"
    );
    assert_eq!(
        rules(&moved("2022-06-20", "2023-06-21")),
        [],
        "the window's last day"
    );
    assert_eq!(
        rules(&moved("2022-06-20", "2023-06-22")),
        [RuleId::JptMinTenure],
        "the day after the window"
    );
    // Inside the window the one year itself is the limit.
    assert_eq!(
        rules(&moved("2021-05-10", "2022-05-09")),
        [RuleId::JptMinTenure]
    );
    assert_eq!(rules(&moved("2021-05-10", "2022-05-10")), []);
}

#[test]
fn minimum_tenure_exemptions() {
    use crate::domain::records::{Level, RotationBasis};
    for basis in [
        RotationBasis::Misconduct,
        RotationBasis::RequirementsUnmet,
        RotationBasis::Request,
    ] {
        let mut records = moved("2025-01-01", "2025-03-01");
        records.rotations[0].body.basis = basis;
        assert_eq!(rules(&records), [], "{basis:?}");
    }
    for basis in [
        RotationBasis::OpenSelection,
        RotationBasis::Other,
        RotationBasis::Restructuring,
    ] {
        let mut records = moved("2025-01-01", "2025-03-01");
        records.rotations[0].body.basis = basis;
        assert_eq!(rules(&records), [RuleId::JptMinTenure], "{basis:?}");
    }
    let with_president = |level, issued: &str| {
        let mut records = moved("2025-01-01", "2025-03-01");
        records.rotations[0].body.from_position.level = level;
        records.rotations[0].body.presidential_approval = Some(letter("Keppres 1/2025", issued));
        rules(&records)
    };
    assert_eq!(with_president(Level::Madya, "2025-03-01"), []);
    assert_eq!(with_president(Level::Utama, "2025-02-28"), []);
    assert_eq!(
        with_president(Level::Madya, "2025-03-02"),
        [RuleId::JptMinTenure],
        "issued after the move"
    );
    assert_eq!(
        with_president(Level::Pratama, "2025-02-01"),
        [RuleId::JptMinTenure],
        "pratama posts have no presidential exemption"
    );
}

fn on_job_fit(
    job_fit_id: Option<&str>,
    fits: Vec<super::Identified<crate::domain::records::JobFit>>,
) -> Vec<String> {
    let mut records = ministry();
    let mut r = rotation("M1", "2015-01-01", "2024-04-01");
    r.body.basis = crate::domain::records::RotationBasis::JobFit;
    r.body.job_fit_id = job_fit_id.map(str::to_string);
    records.rotations.push(r);
    records.job_fits = fits;
    evaluate(&records, &Params::default().into(), day("2026-01-01"))
        .into_iter()
        .map(|v| format!("{} {}", v.rule(), v.message_en))
        .collect()
}

#[test]
fn job_fit_rotation_needs_the_test_the_participant_and_a_timely_recommendation() {
    let official = || rotation("x", "2015-01-01", "2024-04-01").body.nip;
    let fit = |issued: Option<&str>, with_official: bool| {
        let mut f = job_fit(
            "JF1",
            "2024-02-01",
            if with_official {
                vec![official()]
            } else {
                vec![nip_born("1971-01-01", 9)]
            },
        );
        f.body.kasn_recommendation = issued.map(|d| letter("B-9/KASN", d));
        f
    };
    assert_eq!(
        on_job_fit(Some("JF1"), vec![fit(Some("2024-03-31"), true)]).len(),
        0
    );
    assert_eq!(
        on_job_fit(Some("JF1"), vec![fit(Some("2024-04-01"), true)]).len(),
        0,
        "recommendation on the move's day"
    );
    let late = on_job_fit(Some("JF1"), vec![fit(Some("2024-04-02"), true)]);
    assert!(late[0].starts_with("R-JOBFIT-NO-REC") && late[0].contains("dated 2024-04-02"));
    let cases = [
        (None, vec![fit(Some("2024-03-01"), true)], "no job_fit_id"),
        (
            Some("JF2"),
            vec![fit(Some("2024-03-01"), true)],
            "is not among the agency's records",
        ),
        (
            Some("JF1"),
            vec![fit(Some("2024-03-01"), false)],
            "did not take part",
        ),
        (
            Some("JF1"),
            vec![fit(None, true)],
            "no commission recommendation",
        ),
    ];
    for (id, fits, reason) in cases {
        let found = on_job_fit(id, fits);
        assert_eq!(found.len(), 1, "{reason}");
        assert!(found[0].contains(reason), "{} / {reason}", found[0]);
    }
}
