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

    /// Every dated change, oldest first (then by key).
    pub async fn parameter_changes(&self) -> Result<Vec<StoredChange>, DbError> {
        let rows = sqlx::query(
            "SELECT key, from_date, value, basis, set_at, set_by FROM parameter_changes ORDER BY from_date, key",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| stored_change(r, Some(r.try_get("from_date")?)))
            .collect()
    }

    /// The base values (in force from the beginning) with their legal basis and who set them last.
    pub async fn parameter_bases(&self) -> Result<Vec<StoredChange>, DbError> {
        let rows = sqlx::query(
            "SELECT key, value, basis, updated_at AS set_at, updated_by AS set_by FROM rule_parameters ORDER BY key",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| stored_change(r, None)).collect()
    }

    /// Stores a parameter's value (already checked by the caller, with the whole timeline) with an audit entry:
    /// with `from`, a value in force from that day (replacing one of the same day); without, the base value, and
    /// the parameter's dated changes are dropped (the value replaces the whole history).
    pub async fn store_parameter(
        &self,
        key: &str,
        (value, from, basis): (&str, Option<&str>, Option<&str>),
        actor: &str,
        now: &str,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        let before = history_text(&mut tx, key).await?;
        match from {
            Some(from) => {
                sqlx::query(
                    "INSERT INTO parameter_changes (key, from_date, value, basis, set_at, set_by)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (key, from_date) DO UPDATE SET value = $3, basis = $4, set_at = $5, set_by = $6",
                )
                .bind(key)
                .bind(from)
                .bind(value)
                .bind(basis)
                .bind(now)
                .bind(actor)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query(
                    "INSERT INTO rule_parameters (key, value, basis, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (key) DO UPDATE SET value = $2, basis = $3, updated_at = $4, updated_by = $5",
                )
                .bind(key)
                .bind(value)
                .bind(basis)
                .bind(now)
                .bind(actor)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM parameter_changes WHERE key = $1")
                    .bind(key)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let after = history_text(&mut tx, key).await?;
        audit(&mut tx, (now, actor), "parameter.set", key, before, after).await?;
        tx.commit().await?;
        self.note_write();
        Ok(())
    }
}

/// A stored value of a parameter: the base (`from` is `None`) or a dated change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredChange {
    pub key: String,
    pub from: Option<String>,
    pub value: String,
    pub basis: Option<String>,
    pub set_at: String,
    pub set_by: String,
}

/// A stored value of either table (`key, value, basis, set_at, set_by`), from `from` on.
fn stored_change(row: &sqlx::any::AnyRow, from: Option<String>) -> Result<StoredChange, DbError> {
    Ok(StoredChange {
        key: row.try_get("key")?,
        from,
        value: row.try_get("value")?,
        basis: row.try_get("basis")?,
        set_at: row.try_get("set_at")?,
        set_by: row.try_get("set_by")?,
    })
}

/// A parameter's history as the audit log shows it: `value` for a base value alone, then `; from D: value` for
/// each dated change (`None` for a parameter not stored yet).
async fn history_text(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    key: &str,
) -> Result<Option<String>, DbError> {
    let base: Option<String> =
        sqlx::query_scalar("SELECT value FROM rule_parameters WHERE key = $1")
            .bind(key)
            .fetch_optional(&mut **tx)
            .await?;
    let Some(mut text) = base else {
        return Ok(None);
    };
    let rows = sqlx::query(
        "SELECT from_date, value FROM parameter_changes WHERE key = $1 ORDER BY from_date",
    )
    .bind(key)
    .fetch_all(&mut **tx)
    .await?;
    for row in &rows {
        let (from, value): (String, String) = (row.try_get("from_date")?, row.try_get("value")?);
        text.push_str(&format!("; from {from}: {value}"));
    }
    Ok(Some(text))
}
