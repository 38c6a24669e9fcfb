//! The public aggregates' queries: the key of the data's current state, the stored snapshot, and the
//! violation counts the aggregates are summed from.

use sqlx::Row;

use super::{Db, DbError};

/// Active violations of one agency, rule and status whose event falls in one month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViolationCount {
    pub agency_code: String,
    pub rule_id: String,
    pub status: String,
    /// `YYYY-MM`
    pub month: String,
    pub count: i64,
}

impl Db {
    /// A text that changes whenever anything the public aggregates are computed from changes: the violations'
    /// generation, the agencies' record versions (every stored batch bumps its agency's), the registry's size,
    /// the last parameter change (the merit targets are parameters), the complaints filed through the form and the
    /// steps taken on them, and the day (a result stands until the current year, years roll over, and a
    /// recommendation's deadline passes).
    pub async fn public_source_key(&self, today: &str) -> Result<String, DbError> {
        let row = sqlx::query(
            "SELECT (SELECT generation FROM violation_generation WHERE id = 1) AS violations,
                    (SELECT CAST(COALESCE(SUM(records_version), 0) AS BIGINT) FROM agencies) AS records,
                    (SELECT COUNT(*) FROM agencies) AS agencies,
                    (SELECT COALESCE(MAX(updated_at), '') FROM rule_parameters) AS parameters,
                    (SELECT COUNT(*) FROM complaints) AS complaints,
                    (SELECT CAST(COALESCE(SUM(revision), 0) AS BIGINT) FROM complaints) AS complaint_steps,
                    (SELECT COUNT(*) FROM recommendation_verdicts) AS verdicts",
        )
        .fetch_one(&self.pool)
        .await?;
        let violations: i64 = row.try_get("violations")?;
        let records: i64 = row.try_get("records")?;
        let agencies: i64 = row.try_get("agencies")?;
        let parameters: String = row.try_get("parameters")?;
        let complaints: i64 = row.try_get("complaints")?;
        let complaint_steps: i64 = row.try_get("complaint_steps")?;
        // A rejected answer moves no violation, but it changes the follow-up figures.
        let verdicts: i64 = row.try_get("verdicts")?;
        Ok(format!(
            "v{violations}-r{records}-a{agencies}-p{parameters}-c{complaints}.{complaint_steps}-j{verdicts}-d{today}"
        ))
    }

    /// The stored snapshot as `(source_key, body)`, if one was ever computed.
    pub async fn public_snapshot(&self) -> Result<Option<(String, String)>, DbError> {
        let row = sqlx::query("SELECT source_key, body FROM public_snapshot WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get("source_key")?, r.try_get("body")?)))
            .transpose()
    }

    /// Replaces the stored snapshot.
    pub async fn store_public_snapshot(
        &self,
        source_key: &str,
        computed_at: &str,
        body: &str,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO public_snapshot (id, source_key, computed_at, body) VALUES (1, $1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET source_key = $1, computed_at = $2, body = $3",
        )
        .bind(source_key)
        .bind(computed_at)
        .bind(body)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Active violations counted by agency, rule, status and month of the event. The rows are taken as they
    /// arrive: 95,000 groups at `--scale 10`, which held as sqlx's rows before being turned into counts were
    /// 80 MB of an import's peak memory (issue #21).
    pub async fn violation_counts(&self) -> Result<Vec<ViolationCount>, DbError> {
        use futures_util::TryStreamExt;
        let mut rows = sqlx::query(
            "SELECT agency_code, rule_id, status, substr(event_date, 1, 7) AS month, COUNT(*) AS n
             FROM violations WHERE active = 1
             GROUP BY agency_code, rule_id, status, substr(event_date, 1, 7)",
        )
        .fetch(&self.pool);
        let mut counts = Vec::new();
        while let Some(r) = rows.try_next().await? {
            counts.push(ViolationCount {
                agency_code: r.try_get("agency_code")?,
                rule_id: r.try_get("rule_id")?,
                status: r.try_get("status")?,
                month: r.try_get("month")?,
                count: r.try_get("n")?,
            });
        }
        Ok(counts)
    }
}
