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
