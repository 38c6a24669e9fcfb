//! Report batch validation (reports.md): each class of error with a failing and a passing case, and that every
//! error of a batch is reported, each with index, id and JSON pointer.

use model::types::{Agency, AgencyKind};
use serde_json::{json, Value};
use server::domain::Date;
use server::import::{validate_batch, FieldError, RecordBody, RecordKind};

const NIP_A: &str = "196805102000031002";
const NIP_B: &str = "197001012000032001";
const NIP_C: &str = "197503152001121003";
const NIP_D: &str = "198002292005012004";

fn registry(code: &str) -> Option<Agency> {
    let agency = |code: &str, kind, province: Option<&str>, autonomous| Agency {
        code: code.to_string(),
        name: format!("Instansi {code}"),
        kind,
        province_code: province.map(str::to_string),
        autonomous,
    };
    match code {
        "32.04" => Some(agency(code, AgencyKind::Regency, Some("32"), true)),
        "31.71" => Some(agency(code, AgencyKind::City, Some("31"), false)),
        "K02" => Some(agency(code, AgencyKind::Ministry, None, true)),
        _ => None,
    }
}

fn today() -> Date {
    Date::parse("2026-11-23").expect("date")
}

fn batch(agency: &str, records: Vec<Value>) -> Value {
    json!({"schema": "pantau.report.v1", "agency_code": agency, "records": records})
}

fn position() -> Value {
    json!({"title": "Sekretaris Daerah", "level": "pratama"})
}

/// One valid record of every kind.
fn valid_records() -> Vec<Value> {
    vec![
        json!({"kind": "regional_head_term", "id": "TERM-2025", "head_name": "Bupati A",
               "inaugurated_on": "2025-02-20", "term_ends_on": "2030-02-20"}),
        json!({"kind": "election", "id": "PILKADA-2024", "name": "Pilkada Serentak 2024",
               "candidate_determination_on": "2024-09-22", "vote_on": "2024-11-27"}),
        json!({"kind": "selection", "id": "SEL/2024/01", "position": position(),
               "announced_on": "2024-01-10", "registration_closes_on": "2024-01-24",
               "committee": [{"name": "P1", "origin": "internal", "role": "chair"},
                             {"name": "P2", "origin": "external", "role": "member"}],
               "candidates": [{"nip": NIP_A, "name": "Calon A", "proposed_rank": 1},
                              {"nip": NIP_B, "name": "Calon B", "proposed_rank": 2},
                              {"nip": NIP_C, "name": "Calon C", "proposed_rank": null}],
               "kasn_recommendation": {"number": "B-123/KASN/3/2024", "issued_on": "2024-03-01"},
               "appointment": {"nip": NIP_A, "inaugurated_on": "2024-03-15"}}),
        json!({"kind": "rotation", "id": "MUT-2024-017", "nip": NIP_B, "name": "Pejabat B",
               "from_position": position(), "held_since": "2022-01-03", "to_position": null,
               "effective_on": "2024-04-01", "basis": "job_fit", "job_fit_id": "JF-2024-1",
               "home_affairs_approval": {"number": "100.2.2.6/123", "issued_on": "2024-03-20"}}),
        json!({"kind": "job_fit", "id": "JF-2024-1", "held_on": "2024-02-01", "participants": [NIP_B, NIP_C]}),
        json!({"kind": "acting_assignment", "id": "PLT-1", "nip": NIP_D, "name": "Plt D", "position": position(),
               "type": "plt", "starts_on": "2024-05-01", "ends_on": null, "extended": true}),
        json!({"kind": "merit_assessment", "id": "SM-2024", "year": 2024, "stage": "self", "total_score": 253.5,
               "aspects": {"planning": 30, "recruitment": 31.5, "career_development": 28, "promotion_mutation": 40,
                           "performance_management": 35, "pay_reward_discipline": 30, "protection_service": 29,
                           "information_system": 30}}),
        json!({"kind": "neutrality_followup", "id": "TL-1", "complaint_ref": "32.04/ADU-1",
               "decided_on": "2024-10-01", "sanction": "moderate"}),
        json!({"kind": "neutrality_complaint", "id": "ADU-1", "received_on": "2024-09-01", "channel": "bawaslu",
               "accused": {"nip": NIP_C, "name": "Terlapor C", "position_level": "jpt"},
               "violation_type": "discipline_moderate", "summary": "Ikut kampanye", "status": "proven",
               "recommendation": {"issued_on": "2024-09-15", "sanction": "moderate"},
               "complainant": {"name": "Pelapor", "contact": "pelapor@example.org"}}),
        // Whether violation 7 is this agency's with an open recommendation is the import service's check (it
        // needs the database): tests/tests/recommendations.rs.
        json!({"kind": "recommendation_response", "id": "JWB-1", "violation_id": 7, "responded_on": "2025-07-10",
               "action": "complied", "decision_letter": {"number": "800/1/2025", "issued_on": "2025-07-09"}}),
    ]
}

