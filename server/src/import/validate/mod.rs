//! Validation of a report batch (reports.md). Every problem of a batch is collected — not only the first — each
//! with the record's index and id, the field as a JSON pointer and a message in Indonesian and English that a
//! clerk can act on. A batch with any problem is refused whole.

use std::collections::HashSet;

use model::types::Agency;
use serde_json::{Map, Value};

use crate::domain::merit::{Score, ScoreError};
use crate::domain::nip::Nip;
use crate::domain::records::*;
use crate::domain::Date;

use crate::domain::field_error::Errors;
pub use crate::domain::field_error::{cap_errors, total_errors, FieldError, MAX_ERRORS};

/// The checks of single values (strings, dates, NIPs, choices, lists): how each problem is worded.
mod fields;
/// One check per record kind, built from the `fields` checks.
mod kinds;

/// The dates a report may contain, both inclusive (parameters `input.earliest_date` and `input.max_years_ahead`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateBounds {
    pub earliest: Date,
    pub latest: Date,
    /// The last day of the batch's agency when it was retired (issue #19): a record dated after it is refused.
    pub retired_on: Option<Date>,
}

impl DateBounds {
    /// The default parameters' bounds for a report received on `today`.
    pub fn for_today(today: Date) -> DateBounds {
        let (earliest, latest) = crate::rules::params::Params::default().date_bounds(today);
        DateBounds {
            earliest,
            latest,
            retired_on: None,
        }
    }

    /// No bounds: for reading back what was stored.
    const NONE: DateBounds = DateBounds {
        earliest: Date::MIN,
        latest: Date::MAX,
        retired_on: None,
    };
}

/// Checks `document` as a `pantau.report.v1` batch. `agency_of` looks a code up in the registry; `today` bounds
/// the merit assessment year and, with the default parameters, every date. Credentials (whose batch, which
/// stage) are checked by the caller.
pub fn validate_batch(
    document: &Value,
    agency_of: impl Fn(&str) -> Option<Agency>,
    today: Date,
) -> Result<Batch, Vec<FieldError>> {
    validate_batch_within(document, agency_of, today, DateBounds::for_today(today))
}

/// [`validate_batch`] with the date bounds of the parameters in force.
pub fn validate_batch_within(
    document: &Value,
    agency_of: impl Fn(&str) -> Option<Agency>,
    today: Date,
    bounds: DateBounds,
) -> Result<Batch, Vec<FieldError>> {
    let mut errors = Errors::default();
    let mut batch_check = Checker {
        errors: &mut errors,
        index: None,
        id: None,
        bounds,
        fresh: true,
    };
    let Some(top) = batch_check.object(document, "") else {
        return Err(errors.into_list());
    };
    batch_check.unknown_fields(top, "", &["schema", "agency_code", "records"]);
    match top.get("schema") {
        Some(Value::String(s)) if s == SCHEMA_V1 => {}
        _ => batch_check.fail(
            "/schema",
            format!("harus \"{SCHEMA_V1}\""),
            format!("must be \"{SCHEMA_V1}\""),
        ),
    }
    let agency = batch_check.string(top, "agency_code", "").and_then(|code| {
        let agency = agency_of(&code);
        if agency.is_none() {
            batch_check.fail(
                "/agency_code",
                format!("kode instansi {code:?} tidak ada dalam registri"),
                format!("agency code {code:?} is not in the registry"),
            );
        }
        agency
    });
    let records = match top.get("records") {
        Some(Value::Array(records)) if !records.is_empty() => records.as_slice(),
        Some(Value::Array(_)) => {
            batch_check.fail(
                "/records",
                "tidak boleh kosong".into(),
                "must not be empty".into(),
            );
            &[]
        }
        _ => {
            batch_check.fail(
                "/records",
                "wajib diisi: daftar rekaman".into(),
                "required: an array of records".into(),
            );
            &[]
        }
    };

    let mut seen = HashSet::new();
    let mut typed = Vec::with_capacity(records.len());
    for (index, value) in records.iter().enumerate() {
        let pointer = format!("/records/{index}");
        let id = value.get("id").and_then(Value::as_str).map(str::to_string);
        let mut check = Checker {
            errors: &mut errors,
            index: Some(index),
            id: id.clone(),
            bounds,
            fresh: true,
        };
        if let Some(record) = check.record(value, &pointer, agency.as_ref(), today) {
            if !seen.insert((record.kind, record.id.clone())) {
                check.fail(
                    &format!("{pointer}/id"),
                    format!(
                        "id {:?} untuk jenis {} sudah dipakai rekaman lain dalam batch ini",
                        record.id,
                        record.kind.as_str()
                    ),
                    format!(
                        "id {:?} of kind {} is used by another record of this batch",
                        record.id,
                        record.kind.as_str()
                    ),
                );
            }
            typed.push(record);
        }
    }
    if errors.is_empty() {
        Ok(Batch {
            agency_code: agency.map(|a| a.code).unwrap_or_default(),
            records: typed,
        })
    } else {
        Err(errors.into_list())
    }
}

