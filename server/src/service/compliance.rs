//! The compliance figures of recommendation follow-up (issue #17, rules.md "Compliance per year of the due
//! date"): per agency and nationally, per year of the due date — due, complied on time, complied late,
//! objection, not complied, and answers still awaiting the verdict — as of a date. The outcome of each
//! recommendation is `domain::recommendations`' (the same standing as the list and the rule); this module only
//! counts.

use std::collections::BTreeMap;

use model::recommendation::{compliance_by_year, ComplianceYear, Outcome};

use super::followups::load;
use crate::db::Db;
use crate::domain::Date;
use crate::service::evaluation::EvaluationError;

/// The figures of one agency, or of all agencies together (`None`), as of `as_of`, oldest year first.
pub async fn figures(
    db: &Db,
    agency: Option<&str>,
    as_of: Date,
) -> Result<Vec<ComplianceYear<i64>>, EvaluationError> {
    let outcomes = outcomes(db, agency, as_of).await?;
    Ok(compliance_by_year(
        outcomes
            .into_iter()
            .map(|(_, year, outcome)| (year, outcome)),
    ))
}

/// Every agency's figures (only agencies with a recommendation that fell due), by agency code.
pub async fn by_agency(
    db: &Db,
    as_of: Date,
) -> Result<BTreeMap<String, Vec<ComplianceYear<i64>>>, EvaluationError> {
    let mut per_agency: BTreeMap<String, Vec<(i32, Outcome)>> = BTreeMap::new();
    for (agency, year, outcome) in outcomes(db, None, as_of).await? {
        per_agency.entry(agency).or_default().push((year, outcome));
    }
    Ok(per_agency
        .into_iter()
        .map(|(agency, outcomes)| (agency, compliance_by_year(outcomes)))
        .collect())
}

/// The outcome of each recommendation that fell due by `as_of`: its agency, the year of its due date, and how
/// it ended up.
async fn outcomes(
    db: &Db,
    agency: Option<&str>,
    as_of: Date,
) -> Result<Vec<(String, i32, Outcome)>, EvaluationError> {
    let params = super::parameters::timeline(db).await?;
    Ok(load(db, agency)
        .await?
        .into_iter()
        .filter(|f| f.row.letter_date <= as_of)
        .filter_map(|f| {
            let days = params.at(f.row.letter_date).recommendation_followup_days;
            let outcome = f.follow.outcome(days, as_of)?;
            let due = crate::domain::recommendations::due_on(f.row.letter_date, days);
            Some((f.row.agency_code, due.year(), outcome))
        })
        .collect())
}
