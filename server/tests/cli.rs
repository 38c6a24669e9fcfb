//! The `pantau` binary as an operator runs it: exit codes and output (interfaces.md).

use std::process::{Command, Output};

fn pantau(args: &[&str], database_url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pantau"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("NO_COLOR", "1")
        .output()
        .expect("run pantau")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of `example` (a file in docs/examples) with `edit` made to it, written into `dir` as `name`; its path.
fn edited_example(
    dir: &std::path::Path,
    example: &str,
    name: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> String {
    let mut batch: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example).expect("example")).expect("JSON");
    edit(&mut batch);
    let path = dir.join(name);
    std::fs::write(&path, batch.to_string()).expect("write");
    path.display().to_string()
}

#[test]
fn migrate_creates_the_embedded_database_and_loads_the_registry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("fresh.db").display());
    let out = pantau(&["migrate"], &url);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("registry: 635 agencies"),
        "{}",
        text(&out.stdout)
    );
    assert!(dir.path().join("fresh.db").exists());
    let again = pantau(&["migrate"], &url);
    assert_eq!(again.status.code(), Some(0), "migrating twice is harmless");
    assert!(text(&again.stdout).contains("registry: 635 agencies"));
}

#[test]
fn wrong_usage_exits_with_2() {
    let url = "sqlite://unused.db";
    for args in [
        &["frobnicate"][..],
        &["import"],
        &["violations", "--format", "xml"],
        &["user", "add", "x"],
        &[],
    ] {
        let out = pantau(args, url);
        assert_eq!(
            out.status.code(),
            Some(2),
            "pantau {args:?}: {}",
            text(&out.stderr)
        );
    }
    let help = pantau(&["--help"], url);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("serve") && text(&help.stdout).contains("import"));
}

#[test]
fn a_database_that_cannot_be_opened_exits_with_1() {
    let out = pantau(&["migrate"], "mysql://localhost/pantau");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("unsupported database URL"),
        "{}",
        text(&out.stderr)
    );
    let out = pantau(
        &["serve", "--addr", "127.0.0.1:0"],
        "postgres://nobody:secret@127.0.0.1:1/none",
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains("secret"),
        "the password is not printed: {stderr}"
    );
}

#[test]
fn demo_fills_an_empty_database_deterministically_and_only_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |file: &str| {
        let url = format!("sqlite://{}", dir.path().join(file).display());
        let out = pantau(&["demo", "--seed", "7", "--scale", "0.05"], &url);
        (out.status.code(), text(&out.stdout), text(&out.stderr), url)
    };
    let (code, first, err, url) = run("a.db");
    assert_eq!(code, Some(0), "{err}");
    assert!(first.contains("635 agencies"), "{first}");
    let (_, second, ..) = run("b.db");
    assert_eq!(
        first, second,
        "the same seed gives the same data and violations"
    );
    let out = pantau(&["violations", "--format", "json"], &url);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        rows.as_array().is_some_and(|r| !r.is_empty()),
        "the demo breaks some rules"
    );

    let again = pantau(&["demo"], &url);
    assert_eq!(again.status.code(), Some(1), "never into a filled database");
    assert!(text(&again.stderr).contains("empty database only"));
    let skipped = pantau(&["demo", "--if-empty"], &url);
    assert_eq!(
        skipped.status.code(),
        Some(0),
        "what `make run` does on every start"
    );
    assert!(text(&skipped.stdout).contains("no demo data added"));
    let out = pantau(&["demo", "--scale", "0"], &url);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[test]
