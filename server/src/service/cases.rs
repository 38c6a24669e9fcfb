//! The staff's side of complaints filed through the form: the case list with the statistics, one case with the
//! complainant's identity shown only to its handlers (each showing audited), and the workflow steps
//! (`super::workflow`). A recommendation or a decision re-evaluates the agency, so `R-NEU-NO-FOLLOWUP` is raised
//! or cleared at once rather than at the next import.
//!
//! Imported complaints (`neutrality_complaint` records) are historical: their status comes with the record and
//! changes by a new revision, so they count in the statistics but have no case page here; their complainant is
//! never shown (`crate::db::Db::record_revisions` redacts it).

use std::collections::HashMap;
use std::sync::Arc;

use model::public::ComplaintStats;
use model::types::{
    Agency, AgencyDecision, CaseDetail, CaseList, CaseListFilter, CaseSummary, Identity,
    SessionUser,
};

use super::AppState;
use crate::auth::{Principal, Role};
use crate::db::{CaseFilter, CaseRecord, CaseUpdate, Db, DbError};
use crate::domain::complaints::stats::{tally, CaseFacts};
use crate::domain::complaints::workflow::{self, CaseState, Change, StepError, StepInput};
use crate::domain::elections::election_of;
use crate::domain::records::{RecordBody, RecordKind};
use crate::domain::Date;
use crate::rules::neutrality::follow_up;
use crate::service::evaluation::{self, EvaluationError, Scope};
use crate::service::stored::decode;

/// Most cases the list shows (newest first); the filters narrow it.
pub const LIST_LIMIT: i64 = 500;