fn errors_of(document: Value) -> Vec<FieldError> {
    validate_batch(&document, registry, today()).expect_err("the batch must be refused")
}

/// The batch with record 0 replaced by `record`; refused with exactly the pointers given.
fn assert_refused(record: Value, pointers: &[&str]) {
    let errors = errors_of(batch("32.04", vec![record]));
    let found: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(found, pointers, "{errors:#?}");
    for e in &errors {
        assert!(
            !e.message.is_empty() && !e.message_en.is_empty() && e.message != e.message_en,
            "{e:?}"
        );
    }
}

fn with(mut record: Value, pointer: &str, value: Value) -> Value {
    *record
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the record")) = value;
    record
}

fn record(kind: &str) -> Value {
    valid_records()
        .into_iter()
        .find(|r| r["kind"] == kind)
        .expect("a valid record of that kind")
}

#[test]
fn a_valid_batch_of_every_kind_is_accepted() {
    let accepted =
        validate_batch(&batch("32.04", valid_records()), registry, today()).expect("valid batch");
    assert_eq!(accepted.agency_code, "32.04");
    let kinds: Vec<RecordKind> = accepted.records.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, RecordKind::ALL.to_vec());
    let RecordBody::Selection(selection) = &accepted.records[2].body else {
        panic!("a selection")
    };
    assert_eq!(selection.candidates.len(), 3);
    assert_eq!(selection.candidates[2].proposed_rank, None);
    let RecordBody::ActingAssignment(acting) = &accepted.records[5].body else {
        panic!("acting")
    };
    assert_eq!((acting.ends_on, acting.extended), (None, true));
    let RecordBody::RegionalHeadTerm(term) = &accepted.records[0].body else {
        panic!("term")
    };
    assert!(!term.acting, "acting defaults to false");
    assert_eq!(
        accepted.records[3].content,
        valid_records()[3],
        "the record as sent is kept"
    );
}

#[test]
fn nip_structure() {
    let rotation = record("rotation");
    assert_refused(
        with(rotation.clone(), "/nip", json!("196802302000031002")),
        &["/records/0/nip"],
    );
    assert_refused(
        with(rotation.clone(), "/nip", json!("196805101980031002")),
        &["/records/0/nip"],
    );
    assert_refused(
        with(rotation.clone(), "/nip", json!("196805102000035002")),
        &["/records/0/nip"],
    );
    assert_refused(
        with(rotation.clone(), "/nip", json!(196805102000031002u64)),
        &["/records/0/nip"],
    );
    let errors = errors_of(batch(
        "32.04",
        vec![with(rotation, "/nip", json!("196805102000033002"))],
    ));
    assert!(
        errors[0].message.contains("jenis kelamin") && errors[0].message_en.contains("gender"),
        "{errors:?}"
    );
}

#[test]
fn impossible_dates_and_date_order() {
    assert_refused(
        with(record("job_fit"), "/held_on", json!("2023-02-29")),
        &["/records/0/held_on"],
    );
    assert_refused(
        with(record("job_fit"), "/held_on", json!("01-02-2024")),
        &["/records/0/held_on"],
    );
    let term = record("regional_head_term");
    assert_refused(
        with(term.clone(), "/term_ends_on", json!("2025-02-20")),
        &["/records/0/term_ends_on"],
    );
    assert_refused(
        with(term, "/term_ends_on", json!("2025-02-19")),
        &["/records/0/term_ends_on"],
    );
    let election = record("election");
    assert!(
        validate_batch(
            &batch(
                "32.04",
                vec![with(election.clone(), "/vote_on", json!("2024-09-22"))]
            ),
            registry,
            today()
        )
        .is_ok(),
        "same day is allowed"
    );
    assert_refused(
        with(election, "/vote_on", json!("2024-09-21")),
        &["/records/0/vote_on"],
    );
    let selection = record("selection");
    assert_refused(
        with(
            selection.clone(),
            "/registration_closes_on",
            json!("2024-01-09"),
        ),
        &["/records/0/registration_closes_on"],
    );
    assert_refused(
        with(
            selection,
            "/appointment/inaugurated_on",
            json!("2024-01-23"),
        ),
        &["/records/0/appointment/inaugurated_on"],
    );
    assert_refused(
        with(record("rotation"), "/effective_on", json!("2022-01-02")),
        &["/records/0/effective_on"],
    );
    assert_refused(
        with(record("acting_assignment"), "/ends_on", json!("2024-04-30")),
        &["/records/0/ends_on"],
    );
}

