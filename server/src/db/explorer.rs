//! The violation explorer's queries: one filtered, sorted, keyset-paginated page of violations joined to the
//! registry, and the facet counts of the whole filtered view.
//!
//! Facets count the current view ("drill-down"): choosing a rule narrows every other facet to that rule. They come
//! from one `GROUP BY` over the six dimensions, whose marginals are summed here, so the view is scanned once for
//! all six facets instead of six times.

use std::collections::BTreeMap;

use app::types::{ExplorerFilter, ExplorerPage, ExplorerRow, Facet, FacetValue};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Row};

use super::{Db, DbError};
use crate::rules::lifecycle::Status;
use crate::rules::RuleId;

/// Rows per explorer page.
pub const PAGE_ROWS: i64 = 50;

/// The facet dimensions, in the order the page shows them.
pub const FACETS: [&str; 6] = ["rule", "severity", "status", "kind", "province", "year"];

/// The orders the table can be sorted in: URL value, the sort column, and whether it descends.
const SORTS: [(&str, &str, bool); 4] = [
    ("newest", "v.event_date", true),
    ("oldest", "v.event_date", false),
    ("agency", "a.name", false),
    ("rule", "v.rule_id", false),
];

/// A value bound to a numbered placeholder.
enum Bind {
    Text(String),
    Int(i64),
}

/// A `WHERE` clause built from the filter, with `$n` placeholders (both engines read them).
#[derive(Default)]
struct Where {
    clauses: Vec<String>,
    binds: Vec<Bind>,
}

impl Where {
    fn placeholder(&mut self, bind: Bind) -> String {
        self.binds.push(bind);
        format!("${}", self.binds.len())
    }

    fn eq(&mut self, column: &str, value: &str) {
        let p = self.placeholder(Bind::Text(value.to_string()));
        self.clauses.push(format!("{column} = {p}"));
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("AND {}", self.clauses.join(" AND "))
        }
    }

    fn bind<'q>(&'q self, mut query: Query<'q, Any, AnyArguments>) -> Query<'q, Any, AnyArguments> {
        for b in &self.binds {
            query = match b {
                Bind::Text(t) => query.bind(t.as_str()),
                Bind::Int(i) => query.bind(*i),
            };
        }
        query
    }
}

/// The filter as SQL, and the names of the values that could not be read. A value that cannot be read matches
/// nothing (`1 = 0`): dropping it silently would show a wider view than the URL asks for.
fn conditions(filter: &ExplorerFilter) -> (Where, Vec<String>) {
    let mut w = Where::default();
    let mut invalid = Vec::new();
    let mut nothing = |w: &mut Where, name: &str| {
        invalid.push(name.to_string());
        w.clauses.push("1 = 0".to_string());
    };
    if !filter.rule.is_empty() {
        match RuleId::parse(&filter.rule) {
            Some(rule) => w.eq("v.rule_id", rule.as_str()),
            None => nothing(&mut w, "rule"),
        }
    }
    if !filter.severity.is_empty() {
        match filter.severity.as_str() {
            "high" | "medium" => w.eq("v.severity", &filter.severity),
            _ => nothing(&mut w, "severity"),
        }
    }
    if !filter.status.is_empty() {
        match Status::parse(&filter.status) {
            Some(status) => w.eq("v.status", status.as_str()),
            None => nothing(&mut w, "status"),
        }
    }
    if !filter.kind.is_empty() {
        match app::types::AgencyKind::parse(&filter.kind) {
            Some(kind) => w.eq("a.kind", kind.as_str()),
            None => nothing(&mut w, "kind"),
        }
    }
    if !filter.province.is_empty() {
        if filter.province.len() == 2 && filter.province.bytes().all(|b| b.is_ascii_digit()) {
            w.eq("a.province_code", &filter.province);
        } else {
            nothing(&mut w, "province");
        }
    }
    if !filter.year.is_empty() {
        match filter.year.parse::<i32>() {
            // A range on the date column (not `substr`) so that an index can serve it.
            Ok(year) if (1900..=9999).contains(&year) && filter.year.len() == 4 => {
                let from = w.placeholder(Bind::Text(format!("{year}-01-01")));
                let to = w.placeholder(Bind::Text(format!("{}-01-01", year + 1)));
                w.clauses
                    .push(format!("v.event_date >= {from} AND v.event_date < {to}"));
            }
            _ => nothing(&mut w, "year"),
        }
    }
    let q = filter.q.trim().to_lowercase();
    if !q.is_empty() {
        let escaped = q
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let p = w.placeholder(Bind::Text(format!("%{escaped}%")));
        w.clauses.push(format!(
            "(LOWER(a.name) LIKE {p} ESCAPE '\\' OR LOWER(a.code) LIKE {p} ESCAPE '\\')"
        ));
    }
    (w, invalid)
}