/// Reads back a record that was stored after validation (its canonical JSON), with the same parser as a new
/// batch, so that the rules see exactly what the validator accepted. An error here means the stored data no
/// longer fits the schema (a bug or a hand edit), never a clerk's mistake.
pub fn decode_stored(value: &Value, agency: &Agency) -> Result<Record, Vec<FieldError>> {
    let mut errors = Errors::default();
    let mut check = Checker {
        errors: &mut errors,
        index: None,
        id: value.get("id").and_then(Value::as_str).map(str::to_string),
        bounds: DateBounds::NONE,
        fresh: false,
    };
    // Stored assessments were checked against the year they arrived in; no upper bound applies on reading.
    let record = check.record(value, "", Some(agency), Date::MAX);
    match record {
        Some(record) if errors.is_empty() => Ok(record),
        _ => Err(errors.into_list()),
    }
}

/// Whether `id` is 1–64 characters of `A-Z a-z 0-9 . _ / -`.
pub fn is_valid_record_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._/-".contains(&b))
}

/// Collects the errors of one record (or of the batch header).
struct Checker<'e> {
    errors: &'e mut Errors,
    index: Option<usize>,
    id: Option<String>,
    bounds: DateBounds,
    /// Whether the input is new (checked strictly) or stored (read back as it was accepted then).
    fresh: bool,
}

/// Control characters (NUL, escape, …) are never part of a name, a title or an account; tab and line breaks
/// are allowed, as a clerk may paste a multi-line account.
fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

fn join(pointer: &str, key: &str) -> String {
    format!("{pointer}/{key}")
}

impl Checker<'_> {
    pub(super) fn record(
        &mut self,
        value: &Value,
        pointer: &str,
        agency: Option<&Agency>,
        today: Date,
    ) -> Option<Record> {
        let object = self.object(value, pointer)?;
        let kind = self.choice(
            object,
            "kind",
            pointer,
            RecordKind::parse,
            RecordKind::expected,
        );
        let id = self.string(object, "id", pointer);
        if let Some(id) = &id {
            if !is_valid_record_id(id) {
                self.fail(
                    &join(pointer, "id"),
                    "id harus 1–64 karakter dari A-Z a-z 0-9 . _ / -".into(),
                    "an id is 1–64 characters of A-Z a-z 0-9 . _ / -".into(),
                );
            }
        }
        let kind = kind?;
        if let Some(agency) = agency {
            if kind.regional_only() && !(agency.kind.is_regional() && agency.autonomous) {
                self.fail(
                    &join(pointer, "kind"),
                    format!(
                        "{} hanya untuk provinsi, kabupaten, atau kota otonom; {} bukan",
                        kind.as_str(),
                        agency.name
                    ),
                    format!(
                        "{} is for autonomous provinces, regencies and cities only; {} is not one",
                        kind.as_str(),
                        agency.name
                    ),
                );
            }
        }
        let fields: &[&str] = match kind {
            RecordKind::RegionalHeadTerm => {
                &["head_name", "inaugurated_on", "term_ends_on", "acting"]
            }
            RecordKind::Election => &["name", "candidate_determination_on", "vote_on"],
            RecordKind::Selection => &[
                "position",
                "announced_on",
                "registration_closes_on",
                "committee",
                "candidates",
                "kasn_recommendation",
                "appointment",
            ],
            RecordKind::Rotation => &[
                "nip",
                "name",
                "from_position",
                "held_since",
                "to_position",
                "effective_on",
                "basis",
                "job_fit_id",
                "home_affairs_approval",
                "presidential_approval",
            ],
            RecordKind::JobFit => &["held_on", "participants", "kasn_recommendation"],
            RecordKind::ActingAssignment => &[
                "nip",
                "name",
                "position",
                "type",
                "starts_on",
                "ends_on",
                "extended",
            ],
            RecordKind::MeritAssessment => &["year", "stage", "total_score", "aspects"],
            RecordKind::NeutralityFollowup => &["complaint_ref", "decided_on", "sanction"],
            RecordKind::NeutralityComplaint => &[
                "received_on",
                "channel",
                "accused",
                "violation_type",
                "summary",
                "status",
                "recommendation",
                "complainant",
            ],
            RecordKind::RecommendationResponse => &[
                "violation_id",
                "responded_on",
                "action",
                "decision_letter",
                "note",
            ],
        };
        let allowed: Vec<&str> = ["kind", "id"].iter().chain(fields).copied().collect();
        self.unknown_fields(object, pointer, &allowed);
        let body = match kind {
            RecordKind::RegionalHeadTerm => self
                .regional_head_term(object, pointer)
                .map(RecordBody::RegionalHeadTerm),
            RecordKind::Election => self.election(object, pointer).map(RecordBody::Election),
            RecordKind::Selection => self.selection(object, pointer).map(RecordBody::Selection),
            RecordKind::Rotation => self.rotation(object, pointer).map(RecordBody::Rotation),
            RecordKind::JobFit => self.job_fit(object, pointer).map(RecordBody::JobFit),
            RecordKind::ActingAssignment => self
                .acting(object, pointer)
                .map(RecordBody::ActingAssignment),
            RecordKind::MeritAssessment => self
                .merit(object, pointer, today)
                .map(RecordBody::MeritAssessment),
            RecordKind::NeutralityFollowup => self
                .followup(object, pointer)
                .map(RecordBody::NeutralityFollowup),
            RecordKind::NeutralityComplaint => self
                .complaint(object, pointer)
                .map(RecordBody::NeutralityComplaint),
            RecordKind::RecommendationResponse => self
                .recommendation_response(object, pointer, today)
                .map(RecordBody::RecommendationResponse),
        };
        Some(Record {
            kind,
            id: id.filter(|id| is_valid_record_id(id))?,
            body: body?,
            content: value.clone(),
        })
    }
}
