//! The administrators' pages: the audit log and the users.

use serde::{Deserialize, Serialize};

use super::*;

/// What the audit log page can be narrowed by; empty is no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    pub actor: String,
    /// An action's prefix, e.g. `user.` or `violation.transition`.
    pub action: String,
    /// Part of the subject (`violation/12`, a user's name, a parameter key).
    pub subject: String,
    /// `YYYY-MM-DD`, inclusive.
    pub from: String,
    pub to: String,
    /// Keyset cursor: entries older than this id.
    pub before: String,
}

/// One audit log entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// The `before` of the next (older) page.
    pub next: Option<String>,
}

/// A user as the administrators' page lists them (never a hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub name: String,
    pub role: Role,
    pub agency_code: Option<String>,
    pub active: bool,
    pub has_password: bool,
    pub created_at: String,
    /// Where the person's mail goes (a clerk: their agency's recommendation letters and reminders).
    pub email: Option<String>,
}

/// One message of the outbox as the administrators' page lists it (the body stays in the database: it can name
/// an official, and the subject says what it is).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: i64,
    pub kind: crate::MailKind,
    /// The violation a recommendation message is about (a digest: none).
    pub violation_id: Option<i64>,
    pub recipient: String,
    pub recipient_user: String,
    pub subject: String,
    pub state: crate::MailState,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// The administrators' outbox page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxPage {
    /// Newest first, at most the page's limit.
    pub entries: Vec<OutboxEntry>,
    /// More matched than are listed.
    pub truncated: bool,
    /// Messages per state, every state listed.
    pub counts: Vec<(crate::MailState, i64)>,
    /// Whether the server answering has an SMTP server to send through (`PANTAU_SMTP_URL`); without one the
    /// messages wait here.
    pub sending: bool,
}
