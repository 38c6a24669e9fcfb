//! Reporting activity (issue #19, "silent agencies"): every agency's submissions counted, and one agency's
//! submissions and records as they came. The counting per quarter and year is `domain::reporting`'s.

use sqlx::Row;

use super::{get_bool, Db, DbError};
use model::types::AgencyKind;

/// An agency (not retired) with its submissions counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgencyActivity {
    pub code: String,
    pub name: String,
    pub kind: AgencyKind,
    pub province_code: Option<String>,
    pub accepted: i64,
    pub refused: i64,
    /// The timestamp of the last accepted submission.
    pub last_accepted: Option<String>,
}

impl Db {
    /// Every agency not retired, with its accepted and refused submissions and the last accepted one, by code.
    pub async fn reporting_activity(&self) -> Result<Vec<AgencyActivity>, DbError> {
        let rows = sqlx::query(
            "SELECT a.code, a.name, a.kind, a.province_code,
                    COALESCE(SUM(CASE WHEN s.accepted = 1 THEN 1 ELSE 0 END), 0) AS accepted,
                    COALESCE(SUM(CASE WHEN s.accepted = 0 THEN 1 ELSE 0 END), 0) AS refused,
                    MAX(CASE WHEN s.accepted = 1 THEN s.received_at END) AS last_accepted
             FROM agencies a LEFT JOIN submissions s ON s.agency_code = a.code
             WHERE a.retired_on IS NULL
             GROUP BY a.code, a.name, a.kind, a.province_code
             ORDER BY a.code",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                Ok(AgencyActivity {
                    code: r.try_get("code")?,
                    name: r.try_get("name")?,
                    kind: AgencyKind::parse(&kind)
                        .ok_or_else(|| DbError::Corrupt(format!("agency kind {kind:?}")))?,
                    province_code: r.try_get("province_code")?,
                    accepted: r.try_get("accepted")?,
                    refused: r.try_get("refused")?,
                    last_accepted: r.try_get("last_accepted")?,
                })
            })
            .collect()
    }

    /// One agency's submissions as `(received_at, accepted)`, oldest first.
    pub async fn submission_history(&self, agency: &str) -> Result<Vec<(String, bool)>, DbError> {
        let rows = sqlx::query(
            "SELECT received_at, accepted FROM submissions WHERE agency_code = $1 ORDER BY received_at, id",
        )
        .bind(agency)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("received_at")?, get_bool(r, "accepted")?)))
            .collect()
    }

    /// One agency's current records as `(kind, content)`, every kind.
    pub async fn records_of_agency(&self, agency: &str) -> Result<Vec<(String, String)>, DbError> {
        let rows = sqlx::query("SELECT kind, content FROM records WHERE agency_code = $1")
            .bind(agency)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("kind")?, r.try_get("content")?)))
            .collect()
    }
}
