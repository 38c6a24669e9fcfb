//! A recommendation's follow-up (rules.md, "Recommendation follow-up"): where it stands as of a date, and the
//! agency's answer. The API lists recommendations by these states; the pages label them.

use serde::{Deserialize, Serialize};

use crate::codes;

codes! {
    /// As of a date: `pending` (not yet due), `overdue` (past due with no on-time answer accepted or awaiting a
    /// verdict), `answered` (an answer awaits the commissioner's verdict), `resolved` (an answer was accepted).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(rename_all = "lowercase")]
    pub enum RecommendationState {
        Pending = "pending",
        Overdue = "overdue",
        Answered = "answered",
        Resolved = "resolved",
    }
}

codes! {
    /// What the agency answered (`recommendation_response.action`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(rename_all = "lowercase")]
    pub enum ResponseAction {
        /// The agency did what was recommended (with its decision letter).
        Complied = "complied",
        /// The agency disputes the recommendation (with its reasons).
        Objection = "objection",
    }
}

/// One recommendation as `GET /api/v1/recommendations` lists it (interfaces.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationItem {
    pub violation_id: i64,
    pub agency_code: String,
    /// The rule of the violation the recommendation is about.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "R-ROT-POST-INAUG"))]
    pub rule_id: crate::RuleId,
    pub letter_number: String,
    /// YYYY-MM-DD
    pub letter_date: String,
    /// The letter date plus `recommendation.followup_days`; it never moves.
    pub due_on: String,
    pub state: RecommendationState,
    /// The answer that decides the state (awaiting a verdict, or accepted), if any.
    pub responded_on: Option<String>,
    /// Whether that answer came by the due date; `null` without one.
    pub on_time: Option<bool>,
}
