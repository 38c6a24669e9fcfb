//! Users, API tokens and the audit log.

use sqlx::Row;

use super::{audit, Db, DbError};
use crate::auth::{token_hash, Principal, Role};

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
        let user: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE name = $1")
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?;
        let user = user.ok_or_else(|| UserError::NoSuchUser(name.to_string()))?;
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
}
