//! The outbox's vocabulary (issue #18): which message a row is and where it stands. Stored as these codes, listed
//! by `pantau outbox` and on the administrators' `/kotak-keluar`.

use serde::{Deserialize, Serialize};

use crate::codes;

codes! {
    /// Which message: the letter when a recommendation is issued, the reminder before its due date, the notice
    /// the day after it, or a staff member's weekly digest.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum MailKind {
        Issued = "issued",
        Reminder = "reminder",
        Overdue = "overdue",
        Digest = "digest",
    }
}

codes! {
    /// Where a message is.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum MailState {
        /// Waiting for its (next) attempt.
        Queued = "queued",
        Sent = "sent",
        /// Given up after the last attempt; the outbox shows why.
        Failed = "failed",
    }
}
