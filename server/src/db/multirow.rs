//! Multi-row statements for storing a batch (issue #21): one statement per up to [`ROWS_PER_STATEMENT`] rows
//! instead of one round trip per record. A batch of 1,770 records (one agency at `--scale 10`) took about 9,000
//! statements, each a hop through sqlx's SQLite worker thread or a PostgreSQL round trip; now about 60.
//!
//! The SQL text is made here from fixed table and column names and numbered placeholders only — never from
//! data — which is why it is passed to sqlx as [`sqlx::AssertSqlSafe`].

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

use super::DbError;

/// Rows per statement: SQLite allows 32,766 bound values and PostgreSQL 65,535; 200 rows of at most 7 columns
/// stay far below both, and larger statements gained nothing measurable (docs/benchmarks.md).
pub const ROWS_PER_STATEMENT: usize = 200;

/// One bound value.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    Int(i64),
    MaybeInt(Option<i64>),
    Text(&'a str),
    Bytes(&'a [u8]),
}

/// `($1, $2), ($3, $4)` for `rows` rows of `columns` columns, numbered from `$first`.
fn values(first: usize, columns: usize, rows: usize) -> String {
    let mut out = String::with_capacity(rows * columns * 6);
    for row in 0..rows {
        out.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..columns {
            if column > 0 {
                out.push_str(", ");
            }
            out.push('$');
            out.push_str(&(first + row * columns + column).to_string());
        }
        out.push(')');
    }
    out
}

/// `$first, …` for `n` values (an `IN` list).
fn list(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn bind<'q>(query: Query<'q, Any, AnyArguments>, args: &[Arg<'q>]) -> Query<'q, Any, AnyArguments> {
    args.iter().fold(query, |q, arg| match *arg {
        Arg::Int(v) => q.bind(v),
        Arg::MaybeInt(v) => q.bind(v),
        Arg::Text(v) => q.bind(v),
        Arg::Bytes(v) => q.bind(v),
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
            values(1, columns, chunk.len())
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

/// `<head> IN (…) <tail>` in chunks of `keys`, with `fixed` bound before the keys as `$1…`; returns every row.
pub async fn select_in(
    conn: &mut AnyConnection,
    head: &'static str,
    fixed: &[Arg<'_>],
    keys: &[Arg<'_>],
    tail: &'static str,
) -> Result<Vec<AnyRow>, DbError> {
    let mut rows = Vec::new();
    for chunk in keys.chunks(ROWS_PER_STATEMENT) {
        let sql = format!("{head} IN ({}) {tail}", list(fixed.len() + 1, chunk.len()));
        let args: Vec<Arg> = fixed.iter().chain(chunk).copied().collect();
        rows.extend(
            bind(sqlx::query(sqlx::AssertSqlSafe(sql)), &args)
                .fetch_all(&mut *conn)
                .await?,
        );
    }
    Ok(rows)
}

/// `<head> IN (…)` in chunks of `keys` (a `DELETE` or `UPDATE`).
pub async fn execute_in(
    conn: &mut AnyConnection,
    head: &'static str,
    keys: &[Arg<'_>],
) -> Result<(), DbError> {
    for chunk in keys.chunks(ROWS_PER_STATEMENT) {
        let sql = format!("{head} IN ({})", list(1, chunk.len()));
        bind(sqlx::query(sqlx::AssertSqlSafe(sql)), chunk)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_across_rows() {
        assert_eq!(values(1, 2, 2), "($1, $2), ($3, $4)");
        assert_eq!(values(3, 1, 1), "($3)");
        assert_eq!(list(2, 3), "$2, $3, $4");
    }
}
