//! Storing report batches: one transaction per batch, records created, revised or left unchanged by content, in
//! multi-row statements (`multirow`: a batch costs a few dozen statements, not a few per record).

use std::collections::{BTreeMap, HashMap, HashSet};

use sqlx::{AnyConnection, Row};

use super::multirow::{self, Arg};
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

impl SubmissionMeta {
    /// Who the evaluation after the batch is recorded as made by: the user who sent it, else its channel.
    pub fn actor(&self) -> &str {
        self.submitted_by.as_deref().unwrap_or(self.source)
    }
}

/// A validated batch with each record's stored forms made: its canonical JSON (what a re-send is compared by)
/// and its compact form (the rules' bundle). Made apart from [`Db::store_batch`] because it is pure work that
/// needs no database: `pantau import` and the demo make the next batch's forms while the one before is being
/// stored, so that the second core does it (issue #21).
pub struct StorableBatch {
    batch: Batch,
    /// `(canonical JSON, compact form)` of each record, in the batch's order.
    forms: Vec<(String, Vec<u8>)>,
    /// The deflated bundle of these records alone, which an agency's first batch stores as its rules' bundle
    /// (`rule_bundles::bundle_alone`).
    alone: Option<Vec<u8>>,
}

impl StorableBatch {
    pub fn new(batch: Batch) -> Result<StorableBatch, DbError> {
        let forms = batch
            .records
            .iter()
            .map(|record| {
                let compact = crate::db::compact::encode(&record.id, &record.body)
                    .map_err(|e| DbError::Corrupt(e.to_string()))?;
                Ok((canonical_json(&record.content), compact))
            })
            .collect::<Result<Vec<_>, DbError>>()?;
        let records: Vec<(&RecordBody, &str, &[u8])> = batch
            .records
            .iter()
            .zip(&forms)
            .map(|(record, (_, compact))| (&record.body, record.id.as_str(), compact.as_slice()))
            .collect();
        let alone = super::rule_bundles::bundle_alone(&records);
        Ok(StorableBatch {
            batch,
            forms,
            alone,
        })
    }

    pub fn batch(&self) -> &Batch {
        &self.batch
    }
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

/// The rows of records' repeated parts (committee members, candidates, participants), gathered for one
/// multi-row insert per table.
#[derive(Default)]
struct ChildRows<'a> {
    committee: Vec<Vec<Arg<'a>>>,
    candidates: Vec<Vec<Arg<'a>>>,
    participants: Vec<Vec<Arg<'a>>>,
}

impl<'a> ChildRows<'a> {
    fn add(&mut self, (agency_code, record_pk): (&'a str, i64), body: &'a RecordBody) {
        match body {
            RecordBody::Selection(s) => {
                for (i, m) in s.committee.iter().enumerate() {
                    self.committee.push(vec![
                        Arg::Int(record_pk),
                        Arg::Int(index(i)),
                        Arg::Text(&m.name),
                        Arg::Text(m.origin.as_str()),
                        Arg::Text(m.role.as_str()),
                    ]);
                }
                for (i, c) in s.candidates.iter().enumerate() {
                    self.candidates.push(vec![
                        Arg::Int(record_pk),
                        Arg::Int(index(i)),
                        Arg::Text(agency_code),
                        Arg::Text(c.nip.as_str()),
                        Arg::Text(&c.name),
                        Arg::MaybeInt(c.proposed_rank.map(i64::from)),
                    ]);
                }
            }
            RecordBody::JobFit(j) => {
                for (i, nip) in j.participants.iter().enumerate() {
                    self.participants.push(vec![
                        Arg::Int(record_pk),
                        Arg::Int(index(i)),
                        Arg::Text(agency_code),
                        Arg::Text(nip.as_str()),
                    ]);
                }
            }
            _ => {}
        }
    }

    async fn insert(&self, conn: &mut AnyConnection) -> Result<(), DbError> {
        multirow::insert(
            conn,
            "selection_committee_members (record_pk, ordinal, name, origin, role)",
            &self.committee,
            "",
        )
        .await?;
        multirow::insert(
            conn,
            "selection_candidates (record_pk, ordinal, agency_code, nip, name, proposed_rank)",
            &self.candidates,
            "",
        )
        .await?;
        multirow::insert(
            conn,
            "job_fit_participants (record_pk, ordinal, agency_code, nip)",
            &self.participants,
            "",
        )
        .await?;
        Ok(())
    }
}

/// The compact form kept in the record's own row: only an answer's (the follow-up reads answers one by one,
/// `Db::stored_answers`); the rules read every other record from its agency's bundle (`rule_bundles`).
fn row_compact<'a>(record: &Record, compact: &'a [u8]) -> Option<&'a [u8]> {
    matches!(record.body, RecordBody::RecommendationResponse(_)).then_some(compact)
}

