//! Counters behind the request limits (the web layer's `throttle`): one row per limit, subject and fixed window,
//! incremented atomically by an upsert, so that several app servers on one database share every limit and
//! concurrent requests are each counted before any of them is let through.

use sqlx::Row;

use super::{Db, DbError};

/// How long rows of past windows are kept before they are deleted (longer than the longest window).
const KEEP_SECONDS: i64 = 24 * 3600;

impl Db {
    /// Counts one hit of `subject` under `bucket` in the window starting at `window_start` and returns the hits
    /// of that window so far, this one included.
    pub async fn rate_hit(
        &self,
        bucket: &str,
        subject: &str,
        window_start: i64,
    ) -> Result<i64, DbError> {
        let row = sqlx::query(
            "INSERT INTO rate_limits (bucket, subject, window_start, hits) VALUES ($1, $2, $3, 1)
             ON CONFLICT (bucket, subject, window_start) DO UPDATE SET hits = rate_limits.hits + 1
             RETURNING hits",
        )
        .bind(bucket)
        .bind(subject)
        .bind(window_start)
        .fetch_one(&self.pool)
        .await?;
        let hits: i64 = row.try_get("hits")?;
        if hits == 1 {
            // A new window of this subject: a cheap moment to forget windows long past.
            sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
                .bind(window_start - KEEP_SECONDS)
                .execute(&self.pool)
                .await?;
        }
        Ok(hits)
    }

    /// Takes one hit back (a sign-in that turned out right does not count against the name).
    pub async fn rate_forgive(
        &self,
        bucket: &str,
        subject: &str,
        window_start: i64,
    ) -> Result<(), DbError> {
        sqlx::query(
            "UPDATE rate_limits SET hits = hits - 1
             WHERE bucket = $1 AND subject = $2 AND window_start = $3 AND hits > 0",
        )
        .bind(bucket)
        .bind(subject)
        .bind(window_start)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
