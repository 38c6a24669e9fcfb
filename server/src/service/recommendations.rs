//! Recommendation follow-up (issue #17, rules.md): the recommendations with where each stands as of a date, a
//! commissioner's verdict on an agency's answer, and the import's check that an answer names one of the agency's
//! own open recommendations. The states are computed by `domain::recommendations`, the rule R-REC-OVERDUE reads
//! the same follow-ups (`evaluation`), so the list, the rule and the figures agree.

use std::collections::HashMap;

use model::recommendation::{
    AnswerVerdict, AnswerView, FollowUpView, RecommendationItem, RecommendationLine,
};
use model::{RecommendationState, Role, Status};

use super::followups::{load, load_one, Followed};
use crate::db::{Db, DbError, NewVerdict, RecommendationRow};
use crate::domain::field_error::FieldError;
use crate::domain::recommendations::{Answer, Standing, Verdict};
use crate::domain::records::{Batch, Record, RecordBody};
use crate::domain::Date;
use crate::service::evaluation::{self, EvaluationError};

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
    /// Only those not resolved (the clerk's page: what is still asked of the agency).
    pub unsettled: bool,
}

/// The recommendations as of `as_of`, with their state, oldest letter first.
pub async fn list(
    db: &Db,
    filter: &ListFilter,
    as_of: Date,
) -> Result<Vec<RecommendationItem>, RecommendationError> {
    Ok(standings(db, filter, as_of)
        .await?
        .into_iter()
        .map(|(f, standing)| item(&f.row, &standing))
        .collect())
}

/// The recommendations of [`list`] with the violation in words and the agency's name, for the clerk's page and
/// the staff's list.
pub async fn lines(
    db: &Db,
    filter: &ListFilter,
    as_of: Date,
) -> Result<Vec<RecommendationLine>, RecommendationError> {
    let found = standings(db, filter, as_of).await?;
    let names: HashMap<String, String> = db
        .list_agencies(&model::types::AgencyFilter::default())
        .await?
        .into_iter()
        .map(|a| (a.code, a.name))
        .collect();
    Ok(found
        .into_iter()
        .map(|(f, standing)| RecommendationLine {
            item: item(&f.row, &standing),
            agency_name: names
                .get(&f.row.agency_code)
                .cloned()
                .unwrap_or_else(|| f.row.agency_code.clone()),
            message: f.row.message.clone(),
            message_en: f.row.message_en.clone(),
        })
        .collect())
}

/// The follow-ups matching `filter` with where each stands as of `as_of`, oldest letter first.
async fn standings(
    db: &Db,
    filter: &ListFilter,
    as_of: Date,
) -> Result<Vec<(Followed, Standing)>, RecommendationError> {
    // Each letter's due date counts the follow-up days in force on the letter's date (issue #19).
    let params = super::parameters::timeline(db).await?;
    let mut found: Vec<(Followed, Standing)> = load(db, filter.agency.as_deref())
        .await?
        .into_iter()
        .filter(|f| f.row.letter_date <= as_of)
        .map(|f| {
            let days = params.at(f.row.letter_date).recommendation_followup_days;
            let standing = f.follow.standing(days, as_of);
            (f, standing)
        })
        .filter(|(_, standing)| {
            filter.state.is_none_or(|s| s == standing.state)
                && (!filter.unsettled || standing.state != RecommendationState::Resolved)
        })
        .collect();
    found.sort_by_key(|(f, _)| (f.row.letter_date, f.row.violation_id));
    Ok(found)
}