fn import_reports_counts_as_json_and_refuses_bad_batches_with_exit_3() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("import.db").display());
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/examples/batch-32.04.json"
    );
    let out = pantau(&["import", "--format", "json", example], &url);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let line: serde_json::Value =
        serde_json::from_str(text(&out.stdout).trim()).expect("one JSON object");
    assert_eq!(line["agency_code"], "32.04");
    assert_eq!(
        (
            line["created"].as_i64(),
            line["updated"].as_i64(),
            line["unchanged"].as_i64()
        ),
        (Some(8), Some(0), Some(0))
    );
    assert_eq!(line["file"], example);

    let again = pantau(&["import", "--format", "json", example], &url);
    let line: serde_json::Value = serde_json::from_str(text(&again.stdout).trim()).expect("JSON");
    assert_eq!(line["unchanged"], 8);

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"schema": "pantau.report.v1", "agency_code": "99.99", "records": [{"kind": "job_fit", "id": "A"}]}"#)
        .expect("write");
    let out = pantau(
        &[
            "import",
            "--format",
            "json",
            bad.to_str().expect("utf-8 path"),
        ],
        &url,
    );
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let refused: serde_json::Value = serde_json::from_str(text(&out.stdout).trim()).expect("JSON");
    let pointers: Vec<_> = refused["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["pointer"].clone())
        .collect();
    assert_eq!(
        pointers,
        [
            "/agency_code",
            "/records/0/held_on",
            "/records/0/participants"
        ]
    );
    for key in ["index", "id", "pointer", "message"] {
        assert!(
            refused["errors"][1].get(key).is_some(),
            "errors carry {key}"
        );
    }

    let text_out = pantau(&["import", bad.to_str().expect("utf-8 path")], &url);
    assert_eq!(text_out.status.code(), Some(3));
    assert!(
        text(&text_out.stdout).contains("record 0 (A) /records/0/held_on: wajib diisi / required"),
        "{}",
        text(&text_out.stdout)
    );
    assert_eq!(
        pantau(&["import", "/nonexistent/batch.json"], &url)
            .status
            .code(),
        Some(1),
        "an unreadable file is a failure"
    );
}

/// `pantau import` reads and validates the next file while the one before is stored (issue #21): the outcome must
/// be that of one file after the other, in the order given — a later file revising a record of an earlier one,
/// a refused file between them, and each line printed in the files' order.
#[test]
fn files_read_ahead_are_imported_as_one_after_the_other() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("ahead.db").display());
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/examples/batch-32.04.json"
    );
    let revised_path = edited_example(dir.path(), example, "revised.json", |batch| {
        batch["records"][0]["head_name"] = serde_json::json!("Nama Baru")
    });
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ not json").expect("write");
    let files = [
        example.to_string(),
        broken.display().to_string(),
        revised_path,
        example.to_string(),
    ];
    let mut args = vec!["import", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let out = pantau(&args, &url);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let files_printed: Vec<&str> = lines.iter().filter_map(|l| l["file"].as_str()).collect();
    assert_eq!(
        files_printed,
        files.iter().map(String::as_str).collect::<Vec<_>>()
    );
    let counts = |l: &serde_json::Value| {
        (
            l["created"].as_i64(),
            l["updated"].as_i64(),
            l["unchanged"].as_i64(),
        )
    };
    assert_eq!(counts(&lines[0]), (Some(8), Some(0), Some(0)));
    assert!(
        lines[1]["errors"][0]["message_en"]
            .as_str()
            .is_some_and(|m| m.starts_with("not valid JSON")),
        "{}",
        lines[1]
    );
    // Validated while the first file was being stored, stored after it: a revision, not a new record.
    assert_eq!(counts(&lines[2]), (Some(0), Some(1), Some(7)));
    // And the first file again revises the record back.
    assert_eq!(counts(&lines[3]), (Some(0), Some(1), Some(7)));
}

#[test]
fn user_add_prints_the_token_alone_on_its_last_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("users.db").display());
    let out = pantau(
        &[
            "user", "add", "sari", "--role", "agency", "--agency", "32.04",
        ],
        &url,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let token = stdout.lines().last().expect("a last line");
    assert!(
        token.starts_with("pm_") && token.len() == 67 && !token.contains(' '),
        "{stdout}"
    );

    let refused = [
        (&["user", "add", "sari", "--role", "analyst"][..], "exists"),
        (&["user", "add", "budi", "--role", "agency"], "--agency"),
        (
            &[
                "user", "add", "budi", "--role", "agency", "--agency", "99.99",
            ],
            "not in the registry",
        ),
        (
            &[
                "user", "add", "budi", "--role", "analyst", "--agency", "32.04",
            ],
            "--agency",
        ),
    ];
    for (args, why) in refused {
        let out = pantau(args, &url);
        assert_eq!(out.status.code(), Some(3), "pantau {args:?}");
        assert!(
            text(&out.stderr).contains(why),
            "pantau {args:?}: {}",
            text(&out.stderr)
        );
    }
    let out = pantau(&["user", "revoke", "sari"], &url);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("1 token(s) of sari revoked"));
    assert_eq!(
        pantau(&["user", "revoke", "nobody"], &url).status.code(),
        Some(3)
    );
}

