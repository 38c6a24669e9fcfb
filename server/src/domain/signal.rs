//! A signal as the rules raise it and the data layer stores it (issue #20): a pattern across one agency's records,
//! with its evidence. The patterns themselves are `rules::signals`.

use super::records::RecordKind;
use super::Date;

/// The three patterns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SignalKind {
    /// `S-MASS-ROTATION`: many rotations of one agency within a few weeks.
    MassRotation,
    /// `S-ACTING-CHAIN`: one post kept under a chain of acting officials.
    ActingChain,
    /// `S-JOBFIT-REMOVAL`: a job fit followed by the participant's removal or demotion.
    JobfitRemoval,
}

impl SignalKind {
    pub const ALL: [SignalKind; 3] = [
        SignalKind::MassRotation,
        SignalKind::ActingChain,
        SignalKind::JobfitRemoval,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::MassRotation => "S-MASS-ROTATION",
            SignalKind::ActingChain => "S-ACTING-CHAIN",
            SignalKind::JobfitRemoval => "S-JOBFIT-REMOVAL",
        }
    }

    pub fn parse(text: &str) -> Option<SignalKind> {
        SignalKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One signal with its evidence. `key` identifies it across evaluations (rules.md: the agency and the first date;
/// the agency, the position and the first start; the rotation), so an analyst's "explained" mark stays on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signal {
    pub kind: SignalKind,
    pub agency_code: String,
    pub key: String,
    pub first_date: Date,
    pub last_date: Date,
    pub count: usize,
    pub records: Vec<(RecordKind, String)>,
    pub explanation: String,
    pub explanation_en: String,
}