#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error(transparent)]
    Evaluation(#[from] EvaluationError),
    #[error("no complaint {0}")]
    NotFound(String),
    #[error(transparent)]
    Refused(#[from] StepError),
    /// Another person's step came first; the page shows the case as it is now.
    #[error("the complaint changed meanwhile")]
    Moved,
    #[error("stored complaint {0} is inconsistent: {1}")]
    Corrupt(String, String),
}

/// The registry by code (records are decoded against their agency).
async fn registry(db: &Db) -> Result<HashMap<String, Agency>, CaseError> {
    Ok(db
        .all_agencies()
        .await?
        .into_iter()
        .map(|a| (a.code.clone(), a))
        .collect())
}

/// An agency's decision on record (`neutrality_followup`): the record's id, the day, the sanction.
type Decision = (String, Date, String);

/// Decisions by the agency that sent them and the complaint reference they name: a decision counts only for a
/// complaint of the agency that sent it (issue #14; the import refuses other references too).
type SentDecisions = HashMap<(String, String), Vec<Decision>>;

/// The agencies' decisions on record, by the complaint reference they name: all of them (`None`, for the
/// statistics), or those whose text mentions `needle` (`NET-` for the form's complaints, one reference for one
/// case), which spares decoding every follow-up of the imported complaints.
async fn agency_decisions(
    db: &Db,
    registry: &HashMap<String, Agency>,
    needle: Option<&str>,
) -> Result<SentDecisions, CaseError> {
    let mut found: SentDecisions = HashMap::new();
    let mut take = |code: String, content: String| -> Result<(), CaseError> {
        let Some(agency) = registry.get(&code) else {
            return Ok(());
        };
        let record = decode(agency, &content)?;
        if let RecordBody::NeutralityFollowup(f) = record.body {
            found.entry((code, f.complaint_ref)).or_default().push((
                record.id,
                f.decided_on,
                f.sanction.as_str().to_string(),
            ));
        }
        Ok(())
    };
    match needle {
        Some(needle) => {
            for (code, content) in db.followups_mentioning(needle).await? {
                take(code, content)?;
            }
        }
        None => {
            db.each_record_of_kind(RecordKind::NeutralityFollowup, take)
                .await?
        }
    }
    Ok(found)
}

/// The days of the decisions the agency sent about `reference`.
fn sent_days(sent: &SentDecisions, agency: &str, reference: &str) -> Vec<Date> {
    sent.get(&(agency.to_string(), reference.to_string()))
        .map(|v| v.iter().map(|(_, day, _)| *day).collect())
        .unwrap_or_default()
}

fn summary(
    case: &CaseRecord,
    decisions: &[Date],
    params: &crate::rules::ParamTimeline,
    today: Date,
) -> CaseSummary {
    let follow = case.recommended_on.map(|issued| {
        let days = params.at(issued).followup_days;
        follow_up(issued, decisions, days, today)
    });
    CaseSummary {
        reference: case.reference.clone(),
        agency_code: case.agency_code.clone(),
        agency_name: case.agency_name.clone(),
        election: case.election.clone(),
        position_level: case.position_level.clone(),
        received_on: case.received_on.to_string(),
        status: case.status,
        recommended_on: case.recommended_on.map(|d| d.to_string()),
        deadline: follow.map(|f| f.deadline.to_string()),
        decided_on: follow.and_then(|f| f.decided_on).map(|d| d.to_string()),
        overdue: follow.is_some_and(|f| f.overdue),
    }
}

/// A case's decisions: the one staff entered and those the agency sent.
fn decisions_of(case: &CaseRecord, sent: &SentDecisions) -> Vec<Date> {
    let mut all = sent_days(sent, &case.agency_code, &case.reference);
    all.extend(case.decided_on);
    all
}

/// The facts of every complaint, imported and filed, for the statistics.
pub async fn facts(db: &Db) -> Result<Vec<CaseFacts>, CaseError> {
    let registry = registry(db).await?;
    let sent = agency_decisions(db, &registry, None).await?;
    let mut facts = Vec::new();
    db.each_record_of_kind(
        RecordKind::NeutralityComplaint,
        |code, content| -> Result<(), CaseError> {
            let Some(agency) = registry.get(&code) else {
                return Ok(());
            };
            let record = decode(agency, &content)?;
            if let RecordBody::NeutralityComplaint(c) = record.body {
                facts.push(CaseFacts {
                    election: election_of(c.received_on).to_string(),
                    received_on: c.received_on,
                    position_level: c.accused.position_level.as_str().to_string(),
                    violation_type: Some(c.violation_type.as_str().to_string()),
                    status: c.status,
                    recommended_on: c.recommendation.map(|r| r.issued_on),
                    // An imported complaint's reference is `<agency_code>/<id>` (reports.md).
                    decisions: sent_days(&sent, &code, &format!("{code}/{}", record.id)),
                });
            }
            Ok(())
        },
    )
    .await?;
    for case in db.cases(&CaseFilter::default(), i64::MAX).await? {
        facts.push(CaseFacts {
            decisions: decisions_of(&case, &sent),
            election: case.election,
            received_on: case.received_on,
            position_level: case.position_level,
            violation_type: case.violation_type,
            status: case.status,
            recommended_on: case.recommended_on,
        });
    }
    Ok(facts)
}

/// The statistics of every complaint as of `today`, exact (staff); the public gets them suppressed. Kept in
/// memory for the state of the data they were computed from (the public aggregates' key), since they read every
/// complaint record.
pub async fn stats(app: &AppState, today: Date) -> Result<Arc<ComplaintStats<i64>>, CaseError> {
    let db = &app.db;
    let key = db.public_source_key(&today.to_string()).await?;
    if let Some(stats) = app.public.staff_complaint_stats(&key) {
        return Ok(stats);
    }
    let facts = facts(db).await?;
    let params = crate::service::parameters::timeline(db).await?;
    let stats = Arc::new(tally(&facts, &|day| params.at(day).followup_days, today));
    app.public.set_staff_complaint_stats(key, stats.clone());
    Ok(stats)
}

fn blank_to_none(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// The case list for a staff reader.
pub async fn list(
    app: &AppState,
    viewer: &SessionUser,
    filter: &CaseListFilter,
) -> Result<CaseList, CaseError> {
    let db = &app.db;
    let today = crate::clock::today();
    let params = crate::service::parameters::timeline(db).await?;
    let sent = agency_decisions(db, &registry(db).await?, Some("NET-")).await?;
    let filter = CaseFilter {
        status: blank_to_none(&filter.status),
        agency_code: blank_to_none(&filter.agency),
        election: blank_to_none(&filter.election),
        handler: (filter.mine == "1").then(|| viewer.name.clone()),
        recommended: false,
    };
    // One more than shown says whether there are more.
    let mut found = db.cases(&filter, LIST_LIMIT + 1).await?;
    let more = found.len() > usize::try_from(LIST_LIMIT).unwrap_or(usize::MAX);
    found.truncate(usize::try_from(LIST_LIMIT).unwrap_or(usize::MAX));
    Ok(CaseList {
        cases: found
            .iter()
            .map(|c| summary(c, &decisions_of(c, &sent), &params, today))
            .collect(),
        limit: LIST_LIMIT,
        more,
        stats: stats(app, today).await?.as_ref().clone(),
    })
}

/// Who may handle a case: an active analyst or commissioner (administrators run the system, not cases).
fn may_handle(user: &model::types::UserSummary) -> bool {
    user.active && matches!(user.role, Role::Analyst | Role::Commissioner)
}

fn state(case: &CaseRecord) -> Result<CaseState, CaseError> {
    Ok(CaseState {
        status: case.status,
        received_on: case.received_on,
        recommended_on: case.recommended_on,
        decided_on: case.decided_on,
    })
}

/// One case for a staff reader; `reveal` asks to show the complainant's identity, which only a handler gets
/// (and which is then audited).
pub async fn open(
    db: &Db,
    viewer: &SessionUser,
    reference: &str,
    reveal: bool,
) -> Result<Option<CaseDetail>, CaseError> {
    let Some(case) = db.case_by_reference(reference).await? else {
        return Ok(None);
    };
    let today = crate::clock::today();
    let sent = agency_decisions(db, &registry(db).await?, Some(reference)).await?;
    let handlers = db.case_handlers(case.id).await?;
    let handles = handlers.contains(&viewer.name);
    let anonymous = case.complainant_name.is_none() && case.complainant_contact.is_none();
    let identity = match (anonymous, handles, reveal) {
        (true, _, _) => Identity::Anonymous,
        (false, false, _) => Identity::Hidden,
        (false, true, false) => Identity::Available,
        (false, true, true) => {
            db.audit_identity_view(&case.reference, (&crate::clock::now_text(), &viewer.name))
                .await?;
            Identity::Shown {
                name: case.complainant_name.clone(),
                contact: case.complainant_contact.clone(),
            }
        }
    };
    let actions = workflow::allowed(viewer.role, &state(&case)?)
        .into_iter()
        .map(|a| a.as_str().to_string())
        .collect();
    let assignable = db
        .users()
        .await?
        .into_iter()
        .filter(may_handle)
        .map(|u| u.name)
        .filter(|name| !handlers.contains(name))
        .collect();
    let agency_decisions = sent
        .get(&(case.agency_code.clone(), case.reference.clone()))
        .map(|v| {
            v.iter()
                .map(|(id, d, s)| AgencyDecision {
                    record_id: id.clone(),
                    decided_on: d.to_string(),
                    sanction: s.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let params = crate::service::parameters::timeline(db).await?;
    Ok(Some(CaseDetail {
        summary: summary(&case, &decisions_of(&case, &sent), &params, today),
        accused_name: case.accused_name.clone(),
        happened_on: case.happened_on.clone(),
        account: case.summary.clone(),
        evidence: case.evidence.clone(),
        violation_type: case.violation_type.clone(),
        dismissed_reason: case.dismissed_reason.clone(),
        recommended_sanction: case.recommended_sanction.clone(),
        letter_number: case.letter_number.clone(),
        decided_sanction: case.decided_sanction.clone(),
        agency_decisions,
        handlers,
        identity,
        actions,
        assignable,
        history: db.case_history(&case.reference).await?,
    }))
}

/// Takes one workflow step on a case for `principal`.
pub async fn take_step(
    db: &Db,
    principal: &Principal,
    reference: &str,
    input: &StepInput,
) -> Result<(), CaseError> {
    let case = db
        .case_by_reference(reference)
        .await?
        .ok_or_else(|| CaseError::NotFound(reference.to_string()))?;
    let today = crate::clock::today();
    let change = workflow::check(principal.role, &state(&case)?, input, today)?;
    let update = match &change {
        Change::Status {
            to,
            violation_type,
            reason,
        } => CaseUpdate::Status {
            from: case.status,
            to: *to,
            violation_type: violation_type.map(|t| t.as_str()),
            reason: reason.as_deref(),
        },
        Change::Recommend {
            sanction,
            letter_number,
            issued_on,
        } => CaseUpdate::Recommend {
            sanction: sanction.as_str(),
            letter_number,
            issued_on: *issued_on,
        },
        Change::FollowUp {
            decided_on,
            sanction,
        } => CaseUpdate::FollowUp {
            decided_on: *decided_on,
            sanction: sanction.as_str(),
        },
        Change::Assign { handler } => {
            let eligible = db
                .users()
                .await?
                .iter()
                .any(|u| u.name == *handler && may_handle(u));
            if !eligible {
                return Err(StepError::HandlerRequired.into());
            }
            CaseUpdate::Assign { handler }
        }
    };
    let stored = db
        .update_case(&case, &update, (&crate::clock::now_text(), &principal.user))
        .await?;
    if !stored {
        return Err(CaseError::Moved);
    }
    if matches!(change, Change::Recommend { .. } | Change::FollowUp { .. }) {
        evaluation::run(
            db,
            Scope::Agency(&case.agency_code),
            today,
            &principal.user,
            &mut |_, _| {},
        )
        .await?;
    }
    Ok(())
}
