//! The violation store as evaluations leave it (with the rules' own events), and the evaluation log; the steps
//! people take are in `violation_steps`. Deciding what is a violation is `crate::rules`' business; this module
//! only stores it.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::multirow::{self, Arg};
use super::{get_bool, Db, DbError};
use crate::domain::peers::AgencyFigures;
use crate::domain::signal::Signal;
use crate::domain::violation::Violation;
use crate::domain::Date;
use model::{RuleId, Status};

/// A violation as stored, with its workflow status.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ViolationRow {
    pub id: i64,
    pub rule_id: String,
    pub agency_code: String,
    pub record_kind: String,
    pub record_id: String,
    pub subject_nip: Option<String>,
    pub event_date: String,
    pub severity: String,
    pub status: String,
    pub legal_basis: String,
    pub message: String,
    pub message_en: String,
    /// The parameter values it was judged with.
    pub params: serde_json::Value,
    /// Since when each value that came from a dated change was in force (key → date; issue #19).
    pub params_since: serde_json::Value,
    /// `false` once a later evaluation no longer finds it (kept as history).
    pub active: bool,
    pub flagged_as_of: String,
    pub cleared_as_of: Option<String>,
}

/// What the violation list can be narrowed by; `None` is no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViolationFilter {
    pub agency: Option<String>,
    pub rule: Option<RuleId>,
    pub status: Option<Status>,
    /// The official concerned (NIP).
    pub subject: Option<String>,
    /// Also violations that a later evaluation cleared.
    pub include_cleared: bool,
    /// Keyset pagination: only ids greater than this.
    pub after_id: Option<i64>,
    pub limit: Option<i64>,
}

/// What one evaluation found, stored together by [`Db::apply_evaluation`].
#[derive(Clone, Copy, Debug)]
pub struct Outcome<'a> {
    pub violations: &'a [Violation],
    pub signals: &'a [Signal],
    pub figures: &'a [AgencyFigures],
}

/// What applying one evaluation did, per rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RuleCounts {
    /// Violations of the rule standing after the evaluation (in its scope).
    pub flagged: i64,
    /// Newly raised, or raised again after being cleared.
    pub raised: i64,
    pub cleared: i64,
}

impl ViolationRow {
    pub fn key(&self) -> KeyText {
        (
            self.rule_id.clone(),
            self.agency_code.clone(),
            self.record_kind.clone(),
            self.record_id.clone(),
            self.subject_nip.clone().unwrap_or_default(),
        )
    }
}

const COLUMNS: &str =
    "id, rule_id, agency_code, record_kind, record_id, subject_nip, event_date, severity, status,
     legal_basis, message, message_en, params, params_since, active, flagged_as_of, cleared_as_of";

fn violation_from_row(row: &AnyRow) -> Result<ViolationRow, DbError> {
    let subject: String = row.try_get("subject_nip")?;
    let params: String = row.try_get("params")?;
    let since: String = row.try_get("params_since")?;
    Ok(ViolationRow {
        id: row.try_get("id")?,
        rule_id: row.try_get("rule_id")?,
        agency_code: row.try_get("agency_code")?,
        record_kind: row.try_get("record_kind")?,
        record_id: row.try_get("record_id")?,
        subject_nip: Some(subject).filter(|s| !s.is_empty()),
        event_date: row.try_get("event_date")?,
        severity: row.try_get("severity")?,
        status: row.try_get("status")?,
        legal_basis: row.try_get("legal_basis")?,
        message: row.try_get("message")?,
        message_en: row.try_get("message_en")?,
        params: serde_json::from_str(&params).map_err(|e| DbError::Corrupt(e.to_string()))?,
        params_since: serde_json::from_str(&since).map_err(|e| DbError::Corrupt(e.to_string()))?,
        active: get_bool(row, "active")?,
        flagged_as_of: row.try_get("flagged_as_of")?,
        cleared_as_of: row.try_get("cleared_as_of")?,
    })
}

/// The stable key of a violation as stored: rule id, agency, record kind, record id, subject ('' for none).
pub type KeyText = (String, String, String, String, String);

/// The stored key of a computed violation.
pub fn key_text(v: &Violation) -> KeyText {
    (
        v.key.rule.as_str().to_string(),
        v.key.agency_code.clone(),
        v.key.record_kind.as_str().to_string(),
        v.key.record_id.clone(),
        v.key.subject.clone(),
    )
}

fn params_json(v: &Violation) -> String {
    let map: BTreeMap<&str, &str> = v.params.iter().map(|(k, val)| (*k, val.as_str())).collect();
    serde_json::json!(map).to_string()
}

/// Since when each dated value of `v` was in force, as stored (`{}` when all were base values).
fn params_since_json(v: &Violation) -> String {
    let map: BTreeMap<&str, String> = v
        .params_since
        .iter()
        .map(|(k, d)| (*k, d.to_string()))
        .collect();
    serde_json::json!(map).to_string()
}

