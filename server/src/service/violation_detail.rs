//! One violation as its page (and its letter) shows it: the stored row in the model's types, with its history,
//! the record's revisions, the steps the viewer's role may take and the recommendation's follow-up. Shared by the
//! pages' backend and the mail (the letter is made from it), so neither depends on the other.

use model::types::{RecordRevision, ViolationDetail};
use model::{Role, RuleId, Severity, Status};

use crate::db::{Db, DbError, ViolationRow};

/// A stored JSON object of texts as `(key, value)` pairs (a non-text value as its JSON).
fn text_pairs(value: &serde_json::Value) -> Vec<(String, String)> {
    match value {
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, val)| {
                (
                    k.clone(),
                    val.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| val.to_string()),
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A violation as its page shows it, with the steps `role` may take on it now (also the letter's source:
/// `service::mail::letter`).
pub async fn detail(
    db: &Db,
    id: i64,
    role: Role,
) -> Result<Option<ViolationDetail>, super::recommendations::RecommendationError> {
    use crate::rules::lifecycle::allowed_steps;
    let Some(v) = db.violation(id).await? else {
        return Ok(None);
    };
    let agency_name = db
        .agency(&v.agency_code)
        .await?
        .map(|a| a.name)
        .unwrap_or_else(|| v.agency_code.clone());
    let history = db.violation_events(id).await?;
    let revisions = db
        .record_revisions(&v.agency_code, &v.record_kind, &v.record_id)
        .await?
        .into_iter()
        .map(|r| RecordRevision {
            revision: r.revision,
            received_at: r.received_at,
            content: serde_json::to_string_pretty(&r.content).unwrap_or_default(),
        })
        .collect();
    // A cleared violation can still be worked on (as through the API): a case opened on it may need closing.
    let (rule_id, severity, status) = codes(&v)?;
    let actions = allowed_steps(role, status);
    let follow_up =
        super::recommendations::follow_up(db, (&v.agency_code, v.id), role, crate::clock::today())
            .await?;
    let params = text_pairs(&v.params);
    let params_since = text_pairs(&v.params_since);
    Ok(Some(ViolationDetail {
        id: v.id,
        rule_id,
        severity,
        status,
        agency_code: v.agency_code,
        agency_name,
        record_kind: v.record_kind,
        record_id: v.record_id,
        subject_nip: v.subject_nip,
        event_date: v.event_date,
        legal_basis: v.legal_basis,
        message: v.message,
        message_en: v.message_en,
        params,
        params_since,
        active: v.active,
        flagged_as_of: v.flagged_as_of,
        cleared_as_of: v.cleared_as_of,
        history,
        revisions,
        actions,
        follow_up,
    }))
}

/// A stored violation's rule, severity and status as the model's enums; a code no version wrote is reported.
pub fn codes(v: &ViolationRow) -> Result<(RuleId, Severity, Status), DbError> {
    let corrupt =
        |what: &str, text: &str| DbError::Corrupt(format!("violation {}: {what} {text:?}", v.id));
    Ok((
        RuleId::parse(&v.rule_id).ok_or_else(|| corrupt("rule", &v.rule_id))?,
        Severity::parse(&v.severity).ok_or_else(|| corrupt("severity", &v.severity))?,
        Status::parse(&v.status).ok_or_else(|| corrupt("status", &v.status))?,
    ))
}
