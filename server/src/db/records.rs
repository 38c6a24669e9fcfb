//! Storing report batches: one transaction per batch, records created, revised or left unchanged by content.

use sqlx::{AnyConnection, Row};

use super::{Db, DbError};
use crate::domain::records::canonical_json;
use crate::domain::records::{Batch, Record, RecordBody};
use crate::domain::FieldError;

/// Who sent a batch, how, and when.
#[derive(Clone, Debug)]
pub struct SubmissionMeta {
    pub source: &'static str,
    pub submitted_by: Option<String>,
    pub file_name: Option<String>,
    pub received_at: String,
    /// The agency an agency credential acts for. A refused batch that names no agency of the registry is logged
    /// under it, so that the clerk sees the refusal among their agency's submissions.
    pub acting_for: Option<String>,
}

/// What storing a batch did to its records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct StoreCounts {
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
}

fn index(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

/// Writes the rows of a record's repeated parts (committee members, candidates, participants) for its current
/// revision, replacing those of the previous one.
async fn store_rows(
    conn: &mut AnyConnection,
    record_pk: i64,
    body: &RecordBody,
    revised: bool,
) -> Result<(), DbError> {
    let tables: &[&str] = match body {
        RecordBody::Selection(_) => &[
            "DELETE FROM selection_committee_members WHERE record_pk = $1",
            "DELETE FROM selection_candidates WHERE record_pk = $1",
        ],
        RecordBody::JobFit(_) => &["DELETE FROM job_fit_participants WHERE record_pk = $1"],
        _ => return Ok(()),
    };
    if revised {
        for delete in tables {
            sqlx::query(sqlx::AssertSqlSafe(*delete))
                .bind(record_pk)
                .execute(&mut *conn)
                .await?;
        }
    }
    match body {
        RecordBody::Selection(s) => {
            for (i, m) in s.committee.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO selection_committee_members (record_pk, ordinal, name, origin, role)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(record_pk)
                .bind(index(i))
                .bind(&m.name)
                .bind(m.origin.as_str())
                .bind(m.role.as_str())
                .execute(&mut *conn)
                .await?;
            }
            for (i, c) in s.candidates.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO selection_candidates (record_pk, ordinal, nip, name, proposed_rank)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(record_pk)
                .bind(index(i))
                .bind(c.nip.as_str())
                .bind(&c.name)
                .bind(c.proposed_rank.map(i64::from))
                .execute(&mut *conn)
                .await?;
            }
        }
        RecordBody::JobFit(j) => {
            for (i, nip) in j.participants.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO job_fit_participants (record_pk, ordinal, nip) VALUES ($1, $2, $3)",
                )
                .bind(record_pk)
                .bind(index(i))
                .bind(nip.as_str())
                .execute(&mut *conn)
                .await?;
            }
        }
        _ => {}
    }
    Ok(())
}

