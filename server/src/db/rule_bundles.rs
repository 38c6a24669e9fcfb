//! The rules' bundle of each agency's records (migration 0011: one row holding the compact forms of all its
//! records but merit assessments), kept current by the batch that changes the records (issue #21).
//!
//! Before, a batch only marked the bundle stale and the evaluation that follows every batch read the agency's
//! compact rows back one by one (1,770 rows per agency at `--scale 10`, each a message from sqlx's SQLite worker)
//! and wrote the bundle again; the rows' compact forms also needed a covering index of their own (248 MB of the
//! 1.7 GB demo file). Now the batch merges its records into the bundle in its own transaction, so the bundle is
//! where the compact forms live; a bundle that cannot be merged (missing for an agency with records, or of
//! another format version) is left stale and rebuilt from the rows' JSON by the next evaluation.

use std::collections::HashMap;
use std::mem::{discriminant, Discriminant};
use std::sync::{Arc, Mutex};

use sqlx::{AnyConnection, Row};

use super::compact;
use super::{Db, DbError};
use crate::domain::records::RecordBody;

/// A record's key inside a bundle: its kind (the body's variant) and id.
type Key = (Discriminant<RecordBody>, String);

/// Whether the rules read records of this kind from the bundle (merit assessments are read elsewhere).
pub fn bundled(body: &RecordBody) -> bool {
    !matches!(body, RecordBody::MeritAssessment(_))
}

/// A bundle as a batch wrote it: its agency, version and pieces (the compact forms, not deflated).
pub(super) struct Written {
    agency_code: String,
    version: i64,
    pieces: Vec<Vec<u8>>,
}

/// The bundles this process's batches wrote last, kept as pieces: the evaluation that follows every batch takes
/// them here instead of reading back and inflating what the batch had just deflated (issue #21: inflating was a
/// tenth of the import's main thread at `--scale 10`). Taken only while the database still holds that version
/// (`Db::each_rule_record` asks for the bundle's bytes only when the version differs), so a batch stored by
/// another server meanwhile is never missed; kept only once the batch has committed. The last [`KEPT`] are kept:
/// `pantau import` evaluates an agency while the next batch is stored, which may commit first.
#[derive(Clone, Default)]
pub(super) struct LastBundle(Arc<Mutex<Vec<Written>>>);

/// How many agencies' bundles [`LastBundle`] holds: the one being evaluated and the one stored meanwhile.
const KEPT: usize = 2;

/// Names the agencies and versions only: the pieces are a few megabytes.
impl std::fmt::Debug for LastBundle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let held: Vec<(String, i64)> = self
            .0
            .lock()
            .map(|last| {
                last.iter()
                    .map(|w| (w.agency_code.clone(), w.version))
                    .collect()
            })
            .unwrap_or_default();
        f.debug_tuple("LastBundle").field(&held).finish()
    }
}

impl LastBundle {
    pub(super) fn keep(&self, written: Written) {
        if let Ok(mut last) = self.0.lock() {
            last.retain(|w| w.agency_code != written.agency_code);
            if last.len() == KEPT {
                last.remove(0);
            }
            last.push(written);
        }
    }

    /// The pieces last written for `agency_code`, with their version, taken out (the next reader of the agency
    /// reads the database).
    pub(super) fn take(&self, agency_code: &str) -> Option<(i64, Vec<Vec<u8>>)> {
        let mut last = self.0.lock().ok()?;
        let at = last.iter().position(|w| w.agency_code == agency_code)?;
        let written = last.remove(at);
        Some((written.version, written.pieces))
    }
}

/// The deflated bundle of a batch's records alone: what [`refresh`] writes for an agency's first batch, made
/// ahead with the batch's other stored forms (`StorableBatch`) so that deflating it is done on the importer's
/// second core (issue #21: deflating was a fifth of the storing thread's samples).
pub(super) fn bundle_alone(records: &[(&RecordBody, &str, &[u8])]) -> Option<Vec<u8>> {
    merge(Vec::new(), records).map(|pieces| compact::bundle(&pieces))
}

/// Marks the agency's records changed (`records_version` + 1) and merges `changed` — `(body, id, compact form)`
/// of every record the batch created or revised — into its bundle, within the batch's transaction and before the
/// batch's rows are written (an agency without records yet starts an empty bundle; one with records but no
/// current bundle is left stale). `alone` is [`bundle_alone`] of `changed` when the caller made it. Returns the
/// bundle written, for [`LastBundle`] once the batch commits.
pub(super) async fn refresh(
    conn: &mut AnyConnection,
    agency_code: &str,
    changed: &[(&RecordBody, &str, &[u8])],
    alone: Option<&[u8]>,
) -> Result<Option<Written>, DbError> {
    let row = sqlx::query(
        "SELECT a.records_version AS current, b.version, b.bundle,
                CASE WHEN EXISTS (SELECT 1 FROM records r WHERE r.agency_code = a.code) THEN 1 ELSE 0 END AS stored
         FROM agencies a LEFT JOIN rule_bundles b ON b.agency_code = a.code WHERE a.code = $1",
    )
    .bind(agency_code)
    .fetch_one(&mut *conn)
    .await?;
    let current: i64 = row.try_get("current")?;
    let version: Option<i64> = row.try_get("version")?;
    // Whether the agency had records before this batch (`store_batch` calls this before inserting its rows).
    let had_records = super::get_bool(&row, "stored")?;
    sqlx::query("UPDATE agencies SET records_version = $2 WHERE code = $1")
        .bind(agency_code)
        .bind(current + 1)
        .execute(&mut *conn)
        .await?;
    let base = if !had_records {
        Some(Vec::new())
    } else {
        match (version, row.try_get::<Option<Vec<u8>>, _>("bundle")?) {
            (Some(version), Some(bytes)) if version == current => compact::unbundle(&bytes),
            _ => None,
        }
    };
    let Some(pieces) = base.and_then(|base| merge(base, changed)) else {
        return Ok(None); // left stale: the next evaluation rebuilds it from the rows
    };
    let bytes = match alone {
        Some(alone) if !had_records => alone.to_vec(),
        _ => compact::bundle(&pieces),
    };
    write(conn, agency_code, current + 1, &bytes).await?;
    Ok(Some(Written {
        agency_code: agency_code.to_string(),
        version: current + 1,
        pieces,
    }))
}