#[test]
fn enums_and_unknown_fields() {
    assert_refused(
        with(record("rotation"), "/basis", json!("promotion")),
        &["/records/0/basis"],
    );
    assert_refused(
        with(record("selection"), "/position/level", json!("eselon2")),
        &["/records/0/position/level"],
    );
    assert_refused(
        with(record("selection"), "/committee/1/origin", json!("outside")),
        &["/records/0/committee/1/origin"],
    );
    let mut typo = record("rotation");
    typo["efective_on"] = json!("2024-04-01");
    assert_refused(typo, &["/records/0/efective_on"]);
    let mut nested = record("selection");
    nested["kasn_recommendation"]["date"] = json!("2024-03-01");
    assert_refused(nested, &["/records/0/kasn_recommendation/date"]);
    let errors = errors_of(
        json!({"schema": "pantau.report.v1", "agency_code": "32.04", "records": [record("job_fit")], "extra": 1}),
    );
    assert_eq!(errors[0].pointer, "/extra");
    assert_eq!(errors[0].index, None);
    assert_refused(
        json!({"kind": "promotion", "id": "X"}),
        &["/records/0/kind"],
    );
}

#[test]
fn agency_and_kind_allowed_for_it() {
    let errors = errors_of(batch("99.99", vec![record("job_fit")]));
    assert_eq!(
        errors
            .iter()
            .map(|e| e.pointer.as_str())
            .collect::<Vec<_>>(),
        ["/agency_code"]
    );
    let for_ministry = errors_of(batch(
        "K02",
        vec![
            record("election"),
            record("regional_head_term"),
            record("rotation"),
        ],
    ));
    let pointers: Vec<_> = for_ministry.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["/records/0/kind", "/records/1/kind"],
        "no elections or regional heads for a ministry"
    );
    let for_admin_city = errors_of(batch("31.71", vec![record("election")]));
    assert_eq!(
        for_admin_city[0].pointer, "/records/0/kind",
        "DKI's administrative cities have no election"
    );
    assert!(validate_batch(
        &batch("K02", vec![record("rotation"), record("merit_assessment")]),
        registry,
        today()
    )
    .is_ok());
    assert_eq!(errors_of(json!({"schema": "pantau.report.v2", "agency_code": "32.04", "records": [record("job_fit")]}))[0].pointer, "/schema");
}

#[test]
fn duplicates_in_a_batch() {
    let errors = errors_of(batch("32.04", vec![record("job_fit"), record("job_fit")]));
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].index, errors[0].pointer.as_str()),
        (Some(1), "/records/1/id")
    );
    assert!(validate_batch(
        &batch(
            "32.04",
            vec![
                record("job_fit"),
                with(record("job_fit"), "/id", json!("JF-2"))
            ]
        ),
        registry,
        today()
    )
    .is_ok());
    let selection = record("selection");
    assert_refused(
        with(selection.clone(), "/candidates/1/proposed_rank", json!(1)),
        &["/records/0/candidates/1/proposed_rank"],
    );
    assert_refused(
        with(selection.clone(), "/candidates/1/proposed_rank", json!(4)),
        &["/records/0/candidates/1/proposed_rank"],
    );
    assert_refused(
        with(selection, "/candidates/2/nip", json!(NIP_A)),
        &["/records/0/candidates/2/nip"],
    );
}

#[test]
fn ids_required_fields_and_lists() {
    assert_refused(
        with(record("job_fit"), "/id", json!("JF 2024")),
        &["/records/0/id"],
    );
    assert_refused(
        with(record("job_fit"), "/id", json!("x".repeat(65))),
        &["/records/0/id"],
    );
    assert!(validate_batch(
        &batch(
            "32.04",
            vec![with(record("job_fit"), "/id", json!("a".repeat(64)))]
        ),
        registry,
        today()
    )
    .is_ok());
    assert_refused(
        with(record("job_fit"), "/participants", json!([])),
        &["/records/0/participants"],
    );
    assert_refused(
        with(record("selection"), "/committee", json!([])),
        &["/records/0/committee"],
    );
    let mut missing = record("rotation");
    missing.as_object_mut().map(|o| o.remove("name"));
    assert_refused(missing, &["/records/0/name"]);
    assert_refused(
        with(record("election"), "/name", json!("  ")),
        &["/records/0/name"],
    );
    assert_eq!(errors_of(batch("32.04", vec![]))[0].pointer, "/records");
}

