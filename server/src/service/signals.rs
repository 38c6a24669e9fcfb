//! Signals (issue #20): patterns across records, computed with the rules (same as-of date, the parameters in force
//! on it) and stored by each evaluation. Staff list them — stored, or computed afresh for another date with the
//! analysts' marks joined — and an analyst or commissioner marks one explained (with a note, audited), so it drops
//! out of the open list and stays out after re-evaluation.

use std::collections::HashMap;

use model::types::{SignalFilter, SignalItem};

use crate::db::{Db, DbError};
use crate::domain::Date;
use crate::service::evaluation::{self, EvaluationError, Scope};

#[derive(Debug, thiserror::Error)]
pub enum SignalError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error(transparent)]
    Evaluation(#[from] EvaluationError),
    #[error("no signal {0}")]
    NotFound(i64),
    #[error("explaining a signal needs a note")]
    NoteRequired,
    #[error(
        "unknown signal kind {0:?}; expected S-MASS-ROTATION, S-ACTING-CHAIN or S-JOBFIT-REMOVAL"
    )]
    UnknownKind(String),
}

/// The signals matching `filter`, as stored (the latest evaluation) or, with `as_of`, computed for that date with
/// the stored explained marks joined (a signal not stored has id 0). Without `explained`, only the open ones.
pub async fn list(
    db: &Db,
    filter: &SignalFilter,
    as_of: Option<Date>,
) -> Result<Vec<SignalItem>, SignalError> {
    let kind = filter.kind.trim();
    if !kind.is_empty() && crate::domain::signal::SignalKind::parse(kind).is_none() {
        return Err(SignalError::UnknownKind(kind.to_string()));
    }
    let include_explained = filter.explained == "1" || filter.explained == "true";
    let stored = db
        .signals((kind, filter.agency.trim(), filter.province.trim()), true)
        .await?;
    let Some(as_of) = as_of else {
        return Ok(stored
            .into_iter()
            .filter(|s| include_explained || !s.explained)
            .collect());
    };
    let agency = filter.agency.trim();
    let scope = if agency.is_empty() {
        Scope::All
    } else {
        Scope::Agency(agency)
    };
    let computed = evaluation::compute(db, scope, as_of, &mut |_, _| {})
        .await?
        .signals;
    // The stored ones by what identifies a signal's evidence: kind, agency, first date and records.
    let by_evidence: HashMap<(String, String, String, String), &SignalItem> = stored
        .iter()
        .map(|s| {
            let records = serde_json::to_string(&s.records).unwrap_or_default();
            (
                (
                    s.kind.clone(),
                    s.agency_code.clone(),
                    s.first_date.clone(),
                    records,
                ),
                s,
            )
        })
        .collect();
    let provinces: HashMap<String, Option<String>> = if filter.province.trim().is_empty() {
        HashMap::new()
    } else {
        db.all_agencies()
            .await?
            .into_iter()
            .map(|a| (a.code, a.province_code))
            .collect()
    };
    Ok(computed
        .into_iter()
        .filter(|s| kind.is_empty() || s.kind.as_str() == kind)
        .filter(|s| {
            filter.province.trim().is_empty()
                || provinces.get(&s.agency_code).cloned().flatten().as_deref()
                    == Some(filter.province.trim())
        })
        .map(|s| {
            let records = crate::db::signal_records(&s);
            let evidence = (
                s.kind.as_str().to_string(),
                s.agency_code.clone(),
                s.first_date.to_string(),
                serde_json::to_string(&records).unwrap_or_default(),
            );
            let known = by_evidence.get(&evidence);
            SignalItem {
                id: known.map_or(0, |k| k.id),
                kind: s.kind.as_str().to_string(),
                agency_code: s.agency_code,
                first_date: s.first_date.to_string(),
                last_date: s.last_date.to_string(),
                count: i64::try_from(s.count).unwrap_or(i64::MAX),
                records,
                explanation: s.explanation,
                explanation_en: s.explanation_en,
                explained: known.is_some_and(|k| k.explained),
                explained_note: known.and_then(|k| k.explained_note.clone()),
            }
        })
        .filter(|s| include_explained || !s.explained)
        .collect())
}

/// Marks signal `id` explained with `note`, as `actor` (audited).
pub async fn explain(db: &Db, id: i64, note: &str, actor: &str) -> Result<(), SignalError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(SignalError::NoteRequired);
    }
    if db
        .explain_signal(id, note, actor, &crate::clock::now_text())
        .await?
    {
        Ok(())
    } else {
        Err(SignalError::NotFound(id))
    }
}