#[test]
fn a_file_of_the_wrong_type_stops_the_run_before_anything_is_imported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("mixed.db").display());
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/examples/batch-32.04.json"
    );
    let docx = dir.path().join("rotations.docx");
    std::fs::write(&docx, "PK").expect("write");
    let out = pantau(
        &["import", example, docx.to_str().expect("utf-8 path")],
        &url,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("nothing was imported"),
        "{}",
        text(&out.stderr)
    );
    let after = pantau(&["import", "--format", "json", example], &url);
    let line: serde_json::Value = serde_json::from_str(text(&after.stdout).trim()).expect("JSON");
    assert_eq!(
        line["created"], 8,
        "the JSON file was not imported by the refused run"
    );
}

/// `pantau import` evaluates each agency while the next file is stored (issue #21): when the next file corrects
/// the same agency, the violations must end as after one file, then its evaluation, then the next.
#[test]
fn an_agency_evaluated_while_its_next_file_is_stored_ends_as_one_after_the_other() {
    let dir = tempfile::tempdir().expect("temp dir");
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/examples/batch-violations-32.73.json"
    );
    // Three months of PLT instead of five: R-ACTING-TOO-LONG no longer applies.
    let fixed_path = edited_example(dir.path(), example, "fixed.json", |batch| {
        batch["records"][7]["ends_on"] = serde_json::json!("2024-07-31")
    });
    // Every violation the two evaluations left, the cleared ones too (the CLI lists the standing ones only).
    let history = |url: &str| {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let rows = runtime.block_on(async {
            let db = server::db::Db::connect(url).await.expect("connect");
            let all = server::db::ViolationFilter {
                include_cleared: true,
                ..Default::default()
            };
            db.list_violations(&all).await.expect("violations")
        });
        let mut keys: Vec<String> = rows
            .iter()
            .map(|r| {
                format!(
                    "{} {} active={} cleared={:?}",
                    r.rule_id, r.record_id, r.active, r.cleared_as_of
                )
            })
            .collect();
        keys.sort();
        keys
    };
    let together = format!("sqlite://{}", dir.path().join("together.db").display());
    let out = pantau(&["import", example, &fixed_path], &together);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let apart = format!("sqlite://{}", dir.path().join("apart.db").display());
    assert_eq!(pantau(&["import", example], &apart).status.code(), Some(0));
    assert_eq!(
        pantau(&["import", &fixed_path], &apart).status.code(),
        Some(0)
    );
    let after = history(&together);
    assert_eq!(after, history(&apart));
    assert!(
        after
            .iter()
            .any(|k| k.starts_with("R-ACTING-TOO-LONG PLT-2024-05 active=false cleared=Some(")),
        "the first file's evaluation raised it and the second's cleared it: {after:?}"
    );
}

