//! Multi-row statements (issue #21): one statement per up to [`ROWS_PER_STATEMENT`] rows instead of one round
//! trip per row, for storing a batch and for writing many workflow steps, verdicts and audit entries at once. A
//! batch of 1,770 records (one agency at `--scale 10`) took about 9,000 statements, each a hop through sqlx's
//! SQLite worker thread or a PostgreSQL round trip; now about 60.
//!
//! The SQL text is made here from fixed table and column names and placeholders only — never from data — which
//! is why it is passed to sqlx as [`sqlx::AssertSqlSafe`]. PostgreSQL gets numbered `$n` placeholders; SQLite
//! gets plain `?`: SQLite keeps numbered names in a list it scans on every parse and bind of a name, which made
//! a 1,400-value statement cost quadratic time (6 % of the demo's profile in `sqlite3_bind_parameter_name` and
//! `strncmp`); `?` is bound by position.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

use super::{DbError, Engine};

/// Rows per statement: SQLite allows 32,766 bound values and PostgreSQL 65,535; 200 rows of at most 16 columns
/// (a violation) stay far below both, and larger statements gained nothing measurable (docs/benchmarks.md).
pub const ROWS_PER_STATEMENT: usize = 200;

/// One bound value.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    Int(i64),
    MaybeInt(Option<i64>),
    Text(&'a str),
    MaybeText(Option<&'a str>),
    MaybeBytes(Option<&'a [u8]>),
}

/// How placeholders are written: numbered (`$n`, PostgreSQL) or positional (`?`, SQLite).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marks {
    Numbered,
    Positional,
}

impl Marks {
    fn of(conn: &AnyConnection) -> Marks {
        match Engine::of(conn) {
            Engine::Sqlite => Marks::Positional,
            Engine::Postgres => Marks::Numbered,
        }
    }

    fn push(self, out: &mut String, n: usize) {
        match self {
            Marks::Numbered => {
                out.push('$');
                out.push_str(&n.to_string());
            }
            Marks::Positional => out.push('?'),
        }
    }
}

/// `($1, $2), ($3, $4)` for `rows` rows of `columns` columns, numbered from `$first`.
fn values(marks: Marks, first: usize, columns: usize, rows: usize) -> String {
    let mut out = String::with_capacity(rows * columns * 6);
    for row in 0..rows {
        out.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..columns {
            if column > 0 {
                out.push_str(", ");
            }
            marks.push(&mut out, first + row * columns + column);
        }
        out.push(')');
    }
    out
}

/// `$first, …` for `n` values (an `IN` list).
fn list(marks: Marks, first: usize, n: usize) -> String {
    let mut out = String::with_capacity(n * 6);
    for i in first..first + n {
        if i > first {
            out.push_str(", ");
        }
        marks.push(&mut out, i);
    }
    out
}

fn bind<'q>(query: Query<'q, Any, AnyArguments>, args: &[Arg<'q>]) -> Query<'q, Any, AnyArguments> {
    args.iter().fold(query, |q, arg| match *arg {
        Arg::Int(v) => q.bind(v),
        Arg::MaybeInt(v) => q.bind(v),
        Arg::Text(v) => q.bind(v),
        Arg::MaybeText(v) => q.bind(v),
        Arg::MaybeBytes(v) => q.bind(v),
    })
}

/// `INSERT INTO <into> VALUES (…), (…) <tail>` in chunks; `into` is the table with its column list. Returns the
/// rows of a `RETURNING` tail, in the order the statements gave them.
pub async fn insert(
    conn: &mut AnyConnection,
    into: &'static str,
    rows: &[Vec<Arg<'_>>],
    tail: &'static str,
) -> Result<Vec<AnyRow>, DbError> {
    let mut returned = Vec::new();
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let columns = chunk.first().map_or(0, Vec::len);
        let sql = format!(
            "INSERT INTO {into} VALUES {} {tail}",
            values(Marks::of(conn), 1, columns, chunk.len())
        );
        let args: Vec<Arg> = chunk.iter().flatten().copied().collect();
        let query = bind(sqlx::query(sqlx::AssertSqlSafe(sql)), &args);
        if tail.is_empty() {
            query.execute(&mut *conn).await?;
        } else {
            returned.extend(query.fetch_all(&mut *conn).await?);
        }
    }
    Ok(returned)
}

/// A table whose ids [`new_ids`] hands out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Serial {
    Records,
    Violations,
}

impl Serial {
    fn table(self) -> &'static str {
        match self {
            Serial::Records => "records",
            Serial::Violations => "violations",
        }
    }

    /// The PostgreSQL sequence of the table's `BIGSERIAL` id, by the name PostgreSQL gives it. Named, not looked up
    /// with `pg_get_serial_sequence` in the query: that was called once per id, and took 5 ms of an agency's 1,770
    /// ids against 0.9 ms (3 s of a `--scale 10` import).
    fn sequence(self) -> &'static str {
        match self {
            Serial::Records => "records_id_seq",
            Serial::Violations => "violations_id_seq",
        }
    }
}

