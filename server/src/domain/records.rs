//! A validated report batch: the `pantau.report.v1` records as typed values.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::merit::Score;
use crate::domain::nip::Nip;
use crate::domain::Date;

pub const SCHEMA_V1: &str = "pantau.report.v1";

/// Declares a string-valued enum of the report format with its wire names, in one place (`model::codes!`, with
/// the derives every one of them has).
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        model::codes! {
            $(#[$meta])*
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
            pub enum $name { $($variant = $text),+ }
        }
    };
}

wire_enum!(RecordKind {
    RegionalHeadTerm = "regional_head_term",
    Election = "election",
    Selection = "selection",
    Rotation = "rotation",
    JobFit = "job_fit",
    ActingAssignment = "acting_assignment",
    MeritAssessment = "merit_assessment",
    NeutralityFollowup = "neutrality_followup",
    NeutralityComplaint = "neutrality_complaint",
    RecommendationResponse = "recommendation_response",
});
wire_enum!(
    /// JPT pratama / madya / utama.
    Level { Pratama = "pratama", Madya = "madya", Utama = "utama" }
);
wire_enum!(Origin { Internal = "internal", External = "external" });
wire_enum!(CommitteeRole { Chair = "chair", Secretary = "secretary", Member = "member" });
wire_enum!(RotationBasis {
    JobFit = "job_fit",
    OpenSelection = "open_selection",
    Restructuring = "restructuring",
    Misconduct = "misconduct",
    RequirementsUnmet = "requirements_unmet",
    Request = "request",
    Other = "other",
});
wire_enum!(ActingType { Plt = "plt", Plh = "plh" });
wire_enum!(Stage { SelfAssessment = "self", Verified = "verified" });
wire_enum!(Sanction {
    MoralStatement = "moral_statement",
    Moderate = "moderate",
    Heavy = "heavy",
    Dismissal = "dismissal",
    None = "none",
});
wire_enum!(Channel { PublicForm = "public_form", Bawaslu = "bawaslu", Sp4nLapor = "sp4n_lapor", Other = "other" });
wire_enum!(PositionLevel {
    Jpt = "jpt",
    Administrator = "administrator",
    Supervisor = "supervisor",
    Functional = "functional",
    Executor = "executor",
    Other = "other",
});
wire_enum!(ViolationType {
    CodeOfEthics = "code_of_ethics",
    DisciplineModerate = "discipline_moderate",
    DisciplineHeavy = "discipline_heavy",
    PartyMembership = "party_membership",
});
/// Shared with the pages (the case list, the public statistics).
pub use model::ComplaintStatus;

impl RecordKind {
    /// Kinds that only an autonomous province, regency or city can report (no election or regional head
    /// elsewhere).
    pub fn regional_only(self) -> bool {
        matches!(self, RecordKind::RegionalHeadTerm | RecordKind::Election)
    }
}

/// The eight aspects of the Merit System Index, in the order of the published guidelines.
pub const MERIT_ASPECTS: [&str; 8] = [
    "planning",
    "recruitment",
    "career_development",
    "promotion_mutation",
    "performance_management",
    "pay_reward_discipline",
    "protection_service",
    "information_system",
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub title: String,
    pub level: Level,
}

/// An official letter (a recommendation or an approval).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Letter {
    pub number: String,
    pub issued_on: Date,
}

