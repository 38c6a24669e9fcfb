//! The review pack: an agency's violations as a printable list.

use serde::{Deserialize, Serialize};

use super::*;

/// One violation in an agency's review pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackViolation {
    pub id: i64,
    pub rule_id: RuleId,
    pub severity: Severity,
    pub status: Status,
    pub event_date: String,
    pub message: String,
    pub message_en: String,
    /// The number of the recommendation letter issued on it, if one was (the pack links the letter).
    pub letter_number: Option<String>,
}

/// The printable review pack of an agency for commissioners: the scorecard, the violations the filters select,
/// and what the pack was made from (filters, the last evaluation's as-of date, when it was made).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewPack {
    pub card: Scorecard,
    /// The filters as given (empty: all).
    pub rule: String,
    pub status: String,
    pub made_at: String,
    /// The as-of date of the latest evaluation of the agency (or of all agencies), if any.
    pub evaluated_as_of: Option<String>,
    pub violations: Vec<PackViolation>,
    /// More violations matched than the pack lists.
    pub truncated: bool,
}
