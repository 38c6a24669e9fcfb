//! A violation as the rules raise it and the data layer stores it, and a step a person asks to take on one.
//! The rules that raise them are `rules`; who may take which step is `rules::lifecycle`.

use model::{RuleId, Status};

use super::records::RecordKind;
use super::Date;

/// What identifies a violation for ever: re-evaluating finds the same one again, a corrected record clears it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ViolationKey {
    pub rule: RuleId,
    pub agency_code: String,
    pub record_kind: RecordKind,
    pub record_id: String,
    /// The NIP of the official or candidate concerned; empty for a rule about the record as a whole.
    pub subject: String,
}

/// One flag raised by a rule, with everything needed to explain it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub key: ViolationKey,
    pub event_date: Date,
    /// In Indonesian, citing the numbers used.
    pub message: String,
    pub message_en: String,
    /// The parameter values it was judged with.
    pub params: Vec<(&'static str, String)>,
    /// The day from which each of those values was in force, for the values that came from a dated change (the
    /// others were in force from the beginning).
    pub params_since: Vec<(&'static str, Date)>,
}

impl Violation {
    pub fn rule(&self) -> RuleId {
        self.key.rule
    }
    pub fn subject_nip(&self) -> Option<&str> {
        Some(self.key.subject.as_str()).filter(|s| !s.is_empty())
    }
}

/// What a person asks for, with what the step needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub to: Status,
    /// Required to dismiss.
    pub reason: Option<String>,
    /// The recommendation letter, required to issue one.
    pub letter_number: Option<String>,
    pub letter_date: Option<Date>,
}