impl Letter {
    /// A letter counts for an event only if issued on or before the event's date (rules.md).
    pub fn counts_for(&self, event: Date) -> bool {
        self.issued_on <= event
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionalHeadTerm {
    pub head_name: String,
    pub inaugurated_on: Date,
    pub term_ends_on: Date,
    pub acting: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Election {
    pub name: String,
    pub candidate_determination_on: Date,
    pub vote_on: Date,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommitteeMember {
    pub name: String,
    pub origin: Origin,
    pub role: CommitteeRole,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub nip: Nip,
    pub name: String,
    pub proposed_rank: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Appointment {
    pub nip: Nip,
    pub inaugurated_on: Date,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Selection {
    pub position: Position,
    pub announced_on: Date,
    pub registration_closes_on: Date,
    pub committee: Vec<CommitteeMember>,
    pub candidates: Vec<Candidate>,
    pub kasn_recommendation: Option<Letter>,
    pub appointment: Option<Appointment>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rotation {
    pub nip: Nip,
    pub name: String,
    pub from_position: Position,
    pub held_since: Date,
    pub to_position: Option<Position>,
    pub effective_on: Date,
    pub basis: RotationBasis,
    pub job_fit_id: Option<String>,
    pub home_affairs_approval: Option<Letter>,
    pub presidential_approval: Option<Letter>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobFit {
    pub held_on: Date,
    pub participants: Vec<Nip>,
    pub kasn_recommendation: Option<Letter>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActingAssignment {
    pub nip: Nip,
    pub name: String,
    pub position: Position,
    pub acting_type: ActingType,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub extended: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeritAssessment {
    pub year: i32,
    pub stage: Stage,
    pub total_score: Score,
    /// The eight aspects, in [`MERIT_ASPECTS`] order, when the report gives them (all eight or none: a partial
    /// breakdown would read as zeros).
    pub aspects: Option<[f64; 8]>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeutralityFollowup {
    pub complaint_ref: String,
    pub decided_on: Date,
    pub sanction: Sanction,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Accused {
    pub nip: Nip,
    pub name: String,
    pub position_level: PositionLevel,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub issued_on: Date,
    pub sanction: Sanction,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Complainant {
    pub name: String,
    pub contact: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeutralityComplaint {
    pub received_on: Date,
    pub channel: Channel,
    pub accused: Accused,
    pub violation_type: ViolationType,
    pub summary: String,
    pub status: ComplaintStatus,
    pub recommendation: Option<Recommendation>,
    pub complainant: Option<Complainant>,
}

/// The agency's answer to a recommendation on one of its violations (reports.md, added December 2026).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecommendationResponse {
    /// The violation's id in this system.
    pub violation_id: i64,
    pub responded_on: Date,
    pub action: model::ResponseAction,
    /// Required with `complied`.
    pub decision_letter: Option<Letter>,
    /// Required with `objection`.
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RecordBody {
    RegionalHeadTerm(RegionalHeadTerm),
    Election(Election),
    Selection(Selection),
    Rotation(Rotation),
    JobFit(JobFit),
    ActingAssignment(ActingAssignment),
    MeritAssessment(MeritAssessment),
    NeutralityFollowup(NeutralityFollowup),
    NeutralityComplaint(NeutralityComplaint),
    // Last: the compact encoding (postcard) numbers the variants, so a new one goes at the end.
    RecommendationResponse(RecommendationResponse),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub kind: RecordKind,
    /// The agency's own reference: `(agency_code, kind, id)` names the record for ever.
    pub id: String,
    pub body: RecordBody,
    /// The record exactly as sent, kept as its revision and compared for idempotency.
    pub content: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    pub agency_code: String,
    pub records: Vec<Record>,
}

/// The JSON text of `value` with object keys sorted at every level: two sends of the same record compare equal
/// whatever the key order, which is what idempotency needs. Written straight from `value` (keys sorted per
/// object as they are written): a sorted copy of the tree, then printed, was an eighth of the import's main thread
/// at `--scale 10` (issue #21). The text is the compact form `Value::to_string` gives a sorted tree.
pub fn canonical_json(value: &Value) -> String {
    struct Sorted<'a>(&'a Value);
    impl serde::Serialize for Sorted<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::{SerializeMap, SerializeSeq};
            match self.0 {
                Value::Object(map) => {
                    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                    // serde_json's map is already sorted unless its `preserve_order` feature is on.
                    if !entries.is_sorted_by_key(|(k, _)| *k) {
                        entries.sort_unstable_by_key(|(k, _)| *k);
                    }
                    let mut out = serializer.serialize_map(Some(entries.len()))?;
                    for (k, v) in entries {
                        out.serialize_entry(k, &Sorted(v))?;
                    }
                    out.end()
                }
                Value::Array(items) => {
                    let mut out = serializer.serialize_seq(Some(items.len()))?;
                    for item in items {
                        out.serialize_element(&Sorted(item))?;
                    }
                    out.end()
                }
                other => other.serialize(serializer),
            }
        }
    }
    serde_json::to_string(&Sorted(value)).unwrap_or_else(|_| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_letter_counts_on_and_after_its_issue_day() {
        let letter = Letter {
            number: "B-1/KASN/2024".into(),
            issued_on: Date::parse("2024-03-01").expect("date"),
        };
        let day = |d: &str| Date::parse(d).expect("date");
        assert!(
            !letter.counts_for(day("2024-02-29")),
            "an event the day before the letter"
        );
        assert!(
            letter.counts_for(day("2024-03-01")),
            "an event on the issue day"
        );
        assert!(
            letter.counts_for(day("2024-03-02")),
            "an event the day after"
        );
    }

    #[test]
    fn canonical_json_ignores_key_order_but_not_values() {
        let a = json!({"b": 1, "a": {"y": [1, {"d": 2, "c": 3}], "x": null}});
        let b = json!({"a": {"x": null, "y": [1, {"c": 3, "d": 2}]}, "b": 1});
        assert_eq!(canonical_json(&a), canonical_json(&b));
        assert!(canonical_json(&a).starts_with("{\"a\":{\"x\":null"));
        assert_ne!(
            canonical_json(&a),
            canonical_json(&json!({"b": 2, "a": {"y": [1, {"d": 2, "c": 3}], "x": null}}))
        );
        assert_ne!(
            canonical_json(&json!([1, 2])),
            canonical_json(&json!([2, 1])),
            "array order is content"
        );
    }

    #[test]
    fn canonical_json_is_the_text_earlier_versions_stored() {
        // Stored records are compared by this text (idempotency): it must stay byte for byte what printing a
        // sorted tree gave, escapes and numbers included (serde_json's own map is sorted).
        let value = json!({"z": "\u{e9}\"\n/<", "a": [1.5, -0.0, 1e300, 18446744073709551615u64, {"b": true, "a": null}],
                           "m": {"é": 1, "e": "tab\t"}});
        assert_eq!(canonical_json(&value), value.to_string());
        assert!(canonical_json(&value).starts_with("{\"a\":[1.5,"));
    }
}
