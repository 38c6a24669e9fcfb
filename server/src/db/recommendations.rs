//! Recommendations on violations and the commissioners' verdicts on the agencies' answers (issue #17). A
//! recommendation is the latest workflow step of a violation to `recommendation_issued` (its letter number and
//! date); the answers are `recommendation_response` records (read with the other records); the verdicts are
//! rows of `recommendation_verdicts`. Where each stands is `domain::recommendations`' business.

use sqlx::Row;

use super::multirow::{self, Arg};
use super::violation_steps::{move_statuses, record_events, Event};
use super::{audit_all, get_bool, get_code, AuditEntry, Db, DbError};
use crate::domain::Date;
use model::{RuleId, Status};

/// A violation that received a recommendation (and was not dismissed since).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecommendationRow {
    pub violation_id: i64,
    pub agency_code: String,
    pub rule_id: RuleId,
    pub record_kind: String,
    pub record_id: String,
    pub subject_nip: String,
    pub status: Status,
    /// The violation in words (Indonesian, English), for the agency's list.
    pub message: String,
    pub message_en: String,
    pub letter_number: String,
    pub letter_date: Date,
    /// The day the violation was last resolved, when it is.
    pub resolved_on: Option<Date>,
}

/// One verdict on one revision of an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerdictRow {
    pub violation_id: i64,
    pub response_id: String,
    pub revision: i64,
    pub accepted: bool,
    pub reason: Option<String>,
    pub on: Date,
}

/// An answer as stored: the agency, the record's id, its current revision, its compact form (see `compact`;
/// `None` for a row not cached yet) and its JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAnswer {
    pub agency_code: String,
    pub record_id: String,
    pub revision: i64,
    pub compact: Option<Vec<u8>>,
    pub content: String,
}

/// The day of a stored timestamp (`YYYY-MM-DDTHH:MM:SSZ`).
fn day_of(at: &str) -> Result<Date, DbError> {
    Date::parse(at.get(..10).unwrap_or(at))
        .map_err(|e| DbError::Corrupt(format!("timestamp {at:?}: {e}")))
}

/// Verdict rows as read.
fn verdict_rows(rows: &[sqlx::any::AnyRow]) -> Result<Vec<VerdictRow>, DbError> {
    rows.iter()
        .map(|r| {
            let at: String = r.try_get("at")?;
            Ok(VerdictRow {
                violation_id: r.try_get("violation_id")?,
                response_id: r.try_get("response_id")?,
                revision: r.try_get("revision")?,
                accepted: get_bool(r, "accepted")?,
                reason: r.try_get("reason")?,
                on: day_of(&at)?,
            })
        })
        .collect()
}

impl Db {
    /// Every violation with a recommendation, of one agency or all, by id: the latest letter of each, and the
    /// day it was resolved when it is.
    pub async fn recommendations(
        &self,
        agency: Option<&str>,
    ) -> Result<Vec<RecommendationRow>, DbError> {
        let condition = super::optional_eq("v.agency_code", 1, agency);
        let query = sqlx::query(sqlx::AssertSqlSafe(Self::recommendations_where(&condition)))
            .bind(agency.unwrap_or_default().to_string());
        self.recommendation_rows(query).await
    }

