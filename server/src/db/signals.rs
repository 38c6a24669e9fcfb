//! Signals as stored (issue #20): one row per (kind, agency, key) for ever, raised, changed and cleared by each
//! evaluation like the violations, with the analyst's "explained" mark kept across evaluations.

use std::collections::HashMap;

use model::types::{SignalItem, SignalRecord};
use sqlx::{AnyConnection, Row};

use super::multirow::{self, Arg};
use super::{audit, get_bool, Db, DbError};
use crate::domain::signal::Signal;

/// The columns a [`SignalItem`] is read from (a macro: sqlx takes only literal SQL).
macro_rules! columns {
    () => {
        "id, kind, agency_code, first_date, last_date, count, records, explanation, explanation_en, explained, \
         explained_note"
    };
}

fn item(row: &sqlx::any::AnyRow) -> Result<SignalItem, DbError> {
    let records: String = row.try_get("records")?;
    let records: Vec<SignalRecord> = serde_json::from_str(&records)
        .map_err(|e| DbError::Corrupt(format!("signal records: {e}")))?;
    Ok(SignalItem {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        agency_code: row.try_get("agency_code")?,
        first_date: row.try_get("first_date")?,
        last_date: row.try_get("last_date")?,
        count: row.try_get("count")?,
        records,
        explanation: row.try_get("explanation")?,
        explanation_en: row.try_get("explanation_en")?,
        explained: get_bool(row, "explained")?,
        explained_note: row.try_get("explained_note")?,
    })
}

/// A signal's evidence as the API shows it.
pub fn signal_records(signal: &Signal) -> Vec<SignalRecord> {
    signal
        .records
        .iter()
        .map(|(kind, id)| SignalRecord {
            kind: kind.as_str().to_string(),
            id: id.clone(),
        })
        .collect()
}

/// The evidence as stored.
fn records_json(signal: &Signal) -> String {
    serde_json::to_string(&signal_records(signal)).unwrap_or_else(|_| "[]".into())
}

/// A filter's text, `None` when empty (no filter).
fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// Stores what an evaluation of one agency (`Some`) or all found, in the evaluation's transaction: new signals
/// inserted, changed ones updated, those no longer found cleared; explained marks stay.
pub(super) async fn apply_signals(
    tx: &mut AnyConnection,
    scope: Option<&str>,
    found: &[Signal],
    as_of: &str,
    now: &str,
) -> Result<(), DbError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT id, kind, agency_code, key, first_date, last_date, count, records, explanation, active
         FROM signals WHERE {}",
        super::optional_eq("agency_code", 1, scope)
    )))
    .bind(scope.unwrap_or(""))
    .fetch_all(&mut *tx)
    .await?;
    let mut stored: HashMap<(String, String, String), (i64, String, bool)> = HashMap::new();
    for r in &rows {
        let content = format!(
            "{}|{}|{}|{}|{}",
            r.try_get::<String, _>("first_date")?,
            r.try_get::<String, _>("last_date")?,
            r.try_get::<i64, _>("count")?,
            r.try_get::<String, _>("records")?,
            r.try_get::<String, _>("explanation")?,
        );
        stored.insert(
            (
                r.try_get("kind")?,
                r.try_get("agency_code")?,
                r.try_get("key")?,
            ),
            (r.try_get("id")?, content, get_bool(r, "active")?),
        );
    }
    // Each signal's texts, kept alive for the multi-row insert's borrowed values.
    let texts: Vec<(String, String, String)> = found
        .iter()
        .map(|s| {
            let dates = (s.first_date.to_string(), s.last_date.to_string());
            (dates.0, dates.1, records_json(s))
        })
        .collect();
    let mut new = Vec::new();
    for (s, (first_date, last_date, records)) in found.iter().zip(&texts) {
        let count = i64::try_from(s.count).unwrap_or(i64::MAX);
        let content = format!(
            "{first_date}|{last_date}|{count}|{records}|{}",
            s.explanation
        );
        let key = (
            s.kind.as_str().to_string(),
            s.agency_code.clone(),
            s.key.clone(),
        );
        match stored.remove(&key) {
            Some((_, old, true)) if old == content => {}
            // Changed or raised again: few per evaluation, one statement each (each row its own values).
            Some((id, ..)) => {
                sqlx::query(
                    "UPDATE signals SET first_date = $1, last_date = $2, count = $3, records = $4, explanation = $5,
                            explanation_en = $6, active = 1, as_of = $7, updated_at = $8 WHERE id = $9",
                )
                .bind(first_date)
                .bind(last_date)
                .bind(count)
                .bind(records)
                .bind(&s.explanation)
                .bind(&s.explanation_en)
                .bind(as_of)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            }
            None => new.push(vec![
                Arg::Text(s.kind.as_str()),
                Arg::Text(&s.agency_code),
                Arg::Text(&s.key),
                Arg::Text(first_date),
                Arg::Text(last_date),
                Arg::Int(count),
                Arg::Text(records),
                Arg::Text(&s.explanation),
                Arg::Text(&s.explanation_en),
                Arg::Text(as_of),
                Arg::Text(now),
            ]),
        }
    }
    multirow::insert(
        tx,
        "signals (kind, agency_code, key, first_date, last_date, count, records, explanation, explanation_en, \
         as_of, updated_at)",
        &new,
        "",
    )
    .await?;
    let cleared: Vec<Arg> = stored
        .into_values()
        .filter(|(_, _, active)| *active)
        .map(|(id, ..)| Arg::Int(id))
        .collect();
    multirow::update_in(
        tx,
        "signals",
        &[
            ("active", Arg::Int(0)),
            ("as_of", Arg::Text(as_of)),
            ("updated_at", Arg::Text(now)),
        ],
        "id",
        &cleared,
    )
    .await
}

