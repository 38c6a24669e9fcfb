//! The request limits (issue #14), each a number of hits per fixed window, counted in the database so that they
//! hold across every app server behind a load balancer. A limit that is reached answers 429 with
//! `Retry-After` (the seconds to the window's end). Values are listed in docs/security.md.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::db::{Db, DbError};

/// At most `max` hits per subject in each window of `window` seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub bucket: &'static str,
    pub max: i64,
    pub window: i64,
}

/// Complaints one client address may file per 10 minutes.
pub const COMPLAINT_FILINGS: Limit = Limit {
    bucket: "complaint-filing",
    max: 5,
    window: 600,
};
/// Status checks one client address may make per 10 minutes (right or wrong code alike).
pub const STATUS_CHECKS: Limit = Limit {
    bucket: "complaint-status",
    max: 10,
    window: 600,
};
/// Sign-in attempts one client address may make per 5 minutes, whatever the names.
pub const SIGN_INS_PER_CLIENT: Limit = Limit {
    bucket: "signin-client",
    max: 30,
    window: 300,
};
/// Sign-in attempts of everyone together per minute: a flood from many addresses still cannot keep the
/// password hashing busy (each attempt costs one argon2 hash, about 19 MiB and tens of milliseconds).
pub const SIGN_INS_EVERYWHERE: Limit = Limit {
    bucket: "signin-all",
    max: 600,
    window: 60,
};
/// Wrong passwords for one name from one client address per 15 minutes; then that pair is locked for the rest
/// of the window. A stranger elsewhere cannot lock an analyst out of the office network.
pub const FAILURES_PER_NAME_AND_CLIENT: Limit = Limit {
    bucket: "signin-pair",
    max: 5,
    window: 900,
};
/// Wrong passwords for one name from anywhere per hour: the slower limit against guessing from many addresses.
pub const FAILURES_PER_NAME: Limit = Limit {
    bucket: "signin-name",
    max: 50,
    window: 3600,
};

/// A limit reached: how long until its window ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exceeded {
    pub retry_after: i64,
}

impl Limit {
    fn window_start(&self, now: i64) -> i64 {
        now - now.rem_euclid(self.window)
    }

    /// The stored subject: a hash of the limit and the subject (an address is never written as it is).
    fn subject(&self, subject: &str) -> String {
        let mut hash = crate::auth::token_hash(&format!("{}\n{subject}", self.bucket));
        hash.truncate(32);
        hash
    }

    /// Counts a hit of `subject` (before the work it stands for is done, so concurrent requests cannot all
    /// slip through) and says whether it is within the limit.
    pub async fn hit(&self, db: &Db, subject: &str) -> Result<Result<(), Exceeded>, DbError> {
        let now = crate::clock::seconds_since_epoch();
        let start = self.window_start(now);
        let hits = db
            .rate_hit(self.bucket, &self.subject(subject), start)
            .await?;
        Ok(if hits > self.max {
            Err(Exceeded {
                retry_after: (start + self.window - now).max(1),
            })
        } else {
            Ok(())
        })
    }

    /// Takes back a hit of `subject` in the current window.
    pub async fn forgive(&self, db: &Db, subject: &str) -> Result<(), DbError> {
        let start = self.window_start(crate::clock::seconds_since_epoch());
        db.rate_forgive(self.bucket, &self.subject(subject), start)
            .await
    }
}

/// The 429 answer of a reached limit, as JSON for the API or as text for a form, with `Retry-After`.
pub fn too_many(exceeded: Exceeded, json: bool) -> Response {
    let minutes = (exceeded.retry_after + 59) / 60;
    let message_id = format!("Terlalu banyak permintaan; coba lagi dalam {minutes} menit.");
    let message_en = format!("Too many requests; try again in {minutes} minute(s).");
    let message = format!("{message_id} / {message_en}");
    let mut response = if json {
        super::ApiError::TooManyRequests(message).into_response()
    } else {
        (StatusCode::TOO_MANY_REQUESTS, message).into_response()
    };
    if let Ok(value) = HeaderValue::try_from(exceeded.retry_after.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_start_on_their_boundary_and_subjects_are_hashed() {
        assert_eq!(COMPLAINT_FILINGS.window_start(1_200), 1_200);
        assert_eq!(COMPLAINT_FILINGS.window_start(1_799), 1_200);
        assert_eq!(COMPLAINT_FILINGS.window_start(1_800), 1_800);
        let stored = COMPLAINT_FILINGS.subject("203.0.113.9");
        assert!(!stored.contains("203"), "{stored}");
        assert_ne!(stored, STATUS_CHECKS.subject("203.0.113.9"));
        assert_eq!(stored.len(), 32);
    }
}
