//! Signals (issue #20; rules.md, "Signals"): patterns that are lawful one record at a time but tell a story
//! together. They are not violations — no legal verdict, no recommendation — only evidence (the records, dates,
//! counts) and an explanation in both languages for an analyst to look at. Pure, like the rules: one agency's
//! records and the parameters in, signals out; every date inclusive.

use std::collections::BTreeMap;

use super::{AgencyRecords, Params};
use crate::domain::records::{Level, RecordKind};
pub use crate::domain::signal::{Signal, SignalKind};
use crate::domain::Date;

/// utama > madya > pratama.
pub(super) fn rank(level: Level) -> u8 {
    match level {
        Level::Pratama => 1,
        Level::Madya => 2,
        Level::Utama => 3,
    }
}

/// Every signal of one agency, by kind then key.
pub fn detect(records: &AgencyRecords, params: &Params) -> Vec<Signal> {
    let mut found = mass_rotations(records, params);
    found.extend(acting_chains(records, params));
    found.extend(jobfit_removals(records, params));
    found.sort_by(|a, b| (a.kind, &a.key).cmp(&(b.kind, &b.key)));
    found
}

/// S-MASS-ROTATION: at least `signals.mass_rotation_min` rotations whose `effective_on` lie within
/// `signals.mass_rotation_days` consecutive days (last − first ≤ days − 1); overlapping or touching qualifying
/// windows merge into one signal; "after inauguration" when it starts within 12 months after an inauguration.
fn mass_rotations(records: &AgencyRecords, params: &Params) -> Vec<Signal> {
    let (min, days) = (
        usize::try_from(params.mass_rotation_min).unwrap_or(usize::MAX),
        i64::from(params.mass_rotation_days),
    );
    let mut rotations: Vec<(Date, &str)> = records
        .rotations
        .iter()
        .map(|r| (r.body.effective_on, r.id.as_str()))
        .collect();
    rotations.sort();
    // Each qualifying window as (first index, last index), the widest from each start.
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut end = 0;
    for start in 0..rotations.len() {
        end = end.max(start);
        while end + 1 < rotations.len()
            // The spec's "last − first ≤ days − 1".
            && rotations[end + 1].0.day_number() - rotations[start].0.day_number() < days
        {
            end += 1;
        }
        if end + 1 - start >= min {
            windows.push((start, end));
        }
    }
    // Merge windows that overlap or touch (the next starts no later than the day after the last one ends).
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in windows {
        match merged.last_mut() {
            Some(last)
                if rotations[start].0.day_number() <= rotations[last.1].0.day_number() + 1 =>
            {
                last.1 = last.1.max(end);
            }
            _ => merged.push((start, end)),
        }
    }
    merged
        .into_iter()
        .map(|(start, end)| {
            let (first, last) = (rotations[start].0, rotations[end].0);
            let count = end + 1 - start;
            let inauguration = records
                .terms
                .iter()
                .map(|t| t.body.inaugurated_on)
                .filter(|on| *on <= first && first <= on.add_months(12))
                .max();
            let (after, after_en) = match inauguration {
                Some(on) => (
                    format!(", dalam 12 bulan setelah pelantikan {on}"),
                    format!(", within 12 months after the inauguration on {on}"),
                ),
                None => (String::new(), String::new()),
            };
            Signal {
                kind: SignalKind::MassRotation,
                agency_code: records.code.clone(),
                key: first.to_string(),
                first_date: first,
                last_date: last,
                count,
                records: rotations[start..=end]
                    .iter()
                    .map(|(_, id)| (RecordKind::Rotation, id.to_string()))
                    .collect(),
                explanation: format!(
                    "{count} mutasi dari {first} s.d. {last} (paling sedikit {min} dalam {days} hari){after}"
                ),
                explanation_en: format!(
                    "{count} rotations from {first} to {last} (at least {min} within {days} days){after_en}"
                ),
            }
        })
        .collect()
}

/// One acting assignment as a chain reads it: start, end (`None`: open), record id, the title as written.
type Link<'a> = (Date, Option<Date>, &'a str, &'a str);

