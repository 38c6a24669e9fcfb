//! Neutrality complaints filed through the public form: storing one, finding one by its reference (for the
//! status check by receipt code), and counting them for the public aggregates.

use sqlx::Row;

use super::{Db, DbError};
use crate::domain::complaints::intake::Complaint;
use crate::domain::Date;
use model::ComplaintStatus;

/// What the status check needs of a complaint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplaintStatusRow {
    pub reference: String,
    pub receipt_hash: String,
    pub status: ComplaintStatus,
    pub received_on: String,
    pub updated_at: String,
}

impl Db {
    /// Stores a complaint; `false` when the reference is taken (the caller draws another).
    pub async fn insert_complaint(
        &self,
        complaint: &Complaint,
        (reference, receipt_hash): (&str, &str),
        (today, now): (&str, &str),
    ) -> Result<bool, DbError> {
        let evidence = serde_json::to_string(&complaint.evidence)
            .map_err(|e| DbError::Corrupt(e.to_string()))?;
        let result = sqlx::query(
            "INSERT INTO complaints (reference, receipt_hash, agency_code, election, accused_name, position_level,
                                     happened_on, summary, evidence, complainant_name, complainant_contact,
                                     received_on, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             ON CONFLICT (reference) DO NOTHING",
        )
        .bind(reference)
        .bind(receipt_hash)
        .bind(&complaint.agency_code)
        .bind(&complaint.election)
        .bind(complaint.accused_name.as_deref())
        .bind(&complaint.position_level)
        .bind(complaint.happened_on.map(|d| d.to_string()))
        .bind(&complaint.summary)
        .bind(evidence)
        .bind(complaint.complainant_name.as_deref())
        .bind(complaint.complainant_contact.as_deref())
        .bind(today)
        .bind(now)
        .execute(&self.pool)
        .await?;
        let stored = result.rows_affected() == 1;
        if stored {
            self.note_write();
        }
        Ok(stored)
    }

    pub async fn complaint_by_reference(
        &self,
        reference: &str,
    ) -> Result<Option<ComplaintStatusRow>, DbError> {
        let row = sqlx::query(
            "SELECT reference, receipt_hash, status, received_on, updated_at FROM complaints WHERE reference = $1",
        )
        .bind(reference)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(ComplaintStatusRow {
                reference: r.try_get("reference")?,
                receipt_hash: r.try_get("receipt_hash")?,
                status: super::get_code(&r, "status", ComplaintStatus::parse)?,
                received_on: r.try_get("received_on")?,
                updated_at: r.try_get("updated_at")?,
            })
        })
        .transpose()
    }
}

/// A form complaint as its case register holds it. The complainant's identity is in here: only the case layer
/// (`crate::service::cases`) reads it, and hands it on only to the case's handlers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: i64,
    pub reference: String,
    pub agency_code: String,
    pub agency_name: String,
    pub election: String,
    pub accused_name: Option<String>,
    pub position_level: String,
    pub happened_on: Option<String>,
    pub summary: String,
    pub evidence: Vec<String>,
    pub complainant_name: Option<String>,
    pub complainant_contact: Option<String>,
    pub status: ComplaintStatus,
    pub received_on: Date,
    pub updated_at: String,
    pub violation_type: Option<String>,
    pub dismissed_reason: Option<String>,
    pub recommended_sanction: Option<String>,
    pub letter_number: Option<String>,
    pub recommended_on: Option<Date>,
    pub decided_on: Option<Date>,
    pub decided_sanction: Option<String>,
}

/// What the case list can be narrowed by; `None` is no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub status: Option<String>,
    pub agency_code: Option<String>,
    pub election: Option<String>,
    /// Only cases this user handles.
    pub handler: Option<String>,
    /// Only cases with a recommendation (the ones the follow-up rule judges).
    pub recommended: bool,
}

/// A checked workflow step as the database stores it (see `crate::domain::complaints::workflow::Change`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseUpdate<'a> {
    Status {
        from: ComplaintStatus,
        to: ComplaintStatus,
        violation_type: Option<&'a str>,
        reason: Option<&'a str>,
    },
    Recommend {
        sanction: &'a str,
        letter_number: &'a str,
        issued_on: Date,
    },
    FollowUp {
        decided_on: Date,
        sanction: &'a str,
    },
    Assign {
        handler: &'a str,
    },
}

