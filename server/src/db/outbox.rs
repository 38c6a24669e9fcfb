//! The mail outbox (issue #18), the sender's lease and people's e-mail addresses. Each message is one row, unique
//! by its `dedupe_key`, so that writing it twice (two daily passes, two servers) stores it once; the sender claims
//! the lease before it reads the waiting messages, so only one server at a time delivers.

use model::Role;
pub use model::{MailKind, MailState};
use sqlx::Row;

use super::users::UserError;
use super::{audit, get_bool, Db, DbError};

/// A message to be written to the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMail {
    pub kind: MailKind,
    pub dedupe_key: String,
    pub violation_id: Option<i64>,
    pub recipient: String,
    pub recipient_user: String,
    pub subject: String,
    pub body: String,
    pub attach_letter: bool,
}

/// A message in the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    pub id: i64,
    pub kind: MailKind,
    pub violation_id: Option<i64>,
    pub recipient: String,
    pub recipient_user: String,
    pub subject: String,
    pub body: String,
    pub attach_letter: bool,
    pub state: MailState,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// Someone who receives mail: a user with an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub user: String,
    pub email: String,
    pub role: Role,
    pub agency_code: Option<String>,
}

/// How one delivery attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt<'a> {
    /// Delivered at this time.
    Sent { at: &'a str },
    /// Refused or unreachable; tried again at `at`.
    Retry { error: &'a str, at: &'a str },
    /// Refused for good (a bad address, or the last attempt).
    GaveUp { error: &'a str },
}

/// The columns a [`Mail`] is read from (a macro: sqlx takes only literal SQL).
macro_rules! columns {
    () => {
        "id, kind, violation_id, recipient, recipient_user, subject, body, attach_letter, state, attempts, \
         next_attempt_at, last_error, created_at, sent_at"
    };
}

/// A stored code read back as its enum; another text is a corrupt row.
fn code<T>(
    row: &sqlx::any::AnyRow,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, DbError> {
    let text: String = row.try_get(column)?;
    parse(&text).ok_or_else(|| DbError::Corrupt(format!("outbox {column} {text:?}")))
}

fn mail(row: &sqlx::any::AnyRow) -> Result<Mail, DbError> {
    Ok(Mail {
        id: row.try_get("id")?,
        kind: code(row, "kind", MailKind::parse)?,
        violation_id: row.try_get("violation_id")?,
        recipient: row.try_get("recipient")?,
        recipient_user: row.try_get("recipient_user")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        attach_letter: get_bool(row, "attach_letter")?,
        state: code(row, "state", MailState::parse)?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: row.try_get("next_attempt_at")?,
        last_error: row.try_get("last_error")?,
        created_at: row.try_get("created_at")?,
        sent_at: row.try_get("sent_at")?,
    })
}

/// An e-mail address as typed (trimmed; empty: none), or refused unless it is one. Checked where it is stored, so
/// the command line and the users page accept the same addresses.
pub fn valid_email(text: &str) -> Result<Option<String>, UserError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<lettre::Address>() {
        Ok(_) => Ok(Some(text.to_string())),
        Err(_) => Err(UserError::BadEmail(text.to_string())),
    }
}

impl Db {
    /// Writes `mail` to the outbox unless a message with its key is already there; returns whether it was new.
    pub async fn enqueue_mail(&self, mail: &NewMail, now: &str) -> Result<bool, DbError> {
        let inserted = sqlx::query(
            "INSERT INTO outbox (kind, dedupe_key, violation_id, recipient, recipient_user, subject, body,
                                 attach_letter, state, attempts, next_attempt_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', 0, $9, $9)
             ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(mail.kind.as_str())
        .bind(&mail.dedupe_key)
        .bind(mail.violation_id)
        .bind(&mail.recipient)
        .bind(&mail.recipient_user)
        .bind(&mail.subject)
        .bind(&mail.body)
        .bind(i32::from(mail.attach_letter))
        .bind(now)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(inserted == 1)
    }

    /// The queued messages whose next attempt is due at `now`, oldest first.
    pub async fn mail_due(&self, now: &str, limit: i64) -> Result<Vec<Mail>, DbError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM outbox WHERE state = 'queued' AND next_attempt_at <= $1
             ORDER BY next_attempt_at, id LIMIT $2"
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(mail).collect()
    }

    /// The outbox, newest first; `state` narrows it.
    pub async fn outbox(&self, state: Option<MailState>, limit: i64) -> Result<Vec<Mail>, DbError> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            columns!(),
            " FROM outbox WHERE ($1 IS NULL OR state = $1) ORDER BY id DESC LIMIT $2"
        ))
        .bind(state.map(MailState::as_str))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(mail).collect()
    }

    /// Records one delivery attempt of message `id`.
    pub async fn mail_attempted(&self, id: i64, attempt: &Attempt<'_>) -> Result<(), DbError> {
        let (state, sent_at, error, retry_at) = match *attempt {
            Attempt::Sent { at } => (MailState::Sent, Some(at), None, None),
            Attempt::Retry { error, at } => (MailState::Queued, None, Some(error), Some(at)),
            Attempt::GaveUp { error } => (MailState::Failed, None, Some(error), None),
        };
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, state = $1, sent_at = $2, last_error = $3,
                    next_attempt_at = COALESCE($4, next_attempt_at)
             WHERE id = $5",
        )
        .bind(state.as_str())
        .bind(sent_at)
        .bind(error)
        .bind(retry_at)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// How many messages are in each state, in [`MailState::ALL`]'s order.
    pub async fn outbox_counts(&self) -> Result<Vec<(MailState, i64)>, DbError> {
        let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
            .fetch_all(&self.pool)
            .await?;
        let mut counts: Vec<(MailState, i64)> = MailState::ALL.iter().map(|s| (*s, 0)).collect();
        for row in &rows {
            let state = code(row, "state", MailState::parse)?;
            let n: i64 = row.try_get("n")?;
            if let Some(slot) = counts.iter_mut().find(|(s, _)| *s == state) {
                slot.1 = n;
            }
        }
        Ok(counts)
    }

    /// Takes (or renews) the lease `name` for `holder` until `until` when it is free, expired at `now` or already
    /// `holder`'s; returns whether `holder` has it. One statement, so two servers cannot both succeed.
    pub async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now: &str,
        until: &str,
    ) -> Result<bool, DbError> {
        let taken = sqlx::query(
            "INSERT INTO leases (name, holder, until) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
             WHERE leases.until < $4 OR leases.holder = excluded.holder",
        )
        .bind(name)
        .bind(holder)
        .bind(until)
        .bind(now)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(taken == 1)
    }

    /// Gives the lease back (a sender that finished), so another server need not wait for it to expire.
    pub async fn release_lease(&self, name: &str, holder: &str) -> Result<(), DbError> {
        sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
            .bind(name)
            .bind(holder)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Active users with an e-mail address: the clerks of `agency`, or (`None`) the staff.
    pub async fn recipients(&self, agency: Option<&str>) -> Result<Vec<Recipient>, DbError> {
        let rows = sqlx::query(
            "SELECT name, email, role, agency_code FROM users
             WHERE active = 1 AND email IS NOT NULL AND email <> ''
               AND (($1 IS NOT NULL AND role = 'agency' AND agency_code = $1) OR ($1 IS NULL AND role <> 'agency'))
             ORDER BY name",
        )
        .bind(agency)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Recipient {
                    user: r.try_get("name")?,
                    email: r.try_get("email")?,
                    role: super::get_role(r, "role")?,
                    agency_code: r.try_get("agency_code")?,
                })
            })
            .collect()
    }

    /// Sets (or with `None` removes) a user's e-mail address; audited.
    pub async fn set_email(
        &self,
        name: &str,
        email: Option<&str>,
        actor: &str,
        now: &str,
    ) -> Result<(), UserError> {
        let mut tx = self.begin_write().await?;
        let before: Option<Option<String>> =
            sqlx::query_scalar("SELECT email FROM users WHERE name = $1")
                .bind(name)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(before) = before else {
            return Err(UserError::NoSuchUser(name.to_string()));
        };
        sqlx::query("UPDATE users SET email = $1 WHERE name = $2")
            .bind(email)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        let text = |e: Option<&str>| Some(serde_json::json!({ "email": e }).to_string());
        audit(
            &mut tx,
            (now, actor),
            "user.email",
            name,
            text(before.as_deref()),
            text(email),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The provinces `user` follows (their digest's scope).
    pub async fn followed_provinces(&self, user: &str) -> Result<Vec<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT province_code FROM user_provinces WHERE user_name = $1 ORDER BY province_code",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Replaces the provinces `user` follows; audited.
    pub async fn set_followed_provinces(
        &self,
        user: &str,
        provinces: &[String],
        actor: &str,
        now: &str,
    ) -> Result<(), UserError> {
        let mut tx = self.begin_write().await?;
        super::users::user_id(&mut tx, user).await?;
        sqlx::query("DELETE FROM user_provinces WHERE user_name = $1")
            .bind(user)
            .execute(&mut *tx)
            .await?;
        for code in provinces {
            sqlx::query(
                "INSERT INTO user_provinces (user_name, province_code) VALUES ($1, $2)
                 ON CONFLICT DO NOTHING",
            )
            .bind(user)
            .bind(code)
            .execute(&mut *tx)
            .await?;
        }
        let after = serde_json::json!({ "provinces": provinces }).to_string();
        audit(
            &mut tx,
            (now, actor),
            "user.follow",
            user,
            None,
            Some(after),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
