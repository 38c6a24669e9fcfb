//! Neutrality cases as the staff see them.

use serde::{Deserialize, Serialize};

use super::*;
use crate::ComplaintStatus;

/// What the staff's case list (`/pengaduan`) can be narrowed by; empty is no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseListFilter {
    pub status: String,
    pub agency: String,
    pub election: String,
    /// `1`: only the cases the reader handles.
    pub mine: String,
}

impl CaseListFilter {
    /// The filter as a URL query (its non-empty fields), for links that keep it.
    pub fn query(&self) -> String {
        [
            ("status", &self.status),
            ("agency", &self.agency),
            ("election", &self.election),
            ("mine", &self.mine),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::encode_uri_component(v)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// A complaint filed through the form, as the staff's case list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub reference: String,
    pub agency_code: String,
    pub agency_name: String,
    pub election: String,
    pub position_level: String,
    pub received_on: String,
    pub status: ComplaintStatus,
    pub recommended_on: Option<String>,
    /// The PPK's deadline (`R-NEU-NO-FOLLOWUP`), once a recommendation was issued.
    pub deadline: Option<String>,
    pub decided_on: Option<String>,
    /// The deadline passed without a decision by it.
    pub overdue: bool,
}

/// The case list: the newest cases matching the filter (at most `limit`) and the statistics of all complaints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseList {
    pub cases: Vec<CaseSummary>,
    pub limit: i64,
    /// More cases matched than the list shows.
    pub more: bool,
    pub stats: crate::public::ComplaintStats<i64>,
}

/// What a reader sees of the complainant: only a case's handlers may see the identity, and only on asking
/// (each showing is audited).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Identity {
    /// Filed anonymously: there is nothing to show.
    Anonymous,
    /// The reader does not handle the case: "(dirahasiakan)".
    Hidden,
    /// The reader handles the case and may ask to see it.
    Available,
    Shown {
        name: Option<String>,
        contact: Option<String>,
    },
}

/// A PPK's decision sent by the agency as a `neutrality_followup` record naming the case's reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDecision {
    pub record_id: String,
    pub decided_on: String,
    pub sanction: String,
}

/// One case for staff (`/pengaduan/:reference`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub accused_name: Option<String>,
    pub happened_on: Option<String>,
    /// What happened, in the complainant's words.
    pub account: String,
    pub evidence: Vec<String>,
    pub violation_type: Option<String>,
    pub dismissed_reason: Option<String>,
    pub recommended_sanction: Option<String>,
    pub letter_number: Option<String>,
    pub decided_sanction: Option<String>,
    pub agency_decisions: Vec<AgencyDecision>,
    pub handlers: Vec<String>,
    pub identity: Identity,
    /// The steps the reader may take now (`complaints::workflow::Action` names).
    pub actions: Vec<String>,
    /// Who may be named a handler (active analysts and commissioners not yet handling it).
    pub assignable: Vec<String>,
    /// The case's audit entries, oldest first.
    pub history: Vec<AuditEntry>,
}
