//! Storing report batches: one transaction per batch, records created, revised or left unchanged by content.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{Db, DbError};
use crate::domain::records::canonical_json;
use crate::domain::records::{Batch, RecordBody};
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

/// A record as the rules read it: its compact form, or (not cached yet) its JSON with the row's id so that the
/// compact form can be written back.
#[derive(Clone, Debug, PartialEq)]
pub enum RuleRecord {
    Compact {
        agency_code: String,
        bytes: Vec<u8>,
    },
    Json {
        pk: i64,
        agency_code: String,
        content: String,
    },
}

/// One revision of a record, as it was sent.
#[derive(Clone, Debug, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Revision {
    pub revision: i64,
    pub content: serde_json::Value,
    pub received_at: String,
}

/// Where an official appears as a candidate or a job-fit participant (from the record rows).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Appearance {
    pub agency_code: String,
    pub record_kind: String,
    pub record_id: String,
    /// A candidate's proposed rank (1–3), if proposed.
    pub proposed_rank: Option<i64>,
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

/// `(agency_code, content)` of stored record rows.
fn code_and_content(rows: &[AnyRow]) -> Result<Vec<(String, String)>, DbError> {
    rows.iter()
        .map(|r| Ok((r.try_get("agency_code")?, r.try_get("content")?)))
        .collect()
}

impl Db {
    /// Hands every stored record the rules read (every kind but merit assessments), all agencies or one, to
    /// `each`, in no particular order (the rules do not depend on it): from the agency's bundle when it is
    /// current (one row per agency, migration 0011), else from its rows — their compact form where cached, else
    /// their JSON (rows stored before the cache). An agency read from compact rows alone gets its bundle written
    /// here, unless a batch changed its records meanwhile (its `records_version` is read before and after).
    pub async fn each_rule_record<E: From<DbError>>(
        &self,
        agency: Option<&str>,
        mut each: impl FnMut(RuleRecord) -> Result<(), E>,
    ) -> Result<(), E> {
        let fail = DbError::from;
        let bundles = sqlx::query(
            "SELECT b.agency_code, b.bundle FROM rule_bundles b JOIN agencies a ON a.code = b.agency_code
             WHERE a.records_version = b.version AND ($1 = '' OR b.agency_code = $1)",
        )
        .bind(agency.unwrap_or_default())
        .fetch_all(&self.pool)
        .await
        .map_err(fail)?;
        let mut bundled = std::collections::HashSet::new();
        for row in bundles {
            let code: String = row.try_get("agency_code").map_err(fail)?;
            let bytes: Vec<u8> = row.try_get("bundle").map_err(fail)?;
            // A bundle of another version is read from the rows instead (and rewritten).
            let Some(pieces) = crate::db::compact::unbundle(&bytes) else {
                continue;
            };
            for piece in pieces {
                each(RuleRecord::Compact {
                    agency_code: code.clone(),
                    bytes: piece.to_vec(),
                })?;
            }
            bundled.insert(code);
        }
        let versions =
            sqlx::query("SELECT code, records_version FROM agencies WHERE $1 = '' OR code = $1")
                .bind(agency.unwrap_or_default())
                .fetch_all(&self.pool)
                .await
                .map_err(fail)?;
        for row in versions {
            let code: String = row.try_get("code").map_err(fail)?;
            if bundled.contains(&code) {
                continue;
            }
            let version: i64 = row.try_get("records_version").map_err(fail)?;
            // One query per case, each served by an index (`records_compact`, migration 0009, covers the first).
            let compact = sqlx::query(
                "SELECT compact FROM records
                 WHERE agency_code = $1 AND kind <> 'merit_assessment' AND compact IS NOT NULL",
            )
            .bind(&code)
            .fetch_all(&self.pool)
            .await
            .map_err(fail)?;
            let json = sqlx::query(
                "SELECT id, content FROM records
                 WHERE agency_code = $1 AND kind <> 'merit_assessment' AND compact IS NULL",
            )
            .bind(&code)
            .fetch_all(&self.pool)
            .await
            .map_err(fail)?;
            let mut pieces = Vec::with_capacity(compact.len());
            for row in compact {
                let bytes: Vec<u8> = row.try_get("compact").map_err(fail)?;
                pieces.push(bytes.clone());
                each(RuleRecord::Compact {
                    agency_code: code.clone(),
                    bytes,
                })?;
            }
            let complete = json.is_empty();
            for row in json {
                each(RuleRecord::Json {
                    pk: row.try_get("id").map_err(fail)?,
                    agency_code: code.clone(),
                    content: row.try_get("content").map_err(fail)?,
                })?;
            }
            if complete {
                self.store_bundle(&code, version, &pieces).await?;
            }
        }
        Ok(())
    }

