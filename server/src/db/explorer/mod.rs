//! The violation explorer's queries: a filtered, sorted, keyset-paginated page of violations with the facet
//! counts of the whole filtered view.
//!
//! Facets and filters run over an in-memory index of the active violations (a few bytes per violation: its
//! codes, agency and date), built from the database and rebuilt when the violations' *generation* — a counter
//! that every change to the violations increments in the same transaction (`bump_generation`) — moves on. Each
//! request reads the counter (one tiny query), so every app server behind the load balancer sees a change at
//! once. SQL-side `GROUP BY`s over 120,000 violations took 0.2–1.6 s per page on SQLite (docs/benchmarks.md); the
//! index answers any filter in a few milliseconds, and only the page's 50 rows are read from the table.
//!
//! Facets count the current view ("drill-down"): choosing a rule narrows every other facet to that rule.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use model::types::{AgencyKind, ExplorerFilter, ExplorerPage, ExplorerRow, Facet, FacetValue};
use sqlx::Row;

use super::{Db, DbError};
use model::RuleId;
use model::Status;

mod index;

use index::*;
pub use index::{ExplorerCache, Snapshot, FACETS, PAGE_ROWS};

impl Db {
    /// Marks the violations as changed (in the caller's transaction), so that every app server rebuilds its
    /// explorer index at its next request.
    pub(super) async fn bump_generation(conn: &mut sqlx::AnyConnection) -> Result<(), DbError> {
        sqlx::query("UPDATE violation_generation SET generation = generation + 1 WHERE id = 1")
            .execute(conn)
            .await?;
        Ok(())
    }

    /// The explorer index of the current generation, rebuilt if the violations changed since it was built.
    async fn snapshot(&self) -> Result<Arc<Snapshot>, DbError> {
        let generation: i64 =
            sqlx::query_scalar("SELECT generation FROM violation_generation WHERE id = 1")
                .fetch_one(&self.pool)
                .await?;
        let mut cached = self.explorer.lock().await;
        if let Some(snapshot) = cached.as_ref().filter(|s| s.generation == generation) {
            return Ok(snapshot.clone());
        }
        let snapshot = Arc::new(self.build_snapshot(generation).await?);
        *cached = Some(snapshot.clone());
        Ok(snapshot)
    }