/// The columns of a [`CaseRecord`], from `complaints c` joined with `agencies a`. A constant: the queries built
/// with it interpolate nothing from input.
const CASE_SELECT: &str = "SELECT c.id, c.reference, c.agency_code, a.name AS agency_name, c.election,
    c.accused_name, c.position_level, c.happened_on, c.summary, c.evidence, c.complainant_name,
    c.complainant_contact, c.status, c.received_on, c.updated_at, c.violation_type, c.dismissed_reason,
    c.recommended_sanction, c.letter_number, c.recommended_on, c.decided_on, c.decided_sanction
    FROM complaints c JOIN agencies a ON a.code = c.agency_code";

/// A date column as a [`Date`] (stored as ISO-8601 TEXT).
fn day(r: &sqlx::any::AnyRow, column: &str) -> Result<Option<Date>, DbError> {
    let text: Option<String> = r.try_get(column)?;
    text.map(|t| {
        Date::parse(&t).map_err(|e| DbError::Corrupt(format!("complaint {column} {t:?}: {e}")))
    })
    .transpose()
}

fn case_record(r: &sqlx::any::AnyRow) -> Result<CaseRecord, DbError> {
    let evidence: String = r.try_get("evidence")?;
    Ok(CaseRecord {
        id: r.try_get("id")?,
        reference: r.try_get("reference")?,
        agency_code: r.try_get("agency_code")?,
        agency_name: r.try_get("agency_name")?,
        election: r.try_get("election")?,
        accused_name: r.try_get("accused_name")?,
        position_level: r.try_get("position_level")?,
        happened_on: r.try_get("happened_on")?,
        summary: r.try_get("summary")?,
        evidence: serde_json::from_str(&evidence).map_err(|e| DbError::Corrupt(e.to_string()))?,
        complainant_name: r.try_get("complainant_name")?,
        complainant_contact: r.try_get("complainant_contact")?,
        status: super::get_code(r, "status", ComplaintStatus::parse)?,
        received_on: day(r, "received_on")?
            .ok_or_else(|| DbError::Corrupt("a complaint without received_on".to_string()))?,
        updated_at: r.try_get("updated_at")?,
        violation_type: r.try_get("violation_type")?,
        dismissed_reason: r.try_get("dismissed_reason")?,
        recommended_sanction: r.try_get("recommended_sanction")?,
        letter_number: r.try_get("letter_number")?,
        recommended_on: day(r, "recommended_on")?,
        decided_on: day(r, "decided_on")?,
        decided_sanction: r.try_get("decided_sanction")?,
    })
}

