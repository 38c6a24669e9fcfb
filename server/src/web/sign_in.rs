//! Checking a sign-in (issue #14): every attempt is counted before its password is checked — per client address
//! and for everyone (429 with `Retry-After` past the limit), and as a failure per name and client and per name
//! (a lock past the limit) — so that a burst of concurrent guesses cannot all be checked and a stranger cannot
//! lock a user out from elsewhere. A right password takes its own failure back. Password hashes are computed one
//! per core at a time: each argon2 hash takes about 19 MiB, and a flood of 150 concurrent sign-ins once took the
//! server from 1 GB to 6.5 GB. `/auth/sandi` counts a wrong current password the same way.

use model::Role;
use std::sync::OnceLock;

use super::client::Client;
use super::throttle::{
    Exceeded, FAILURES_PER_NAME, FAILURES_PER_NAME_AND_CLIENT, SIGN_INS_EVERYWHERE,
    SIGN_INS_PER_CLIENT,
};
use crate::auth::verify_password;
use crate::db::Db;

/// A hash to verify against when the name is unknown, so that both cases take the same time.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| crate::auth::hash_password("pantau-merit-dummy").unwrap_or_default())
}

/// Checks a password against a stored hash on the blocking pool, at most one per core at once; `None` when no
/// slot came free within ten seconds (the server is flooded with sign-ins).
pub(super) async fn verify_bounded(hash: String, password: String) -> Option<bool> {
    static SLOTS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    let slots = SLOTS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    let _slot = tokio::time::timeout(std::time::Duration::from_secs(10), slots.acquire())
        .await
        .ok()?
        .ok()?;
    tokio::task::spawn_blocking(move || verify_password(&hash, &password))
        .await
        .ok()
}

/// Why a sign-in did not go through.
pub(super) enum Refusal {
    /// Back to the form with this notice.
    Notice(model::Refusal),
    /// A limit on attempts was reached (429).
    Limited(Exceeded),
}

impl From<crate::db::DbError> for Refusal {
    fn from(err: crate::db::DbError) -> Refusal {
        tracing::error!(error = %err, "sign-in failed");
        Refusal::Notice(model::Refusal::Failure)
    }
}

/// Counts one attempt of `name` from `client` against every limit, before anything is checked.
pub(super) async fn count_attempt(db: &Db, name: &str, client: &Client) -> Result<(), Refusal> {
    for (limit, subject) in [
        (SIGN_INS_PER_CLIENT, client.limit_key()),
        (SIGN_INS_EVERYWHERE, String::new()),
    ] {
        if let Err(exceeded) = limit.hit(db, &subject).await? {
            return Err(Refusal::Limited(exceeded));
        }
    }
    failure_counted(db, name, client).await
}

/// Counts a (possible) wrong password of `name` from `client`; `Locked` when either lock is reached.
async fn failure_counted(db: &Db, name: &str, client: &Client) -> Result<(), Refusal> {
    let pair = FAILURES_PER_NAME_AND_CLIENT
        .hit(db, &pair_subject(name, client))
        .await?;
    let everywhere = FAILURES_PER_NAME.hit(db, name).await?;
    if pair.is_err() || everywhere.is_err() {
        return Err(Refusal::Notice(model::Refusal::Locked));
    }
    Ok(())
}

/// A right password takes back the failure counted for it (earlier failures in the window still count).
pub(super) async fn forgive_attempt(
    db: &Db,
    name: &str,
    client: &Client,
) -> Result<(), crate::db::DbError> {
    FAILURES_PER_NAME_AND_CLIENT
        .forgive(db, &pair_subject(name, client))
        .await?;
    FAILURES_PER_NAME.forgive(db, name).await
}

fn pair_subject(name: &str, client: &Client) -> String {
    format!("{name}\n{}", client.limit_key())
}

/// Checks `password` for `name` after counting the attempt: the user's id and role, or the refusal.
pub(super) async fn check_sign_in(
    db: &Db,
    client: &Client,
    name: &str,
    password: String,
) -> Result<(i64, Role), Refusal> {
    count_attempt(db, name, client).await?;
    let target = db.login_target(name).await?;
    let hash = target
        .as_ref()
        .and_then(|t| t.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let Some(matches) = verify_bounded(hash, password).await else {
        return Err(Refusal::Limited(Exceeded { retry_after: 10 }));
    };
    match target {
        Some(t) if matches && t.active && t.password_hash.is_some() => {
            forgive_attempt(db, name, client).await?;
            Ok((t.id, t.role))
        }
        _ => {
            db.record_failure(name, &crate::clock::now_text()).await?;
            Err(Refusal::Notice(model::Refusal::WrongPassword))
        }
    }
}
