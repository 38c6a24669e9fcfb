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

/// Rows per explorer page.
pub const PAGE_ROWS: usize = 50;

/// The facet dimensions, in the order the page shows them.
pub const FACETS: [&str; 6] = ["rule", "severity", "status", "kind", "province", "year"];

/// The sorts: URL value; unknown values sort newest first.
const SORTS: [&str; 4] = ["newest", "oldest", "agency", "rule"];

const SEVERITIES: [&str; 2] = ["high", "medium"];

/// One active violation in the index.
#[derive(Clone, Copy, Debug)]
struct Entry {
    id: i64,
    rule: u8,
    severity: u8,
    status: u8,
    agency: u16,
    /// `YYYYMMDD`
    date: u32,
}

impl Entry {
    fn year(&self) -> u32 {
        self.date / 10_000
    }
}

#[derive(Clone, Debug)]
struct AgencyInfo {
    code: String,
    name: String,
    /// Lower-case name and code, for the text search.
    search: String,
    kind: AgencyKind,
    province: Option<String>,
    /// Position in name order, for the agency sort.
    name_rank: u32,
}

/// The index of one generation of the violations.
#[derive(Debug, Default)]
pub struct Snapshot {
    generation: i64,
    entries: Vec<Entry>,
    agencies: Vec<AgencyInfo>,
    /// `entries` positions in the order of the newest, agency and rule sorts (oldest is newest read backwards).
    orders: [Vec<u32>; 3],
    province_names: BTreeMap<String, String>,
}

/// The cached index, shared by the clones of a [`Db`].
pub type ExplorerCache = Arc<tokio::sync::Mutex<Option<Arc<Snapshot>>>>;

fn date_number(text: &str) -> u32 {
    text.get(..10)
        .map(|d| d.replace('-', ""))
        .and_then(|d| d.parse().ok())
        .unwrap_or(0)
}

fn date_text(n: u32) -> String {
    format!("{:04}-{:02}-{:02}", n / 10_000, n / 100 % 100, n % 100)
}

fn index_of<T: PartialEq>(all: &[T], value: &T) -> Option<u8> {
    all.iter()
        .position(|v| v == value)
        .and_then(|i| u8::try_from(i).ok())
}

/// What a filter keeps, resolved against the index: `None` in a field is "any". A value that cannot be read
/// makes `nothing` true (and is named in `invalid`): dropping it silently would show a wider view than the URL
/// asks for.
#[derive(Debug, Default)]
struct Wanted {
    rule: Option<u8>,
    severity: Option<u8>,
    status: Option<u8>,
    kind: Option<AgencyKind>,
    province: Option<String>,
    year: Option<u32>,
    /// Agencies whose name or code holds the search text.
    agencies: Option<Vec<bool>>,
    nothing: bool,
    invalid: Vec<String>,
}

impl Wanted {
    fn read(filter: &ExplorerFilter, snapshot: &Snapshot) -> Wanted {
        let mut w = Wanted::default();
        let refuse = |w: &mut Wanted, name: &str| {
            w.invalid.push(name.to_string());
            w.nothing = true;
        };
        if !filter.rule.is_empty() {
            match RuleId::parse(&filter.rule).and_then(|r| index_of(RuleId::ALL, &r)) {
                Some(i) => w.rule = Some(i),
                None => refuse(&mut w, "rule"),
            }
        }
        if !filter.severity.is_empty() {
            match index_of(&SEVERITIES, &filter.severity.as_str()) {
                Some(i) => w.severity = Some(i),
                None => refuse(&mut w, "severity"),
            }
        }
        if !filter.status.is_empty() {
            match Status::parse(&filter.status).and_then(|s| index_of(&Status::ALL, &s)) {
                Some(i) => w.status = Some(i),
                None => refuse(&mut w, "status"),
            }
        }
        if !filter.kind.is_empty() {
            match AgencyKind::parse(&filter.kind) {
                Some(kind) => w.kind = Some(kind),
                None => refuse(&mut w, "kind"),
            }
        }
        if !filter.province.is_empty() {
            if filter.province.len() == 2 && filter.province.bytes().all(|b| b.is_ascii_digit()) {
                w.province = Some(filter.province.clone());
            } else {
                refuse(&mut w, "province");
            }
        }
        if !filter.year.is_empty() {
            match filter.year.parse::<u32>() {
                Ok(year) if filter.year.len() == 4 && year >= 1900 => w.year = Some(year),
                _ => refuse(&mut w, "year"),
            }
        }
        let q = filter.q.trim().to_lowercase();
        if !q.is_empty() {
            w.agencies = Some(
                snapshot
                    .agencies
                    .iter()
                    .map(|a| a.search.contains(&q))
                    .collect(),
            );
        }
        w
    }

