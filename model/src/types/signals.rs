//! Signals (issue #20): patterns across records that no single rule catches. Not violations: evidence and an
//! explanation for analysts, never on public pages.

use serde::{Deserialize, Serialize};

/// One record a signal rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignalRecord {
    pub kind: String,
    pub id: String,
}

/// A signal as the API and the pages show it (interfaces.md, "Signals").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignalItem {
    /// 0 for one computed for an `as_of` date that is not stored.
    pub id: i64,
    /// `S-MASS-ROTATION`, `S-ACTING-CHAIN` or `S-JOBFIT-REMOVAL`.
    pub kind: String,
    pub agency_code: String,
    pub first_date: String,
    pub last_date: String,
    pub count: i64,
    pub records: Vec<SignalRecord>,
    pub explanation: String,
    pub explanation_en: String,
    /// An analyst looked at it and explained it (it leaves the open list).
    pub explained: bool,
    pub explained_note: Option<String>,
}

/// What the signals page and `GET /api/v1/signals` are narrowed by; empty: no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignalFilter {
    pub kind: String,
    pub agency: String,
    pub province: String,
    /// `1`: also the explained ones.
    pub explained: String,
}

/// The signals page: the signals matching the filter, and the counts of the open ones by kind and province.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalPage {
    pub signals: Vec<SignalItem>,
    pub truncated: bool,
    /// `(kind, province code, open signals)`.
    pub counts: Vec<(String, String, i64)>,
    /// Whether the reader may mark a signal explained.
    #[serde(default)]
    pub can_explain: bool,
}
