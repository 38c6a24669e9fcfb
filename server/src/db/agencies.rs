//! Queries on the agency registry.

use model::types::{Agency, AgencyFilter, AgencyKind, KindCount, Province};
use sqlx::any::AnyRow;
use sqlx::Row;

use super::{get_bool, Db, DbError};
use crate::domain::registry;

/// Registry order: central agencies first, then regions, each by code.
const ORDER: &str = "CASE kind WHEN 'ministry' THEN 0 WHEN 'institution' THEN 1 WHEN 'province' THEN 2 ELSE 3 END, code";

fn agency_from_row(row: &AnyRow) -> Result<Agency, DbError> {
    let kind: String = row.try_get("kind")?;
    Ok(Agency {
        code: row.try_get("code")?,
        name: row.try_get("name")?,
        kind: AgencyKind::parse(&kind)
            .ok_or_else(|| DbError::Corrupt(format!("agency kind {kind:?}")))?,
        province_code: row.try_get("province_code")?,
        autonomous: get_bool(row, "autonomous")?,
    })
}

/// A `LIKE` pattern matching `text` anywhere, case-insensitively (the column is lowered too); `%`, `_` and `\`
/// in the text match themselves. Empty text gives an empty pattern, which the queries read as "no filter".
fn contains_pattern(text: &str) -> String {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return String::new();
    }
    let mut pattern = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

impl Db {
    /// Active agencies matching the filter, in registry order.
    pub async fn list_agencies(&self, filter: &AgencyFilter) -> Result<Vec<Agency>, DbError> {
        let sql = format!(
            "SELECT code, name, kind, province_code, autonomous FROM agencies
             WHERE retired_on IS NULL
               AND ($1 = '' OR kind = $1)
               AND ($2 = '' OR province_code = $2)
               AND ($3 = '' OR LOWER(name) LIKE $3 ESCAPE '\\' OR LOWER(code) LIKE $3 ESCAPE '\\')
             ORDER BY {ORDER}
             LIMIT $4"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(filter.kind.map(AgencyKind::as_str).unwrap_or(""))
            .bind(filter.province.as_deref().unwrap_or(""))
            .bind(contains_pattern(&filter.q))
            .bind(filter.limit.map_or(i64::MAX, i64::from))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(agency_from_row).collect()
    }

    /// Every agency ever registered, retired ones too (their records are still judged).
    pub async fn all_agencies(&self) -> Result<Vec<Agency>, DbError> {
        let rows = sqlx::query(
            "SELECT code, name, kind, province_code, autonomous FROM agencies ORDER BY code",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(agency_from_row).collect()
    }

    pub async fn agency(&self, code: &str) -> Result<Option<Agency>, DbError> {
        let row = sqlx::query(
            "SELECT code, name, kind, province_code, autonomous FROM agencies WHERE code = $1",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(agency_from_row).transpose()
    }

    /// When `code` was founded and retired (`None` each: from the start, still there); `None` for an unknown code.
    pub async fn agency_lifespan(
        &self,
        code: &str,
    ) -> Result<Option<(Option<String>, Option<String>)>, DbError> {
        let row = sqlx::query("SELECT founded_on, retired_on FROM agencies WHERE code = $1")
            .bind(code)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get("founded_on")?, r.try_get("retired_on")?)))
            .transpose()
    }

    pub async fn provinces(&self) -> Result<Vec<Province>, DbError> {
        let rows = sqlx::query(
            "SELECT code, name FROM agencies WHERE kind = 'province' AND retired_on IS NULL ORDER BY code",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Province {
                    code: r.try_get("code")?,
                    name: r.try_get("name")?,
                })
            })
            .collect()
    }

    /// Active agencies per kind, every kind listed (zero included), in [`AgencyKind::ALL`] order.
    pub async fn kind_counts(&self) -> Result<Vec<KindCount>, DbError> {
        let rows = sqlx::query(
            "SELECT kind, COUNT(*) AS n FROM agencies WHERE retired_on IS NULL GROUP BY kind",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut counts: Vec<KindCount> = AgencyKind::ALL
            .iter()
            .map(|&kind| KindCount { kind, count: 0 })
            .collect();
        for row in rows {
            let kind: String = row.try_get("kind")?;
            let n: i64 = row.try_get("n")?;
            if let Some(slot) = counts.iter_mut().find(|c| c.kind.as_str() == kind) {
                slot.count = n;
            }
        }
        Ok(counts)
    }

    /// Loads the bundled registry when the table is empty (first start). Safe when several app servers start at
    /// once: existing codes are left alone.
    pub async fn seed_registry(&self) -> Result<usize, DbError> {
        let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agencies")
            .fetch_one(&self.pool)
            .await?;
        if existing > 0 {
            return Ok(0);
        }
        let agencies = registry::parse(registry::BUNDLED_CSV)?;
        let mut tx = self.begin_write().await?;
        for a in &agencies {
            sqlx::query(
                "INSERT INTO agencies (code, name, kind, province_code, autonomous) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (code) DO NOTHING",
            )
            .bind(&a.code)
            .bind(&a.name)
            .bind(a.kind.as_str())
            .bind(a.province_code.as_deref())
            .bind(i64::from(a.autonomous))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        tracing::info!(count = agencies.len(), "loaded the agency registry");
        Ok(agencies.len())
    }
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(contains_pattern("  "), "");
        assert_eq!(contains_pattern("Kota Bandung"), "%kota bandung%");
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