    /// The recommendation on violation `violation_id`, if it received one (and was not dismissed since): the
    /// one a violation's page, its letter and a verdict need, without reading the agency's others.
    pub async fn recommendation(
        &self,
        violation_id: i64,
    ) -> Result<Option<RecommendationRow>, DbError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(Self::recommendations_where(
            "v.id = $1",
        )))
        .bind(violation_id);
        Ok(self.recommendation_rows(query).await?.pop())
    }

    fn recommendations_where(condition: &str) -> String {
        format!(
            "SELECT v.id, v.agency_code, v.rule_id, v.record_kind, v.record_id, v.subject_nip, v.status,
                    v.message, v.message_en, e.to_status, e.letter_number, e.letter_date, e.at
             FROM violations v JOIN violation_events e ON e.violation_id = v.id
             WHERE v.status IN ('recommendation_issued', 'resolved')
               AND e.event = 'transition' AND e.to_status IN ('recommendation_issued', 'resolved')
               AND {condition}
             ORDER BY v.id, e.id"
        )
    }

    /// The rows of a [`Self::recommendations_where`] query folded into one per violation.
    async fn recommendation_rows(
        &self,
        query: sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments>,
    ) -> Result<Vec<RecommendationRow>, DbError> {
        let rows = query.fetch_all(&self.pool).await?;
        let mut out: Vec<RecommendationRow> = Vec::new();
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let to: Status = get_code(r, "to_status", Status::parse)?;
            let at: String = r.try_get("at")?;
            if to == Status::Resolved {
                if let Some(last) = out.last_mut().filter(|l| l.violation_id == id) {
                    last.resolved_on = Some(day_of(&at)?);
                }
                continue;
            }
            let letter_date: Option<String> = r.try_get("letter_date")?;
            let Some(letter_date) = letter_date else {
                continue;
            };
            let letter_date = Date::parse(&letter_date)
                .map_err(|e| DbError::Corrupt(format!("letter_date: {e}")))?;
            let row = RecommendationRow {
                violation_id: id,
                agency_code: r.try_get("agency_code")?,
                rule_id: get_code(r, "rule_id", RuleId::parse)?,
                record_kind: r.try_get("record_kind")?,
                record_id: r.try_get("record_id")?,
                subject_nip: r.try_get("subject_nip")?,
                status: get_code(r, "status", Status::parse)?,
                message: r.try_get("message")?,
                message_en: r.try_get("message_en")?,
                letter_number: r
                    .try_get::<Option<String>, _>("letter_number")?
                    .unwrap_or_default(),
                letter_date,
                resolved_on: None,
            };
            // A later letter (issued again after a dismissal was undone, say) replaces the earlier one.
            match out.last_mut().filter(|l| l.violation_id == id) {
                Some(last) => *last = row,
                None => out.push(row),
            }
        }
        Ok(out)
    }

    /// The agency and workflow status of a violation, if it exists.
    pub async fn violation_owner(
        &self,
        violation_id: i64,
    ) -> Result<Option<(String, Status)>, DbError> {
        let row = sqlx::query("SELECT agency_code, status FROM violations WHERE id = $1")
            .bind(violation_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok((
                r.try_get("agency_code")?,
                get_code(&r, "status", Status::parse)?,
            ))
        })
        .transpose()
    }

    /// The stored answers (`recommendation_response` records) of one agency or all.
    pub async fn answers(&self, agency: Option<&str>) -> Result<Vec<StoredAnswer>, DbError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT agency_code, record_id, CAST(revision AS BIGINT) AS revision, compact, content FROM records
             WHERE kind = 'recommendation_response' AND {}
             ORDER BY agency_code, record_id",
            super::optional_eq("agency_code", 1, agency)
        )))
        .bind(agency.unwrap_or_default())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredAnswer {
                    agency_code: r.try_get("agency_code")?,
                    record_id: r.try_get("record_id")?,
                    revision: r.try_get("revision")?,
                    compact: r.try_get("compact")?,
                    content: r.try_get("content")?,
                })
            })
            .collect()
    }

    /// Every verdict on the answers of one agency or all, oldest first.
    pub async fn verdicts(&self, agency: Option<&str>) -> Result<Vec<VerdictRow>, DbError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT violation_id, response_id, revision, accepted, reason, at FROM recommendation_verdicts
             WHERE {} ORDER BY id",
            super::optional_eq("agency_code", 1, agency)
        )))
        .bind(agency.unwrap_or_default())
        .fetch_all(&self.pool)
        .await?;
        verdict_rows(&rows)
    }

    /// The verdicts on the answers to one violation's recommendation, oldest first.
    pub async fn verdicts_on(&self, violation_id: i64) -> Result<Vec<VerdictRow>, DbError> {
        let rows = sqlx::query(
            "SELECT violation_id, response_id, revision, accepted, reason, at FROM recommendation_verdicts
             WHERE violation_id = $1 ORDER BY id",
        )
        .bind(violation_id)
        .fetch_all(&self.pool)
        .await?;
        verdict_rows(&rows)
    }

    /// Records verdicts on answers of `agency`, together (all or none), each in its violation's history and the
    /// audit log; an accepted answer also resolves its violation if it is still `recommendation_issued`. When one
    /// was moved by someone else meanwhile, nothing is stored and its id is returned (as
    /// `Db::transition_violations` does).
    pub async fn record_verdicts(
        &self,
        agency: &str,
        verdicts: &[NewVerdict<'_>],
        (now, actor): (&str, &str),
    ) -> Result<Option<i64>, DbError> {
        let mut tx = self.begin_write().await?;
        let resolved: Vec<(i64, Status, Status)> = verdicts
            .iter()
            .filter(|v| v.accepted)
            .map(|v| {
                (
                    v.violation_id,
                    Status::RecommendationIssued,
                    Status::Resolved,
                )
            })
            .collect();
        if let Some(moved) = move_statuses(&mut tx, &resolved, now).await? {
            return Ok(Some(moved));
        }
        store_verdicts(&mut tx, agency, verdicts, (now, actor)).await?;
        if !resolved.is_empty() {
            Self::bump_generation(&mut tx).await?;
        }
        tx.commit().await?;
        self.note_write();
        Ok(None)
    }
}