/// The sort of a filter: (URL value, column, descending); unknown values sort newest first.
fn sort_of(filter: &ExplorerFilter) -> (&'static str, &'static str, bool) {
    SORTS
        .into_iter()
        .find(|(name, ..)| *name == filter.sort)
        .unwrap_or(SORTS[0])
}

/// A keyset cursor: the sort column's value and the id of the last row shown, as `value~id`.
fn cursor(value: &str, id: i64) -> String {
    format!("{value}~{id}")
}

fn parse_cursor(text: &str) -> Option<(String, i64)> {
    let (value, id) = text.rsplit_once('~')?;
    Some((value.to_string(), id.parse().ok()?))
}

const ROW_COLUMNS: &str =
    "v.id, v.rule_id, v.severity, v.status, v.agency_code, a.name AS agency_name,
    a.kind AS agency_kind, a.province_code, v.event_date, v.message, v.message_en";

fn explorer_row(r: &sqlx::any::AnyRow) -> Result<ExplorerRow, DbError> {
    Ok(ExplorerRow {
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
    })
}

impl Db {
    /// One page of the explorer (see the module's note on facets). Only violations that the latest evaluation
    /// still finds are shown; cleared ones stay in each violation's history.
    pub async fn explore(&self, filter: &ExplorerFilter) -> Result<ExplorerPage, DbError> {
        let (mut w, mut invalid) = conditions(filter);
        let facets_sql = format!(
            "SELECT v.rule_id, v.severity, v.status, a.kind, COALESCE(a.province_code, '') AS province,
                    SUBSTR(v.event_date, 1, 4) AS year, COUNT(*) AS n
             FROM violations v JOIN agencies a ON a.code = v.agency_code
             WHERE v.active = 1 {}
             GROUP BY v.rule_id, v.severity, v.status, a.kind, COALESCE(a.province_code, ''),
                      SUBSTR(v.event_date, 1, 4)",
            w.sql()
        );
        let groups = w
            .bind(sqlx::query(sqlx::AssertSqlSafe(facets_sql)))
            .fetch_all(&self.pool)
            .await?;
        let mut counts: [BTreeMap<String, i64>; 6] = Default::default();
        let mut total = 0;
        for g in &groups {
            let n: i64 = g.try_get("n")?;
            total += n;
            for (i, column) in ["rule_id", "severity", "status", "kind", "province", "year"]
                .iter()
                .enumerate()
            {
                let value: String = g.try_get(*column)?;
                *counts[i].entry(value).or_default() += n;
            }
        }
        let province_names: BTreeMap<String, String> = self
            .provinces()
            .await?
            .into_iter()
            .map(|p| (p.code, p.name))
            .collect();
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
                            "province" => province_names
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

        let (_, column, descending) = sort_of(filter);
        if !filter.after.is_empty() {
            match parse_cursor(&filter.after) {
                Some((value, id)) => {
                    let op = if descending { "<" } else { ">" };
                    let v = w.placeholder(Bind::Text(value));
                    let i = w.placeholder(Bind::Int(id));
                    w.clauses.push(format!(
                        "({column} {op} {v} OR ({column} = {v} AND v.id {op} {i}))"
                    ));
                }
                None => invalid.push("after".to_string()),
            }
        }
        let direction = if descending { "DESC" } else { "ASC" };
        let limit = w.placeholder(Bind::Int(PAGE_ROWS + 1));
        let rows_sql = format!(
            "SELECT {ROW_COLUMNS} FROM violations v JOIN agencies a ON a.code = v.agency_code
             WHERE v.active = 1 {}
             ORDER BY {column} {direction}, v.id {direction}
             LIMIT {limit}",
            w.sql()
        );
        let found = w
            .bind(sqlx::query(sqlx::AssertSqlSafe(rows_sql)))
            .fetch_all(&self.pool)
            .await?;
        let mut rows = found
            .iter()
            .map(explorer_row)
            .collect::<Result<Vec<_>, _>>()?;
        let more = rows.len() > usize::try_from(PAGE_ROWS).unwrap_or(usize::MAX);
        rows.truncate(usize::try_from(PAGE_ROWS).unwrap_or(usize::MAX));
        let next = more
            .then(|| rows.last())
            .flatten()
            .map(|last| cursor(&sort_value(filter, last), last.id));
        Ok(ExplorerPage {
            rows,
            total,
            facets,
            next,
            invalid,
        })
    }