/// `(pk, revision, content)` of the batch's records already stored, by `(kind, id)`: one query per kind and
/// [`multirow::ROWS_PER_STATEMENT`] ids, each an exact look-up in the `(agency_code, kind, record_id)` index. An
/// agency's first batch skips them after one look at the index: at `--scale 10` they were 11,000 queries that
/// found nothing.
async fn stored_versions<'a>(
    conn: &mut AnyConnection,
    agency_code: &str,
    records: impl IntoIterator<Item = &'a Record>,
) -> Result<HashMap<(String, String), (i64, i64, String)>, DbError> {
    let any: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM records WHERE agency_code = $1 LIMIT 1")
            .bind(agency_code)
            .fetch_optional(&mut *conn)
            .await?;
    if any.is_none() {
        return Ok(HashMap::new());
    }
    let mut ids: BTreeMap<&'static str, Vec<Arg>> = BTreeMap::new();
    for record in records {
        ids.entry(record.kind.as_str())
            .or_default()
            .push(Arg::Text(&record.id));
    }
    let mut stored = HashMap::new();
    for (kind, ids) in ids {
        let rows = multirow::select_in(
            conn,
            "SELECT id, record_id, revision, content FROM records",
            &[
                ("agency_code", Arg::Text(agency_code)),
                ("kind", Arg::Text(kind)),
            ],
            "record_id",
            &ids,
        )
        .await?;
        for row in rows {
            stored.insert(
                (kind.to_string(), row.try_get("record_id")?),
                (
                    row.try_get("id")?,
                    row.try_get("revision")?,
                    row.try_get("content")?,
                ),
            );
        }
    }
    Ok(stored)
}

impl Db {
    /// The `(kind, id)` of each of `records` (of one agency) stored with exactly this content: what
    /// [`Db::store_batch`] counts as `unchanged`, read the same way (one query per kind and chunk of ids).
    pub async fn unchanged_records(
        &self,
        agency_code: &str,
        records: &[&Record],
    ) -> Result<HashSet<(String, String)>, DbError> {
        let mut conn = self.pool.acquire().await?;
        let stored = stored_versions(&mut conn, agency_code, records.iter().copied()).await?;
        Ok(records
            .iter()
            .map(|r| ((r.kind.as_str().to_string(), r.id.clone()), r))
            .filter(|(key, r)| {
                stored
                    .get(key)
                    .is_some_and(|(_, _, content)| *content == canonical_json(&r.content))
            })
            .map(|(key, _)| key)
            .collect())
    }