/// `base` with each changed record replaced or added, or `None` when a piece of `base` cannot be read.
fn merge(mut base: Vec<Vec<u8>>, changed: &[(&RecordBody, &str, &[u8])]) -> Option<Vec<Vec<u8>>> {
    let mut at: HashMap<Key, usize> = HashMap::with_capacity(base.len());
    for (i, piece) in base.iter().enumerate() {
        let (id, body) = compact::decode(piece).ok()??;
        at.insert((discriminant(&body), id), i);
    }
    for (body, id, bytes) in changed {
        if !bundled(body) {
            continue;
        }
        match at.get(&(discriminant(*body), (*id).to_string())) {
            Some(&i) => base[i] = bytes.to_vec(),
            None => base.push(bytes.to_vec()),
        }
    }
    Some(base)
}

/// Writes an agency's bundle built at `version`, unless its records have changed since (their `records_version` is
/// no longer `version`): the batch's write inside its transaction, and an evaluation's rebuild of a stale bundle.
async fn write(
    conn: &mut AnyConnection,
    agency_code: &str,
    version: i64,
    bundle: &[u8],
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO rule_bundles (agency_code, version, bundle)
         SELECT code, records_version, $3 FROM agencies WHERE code = $1 AND records_version = $2
         ON CONFLICT (agency_code) DO UPDATE SET version = excluded.version, bundle = excluded.bundle",
    )
    .bind(agency_code)
    .bind(version)
    .bind(bundle)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Db {
    /// Writes an agency's bundle built from its rows at `version` (by an evaluation that found it stale), unless
    /// a batch changed its records meanwhile.
    pub async fn store_bundle(
        &self,
        code: &str,
        version: i64,
        pieces: &[Vec<u8>],
    ) -> Result<(), DbError> {
        let mut conn = self.pool.acquire().await?;
        write(&mut conn, code, version, &compact::bundle(pieces)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::Election;
    use crate::domain::Date;

    fn election(id: &str, year: i32) -> (String, RecordBody, Vec<u8>) {
        let vote_on = Date::new(year, 11, 27).expect("date");
        let body = RecordBody::Election(Election {
            name: format!("Pilkada {year}"),
            candidate_determination_on: vote_on.add_days(-60),
            vote_on,
        });
        let bytes = compact::encode(id, &body).expect("encode");
        (id.to_string(), body, bytes)
    }

    #[test]
    fn a_merge_replaces_revised_records_in_place_and_appends_new_ones() {
        let (a, _, a1) = election("A", 2020);
        let (_, _, b1) = election("B", 2020);
        let (_, a_body, a2) = election("A", 2024);
        let (c, c_body, c1) = election("C", 2024);
        let merged = merge(
            vec![a1, b1.clone()],
            &[(&a_body, a.as_str(), &a2), (&c_body, c.as_str(), &c1)],
        )
        .expect("merged");
        assert_eq!(merged, vec![a2, b1, c1]);
    }

    #[test]
    fn a_bundle_with_an_unreadable_piece_is_not_merged() {
        let (a, a_body, a1) = election("A", 2020);
        assert_eq!(
            merge(vec![vec![0xff, 1, 2]], &[(&a_body, a.as_str(), &a1)]),
            None
        );
    }

    #[test]
    fn the_last_two_agencies_bundles_are_kept_until_taken() {
        let written = |code: &str, version| Written {
            agency_code: code.to_string(),
            version,
            pieces: vec![vec![version as u8]],
        };
        let last = LastBundle::default();
        last.keep(written("A", 1));
        last.keep(written("B", 1));
        // A's evaluation comes after B's batch committed: A's bundle is still there.
        assert_eq!(last.take("A"), Some((1, vec![vec![1]])));
        assert_eq!(last.take("A"), None, "taken once");
        last.keep(written("B", 2));
        assert_eq!(
            last.take("B"),
            Some((2, vec![vec![2]])),
            "the newer of one agency's"
        );
        last.keep(written("A", 3));
        last.keep(written("B", 3));
        last.keep(written("C", 3));
        assert_eq!(last.take("A"), None, "the oldest of three is dropped");
        assert!(last.take("B").is_some() && last.take("C").is_some());
    }
}
