//! Steps people take on violations: the workflow's moves with their events and audit entries, and a
//! violation's history. (The rules' own events are written in bulk by `violations::apply_evaluation`.)

use model::types::ViolationStep;
use model::Status;
use sqlx::{AnyConnection, Row};

use super::{audit, Db, DbError};
use crate::domain::violation::Transition;

/// A step in a violation's history taken by a person (the rules' own events are written in bulk by
/// `apply_evaluation`).
pub(super) struct Event<'a> {
    pub(super) event: &'a str,
    pub(super) from_status: Option<&'a str>,
    pub(super) to_status: Option<&'a str>,
    pub(super) reason: Option<&'a str>,
    pub(super) letter_number: Option<&'a str>,
    pub(super) letter_date: Option<String>,
    pub(super) as_of: Option<String>,
}

/// One workflow step of a violation, already checked: from the status it must still have.
#[derive(Clone, Copy, Debug)]
pub struct Move<'a> {
    pub id: i64,
    pub from: Status,
    pub step: &'a Transition,
}

/// Moves violation `id` from `from` to `to` within a write transaction; `false`, changing nothing, when it is no
/// longer in `from` (someone moved it meanwhile). Every status change by a person goes through here: a workflow
/// step and an accepted answer to a recommendation. The caller moves the explorer's generation once per
/// transaction (`Db::bump_generation`; once per move, an agency's thousand steps wrote that row a thousand times).
pub(super) async fn move_status(
    conn: &mut AnyConnection,
    id: i64,
    (from, to): (Status, Status),
    now: &str,
) -> Result<bool, DbError> {
    let moved = sqlx::query(
        "UPDATE violations SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(id)
    .bind(from.as_str())
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(moved > 0)
}

pub(super) async fn record_event(
    conn: &mut AnyConnection,
    violation_id: i64,
    (at, actor): (&str, &str),
    e: Event<'_>,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO violation_events (violation_id, at, actor, event, from_status, to_status, reason, letter_number, letter_date, as_of)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(violation_id)
    .bind(at)
    .bind(actor)
    .bind(e.event)
    .bind(e.from_status)
    .bind(e.to_status)
    .bind(e.reason)
    .bind(e.letter_number)
    .bind(e.letter_date)
    .bind(e.as_of)
    .execute(conn)
    .await?;
    Ok(())
}

impl Db {
    /// A violation's history, oldest first.
    pub async fn violation_events(&self, id: i64) -> Result<Vec<ViolationStep>, DbError> {
        let rows = sqlx::query(
            "SELECT at, actor, event, from_status, to_status, reason, letter_number, letter_date, as_of
             FROM violation_events WHERE violation_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ViolationStep {
                    at: r.try_get("at")?,
                    actor: r.try_get("actor")?,
                    event: r.try_get("event")?,
                    from_status: super::get_optional_code(r, "from_status", Status::parse)?,
                    to_status: super::get_optional_code(r, "to_status", Status::parse)?,
                    reason: r.try_get("reason")?,
                    letter_number: r.try_get("letter_number")?,
                    letter_date: r.try_get("letter_date")?,
                    as_of: r.try_get("as_of")?,
                })
            })
            .collect()
    }

    /// Moves a violation from `from` to `step.to` (already checked against the workflow and the role), with its
    /// event and an audit entry. Returns `false`, changing nothing, when the violation is no longer in `from`
    /// (someone else moved it meanwhile).
    pub async fn transition_violation(
        &self,
        id: i64,
        from: Status,
        step: &Transition,
        by: (&str, &str),
    ) -> Result<bool, DbError> {
        let moves = [Move { id, from, step }];
        Ok(self.transition_violations(&moves, by).await?.is_none())
    }

    /// Takes `moves` in order, in one transaction, each with its event and audit entry as if taken alone; all or
    /// none. Returns the first violation no longer in its move's `from` (nothing changed then), else `None`. The
    /// demo issues an agency's recommendations so: one commit instead of two per recommendation.
    pub async fn transition_violations(
        &self,
        moves: &[Move<'_>],
        (now, actor): (&str, &str),
    ) -> Result<Option<i64>, DbError> {
        let mut tx = self.begin_write().await?;
        for &Move { id, from, step } in moves {
            if !move_status(&mut tx, id, (from, step.to), now).await? {
                return Ok(Some(id));
            }
            record_event(
                &mut tx,
                id,
                (now, actor),
                Event {
                    event: "transition",
                    from_status: Some(from.as_str()),
                    to_status: Some(step.to.as_str()),
                    reason: step.reason.as_deref(),
                    letter_number: step.letter_number.as_deref(),
                    letter_date: step.letter_date.map(|d| d.to_string()),
                    as_of: None,
                },
            )
            .await?;
            let after = serde_json::json!({
                "status": step.to.as_str(),
                "reason": step.reason,
                "letter_number": step.letter_number,
                "letter_date": step.letter_date.map(|d| d.to_string()),
            });
            audit(
                &mut tx,
                (now, actor),
                "violation.transition",
                &format!("violation/{id}"),
                Some(serde_json::json!({"status": from.as_str()}).to_string()),
                Some(after.to_string()),
            )
            .await?;
        }
        if !moves.is_empty() {
            Self::bump_generation(&mut tx).await?;
        }
        tx.commit().await?;
        self.note_write();
        Ok(None)
    }
}