    /// Writes an agency's bundle built from its rows at `version`, unless its records changed meanwhile.
    async fn store_bundle(
        &self,
        code: &str,
        version: i64,
        pieces: &[Vec<u8>],
    ) -> Result<(), DbError> {
        let bundle = crate::db::compact::bundle(pieces);
        sqlx::query(
            "INSERT INTO rule_bundles (agency_code, version, bundle)
             SELECT code, records_version, $3 FROM agencies WHERE code = $1 AND records_version = $2
             ON CONFLICT (agency_code) DO UPDATE SET version = excluded.version, bundle = excluded.bundle",
        )
        .bind(code)
        .bind(version)
        .bind(bundle.as_slice())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Caches the compact form of records read from their JSON (`(record id, bytes)`), in one transaction.
    pub async fn store_compact(&self, rows: &[(i64, Vec<u8>)]) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        for (pk, bytes) in rows {
            sqlx::query("UPDATE records SET compact = $1 WHERE id = $2")
                .bind(bytes.as_slice())
                .bind(*pk)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every stored record of one kind as `(agency_code, content)`, by agency and id.
    pub async fn records_of_kind(&self, kind: &str) -> Result<Vec<(String, String)>, DbError> {
        let rows = sqlx::query(
            "SELECT agency_code, content FROM records WHERE kind = $1 ORDER BY agency_code, record_id",
        )
        .bind(kind)
        .fetch_all(&self.pool)
        .await?;
        code_and_content(&rows)
    }

    /// Every selection an official was a candidate in and every job fit they took part in, by agency and id.
    pub async fn appearances(&self, nip: &str) -> Result<Vec<Appearance>, DbError> {
        let rows = sqlx::query(
            "SELECT r.agency_code, r.kind, r.record_id, c.proposed_rank
             FROM selection_candidates c JOIN records r ON r.id = c.record_pk WHERE c.nip = $1
             UNION ALL
             SELECT r.agency_code, r.kind, r.record_id, NULL
             FROM job_fit_participants p JOIN records r ON r.id = p.record_pk WHERE p.nip = $1
             ORDER BY 1, 2, 3",
        )
        .bind(nip)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Appearance {
                    agency_code: r.try_get(0)?,
                    record_kind: r.try_get(1)?,
                    record_id: r.try_get(2)?,
                    proposed_rank: r.try_get(3)?,
                })
            })
            .collect()
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

    /// The `neutrality_followup` records whose text mentions `needle` (a superset of those naming it as their
    /// `complaint_ref`; the caller reads them to be sure), as `(agency_code, content)`.
    pub async fn followups_mentioning(
        &self,
        needle: &str,
    ) -> Result<Vec<(String, String)>, DbError> {
        let rows = sqlx::query(
            "SELECT agency_code, content FROM records
             WHERE kind = 'neutrality_followup' AND content LIKE '%' || $1 || '%'
             ORDER BY agency_code, record_id",
        )
        .bind(needle)
        .fetch_all(&self.pool)
        .await?;
        code_and_content(&rows)
    }

    /// Every revision of one record, oldest first. A complaint's complainant is redacted: an imported complaint
    /// has no case handlers in this system, so nobody reading records may see who complained (issue #7).
    pub async fn record_revisions(
        &self,
        agency_code: &str,
        kind: &str,
        record_id: &str,
    ) -> Result<Vec<Revision>, DbError> {
        let rows = sqlx::query(
            "SELECT v.revision, v.content, s.received_at
             FROM records r
             JOIN record_revisions v ON v.record_pk = r.id
             JOIN submissions s ON s.id = v.submission_id
             WHERE r.agency_code = $1 AND r.kind = $2 AND r.record_id = $3
             ORDER BY v.revision",
        )
        .bind(agency_code)
        .bind(kind)
        .bind(record_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let content: String = row.try_get("content")?;
                let mut content: serde_json::Value =
                    serde_json::from_str(&content).map_err(|e| DbError::Corrupt(e.to_string()))?;
                if kind == "neutrality_complaint" {
                    redact_complainant(&mut content);
                }
                Ok(Revision {
                    revision: row.try_get("revision")?,
                    content,
                    received_at: row.try_get("received_at")?,
                })
            })
            .collect()
    }

    /// How many records are stored (all agencies, all kinds).
    pub async fn record_count(&self) -> Result<i64, DbError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM records")
            .fetch_one(&self.pool)
            .await?)
    }
}

/// Replaces a complaint record's `complainant` (its name and contact) with `model::public::WITHHELD`.
fn redact_complainant(content: &mut serde_json::Value) {
    if let Some(complainant) = content.get_mut("complainant") {
        *complainant = serde_json::Value::String(model::public::WITHHELD.to_string());
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