    /// Stores a validated batch whole, or nothing when anything fails.
    pub async fn store_batch(
        &self,
        storable: &StorableBatch,
        meta: &SubmissionMeta,
    ) -> Result<StoreCounts, DbError> {
        let batch = &storable.batch;
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
        let stored = stored_versions(&mut tx, &batch.agency_code, &batch.records).await?;
        let mut counts = StoreCounts::default();
        // What changes: (record, content, compact, stored pk and revision when revised).
        let mut changes = Vec::new();
        for (record, (content, compact)) in batch.records.iter().zip(&storable.forms) {
            let key = (record.kind.as_str().to_string(), record.id.clone());
            let previous = match stored.get(&key) {
                Some((_, _, stored)) if stored == content => {
                    counts.unchanged += 1;
                    continue;
                }
                Some((pk, revision, stored)) => Some((*pk, *revision, stored)),
                None => None,
            };
            changes.push((record, content, compact, previous));
        }
        // The agency's bundle takes the changes before the rows are written: `refresh` tells a first batch (a new,
        // empty bundle) from a stale one by whether the agency has records yet. Run after the inserts, it found the
        // batch's own rows, so every agency's first evaluation rebuilt its bundle from the rows' JSON (at
        // `--scale 10`: 1.1 million rows read back, 5 s of queries alone).
        let mut written = None;
        if !changes.is_empty() {
            let changed: Vec<(&RecordBody, &str, &[u8])> = changes
                .iter()
                .map(|(record, _, compact, _)| {
                    (&record.body, record.id.as_str(), compact.as_slice())
                })
                .collect();
            // The bundle made ahead is of all the batch's records: it is the agency's only for a first batch.
            let alone = storable
                .alone
                .as_deref()
                .filter(|_| changes.len() == batch.records.len());
            written =
                super::rule_bundles::refresh(&mut tx, &batch.agency_code, &changed, alone).await?;
        }
        // Revised records: one update each (agencies correct a few records at a time), their parts' rows cleared.
        // The superseded revision's text moves into its history row, which held none while it was current.
        let mut pks: HashMap<(&str, &str), (i64, i64)> = HashMap::with_capacity(changes.len());
        let mut revised = Vec::new();
        for (record, content, compact, previous) in &changes {
            let Some((pk, revision, superseded)) = *previous else {
                continue;
            };
            sqlx::query(
                "UPDATE record_revisions SET content = $1 WHERE record_pk = $2 AND revision = $3",
            )
            .bind(superseded.as_str())
            .bind(pk)
            .bind(revision)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE records SET revision = $1, content = $2, updated_at = $3, compact = $4 WHERE id = $5")
                .bind(revision + 1)
                .bind(content.as_str())
                .bind(&meta.received_at)
                .bind(row_compact(record, compact))
                .bind(pk)
                .execute(&mut *tx)
                .await?;
            counts.updated += 1;
            pks.insert((record.kind.as_str(), &record.id), (pk, revision + 1));
            revised.push(Arg::Int(pk));
        }
        for table in [
            "DELETE FROM selection_committee_members WHERE record_pk",
            "DELETE FROM selection_candidates WHERE record_pk",
            "DELETE FROM job_fit_participants WHERE record_pk",
        ] {
            multirow::execute_in(&mut tx, table, &revised).await?;
        }
        // New records: multi-row inserts with the ids taken beforehand (`multirow::new_ids`), so that no row
        // comes back from the inserts.
        let new = changes
            .iter()
            .filter(|(.., previous)| previous.is_none())
            .count();
        let ids = multirow::new_ids(&mut tx, multirow::Serial::Records, new).await?;
        let mut created_pks = HashMap::with_capacity(new);
        let rows: Vec<Vec<Arg>> = changes
            .iter()
            .filter(|(.., previous)| previous.is_none())
            .zip(&ids)
            .map(|((record, content, compact, _), &pk)| {
                created_pks.insert((record.kind.as_str(), record.id.as_str()), pk);
                vec![
                    Arg::Int(pk),
                    Arg::Text(&batch.agency_code),
                    Arg::Text(record.kind.as_str()),
                    Arg::Text(&record.id),
                    Arg::Int(1),
                    Arg::Text(content),
                    Arg::Text(&meta.received_at),
                    Arg::MaybeBytes(row_compact(record, compact)),
                ]
            })
            .collect();
        counts.created = index(rows.len());
        multirow::insert(
            &mut tx,
            "records (id, agency_code, kind, record_id, revision, content, updated_at, compact)",
            &rows,
            "",
        )
        .await?;
        let mut revisions = Vec::with_capacity(changes.len());
        let mut parts = ChildRows::default();
        for (record, _, _, _) in &changes {
            let key = (record.kind.as_str(), record.id.as_str());
            let (pk, revision) = match (pks.get(&key), created_pks.get(&key)) {
                (Some(&known), _) => known,
                (None, Some(&pk)) => (pk, 1),
                (None, None) => {
                    return Err(DbError::Corrupt(format!(
                        "record {} was neither revised nor created",
                        record.id
                    )))
                }
            };
            // The current revision's text is `records.content` (stored once, migration 0022).
            revisions.push(vec![Arg::Int(pk), Arg::Int(revision), Arg::Int(submission)]);
            parts.add((&batch.agency_code, pk), &record.body);
        }
        multirow::insert(
            &mut tx,
            "record_revisions (record_pk, revision, submission_id)",
            &revisions,
            "",
        )
        .await?;
        parts.insert(&mut tx).await?;
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
        if let Some(written) = written {
            self.last_bundle.keep(written);
        }
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