impl Db {
    /// Whether `record` is stored with exactly this content: what [`Db::store_batch`] counts as `unchanged`.
    pub async fn is_unchanged(&self, agency_code: &str, record: &Record) -> Result<bool, DbError> {
        let stored: Option<String> = sqlx::query_scalar(
            "SELECT content FROM records WHERE agency_code = $1 AND kind = $2 AND record_id = $3",
        )
        .bind(agency_code)
        .bind(record.kind.as_str())
        .bind(&record.id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(stored.is_some_and(|stored| stored == canonical_json(&record.content)))
    }

    /// Stores a validated batch whole, or nothing when anything fails.
    pub async fn store_batch(
        &self,
        batch: &Batch,
        meta: &SubmissionMeta,
    ) -> Result<StoreCounts, DbError> {
        let mut tx = self.begin_write().await?;
        let submission: i64 = sqlx::query_scalar(
            "INSERT INTO submissions (agency_code, source, submitted_by, file_name, received_at, accepted)
             VALUES ($1, $2, $3, $4, $5, 1) RETURNING id",
        )
        .bind(&batch.agency_code)
        .bind(meta.source)
        .bind(meta.submitted_by.as_deref())
        .bind(meta.file_name.as_deref())
        .bind(&meta.received_at)
        .fetch_one(&mut *tx)
        .await?;
        let mut counts = StoreCounts::default();
        for record in &batch.records {
            let content = canonical_json(&record.content);
            let compact = crate::db::compact::encode(&record.id, &record.body)
                .map_err(|e| DbError::Corrupt(e.to_string()))?;
            let existing = sqlx::query(
                "SELECT id, revision, content FROM records WHERE agency_code = $1 AND kind = $2 AND record_id = $3",
            )
            .bind(&batch.agency_code)
            .bind(record.kind.as_str())
            .bind(&record.id)
            .fetch_optional(&mut *tx)
            .await?;
            let (record_pk, revision) = match existing {
                Some(row) if row.try_get::<String, _>("content")? == content => {
                    counts.unchanged += 1;
                    continue;
                }
                Some(row) => {
                    let (pk, revision): (i64, i64) =
                        (row.try_get("id")?, row.try_get::<i64, _>("revision")? + 1);
                    sqlx::query("UPDATE records SET revision = $1, content = $2, updated_at = $3, compact = $4 WHERE id = $5")
                        .bind(revision)
                        .bind(&content)
                        .bind(&meta.received_at)
                        .bind(compact.as_slice())
                        .bind(pk)
                        .execute(&mut *tx)
                        .await?;
                    counts.updated += 1;
                    (pk, revision)
                }
                None => {
                    let pk: i64 = sqlx::query_scalar(
                        "INSERT INTO records (agency_code, kind, record_id, revision, content, updated_at, compact)
                         VALUES ($1, $2, $3, 1, $4, $5, $6) RETURNING id",
                    )
                    .bind(&batch.agency_code)
                    .bind(record.kind.as_str())
                    .bind(&record.id)
                    .bind(&content)
                    .bind(&meta.received_at)
                    .bind(compact.as_slice())
                    .fetch_one(&mut *tx)
                    .await?;
                    counts.created += 1;
                    (pk, 1)
                }
            };
            sqlx::query(
                "INSERT INTO record_revisions (record_pk, revision, content, submission_id) VALUES ($1, $2, $3, $4)",
            )
            .bind(record_pk)
            .bind(revision)
            .bind(&content)
            .bind(submission)
            .execute(&mut *tx)
            .await?;
            store_rows(&mut tx, record_pk, &record.body, revision > 1).await?;
        }
        if counts.created + counts.updated > 0 {
            // The agency's rule bundle (if any) is stale from now on.
            sqlx::query(
                "UPDATE agencies SET records_version = records_version + 1 WHERE code = $1",
            )
            .bind(&batch.agency_code)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "UPDATE submissions SET created = $1, updated = $2, unchanged = $3 WHERE id = $4",
        )
        .bind(counts.created)
        .bind(counts.updated)
        .bind(counts.unchanged)
        .bind(submission)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.note_write();
        Ok(counts)
    }

    /// Logs a refused batch (none of its records): the agency's data quality counts refusals. The batch's agency
    /// when it is in the registry, else the one the sender acts for (`SubmissionMeta::acting_for`).
    pub async fn log_refused(
        &self,
        agency_code: Option<&str>,
        meta: &SubmissionMeta,
        errors: &[FieldError],
    ) -> Result<(), DbError> {
        let errors_json = stored_errors(errors)?;
        sqlx::query(
            "INSERT INTO submissions (agency_code, source, submitted_by, file_name, received_at, accepted, error_count, errors)
             VALUES (COALESCE((SELECT code FROM agencies WHERE code = $1), (SELECT code FROM agencies WHERE code = $8)),
                     $2, $3, $4, $5, 0, $6, $7)",
        )
        .bind(agency_code)
        .bind(meta.source)
        .bind(meta.submitted_by.as_deref())
        .bind(meta.file_name.as_deref())
        .bind(&meta.received_at)
        .bind(i64::try_from(crate::domain::field_error::total_errors(errors)).unwrap_or(i64::MAX))
        .bind(errors_json)
        .bind(meta.acting_for.as_deref())
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

/// The most bytes of errors kept with a refused submission: the importer already lists at most 1,000 errors;
/// this bounds what their texts may add up to, so that a refusal never makes the agency's pages heavy.
pub const MAX_STORED_ERROR_BYTES: usize = 512 * 1024;

/// The errors as stored: whole when they fit [`MAX_STORED_ERROR_BYTES`], else the first ones that fit.
fn stored_errors(errors: &[FieldError]) -> Result<String, DbError> {
    let mut kept = errors.len();
    loop {
        let json =
            serde_json::to_string(&errors[..kept]).map_err(|e| DbError::Corrupt(e.to_string()))?;
        if json.len() <= MAX_STORED_ERROR_BYTES || kept == 0 {
            return Ok(json);
        }
        kept = kept * MAX_STORED_ERROR_BYTES / json.len();
    }
}
