//! Where a neutrality complaint stands (rules.md): `received → verifying → proven | dismissed`. The same values
//! in a batch's `neutrality_complaint` records, in the staff's case register and on the public pages.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ComplaintStatus {
    Received,
    Verifying,
    Dismissed,
    Proven,
}

impl ComplaintStatus {
    /// In the order the pages and the downloads show them.
    pub const ALL: [ComplaintStatus; 4] = [
        ComplaintStatus::Received,
        ComplaintStatus::Verifying,
        ComplaintStatus::Proven,
        ComplaintStatus::Dismissed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintStatus::Received => "received",
            ComplaintStatus::Verifying => "verifying",
            ComplaintStatus::Dismissed => "dismissed",
            ComplaintStatus::Proven => "proven",
        }
    }

    pub fn parse(text: &str) -> Option<ComplaintStatus> {
        ComplaintStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
    }

    /// The allowed values, for a batch's error messages.
    pub fn expected() -> String {
        "received, verifying, dismissed, proven".to_string()
    }
}
