//! The rule parameters in force (rules.md, "Parameters"), and an administrator's change of one: checked alone and
//! with the others, stored with its audit entry.

use super::error::EvaluationError;
use crate::db::Db;
use crate::rules::Params;

/// The parameters in force.
pub async fn in_force(db: &Db) -> Result<Params, EvaluationError> {
    let pairs = db.parameter_pairs().await?;
    Ok(Params::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    )?)
}

/// Sets a parameter after checking it alone and with the others; audited as done by `actor`.
pub async fn set(db: &Db, key: &str, value: &str, actor: &str) -> Result<Params, EvaluationError> {
    let mut params = in_force(db).await?;
    params.set(key, value)?;
    params.check()?;
    let stored = params.get(key).unwrap_or_default();
    db.store_parameter(key, &stored, actor, &crate::clock::now_text())
        .await?;
    Ok(params)
}
