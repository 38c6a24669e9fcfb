//! The recommendations on violations loaded with the agencies' answers and the verdicts on them (issue #17):
//! read by the evaluation (R-REC-OVERDUE) and by `recommendations` (the list, the verdicts), so both see the
//! same follow-ups.

use std::collections::HashMap;

use super::error::EvaluationError;
use crate::db::{compact, Db, RecommendationRow, StoredAnswer, VerdictRow};
use crate::domain::recommendations::{Answer, FollowUp, Verdict};
use crate::domain::records::{RecommendationResponse, RecordBody};

/// A recommendation with its follow-up, as loaded.
#[derive(Clone, Debug)]
pub struct Followed {
    pub row: RecommendationRow,
    pub follow: FollowUp,
    /// The revision of each answer (by record id), which a verdict names.
    pub revisions: HashMap<String, i64>,
    /// Each answer as sent, with the reason of the verdict that rejected it (by record id), for the pages.
    pub sent: HashMap<String, (RecommendationResponse, Option<String>)>,
}

/// A stored answer as the import accepted it: from its compact form, or from its JSON through the import's
/// parser when the row is not cached in this build's compact version.
async fn read_answer(
    db: &Db,
    stored: &StoredAnswer,
) -> Result<Option<RecommendationResponse>, EvaluationError> {
    let body = match stored
        .compact
        .as_deref()
        .map(compact::decode)
        .transpose()?
        .flatten()
    {
        Some((_, body)) => body,
        None => {
            let Some(agency) = db.agency(&stored.agency_code).await? else {
                return Ok(None);
            };
            super::stored::decode(&agency, &stored.content)?.body
        }
    };
    Ok(match body {
        RecordBody::RecommendationResponse(answer) => Some(answer),
        _ => None,
    })
}

/// Every recommendation of one agency or all with its answers and the verdicts on them.
pub async fn load(db: &Db, agency: Option<&str>) -> Result<Vec<Followed>, EvaluationError> {
    let rows = db.recommendations(agency).await?;
    let mut answers = Vec::new();
    for stored in db.answers(agency).await? {
        if let Some(answer) = read_answer(db, &stored).await? {
            answers.push((stored, answer));
        }
    }
    let verdicts = db.verdicts(agency).await?;
    Ok(join(rows, &answers, &verdicts))
}

/// The recommendation on one violation of `agency` with its answers and verdicts (`None` without one): what its
/// page, its letter and a verdict read. Only the agency's answers are read beside it (an answer names its
/// violation inside its JSON), not its other recommendations and verdicts — issuing one of thousands read them all
/// (issue #21).
pub async fn load_one(
    db: &Db,
    agency: &str,
    violation_id: i64,
) -> Result<Option<Followed>, EvaluationError> {
    let Some(row) = db
        .recommendation(violation_id)
        .await?
        .filter(|r| r.agency_code == agency)
    else {
        return Ok(None);
    };
    let mut answers = Vec::new();
    for stored in db.answers(Some(agency)).await? {
        if let Some(answer) = read_answer(db, &stored).await? {
            if answer.violation_id == violation_id {
                answers.push((stored, answer));
            }
        }
    }
    let verdicts = db.verdicts_on(violation_id).await?;
    Ok(join(vec![row], &answers, &verdicts).pop())
}

/// Joins recommendations, answers and verdicts: an answer counts only for a violation of the agency that sent
/// it, and a verdict only for the revision it judged (an answer sent again awaits a new verdict).
fn join(
    rows: Vec<RecommendationRow>,
    answers: &[(StoredAnswer, RecommendationResponse)],
    verdicts: &[VerdictRow],
) -> Vec<Followed> {
    type Found = (Answer, i64, RecommendationResponse, Option<String>);
    let mut by_violation: HashMap<(String, i64), Vec<Found>> = HashMap::new();
    for (stored, answer) in answers {
        let violation_id = answer.violation_id;
        let judged = verdicts.iter().rfind(|v| {
            v.violation_id == violation_id
                && v.response_id == stored.record_id
                && v.revision == stored.revision
        });
        let verdict = judged.map(|v| {
            if v.accepted {
                Verdict::Accepted(v.on)
            } else {
                Verdict::Rejected(v.on)
            }
        });
        by_violation
            .entry((stored.agency_code.clone(), violation_id))
            .or_default()
            .push((
                Answer {
                    id: stored.record_id.clone(),
                    responded_on: answer.responded_on,
                    action: answer.action,
                    verdict,
                },
                stored.revision,
                answer.clone(),
                judged.and_then(|v| v.reason.clone()),
            ));
    }
    rows.into_iter()
        .map(|row| {
            let found = by_violation
                .remove(&(row.agency_code.clone(), row.violation_id))
                .unwrap_or_default();
            let revisions = found.iter().map(|(a, r, ..)| (a.id.clone(), *r)).collect();
            let sent = found
                .iter()
                .map(|(a, _, response, reason)| (a.id.clone(), (response.clone(), reason.clone())))
                .collect();
            Followed {
                follow: FollowUp {
                    letter_date: row.letter_date,
                    resolved_on: row.resolved_on,
                    answers: found.into_iter().map(|(a, ..)| a).collect(),
                },
                row,
                revisions,
                sent,
            }
        })
        .collect()
}
