//! The violation workflow as a person takes it (rules.md): find the violation the caller may see, check the step
//! with `rules::lifecycle::check`, and move it with its event and audit entry in one transaction. The API answers
//! a refusal with a status code and the staff pages with a message; both start here.

use std::collections::HashMap;

use crate::auth::{Principal, Role};
use crate::db::{Db, DbError, Move, ViolationRow};
use crate::domain::Date;
use crate::rules::lifecycle::{self, Status, Transition, TransitionError};

/// What a person asks for, as sent (the API's JSON body, the violation page's form).
#[derive(Clone, Debug, Default)]
pub struct StepRequest {
    pub to: String,
    pub reason: Option<String>,
    pub letter_number: Option<String>,
    pub letter_date: Option<String>,
}

/// Why a workflow step was not taken.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error("unknown status {0:?}; expected one of {expected}", expected = Status::expected())]
    UnknownStatus(String),
    #[error("letter_date: {0}")]
    BadDate(String),
    #[error("no violation {0}")]
    NotFound(i64),
    #[error("violation {0} was moved by someone else meanwhile; reload it")]
    Moved(i64),
    #[error(transparent)]
    Refused(TransitionError),
    #[error("violation {0} has status {1:?}")]
    Corrupt(i64, String),
    #[error(transparent)]
    Database(#[from] DbError),
}

/// Whether `principal` may read a violation of `agency`: staff all, a clerk their own agency's.
pub fn may_read(principal: &Principal, agency: &str) -> bool {
    match principal.role {
        Role::Agency => principal.agency_code.as_deref() == Some(agency),
        Role::Analyst | Role::Commissioner | Role::Admin => true,
    }
}

/// The violation `id` if `principal` may see it. Another agency's violation is `None` to a clerk, as if it did
/// not exist: its existence is not theirs to know.
pub async fn find(
    db: &Db,
    principal: &Principal,
    id: i64,
) -> Result<Option<ViolationRow>, DbError> {
    Ok(db
        .violation(id)
        .await?
        .filter(|v| may_read(principal, &v.agency_code)))
}

/// Takes one workflow step for `principal`: the role, the workflow and what the step needs are checked by
/// `lifecycle::check`; the move, its event and its audit entry land together.
pub async fn take_step(
    db: &Db,
    principal: &Principal,
    id: i64,
    request: &StepRequest,
) -> Result<(), StepError> {
    take_steps(db, principal, &[(id, request)]).await
}

/// Takes `requests` in order, each checked as [`take_step`] checks one (a later step of the same violation from
/// the status the earlier one left), in one transaction: all or none. The demo issues an agency's
/// recommendations so.
pub async fn take_steps(
    db: &Db,
    principal: &Principal,
    requests: &[(i64, &StepRequest)],
) -> Result<(), StepError> {
    let mut steps = Vec::with_capacity(requests.len());
    for &(id, request) in requests {
        steps.push((id, transition(request)?));
    }
    // The violations as stored, read together (one query, not one per step), as far as the caller may see them.
    let mut ids: Vec<i64> = steps.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    let stored: HashMap<i64, ViolationRow> = db
        .violations_by_id(&ids)
        .await?
        .into_iter()
        .filter(|v| may_read(principal, &v.agency_code))
        .map(|v| (v.id, v))
        .collect();
    // Each violation's status as the steps so far leave it.
    let mut status: HashMap<i64, Status> = HashMap::new();
    let mut moves = Vec::with_capacity(steps.len());
    for (id, step) in &steps {
        let from = match status.get(id) {
            Some(&from) => from,
            None => {
                let violation = stored.get(id).ok_or(StepError::NotFound(*id))?;
                Status::parse(&violation.status)
                    .ok_or_else(|| StepError::Corrupt(*id, violation.status.clone()))?
            }
        };
        lifecycle::check(principal.role, from, step).map_err(StepError::Refused)?;
        status.insert(*id, step.to);
        moves.push(Move {
            id: *id,
            from,
            step,
        });
    }
    let now = crate::clock::now_text();
    if let Some(id) = db
        .transition_violations(&moves, (&now, &principal.user))
        .await?
    {
        return Err(StepError::Moved(id));
    }
    // The letters go to the agencies' clerks through the outbox; one that cannot be written is logged.
    let issued: Vec<(&str, i64)> = steps
        .iter()
        .filter(|(_, step)| step.to == Status::RecommendationIssued)
        .filter_map(|(id, _)| stored.get(id).map(|v| (v.agency_code.as_str(), *id)))
        .collect();
    crate::service::mail::announce_issued(db, &issued).await;
    Ok(())
}

/// The step a request asks for; its blank texts are none.
fn transition(request: &StepRequest) -> Result<Transition, StepError> {
    let to =
        Status::parse(&request.to).ok_or_else(|| StepError::UnknownStatus(request.to.clone()))?;
    let blank = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
    let letter_date = blank(&request.letter_date)
        .map(|d| Date::parse(d.trim()).map_err(|e| StepError::BadDate(e.to_string())))
        .transpose()?;
    Ok(Transition {
        to,
        reason: blank(&request.reason),
        letter_number: blank(&request.letter_number),
        letter_date,
    })
}
