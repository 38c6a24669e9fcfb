//! Users, API tokens and the audit log.

use model::types::{AuditEntry, AuditFilter, AuditPage, UserSummary};
use sqlx::Row;

use super::{audit, get_bool, Db, DbError};
use crate::domain::credentials::{token_hash, Principal};
use model::Role;

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("a user named {0:?} already exists")]
    Exists(String),
    #[error("no user named {0:?}")]
    NoSuchUser(String),
    #[error("agency {0:?} is not in the registry")]
    NoSuchAgency(String),
    #[error("an agency user needs --agency CODE, and only agency users have one")]
    AgencyMismatch,
    #[error("{0:?} is not an e-mail address")]
    BadEmail(String),
    #[error(transparent)]
    Database(#[from] DbError),
}

impl From<sqlx::Error> for UserError {
    fn from(err: sqlx::Error) -> UserError {
        UserError::Database(DbError::from(err))
    }
}

/// How a new user signs in: with an API token (machines, scripts) or a password (the web pages). Only a hash of
/// either is stored.
#[derive(Clone, Copy, Debug)]
pub enum Credential<'a> {
    Token(&'a str),
    /// An argon2id hash (`auth::hash_password`).
    PasswordHash(&'a str),
}

/// The id of the user named `name`, read in the caller's transaction.
pub(super) async fn user_id(conn: &mut sqlx::AnyConnection, name: &str) -> Result<i64, UserError> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE name = $1")
        .bind(name)
        .fetch_optional(conn)
        .await?;
    id.ok_or_else(|| UserError::NoSuchUser(name.to_string()))
}

