//! The queries behind an agency's scorecard: unsettled violations by rule, violations per month, the agency's
//! records of given kinds, and its submission counts.

use model::types::RuleTally;
use sqlx::Row;

use super::{Db, DbError};

/// An agency's accepted and refused batches, and when the last accepted one arrived.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubmissionCounts {
    pub accepted: i64,
    pub refused: i64,
    pub last_accepted: Option<String>,
}

impl Db {
    /// Unsettled violations (open, in review, recommendation issued) of one agency per rule, by rule id.
    pub async fn unsettled_by_rule(&self, agency: &str) -> Result<Vec<RuleTally>, DbError> {
        let rows = sqlx::query(
            "SELECT rule_id, severity, status, COUNT(*) AS n FROM violations
             WHERE agency_code = $1 AND active = 1
               AND status IN ('open', 'in_review', 'recommendation_issued')
             GROUP BY rule_id, severity, status ORDER BY rule_id",
        )
        .bind(agency)
        .fetch_all(&self.pool)
        .await?;
        let mut tallies: Vec<RuleTally> = Vec::new();
        for r in &rows {
            let rule_id = super::get_code(r, "rule_id", model::RuleId::parse)?;
            let status = super::get_code(r, "status", model::Status::parse)?;
            let n: i64 = r.try_get("n")?;
            if tallies.last().is_none_or(|t| t.rule_id != rule_id) {
                tallies.push(RuleTally {
                    rule_id,
                    severity: super::get_code(r, "severity", model::Severity::parse)?,
                    open: 0,
                    in_review: 0,
                    recommendation_issued: 0,
                });
            }
            if let Some(t) = tallies.last_mut() {
                // The query counts only unsettled statuses.
                match status {
                    model::Status::Open => t.open += n,
                    model::Status::InReview => t.in_review += n,
                    _ => t.recommendation_issued += n,
                }
            }
        }
        Ok(tallies)
    }

    /// Violations the latest evaluation finds at one agency, per month of their event (`YYYY-MM`), oldest first.
    pub async fn violations_per_month(&self, agency: &str) -> Result<Vec<(String, i64)>, DbError> {
        let rows = sqlx::query(
            "SELECT SUBSTR(event_date, 1, 7) AS month, COUNT(*) AS n FROM violations
             WHERE agency_code = $1 AND active = 1
             GROUP BY SUBSTR(event_date, 1, 7) ORDER BY month",
        )
        .bind(agency)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("month")?, r.try_get("n")?)))
            .collect()
    }

    /// One agency's current records of the given kinds, as `(kind, content)`.
    pub async fn agency_records(
        &self,
        agency: &str,
        kinds: &[&str],
    ) -> Result<Vec<(String, String)>, DbError> {
        let mut found = Vec::new();
        // One query per kind: each is served by the (kind, agency_code) index.
        for kind in kinds {
            let rows = sqlx::query(
                "SELECT kind, content FROM records WHERE kind = $1 AND agency_code = $2 ORDER BY record_id",
            )
            .bind(*kind)
            .bind(agency)
            .fetch_all(&self.pool)
            .await?;
            for r in &rows {
                found.push((r.try_get("kind")?, r.try_get("content")?));
            }
        }
        Ok(found)
    }

    pub async fn submission_counts(&self, agency: &str) -> Result<SubmissionCounts, DbError> {
        let rows = sqlx::query(
            "SELECT accepted, COUNT(*) AS n, MAX(received_at) AS last FROM submissions
             WHERE agency_code = $1 GROUP BY accepted",
        )
        .bind(agency)
        .fetch_all(&self.pool)
        .await?;
        let mut counts = SubmissionCounts::default();
        for r in &rows {
            let n: i64 = r.try_get("n")?;
            if super::get_bool(r, "accepted")? {
                counts.accepted = n;
                counts.last_accepted = r.try_get("last")?;
            } else {
                counts.refused = n;
            }
        }
        Ok(counts)
    }
}