impl Db {
    /// The active signals matching the filter (`kind`, `agency`, `province` empty: any), oldest first date first;
    /// the explained ones only with `include_explained`.
    pub async fn signals(
        &self,
        (kind, agency, province): (&str, &str, &str),
        include_explained: bool,
    ) -> Result<Vec<SignalItem>, DbError> {
        let sql = format!(
            "SELECT s.id, s.kind, s.agency_code, s.first_date, s.last_date, s.count, s.records, s.explanation,
                    s.explanation_en, s.explained, s.explained_note
             FROM signals s JOIN agencies a ON a.code = s.agency_code
             WHERE s.active = 1 AND {} AND {} AND {} AND ($4 = 1 OR s.explained = 0)
             ORDER BY s.first_date, s.id",
            super::optional_eq("s.kind", 1, non_empty(kind)),
            super::optional_eq("s.agency_code", 2, non_empty(agency)),
            super::optional_eq("a.province_code", 3, non_empty(province)),
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(kind)
            .bind(agency)
            .bind(province)
            .bind(i64::from(include_explained))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item).collect()
    }

    /// One stored signal.
    pub async fn signal(&self, id: i64) -> Result<Option<SignalItem>, DbError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM signals WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(item).transpose()
    }

    /// Open (active, unexplained) signals per kind and province of the agency.
    pub async fn signal_counts(&self) -> Result<Vec<(String, String, i64)>, DbError> {
        let rows = sqlx::query(
            "SELECT s.kind, COALESCE(a.province_code, '') AS province, COUNT(*) AS n
             FROM signals s JOIN agencies a ON a.code = s.agency_code
             WHERE s.active = 1 AND s.explained = 0
             GROUP BY s.kind, COALESCE(a.province_code, '') ORDER BY s.kind, province",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("kind")?, r.try_get("province")?, r.try_get("n")?)))
            .collect()
    }

    /// Marks a signal explained with the analyst's note (audited); `false` when there is no such signal.
    pub async fn explain_signal(
        &self,
        id: i64,
        note: &str,
        actor: &str,
        now: &str,
    ) -> Result<bool, DbError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE signals SET explained = 1, explained_note = $1, explained_by = $2, explained_at = $3 WHERE id = $4",
        )
        .bind(note)
        .bind(actor)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 1 {
            audit(
                &mut tx,
                (now, actor),
                "signal.explain",
                &format!("signal/{id}"),
                None,
                Some(note.to_string()),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(done == 1)
    }
}
