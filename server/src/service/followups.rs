//! The recommendations on violations loaded with the agencies' answers and the verdicts on them (issue #17):
//! read by the evaluation (R-REC-OVERDUE) and by `recommendations` (the list, the verdicts), so both see the
//! same follow-ups.

use std::collections::HashMap;

use model::{ResponseAction, Status};

use crate::db::{Db, DbError, RecommendationRow, StoredAnswer, VerdictRow};
use crate::domain::recommendations::{Answer, FollowUp, Verdict};
use crate::domain::Date;

/// A recommendation with its follow-up, as loaded.
#[derive(Clone, Debug)]
pub struct Followed {
    pub row: RecommendationRow,
    pub follow: FollowUp,
    /// The revision of each answer (by record id), which a verdict names.
    pub revisions: HashMap<String, i64>,
}

/// The fields of a stored answer the follow-up reads (the import validated the rest).
fn read_answer(stored: &StoredAnswer) -> Option<(i64, Date, ResponseAction)> {
    let value: serde_json::Value = serde_json::from_str(&stored.content).ok()?;
    Some((
        value.get("violation_id")?.as_i64()?,
        Date::parse(value.get("responded_on")?.as_str()?).ok()?,
        ResponseAction::parse(value.get("action")?.as_str()?)?,
    ))
}

/// Every recommendation of one agency or all with its answers and the verdicts on them.
pub async fn load(db: &Db, agency: Option<&str>) -> Result<Vec<Followed>, DbError> {
    let rows = db.recommendations(agency).await?;
    let answers = db.answers(agency).await?;
    let verdicts = db.verdicts(agency).await?;
    Ok(join(rows, &answers, &verdicts))
}

/// Joins recommendations, answers and verdicts: an answer counts only for a violation of the agency that sent
/// it, and a verdict only for the revision it judged (an answer sent again awaits a new verdict).
fn join(
    rows: Vec<RecommendationRow>,
    answers: &[StoredAnswer],
    verdicts: &[VerdictRow],
) -> Vec<Followed> {
    let mut by_violation: HashMap<(String, i64), Vec<(Answer, i64)>> = HashMap::new();
    for stored in answers {
        let Some((violation_id, responded_on, action)) = read_answer(stored) else {
            continue;
        };
        let verdict = verdicts
            .iter()
            .rfind(|v| {
                v.violation_id == violation_id
                    && v.response_id == stored.record_id
                    && v.revision == stored.revision
            })
            .map(|v| {
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
                    responded_on,
                    action,
                    verdict,
                },
                stored.revision,
            ));
    }
    rows.into_iter()
        .map(|row| {
            let found = by_violation
                .remove(&(row.agency_code.clone(), row.violation_id))
                .unwrap_or_default();
            let revisions = found.iter().map(|(a, r)| (a.id.clone(), *r)).collect();
            Followed {
                follow: FollowUp {
                    letter_date: row.letter_date,
                    // Resolved by a workflow step without an accepted answer: the day of that step.
                    resolved_on: (row.status == Status::Resolved)
                        .then_some(row.resolved_on)
                        .flatten(),
                    answers: found.into_iter().map(|(a, _)| a).collect(),
                },
                row,
                revisions,
            }
        })
        .collect()
}