/// A violation's recommendation follow-up as its page shows it today: `None` without a recommendation. A
/// commissioner may judge while an answer awaits the verdict.
pub async fn follow_up(
    db: &Db,
    (agency, violation_id): (&str, i64),
    role: Role,
    today: Date,
) -> Result<Option<FollowUpView>, RecommendationError> {
    let params = super::parameters::timeline(db).await?;
    let Some(f) = load_one(db, agency, violation_id).await? else {
        return Ok(None);
    };
    let days = params.at(f.row.letter_date).recommendation_followup_days;
    let standing = f.follow.standing(days, today);
    let mut answers: Vec<AnswerView> = f
        .follow
        .answers
        .iter()
        .map(|a| {
            let (sent, reason) = f.sent.get(&a.id).cloned().unzip();
            let sent = sent.as_ref();
            AnswerView {
                record_id: a.id.clone(),
                responded_on: a.responded_on.to_string(),
                action: a.action,
                decision_letter: sent
                    .and_then(|s| s.decision_letter.as_ref())
                    .map(|l| (l.number.clone(), l.issued_on.to_string())),
                note: sent.and_then(|s| s.note.clone()),
                on_time: a.responded_on <= standing.due_on,
                verdict: a.verdict.map(|v| match v {
                    Verdict::Accepted(on) => AnswerVerdict {
                        accepted: true,
                        on: on.to_string(),
                        reason: None,
                    },
                    Verdict::Rejected(on) => AnswerVerdict {
                        accepted: false,
                        on: on.to_string(),
                        reason: reason.flatten(),
                    },
                }),
            }
        })
        .collect();
    answers.sort_by(|a, b| (&a.responded_on, &a.record_id).cmp(&(&b.responded_on, &b.record_id)));
    Ok(Some(FollowUpView {
        letter_number: f.row.letter_number.clone(),
        letter_date: f.row.letter_date.to_string(),
        due_on: standing.due_on.to_string(),
        state: standing.state,
        answers,
        can_judge: role == Role::Commissioner
            && standing.state == RecommendationState::Answered
            && f.row.status == Status::RecommendationIssued,
    }))
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
    let agency = judge(db, violation_id, accept, reason, (today, now, actor)).await?;
    evaluation::run_agency(db, &agency, today, actor).await?;
    let params = super::parameters::timeline(db).await?;
    let state =
        load_one(db, &agency, violation_id)
            .await?
            .map_or(RecommendationState::Resolved, |f| {
                let days = params.at(f.row.letter_date).recommendation_followup_days;
                f.follow.standing(days, today).state
            });
    Ok(state)
}

/// [`give_verdict`] without evaluating the agency afterwards (the demo judges many answers, then evaluates each
/// agency once); the agency's code.
pub async fn judge(
    db: &Db,
    violation_id: i64,
    accept: bool,
    reason: Option<&str>,
    (today, now, actor): (Date, &str, &str),
) -> Result<String, RecommendationError> {
    verdict_reason(accept, reason)?;
    let Some(agency) = db.violation_owner(violation_id).await?.map(|(a, _)| a) else {
        return Err(RecommendationError::NotFound(violation_id));
    };
    // One recommendation's follow-up, not the agency's all (`judge_all` reads those).
    let followed: HashMap<i64, Followed> = load_one(db, &agency, violation_id)
        .await?
        .into_iter()
        .map(|f| (violation_id, f))
        .collect();
    store_judged(
        db,
        &agency,
        &followed,
        &[(violation_id, accept, reason)],
        (today, now, actor),
    )
    .await?;
    Ok(agency)
}

/// Verdicts on answers to several of one agency's recommendations, `(violation id, accept, reason)`, checked as
/// [`judge`] checks one and stored together, all or none (one transaction, each verdict audited): the demo judges
/// an agency's answers this way, reading the agency's follow-ups once instead of once per verdict (issue #21).
pub async fn judge_all(
    db: &Db,
    agency: &str,
    verdicts: &[(i64, bool, Option<&str>)],
    (today, now, actor): (Date, &str, &str),
) -> Result<(), RecommendationError> {
    let followed: HashMap<i64, Followed> = load(db, Some(agency))
        .await?
        .into_iter()
        .map(|f| (f.row.violation_id, f))
        .collect();
    store_judged(db, agency, &followed, verdicts, (today, now, actor)).await
}

/// Checks `verdicts` against the follow-ups read (`followed`, by violation) and stores them in one transaction.
async fn store_judged(
    db: &Db,
    agency: &str,
    followed: &HashMap<i64, Followed>,
    verdicts: &[(i64, bool, Option<&str>)],
    (today, now, actor): (Date, &str, &str),
) -> Result<(), RecommendationError> {
    let mut judged = Vec::with_capacity(verdicts.len());
    for &(violation_id, accept, reason) in verdicts {
        let reason = verdict_reason(accept, reason)?;
        for answer in answers_judged(followed.get(&violation_id), violation_id, accept, today)? {
            judged.push((violation_id, answer, accept, reason));
        }
    }
    let rows: Vec<NewVerdict> = judged
        .iter()
        .map(
            |(violation_id, (response_id, revision), accepted, reason)| NewVerdict {
                violation_id: *violation_id,
                response_id,
                revision: *revision,
                accepted: *accepted,
                reason: *reason,
            },
        )
        .collect();
    match db.record_verdicts(agency, &rows, (now, actor)).await? {
        Some(moved) => Err(RecommendationError::Moved(moved)),
        None => Ok(()),
    }
}