impl Db {
    /// Form complaints, newest first, at most `limit`.
    pub async fn cases(&self, filter: &CaseFilter, limit: i64) -> Result<Vec<CaseRecord>, DbError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{CASE_SELECT}
             WHERE ($1 IS NULL OR c.status = $1) AND ($2 IS NULL OR c.agency_code = $2)
               AND ($3 IS NULL OR c.election = $3)
               AND ($4 IS NULL OR EXISTS (SELECT 1 FROM complaint_handlers h
                                          WHERE h.complaint_id = c.id AND h.user_name = $4))
               AND ($5 = 0 OR c.recommended_on IS NOT NULL)
             ORDER BY c.received_on DESC, c.id DESC LIMIT $6"
        )))
        .bind(filter.status.as_deref())
        .bind(filter.agency_code.as_deref())
        .bind(filter.election.as_deref())
        .bind(filter.handler.as_deref())
        .bind(i64::from(filter.recommended))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(case_record).collect()
    }

    pub async fn case_by_reference(&self, reference: &str) -> Result<Option<CaseRecord>, DbError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{CASE_SELECT} WHERE c.reference = $1"
        )))
        .bind(reference)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(case_record).transpose()
    }

    /// The names of a case's handlers, alphabetically.
    pub async fn case_handlers(&self, id: i64) -> Result<Vec<String>, DbError> {
        let rows = sqlx::query(
            "SELECT user_name FROM complaint_handlers WHERE complaint_id = $1 ORDER BY user_name",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("user_name")?)).collect()
    }

    /// Stores one workflow step and its audit entry together; `false` when the case moved meanwhile (another
    /// person's step came first) and nothing was stored.
    pub async fn update_case(
        &self,
        case: &CaseRecord,
        update: &CaseUpdate<'_>,
        (now, actor): (&str, &str),
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        // Each step updates only from the state it was checked against: 0 rows means another step came first.
        let (query, action, after) = match update {
            CaseUpdate::Status {
                from,
                to,
                violation_type,
                reason,
            } => (
                sqlx::query(
                    "UPDATE complaints SET status = $1, violation_type = COALESCE($2, violation_type),
                            dismissed_reason = $3, updated_at = $4, revision = revision + 1
                     WHERE id = $5 AND status = $6",
                )
                .bind(to.as_str())
                .bind(*violation_type)
                .bind(*reason)
                .bind(now)
                .bind(case.id)
                .bind(from.as_str()),
                "complaint.status",
                serde_json::json!({"status": to.as_str(), "violation_type": violation_type, "reason": reason}),
            ),
            CaseUpdate::Recommend {
                sanction,
                letter_number,
                issued_on,
            } => (
                sqlx::query(
                    "UPDATE complaints SET recommended_sanction = $1, letter_number = $2, recommended_on = $3,
                            updated_at = $4, revision = revision + 1
                     WHERE id = $5 AND status = 'proven' AND recommended_on IS NULL",
                )
                .bind(*sanction)
                .bind(*letter_number)
                .bind(issued_on.to_string())
                .bind(now)
                .bind(case.id),
                "complaint.recommendation",
                serde_json::json!({"sanction": sanction, "letter_number": letter_number,
                                   "issued_on": issued_on.to_string()}),
            ),
            CaseUpdate::FollowUp {
                decided_on,
                sanction,
            } => (
                sqlx::query(
                    "UPDATE complaints SET decided_on = $1, decided_sanction = $2, updated_at = $3,
                            revision = revision + 1
                     WHERE id = $4 AND recommended_on IS NOT NULL AND decided_on IS NULL",
                )
                .bind(decided_on.to_string())
                .bind(*sanction)
                .bind(now)
                .bind(case.id),
                "complaint.followup",
                serde_json::json!({"decided_on": decided_on.to_string(), "sanction": sanction}),
            ),
            CaseUpdate::Assign { handler } => (
                sqlx::query(
                    "INSERT INTO complaint_handlers (complaint_id, user_name, assigned_at, assigned_by)
                     VALUES ($1, $2, $3, $4) ON CONFLICT (complaint_id, user_name) DO NOTHING",
                )
                .bind(case.id)
                .bind(*handler)
                .bind(now)
                .bind(actor),
                "complaint.handler",
                serde_json::json!({"handler": handler}),
            ),
        };
        if query.execute(&mut *tx).await?.rows_affected() == 0 {
            return Ok(false);
        }
        let before = serde_json::json!({
            "status": case.status.as_str(),
            "recommended_on": case.recommended_on.map(|d| d.to_string()),
            "decided_on": case.decided_on.map(|d| d.to_string()),
        });
        super::audit(
            &mut tx,
            (now, actor),
            action,
            &format!("complaint/{}", case.reference),
            Some(before.to_string()),
            Some(after.to_string()),
        )
        .await?;
        tx.commit().await?;
        self.note_write();
        Ok(true)
    }

    /// Notes in the audit log that `actor` was shown a case's complainant identity.
    pub async fn audit_identity_view(
        &self,
        reference: &str,
        (now, actor): (&str, &str),
    ) -> Result<(), DbError> {
        let mut conn = self.pool.acquire().await?;
        super::audit(
            &mut conn,
            (now, actor),
            "complaint.identity_viewed",
            &format!("complaint/{reference}"),
            None,
            None,
        )
        .await
    }

    /// A case's audit entries (its history), oldest first.
    pub async fn case_history(
        &self,
        reference: &str,
    ) -> Result<Vec<model::types::AuditEntry>, DbError> {
        let rows = sqlx::query(
            "SELECT id, at, actor, action, subject, before, after FROM audit_log WHERE subject = $1 ORDER BY id",
        )
        .bind(format!("complaint/{reference}"))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(super::users::audit_entry).collect()
    }

    /// Form complaints of one agency still being received or verified.
    pub async fn open_cases_of(&self, agency: &str) -> Result<i64, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM complaints WHERE agency_code = $1 AND status IN ('received', 'verifying')",
        )
        .bind(agency)
        .fetch_one(&self.pool)
        .await?)
    }
}
