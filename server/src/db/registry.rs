//! The registry's administration (issue #19, interfaces.md "Registry"): agencies added (one or a whole CSV, all or
//! nothing), renamed from a date, retired on a date with their successor; each change audited, names kept as
//! history in `agency_names`. What is allowed is the service's check (`service::registry`); this layer stores it.

use model::types::{Agency, AgencyName, RegistryEntry};
use sqlx::Row;

use super::{audit, get_bool, Db, DbError};

/// An agency to add, existing from `founded_on` (`None`: from the start).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAgency {
    pub agency: Agency,
    pub founded_on: Option<String>,
}

impl Db {
    /// Every agency ever registered, retired ones too, in code order, with its names (oldest first); `name` is the
    /// current one.
    pub async fn registry_entries(&self) -> Result<Vec<RegistryEntry>, DbError> {
        let rows = sqlx::query(
            "SELECT code, name, kind, province_code, autonomous, founded_on, retired_on, succeeded_by
             FROM agencies ORDER BY code",
        )
        .fetch_all(&self.pool)
        .await?;
        let names =
            sqlx::query("SELECT code, from_date, name FROM agency_names ORDER BY code, from_date")
                .fetch_all(&self.pool)
                .await?;
        let mut by_code: std::collections::HashMap<String, Vec<AgencyName>> = Default::default();
        for row in &names {
            let from: String = row.try_get("from_date")?;
            by_code
                .entry(row.try_get("code")?)
                .or_default()
                .push(AgencyName {
                    from: Some(from).filter(|f| !f.is_empty()),
                    name: row.try_get("name")?,
                });
        }
        rows.iter()
            .map(|row| {
                let code: String = row.try_get("code")?;
                let name: String = row.try_get("name")?;
                let kind: String = row.try_get("kind")?;
                let names = by_code.remove(&code).unwrap_or_else(|| {
                    vec![AgencyName {
                        from: None,
                        name: name.clone(),
                    }]
                });
                Ok(RegistryEntry {
                    kind: model::types::AgencyKind::parse(&kind)
                        .ok_or_else(|| DbError::Corrupt(format!("agency kind {kind:?}")))?,
                    province_code: row.try_get("province_code")?,
                    autonomous: get_bool(row, "autonomous")?,
                    founded_on: row.try_get("founded_on")?,
                    retired_on: row.try_get("retired_on")?,
                    succeeded_by: row.try_get("succeeded_by")?,
                    code,
                    name,
                    names,
                })
            })
            .collect()
    }

    /// Adds `agencies` in one transaction (all or none), each with an `agency.add` audit entry.
    pub async fn add_agencies(
        &self,
        agencies: &[NewAgency],
        actor: &str,
        now: &str,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        for new in agencies {
            let a = &new.agency;
            sqlx::query(
                "INSERT INTO agencies (code, name, kind, province_code, autonomous, founded_on)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&a.code)
            .bind(&a.name)
            .bind(a.kind.as_str())
            .bind(a.province_code.as_deref())
            .bind(i64::from(a.autonomous))
            .bind(new.founded_on.as_deref())
            .execute(&mut *tx)
            .await?;
            let after = serde_json::json!({
                "name": a.name, "kind": a.kind.as_str(), "province_code": a.province_code,
                "autonomous": a.autonomous, "founded_on": new.founded_on,
            });
            audit(
                &mut tx,
                (now, actor),
                "agency.add",
                &a.code,
                None,
                Some(after.to_string()),
            )
            .await?;
        }
        tx.commit().await?;
        self.note_write();
        Ok(())
    }

    /// Renames `code` to `name` from `from` on (a rename of the same day is replaced); the first rename also
    /// records the name it had before. `agencies.name` becomes the latest name.
    pub async fn rename_agency(
        &self,
        code: &str,
        (name, from): (&str, &str),
        actor: &str,
        now: &str,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        let before: String = sqlx::query_scalar("SELECT name FROM agencies WHERE code = $1")
            .bind(code)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO agency_names (code, from_date, name) VALUES ($1, '', $2) ON CONFLICT (code, from_date) DO NOTHING",
        )
        .bind(code)
        .bind(&before)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO agency_names (code, from_date, name) VALUES ($1, $2, $3)
             ON CONFLICT (code, from_date) DO UPDATE SET name = $3",
        )
        .bind(code)
        .bind(from)
        .bind(name)
        .execute(&mut *tx)
        .await?;
        let latest: String = sqlx::query_scalar(
            "SELECT name FROM agency_names WHERE code = $1 ORDER BY from_date DESC LIMIT 1",
        )
        .bind(code)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE agencies SET name = $1 WHERE code = $2")
            .bind(&latest)
            .bind(code)
            .execute(&mut *tx)
            .await?;
        let after = format!("{name} (from {from})");
        audit(
            &mut tx,
            (now, actor),
            "agency.rename",
            code,
            Some(before),
            Some(after),
        )
        .await?;
        // The explorer's index and the public aggregates (keyed by the generation) show the name.
        Self::bump_generation(&mut tx).await?;
        tx.commit().await?;
        self.note_write();
        Ok(())
    }

    /// Retires `code` with `on` as its last day, naming its successor if any.
    pub async fn retire_agency(
        &self,
        code: &str,
        (on, succeeded_by): (&str, Option<&str>),
        actor: &str,
        now: &str,
    ) -> Result<(), DbError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE agencies SET retired_on = $1, succeeded_by = $2 WHERE code = $3")
            .bind(on)
            .bind(succeeded_by)
            .bind(code)
            .execute(&mut *tx)
            .await?;
        let after = serde_json::json!({"retired_on": on, "succeeded_by": succeeded_by});
        audit(
            &mut tx,
            (now, actor),
            "agency.retire",
            code,
            None,
            Some(after.to_string()),
        )
        .await?;
        // The public aggregates and the peer comparison (keyed by the generation) count the agency no longer
        // after its last day; the explorer's index shows it retired.
        Self::bump_generation(&mut tx).await?;
        tx.commit().await?;
        self.note_write();
        Ok(())
    }
}
