//! Rotation rules (mutasi, rotasi, pemberhentian of JPT holders): the bans around a regional head's
//! inauguration, an election and an acting head's term (each lifted by the Minister of Home Affairs' approval),
//! the minimum time in post, and the job-fit recommendation.

use super::{approval_note, AgencyRecords, Identified, InForce, ParamTimeline, RuleId, Violation};
use crate::domain::records::{Level, RecordKind, RegionalHeadTerm, Rotation, RotationBasis};
use crate::domain::Date;

/// Every rule of a rotation judges it with the values in force on its `effective_on`.
pub fn check(records: &AgencyRecords, timeline: &ParamTimeline, out: &mut Vec<Violation>) {
    for rotation in &records.rotations {
        let r = &rotation.body;
        let params = &timeline.at(r.effective_on);
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
    params: &InForce<'_>,
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
    params: &InForce<'_>,
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
    params: &InForce<'_>,
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
    params: &InForce<'_>,
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
    params: &InForce<'_>,
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
    params: &InForce<'_>,
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
mod tests;