/// `n` ids for new rows of `table`, taken before the rows are inserted so that the inserts return nothing: on
/// SQLite each row of a `RETURNING` tail is a message from sqlx's worker thread to the caller, which made most of
/// an import's 340,000 `futex` calls per 100 batches at `--scale 10` (issue #21; the import took 18 % less
/// without). SQLite: the ids after the highest ever given (what `AUTOINCREMENT` would give), which no other
/// writer can take because the caller's `BEGIN IMMEDIATE` (`Db::begin_write`) holds the database's one write
/// lock until it commits. PostgreSQL, where other servers insert at the same time: `n` values of the table's
/// sequence, in one round trip.
pub async fn new_ids(
    conn: &mut AnyConnection,
    serial: Serial,
    n: usize,
) -> Result<Vec<i64>, DbError> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let table = serial.table();
    let count = i64::try_from(n).unwrap_or(i64::MAX);
    match Engine::of(conn) {
        Engine::Sqlite => {
            let last: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0),
                            COALESCE((SELECT MAX(id) FROM {table}), 0))"
            )))
            .fetch_one(&mut *conn)
            .await?;
            Ok((1..=count).map(|i| last + i).collect())
        }
        Engine::Postgres => Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT nextval('{}') FROM generate_series(1, $1)",
            serial.sequence()
        )))
        .bind(count)
        .fetch_all(&mut *conn)
        .await?),
    }
}

/// `<column> = <mark>` for each of `columns`, numbered from `$first`, joined by `separator`.
fn equalities(
    marks: Marks,
    first: usize,
    columns: &[(&'static str, Arg<'_>)],
    separator: &str,
) -> String {
    let mut out = String::new();
    for (n, (column, _)) in columns.iter().enumerate() {
        if n > 0 {
            out.push_str(separator);
        }
        out.push_str(column);
        out.push_str(" = ");
        marks.push(&mut out, first + n);
    }
    out
}

/// What [`each_chunk`] does with each statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    Execute,
    Fetch,
    /// Fetch, the statement planned afresh each time: PostgreSQL plans a prepared statement for its parameters'
    /// values five times, then keeps a generic plan when that looks no dearer. For a batch's look-up by
    /// `agency_code, kind, record_id IN (…)` the generic plan reads all of a large agency's records of the kind
    /// through `records_kind` and filters the ids (50 ms for a chunk of 200 that the unique index answers in
    /// 1–3 ms). Each execution is parsed again instead (sqlx's unnamed statement), which costs a fraction of that.
    /// Forcing custom plans for every statement made the multi-row inserts dearer (8–15 ms each against 2–5 ms).
    FetchReplanned,
}

/// Runs `<head> IN (…) <tail>` for each chunk of `keys`, the values of `fixed` bound before the chunk's keys
/// (SQLite cannot mix `?` with `$n`, so they are placeholders too); returns every row fetched.
async fn each_chunk(
    conn: &mut AnyConnection,
    (head, tail): (&str, &str),
    fixed: &[Arg<'_>],
    keys: &[Arg<'_>],
    run: Run,
) -> Result<Vec<AnyRow>, DbError> {
    let marks = Marks::of(conn);
    let mut rows = Vec::new();
    for chunk in keys.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "{head} IN ({}){tail}",
            list(marks, fixed.len() + 1, chunk.len())
        );
        let args: Vec<Arg> = fixed.iter().chain(chunk).copied().collect();
        let query = bind(sqlx::query(sqlx::AssertSqlSafe(sql)), &args);
        match run {
            Run::Execute => {
                query.execute(&mut *conn).await?;
            }
            Run::Fetch => rows.extend(query.fetch_all(&mut *conn).await?),
            Run::FetchReplanned => {
                rows.extend(query.persistent(false).fetch_all(&mut *conn).await?)
            }
        }
    }
    Ok(rows)
}

