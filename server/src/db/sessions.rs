//! Web sign-in: password hashes, sessions, failed attempts, and the submissions a signed-in clerk sees.

use model::types::{SessionUser, SubmissionError, SubmissionSummary};
use sqlx::Row;

use super::{audit, get_bool, Db, DbError, UserError};
use crate::domain::FieldError;

/// What signing in needs to know of a user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoginTarget {
    pub id: i64,
    pub role: model::Role,
    pub password_hash: Option<String>,
    pub active: bool,
}

/// Where a stored error points, as a clerk reads it.
fn place(e: &FieldError) -> String {
    match (&e.location, e.index) {
        (Some(l), _) => match &l.column {
            Some(column) => format!("{} · baris/row {} · {column}", l.file, l.row),
            None => format!("{} · baris/row {}", l.file, l.row),
        },
        (None, Some(i)) => format!(
            "record {i}{} {}",
            e.id.as_deref()
                .map(|id| format!(" ({id})"))
                .unwrap_or_default(),
            e.pointer
        ),
        (None, None) => e.pointer.clone(),
    }
}

impl Db {
    /// Sets a user's password hash, ends their sessions, and audits it.
    pub async fn set_password(
        &self,
        name: &str,
        hash: &str,
        actor: &str,
        now: &str,
    ) -> Result<(), UserError> {
        let mut tx = self.begin_write().await?;
        let id = super::users::user_id(&mut tx, name).await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        super::users::end_sessions(&mut tx, id).await?;
        audit(&mut tx, (now, actor), "user.password", name, None, None).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn login_target(&self, name: &str) -> Result<Option<LoginTarget>, DbError> {
        let row = sqlx::query("SELECT id, role, password_hash, active FROM users WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(LoginTarget {
                id: r.try_get("id")?,
                role: super::get_role(&r, "role")?,
                password_hash: r.try_get("password_hash")?,
                active: get_bool(&r, "active")?,
            })
        })
        .transpose()
    }

    pub async fn record_failure(&self, name: &str, at: &str) -> Result<(), DbError> {
        sqlx::query("INSERT INTO login_failures (user_name, at) VALUES ($1, $2)")
            .bind(name)
            .bind(at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Opens a session. Expired sessions are purged here (a sign-in is rare enough to carry the cost, and no
    /// separate job is needed on any of the app servers); the session check already ignores them.
    pub async fn create_session(
        &self,
        user_id: i64,
        token_hash: &str,
        csrf: &str,
        (now, expires): (&str, &str),
    ) -> Result<(), DbError> {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf)
        .bind(now)
        .bind(expires)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The signed-in user of a session that has not expired, whose user is still active.
    pub async fn session_user(
        &self,
        token_hash: &str,
        now: &str,
    ) -> Result<Option<SessionUser>, DbError> {
        let row = sqlx::query(
            "SELECT u.name, u.role, u.agency_code, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(SessionUser {
                name: r.try_get("name")?,
                role: super::get_role(&r, "role")?,
                agency_code: r.try_get("agency_code")?,
                csrf: r.try_get("csrf_token")?,
            })
        })
        .transpose()
    }

    pub async fn end_session(&self, token_hash: &str) -> Result<(), DbError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// An agency's latest submissions, newest first, with the located errors of refused ones.
    pub async fn submissions_of(
        &self,
        agency: &str,
        limit: i64,
    ) -> Result<Vec<SubmissionSummary>, DbError> {
        let rows = sqlx::query(
            "SELECT id, received_at, source, file_name, accepted, created, updated, unchanged, errors
             FROM submissions WHERE agency_code = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(agency)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let errors: Option<String> = r.try_get("errors")?;
                let errors: Vec<FieldError> = match errors {
                    Some(text) => {
                        serde_json::from_str(&text).map_err(|e| DbError::Corrupt(e.to_string()))?
                    }
                    None => Vec::new(),
                };
                Ok(SubmissionSummary {
                    id: r.try_get("id")?,
                    received_at: r.try_get("received_at")?,
                    source: r.try_get("source")?,
                    file_name: r.try_get("file_name")?,
                    accepted: get_bool(r, "accepted")?,
                    created: r.try_get("created")?,
                    updated: r.try_get("updated")?,
                    unchanged: r.try_get("unchanged")?,
                    errors: errors
                        .iter()
                        .map(|e| SubmissionError {
                            place: place(e),
                            message: e.message.clone(),
                            message_en: e.message_en.clone(),
                        })
                        .collect(),
                })
            })
            .collect()
    }
}
