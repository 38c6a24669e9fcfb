//! Rotation rules (mutasi, rotasi, pemberhentian of JPT holders): the bans around a regional head's
//! inauguration, an election and an acting head's term (each lifted by the Minister of Home Affairs' approval),
//! the minimum time in post, and the job-fit recommendation.

use super::{approval_note, AgencyRecords, Identified, Params, RuleId, Violation};
use crate::domain::records::{Level, RecordKind, RegionalHeadTerm, Rotation, RotationBasis};
use crate::domain::Date;

pub fn check(records: &AgencyRecords, params: &Params, out: &mut Vec<Violation>) {
    for rotation in &records.rotations {
        let r = &rotation.body;
        let approved = r
            .home_affairs_approval
            .as_ref()
            .is_some_and(|l| l.counts_for(r.effective_on));
        if records.regional && !approved {
            let (note, note_en) = approval_note(r.home_affairs_approval.as_ref(), r.effective_on);
            let without = (
                format!(" tanpa persetujuan Mendagri{note}"),
                format!(" without the Minister of Home Affairs' approval{note_en}"),
            );
            out.extend(post_inauguration(records, rotation, params, &without));
            out.extend(pre_election(records, rotation, params, &without));
            out.extend(acting_head(records, rotation, params, &without));
        }
        out.extend(min_tenure(records, rotation, params));
        out.extend(job_fit(records, rotation, params));
    }
}

fn flag(
    records: &AgencyRecords,
    rule: RuleId,
    rotation: &Identified<Rotation>,
    params: &Params,
    messages: (String, String),
) -> Violation {
    records.flag(
        rule,
        (RecordKind::Rotation, &rotation.id),
        Some(rotation.body.nip.as_str()),
        rotation.body.effective_on,
        messages,
        params,
    )
}

/// R-ROT-POST-INAUG: within N months after any inauguration on file (the latest such one is cited).
fn post_inauguration(
    records: &AgencyRecords,
    rotation: &Identified<Rotation>,
    params: &Params,
    (without, without_en): &(String, String),
) -> Option<Violation> {
    let effective = rotation.body.effective_on;
    let limit = params.post_inauguration_months;
    let term = records
        .terms
        .iter()
        .map(|t| &t.body)
        .filter(|t| effective.within_months_after(t.inaugurated_on, limit))
        .max_by_key(|t| t.inaugurated_on)?;
    let months = term.inaugurated_on.whole_months_until(effective);
    Some(flag(
        records,
        RuleId::RotPostInaug,
        rotation,
        params,
        (
            format!(
                "mutasi {months} bulan setelah pelantikan {} (larangan {limit} bulan){without}",
                term.inaugurated_on
            ),
            format!(
                "rotation {months} month(s) after the inauguration on {} (banned for {limit} months){without_en}",
                term.inaugurated_on
            ),
        ),
    ))
}

/// The term in force on `day`: inaugurated on or before it and ending after it. When terms overlap on file (a
/// definitive head inaugurated while an acting one's term had not formally ended), the latest inauguration is the
/// one in force.
fn term_in_force(records: &AgencyRecords, day: Date) -> Option<&RegionalHeadTerm> {
    records
        .terms
        .iter()
        .map(|t| &t.body)
        .filter(|t| t.inaugurated_on <= day && day < t.term_ends_on)
        .max_by_key(|t| t.inaugurated_on)
}

/// R-ROT-PRE-ELECTION: from N months before the candidates are determined to the end of the term in force then
/// (or to the vote when no such term is on file), both inclusive. The earliest election whose window holds the
/// rotation is cited.
fn pre_election(
    records: &AgencyRecords,
    rotation: &Identified<Rotation>,
    params: &Params,
    (without, without_en): &(String, String),
) -> Option<Violation> {
    let effective = rotation.body.effective_on;
    let months = params.pre_election_months;
    records
        .elections
        .iter()
        .map(|e| &e.body)
        .filter_map(|e| {
            let determination = e.candidate_determination_on;
            let start = determination.add_months(-months);
            let (end, end_reason, end_reason_en) = match term_in_force(records, determination) {
                Some(term) => (term.term_ends_on, "akhir masa jabatan", "end of the term"),
                None => (e.vote_on, "pemungutan suara", "vote"),
            };
            (start <= effective && effective <= end)
                .then_some((e, determination, start, end, end_reason, end_reason_en))
        })
        .min_by_key(|(e, ..)| e.candidate_determination_on)
        .map(|(e, determination, start, end, reason, reason_en)| {
            flag(
                records,
                RuleId::RotPreElection,
                rotation,
                params,
                (
                    format!(
                        "mutasi {effective} dalam masa larangan {start} s.d. {end} ({reason}) menjelang {} \
                         (penetapan pasangan calon {determination}, larangan mulai {months} bulan sebelumnya){without}",
                        e.name
                    ),
                    format!(
                        "rotation on {effective} within the ban from {start} to {end} ({reason_en}) before {} \
                         (candidates determined on {determination}, ban from {months} months before){without_en}",
                        e.name
                    ),
                ),
            )
        })
}