    /// Whether `e` is in the view, ignoring nothing.
    fn keeps(&self, e: &Entry, agencies: &[AgencyInfo]) -> bool {
        let Some(agency) = agencies.get(usize::from(e.agency)) else {
            return false;
        };
        !self.nothing
            && self.rule.is_none_or(|r| r == e.rule)
            && self.severity.is_none_or(|s| s == e.severity)
            && self.status.is_none_or(|s| s == e.status)
            && self.kind.is_none_or(|k| k == agency.kind)
            && self
                .province
                .as_ref()
                .is_none_or(|p| agency.province.as_ref() == Some(p))
            && self.year.is_none_or(|y| y == e.year())
            && self
                .agencies
                .as_ref()
                .is_none_or(|a| a.get(usize::from(e.agency)).copied().unwrap_or(false))
    }
}

impl Snapshot {
    fn sort_index(filter: &ExplorerFilter) -> usize {
        SORTS.iter().position(|s| *s == filter.sort).unwrap_or(0)
    }

    fn rule_text(e: &Entry) -> &'static str {
        RuleId::ALL
            .get(usize::from(e.rule))
            .map(|r| r.as_str())
            .unwrap_or_default()
    }

    fn agency_name(&self, e: &Entry) -> &str {
        self.agencies
            .get(usize::from(e.agency))
            .map(|a| a.name.as_str())
            .unwrap_or_default()
    }

    /// The sort key of an entry as the cursor writes it.
    fn cursor_value(&self, sort: usize, e: &Entry) -> String {
        match sort {
            2 => self.agency_name(e).to_string(),
            3 => Snapshot::rule_text(e).to_string(),
            _ => date_text(e.date),
        }
    }

    /// Compares an entry with a cursor in the order of `sort` (`Greater`: after it), without allocating: it runs
    /// for every entry before the cursor.
    fn cmp_cursor(&self, sort: usize, e: &Entry, cursor: &Cursor) -> Ordering {
        let key = match sort {
            2 => self.agency_name(e).cmp(&cursor.value),
            3 => Snapshot::rule_text(e).cmp(&cursor.value),
            _ => e.date.cmp(&cursor.date),
        };
        let ascending = key.then(e.id.cmp(&cursor.id));
        if sort == 0 {
            ascending.reverse()
        } else {
            ascending
        }
    }

    /// The facet counts and total of the view. Counted into arrays by code (no allocation per violation: this
    /// pass runs over every violation on every page).
    fn facets(&self, wanted: &Wanted) -> ([BTreeMap<String, i64>; 6], i64) {
        let mut rules = vec![0i64; RuleId::ALL.len()];
        let mut severities = [0i64; SEVERITIES.len()];
        let mut statuses = [0i64; Status::ALL.len()];
        let mut per_agency = vec![0i64; self.agencies.len()];
        let mut years: BTreeMap<u32, i64> = BTreeMap::new();
        let mut total = 0;
        for e in &self.entries {
            if !wanted.keeps(e, &self.agencies) {
                continue;
            }
            total += 1;
            rules[usize::from(e.rule)] += 1;
            severities[usize::from(e.severity)] += 1;
            statuses[usize::from(e.status)] += 1;
            per_agency[usize::from(e.agency)] += 1;
            *years.entry(e.year()).or_default() += 1;
        }
        let named = |names: &mut dyn Iterator<Item = &str>, counts: &[i64]| {
            names
                .zip(counts)
                .filter(|(_, n)| **n > 0)
                .map(|(name, n)| (name.to_string(), *n))
                .collect::<BTreeMap<String, i64>>()
        };
        let mut kinds: BTreeMap<String, i64> = BTreeMap::new();
        let mut provinces: BTreeMap<String, i64> = BTreeMap::new();
        for (agency, n) in self
            .agencies
            .iter()
            .zip(&per_agency)
            .filter(|(_, n)| **n > 0)
        {
            *kinds.entry(agency.kind.as_str().to_string()).or_default() += n;
            if let Some(p) = &agency.province {
                *provinces.entry(p.clone()).or_default() += n;
            }
        }
        let counts = [
            named(&mut RuleId::ALL.iter().map(|r| r.as_str()), &rules),
            named(&mut SEVERITIES.iter().copied(), &severities),
            named(&mut Status::ALL.iter().map(|s| s.as_str()), &statuses),
            kinds,
            provinces,
            years.into_iter().map(|(y, n)| (y.to_string(), n)).collect(),
        ];
        (counts, total)
    }

    /// The entries of the view in the filter's order, after its cursor if any, at most `limit`.
    fn ordered(
        &self,
        filter: &ExplorerFilter,
        wanted: &Wanted,
        cursor: Option<&Cursor>,
        limit: usize,
    ) -> Vec<Entry> {
        let sort = Snapshot::sort_index(filter);
        let positions: Box<dyn Iterator<Item = &u32>> = match sort {
            1 => Box::new(self.orders[0].iter().rev()),
            0 => Box::new(self.orders[0].iter()),
            other => Box::new(self.orders[other - 1].iter()),
        };
        positions
            .filter_map(|&i| self.entries.get(i as usize))
            .filter(|e| cursor.is_none_or(|c| self.cmp_cursor(sort, e, c) == Ordering::Greater))
            .filter(|e| wanted.keeps(e, &self.agencies))
            .take(limit)
            .copied()
            .collect()
    }
}