#[test]
fn merit_assessments() {
    let merit = record("merit_assessment");
    assert_refused(
        with(merit.clone(), "/year", json!(2027)),
        &["/records/0/year"],
    );
    assert_refused(
        with(merit.clone(), "/year", json!(2014)),
        &["/records/0/year"],
    );
    assert!(validate_batch(
        &batch("32.04", vec![with(merit.clone(), "/year", json!(2026))]),
        registry,
        today()
    )
    .is_ok());
    assert_refused(
        with(merit.clone(), "/total_score", json!(253.55)),
        &["/records/0/total_score"],
    );
    assert_refused(
        with(merit.clone(), "/total_score", json!(99.9)),
        &["/records/0/total_score"],
    );
    assert_refused(
        with(merit.clone(), "/total_score", json!("253.5")),
        &["/records/0/total_score"],
    );
    assert_refused(
        with(merit.clone(), "/stage", json!("final")),
        &["/records/0/stage"],
    );
    let mut partial = merit.clone();
    partial["aspects"]
        .as_object_mut()
        .map(|a| a.remove("planning"));
    assert_refused(partial, &["/records/0/aspects/planning"]);
    assert_refused(
        with(merit, "/aspects/recruitment", json!(-1)),
        &["/records/0/aspects/recruitment"],
    );
}

#[test]
fn a_recommendation_needs_a_proven_complaint() {
    let complaint = record("neutrality_complaint");
    assert_refused(
        with(complaint.clone(), "/status", json!("verifying")),
        &["/records/0/recommendation"],
    );
    let mut without = with(complaint, "/status", json!("verifying"));
    without.as_object_mut().map(|o| o.remove("recommendation"));
    assert!(validate_batch(&batch("32.04", vec![without]), registry, today()).is_ok());
}

#[test]
fn every_error_of_the_batch_is_reported() {
    let records = vec![
        with(record("rotation"), "/nip", json!("123")),
        record("job_fit"),
        with(
            with(record("election"), "/vote_on", json!("2024-02-30")),
            "/name",
            json!(""),
        ),
    ];
    let errors = errors_of(batch("32.04", records));
    let summary: Vec<(Option<usize>, Option<&str>, &str)> = errors
        .iter()
        .map(|e| (e.index, e.id.as_deref(), e.pointer.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (Some(0), Some("MUT-2024-017"), "/records/0/nip"),
            (Some(2), Some("PILKADA-2024"), "/records/2/name"),
            (Some(2), Some("PILKADA-2024"), "/records/2/vote_on"),
        ]
    );
}

/// Issue #14: dates outside 1945-08-17 … today + 10 years were stored (0001-01-01, 9999-12-31).
#[test]
fn dates_must_be_plausible_with_both_edges_inclusive() {
    let job_fit = |day: &str| with(record("job_fit"), "/held_on", json!(day));
    for day in ["1945-08-17", "2036-11-23"] {
        assert!(
            validate_batch(&batch("32.04", vec![job_fit(day)]), registry, today()).is_ok(),
            "{day} is on an edge"
        );
    }
    for day in ["1945-08-16", "2036-11-24", "0001-01-01", "9999-12-31"] {
        assert_refused(job_fit(day), &["/records/0/held_on"]);
    }
    let message = &errors_of(batch("32.04", vec![job_fit("9999-12-31")]))[0].message_en;
    assert!(message.contains("1945-08-17 to 2036-11-23"), "{message}");
    // Nested dates too (a letter's day).
    let letter = with(
        record("selection"),
        "/kasn_recommendation",
        json!({"number": "B-1", "issued_on": "0001-01-01"}),
    );
    assert_refused(letter, &["/records/0/kasn_recommendation/issued_on"]);
}

/// Issue #14: NUL characters were stored in names.
#[test]
fn control_characters_in_text_are_refused_but_line_breaks_pass() {
    assert_refused(
        with(record("rotation"), "/name", json!("Pejabat\u{0}B")),
        &["/records/0/name"],
    );
    assert_refused(
        with(
            record("neutrality_complaint"),
            "/summary",
            json!("Ikut\u{1b}[31m kampanye"),
        ),
        &["/records/0/summary"],
    );
    let multi_line = with(
        record("neutrality_complaint"),
        "/summary",
        json!("Baris satu\r\n\tbaris dua"),
    );
    assert!(validate_batch(&batch("32.04", vec![multi_line]), registry, today()).is_ok());
}

/// Issue #14: a million empty records came back as a 213 MB answer. At most 1,000 errors are listed, then one
/// entry that counts the rest.
#[test]
fn a_refusal_lists_the_first_thousand_errors_and_counts_the_rest() {
    let records = vec![json!({}); 600];
    // Each empty record has two problems (kind and id missing): 1,200 in all.
    let errors = errors_of(batch("32.04", records));
    assert_eq!(errors.len(), server::import::validate::MAX_ERRORS + 1);
    let last = errors.last().expect("the count");
    assert!(
        last.message_en.contains("and 200 more errors"),
        "{}",
        last.message_en
    );
    assert!(
        last.message.contains("dan 200 galat lainnya"),
        "{}",
        last.message
    );
    let exactly = errors_of(batch("32.04", vec![json!({}); 500]));
    assert_eq!(exactly.len(), 1_000, "exactly the limit: no count entry");
    assert!(exactly
        .iter()
        .all(|e| !e.message_en.contains("more errors")));
}