impl Db {
    /// Applies one evaluation's result to the store, in one transaction (one commit per evaluation, and no
    /// reader sees violations beside the previous evaluation's signals): new violations are raised, changed ones
    /// updated, cleared ones raised again, and stored ones in `scope` (one agency, or all when `None`) that the
    /// evaluation no longer finds are cleared; the signals and the agencies' figures are replaced likewise.
    /// Statuses are never touched. Applying the same result twice changes nothing the second time.
    pub async fn apply_evaluation(
        &self,
        scope: Option<&str>,
        outcome: Outcome<'_>,
        as_of: Date,
        (now, actor): (&str, &str),
    ) -> Result<BTreeMap<RuleId, RuleCounts>, DbError> {
        let found = outcome.violations;
        let mut tx = self.begin_write().await?;
        const STORED: &str =
            "SELECT id, rule_id, agency_code, record_kind, record_id, subject_nip, event_date,
                                     message, message_en, params, params_since, active FROM violations";
        // One agency by its index (see `rule_records` on why not one text with an OR).
        let rows = match scope {
            Some(code) => {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "{STORED} WHERE agency_code = $1"
                )))
                .bind(code)
                .fetch_all(&mut *tx)
                .await?
            }
            None => sqlx::query(STORED).fetch_all(&mut *tx).await?,
        };
        // key → (id, [event_date, message, message_en, params, params_since], active)
        let mut stored: HashMap<KeyText, (i64, [String; 5], bool)> =
            HashMap::with_capacity(rows.len());
        for row in &rows {
            let key = (
                row.try_get("rule_id")?,
                row.try_get("agency_code")?,
                row.try_get("record_kind")?,
                row.try_get("record_id")?,
                row.try_get("subject_nip")?,
            );
            let content = [
                row.try_get("event_date")?,
                row.try_get("message")?,
                row.try_get("message_en")?,
                row.try_get("params")?,
                row.try_get("params_since")?,
            ];
            stored.insert(key, (row.try_get("id")?, content, get_bool(row, "active")?));
        }

        let mut counts: BTreeMap<RuleId, RuleCounts> = BTreeMap::new();
        let as_of_text = as_of.to_string();
        // The new violations and the rules' events are written in multi-row statements (issue #21: the first
        // evaluation of an agency raises hundreds); a changed one is updated on its own (rare).
        let mut new: Vec<(&Violation, [String; 5])> = Vec::new();
        let mut events: Vec<(i64, &'static str)> = Vec::new();
        for v in found {
            let entry = counts.entry(v.rule()).or_default();
            entry.flagged += 1;
            let content = [
                v.event_date.to_string(),
                v.message.clone(),
                v.message_en.clone(),
                params_json(v),
                params_since_json(v),
            ];
            match stored.remove(&key_text(v)) {
                Some((_, old, true)) if old == content => {}
                Some((id, _, active)) => {
                    sqlx::query(
                        "UPDATE violations SET event_date = $1, message = $2, message_en = $3, params = $4,
                                params_since = $8, active = 1, cleared_as_of = NULL, flagged_as_of = $5,
                                updated_at = $6
                         WHERE id = $7",
                    )
                    .bind(&content[0])
                    .bind(&content[1])
                    .bind(&content[2])
                    .bind(&content[3])
                    .bind(&as_of_text)
                    .bind(now)
                    .bind(id)
                    .bind(&content[4])
                    .execute(&mut *tx)
                    .await?;
                    if !active {
                        entry.raised += 1;
                    }
                    events.push((id, if active { "changed" } else { "reflagged" }));
                }
                None => {
                    entry.raised += 1;
                    new.push((v, content));
                }
            }
        }
        // Their ids taken beforehand (`multirow::new_ids`): the insert returns no rows.
        let ids = multirow::new_ids(&mut tx, multirow::Serial::Violations, new.len()).await?;
        let rows: Vec<Vec<Arg>> = new
            .iter()
            .zip(&ids)
            .map(|((v, c), &id)| {
                vec![
                    Arg::Int(id),
                    Arg::Text(v.rule().as_str()),
                    Arg::Text(&v.key.agency_code),
                    Arg::Text(v.key.record_kind.as_str()),
                    Arg::Text(&v.key.record_id),
                    Arg::Text(&v.key.subject),
                    Arg::Text(&c[0]),
                    Arg::Text(v.rule().severity().as_str()),
                    Arg::Text(v.rule().legal_basis()),
                    Arg::Text(&c[1]),
                    Arg::Text(&c[2]),
                    Arg::Text(&c[3]),
                    Arg::Text(&as_of_text),
                    Arg::Text(now),
                    Arg::Text(now),
                    Arg::Text(&c[4]),
                ]
            })
            .collect();
        multirow::insert(
            &mut tx,
            "violations (id, rule_id, agency_code, record_kind, record_id, subject_nip, event_date, severity,
                         legal_basis, message, message_en, params, flagged_as_of, created_at, updated_at,
                         params_since)",
            &rows,
            "",
        )
        .await?;
        events.extend(ids.iter().map(|&id| (id, "flagged")));
        let mut cleared = Vec::new();
        for ((rule, ..), (id, _, active)) in stored {
            if !active {
                continue;
            }
            cleared.push(Arg::Int(id));
            events.push((id, "cleared"));
            if let Some(rule) = RuleId::parse(&rule) {
                counts.entry(rule).or_default().cleared += 1;
            }
        }
        multirow::update_in(
            &mut tx,
            "violations",
            &[
                ("active", Arg::Int(0)),
                ("cleared_as_of", Arg::Text(&as_of_text)),
                ("updated_at", Arg::Text(now)),
            ],
            "id",
            &cleared,
        )
        .await?;
        // Whether any violation was raised, changed or cleared (the explorer's index is then rebuilt).
        let wrote = !events.is_empty();
        let event_rows: Vec<Vec<Arg>> = events
            .iter()
            .map(|&(id, event)| {
                vec![
                    Arg::Int(id),
                    Arg::Text(now),
                    Arg::Text(actor),
                    Arg::Text(event),
                    Arg::Text(&as_of_text),
                ]
            })
            .collect();
        multirow::insert(
            &mut tx,
            "violation_events (violation_id, at, actor, event, as_of)",
            &event_rows,
            "",
        )
        .await?;
        super::signals::apply_signals(&mut tx, scope, outcome.signals, &as_of_text, now).await?;
        super::peers::apply_figures(&mut tx, scope, outcome.figures, &as_of_text, now).await?;
        if wrote {
            Db::bump_generation(&mut tx).await?;
        }
        let total = |f: fn(&RuleCounts) -> i64| counts.values().map(f).sum::<i64>();
        sqlx::query(
            "INSERT INTO evaluations (at, actor, as_of, scope, flagged, raised, cleared) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(now)
        .bind(actor)
        .bind(&as_of_text)
        .bind(scope.unwrap_or("all"))
        .bind(total(|c| c.flagged))
        .bind(total(|c| c.raised))
        .bind(total(|c| c.cleared))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.note_write();
        Ok(counts)
    }

    /// Stored violations matching `filter`, by id (the keyset for pagination).
    pub async fn list_violations(
        &self,
        filter: &ViolationFilter,
    ) -> Result<Vec<ViolationRow>, DbError> {
        let agency = super::optional_eq("agency_code", 1, filter.agency.as_deref());
        let rule = super::optional_eq("rule_id", 2, filter.rule.map(RuleId::as_str));
        let status = super::optional_eq("status", 3, filter.status.map(Status::as_str));
        let subject = super::optional_eq(
            "subject_nip",
            7,
            filter.subject.as_deref().filter(|s| !s.is_empty()),
        );
        let sql = format!(
            "SELECT {COLUMNS} FROM violations
             WHERE {agency} AND {rule} AND {status}
               AND ($4 = 1 OR active = 1)
               AND id > $5
               AND {subject}
             ORDER BY id
             LIMIT $6"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(filter.agency.as_deref().unwrap_or(""))
            .bind(filter.rule.map(RuleId::as_str).unwrap_or(""))
            .bind(filter.status.map(Status::as_str).unwrap_or(""))
            .bind(i64::from(filter.include_cleared))
            .bind(filter.after_id.unwrap_or(0))
            .bind(filter.limit.unwrap_or(i64::MAX))
            .bind(filter.subject.as_deref().unwrap_or(""))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(violation_from_row).collect()
    }

    /// Active high-severity violations flagged (or flagged again) by an evaluation as of a date from `from` to
    /// `to` inclusive, oldest id first: the staff's weekly digest, without reading every violation.
    pub async fn high_violations_flagged(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<ViolationRow>, DbError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM violations
             WHERE severity = 'high' AND active = 1 AND flagged_as_of >= $1 AND flagged_as_of <= $2
             ORDER BY id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(from)
            .bind(to)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(violation_from_row).collect()
    }

    /// How many violations are active (what `pantau demo` reports; counted, not listed: at `--scale 3` the list
    /// of 38,000 rows was the demo's peak memory, 200 MB).
    pub async fn active_violation_count(&self) -> Result<i64, DbError> {
        Ok(
            sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM violations WHERE active = 1")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// The as-of date of the latest evaluation of all agencies or of `code` alone.
    pub async fn last_evaluation_as_of(&self, code: &str) -> Result<Option<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT as_of FROM evaluations WHERE scope = 'all' OR scope = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub async fn violation(&self, id: i64) -> Result<Option<ViolationRow>, DbError> {
        let sql = format!("SELECT {COLUMNS} FROM violations WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(violation_from_row).transpose()
    }

    /// The violations of `ids` (those that exist), in no particular order: one query per chunk of ids instead of
    /// one per violation (an agency's recommendations are issued together).
    pub async fn violations_by_id(&self, ids: &[i64]) -> Result<Vec<ViolationRow>, DbError> {
        let keys: Vec<Arg> = ids.iter().map(|&id| Arg::Int(id)).collect();
        let mut conn = self.pool.acquire().await?;
        let head = format!("SELECT {COLUMNS} FROM violations");
        super::multirow::select_in(&mut conn, &head, &[], "id", &keys)
            .await?
            .iter()
            .map(violation_from_row)
            .collect()
    }
}
