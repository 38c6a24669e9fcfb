//! An agency beside its peers on the scorecard (issue #20): agencies of the same kind (ministry, institution,
//! province, regency, city) compared on violations per 100 records, high-severity violations, rotations per year,
//! acting days per post, recommendation follow-up, and the latest verified merit score with its eight aspects.
//!
//! Who counts as a peer: an active agency that reported at least one record. One that never reported is left
//! out of the spread — with no records it would show as a clean agency and pull the quartiles down (issue #19: a
//! silent agency looks clean) — but its own scorecard still shows the spread of its kind. A measure with nothing
//! to measure (no dated events, no post named, nothing due, no verified result) leaves the agency out of that
//! measure's spread only.
//!
//! The whole table (~700 agencies × 14 measures) is computed in one pass from a grouped query, the stored
//! evaluation figures (`rules::figures`), the verified merit results and the follow-up outcomes, and kept in
//! memory for the state of the data it was computed from (the public aggregates' key plus the figures' stamp),
//! like the staff's complaint statistics: a scorecard view reads one key, not every rotation.

use std::collections::BTreeMap;
use std::sync::Arc;

use model::types::{AgencyKind, PeerMeasure, PeerMeasureKind, Peers, Quartiles};

use super::AppState;
use crate::db::{Db, PeerRow};
use crate::domain::peers::{per_100, quartiles, standing};
use crate::domain::Date;
use crate::service::evaluation::EvaluationError;

/// Every active agency's values and each kind's spread, as computed from one state of the data.
#[derive(Debug, Default, PartialEq)]
pub struct PeerTable {
    pub as_of: String,
    /// Every active agency's kind (also those without records: their scorecard shows their kind's spread).
    kinds: BTreeMap<String, AgencyKind>,
    /// The values of the agencies with records, one per [`PeerMeasureKind::all`].
    values: BTreeMap<String, Vec<Option<f64>>>,
    spreads: BTreeMap<AgencyKind, Spread>,
}

/// One kind's peers: how many, and each measure's spread with the number of values it is taken over.
#[derive(Debug, Default, PartialEq)]
struct Spread {
    agencies: usize,
    measures: Vec<(usize, Option<Quartiles>)>,
}

/// What the table is built from, besides the grouped counts: each agency's latest verified result (score and
/// aspects when given) and its follow-up totals (complied, due).
#[derive(Debug, Default)]
pub struct Inputs {
    pub merit: BTreeMap<String, (i32, f64, Option<[f64; 8]>)>,
    pub followup: BTreeMap<String, (i64, i64)>,
}

/// The table, pure: the rows of [`Db::peer_rows`] and the other inputs in.
pub fn table(rows: &[PeerRow], inputs: &Inputs, as_of: Date) -> PeerTable {
    let measures = PeerMeasureKind::all();
    let mut table = PeerTable {
        as_of: as_of.to_string(),
        ..PeerTable::default()
    };
    let mut by_kind: BTreeMap<AgencyKind, Vec<&Vec<Option<f64>>>> = BTreeMap::new();
    for row in rows {
        table.kinds.insert(row.code.clone(), row.kind);
        if row.records == 0 {
            continue;
        }
        let merit = inputs.merit.get(&row.code);
        let values: Vec<Option<f64>> = measures
            .iter()
            .map(|m| match m {
                PeerMeasureKind::ViolationsPer100 => per_100(row.violations, row.records),
                PeerMeasureKind::HighViolations => Some(row.high as f64),
                PeerMeasureKind::RotationsPerYear => {
                    row.figures.as_ref().and_then(|f| f.rotations_per_year())
                }
                PeerMeasureKind::ActingDaysPerPost => {
                    row.figures.as_ref().and_then(|f| f.acting_days_per_post())
                }
                PeerMeasureKind::FollowupRate => inputs
                    .followup
                    .get(&row.code)
                    .filter(|(_, due)| *due > 0)
                    .map(|(complied, due)| *complied as f64 / *due as f64),
                PeerMeasureKind::MeritScore => merit.map(|(_, score, _)| *score),
                PeerMeasureKind::MeritAspect(i) => merit
                    .and_then(|(_, _, aspects)| aspects.as_ref())
                    .and_then(|a| a.get(usize::from(*i)).copied()),
            })
            .collect();
        table.values.insert(row.code.clone(), values);
    }
    for row in rows {
        if let Some(values) = table.values.get(&row.code) {
            by_kind.entry(row.kind).or_default().push(values);
        }
    }
    for kind in AgencyKind::ALL {
        let members = by_kind.remove(&kind).unwrap_or_default();
        let spread = Spread {
            agencies: members.len(),
            measures: (0..measures.len())
                .map(|i| {
                    let values: Vec<f64> = members.iter().filter_map(|v| v[i]).collect();
                    (values.len(), quartiles(&values))
                })
                .collect(),
        };
        table.spreads.insert(kind, spread);
    }
    table
}

impl PeerTable {
    /// `code` beside its kind; `None` for an agency not in the active registry.
    pub fn of(&self, code: &str) -> Option<Peers> {
        let kind = *self.kinds.get(code)?;
        let spread = self.spreads.get(&kind)?;
        let own = self.values.get(code);
        let measures = PeerMeasureKind::all()
            .into_iter()
            .zip(&spread.measures)
            .enumerate()
            .map(|(i, (kind, (peers, quartiles)))| {
                let value = own.and_then(|v| v.get(i).copied().flatten());
                PeerMeasure {
                    kind,
                    value,
                    peers: *peers,
                    quartiles: *quartiles,
                    standing: value.zip(quartiles.as_ref()).map(|(v, q)| standing(v, q)),
                    svg: String::new(),
                }
            })
            .collect();
        Some(Peers {
            kind,
            agencies: spread.agencies,
            as_of: self.as_of.clone(),
            measures,
        })
    }
}