    /// Every violation of the explorer's view in its order, for the CSV and Excel exports (no paging).
    pub async fn explore_all(&self, filter: &ExplorerFilter) -> Result<Vec<ExplorerRow>, DbError> {
        let (w, _) = conditions(filter);
        let (_, column, descending) = sort_of(filter);
        let direction = if descending { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM violations v JOIN agencies a ON a.code = v.agency_code
             WHERE v.active = 1 {}
             ORDER BY {column} {direction}, v.id {direction}",
            w.sql()
        );
        let found = w
            .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
            .fetch_all(&self.pool)
            .await?;
        found.iter().map(explorer_row).collect()
    }
}

/// The value of the sort column in a row (what the next page's cursor starts from).
fn sort_value(filter: &ExplorerFilter, row: &ExplorerRow) -> String {
    match sort_of(filter).0 {
        "agency" => row.agency_name.clone(),
        "rule" => row.rule_id.clone(),
        _ => row.event_date.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_even_when_the_value_holds_its_separator() {
        assert_eq!(
            parse_cursor(&cursor("Kota A~B", 42)),
            Some(("Kota A~B".to_string(), 42))
        );
        assert_eq!(parse_cursor("2024-01-01"), None);
        assert_eq!(parse_cursor("2024-01-01~x"), None);
    }

    #[test]
    fn unreadable_values_match_nothing_and_are_named() {
        let filter = ExplorerFilter {
            year: "20x5".into(),
            rule: "R-NOPE".into(),
            province: "32".into(),
            ..Default::default()
        };
        let (w, invalid) = conditions(&filter);
        assert_eq!(invalid, vec!["rule", "year"]);
        assert_eq!(w.clauses.iter().filter(|c| *c == "1 = 0").count(), 2);
        assert!(w.clauses.contains(&"a.province_code = $1".to_string()));
    }

    #[test]
    fn a_year_is_a_date_range() {
        let filter = ExplorerFilter {
            year: "2024".into(),
            ..Default::default()
        };
        let (w, invalid) = conditions(&filter);
        assert!(invalid.is_empty());
        assert_eq!(w.clauses, vec!["v.event_date >= $1 AND v.event_date < $2"]);
    }

    #[test]
    fn like_wildcards_in_the_search_are_literal() {
        let filter = ExplorerFilter {
            q: "50%_".into(),
            ..Default::default()
        };
        let (w, _) = conditions(&filter);
        match &w.binds[0] {
            Bind::Text(t) => assert_eq!(t, "%50\\%\\_%"),
            Bind::Int(_) => panic!("the search binds text"),
        }
    }
}