/// A verdict's reason, trimmed; a rejection needs one.
fn verdict_reason(accept: bool, reason: Option<&str>) -> Result<Option<&str>, RecommendationError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if !accept && reason.is_none() {
        return Err(RecommendationError::ReasonRequired);
    }
    Ok(reason)
}

/// The answers (id and revision) a verdict on violation `violation_id` judges: acceptance takes the earliest
/// awaiting one, a rejection all of them; refused when the violation has no open recommendation or nothing
/// awaits a verdict.
fn answers_judged(
    followed: Option<&Followed>,
    violation_id: i64,
    accept: bool,
    today: Date,
) -> Result<Vec<(String, i64)>, RecommendationError> {
    let followed = followed
        .filter(|f| f.row.status == Status::RecommendationIssued)
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
    Ok(judged
        .iter()
        .map(|answer| {
            let revision = followed.revisions.get(&answer.id).copied().unwrap_or(1);
            (answer.id.clone(), revision)
        })
        .collect())
}

/// The import's check of `recommendation_response` records (reports.md): each names a violation of the batch's
/// own agency with an open recommendation, answered no earlier than its letter. A record sent again unchanged
/// passes even after its recommendation was settled, so that re-sending a batch stays idempotent. The messages
/// say which of these failed, so that a clerk knows whether the number is wrong or the recommendation is closed.
pub async fn check_answers(db: &Db, batch: &Batch) -> Result<Vec<FieldError>, DbError> {
    let mut errors = Vec::new();
    let answers: Vec<&Record> = batch
        .records
        .iter()
        .filter(|r| matches!(r.body, RecordBody::RecommendationResponse(_)))
        .collect();
    if answers.is_empty() {
        return Ok(errors);
    }
    let unchanged = db.unchanged_records(&batch.agency_code, &answers).await?;
    let mut open: Option<HashMap<i64, RecommendationRow>> = None;
    for (index, record) in batch.records.iter().enumerate() {
        let RecordBody::RecommendationResponse(answer) = &record.body else {
            continue;
        };
        if unchanged.contains(&(record.kind.as_str().to_string(), record.id.clone())) {
            continue;
        }
        if open.is_none() {
            let rows = db.recommendations(Some(&batch.agency_code)).await?;
            open = Some(rows.into_iter().map(|r| (r.violation_id, r)).collect());
        }
        let (id, agency) = (answer.violation_id, &batch.agency_code);
        let at = (index, record.id.as_str());
        let recommendation = open
            .as_ref()
            .and_then(|open| open.get(&id))
            .filter(|r| r.status == Status::RecommendationIssued);
        match recommendation {
            Some(rec) if answer.responded_on < rec.letter_date => {
                errors.push(FieldError::on_record(
                    at,
                    "responded_on",
                    format!(
                        "{} sebelum tanggal surat rekomendasi {} ({})",
                        answer.responded_on, rec.letter_number, rec.letter_date
                    ),
                    format!(
                        "{} is before the date of recommendation letter {} ({})",
                        answer.responded_on, rec.letter_number, rec.letter_date
                    ),
                ))
            }
            Some(_) => {}
            None => {
                let (message, message_en) = match db.violation_owner(id).await? {
                    Some((owner, status)) if owner == *agency => (
                        format!(
                            "pelanggaran {id} berstatus {}: hanya rekomendasi yang masih terbuka (recommendation_issued) yang dapat dijawab",
                            status.as_str()
                        ),
                        format!(
                            "violation {id} has status {}: only an open recommendation (recommendation_issued) can be answered",
                            status.as_str()
                        ),
                    ),
                    // Another agency's violation reads as unknown: a clerk learns nothing of other agencies.
                    _ => (
                        format!("instansi {agency} tidak memiliki pelanggaran nomor {id}; nomor ada di daftar rekomendasi instansi dan di surat rekomendasi"),
                        format!("agency {agency} has no violation {id}; the number is in the agency's list of recommendations and in the letter"),
                    ),
                };
                errors.push(FieldError::on_record(
                    at,
                    "violation_id",
                    message,
                    message_en,
                ));
            }
        }
    }
    Ok(errors)
}
