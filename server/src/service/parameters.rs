//! The rule parameters (rules.md, "Parameters" and "Parameters in force by date"): the timeline the rules judge
//! with, the values in force today for everything else (merit targets, input bounds, reminders), each parameter's
//! history for the parameters page, and an administrator's change — checked alone and with the whole timeline,
//! stored with its audit entry.

use super::error::EvaluationError;
use crate::db::{Db, StoredChange};
use crate::domain::Date;
use crate::rules::{DatedValue, ParamError, ParamTimeline, Params};

/// The base values with every dated change: what the rules judge events with.
pub async fn timeline(db: &Db) -> Result<ParamTimeline, EvaluationError> {
    let pairs = db.parameter_pairs().await?;
    let base = Params::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let changes = db.parameter_changes().await?;
    Ok(ParamTimeline::new(base, dated(&changes)?)?)
}

/// Stored changes as the timeline takes them; a stored day that is not a date is a corrupt row.
fn dated(changes: &[StoredChange]) -> Result<Vec<DatedValue>, ParamError> {
    changes
        .iter()
        .filter_map(|c| c.from.as_deref().map(|from| (c, from)))
        .map(|(c, from)| {
            Ok(DatedValue {
                key: c.key.clone(),
                from: Date::parse(from).map_err(|_| ParamError::Invalid {
                    key: c.key.clone(),
                    value: from.to_string(),
                    expected: "a date YYYY-MM-DD".into(),
                })?,
                value: c.value.clone(),
            })
        })
        .collect()
}

/// The values in force today (for what is not judged by an event's date: targets, input bounds, reminders).
pub async fn in_force(db: &Db) -> Result<Params, EvaluationError> {
    Ok(*timeline(db).await?.at(crate::clock::today()))
}

/// One parameter's stored history: its base value, then its dated changes, oldest first.
pub async fn histories(db: &Db) -> Result<Vec<StoredChange>, EvaluationError> {
    let mut all = db.parameter_bases().await?;
    all.extend(db.parameter_changes().await?);
    Ok(all)
}

/// Every parameter with its value in force today and its timeline, for staff (the page, the API, the CLI).
pub async fn describe(db: &Db) -> Result<Vec<crate::rules::ParamInfo>, EvaluationError> {
    let today = in_force(db).await?;
    let steps = histories(db).await?;
    Ok(today
        .describe()
        .into_iter()
        .map(|mut info| {
            info.history = steps
                .iter()
                .filter(|s| s.key == info.key)
                .map(|s| model::types::ParameterStep {
                    from: s.from.clone(),
                    value: s.value.clone(),
                    basis: s.basis.clone(),
                    set_at: s.set_at.clone(),
                    set_by: s.set_by.clone(),
                })
                .collect();
            info
        })
        .collect())
}

/// What an administrator asks for: `value`, in force from `from` (`None`: from the beginning, replacing the whole
/// history), with the legal basis of the change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change<'a> {
    pub value: &'a str,
    pub from: Option<Date>,
    pub basis: Option<&'a str>,
}

/// Sets a parameter after checking it alone and with the whole timeline it makes; audited as done by `actor`.
/// Returns the values in force today.
pub async fn set(
    db: &Db,
    key: &str,
    change: Change<'_>,
    actor: &str,
) -> Result<Params, EvaluationError> {
    let pairs = db.parameter_pairs().await?;
    let mut base = Params::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let mut changes = dated(&db.parameter_changes().await?)?;
    let mut probe = base;
    probe.set(key, change.value)?;
    let stored = probe.get(key).unwrap_or_default();
    match change.from {
        Some(from) => {
            changes.retain(|c| !(c.key == key && c.from == from));
            changes.push(DatedValue {
                key: key.to_string(),
                from,
                value: stored.clone(),
            });
        }
        None => {
            base = probe;
            base.check()?;
            changes.retain(|c| c.key != key);
        }
    }
    let timeline = ParamTimeline::new(base, changes)?;
    let basis = change.basis.map(str::trim).filter(|b| !b.is_empty());
    let from = change.from.map(|d| d.to_string());
    db.store_parameter(
        key,
        (&stored, from.as_deref(), basis),
        actor,
        &crate::clock::now_text(),
    )
    .await?;
    Ok(*timeline.at(crate::clock::today()))
}
