//! A property-based fuzz harness over the readers of outside input (issue #14): the JSON batch, CSV files,
//! Excel workbooks and the complaint form, fed random bytes and mutations of valid input. Each must answer —
//! accept or refuse with errors — and never panic or allocate without bound (the workbook reader's limits are
//! unit-tested in `import::xlsx`).
//!
//! `make test` runs a short pass (proptest's default of 256 cases per reader, fewer for workbooks); the long run
//! is `scripts/fuzz.sh` (PROPTEST_CASES raised, repeated with fresh seeds for ten minutes), its result in
//! docs/security.md. cargo-fuzz needs the nightly toolchain, which this machine does not have.

use model::types::{Agency, AgencyKind};
use proptest::prelude::*;
use serde_json::Value;
use server::domain::complaints::intake::{check, ComplaintForm};
use server::domain::Date;
use server::import::csv::{batches, CsvFile};
use server::import::validate_batch;

fn registry(code: &str) -> Option<Agency> {
    (code == "32.04").then(|| Agency {
        code: code.to_string(),
        name: "Kabupaten Bandung".to_string(),
        kind: AgencyKind::Regency,
        province_code: Some("32".to_string()),
        autonomous: true,
    })
}

fn today() -> Date {
    Date::parse("2026-12-01").expect("date")
}

const VALID_BATCH: &str = include_str!("../../docs/examples/batch-32.04.json");
const VALID_CSV: &str =
    "agency_code,id,held_on,participants\n32.04,JF-1,2024-02-01,196805102000031002\n";

/// Flips, inserts and deletes bytes of `base` at positions drawn from `edits`.
fn mutate(base: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for (at, op, value) in edits {
        if bytes.is_empty() {
            bytes.push(*value);
            continue;
        }
        let at = at % bytes.len();
        match op % 3 {
            0 => bytes[at] = *value,
            1 => bytes.insert(at, *value),
            _ => {
                bytes.remove(at);
            }
        }
    }
    bytes
}

fn json_reader(bytes: &[u8]) {
    if let Ok(document) = serde_json::from_slice::<Value>(bytes) {
        let _ = validate_batch(&document, registry, today());
    }
}

fn csv_reader(name: &str, bytes: Vec<u8>) {
    if let Ok(file) = CsvFile::from_bytes(name.to_string(), bytes) {
        let _ = batches(&[file]);
    }
}

fn workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("job_fit").expect("name");
    for (c, text) in ["agency_code", "id", "held_on", "participants"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *text).expect("write");
    }
    for (c, text) in ["32.04", "JF-1", "2024-02-01", "196805102000031002"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *text).expect("write");
    }
    book.save_to_buffer().expect("save")
}

proptest! {
    #[test]
    fn random_bytes_never_panic_a_reader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        json_reader(&bytes);
        csv_reader("job_fit.csv", bytes.clone());
        let _ = server::import::xlsx::sheets("fuzz.xlsx", bytes);
    }

    #[test]
    fn mutated_batches_never_panic_the_validator(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..16)) {
        json_reader(&mutate(VALID_BATCH.as_bytes(), &edits));
    }

    #[test]
    fn mutated_csv_never_panics_the_reader(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..16)) {
        csv_reader("job_fit.csv", mutate(VALID_CSV.as_bytes(), &edits));
        csv_reader("selection_candidates.csv", mutate(VALID_CSV.as_bytes(), &edits));
    }

    #[test]
    fn arbitrary_complaint_forms_are_answered(
        agency in ".{0,12}", election in ".{0,20}", summary in ".{0,400}", accused in proptest::option::of(".{0,80}"),
        level in proptest::option::of(".{0,12}"), happened in proptest::option::of(".{0,12}"),
        evidence in proptest::collection::vec(".{0,80}", 0..12), anonymous in any::<bool>(),
    ) {
        let form = ComplaintForm {
            agency_code: agency, election, summary, accused_name: accused, position_level: level,
            happened_on: happened, evidence, anonymous, ..ComplaintForm::default()
        };
        let _ = check(&form, today(), true);
    }
}

proptest! {
    // A workbook is rebuilt for each case (a zip with a dozen parts): fewer cases keep the short pass short.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn mutated_workbooks_never_panic_the_reader(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)) {
        let _ = server::import::xlsx::sheets("fuzz.xlsx", mutate(&workbook(), &edits));
    }
}
