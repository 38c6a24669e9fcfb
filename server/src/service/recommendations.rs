//! Recommendation follow-up (issue #17, rules.md): the recommendations with where each stands as of a date, a
//! commissioner's verdict on an agency's answer, and the import's check that an answer names one of the agency's
//! own open recommendations. The states are computed by `domain::recommendations`, the rule R-REC-OVERDUE reads
//! the same follow-ups (`evaluation`), so the list, the rule and the figures agree.

use model::recommendation::RecommendationItem;
use model::{RecommendationState, Status};

use super::followups::load;
use crate::db::{Db, DbError, RecommendationRow};
use crate::domain::field_error::FieldError;
use crate::domain::recommendations::{Answer, Standing};
use crate::domain::records::{Batch, RecordBody, RecordKind};
use crate::domain::Date;
use crate::service::evaluation::{self, EvaluationError, Scope};

#[derive(Debug, thiserror::Error)]
pub enum RecommendationError {
    #[error("violation {0} has no open recommendation")]
    NotFound(i64),
    #[error("violation {0} has no answer awaiting a verdict")]
    NoPendingAnswer(i64),
    #[error("rejecting an answer needs a written reason")]
    ReasonRequired,
    #[error("violation {0} was moved by someone else meanwhile; reload it")]
    Moved(i64),
    #[error(transparent)]
    Database(#[from] DbError),
    #[error(transparent)]
    Evaluation(#[from] EvaluationError),
}

/// What the list can be narrowed by.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub agency: Option<String>,
    pub state: Option<RecommendationState>,
}

/// The recommendations as of `as_of`, with their state, oldest letter first.
pub async fn list(
    db: &Db,
    filter: &ListFilter,
    as_of: Date,
) -> Result<Vec<RecommendationItem>, RecommendationError> {
    let days = super::parameters::in_force(db)
        .await?
        .recommendation_followup_days;
    let mut items: Vec<(Date, RecommendationItem)> = load(db, filter.agency.as_deref())
        .await?
        .into_iter()
        .filter(|f| f.row.letter_date <= as_of)
        .map(|f| {
            let standing = f.follow.standing(days, as_of);
            (f.row.letter_date, item(&f.row, &standing))
        })
        .filter(|(_, item)| filter.state.is_none_or(|s| s == item.state))
        .collect();
    items.sort_by_key(|a| (a.0, a.1.violation_id));
    Ok(items.into_iter().map(|(_, item)| item).collect())
}

fn item(row: &RecommendationRow, standing: &Standing) -> RecommendationItem {
    RecommendationItem {
        violation_id: row.violation_id,
        agency_code: row.agency_code.clone(),
        rule_id: row.rule_id,
        letter_number: row.letter_number.clone(),
        letter_date: row.letter_date.to_string(),
        due_on: standing.due_on.to_string(),
        state: standing.state,
        responded_on: standing.answer.as_ref().map(|a| a.responded_on.to_string()),
        on_time: standing.on_time(),
    }
}

/// A commissioner's verdict on the answer awaiting one: accepting resolves the violation; rejecting (with a
/// reason) leaves the recommendation open with its due date, and the agency may answer again. Every answer
/// awaiting a verdict is rejected together; acceptance takes the earliest. The agency is evaluated again, so
/// R-REC-OVERDUE follows at once.
pub async fn give_verdict(
    db: &Db,
    violation_id: i64,
    accept: bool,
    reason: Option<&str>,
    (today, now, actor): (Date, &str, &str),
) -> Result<RecommendationState, RecommendationError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if !accept && reason.is_none() {
        return Err(RecommendationError::ReasonRequired);
    }
    let Some(agency) = db.violation_owner(violation_id).await?.map(|(a, _)| a) else {
        return Err(RecommendationError::NotFound(violation_id));
    };
    let followed = load(db, Some(&agency))
        .await?
        .into_iter()
        .find(|f| {
            f.row.violation_id == violation_id && f.row.status == Status::RecommendationIssued
        })
        .ok_or(RecommendationError::NotFound(violation_id))?;
    let mut awaiting: Vec<&Answer> = followed
        .follow
        .answers
        .iter()
        .filter(|a| a.verdict.is_none() && a.responded_on <= today)
        .collect();
    awaiting.sort_by_key(|a| a.responded_on);
    if awaiting.is_empty() {
        return Err(RecommendationError::NoPendingAnswer(violation_id));
    }
    let judged = if accept {
        &awaiting[..1]
    } else {
        &awaiting[..]
    };
    for answer in judged {
        let revision = followed.revisions.get(&answer.id).copied().unwrap_or(1);
        let stored = db
            .record_verdict(
                (&agency, violation_id),
                (&answer.id, revision),
                accept,
                reason,
                (now, actor),
            )
            .await?;
        if !stored {
            return Err(RecommendationError::Moved(violation_id));
        }
    }
    evaluation::run(db, Scope::Agency(&agency), today, actor, &mut |_, _| {}).await?;
    let days = super::parameters::in_force(db)
        .await?
        .recommendation_followup_days;
    let state = load(db, Some(&agency))
        .await?
        .into_iter()
        .find(|f| f.row.violation_id == violation_id)
        .map_or(RecommendationState::Resolved, |f| {
            f.follow.standing(days, today).state
        });
    Ok(state)
}

/// The import's check of `recommendation_response` records (reports.md): each names a violation of the batch's
/// own agency with an open recommendation, answered no earlier than its letter. A record sent again unchanged
/// passes even after its recommendation was settled, so that re-sending a batch stays idempotent.
pub async fn check_answers(db: &Db, batch: &Batch) -> Result<Vec<FieldError>, DbError> {
    let mut errors = Vec::new();
    for (index, record) in batch.records.iter().enumerate() {
        let RecordBody::RecommendationResponse(answer) = &record.body else {
            continue;
        };
        let unchanged = db
            .record_content(
                &batch.agency_code,
                RecordKind::RecommendationResponse.as_str(),
                &record.id,
            )
            .await?
            .and_then(|stored| serde_json::from_str::<serde_json::Value>(&stored).ok())
            .is_some_and(|stored| stored == record.content);
        if unchanged {
            continue;
        }
        let error = |field: &str, message: String, message_en: String| FieldError {
            index: Some(index),
            id: Some(record.id.clone()),
            pointer: format!("/records/{index}/{field}"),
            message,
            message_en,
            location: None,
            omitted: None,
        };
        let id = answer.violation_id;
        let open = match db.violation_owner(id).await? {
            Some((agency, Status::RecommendationIssued)) if agency == batch.agency_code => {
                db.recommendation(id).await?
            }
            _ => None,
        };
        match open {
            None => errors.push(error(
                "violation_id",
                format!(
                    "pelanggaran {id} bukan pelanggaran instansi {} yang rekomendasinya masih terbuka (status recommendation_issued)",
                    batch.agency_code
                ),
                format!(
                    "violation {id} is not a violation of agency {} with an open recommendation (status recommendation_issued)",
                    batch.agency_code
                ),
            )),
            Some(rec) if answer.responded_on < rec.letter_date => errors.push(error(
                "responded_on",
                format!(
                    "{} sebelum tanggal surat rekomendasi {} ({})",
                    answer.responded_on, rec.letter_number, rec.letter_date
                ),
                format!(
                    "{} is before the date of recommendation letter {} ({})",
                    answer.responded_on, rec.letter_number, rec.letter_date
                ),
            )),
            Some(_) => {}
        }
    }
    Ok(errors)
}
