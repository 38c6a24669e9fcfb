//! The peer comparison's figures (issue #20): what each evaluation counts of an agency's records, stored one row
//! per agency, and one grouped read of every active agency's counts beside them.

use model::types::AgencyKind;
use sqlx::{AnyConnection, Row};

use super::multirow::{self, Arg};
use super::{Db, DbError};
use crate::domain::peers::AgencyFigures;

/// One active agency's counts for the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerRow {
    pub code: String,
    pub kind: AgencyKind,
    /// Current records of every kind.
    pub records: i64,
    /// Active violations not dismissed (open, in review, recommended or resolved: a resolved one still happened),
    /// and the high-severity ones among them.
    pub violations: i64,
    pub high: i64,
    /// `None` until an evaluation counted the agency's records (or when it has none).
    pub figures: Option<AgencyFigures>,
}

/// Replaces the figures of one agency (`Some`) or of all, in the evaluation's transaction: an agency without
/// records keeps none.
pub(super) async fn apply_figures(
    tx: &mut AnyConnection,
    scope: Option<&str>,
    figures: &[AgencyFigures],
    as_of: &str,
    now: &str,
) -> Result<(), DbError> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM agency_figures WHERE {}",
        super::optional_eq("agency_code", 1, scope)
    )))
    .bind(scope.unwrap_or(""))
    .execute(&mut *tx)
    .await?;
    let rows: Vec<Vec<Arg>> = figures
        .iter()
        .map(|f| {
            vec![
                Arg::Text(&f.agency_code),
                Arg::Int(f.rotations),
                Arg::Int(f.event_years),
                Arg::Int(f.acting_days),
                Arg::Int(f.posts),
                Arg::Text(as_of),
                Arg::Text(now),
            ]
        })
        .collect();
    multirow::insert(
        tx,
        "agency_figures (agency_code, rotations, event_years, acting_days, posts, as_of, updated_at)",
        &rows,
        "",
    )
    .await?;
    Ok(())
}

impl Db {
    /// A text that changes whenever the stored figures do (added to the public aggregates' key by the cache of
    /// the comparison: an evaluation can change the figures without changing any violation).
    pub async fn figures_stamp(&self) -> Result<String, DbError> {
        let row = sqlx::query(
            "SELECT CAST(COUNT(*) AS BIGINT) AS n, COALESCE(MAX(updated_at), '') AS at,
                    COALESCE(MAX(as_of), '') AS as_of FROM agency_figures",
        )
        .fetch_one(&self.pool)
        .await?;
        let n: i64 = row.try_get("n")?;
        let at: String = row.try_get("at")?;
        let as_of: String = row.try_get("as_of")?;
        Ok(format!("{n}@{at}/{as_of}"))
    }

    /// Every active agency's counts, in code order (retired agencies are nobody's peers).
    pub async fn peer_rows(&self) -> Result<Vec<PeerRow>, DbError> {
        let rows = sqlx::query(
            "SELECT a.code, a.kind,
                    CAST(COALESCE(r.n, 0) AS BIGINT) AS records,
                    CAST(COALESCE(v.n, 0) AS BIGINT) AS violations,
                    CAST(COALESCE(v.high, 0) AS BIGINT) AS high,
                    f.rotations, f.event_years, f.acting_days, f.posts
             FROM agencies a
             LEFT JOIN (SELECT agency_code, COUNT(*) AS n FROM records GROUP BY agency_code) r
                    ON r.agency_code = a.code
             LEFT JOIN (SELECT agency_code, COUNT(*) AS n,
                               SUM(CASE WHEN severity = 'high' THEN 1 ELSE 0 END) AS high
                        FROM violations WHERE active = 1 AND status <> 'dismissed'
                        GROUP BY agency_code) v
                    ON v.agency_code = a.code
             LEFT JOIN agency_figures f ON f.agency_code = a.code
             WHERE a.retired_on IS NULL
             ORDER BY a.code",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let code: String = r.try_get("code")?;
                let kind: String = r.try_get("kind")?;
                let kind = AgencyKind::parse(&kind)
                    .ok_or_else(|| DbError::Corrupt(format!("agency {code}: kind {kind}")))?;
                let rotations: Option<i64> = r.try_get("rotations")?;
                let figures = match rotations {
                    None => None,
                    Some(rotations) => Some(AgencyFigures {
                        agency_code: code.clone(),
                        rotations,
                        event_years: r.try_get("event_years")?,
                        acting_days: r.try_get("acting_days")?,
                        posts: r.try_get("posts")?,
                    }),
                };
                Ok(PeerRow {
                    code,
                    kind,
                    records: r.try_get("records")?,
                    violations: r.try_get("violations")?,
                    high: r.try_get("high")?,
                    figures,
                })
            })
            .collect()
    }
}
