//! Steps people take on violations: the workflow's moves with their events and audit entries, and a
//! violation's history. (The rules' own events are written in bulk by `violations::apply_evaluation`.)

use model::types::ViolationStep;
use model::Status;
use std::collections::{BTreeMap, HashMap};

use sqlx::{AnyConnection, Row};

use super::multirow::{self, Arg};
use super::{audit_all, AuditEntry, Db, DbError};
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

/// Moves violations within a write transaction, `(id, from, to)` in order; `Some(id)` of a violation no longer
/// in its move's `from` (someone moved it meanwhile; the caller rolls back, so nothing changes). Every status
/// change by a person goes through here: workflow steps and accepted answers to recommendations.
///
/// The violations are read by primary key and locked, the moves checked in order in Rust (a violation's second
/// move against what its first left), and each violation written once, in one `UPDATE … WHERE id IN (…)` per
/// final status (issue #21: an agency's thousand recommendations, two steps each, were two thousand
/// statements). Matching `status = from` inside the UPDATE instead let PostgreSQL, with the statistics stale
/// after a bulk load, plan it through the status index: 10 ms per 200 ids against 0.1 ms by primary key. The
/// caller moves the explorer's generation once per transaction (`Db::bump_generation`).
pub(super) async fn move_statuses(
    conn: &mut AnyConnection,
    moves: &[(i64, Status, Status)],
    now: &str,
) -> Result<Option<i64>, DbError> {
    let mut ids: Vec<i64> = moves.iter().map(|&(id, _, _)| id).collect();
    ids.sort_unstable();
    ids.dedup();
    let keys: Vec<Arg> = ids.iter().map(|&id| Arg::Int(id)).collect();
    let rows =
        multirow::select_for_update(conn, "SELECT id, status FROM violations", "id", &keys).await?;
    let mut statuses: HashMap<i64, Status> = HashMap::with_capacity(rows.len());
    for row in &rows {
        let status = super::get_code(row, "status", Status::parse)?;
        statuses.insert(row.try_get("id")?, status);
    }
    for &(id, from, to) in moves {
        match statuses.get_mut(&id) {
            Some(status) if *status == from => *status = to,
            _ => return Ok(Some(id)),
        }
    }
    let mut by_status: BTreeMap<Status, Vec<Arg>> = BTreeMap::new();
    for (&id, &status) in &statuses {
        by_status.entry(status).or_default().push(Arg::Int(id));
    }
    for (status, keys) in &by_status {
        multirow::update_in(
            conn,
            "violations",
            &[
                ("status", Arg::Text(status.as_str())),
                ("updated_at", Arg::Text(now)),
            ],
            "id",
            keys,
        )
        .await?;
    }
    Ok(None)
}

/// Writes people's steps into the violations' histories, `(violation id, event)` in order, in multi-row
/// statements.
pub(super) async fn record_events(
    conn: &mut AnyConnection,
    (at, actor): (&str, &str),
    events: &[(i64, Event<'_>)],
) -> Result<(), DbError> {
    let rows: Vec<Vec<Arg>> = events
        .iter()
        .map(|(id, e)| {
            vec![
                Arg::Int(*id),
                Arg::Text(at),
                Arg::Text(actor),
                Arg::Text(e.event),
                Arg::MaybeText(e.from_status),
                Arg::MaybeText(e.to_status),
                Arg::MaybeText(e.reason),
                Arg::MaybeText(e.letter_number),
                Arg::MaybeText(e.letter_date.as_deref()),
                Arg::MaybeText(e.as_of.as_deref()),
            ]
        })
        .collect();
    multirow::insert(
        conn,
        "violation_events (violation_id, at, actor, event, from_status, to_status, reason, letter_number, letter_date, as_of)",
        &rows,
        "",
    )
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
    /// none. Returns a violation no longer in its move's `from` (nothing changed then), else `None`. The
    /// demo issues an agency's recommendations so: one commit instead of two per recommendation.
    pub async fn transition_violations(
        &self,
        moves: &[Move<'_>],
        (now, actor): (&str, &str),
    ) -> Result<Option<i64>, DbError> {
        let mut tx = self.begin_write().await?;
        let statuses: Vec<(i64, Status, Status)> =
            moves.iter().map(|m| (m.id, m.from, m.step.to)).collect();
        if let Some(moved) = move_statuses(&mut tx, &statuses, now).await? {
            return Ok(Some(moved));
        }
        let events: Vec<(i64, Event)> = moves
            .iter()
            .map(|&Move { id, from, step }| {
                let event = Event {
                    event: "transition",
                    from_status: Some(from.as_str()),
                    to_status: Some(step.to.as_str()),
                    reason: step.reason.as_deref(),
                    letter_number: step.letter_number.as_deref(),
                    letter_date: step.letter_date.map(|d| d.to_string()),
                    as_of: None,
                };
                (id, event)
            })
            .collect();
        record_events(&mut tx, (now, actor), &events).await?;
        let entries: Vec<AuditEntry> = moves
            .iter()
            .map(|&Move { id, from, step }| AuditEntry {
                action: "violation.transition",
                subject: format!("violation/{id}"),
                before: Some(serde_json::json!({"status": from.as_str()}).to_string()),
                after: Some(
                    serde_json::json!({
                        "status": step.to.as_str(),
                        "reason": step.reason,
                        "letter_number": step.letter_number,
                        "letter_date": step.letter_date.map(|d| d.to_string()),
                    })
                    .to_string(),
                ),
            })
            .collect();
        audit_all(&mut tx, (now, actor), &entries).await?;
        if !moves.is_empty() {
            Self::bump_generation(&mut tx).await?;
        }
        tx.commit().await?;
        self.note_write();
        Ok(None)
    }
}
