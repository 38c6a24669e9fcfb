//! The rules' legal parameters as stored: seeded with the code's defaults, changed by an administrator with an
//! audit entry. Checking a value is `crate::rules::params`' business.

use sqlx::Row;

use super::{audit, Db, DbError};

impl Db {
    /// Adds every parameter the code knows with its default, leaving stored values alone (so a new version's new
    /// parameter appears with its default, and an administrator's change survives upgrades).
    pub async fn seed_parameters<'a>(
        &self,
        defaults: impl IntoIterator<Item = (&'a str, &'a str)>,
        now: &str,
    ) -> Result<(), DbError> {
        for (key, default) in defaults {
            sqlx::query(
                "INSERT INTO rule_parameters (key, value, updated_at, updated_by) VALUES ($1, $2, $3, 'default')
                 ON CONFLICT (key) DO NOTHING",
            )
            .bind(key)
            .bind(default)
            .bind(now)
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    /// The stored parameters as `(key, value)`.
    pub async fn parameter_pairs(&self) -> Result<Vec<(String, String)>, DbError> {
        let rows = sqlx::query("SELECT key, value FROM rule_parameters ORDER BY key")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("key")?, r.try_get("value")?)))
            .collect()
    }

    /// Stores a parameter's new value (already checked by the caller) with an audit entry.
    pub async fn store_parameter(
        &self,
        key: &str,
        value: &str,
        actor: &str,
        now: &str,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        let before: Option<String> =
            sqlx::query_scalar("SELECT value FROM rule_parameters WHERE key = $1")
                .bind(key)
                .fetch_optional(&mut *tx)
                .await?;
        sqlx::query(
            "INSERT INTO rule_parameters (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = $3, updated_by = $4",
        )
        .bind(key)
        .bind(value)
        .bind(now)
        .bind(actor)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            (now, actor),
            "parameter.set",
            key,
            before,
            Some(value.to_string()),
        )
        .await?;
        tx.commit().await?;
        self.note_write();
        Ok(())
    }
}