#[test]
fn evaluate_and_violations_print_what_the_rules_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("rules.db").display());
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/examples/batch-violations-32.73.json"
    );
    assert_eq!(pantau(&["import", example], &url).status.code(), Some(0));

    let out = pantau(&["evaluate", "--as-of", "2026-01-01"], &url);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(summary.contains("evaluation as of 2026-01-01"), "{summary}");
    let line = summary
        .lines()
        .find(|l| l.starts_with("R-SEL-AGE"))
        .expect("a line per rule");
    assert_eq!(
        line.split_whitespace().collect::<Vec<_>>(),
        ["R-SEL-AGE", "medium", "1", "0", "0"],
        "raised by the import's own evaluation already"
    );

    let out = pantau(
        &["violations", "--agency", "32.73", "--format", "json"],
        &url,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON array");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 13);
    for field in [
        "rule_id",
        "agency_code",
        "record_kind",
        "record_id",
        "subject_nip",
        "event_date",
        "severity",
        "status",
        "legal_basis",
        "message",
    ] {
        assert!(
            rows.iter().all(|r| r.get(field).is_some()),
            "every row has {field}"
        );
    }

    let out = pantau(
        &["violations", "--rule", "R-PANSEL-SIZE", "--format", "csv"],
        &url,
    );
    let csv = text(&out.stdout);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.starts_with("id,rule_id,severity,status,agency_code,"));

    let out = pantau(
        &[
            "violations",
            "--as-of",
            "2024-10-15",
            "--rule",
            "R-NEU-NO-FOLLOWUP",
        ],
        &url,
    );
    assert!(
        text(&out.stdout).contains("0 pelanggaran"),
        "{}",
        text(&out.stdout)
    );
    let out = pantau(
        &[
            "violations",
            "--as-of",
            "2024-10-16",
            "--rule",
            "R-NEU-NO-FOLLOWUP",
        ],
        &url,
    );
    assert!(
        text(&out.stdout).contains("1 pelanggaran"),
        "{}",
        text(&out.stdout)
    );

    for (args, code) in [
        (&["violations", "--rule", "R-NOPE"][..], 2),
        (&["violations", "--status", "closed"], 2),
        (&["violations", "--agency", "99.99"], 2),
        (&["violations", "--as-of", "2024-02-30"], 2),
        (&["params", "set", "neutrality.followup_days", "-1"], 3),
        (&["params", "set", "no.such", "1"], 3),
        (
            &[
                "params",
                "set",
                "neutrality.followup_days",
                "30",
                "--from",
                "2024-02-30",
            ],
            2,
        ),
        (
            &[
                "params",
                "set",
                "tenure.covid_window_end",
                "2019-01-01",
                "--from",
                "2024-03-15",
            ],
            3,
        ),
    ] {
        let out = pantau(args, &url);
        assert_eq!(
            out.status.code(),
            Some(code),
            "pantau {args:?}: {}",
            text(&out.stderr)
        );
    }
    let out = pantau(&["params", "set", "neutrality.followup_days", "30"], &url);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = pantau(&["params"], &url);
    assert!(
        text(&out.stdout)
            .lines()
            .any(|l| l.starts_with("neutrality.followup_days") && l.contains("30  (default 14)")),
        "{}",
        text(&out.stdout)
    );
    // A dated change (issue #19): listed under its parameter with its day and legal basis; the recommendation
    // of 2024-10-01 is judged with the 30 days in force then, not with a change from 2024-11-01.
    let dated = [
        "params",
        "set",
        "neutrality.followup_days",
        "7",
        "--from",
        "2024-11-01",
        "--basis",
        "SE 2024",
    ];
    let out = pantau(&dated, &url);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = pantau(&["params"], &url);
    assert!(
        text(&out.stdout)
            .lines()
            .any(|l| l.contains("7  from 2024-11-01 (SE 2024)")),
        "{}",
        text(&out.stdout)
    );
    let out = pantau(
        &[
            "violations",
            "--as-of",
            "2024-10-16",
            "--rule",
            "R-NEU-NO-FOLLOWUP",
        ],
        &url,
    );
    assert!(
        text(&out.stdout).contains("0 pelanggaran"),
        "30 days from 2024-10-01 run to 2024-10-31: {}",
        text(&out.stdout)
    );
    let earlier = [
        "params",
        "set",
        "neutrality.followup_days",
        "7",
        "--from",
        "2024-10-01",
    ];
    assert_eq!(pantau(&earlier, &url).status.code(), Some(0));
    let out = pantau(
        &[
            "violations",
            "--as-of",
            "2024-10-16",
            "--rule",
            "R-NEU-NO-FOLLOWUP",
        ],
        &url,
    );
    assert!(
        text(&out.stdout).contains("1 pelanggaran"),
        "7 days from the letter's own date: {}",
        text(&out.stdout)
    );
}

