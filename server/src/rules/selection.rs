//! Open-selection rules (seleksi terbuka): who may be appointed, the shortlist, the commission's recommendation,
//! the committee (panitia seleksi) and the candidates' age.

use super::{approval_note, AgencyRecords, Identified, InForce, ParamTimeline, RuleId, Violation};
use crate::domain::records::{Level, Origin, RecordKind, Selection};

/// The appointment is judged on its inauguration, the shortlist and the candidates' age on the close of
/// registration, the committee on the announcement: each with the values in force that day.
pub fn check(records: &AgencyRecords, timeline: &ParamTimeline, out: &mut Vec<Violation>) {
    for selection in &records.selections {
        let flag = |rule, subject: Option<&str>, event, messages| {
            records.flag(
                rule,
                (RecordKind::Selection, &selection.id),
                subject,
                event,
                messages,
                &timeline.at(event),
            )
        };
        let s = &selection.body;
        let ranked: Vec<_> = s
            .candidates
            .iter()
            .filter(|c| c.proposed_rank.is_some())
            .collect();

        if let Some(appointment) = &s.appointment {
            let nip = appointment.nip.as_str();
            if !ranked.iter().any(|c| c.nip == appointment.nip) {
                out.push(flag(
                    RuleId::SelNotShortlisted,
                    Some(nip),
                    appointment.inaugurated_on,
                    (
                        format!("yang dilantik ({nip}) bukan calon yang diusulkan pansel (peringkat 1–3)"),
                        format!("the appointee ({nip}) is not a candidate the committee proposed (rank 1–3)"),
                    ),
                ));
            }
            let recommended = s
                .kasn_recommendation
                .as_ref()
                .is_some_and(|l| l.counts_for(appointment.inaugurated_on));
            if !recommended {
                let (note, note_en) =
                    approval_note(s.kasn_recommendation.as_ref(), appointment.inaugurated_on);
                out.push(flag(
                    RuleId::SelNoRec,
                    Some(nip),
                    appointment.inaugurated_on,
                    (
                        format!(
                            "pelantikan {} tanpa rekomendasi KASN{note}",
                            appointment.inaugurated_on
                        ),
                        format!(
                            "inauguration on {} without the commission's recommendation{note_en}",
                            appointment.inaugurated_on
                        ),
                    ),
                ));
            }
        }

        let params = timeline.at(s.registration_closes_on);
        let wanted = usize::try_from(params.shortlist_size).unwrap_or(0);
        if !ranked.is_empty() && ranked.len() != wanted {
            out.push(flag(
                RuleId::SelShortlistSize,
                None,
                s.registration_closes_on,
                (
                    format!(
                        "pansel mengusulkan {} calon, seharusnya {wanted}",
                        ranked.len()
                    ),
                    format!(
                        "the committee proposed {} candidate(s) instead of {wanted}",
                        ranked.len()
                    ),
                ),
            ));
        }

        committee(records, selection, &timeline.at(s.announced_on), out);

        for c in &ranked {
            let limit = match s.position.level {
                Level::Pratama => params.max_age_pratama,
                Level::Madya | Level::Utama => params.max_age_madya_utama,
            };
            let age = c.nip.birth_date.age_on(s.registration_closes_on);
            if age > limit {
                let rank = c.proposed_rank.unwrap_or_default();
                let level = s.position.level.as_str();
                out.push(flag(
                    RuleId::SelAge,
                    Some(c.nip.as_str()),
                    s.registration_closes_on,
                    (
                        format!(
                            "calon peringkat {rank} berusia {age} tahun pada penutupan pendaftaran {} \
                             (batas {limit} tahun untuk JPT {level})",
                            s.registration_closes_on
                        ),
                        format!(
                            "the rank {rank} candidate was {age} when registration closed on {} \
                             (limit {limit} for JPT {level})",
                            s.registration_closes_on
                        ),
                    ),
                ));
            }
        }
    }
}