    async fn build_snapshot(&self, generation: i64) -> Result<Snapshot, DbError> {
        let started = std::time::Instant::now();
        // Retired agencies too: their violations stay visible.
        let mut registry = self.all_agencies().await?;
        registry.sort_by(|a, b| a.name.cmp(&b.name).then(a.code.cmp(&b.code)));
        let province_names = registry
            .iter()
            .filter(|a| a.kind == AgencyKind::Province)
            .map(|a| (a.code.clone(), a.name.clone()))
            .collect();
        // Agencies of the same name share a rank, so that the sort is by name then id, as the cursor compares.
        let mut first_of_name: BTreeMap<String, u32> = BTreeMap::new();
        let agencies: Vec<AgencyInfo> = registry
            .into_iter()
            .enumerate()
            .map(|(rank, a)| AgencyInfo {
                search: format!("{} {}", a.name.to_lowercase(), a.code.to_lowercase()),
                name_rank: *first_of_name
                    .entry(a.name.clone())
                    .or_insert(u32::try_from(rank).unwrap_or(u32::MAX)),
                code: a.code,
                name: a.name,
                kind: a.kind,
                province: a.province_code,
            })
            .collect();
        let by_code: BTreeMap<&str, u16> = agencies
            .iter()
            .enumerate()
            .filter_map(|(i, a)| Some((a.code.as_str(), u16::try_from(i).ok()?)))
            .collect();
        let rows = sqlx::query(
            "SELECT id, rule_id, severity, status, agency_code, event_date FROM violations WHERE active = 1",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut entries = Vec::with_capacity(rows.len());
        for r in &rows {
            let rule: String = r.try_get("rule_id")?;
            let severity: String = r.try_get("severity")?;
            let status: String = r.try_get("status")?;
            let agency: String = r.try_get("agency_code")?;
            let date: String = r.try_get("event_date")?;
            let (Some(rule), Some(severity), Some(status), Some(&agency)) = (
                RuleId::parse(&rule).and_then(|r| index_of(RuleId::ALL, &r)),
                index_of(&SEVERITIES, &severity.as_str()),
                Status::parse(&status).and_then(|s| index_of(Status::ALL, &s)),
                by_code.get(agency.as_str()),
            ) else {
                return Err(DbError::Corrupt(format!(
                    "violation with rule {rule:?}, severity {severity:?}, status {status:?}, agency {agency:?}"
                )));
            };
            entries.push(Entry {
                id: r.try_get("id")?,
                rule,
                severity,
                status,
                agency,
                date: date_number(&date),
            });
        }
        let positions =
            || (0..u32::try_from(entries.len()).unwrap_or(u32::MAX)).collect::<Vec<u32>>();
        let at = |i: &u32| &entries[*i as usize];
        let mut newest = positions();
        newest.sort_by_key(|i| std::cmp::Reverse((at(i).date, at(i).id)));
        let mut by_agency = positions();
        by_agency.sort_by_key(|i| (agencies[usize::from(at(i).agency)].name_rank, at(i).id));
        let mut by_rule = positions();
        by_rule.sort_by_key(|i| {
            let rule = RuleId::ALL.get(usize::from(at(i).rule)).map(|r| r.as_str());
            (rule, at(i).id)
        });
        tracing::debug!(violations = entries.len(), elapsed = ?started.elapsed(), "explorer index built");
        Ok(Snapshot {
            generation,
            entries,
            agencies,
            orders: [newest, by_agency, by_rule],
            province_names,
        })
    }

    /// One page of the explorer (see the module's note). Only violations that the latest evaluation still finds
    /// are shown; cleared ones stay in each violation's history.
    pub async fn explore(&self, filter: &ExplorerFilter) -> Result<ExplorerPage, DbError> {
        let snapshot = self.snapshot().await?;
        let mut wanted = Wanted::read(filter, &snapshot);
        let cursor = match filter.after.as_str() {
            "" => None,
            text => {
                let parsed = parse_cursor(text);
                if parsed.is_none() {
                    wanted.invalid.push("after".to_string());
                }
                parsed
            }
        };
        let (counts, total) = snapshot.facets(&wanted);
        let mut shown = snapshot.ordered(filter, &wanted, cursor.as_ref(), PAGE_ROWS + 1);
        let more = shown.len() > PAGE_ROWS;
        shown.truncate(PAGE_ROWS);
        let next = more
            .then(|| shown.last())
            .flatten()
            .map(|last| cursor_of(&snapshot, filter, last));
        let rows = self.rows_by_id(&shown).await?;
        let facets = FACETS
            .iter()
            .zip(counts)
            .map(|(name, values)| Facet {
                name: name.to_string(),
                values: values
                    .into_iter()
                    .filter(|(value, _)| !value.is_empty())
                    .map(|(value, count)| FacetValue {
                        label: match *name {
                            "province" => snapshot
                                .province_names
                                .get(&value)
                                .cloned()
                                .unwrap_or_else(|| value.clone()),
                            _ => value.clone(),
                        },
                        value,
                        count,
                    })
                    .collect(),
            })
            .collect();
        Ok(ExplorerPage {
            rows,
            total,
            facets,
            next,
            invalid: wanted.invalid,
        })
    }

    /// Every violation of the explorer's view in its order, for the CSV and Excel exports (no paging).
    pub async fn explore_all(&self, filter: &ExplorerFilter) -> Result<Vec<ExplorerRow>, DbError> {
        let snapshot = self.snapshot().await?;
        let wanted = Wanted::read(filter, &snapshot);
        let ordered = snapshot.ordered(filter, &wanted, None, usize::MAX);
        let mut rows = Vec::with_capacity(ordered.len());
        for chunk in ordered.chunks(500) {
            rows.extend(self.rows_by_id(chunk).await?);
        }
        Ok(rows)
    }

    /// The table rows of `entries`, in their order.
    async fn rows_by_id(&self, entries: &[Entry]) -> Result<Vec<ExplorerRow>, DbError> {
        if entries.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = (1..=entries.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT v.id, v.rule_id, v.severity, v.status, v.agency_code, a.name AS agency_name,
                    a.kind AS agency_kind, a.province_code, v.event_date, v.message, v.message_en
             FROM violations v JOIN agencies a ON a.code = v.agency_code
             WHERE v.id IN ({placeholders})"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for e in entries {
            query = query.bind(e.id);
        }
        let mut by_id: BTreeMap<i64, ExplorerRow> = BTreeMap::new();
        for r in query.fetch_all(&self.pool).await? {
            let row = ExplorerRow {
                id: r.try_get("id")?,
                rule_id: super::get_code(&r, "rule_id", RuleId::parse)?,
                severity: super::get_code(&r, "severity", model::Severity::parse)?,
                status: super::get_code(&r, "status", Status::parse)?,
                agency_code: r.try_get("agency_code")?,
                agency_name: r.try_get("agency_name")?,
                agency_kind: r.try_get("agency_kind")?,
                province_code: r.try_get("province_code")?,
                event_date: r.try_get("event_date")?,
                message: r.try_get("message")?,
                message_en: r.try_get("message_en")?,
            };
            by_id.insert(row.id, row);
        }
        Ok(entries.iter().filter_map(|e| by_id.remove(&e.id)).collect())
    }
}

fn cursor_of(snapshot: &Snapshot, filter: &ExplorerFilter, last: &Entry) -> String {
    let sort = Snapshot::sort_index(filter);
    cursor(&snapshot.cursor_value(sort, last), last.id)
}

#[cfg(test)]
mod tests;