#[test]
fn csv_files_import_like_their_json_twin_and_errors_name_file_row_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("csv.db").display());
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/examples");
    let mut csv: Vec<String> = std::fs::read_dir(format!("{examples}/csv"))
        .expect("csv examples")
        .filter_map(|e| e.ok().map(|e| e.path().display().to_string()))
        .collect();
    csv.sort();
    assert_eq!(
        csv.len(),
        11,
        "one example per kind, selections in three files"
    );
    let mut args = vec!["import", "--format", "json"];
    args.extend(csv.iter().map(String::as_str));
    let out = pantau(&args, &url);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(
        (line["agency_code"].as_str(), line["created"].as_i64()),
        (Some("32.04"), Some(9))
    );

    let json = format!("{examples}/batch-32.04.json");
    let out = pantau(&["import", "--format", "json", &json], &url);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        (
            line["created"].as_i64(),
            line["updated"].as_i64(),
            line["unchanged"].as_i64()
        ),
        (Some(0), Some(0), Some(8)),
        "the CSV examples store exactly what the JSON example holds: {line}"
    );

    let bad = dir.path().join("rotation-2025.csv");
    std::fs::write(
        &bad,
        "agency_code,id,nip,name,from_position.title,from_position.level,held_since,effective_on,basis\n\
         32.04,M-1,197001012000032001,A,Kepala Dinas,pratama,2024-01-01,2025-01-01,job_fit\n\
         32.04,M-2,19700101200003200,B,Kepala Dinas,pratama,2024-01-01,2023-12-01,promotion\n",
    )
    .expect("write");
    let out = pantau(
        &["import", "--format", "json", &bad.display().to_string()],
        &url,
    );
    assert_eq!(out.status.code(), Some(3));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let places: Vec<(i64, String)> = line["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["row"].as_i64().unwrap_or(0),
                e["column"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            (3, "nip".to_string()),
            (3, "effective_on".to_string()),
            (3, "basis".to_string())
        ]
    );
    assert!(line["errors"][0]["file"]
        .as_str()
        .is_some_and(|f| f.ends_with("rotation-2025.csv")));
    let out = pantau(
        &[
            "violations",
            "--format",
            "json",
            "--rule",
            "R-JOBFIT-NO-REC",
        ],
        &url,
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("json"),
        serde_json::json!([]),
        "the valid row M-1 of the refused file was not stored either"
    );

    let unknown = dir.path().join("mutasi.csv");
    std::fs::write(&unknown, "agency_code,id\n32.04,X\n").expect("write");
    let out = pantau(&["import", &unknown.display().to_string()], &url);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stdout).contains("name it <kind>.csv"),
        "{}",
        text(&out.stdout)
    );
}

/// A workbook with a sheet per CSV example: dates as Excel dates, numbers as numbers, text as text.
fn workbook_from_examples(path: &std::path::Path, nip_as_number: bool) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/examples/csv");
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut files: Vec<_> = std::fs::read_dir(examples)
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for file in files {
        let sheet = book.add_worksheet();
        let name = file.file_stem().and_then(|s| s.to_str()).expect("name");
        sheet.set_name(name).expect("sheet name");
        let mut reader = csv::Reader::from_path(&file).expect("csv");
        let headers: Vec<String> = reader
            .headers()
            .expect("headers")
            .iter()
            .map(str::to_string)
            .collect();
        for (c, header) in headers.iter().enumerate() {
            sheet.write_string(0, c as u16, header).expect("header");
        }
        for (r, record) in reader.records().enumerate() {
            let row = r as u32 + 1;
            for (c, (header, value)) in headers.iter().zip(record.expect("row").iter()).enumerate()
            {
                let col = c as u16;
                if value.is_empty() {
                    continue;
                }
                if header.ends_with("_on") || header == "held_since" {
                    let d = ExcelDateTime::parse_from_str(value).expect("date");
                    sheet
                        .write_datetime_with_format(row, col, &d, &date)
                        .expect("date cell");
                } else if ["year", "total_score", "proposed_rank"].contains(&header.as_str())
                    || (nip_as_number && header == "nip")
                {
                    sheet
                        .write_number(row, col, value.parse::<f64>().expect("number"))
                        .expect("number cell");
                } else {
                    sheet.write_string(row, col, value).expect("text cell");
                }
            }
        }
    }
    book.add_worksheet()
        .set_name("Petunjuk")
        .expect("an empty instructions sheet");
    book.save(path).expect("save workbook");
}

