//! Who is signed in, and a clerk's submissions.

use serde::{Deserialize, Serialize};

use super::*;

/// The cookie that carries a signed-in person's session token.
pub const SESSION_COOKIE: &str = "pantau_session";

/// Who is signed in, as the pages see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub name: String,
    pub role: Role,
    /// The clerk's agency; `None` for staff.
    pub agency_code: Option<String>,
    /// The session's CSRF token, sent back in every state-changing form.
    pub csrf: String,
}

/// One problem of a refused submission, located for the clerk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionError {
    /// File, row and column (CSV, Excel) or record and field (JSON).
    pub place: String,
    pub message: String,
    pub message_en: String,
}

/// One batch an agency sent, accepted or refused, for the clerks' upload page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionSummary {
    pub id: i64,
    pub received_at: String,
    /// `upload`, `api`, `cli` or `demo`.
    pub source: String,
    pub file_name: Option<String>,
    pub accepted: bool,
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub errors: Vec<SubmissionError>,
}
