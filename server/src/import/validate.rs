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

/// The dates a report may contain, both inclusive (parameters `input.earliest_date` and `input.max_years_ahead`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateBounds {
    pub earliest: Date,
    pub latest: Date,
}

impl DateBounds {
    /// The default parameters' bounds for a report received on `today`.
    pub fn for_today(today: Date) -> DateBounds {
        let (earliest, latest) = crate::rules::params::Params::default().date_bounds(today);
        DateBounds { earliest, latest }
    }

    /// No bounds: for reading back what was stored.
    const NONE: DateBounds = DateBounds {
        earliest: Date::MIN,
        latest: Date::MAX,
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
    fn fail(&mut self, pointer: &str, message: String, message_en: String) {
        if self.errors.list.len() >= MAX_ERRORS {
            self.errors.omitted += 1;
            return;
        }
        self.errors.list.push(FieldError {
            index: self.index,
            id: self.id.clone(),
            pointer: pointer.to_string(),
            message,
            message_en,
            location: None,
            omitted: None,
        });
    }

    fn object<'v>(&mut self, value: &'v Value, pointer: &str) -> Option<&'v Map<String, Value>> {
        let object = value.as_object();
        if object.is_none() {
            self.fail(
                pointer,
                "harus berupa objek JSON".into(),
                "must be a JSON object".into(),
            );
        }
        object
    }

    /// Unknown fields are errors: they are usually typos of real ones.
    fn unknown_fields(&mut self, object: &Map<String, Value>, pointer: &str, allowed: &[&str]) {
        for key in object.keys().filter(|k| !allowed.contains(&k.as_str())) {
            self.fail(
                &join(pointer, key),
                format!(
                    "kolom tidak dikenal; yang diperbolehkan: {}",
                    allowed.join(", ")
                ),
                format!("unknown field; allowed: {}", allowed.join(", ")),
            );
        }
    }

    fn missing(&mut self, pointer: &str) {
        self.fail(pointer, "wajib diisi".into(), "required".into());
    }

    /// A required field (present and not null), read by `read` with its pointer.
    fn required<T>(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
        read: impl FnOnce(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<T> {
        let at = join(pointer, key);
        match object.get(key) {
            None | Some(Value::Null) => {
                self.missing(&at);
                None
            }
            Some(value) => read(self, value, &at),
        }
    }

    /// A required, non-empty string.
    fn string(&mut self, object: &Map<String, Value>, key: &str, pointer: &str) -> Option<String> {
        let at = join(pointer, key);
        match object.get(key) {
            None | Some(Value::Null) => {
                self.missing(&at);
                None
            }
            Some(Value::String(s)) if self.fresh && has_control(s) => {
                self.fail(
                    &at,
                    "berisi karakter kendali (mis. NUL) yang tidak boleh ada dalam teks".into(),
                    "contains a control character (e.g. NUL), which text may not hold".into(),
                );
                None
            }
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::String(_)) => {
                self.fail(&at, "tidak boleh kosong".into(), "must not be empty".into());
                None
            }
            Some(_) => {
                self.fail(&at, "harus berupa teks".into(), "must be a string".into());
                None
            }
        }
    }

    /// `Some(None)` when absent or null, `None` when present but wrong.
    fn optional<'v>(
        &mut self,
        object: &'v Map<String, Value>,
        key: &str,
    ) -> Option<Option<&'v Value>> {
        match object.get(key) {
            None | Some(Value::Null) => Some(None),
            Some(value) => Some(Some(value)),
        }
    }

    fn date_value(&mut self, value: &Value, at: &str) -> Option<Date> {
        match value.as_str().map(Date::parse) {
            Some(Ok(date)) if date < self.bounds.earliest || date > self.bounds.latest => {
                let (from, to) = (self.bounds.earliest, self.bounds.latest);
                self.fail(
                    at,
                    format!("{date} di luar rentang yang masuk akal ({from} s.d. {to})"),
                    format!("{date} is outside the plausible range ({from} to {to})"),
                );
                None
            }
            Some(Ok(date)) => Some(date),
            Some(Err(crate::domain::date::DateError::Impossible(text))) => {
                self.fail(
                    at,
                    format!("{text} bukan tanggal yang ada"),
                    format!("{text} is not a calendar date"),
                );
                None
            }
            _ => {
                self.fail(
                    at,
                    "harus tanggal berformat YYYY-MM-DD".into(),
                    "must be a date as YYYY-MM-DD".into(),
                );
                None
            }
        }
    }

    fn date(&mut self, object: &Map<String, Value>, key: &str, pointer: &str) -> Option<Date> {
        self.required(object, key, pointer, Self::date_value)
    }

    fn optional_date(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Option<Option<Date>> {
        match self.optional(object, key)? {
            None => Some(None),
            Some(value) => self.date_value(value, &join(pointer, key)).map(Some),
        }
    }

    fn boolean(&mut self, object: &Map<String, Value>, key: &str, pointer: &str) -> Option<bool> {
        match object.get(key) {
            None | Some(Value::Null) => Some(false),
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                self.fail(
                    &join(pointer, key),
                    "harus true atau false".into(),
                    "must be true or false".into(),
                );
                None
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Option<T> {
        let text = self.string(object, key, pointer)?;
        let parsed = parse(&text);
        if parsed.is_none() {
            self.fail(
                &join(pointer, key),
                format!(
                    "nilai {text:?} tidak dikenal; pilih salah satu: {}",
                    expected()
                ),
                format!("unknown value {text:?}; expected one of: {}", expected()),
            );
        }
        parsed
    }

    fn nip_value(&mut self, value: &Value, at: &str) -> Option<Nip> {
        let Some(text) = value.as_str() else {
            self.fail(
                at,
                "NIP harus berupa teks 18 digit".into(),
                "a NIP must be a string of 18 digits".into(),
            );
            return None;
        };
        match Nip::parse(text) {
            Ok(nip) => Some(nip),
            Err(err) => {
                self.fail(at, err.message_id(), err.to_string());
                None
            }
        }
    }

    fn nip(&mut self, object: &Map<String, Value>, key: &str, pointer: &str) -> Option<Nip> {
        self.required(object, key, pointer, Self::nip_value)
    }

    fn position_value(&mut self, value: &Value, at: &str) -> Option<Position> {
        let object = self.object(value, at)?;
        self.unknown_fields(object, at, &["title", "level"]);
        let title = self.string(object, "title", at);
        let level = self.choice(object, "level", at, Level::parse, Level::expected);
        Some(Position {
            title: title?,
            level: level?,
        })
    }

    fn position(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Option<Position> {
        self.required(object, key, pointer, Self::position_value)
    }

    fn letter(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
    ) -> Option<Option<Letter>> {
        let Some(value) = self.optional(object, key)? else {
            return Some(None);
        };
        let at = join(pointer, key);
        let letter = self.object(value, &at)?;
        self.unknown_fields(letter, &at, &["number", "issued_on"]);
        let number = self.string(letter, "number", &at);
        let issued_on = self.date(letter, "issued_on", &at);
        Some(Some(Letter {
            number: number?,
            issued_on: issued_on?,
        }))
    }

    /// A non-empty array, each element checked by `each` (which gets the element and its pointer).
    fn list<T>(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        pointer: &str,
        at_least_one: bool,
        mut each: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let at = join(pointer, key);
        let items = match object.get(key) {
            Some(Value::Array(items)) => items,
            None | Some(Value::Null) if !at_least_one => return Some(Vec::new()),
            None | Some(Value::Null) => {
                self.missing(&at);
                return None;
            }
            Some(_) => {
                self.fail(
                    &at,
                    "harus berupa daftar (array)".into(),
                    "must be an array".into(),
                );
                return None;
            }
        };
        if at_least_one && items.is_empty() {
            self.fail(
                &at,
                "minimal satu isian".into(),
                "needs at least one entry".into(),
            );
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        let mut all_valid = true;
        for (i, item) in items.iter().enumerate() {
            match each(self, item, &join(&at, &i.to_string())) {
                Some(value) => out.push(value),
                None => all_valid = false,
            }
        }
        all_valid.then_some(out)
    }

    /// `later` must not be before `earlier`; `strictly` also refuses the same day.
    fn order(
        &mut self,
        earlier: Option<Date>,
        later: Option<Date>,
        at: &str,
        earlier_name: &str,
        strictly: bool,
    ) {
        if let (Some(earlier), Some(later)) = (earlier, later) {
            if later < earlier || (strictly && later == earlier) {
                let (id_words, en_words) = if strictly {
                    ("harus setelah", "must be after")
                } else {
                    ("tidak boleh sebelum", "must not be before")
                };
                self.fail(
                    at,
                    format!("{later} {id_words} {earlier_name} ({earlier})"),
                    format!("{later} {en_words} {earlier_name} ({earlier})"),
                );
            }
        }
    }

    fn record(
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
        };
        Some(Record {
            kind,
            id: id.filter(|id| is_valid_record_id(id))?,
            body: body?,
            content: value.clone(),
        })
    }

    fn regional_head_term(&mut self, o: &Map<String, Value>, p: &str) -> Option<RegionalHeadTerm> {
        let head_name = self.string(o, "head_name", p);
        let inaugurated_on = self.date(o, "inaugurated_on", p);
        let term_ends_on = self.date(o, "term_ends_on", p);
        let acting = self.boolean(o, "acting", p);
        self.order(
            inaugurated_on,
            term_ends_on,
            &join(p, "term_ends_on"),
            "inaugurated_on",
            true,
        );
        Some(RegionalHeadTerm {
            head_name: head_name?,
            inaugurated_on: inaugurated_on?,
            term_ends_on: term_ends_on?,
            acting: acting?,
        })
    }

    fn election(&mut self, o: &Map<String, Value>, p: &str) -> Option<Election> {
        let name = self.string(o, "name", p);
        let determination = self.date(o, "candidate_determination_on", p);
        let vote_on = self.date(o, "vote_on", p);
        self.order(
            determination,
            vote_on,
            &join(p, "vote_on"),
            "candidate_determination_on",
            false,
        );
        Some(Election {
            name: name?,
            candidate_determination_on: determination?,
            vote_on: vote_on?,
        })
    }

    fn selection(&mut self, o: &Map<String, Value>, p: &str) -> Option<Selection> {
        let position = self.position(o, "position", p);
        let announced_on = self.date(o, "announced_on", p);
        let closes_on = self.date(o, "registration_closes_on", p);
        self.order(
            announced_on,
            closes_on,
            &join(p, "registration_closes_on"),
            "announced_on",
            false,
        );
        let committee = self.list(o, "committee", p, true, |c, v, at| {
            let member = c.object(v, at)?;
            c.unknown_fields(member, at, &["name", "origin", "role"]);
            let name = c.string(member, "name", at);
            let origin = c.choice(member, "origin", at, Origin::parse, Origin::expected);
            let role = c.choice(
                member,
                "role",
                at,
                CommitteeRole::parse,
                CommitteeRole::expected,
            );
            Some(CommitteeMember {
                name: name?,
                origin: origin?,
                role: role?,
            })
        });
        let mut nips = HashSet::new();
        let mut ranks = HashSet::new();
        let candidates = self.list(o, "candidates", p, false, |c, v, at| {
            let candidate = c.object(v, at)?;
            c.unknown_fields(candidate, at, &["nip", "name", "proposed_rank"]);
            let nip = c.nip(candidate, "nip", at);
            let name = c.string(candidate, "name", at);
            let rank = match candidate.get("proposed_rank") {
                None | Some(Value::Null) => Some(None),
                Some(Value::Number(n)) if matches!(n.as_u64(), Some(1..=3)) => {
                    n.as_u64().and_then(|r| u8::try_from(r).ok()).map(Some)
                }
                Some(_) => {
                    c.fail(
                        &join(at, "proposed_rank"),
                        "harus 1, 2, 3, atau null".into(),
                        "must be 1, 2, 3 or null".into(),
                    );
                    None
                }
            };
            if let Some(nip) = &nip {
                if !nips.insert(nip.as_str().to_string()) {
                    c.fail(
                        &join(at, "nip"),
                        "NIP ini sudah terdaftar sebagai kandidat lain".into(),
                        "this NIP is already another candidate".into(),
                    );
                }
            }
            if let Some(Some(rank)) = rank {
                if !ranks.insert(rank) {
                    c.fail(
                        &join(at, "proposed_rank"),
                        format!("peringkat {rank} sudah dipakai kandidat lain"),
                        format!("rank {rank} is already given to another candidate"),
                    );
                }
            }
            Some(Candidate {
                nip: nip?,
                name: name?,
                proposed_rank: rank?,
            })
        });
        let recommendation = self.letter(o, "kasn_recommendation", p);
        let appointment = match self.optional(o, "appointment") {
            Some(Some(value)) => {
                let at = join(p, "appointment");
                self.object(value, &at).and_then(|a| {
                    self.unknown_fields(a, &at, &["nip", "inaugurated_on"]);
                    let nip = self.nip(a, "nip", &at);
                    let inaugurated_on = self.date(a, "inaugurated_on", &at);
                    self.order(
                        closes_on,
                        inaugurated_on,
                        &join(&at, "inaugurated_on"),
                        "registration_closes_on",
                        false,
                    );
                    Some(Some(Appointment {
                        nip: nip?,
                        inaugurated_on: inaugurated_on?,
                    }))
                })
            }
            other => other.map(|_| None),
        };
        Some(Selection {
            position: position?,
            announced_on: announced_on?,
            registration_closes_on: closes_on?,
            committee: committee?,
            candidates: candidates?,
            kasn_recommendation: recommendation?,
            appointment: appointment?,
        })
    }

    fn rotation(&mut self, o: &Map<String, Value>, p: &str) -> Option<Rotation> {
        let nip = self.nip(o, "nip", p);
        let name = self.string(o, "name", p);
        let from_position = self.position(o, "from_position", p);
        let held_since = self.date(o, "held_since", p);
        let to_position = match self.optional(o, "to_position") {
            Some(Some(value)) => self
                .position_value(value, &join(p, "to_position"))
                .map(Some),
            other => other.map(|_| None),
        };
        let effective_on = self.date(o, "effective_on", p);
        self.order(
            held_since,
            effective_on,
            &join(p, "effective_on"),
            "held_since",
            false,
        );
        let basis = self.choice(o, "basis", p, RotationBasis::parse, RotationBasis::expected);
        let job_fit_id = match self.optional(o, "job_fit_id") {
            Some(Some(_)) => self.string(o, "job_fit_id", p).map(Some),
            other => other.map(|_| None),
        };
        let home_affairs = self.letter(o, "home_affairs_approval", p);
        let presidential = self.letter(o, "presidential_approval", p);
        Some(Rotation {
            nip: nip?,
            name: name?,
            from_position: from_position?,
            held_since: held_since?,
            to_position: to_position?,
            effective_on: effective_on?,
            basis: basis?,
            job_fit_id: job_fit_id?,
            home_affairs_approval: home_affairs?,
            presidential_approval: presidential?,
        })
    }

    fn job_fit(&mut self, o: &Map<String, Value>, p: &str) -> Option<JobFit> {
        let held_on = self.date(o, "held_on", p);
        let participants = self.list(o, "participants", p, true, |c, v, at| c.nip_value(v, at));
        let recommendation = self.letter(o, "kasn_recommendation", p);
        Some(JobFit {
            held_on: held_on?,
            participants: participants?,
            kasn_recommendation: recommendation?,
        })
    }

    fn acting(&mut self, o: &Map<String, Value>, p: &str) -> Option<ActingAssignment> {
        let nip = self.nip(o, "nip", p);
        let name = self.string(o, "name", p);
        let position = self.position(o, "position", p);
        let acting_type = self.choice(o, "type", p, ActingType::parse, ActingType::expected);
        let starts_on = self.date(o, "starts_on", p);
        let ends_on = self.optional_date(o, "ends_on", p);
        self.order(
            starts_on,
            ends_on.flatten(),
            &join(p, "ends_on"),
            "starts_on",
            false,
        );
        let extended = self.boolean(o, "extended", p);
        Some(ActingAssignment {
            nip: nip?,
            name: name?,
            position: position?,
            acting_type: acting_type?,
            starts_on: starts_on?,
            ends_on: ends_on?,
            extended: extended?,
        })
    }

    fn merit(&mut self, o: &Map<String, Value>, p: &str, today: Date) -> Option<MeritAssessment> {
        let year = match o.get("year").and_then(Value::as_i64) {
            Some(y) if (2015..=i64::from(today.year())).contains(&y) => i32::try_from(y).ok(),
            _ => {
                let last = today.year();
                self.fail(
                    &join(p, "year"),
                    format!("harus tahun 2015 sampai {last}"),
                    format!("must be a year from 2015 to {last}"),
                );
                None
            }
        };
        let stage = self.choice(o, "stage", p, Stage::parse, Stage::expected);
        let score = match o
            .get("total_score")
            .and_then(Value::as_f64)
            .map(Score::from_points)
        {
            Some(Ok(score)) => Some(score),
            Some(Err(ScoreError::TooPrecise(s))) => {
                self.fail(
                    &join(p, "total_score"),
                    format!("paling banyak satu angka desimal (mis. 253.5), bukan {s}"),
                    format!("at most one decimal (e.g. 253.5), not {s}"),
                );
                None
            }
            _ => {
                self.fail(
                    &join(p, "total_score"),
                    "harus angka 100.0 sampai 400.0".into(),
                    "must be a number from 100.0 to 400.0".into(),
                );
                None
            }
        };
        let aspects = match self.optional(o, "aspects") {
            Some(Some(value)) => {
                let at = join(p, "aspects");
                self.object(value, &at).and_then(|a| {
                    self.unknown_fields(a, &at, &MERIT_ASPECTS);
                    let mut scores = [0.0; 8];
                    let mut ok = true;
                    for (slot, key) in scores.iter_mut().zip(MERIT_ASPECTS) {
                        match a.get(key).and_then(Value::as_f64) {
                            Some(v) if v >= 0.0 && v.is_finite() => *slot = v,
                            _ => {
                                ok = false;
                                self.fail(
                                    &join(&at, key),
                                    "wajib diisi: angka ≥ 0 (kedelapan aspek diisi semua)".into(),
                                    "required: a number ≥ 0 (all eight aspects or none)".into(),
                                );
                            }
                        }
                    }
                    ok.then_some(Some(scores))
                })
            }
            other => other.map(|_| None),
        };
        Some(MeritAssessment {
            year: year?,
            stage: stage?,
            total_score: score?,
            aspects: aspects?,
        })
    }

    fn followup(&mut self, o: &Map<String, Value>, p: &str) -> Option<NeutralityFollowup> {
        let complaint_ref = self.string(o, "complaint_ref", p);
        let decided_on = self.date(o, "decided_on", p);
        let sanction = self.choice(o, "sanction", p, Sanction::parse, Sanction::expected);
        Some(NeutralityFollowup {
            complaint_ref: complaint_ref?,
            decided_on: decided_on?,
            sanction: sanction?,
        })
    }

    fn complaint(&mut self, o: &Map<String, Value>, p: &str) -> Option<NeutralityComplaint> {
        let received_on = self.date(o, "received_on", p);
        let channel = self.choice(o, "channel", p, Channel::parse, Channel::expected);
        let accused = self.required(o, "accused", p, |c, value, at| {
            let a = c.object(value, at)?;
            c.unknown_fields(a, at, &["nip", "name", "position_level"]);
            let nip = c.nip(a, "nip", at);
            let name = c.string(a, "name", at);
            let level = c.choice(
                a,
                "position_level",
                at,
                PositionLevel::parse,
                PositionLevel::expected,
            );
            Some(Accused {
                nip: nip?,
                name: name?,
                position_level: level?,
            })
        });
        let violation_type = self.choice(
            o,
            "violation_type",
            p,
            ViolationType::parse,
            ViolationType::expected,
        );
        let summary = self.string(o, "summary", p);
        let status = self.choice(
            o,
            "status",
            p,
            ComplaintStatus::parse,
            ComplaintStatus::expected,
        );
        let recommendation = match self.optional(o, "recommendation") {
            Some(Some(value)) => {
                let at = join(p, "recommendation");
                if status.is_some_and(|s| s != ComplaintStatus::Proven) {
                    self.fail(
                        &at,
                        "rekomendasi hanya untuk pengaduan berstatus proven".into(),
                        "a recommendation is only for a proven complaint".into(),
                    );
                }
                self.object(value, &at).and_then(|r| {
                    self.unknown_fields(r, &at, &["issued_on", "sanction"]);
                    let issued_on = self.date(r, "issued_on", &at);
                    let sanction =
                        self.choice(r, "sanction", &at, Sanction::parse, Sanction::expected);
                    self.order(
                        received_on,
                        issued_on,
                        &join(&at, "issued_on"),
                        "received_on",
                        false,
                    );
                    Some(Some(Recommendation {
                        issued_on: issued_on?,
                        sanction: sanction?,
                    }))
                })
            }
            other => other.map(|_| None),
        };
        let complainant = match self.optional(o, "complainant") {
            Some(Some(value)) => {
                let at = join(p, "complainant");
                self.object(value, &at).and_then(|c| {
                    self.unknown_fields(c, &at, &["name", "contact"]);
                    let name = self.string(c, "name", &at);
                    let contact = self.string(c, "contact", &at);
                    Some(Some(Complainant {
                        name: name?,
                        contact: contact?,
                    }))
                })
            }
            other => other.map(|_| None),
        };
        Some(NeutralityComplaint {
            received_on: received_on?,
            channel: channel?,
            accused: accused?,
            violation_type: violation_type?,
            summary: summary?,
            status: status?,
            recommendation: recommendation?,
            complainant: complainant?,
        })
    }
}