#[test]
fn an_excel_workbook_imports_like_its_csv_and_json_twins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("xlsx.db").display());
    let book = dir.path().join("laporan-32.04.xlsx");
    workbook_from_examples(&book, false);
    let out = pantau(
        &["import", "--format", "json", book.to_str().expect("path")],
        &url,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(line["created"].as_i64(), Some(9), "{line}");
    let json = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/examples/batch-32.04.json"
    );
    let out = pantau(&["import", "--format", "json", json], &url);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        (line["updated"].as_i64(), line["unchanged"].as_i64()),
        (Some(0), Some(8)),
        "Excel dates and numbers arrive as the JSON example has them: {line}"
    );

    let bad = dir.path().join("nip-angka.xlsx");
    workbook_from_examples(&bad, true);
    let out = pantau(
        &["import", "--format", "json", bad.to_str().expect("path")],
        &url,
    );
    assert_eq!(out.status.code(), Some(3));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let first = &line["errors"][0];
    assert!(
        first["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("nip-angka.xlsx › acting_assignment")),
        "{first}"
    );
    assert_eq!(
        (first["row"].as_i64(), first["column"].as_str()),
        (Some(2), Some("nip"))
    );
    assert!(
        first["message_en"]
            .as_str()
            .is_some_and(|m| m.contains("lost digits")),
        "{first}"
    );

    let out = pantau(
        &[
            "import",
            dir.path().join("none.docx").to_str().expect("path"),
        ],
        &url,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "an unsupported type stops before anything is read"
    );
}

#[test]
fn people_get_a_generated_password_once_and_a_new_one_on_reset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("people.db").display());
    let out = pantau(
        &["user", "add", "ana", "--role", "analyst", "--password"],
        &url,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let first = stdout.trim().lines().last().unwrap_or_default().to_string();
    assert_eq!(
        first.len(),
        16,
        "the password alone on the last line: {stdout}"
    );
    assert!(stdout.contains("/masuk"));
    let out = pantau(&["user", "password", "ana"], &url);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let second = text(&out.stdout)
        .trim()
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert_eq!(second.len(), 16);
    assert_ne!(first, second);
    assert_eq!(
        pantau(&["user", "password", "nobody"], &url).status.code(),
        Some(3)
    );
}

/// Issue #14, through the command line and under a memory cap: a 1.5 KB workbook whose used range runs from A1 to
/// XFD1048576 once made `pantau import` abort ("memory allocation of 549755813888 bytes failed"). Under
/// `ulimit -v` (2 GiB of address space) it is now refused with exit code 3, naming the sheet's limits.
#[test]
fn a_sparse_workbook_is_refused_within_a_memory_cap() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("sparse.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("rotation").expect("name");
    sheet.write_string(0, 0, "agency_code").expect("A1");
    sheet
        .write_string(1_048_575, 16_383, "x")
        .expect("XFD1048576");
    book.save(&path).expect("save");
    assert!(
        std::fs::metadata(&path).expect("file").len() < 16 * 1024,
        "a small file"
    );
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let output = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 2097152 && exec "$0" import "$1""#)
        .arg(env!("CARGO_BIN_EXE_pantau"))
        .arg(&path)
        .env("DATABASE_URL", &url)
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(3), "{stdout}\n{stderr}");
    assert!(
        format!("{stdout}{stderr}").contains("terlalu besar")
            || format!("{stdout}{stderr}").contains("too large"),
        "{stdout}\n{stderr}"
    );
}

#[test]
fn users_get_an_e_mail_address_and_the_daily_mail_pass_runs_by_hand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("mail.db").display());
    let add = |email: &str| {
        pantau(
            &[
                "user", "add", "tu", "--role", "agency", "--agency", "32.73", "--email", email,
            ],
            &url,
        )
    };
    let bad = add("bukan alamat");
    assert_eq!(bad.status.code(), Some(3), "{}", text(&bad.stderr));
    assert!(text(&bad.stderr).contains("not an e-mail address"));
    let good = add("tu@bandung.go.id");
    assert_eq!(
        good.status.code(),
        Some(0),
        "the refused add stored nothing: {}",
        text(&good.stderr)
    );
    let email = pantau(&["user", "email", "tu", "  "], &url);
    assert!(
        text(&email.stdout).contains("removed"),
        "{}",
        text(&email.stdout)
    );
    let follow = pantau(&["user", "follow", "tu", "99"], &url);
    assert_eq!(follow.status.code(), Some(2), "99 is no province");
    let remind = pantau(&["remind", "--as-of", "2025-07-16"], &url);
    assert_eq!(remind.status.code(), Some(0), "{}", text(&remind.stderr));
    assert!(text(&remind.stdout).contains("as of 2025-07-16: 0 reminders, 0 overdue notices"));
    let outbox = pantau(&["outbox"], &url);
    assert_eq!(outbox.status.code(), Some(0));
    assert!(text(&outbox.stdout).starts_with("    ID KIND"));
    let send = Command::new(env!("CARGO_BIN_EXE_pantau"))
        .args(["outbox", "--send"])
        .env("DATABASE_URL", &url)
        .env_remove("PANTAU_SMTP_URL")
        .output()
        .expect("run");
    assert_eq!(send.status.code(), Some(2), "nothing to send through");
    assert!(text(&send.stderr).contains("PANTAU_SMTP_URL is not set"));
}

