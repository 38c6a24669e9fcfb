//! The CSV reader's tests: every kind, located errors, the limits.

use super::*;

fn file(name: &str, text: &str) -> CsvFile {
    CsvFile::new(name.into(), text.into())
}

#[test]
fn bytes_that_are_not_utf8_are_refused_with_their_row_and_offset() {
    let mut bytes = b"agency_code,id\n32.04,A\n32.04,B".to_vec();
    bytes.push(0xE9); // Latin-1 'e-acute', as a spreadsheet saving "CSV" (not "CSV UTF-8") writes it
    let errors = CsvFile::from_bytes("rotation.csv".into(), bytes).expect_err("refused");
    let error = errors.into_iter().next().expect("one error");
    let location = error.location.expect("located");
    assert_eq!((location.file.as_str(), location.row), ("rotation.csv", 3));
    assert!(
        error.message_en.contains("byte 30 (0xE9)"),
        "{}",
        error.message_en
    );
    assert!(CsvFile::from_bytes("rotation.csv".into(), "agency_code,id\n32.04,É".into()).is_ok());
}

#[test]
fn a_file_is_read_up_to_its_row_limit() {
    let mut text = String::from("agency_code,id\n");
    for i in 0..MAX_ROWS {
        text.push_str(&format!("32.04,R{i}\n"));
    }
    let mut errors = Vec::new();
    assert_eq!(
        read(&file("job_fit.csv", &text), "job_fit", &mut errors).len(),
        MAX_ROWS
    );
    assert!(errors.is_empty(), "{errors:?}");
    text.push_str("32.04,ONE-TOO-MANY\n");
    read(&file("job_fit.csv", &text), "job_fit", &mut errors);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].location.as_ref().map(|l| l.row),
        Some(MAX_ROWS + 2)
    );
    assert!(errors[0].message_en.contains("more than 100000"));
}

/// docs/csv.md shows each file's header exactly as this module reads it.
#[test]
fn the_documented_headers_are_the_columns_read() {
    let doc = include_str!("../../../../docs/csv.md");
    for (kind, columns) in FILES {
        let key = if CHILD_FILES.iter().any(|(k, _)| k == kind) {
            "selection_id"
        } else {
            "id"
        };
        let header: Vec<&str> = ["agency_code", key]
            .into_iter()
            .chain(columns.iter().map(|(c, _)| *c))
            .collect();
        assert!(
            doc.contains(&format!("### `{kind}`")) && doc.contains(&header.join(",")),
            "docs/csv.md lacks the header of {kind}"
        );
    }
}

#[test]
fn the_kind_comes_from_the_file_name() {
    assert_eq!(kind_of_file("rotation.csv"), Some("rotation"));
    assert_eq!(kind_of_file("data/rotation-2024.csv"), Some("rotation"));
    assert_eq!(
        kind_of_file("selection_committee.csv"),
        Some("selection_committee")
    );
    assert_eq!(kind_of_file("mutasi.csv"), None);
}

#[test]
fn rows_become_records_with_nested_objects_and_children() {
    let batches = batches(&[
        file(
            "selection.csv",
            "agency_code,id,position.title,position.level,announced_on,registration_closes_on,kasn_recommendation.number,kasn_recommendation.issued_on\n\
             32.04,SEL-1,Kepala Dinas,pratama,2024-01-10,2024-01-24,,\n",
        ),
        file("selection_committee.csv", "agency_code,selection_id,name,origin,role\n32.04,SEL-1,A,internal,chair\n"),
        file(
            "selection_candidates.csv",
            "agency_code,selection_id,nip,name,proposed_rank\n32.04,SEL-1,196805102000031002,B,1\n32.04,SEL-1,197001012000032001,C,\n",
        ),
        file("job_fit.csv", "agency_code,id,held_on,participants\n32.04,JF-1,2024-02-01,196805102000031002; 197001012000032001\n"),
    ])
    .expect("readable");
    assert_eq!(batches.len(), 1);
    let record = &batches[0].document["records"][0];
    assert_eq!(record["position"]["level"], "pratama");
    assert!(
        record.get("kasn_recommendation").is_none(),
        "an empty group is left out"
    );
    assert_eq!(record["committee"][0]["role"], "chair");
    assert_eq!(record["candidates"][1]["proposed_rank"], Value::Null);
    assert_eq!(record["candidates"][0]["proposed_rank"], 1);
    assert_eq!(
        batches[0].document["records"][1]["participants"][1],
        "197001012000032001"
    );
    let located = batches[0].locate(vec![FieldError {
        index: Some(0),
        id: None,
        pointer: "/records/0/candidates/1/nip".into(),
        message: String::new(),
        message_en: String::new(),
        location: None,
        omitted: None,
    }]);
    assert_eq!(
        located[0].location,
        Some(Location {
            file: "selection_candidates.csv".into(),
            row: 3,
            column: Some("nip".into())
        })
    );
}

#[test]
fn file_problems_name_file_row_and_column() {
    let errors = batches(&[
        file("rotation.csv", "agency_code,id,nip,basiss\n32.04,M-1,1,x\n"),
        file(
            "acting_assignment.csv",
            "agency_code,id,extended\n32.04,P-1,maybe\n",
        ),
        file(
            "selection_committee.csv",
            "agency_code,selection_id,name,origin,role\n32.04,SEL-9,A,internal,chair\n",
        ),
        file("notes.csv", "a\n1\n"),
    ])
    .expect_err("refused");
    let places: Vec<(String, usize, Option<String>)> = errors
        .iter()
        .filter_map(|e| e.location.clone())
        .map(|l| (l.file, l.row, l.column))
        .collect();
    assert!(
        places.contains(&("rotation.csv".into(), 1, Some("basiss".into()))),
        "{places:?}"
    );
    assert!(
        places.contains(&("acting_assignment.csv".into(), 2, Some("extended".into()))),
        "{places:?}"
    );
    assert!(
        places.contains(&(
            "selection_committee.csv".into(),
            2,
            Some("selection_id".into())
        )),
        "{places:?}"
    );
    assert!(
        places.contains(&("notes.csv".into(), 1, None)),
        "{places:?}"
    );
}