/// R-PANSEL-SIZE and R-PANSEL-INTERNAL: an odd number of members within the bounds, and internal members at most
/// the given share (`internal × 100 > share × size` is a breach: integer arithmetic, no rounding).
fn committee(
    records: &AgencyRecords,
    selection: &Identified<Selection>,
    params: &InForce<'_>,
    out: &mut Vec<Violation>,
) {
    let s = &selection.body;
    let size = s.committee.len();
    let internal = s
        .committee
        .iter()
        .filter(|m| m.origin == Origin::Internal)
        .count();
    let (min, max) = (params.committee_min, params.committee_max);
    let size_i = i64::try_from(size).unwrap_or(i64::MAX);
    let flag = |rule, messages| {
        records.flag(
            rule,
            (RecordKind::Selection, &selection.id),
            None,
            s.announced_on,
            messages,
            params,
        )
    };
    if size_i < i64::from(min) || size_i > i64::from(max) || size.is_multiple_of(2) {
        out.push(flag(
            RuleId::PanselSize,
            (
                format!("pansel beranggotakan {size} orang; harus ganjil, {min} sampai {max}"),
                format!("the committee has {size} member(s); it must be an odd number from {min} to {max}"),
            ),
        ));
    }
    let share = params.committee_internal_max_percent;
    let internal_i = i64::try_from(internal).unwrap_or(i64::MAX);
    if internal_i * 100 > i64::from(share) * size_i {
        out.push(flag(
            RuleId::PanselInternal,
            (
                format!("{internal} dari {size} anggota pansel berasal dari internal (paling banyak {share}%)"),
                format!("{internal} of {size} committee members are internal (at most {share}%)"),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::{evaluate, AgencyRecords, Identified, Params, RuleId};
    use crate::domain::records::{Level, Origin, Selection};

    fn rules_of(selection: Identified<Selection>) -> Vec<RuleId> {
        let mut records = ministry();
        records.selections.push(selection);
        rules(&records)
    }

    fn rules(records: &AgencyRecords) -> Vec<RuleId> {
        evaluate(records, &Params::default().into(), day("2026-01-01"))
            .into_iter()
            .map(|v| v.rule())
            .collect()
    }

    #[test]
    fn a_clean_selection_raises_nothing() {
        assert_eq!(rules_of(selection("S1")), []);
    }

    #[test]
    fn the_appointee_must_be_a_ranked_candidate() {
        let mut s = selection("S1");
        s.body.candidates[0].proposed_rank = None;
        s.body
            .candidates
            .push(candidate(nip_born("1972-01-01", 7), Some(1)));
        assert_eq!(rules_of(s), [RuleId::SelNotShortlisted]);
        let mut s = selection("S1");
        if let Some(a) = s.body.appointment.as_mut() {
            a.nip = nip_born("1971-01-01", 8);
        }
        let found = {
            let mut records = ministry();
            records.selections.push(s);
            evaluate(&records, &Params::default().into(), day("2026-01-01"))
        };
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subject_nip(), Some("197101011991011008"));
        let mut s = selection("S1");
        let third = s.body.candidates[2].nip.clone();
        if let Some(a) = s.body.appointment.as_mut() {
            a.nip = third;
        }
        assert_eq!(rules_of(s), [], "rank 3 may be appointed");
    }

    #[test]
    fn the_shortlist_has_exactly_three_names() {
        let mut two = selection("S1");
        two.body.candidates[2].proposed_rank = None;
        assert_eq!(rules_of(two), [RuleId::SelShortlistSize]);
        let mut none = selection("S1");
        none.body.appointment = None;
        for c in &mut none.body.candidates {
            c.proposed_rank = None;
        }
        assert_eq!(rules_of(none), [], "no shortlist yet");
    }

    #[test]
    fn the_recommendation_must_precede_the_inauguration() {
        let with = |issued: Option<&str>| {
            let mut s = selection("S1");
            s.body.kasn_recommendation = issued.map(|d| letter("B-1/KASN", d));
            rules_of(s)
        };
        assert_eq!(with(Some("2024-03-14")), []);
        assert_eq!(
            with(Some("2024-03-15")),
            [],
            "issued on the inauguration day"
        );
        assert_eq!(with(Some("2024-03-16")), [RuleId::SelNoRec]);
        assert_eq!(with(None), [RuleId::SelNoRec]);
        let mut unappointed = selection("S1");
        unappointed.body.appointment = None;
        unappointed.body.kasn_recommendation = None;
        assert_eq!(rules_of(unappointed), [], "no appointment yet");
    }

    fn committee_of(internal: usize, external: usize) -> Vec<RuleId> {
        let mut s = selection("S1");
        s.body.committee = (0..internal)
            .map(|_| member(Origin::Internal))
            .chain((0..external).map(|_| member(Origin::External)))
            .collect();
        rules_of(s)
    }

    #[test]
    fn the_committee_is_odd_from_five_to_nine() {
        assert_eq!(committee_of(1, 2), [RuleId::PanselSize], "3");
        assert_eq!(committee_of(1, 3), [RuleId::PanselSize], "4");
        assert_eq!(committee_of(2, 3), [], "5");
        assert_eq!(committee_of(2, 4), [RuleId::PanselSize], "6 is even");
        assert_eq!(committee_of(3, 4), [], "7");
        assert_eq!(committee_of(4, 5), [], "9");
        assert_eq!(committee_of(4, 6), [RuleId::PanselSize], "10");
        assert_eq!(committee_of(4, 7), [RuleId::PanselSize], "11");
    }

    #[test]
    fn internal_members_are_at_most_45_percent() {
        // 5 members: 2 internal = 40 %, 3 = 60 %. 9 members: 4 = 44.4 %, 5 = 55.6 %.
        assert_eq!(committee_of(2, 3), []);
        assert_eq!(committee_of(3, 2), [RuleId::PanselInternal]);
        assert_eq!(committee_of(4, 5), []);
        assert_eq!(committee_of(5, 4), [RuleId::PanselInternal]);
        // Exactly 45 % is allowed: 9 of 20 (an even committee, so the size rule fires too).
        assert_eq!(committee_of(9, 11), [RuleId::PanselSize]);
        assert_eq!(
            committee_of(10, 10),
            [RuleId::PanselSize, RuleId::PanselInternal]
        );
    }

    fn candidate_born(birth: &str, level: Level) -> Vec<RuleId> {
        let mut s = selection("S1");
        s.body.position.level = level;
        s.body.candidates[1].nip = nip_born(birth, 2);
        rules_of(s)
    }

    #[test]
    fn pratama_candidates_may_be_56_on_the_closing_day() {
        // Registration closes 2024-01-24; 57 on that day is too old.
        assert_eq!(
            candidate_born("1967-01-25", Level::Pratama),
            [],
            "56 the day before turning 57"
        );
        assert_eq!(
            candidate_born("1967-01-24", Level::Pratama),
            [RuleId::SelAge],
            "turns 57 on the closing day"
        );
        assert_eq!(
            candidate_born("1967-01-23", Level::Pratama),
            [RuleId::SelAge]
        );
    }

    #[test]
    fn madya_and_utama_candidates_may_be_58() {
        for level in [Level::Madya, Level::Utama] {
            assert_eq!(candidate_born("1965-01-25", level), []);
            assert_eq!(candidate_born("1965-01-24", level), [RuleId::SelAge]);
        }
        assert_eq!(
            candidate_born("1965-01-25", Level::Pratama),
            [RuleId::SelAge],
            "58 is too old for pratama"
        );
    }

    #[test]
    fn unranked_candidates_are_not_judged_by_age() {
        let mut s = selection("S1");
        s.body
            .candidates
            .push(candidate(nip_born("1950-01-01", 5), None));
        assert_eq!(rules_of(s), []);
    }

    #[test]
    fn a_leapling_turns_57_on_1_march_in_a_common_year() {
        let mut s = selection("S1");
        s.body.registration_closes_on = day("2025-02-28");
        s.body.candidates[1].nip = nip_born("1968-02-29", 2);
        assert_eq!(rules_of(s.clone()), []);
        s.body.registration_closes_on = day("2025-03-01");
        assert_eq!(rules_of(s), [RuleId::SelAge]);
    }
}
