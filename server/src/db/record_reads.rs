//! Reading stored records: what the rules read (with the compact cache and the agencies' bundles), where an
//! official appears, a record's revisions, follow-ups naming a complaint.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::{Db, DbError};

/// A record as the rules read it: a piece of its agency's bundle, or (the bundle being stale) its row — the
/// compact form where the row keeps one, and the JSON — with the agency's `records_version`, so that the reader
/// can write the bundle again ([`Db::store_bundle`]).
#[derive(Clone, Debug, PartialEq)]
pub enum RuleRecord {
    Compact {
        agency_code: String,
        bytes: Vec<u8>,
    },
    Row {
        agency_code: String,
        version: i64,
        compact: Option<Vec<u8>>,
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
    /// current (one row per agency, migration 0011, kept current by each batch), else from its rows.
    pub async fn each_rule_record<E: From<DbError>>(
        &self,
        agency: Option<&str>,
        mut each: impl FnMut(RuleRecord) -> Result<(), E>,
    ) -> Result<(), E> {
        let fail = DbError::from;
        // The bundle the last stored batch wrote, when it is the agency's current one: its bytes are then not read.
        let mut last = agency.and_then(|code| self.last_bundle.take(code));
        let bundles = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT b.agency_code, CASE WHEN b.version = $2 THEN NULL ELSE b.bundle END AS bundle
             FROM rule_bundles b JOIN agencies a ON a.code = b.agency_code
             WHERE a.records_version = b.version AND {}",
            super::optional_eq("b.agency_code", 1, agency)
        )))
        .bind(agency.unwrap_or_default())
        .bind(last.as_ref().map_or(-1, |(version, _)| *version))
        .fetch_all(&self.pool)
        .await
        .map_err(fail)?;
        let mut rows = Vec::with_capacity(bundles.len());
        let mut taken = Vec::new();
        for row in bundles {
            let code: String = row.try_get("agency_code").map_err(fail)?;
            match row.try_get::<Option<Vec<u8>>, _>("bundle").map_err(fail)? {
                Some(bytes) => rows.push((code, bytes)),
                None => taken.extend(last.take().map(|(_, pieces)| (code, pieces))),
            }
        }
        let mut bundled = std::collections::HashSet::new();
        // Each bundle's pieces handed on; a bundle of another version (`None`) is read from the rows instead (and
        // rewritten).
        let mut hand_on = |code: String, pieces: Option<Vec<Vec<u8>>>| -> Result<(), E> {
            let Some(pieces) = pieces else {
                return Ok(());
            };
            for piece in pieces {
                each(RuleRecord::Compact {
                    agency_code: code.clone(),
                    bytes: piece,
                })?;
            }
            bundled.insert(code);
            Ok(())
        };
        for (code, pieces) in taken {
            hand_on(code, Some(pieces))?;
        }
        if rows.len() <= 1 {
            // One agency's evaluation (after every batch): a thread would cost more than its inflating.
            for (code, bytes) in rows {
                hand_on(code, crate::db::compact::unbundle(&bytes))?;
            }
        } else {
            // Many bundles are inflated on a second thread while this one hands their pieces on: inflating 200 MB
            // at `--scale 10` costs about half a second, hidden so behind the decoding in `each`.
            std::thread::scope(|scope| -> Result<(), E> {
                let (send, receive) = std::sync::mpsc::sync_channel(4);
                scope.spawn(move || {
                    for (code, bytes) in rows {
                        // Stops when the reader has stopped (an error in `each`).
                        if send
                            .send((code, crate::db::compact::unbundle(&bytes)))
                            .is_err()
                        {
                            break;
                        }
                    }
                });
                for (code, pieces) in receive {
                    hand_on(code, pieces)?;
                }
                Ok(())
            })?;
        }
        let versions = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT code, records_version FROM agencies WHERE {}",
            super::optional_eq("code", 1, agency)
        )))
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
            let rows = sqlx::query(
                "SELECT compact, content FROM records WHERE agency_code = $1 AND kind <> 'merit_assessment'",
            )
            .bind(&code)
            .fetch_all(&self.pool)
            .await
            .map_err(fail)?;
            for row in rows {
                each(RuleRecord::Row {
                    agency_code: code.clone(),
                    version,
                    compact: row.try_get("compact").map_err(fail)?,
                    content: row.try_get("content").map_err(fail)?,
                })?;
            }
        }
        Ok(())
    }

    /// Every stored record of one kind as `(agency_code, content)`, by agency and id, handed to `each` one at a
    /// time as the rows arrive: the aggregates read every complaint and decision this way, which read whole were
    /// 100,000 rows held at once at `--scale 10` (the peak of an import, 155 MB to 280 MB, at its refresh of the
    /// public aggregates; issue #21's memory bound holds at any scale only if no step holds a kind whole).
    pub async fn each_record_of_kind<E: From<DbError>>(
        &self,
        kind: crate::domain::records::RecordKind,
        mut each: impl FnMut(String, String) -> Result<(), E>,
    ) -> Result<(), E> {
        use futures_util::TryStreamExt;
        let fail = |e: sqlx::Error| E::from(DbError::from(e));
        let mut rows = sqlx::query(
            "SELECT agency_code, content FROM records WHERE kind = $1 ORDER BY agency_code, record_id",
        )
        .bind(kind.as_str())
        .fetch(&self.pool);
        while let Some(row) = rows.try_next().await.map_err(fail)? {
            each(
                row.try_get("agency_code").map_err(fail)?,
                row.try_get("content").map_err(fail)?,
            )?;
        }
        Ok(())
    }

    /// Every selection an official was a candidate in and every job fit they took part in, by agency and id.
    /// The parts are indexed by agency, then NIP (migration 0024: a batch's entries sit together), so the NIP is
    /// sought once in each agency's range.
    pub async fn appearances(&self, nip: &str) -> Result<Vec<Appearance>, DbError> {
        let rows = sqlx::query(
            "SELECT r.agency_code, r.kind, r.record_id, c.proposed_rank
             FROM selection_candidates c JOIN records r ON r.id = c.record_pk
             WHERE c.agency_code IN (SELECT code FROM agencies) AND c.nip = $1
             UNION ALL
             SELECT r.agency_code, r.kind, r.record_id, NULL
             FROM job_fit_participants p JOIN records r ON r.id = p.record_pk
             WHERE p.agency_code IN (SELECT code FROM agencies) AND p.nip = $1
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