/// Ends every session of a user, in the caller's transaction: a change to their password, rights or agency
/// takes effect at once on every app server.
pub(super) async fn end_sessions(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

impl Db {
    /// Creates a user with a credential and audits it as done by `actor`.
    pub async fn add_user(
        &self,
        name: &str,
        role: Role,
        agency_code: Option<&str>,
        credential: Credential<'_>,
        actor: &str,
        now: &str,
    ) -> Result<(), UserError> {
        if (role == Role::Agency) != agency_code.is_some() {
            return Err(UserError::AgencyMismatch);
        }
        if let Some(code) = agency_code {
            if self.agency(code).await?.is_none() {
                return Err(UserError::NoSuchAgency(code.to_string()));
            }
        }
        let mut tx = self.begin_write().await?;
        let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE name = $1")
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
        if exists > 0 {
            return Err(UserError::Exists(name.to_string()));
        }
        let password_hash = match credential {
            Credential::PasswordHash(hash) => Some(hash),
            Credential::Token(_) => None,
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (name, role, agency_code, active, created_at, password_hash)
             VALUES ($1, $2, $3, 1, $4, $5) RETURNING id",
        )
        .bind(name)
        .bind(role.as_str())
        .bind(agency_code)
        .bind(now)
        .bind(password_hash)
        .fetch_one(&mut *tx)
        .await?;
        if let Credential::Token(token) = credential {
            sqlx::query(
                "INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(token_hash(token))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        let after =
            serde_json::json!({"name": name, "role": role.as_str(), "agency_code": agency_code})
                .to_string();
        audit(&mut tx, (now, actor), "user.add", name, None, Some(after)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Revokes every API token of a user; returns how many were active.
    pub async fn revoke_tokens(
        &self,
        name: &str,
        actor: &str,
        now: &str,
    ) -> Result<u64, UserError> {
        let mut tx = self.begin_write().await?;
        let user = user_id(&mut tx, name).await?;
        let revoked = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(user)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let after = serde_json::json!({ "revoked": revoked }).to_string();
        audit(
            &mut tx,
            (now, actor),
            "token.revoke",
            name,
            None,
            Some(after),
        )
        .await?;
        tx.commit().await?;
        Ok(revoked)
    }

    /// The active user behind an API token, if the token is known and not revoked.
    pub async fn principal_for_token(&self, token: &str) -> Result<Option<Principal>, DbError> {
        let row = sqlx::query(
            "SELECT u.name, u.role, u.agency_code FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = 1",
        )
        .bind(token_hash(token))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            let role: String = row.try_get("role")?;
            Ok(Principal {
                user: row.try_get("name")?,
                role: Role::parse(&role)
                    .ok_or_else(|| DbError::Corrupt(format!("role {role:?}")))?,
                agency_code: row.try_get("agency_code")?,
            })
        })
        .transpose()
    }

    /// Every user, by name, for the administrators' page.
    pub async fn users(&self) -> Result<Vec<UserSummary>, DbError> {
        let rows = sqlx::query(
            "SELECT name, role, agency_code, active, password_hash, created_at, email FROM users ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(UserSummary {
                    name: r.try_get("name")?,
                    role: super::get_role(r, "role")?,
                    agency_code: r.try_get("agency_code")?,
                    active: get_bool(r, "active")?,
                    has_password: r.try_get::<Option<String>, _>("password_hash")?.is_some(),
                    created_at: r.try_get("created_at")?,
                    email: r.try_get("email")?,
                })
            })
            .collect()
    }

    /// Disables or re-enables a user. Disabling also ends their sessions and stops their API tokens (both check
    /// `active`), so it takes effect at once on every app server.
    pub async fn set_user_active(
        &self,
        name: &str,
        active: bool,
        actor: &str,
        now: &str,
    ) -> Result<(), UserError> {
        let mut tx = self.begin_write().await?;
        let user: Option<(i64, i64)> =
            sqlx::query_as("SELECT id, active FROM users WHERE name = $1")
                .bind(name)
                .fetch_optional(&mut *tx)
                .await?;
        let (id, was) = user.ok_or_else(|| UserError::NoSuchUser(name.to_string()))?;
        sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
            .bind(i64::from(active))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if !active {
            end_sessions(&mut tx, id).await?;
        }
        audit(
            &mut tx,
            (now, actor),
            if active {
                "user.enable"
            } else {
                "user.disable"
            },
            name,
            Some(serde_json::json!({ "active": was != 0 }).to_string()),
            Some(serde_json::json!({ "active": active }).to_string()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves an agency clerk to another agency of the registry (staff have none).
    pub async fn set_user_agency(
        &self,
        name: &str,
        agency_code: &str,
        actor: &str,
        now: &str,
    ) -> Result<(), UserError> {
        if self.agency(agency_code).await?.is_none() {
            return Err(UserError::NoSuchAgency(agency_code.to_string()));
        }
        let mut tx = self.begin_write().await?;
        let user: Option<(i64, String, Option<String>)> =
            sqlx::query_as("SELECT id, role, agency_code FROM users WHERE name = $1")
                .bind(name)
                .fetch_optional(&mut *tx)
                .await?;
        let (id, role, before) = user.ok_or_else(|| UserError::NoSuchUser(name.to_string()))?;
        if role != Role::Agency.as_str() {
            return Err(UserError::AgencyMismatch);
        }
        sqlx::query("UPDATE users SET agency_code = $1 WHERE id = $2")
            .bind(agency_code)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        end_sessions(&mut tx, id).await?;
        audit(
            &mut tx,
            (now, actor),
            "user.agency",
            name,
            Some(serde_json::json!({ "agency_code": before }).to_string()),
            Some(serde_json::json!({ "agency_code": agency_code }).to_string()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// One page of the audit log, newest first, narrowed by `filter` (a value that cannot be read is ignored,
    /// and the page says which).
    pub async fn audit_log(&self, filter: &AuditFilter, limit: i64) -> Result<AuditPage, DbError> {
        let mut clauses = Vec::new();
        let mut binds: Vec<String> = Vec::new();
        let mut push = |clause: &str, value: String| {
            binds.push(value);
            clauses.push(clause.replace('?', &format!("${}", binds.len())));
        };
        if !filter.actor.trim().is_empty() {
            push("actor = ?", filter.actor.trim().to_string());
        }
        if !filter.action.trim().is_empty() {
            push("action LIKE ?", format!("{}%", filter.action.trim()));
        }
        if !filter.subject.trim().is_empty() {
            push("subject LIKE ?", format!("%{}%", filter.subject.trim()));
        }
        if crate::domain::Date::parse(filter.from.trim()).is_ok() {
            push("at >= ?", filter.from.trim().to_string());
        }
        if let Ok(to) = crate::domain::Date::parse(filter.to.trim()) {
            // Timestamps of the day `to` sort before the next day's date.
            push("at < ?", to.add_days(1).to_string());
        }
        let before = filter.before.trim().parse::<i64>().ok();
        let where_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("AND {}", clauses.join(" AND "))
        };
        let n = binds.len();
        let sql = format!(
            "SELECT id, at, actor, action, subject, before, after FROM audit_log
             WHERE id < ${} {where_sql} ORDER BY id DESC LIMIT ${}",
            n + 1,
            n + 2
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for b in &binds {
            query = query.bind(b.as_str());
        }
        let rows = query
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit + 1)
            .fetch_all(&self.pool)
            .await?;
        let mut entries = rows
            .iter()
            .map(audit_entry)
            .collect::<Result<Vec<_>, DbError>>()?;
        let more = entries.len() > usize::try_from(limit).unwrap_or(usize::MAX);
        entries.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let next = more
            .then(|| entries.last().map(|e| e.id.to_string()))
            .flatten();
        Ok(AuditPage { entries, next })
    }
}

/// One row of `audit_log` (all its columns).
pub(super) fn audit_entry(r: &sqlx::any::AnyRow) -> Result<AuditEntry, DbError> {
    Ok(AuditEntry {
        id: r.try_get("id")?,
        at: r.try_get("at")?,
        actor: r.try_get("actor")?,
        action: r.try_get("action")?,
        subject: r.try_get("subject")?,
        before: r.try_get("before")?,
        after: r.try_get("after")?,
    })
}
