//! The columns of each CSV file kind and how each cell becomes a JSON value: the one table `docs/csv.md` is
//! checked against.

/// How a cell becomes a JSON value. Empty cells are left out (so a required field is reported missing), except
/// where a column says otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Text,
    /// `true`/`false` (also `ya`/`tidak`, `1`/`0`); empty is the field's default.
    Bool,
    Integer,
    Number,
    /// Empty is JSON `null` (e.g. `ends_on` of an assignment still running).
    NullableText,
    NullableInteger,
    /// NIPs separated by spaces, commas or semicolons.
    NipList,
}

/// The columns of each file kind, besides `agency_code` and `id` / `selection_id`. A dotted column belongs to an
/// object; an object whose columns are all empty is left out (or `null` for `to_position`).
pub const FILES: &[(&str, &[(&str, Cell)])] = &[
    (
        "regional_head_term",
        &[
            ("head_name", Cell::Text),
            ("inaugurated_on", Cell::Text),
            ("term_ends_on", Cell::Text),
            ("acting", Cell::Bool),
        ],
    ),
    (
        "election",
        &[
            ("name", Cell::Text),
            ("candidate_determination_on", Cell::Text),
            ("vote_on", Cell::Text),
        ],
    ),
    (
        "selection",
        &[
            ("position.title", Cell::Text),
            ("position.level", Cell::Text),
            ("announced_on", Cell::Text),
            ("registration_closes_on", Cell::Text),
            ("kasn_recommendation.number", Cell::Text),
            ("kasn_recommendation.issued_on", Cell::Text),
            ("appointment.nip", Cell::Text),
            ("appointment.inaugurated_on", Cell::Text),
        ],
    ),
    (
        "selection_committee",
        &[
            ("name", Cell::Text),
            ("origin", Cell::Text),
            ("role", Cell::Text),
        ],
    ),
    (
        "selection_candidates",
        &[
            ("nip", Cell::Text),
            ("name", Cell::Text),
            ("proposed_rank", Cell::NullableInteger),
        ],
    ),
    (
        "rotation",
        &[
            ("nip", Cell::Text),
            ("name", Cell::Text),
            ("from_position.title", Cell::Text),
            ("from_position.level", Cell::Text),
            ("held_since", Cell::Text),
            ("to_position.title", Cell::Text),
            ("to_position.level", Cell::Text),
            ("effective_on", Cell::Text),
            ("basis", Cell::Text),
            ("job_fit_id", Cell::Text),
            ("home_affairs_approval.number", Cell::Text),
            ("home_affairs_approval.issued_on", Cell::Text),
            ("presidential_approval.number", Cell::Text),
            ("presidential_approval.issued_on", Cell::Text),
        ],
    ),
    (
        "job_fit",
        &[
            ("held_on", Cell::Text),
            ("participants", Cell::NipList),
            ("kasn_recommendation.number", Cell::Text),
            ("kasn_recommendation.issued_on", Cell::Text),
        ],
    ),
    (
        "acting_assignment",
        &[
            ("nip", Cell::Text),
            ("name", Cell::Text),
            ("position.title", Cell::Text),
            ("position.level", Cell::Text),
            ("type", Cell::Text),
            ("starts_on", Cell::Text),
            ("ends_on", Cell::NullableText),
            ("extended", Cell::Bool),
        ],
    ),
    (
        "merit_assessment",
        &[
            ("year", Cell::Integer),
            ("stage", Cell::Text),
            ("total_score", Cell::Number),
            ("aspects.planning", Cell::Number),
            ("aspects.recruitment", Cell::Number),
            ("aspects.career_development", Cell::Number),
            ("aspects.promotion_mutation", Cell::Number),
            ("aspects.performance_management", Cell::Number),
            ("aspects.pay_reward_discipline", Cell::Number),
            ("aspects.protection_service", Cell::Number),
            ("aspects.information_system", Cell::Number),
        ],
    ),
    (
        "neutrality_followup",
        &[
            ("complaint_ref", Cell::Text),
            ("decided_on", Cell::Text),
            ("sanction", Cell::Text),
        ],
    ),
    (
        "neutrality_complaint",
        &[
            ("received_on", Cell::Text),
            ("channel", Cell::Text),
            ("accused.nip", Cell::Text),
            ("accused.name", Cell::Text),
            ("accused.position_level", Cell::Text),
            ("violation_type", Cell::Text),
            ("summary", Cell::Text),
            ("status", Cell::Text),
            ("recommendation.issued_on", Cell::Text),
            ("recommendation.sanction", Cell::Text),
            ("complainant.name", Cell::Text),
            ("complainant.contact", Cell::Text),
        ],
    ),
    (
        "recommendation_response",
        &[
            ("violation_id", Cell::Integer),
            ("responded_on", Cell::Text),
            ("action", Cell::Text),
            ("decision_letter.number", Cell::Text),
            ("decision_letter.issued_on", Cell::Text),
            ("note", Cell::Text),
        ],
    ),
];

/// Files whose rows belong to a selection rather than being records themselves.
pub(super) const CHILD_FILES: [(&str, &str); 2] = [
    ("selection_committee", "committee"),
    ("selection_candidates", "candidates"),
];

/// The kind a file holds, from its name: `<kind>.csv` or `<kind>-<anything>.csv`.
pub fn kind_of_file(name: &str) -> Option<&'static str> {
    let file = std::path::Path::new(name).file_stem()?.to_str()?;
    let stem = file.split('-').next().unwrap_or(file);
    FILES
        .iter()
        .map(|(kind, _)| *kind)
        .find(|kind| *kind == stem)
}

pub(super) fn columns_of(kind: &str) -> &'static [(&'static str, Cell)] {
    FILES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[], |(_, columns)| columns)
}