/// A parsed keyset cursor: the sort key (a date for the date sorts, else text) and the id.
#[derive(Debug, Default)]
struct Cursor {
    date: u32,
    value: String,
    id: i64,
}

/// A keyset cursor: the sort column's value and the id of the last row shown, as `value~id`.
fn cursor(value: &str, id: i64) -> String {
    format!("{value}~{id}")
}

fn parse_cursor(text: &str) -> Option<Cursor> {
    let (value, id) = text.rsplit_once('~')?;
    Some(Cursor {
        date: date_number(value),
        value: value.to_string(),
        id: id.parse().ok()?,
    })
}

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
                Status::parse(&status).and_then(|s| index_of(&Status::ALL, &s)),
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
                rule_id: r.try_get("rule_id")?,
                severity: r.try_get("severity")?,
                status: r.try_get("status")?,
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
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_even_when_the_value_holds_its_separator() {
        let c = parse_cursor(&cursor("Kota A~B", 42)).expect("cursor");
        assert_eq!((c.value.as_str(), c.id), ("Kota A~B", 42));
        let c = parse_cursor(&cursor("2024-03-05", 7)).expect("cursor");
        assert_eq!((c.date, c.id), (20_240_305, 7));
        assert!(parse_cursor("2024-01-01").is_none());
        assert!(parse_cursor("2024-01-01~x").is_none());
    }

    #[test]
    fn dates_pack_into_numbers_and_back() {
        assert_eq!(date_number("2024-02-29"), 20_240_229);
        assert_eq!(date_text(20_240_229), "2024-02-29");
        assert_eq!(date_number("bukan"), 0);
    }

    #[test]
    fn unreadable_values_match_nothing_and_are_named() {
        let filter = ExplorerFilter {
            year: "20x5".into(),
            rule: "R-NOPE".into(),
            province: "32".into(),
            ..Default::default()
        };
        let wanted = Wanted::read(&filter, &Snapshot::default());
        assert_eq!(wanted.invalid, vec!["rule", "year"]);
        assert!(wanted.nothing);
        assert_eq!(wanted.province.as_deref(), Some("32"));
        let fine = Wanted::read(
            &ExplorerFilter {
                year: "2024".into(),
                severity: "high".into(),
                ..Default::default()
            },
            &Snapshot::default(),
        );
        assert!(!fine.nothing && fine.invalid.is_empty());
        assert_eq!((fine.year, fine.severity), (Some(2024), Some(0)));
    }
}