/// A title compared without case and extra spaces.
pub(super) fn normalized(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// S-ACTING-CHAIN: at least `signals.acting_chain_min` acting assignments in the same post (level and title),
/// ordered by start, each starting at most `signals.acting_chain_gap_days` days after the previous one ended; an
/// open assignment ends the chain.
fn acting_chains(records: &AgencyRecords, params: &Params) -> Vec<Signal> {
    let min = usize::try_from(params.acting_chain_min).unwrap_or(usize::MAX);
    let gap = i64::from(params.acting_chain_gap_days);
    let mut posts: BTreeMap<(u8, String), Vec<Link>> = BTreeMap::new();
    for a in &records.acting {
        let p = &a.body.position;
        posts
            .entry((rank(p.level), normalized(&p.title)))
            .or_default()
            .push((
                a.body.starts_on,
                a.body.ends_on,
                a.id.as_str(),
                p.title.as_str(),
            ));
    }
    let mut found = Vec::new();
    for ((_, post), mut list) in posts {
        list.sort();
        let mut chain: Vec<Link> = Vec::new();
        let flush = |chain: &Vec<Link>, found: &mut Vec<Signal>| {
            if chain.len() < min {
                return;
            }
            let first = chain[0].0;
            let last_item = chain[chain.len() - 1];
            let last = last_item.1.unwrap_or(last_item.0);
            let count = chain.len();
            let title = chain[0].3;
            found.push(Signal {
                kind: SignalKind::ActingChain,
                agency_code: records.code.clone(),
                key: format!("{post}|{first}"),
                first_date: first,
                last_date: last,
                count,
                records: chain
                    .iter()
                    .map(|(.., id, _)| (RecordKind::ActingAssignment, id.to_string()))
                    .collect(),
                explanation: format!(
                    "jabatan {title} dipegang {count} pejabat Plt/Plh berturut-turut dari {first} s.d. {last} \
                     (jeda paling lama {gap} hari)"
                ),
                explanation_en: format!(
                    "the post {title} held by {count} acting officials in a row from {first} to {last} \
                     (gaps of at most {gap} days)"
                ),
            });
        };
        for item in list {
            let continues = chain.last().is_some_and(|prev| match prev.1 {
                Some(ended) => item.0.day_number() - ended.day_number() <= gap,
                None => false,
            });
            if !continues {
                flush(&chain, &mut found);
                chain.clear();
            }
            chain.push(item);
        }
        flush(&chain, &mut found);
    }
    found
}

/// S-JOBFIT-REMOVAL: a rotation of a job fit's participant, effective from the job fit's day to
/// `signals.jobfit_removal_days` days after it, that removes them from JPT or moves them to a lower level. The
/// latest such job fit is cited.
fn jobfit_removals(records: &AgencyRecords, params: &Params) -> Vec<Signal> {
    let days = i64::from(params.jobfit_removal_days);
    records
        .rotations
        .iter()
        .filter_map(|rotation| {
            let r = &rotation.body;
            let lowered = match &r.to_position {
                None => true,
                Some(to) => rank(to.level) < rank(r.from_position.level),
            };
            if !lowered {
                return None;
            }
            let fit = records
                .job_fits
                .iter()
                .filter(|j| j.body.participants.contains(&r.nip))
                .filter(|j| {
                    let after = r.effective_on.day_number() - j.body.held_on.day_number();
                    (0..=days).contains(&after)
                })
                .max_by_key(|j| j.body.held_on)?;
            let held = fit.body.held_on;
            let (what, what_en) = match &r.to_position {
                None => ("diberhentikan dari JPT".to_string(), "removed from JPT".to_string()),
                Some(to) => (
                    format!("dipindah ke JPT {} yang lebih rendah", to.level.as_str()),
                    format!("moved to a lower level (JPT {})", to.level.as_str()),
                ),
            };
            let after = r.effective_on.day_number() - held.day_number();
            Some(Signal {
                kind: SignalKind::JobfitRemoval,
                agency_code: records.code.clone(),
                key: rotation.id.clone(),
                first_date: held,
                last_date: r.effective_on,
                count: 1,
                records: vec![
                    (RecordKind::JobFit, fit.id.clone()),
                    (RecordKind::Rotation, rotation.id.clone()),
                ],
                explanation: format!(
                    "peserta uji kompetensi {} ({held}) {what} pada {} ({after} hari kemudian; batas {days} hari)",
                    fit.id, r.effective_on
                ),
                explanation_en: format!(
                    "a participant of job fit {} ({held}) {what_en} on {} ({after} days later; within {days} days)",
                    fit.id, r.effective_on
                ),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::domain::records::Position;

    fn params() -> Params {
        Params::default()
    }

    /// `n` rotations of one regency on consecutive days from `from` (each a different official).
    fn rotations_on(records: &mut AgencyRecords, days: &[&str]) {
        for (i, day) in days.iter().enumerate() {
            let mut r = rotation(&format!("M{i}"), "2015-01-01", day);
            r.body.nip = nip_born("1970-01-01", u16::try_from(i + 1).unwrap_or(1));
            records.rotations.push(r);
        }
    }

    fn kinds(records: &AgencyRecords) -> Vec<(SignalKind, usize)> {
        detect(records, &params())
            .into_iter()
            .map(|s| (s.kind, s.count))
            .collect()
    }

    #[test]
    fn mass_rotation_needs_the_minimum_within_the_window() {
        let mut four = regency();
        rotations_on(
            &mut four,
            &["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"],
        );
        assert!(kinds(&four).is_empty(), "N−1 rotations");
        let mut five = regency();
        rotations_on(
            &mut five,
            &[
                "2025-03-01",
                "2025-03-02",
                "2025-03-03",
                "2025-03-04",
                "2025-03-30",
            ],
        );
        assert_eq!(
            kinds(&five),
            [(SignalKind::MassRotation, 5)],
            "N within W days (last − first = 29)"
        );
        let mut wider = regency();
        rotations_on(
            &mut wider,
            &[
                "2025-03-01",
                "2025-03-02",
                "2025-03-03",
                "2025-03-04",
                "2025-03-31",
            ],
        );
        assert!(kinds(&wider).is_empty(), "spread over W + 1 days");
    }

    #[test]
    fn overlapping_windows_merge_and_an_inauguration_is_noted() {
        let mut records = regency();
        records
            .terms
            .push(term("T1", "2025-01-10", "2030-01-10", false));
        rotations_on(
            &mut records,
            &[
                "2025-03-01",
                "2025-03-05",
                "2025-03-10",
                "2025-03-15",
                "2025-03-20",
                "2025-03-25",
                "2025-04-05",
            ],
        );
        let found = detect(&records, &params());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].count, found[0].first_date, found[0].last_date),
            (7, day("2025-03-01"), day("2025-04-05"))
        );
        assert!(found[0]
            .explanation_en
            .contains("after the inauguration on 2025-01-10"));
        // Two agencies never make one signal: another regency's rotations stay its own.
        let mut other = regency();
        other.code = "32.05".into();
        rotations_on(&mut other, &["2025-03-01", "2025-03-02"]);
        assert!(detect(&other, &params()).is_empty());
    }

    fn acting_in(records: &mut AgencyRecords, title: &str, spans: &[(&str, Option<&str>)]) {
        for (i, (from, to)) in spans.iter().enumerate() {
            let mut a = acting(&format!("P{}-{i}", records.acting.len()), from, *to, false);
            a.body.position = Position {
                title: title.into(),
                level: Level::Pratama,
            };
            records.acting.push(a);
        }
    }

    #[test]
    fn acting_chains_allow_gaps_up_to_the_parameter_and_end_at_an_open_assignment() {
        let mut chain = regency();
        acting_in(
            &mut chain,
            "Kepala Dinas Pendidikan",
            &[
                ("2024-01-01", Some("2024-03-31")),
                ("2024-04-30", Some("2024-07-29")),
                ("2024-08-28", None),
            ],
        );
        assert_eq!(
            kinds(&chain),
            [(SignalKind::ActingChain, 3)],
            "gaps of 30 days"
        );
        let mut broken = regency();
        acting_in(
            &mut broken,
            "Kepala Dinas Pendidikan",
            &[
                ("2024-01-01", Some("2024-03-31")),
                ("2024-05-01", Some("2024-07-29")),
                ("2024-08-28", None),
            ],
        );
        assert!(kinds(&broken).is_empty(), "a gap of 31 days breaks it");
        let mut open = regency();
        acting_in(
            &mut open,
            "Kepala Dinas Pendidikan",
            &[
                ("2024-01-01", None),
                ("2024-01-15", Some("2024-03-31")),
                ("2024-04-10", Some("2024-06-30")),
            ],
        );
        assert!(
            kinds(&open).is_empty(),
            "nothing chains after an open assignment"
        );
        let mut spaced = regency();
        acting_in(
            &mut spaced,
            "kepala  dinas PENDIDIKAN",
            &[("2024-01-01", Some("2024-03-31"))],
        );
        acting_in(
            &mut spaced,
            "Kepala Dinas Pendidikan",
            &[
                ("2024-04-10", Some("2024-06-30")),
                ("2024-07-01", Some("2024-09-30")),
            ],
        );
        assert_eq!(
            kinds(&spaced),
            [(SignalKind::ActingChain, 3)],
            "titles compared without case and spaces"
        );
    }

    fn removal(held_on: &str, effective_on: &str, to: Option<Level>, from: Level) -> AgencyRecords {
        let mut records = ministry();
        let mut r = rotation("M1", "2015-01-01", effective_on);
        r.body.from_position = Position {
            title: "Direktur".into(),
            level: from,
        };
        r.body.to_position = to.map(|level| Position {
            title: "Staf Ahli".into(),
            level,
        });
        records
            .job_fits
            .push(job_fit("JF1", held_on, vec![r.body.nip.clone()]));
        records.rotations.push(r);
        records
    }

    #[test]
    fn a_removal_or_demotion_within_the_days_after_a_job_fit() {
        let flagged = |r: &AgencyRecords| kinds(r) == [(SignalKind::JobfitRemoval, 1)];
        assert!(
            flagged(&removal("2025-01-01", "2025-04-01", None, Level::Pratama)),
            "removed after 90 days"
        );
        assert!(
            !flagged(&removal("2025-01-01", "2025-04-02", None, Level::Pratama)),
            "91 days"
        );
        assert!(
            flagged(&removal(
                "2025-01-01",
                "2025-02-01",
                Some(Level::Pratama),
                Level::Madya
            )),
            "lower level"
        );
        assert!(
            !flagged(&removal(
                "2025-01-01",
                "2025-02-01",
                Some(Level::Madya),
                Level::Madya
            )),
            "same level"
        );
        assert!(
            !flagged(&removal("2025-03-01", "2025-02-01", None, Level::Madya)),
            "before the job fit"
        );
    }
}