/// A verdict to store (`Db::record_verdicts`): on revision `revision` of answer `response_id` to the
/// recommendation on violation `violation_id`.
#[derive(Clone, Copy, Debug)]
pub struct NewVerdict<'a> {
    pub violation_id: i64,
    pub response_id: &'a str,
    pub revision: i64,
    pub accepted: bool,
    pub reason: Option<&'a str>,
}

/// The rows of [`Db::record_verdicts`] inside its transaction, once the accepted answers' violations are resolved:
/// the verdicts, their events in the violations' histories and their audit entries, each in multi-row
/// statements.
async fn store_verdicts(
    tx: &mut sqlx::AnyConnection,
    agency: &str,
    verdicts: &[NewVerdict<'_>],
    (now, actor): (&str, &str),
) -> Result<(), DbError> {
    let rows: Vec<Vec<Arg>> = verdicts
        .iter()
        .map(|v| {
            vec![
                Arg::Int(v.violation_id),
                Arg::Text(agency),
                Arg::Text(v.response_id),
                Arg::Int(v.revision),
                Arg::Int(i64::from(v.accepted)),
                Arg::MaybeText(v.reason),
                Arg::Text(now),
                Arg::Text(actor),
            ]
        })
        .collect();
    multirow::insert(
        tx,
        "recommendation_verdicts (violation_id, agency_code, response_id, revision, accepted, reason, at, actor)",
        &rows,
        "",
    )
    .await?;
    let notes: Vec<String> = verdicts
        .iter()
        .map(|v| {
            format!(
                "{} {} (rev. {}){}",
                if v.accepted {
                    "jawaban diterima / answer accepted:"
                } else {
                    "jawaban ditolak / answer rejected:"
                },
                v.response_id,
                v.revision,
                v.reason.map(|r| format!(" — {r}")).unwrap_or_default()
            )
        })
        .collect();
    let events: Vec<(i64, Event)> = verdicts
        .iter()
        .zip(&notes)
        .map(|(v, note)| {
            let (event, to) = if v.accepted {
                ("transition", Some(Status::Resolved.as_str()))
            } else {
                ("answer_rejected", None)
            };
            let event = Event {
                event,
                from_status: Some(Status::RecommendationIssued.as_str()),
                to_status: to,
                reason: Some(note),
                letter_number: None,
                letter_date: None,
                as_of: None,
            };
            (v.violation_id, event)
        })
        .collect();
    record_events(tx, (now, actor), &events).await?;
    let entries: Vec<AuditEntry> = verdicts
        .iter()
        .map(|v| AuditEntry {
            action: "recommendation.verdict",
            subject: format!("violation/{}", v.violation_id),
            before: None,
            after: Some(
                serde_json::json!({
                    "response_id": v.response_id,
                    "revision": v.revision,
                    "accepted": v.accepted,
                    "reason": v.reason,
                })
                .to_string(),
            ),
        })
        .collect();
    audit_all(tx, (now, actor), &entries).await
}