/// R-ROT-ACTING-HEAD: during an acting head's (Penjabat) term, both ends inclusive.
fn acting_head(
    records: &AgencyRecords,
    rotation: &Identified<Rotation>,
    params: &Params,
    (without, without_en): &(String, String),
) -> Option<Violation> {
    let effective = rotation.body.effective_on;
    let term = records
        .terms
        .iter()
        .map(|t| &t.body)
        .filter(|t| t.acting && t.inaugurated_on <= effective && effective <= t.term_ends_on)
        .max_by_key(|t| t.inaugurated_on)?;
    Some(flag(
        records,
        RuleId::RotActingHead,
        rotation,
        params,
        (
            format!(
                "mutasi {effective} pada masa Penjabat kepala daerah {} ({} s.d. {}){without}",
                term.head_name, term.inaugurated_on, term.term_ends_on
            ),
            format!(
                "rotation on {effective} during the term of acting regional head {} ({} to {}){without_en}",
                term.head_name, term.inaugurated_on, term.term_ends_on
            ),
        ),
    ))
}

/// R-JPT-MIN-TENURE: moved before 2 years in post (1 year when the move falls in the COVID-19 window), unless
/// for misconduct, unmet requirements or at the official's request, or (madya, utama) with the President's
/// approval.
fn min_tenure(
    records: &AgencyRecords,
    rotation: &Identified<Rotation>,
    params: &Params,
) -> Option<Violation> {
    let r = &rotation.body;
    if matches!(
        r.basis,
        RotationBasis::Misconduct | RotationBasis::RequirementsUnmet | RotationBasis::Request
    ) {
        return None;
    }
    let senior = matches!(r.from_position.level, Level::Madya | Level::Utama);
    if senior
        && r.presidential_approval
            .as_ref()
            .is_some_and(|l| l.counts_for(r.effective_on))
    {
        return None;
    }
    let covid =
        params.covid_window_start <= r.effective_on && r.effective_on <= params.covid_window_end;
    let years = if covid {
        params.covid_min_tenure_years
    } else {
        params.min_tenure_years
    };
    let earliest = r.held_since.add_years(years);
    if r.effective_on >= earliest {
        return None;
    }
    let months = r.held_since.whole_months_until(r.effective_on);
    let (window, window_en) = if covid {
        (
            " (masa relaksasi COVID-19)".to_string(),
            " (COVID-19 relaxation)".to_string(),
        )
    } else {
        (String::new(), String::new())
    };
    let (note, note_en) = if senior {
        approval_note(r.presidential_approval.as_ref(), r.effective_on)
    } else {
        (String::new(), String::new())
    };
    Some(flag(
        records,
        RuleId::JptMinTenure,
        rotation,
        params,
        (
            format!(
                "dipindah {} setelah {months} bulan menduduki jabatan sejak {}; minimal {years} tahun{window}, \
                 paling cepat {earliest}{note}",
                r.effective_on, r.held_since
            ),
            format!(
                "moved on {} after {months} month(s) in the post held since {}; the minimum is {years} year(s){window_en}, \
                 not before {earliest}{note_en}",
                r.effective_on, r.held_since
            ),
        ),
    ))
}

/// R-JOBFIT-NO-REC: a move on the basis of a job fit needs that job fit on file, the official among its
/// participants, and the commission's recommendation issued by the move.
fn job_fit(
    records: &AgencyRecords,
    rotation: &Identified<Rotation>,
    params: &Params,
) -> Option<Violation> {
    let r = &rotation.body;
    if r.basis != RotationBasis::JobFit {
        return None;
    }
    let problem = match r.job_fit_id.as_deref() {
        None => (
            "tanpa job_fit_id".to_string(),
            "no job_fit_id given".to_string(),
        ),
        Some(id) => match records.job_fits.iter().find(|j| j.id == id) {
            None => (
                format!("uji kompetensi {id} tidak ada dalam laporan instansi"),
                format!("job fit {id} is not among the agency's records"),
            ),
            Some(fit) if !fit.body.participants.contains(&r.nip) => (
                format!("NIP {} bukan peserta uji kompetensi {id}", r.nip),
                format!("NIP {} did not take part in job fit {id}", r.nip),
            ),
            Some(fit) => match &fit.body.kasn_recommendation {
                None => (
                    format!("uji kompetensi {id} tanpa rekomendasi KASN"),
                    format!("job fit {id} has no commission recommendation"),
                ),
                Some(letter) if !letter.counts_for(r.effective_on) => (
                    format!(
                        "rekomendasi KASN {} untuk uji kompetensi {id} bertanggal {}, setelah mutasi {}",
                        letter.number, letter.issued_on, r.effective_on
                    ),
                    format!(
                        "the commission's recommendation {} for job fit {id} is dated {}, after the move on {}",
                        letter.number, letter.issued_on, r.effective_on
                    ),
                ),
                Some(_) => return None,
            },
        },
    };
    Some(flag(
        records,
        RuleId::JobfitNoRec,
        rotation,
        params,
        (
            format!("mutasi berdasarkan uji kompetensi: {}", problem.0),
            format!("rotation on the basis of a job fit: {}", problem.1),
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::{evaluate, AgencyRecords, Params, RuleId};

    /// The rules `records` raise as of a fixed date.
    fn rules(records: &AgencyRecords) -> Vec<RuleId> {
        evaluate(records, &Params::default(), day("2026-01-01"))
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
        let found = evaluate(&records, &Params::default(), day("2026-01-01"));
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
            records.rotations[0].body.presidential_approval =
                Some(letter("Keppres 1/2025", issued));
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
        evaluate(&records, &Params::default(), day("2026-01-01"))
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
}