/// `<head> WHERE <column> = … AND … AND <key> IN (…)` in chunks of `keys`, each `fixed` column equal to its
/// value; returns every row. Each statement is planned for its values ([`Run::FetchReplanned`]).
pub async fn select_in(
    conn: &mut AnyConnection,
    head: &str,
    fixed: &[(&'static str, Arg<'_>)],
    key: &'static str,
    keys: &[Arg<'_>],
) -> Result<Vec<AnyRow>, DbError> {
    let mut filter = equalities(Marks::of(conn), 1, fixed, " AND ");
    if !filter.is_empty() {
        filter.push_str(" AND ");
    }
    let fixed: Vec<Arg> = fixed.iter().map(|(_, arg)| *arg).collect();
    each_chunk(
        conn,
        (&format!("{head} WHERE {filter}{key}"), ""),
        &fixed,
        keys,
        Run::FetchReplanned,
    )
    .await
}

/// `UPDATE <table> SET <column> = …, … WHERE <key> IN (…)` in chunks of `keys`, each `set` column to its value.
pub async fn update_in(
    conn: &mut AnyConnection,
    table: &'static str,
    set: &[(&'static str, Arg<'_>)],
    key: &'static str,
    keys: &[Arg<'_>],
) -> Result<(), DbError> {
    let assignments = equalities(Marks::of(conn), 1, set, ", ");
    let head = format!("UPDATE {table} SET {assignments} WHERE {key}");
    let set: Vec<Arg> = set.iter().map(|(_, arg)| *arg).collect();
    each_chunk(conn, (&head, ""), &set, keys, Run::Execute)
        .await
        .map(drop)
}

/// `<head> WHERE <key> IN (…)` in chunks of `keys`, the rows locked until the transaction ends: `FOR UPDATE` on
/// PostgreSQL, where another server may be writing them; SQLite has no row locks and needs none, because its
/// write transactions (`BEGIN IMMEDIATE`) already hold the database's one write lock.
pub async fn select_for_update(
    conn: &mut AnyConnection,
    head: &str,
    key: &'static str,
    keys: &[Arg<'_>],
) -> Result<Vec<AnyRow>, DbError> {
    let lock = match Engine::of(conn) {
        Engine::Postgres => " FOR UPDATE",
        Engine::Sqlite => "",
    };
    each_chunk(
        conn,
        (&format!("{head} WHERE {key}"), lock),
        &[],
        keys,
        Run::Fetch,
    )
    .await
}

/// `<head> IN (…)` in chunks of `keys` (a `DELETE` or `UPDATE`).
pub async fn execute_in(
    conn: &mut AnyConnection,
    head: &'static str,
    keys: &[Arg<'_>],
) -> Result<(), DbError> {
    each_chunk(conn, (head, ""), &[], keys, Run::Execute)
        .await
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_across_rows() {
        assert_eq!(values(Marks::Numbered, 1, 2, 2), "($1, $2), ($3, $4)");
        assert_eq!(values(Marks::Numbered, 3, 1, 1), "($3)");
        assert_eq!(list(Marks::Numbered, 2, 3), "$2, $3, $4");
        assert_eq!(values(Marks::Positional, 1, 2, 2), "(?, ?), (?, ?)");
        assert_eq!(list(Marks::Positional, 2, 3), "?, ?, ?");
    }

    #[test]
    fn equalities_are_numbered_before_the_keys() {
        let columns = [("agency_code", Arg::Text("A")), ("kind", Arg::Text("k"))];
        assert_eq!(
            equalities(Marks::Numbered, 1, &columns, " AND "),
            "agency_code = $1 AND kind = $2"
        );
        assert_eq!(
            equalities(Marks::Numbered, 3, &columns, " AND "),
            "agency_code = $3 AND kind = $4"
        );
        assert_eq!(
            equalities(Marks::Positional, 1, &columns, ", "),
            "agency_code = ?, kind = ?"
        );
        assert_eq!(equalities(Marks::Numbered, 1, &[], ", "), "");
    }
}
