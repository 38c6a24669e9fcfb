//! Reading stored records: what the rules read (with the compact cache and the agencies' bundles), where an
//! official appears, a record's revisions, follow-ups naming a complaint.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::{Db, DbError};

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
            // The current revision's text is the record's own (stored once, migration 0022).
            "SELECT v.revision, COALESCE(v.content, r.content) AS content, s.received_at
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

/// `(agency_code, content)` of stored record rows.
fn code_and_content(rows: &[AnyRow]) -> Result<Vec<(String, String)>, DbError> {
    rows.iter()
        .map(|r| Ok((r.try_get("agency_code")?, r.try_get("content")?)))
        .collect()
}

/// Replaces a complaint record's `complainant` (its name and contact) with `model::public::WITHHELD`.
fn redact_complainant(content: &mut serde_json::Value) {
    if let Some(complainant) = content.get_mut("complainant") {
        *complainant = serde_json::Value::String(model::public::WITHHELD.to_string());
    }
}