/// Reads the inputs and builds the table.
pub async fn compute(db: &Db, today: Date) -> Result<PeerTable, EvaluationError> {
    let rows = db.peer_rows().await?;
    let (_, verified) = super::merit::verified_results(db).await?;
    let mut inputs = Inputs::default();
    for v in verified {
        let latest = inputs.merit.get(&v.agency_code).map(|(year, ..)| *year);
        if latest.is_none_or(|year| v.year > year) {
            inputs
                .merit
                .insert(v.agency_code, (v.year, v.score.points(), v.aspects));
        }
    }
    for (code, years) in super::compliance::by_agency(db, today).await? {
        let (complied, due) = years.iter().fold((0, 0), |(c, d), y| {
            (c + y.outcomes[0] + y.outcomes[1], d + y.due)
        });
        inputs.followup.insert(code, (complied, due));
    }
    Ok(table(&rows, &inputs, today))
}

/// `code` beside its peers, from the table of the data's current state (computed at most once per state).
pub async fn of(app: &AppState, code: &str) -> Result<Option<Peers>, EvaluationError> {
    let db = &app.db;
    let today = crate::clock::today();
    let key = format!(
        "{}-f{}",
        db.public_source_key(&today.to_string()).await?,
        db.figures_stamp().await?
    );
    if let Some(table) = app.public.peers(&key) {
        return Ok(table.of(code));
    }
    let table = Arc::new(compute(db, today).await?);
    app.public.set_peers(key, table.clone());
    Ok(table.of(code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::peers::AgencyFigures;
    use model::types::PeerStanding;

    fn row(code: &str, kind: AgencyKind, records: i64, violations: i64, high: i64) -> PeerRow {
        PeerRow {
            code: code.into(),
            kind,
            records,
            violations,
            high,
            figures: Some(AgencyFigures {
                agency_code: code.into(),
                rotations: records / 10,
                event_years: 2,
                acting_days: violations * 10,
                posts: 5,
            }),
        }
    }

    fn day() -> Date {
        Date::parse("2026-12-01").expect("date")
    }

    #[test]
    fn peers_are_the_agencies_of_the_same_kind_that_reported() {
        let rows = vec![
            row("R1", AgencyKind::Regency, 100, 2, 1),
            row("R2", AgencyKind::Regency, 100, 4, 0),
            row("R3", AgencyKind::Regency, 200, 12, 3),
            row("R4", AgencyKind::Regency, 0, 0, 0),
            row("K1", AgencyKind::City, 10, 9, 9),
        ];
        let table = table(&rows, &Inputs::default(), day());
        let r1 = table.of("R1").expect("R1");
        assert_eq!((r1.kind, r1.agencies), (AgencyKind::Regency, 3));
        let per_100 = &r1.measures[0];
        assert_eq!(per_100.kind, PeerMeasureKind::ViolationsPer100);
        assert_eq!(per_100.value, Some(2.0));
        assert_eq!(per_100.peers, 3, "R4 reported nothing; K1 is a city");
        let q = per_100.quartiles.expect("quartiles");
        assert_eq!((q.min, q.median, q.max), (2.0, 4.0, 6.0));
        assert_eq!(per_100.standing, Some(PeerStanding::BelowQ1));
        let silent = table.of("R4").expect("a silent agency sees its kind");
        assert_eq!(silent.measures[0].value, None);
        assert_eq!(silent.measures[0].standing, None);
        assert_eq!(silent.agencies, 3);
        assert_eq!(table.of("X9"), None, "not in the active registry");
    }

    #[test]
    fn merit_and_followup_count_only_agencies_that_have_them() {
        let rows = vec![
            row("R1", AgencyKind::Regency, 100, 2, 1),
            row("R2", AgencyKind::Regency, 100, 4, 0),
        ];
        let mut inputs = Inputs::default();
        let aspects = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
        inputs
            .merit
            .insert("R1".into(), (2025, 301.5, Some(aspects)));
        inputs.followup.insert("R1".into(), (0, 0));
        inputs.followup.insert("R2".into(), (3, 4));
        let table = table(&rows, &inputs, day());
        let r1 = table.of("R1").expect("R1");
        let find = |kind| {
            r1.measures
                .iter()
                .find(|m| m.kind == kind)
                .expect("measure")
                .clone()
        };
        let merit = find(PeerMeasureKind::MeritScore);
        assert_eq!((merit.value, merit.peers), (Some(301.5), 1));
        assert_eq!(find(PeerMeasureKind::MeritAspect(7)).value, Some(8.0));
        let followup = find(PeerMeasureKind::FollowupRate);
        assert_eq!(followup.value, None, "nothing was due");
        assert_eq!(followup.peers, 1);
        assert_eq!(followup.quartiles.map(|q| q.median), Some(0.75));
        let rotations = find(PeerMeasureKind::RotationsPerYear);
        assert_eq!(rotations.value, Some(5.0), "10 rotations over 2 years");
        assert_eq!(r1.measures.len(), 14);
    }
}