/// `pantau agency …` (issue #19): add, rename, retire, list as of a date and import a CSV; every refusal exits 3
/// and stores nothing.
#[test]
fn the_registry_is_administered_from_the_command_line_and_refusals_store_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("registry.db").display());
    let count = |url: &str| {
        let out = pantau(&["agency", "list", "--format", "csv"], url);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout).lines().count() - 1
    };
    assert_eq!(count(&url), 635);
    let add = [
        "agency",
        "add",
        "L99",
        "--name",
        "Badan Uji",
        "--kind",
        "institution",
        "--from",
        "2025-01-01",
    ];
    assert_eq!(pantau(&add, &url).status.code(), Some(0));
    let csv = dir.path().join("more.csv");
    std::fs::write(
        &csv,
        "code,name,kind,province_code,autonomous\nL97,Badan Satu,institution,,true\nL98,\"Badan Dua, Nasional\",institution,,true\n",
    )
    .expect("write");
    let bad_csv = dir.path().join("bad.csv");
    std::fs::write(
        &bad_csv,
        "code,name,kind,province_code,autonomous\nL96,Badan Tiga,institution,,true\nL99,Badan Lagi,institution,,true\n",
    )
    .expect("write");
    let refusals: [&[&str]; 9] = [
        &add, // duplicate code
        &[
            "agency",
            "add",
            "32.99",
            "--name",
            "Kota",
            "--kind",
            "city",
            "--province",
            "99",
        ],
        &[
            "agency",
            "rename",
            "L00",
            "--name",
            "Badan",
            "--from",
            "2025-01-01",
        ], // unknown code
        &[
            "agency",
            "rename",
            "L99",
            "--name",
            "Badan",
            "--from",
            "2024-12-31",
        ], // before it existed
        &["agency", "retire", "L99", "--on", "2024-12-31"], // before it existed
        &["agency", "retire", "L00", "--on", "2025-12-31"], // unknown code
        &[
            "agency",
            "retire",
            "L99",
            "--on",
            "2025-12-31",
            "--succeeded-by",
            "L00",
        ],
        &["agency", "import", bad_csv.to_str().expect("path")], // L99 again: all or nothing
        &[
            "agency",
            "add",
            "L95",
            "--name",
            "\u{7}",
            "--kind",
            "institution",
        ],
    ];
    for args in refusals {
        let out = pantau(args, &url);
        assert_eq!(
            out.status.code(),
            Some(3),
            "pantau {args:?}: {}",
            text(&out.stderr)
        );
    }
    assert_eq!(
        count(&url),
        636,
        "nothing of a refusal was stored (L96 of the bad file neither)"
    );
    assert_eq!(
        pantau(&["agency", "import", csv.to_str().expect("path")], &url)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(count(&url), 638);
    let rename = [
        "agency",
        "rename",
        "L99",
        "--name",
        "Badan Uji Nasional",
        "--from",
        "2026-01-01",
    ];
    assert_eq!(pantau(&rename, &url).status.code(), Some(0));
    let retire = [
        "agency",
        "retire",
        "L99",
        "--on",
        "2026-06-30",
        "--succeeded-by",
        "K02",
    ];
    assert_eq!(pantau(&retire, &url).status.code(), Some(0));
    assert_eq!(
        pantau(&retire, &url).status.code(),
        Some(3),
        "retired twice"
    );
    let listed = |as_of: &str| {
        let out = pantau(
            &["agency", "list", "--as-of", as_of, "--format", "json"],
            &url,
        );
        let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        list.as_array()
            .expect("list")
            .iter()
            .find(|a| a["code"] == "L99")
            .map(|a| a["name"].as_str().unwrap_or_default().to_string())
    };
    assert_eq!(listed("2024-12-31"), None, "not yet");
    assert_eq!(listed("2025-12-31").as_deref(), Some("Badan Uji"));
    assert_eq!(listed("2026-06-30").as_deref(), Some("Badan Uji Nasional"));
    assert_eq!(listed("2026-07-01"), None, "retired");
}
