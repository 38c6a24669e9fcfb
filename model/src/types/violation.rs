//! One violation with its history and the record's revisions.

use serde::{Deserialize, Serialize};

use super::*;

/// One step of a violation's history, as the detail page and the API list it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ViolationStep {
    pub at: String,
    pub actor: String,
    /// `flagged`, `changed`, `reflagged`, `cleared` (by the rules) or `transition` (by a person).
    pub event: String,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    pub reason: Option<String>,
    pub letter_number: Option<String>,
    pub letter_date: Option<String>,
    /// The as-of date of the evaluation behind a step taken by the rules.
    pub as_of: Option<String>,
}

/// One revision of the record a violation concerns, exactly as the agency sent it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRevision {
    pub revision: i64,
    pub received_at: String,
    /// The record's JSON, pretty-printed.
    pub content: String,
}

/// Everything the violation's detail page shows to staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationDetail {
    pub id: i64,
    pub rule_id: RuleId,
    pub severity: Severity,
    pub status: Status,
    pub agency_code: String,
    pub agency_name: String,
    pub record_kind: String,
    pub record_id: String,
    pub subject_nip: Option<String>,
    pub event_date: String,
    pub legal_basis: String,
    pub message: String,
    pub message_en: String,
    /// The parameter values it was judged with, `(key, value)`.
    pub params: Vec<(String, String)>,
    /// `(key, YYYY-MM-DD)`: since when each value that came from a dated change was in force (issue #19).
    pub params_since: Vec<(String, String)>,
    pub active: bool,
    pub flagged_as_of: String,
    pub cleared_as_of: Option<String>,
    pub history: Vec<ViolationStep>,
    pub revisions: Vec<RecordRevision>,
    /// The statuses the viewer may move it to now (by role and workflow).
    pub actions: Vec<Status>,
    /// The recommendation's deadline, the agency's answers and the verdicts, once one was issued.
    pub follow_up: Option<crate::recommendation::FollowUpView>,
}
