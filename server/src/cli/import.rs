//! `pantau import [--format text|json] FILE...`: each `.json` file is one batch; `.csv` files and the sheets of
//! `.xlsx` workbooks given together form one batch per agency code (reports.md, docs/csv.md). Each batch is stored whole or refused whole; refused batches are
//! reported and make the command exit 3 after the others were imported.

use std::path::PathBuf;

use super::{rules::progress_bar, CliError, ImportArgs, ImportFormat};
use crate::db::SubmissionMeta;
use crate::import::csv::CsvFile;
use crate::import::FieldError;
use crate::service::import::{import_csv, import_json, ImportError, Imported};

pub async fn run(database_url: &str, args: ImportArgs) -> Result<(), CliError> {
    let db = crate::service::open(database_url)
        .await
        .map_err(anyhow::Error::from)?;
    // Every file is checked and read before any is imported, so that a run never stops half-way through.
    let has = |p: &PathBuf, ext: &str| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext));
    if let Some(other) = args
        .files
        .iter()
        .find(|p| !["json", "csv", "xlsx"].iter().any(|ext| has(p, ext)))
    {
        return Err(anyhow::anyhow!(
            "{}: only .json, .csv and .xlsx files can be imported; nothing was imported",
            other.display()
        )
        .into());
    }
    let mut contents = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let bytes = std::fs::read(path)
            .map_err(|e| anyhow::anyhow!("{}: {e}; nothing was imported", path.display()))?;
        contents.push((path, bytes));
    }
    let meta = |file_name: Option<String>| SubmissionMeta {
        source: "cli",
        submitted_by: None,
        file_name,
        received_at: crate::clock::now_text(),
        acting_for: None,
    };
    let today = crate::clock::today();
    let mut refused = 0;
    let bar = progress_bar("import");
    bar.set_length(args.files.len() as u64);
    let mut csv_files = Vec::new();
    for (path, bytes) in contents {
        let file = path.display().to_string();
        if has(path, "xlsx") {
            match crate::import::xlsx::sheets(&file, bytes) {
                Ok(sheets) => csv_files.extend(sheets),
                Err(errors) => {
                    let refusal = Err(ImportError::Rejected(errors));
                    refused += bar.suspend(|| report(&[file], refusal, args.format))?
                }
            }
            continue;
        }
        if has(path, "csv") {
            match CsvFile::from_bytes(file.clone(), bytes) {
                Ok(csv) => csv_files.push(csv),
                Err(errors) => {
                    let refusal = Err(ImportError::Rejected(errors));
                    refused += bar.suspend(|| report(&[file], refusal, args.format))?
                }
            }
            continue;
        }
        // A JSON file that is not UTF-8 is read with replacement characters, which the validator then reports.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let outcome = import_json(&db, &text, &meta(name), today).await;
        refused += bar.suspend(|| report(&[file], outcome, args.format))?;
        bar.inc(1);
    }
    if !csv_files.is_empty() {
        let names: Vec<String> = csv_files.iter().map(|f| f.name.clone()).collect();
        match import_csv(&db, &csv_files, &meta(None), today).await {
            Ok(outcomes) => {
                for (files, outcome) in outcomes {
                    refused += bar.suspend(|| report(&files, outcome, args.format))?;
                }
            }
            Err(err) => refused += bar.suspend(|| report(&names, Err(err), args.format))?,
        }
        // The CSV files and workbooks form their batches together, so they advance the bar together.
        let tabular = args.files.iter().filter(|p| !has(p, "json")).count();
        bar.inc(tabular as u64);
    }
    bar.finish_and_clear();
    crate::service::public::refresh(&crate::service::AppState::new(db.clone())).await;
    if refused > 0 {
        Err(CliError::Rejected(refused))
    } else {
        Ok(())
    }
}

/// Prints one batch's outcome; returns 1 when it was refused. A database failure stops the run.
fn report(
    files: &[String],
    outcome: Result<Imported, ImportError>,
    format: ImportFormat,
) -> Result<usize, CliError> {
    let file = files.join(", ");
    match outcome {
        Ok(done) => {
            match format {
                ImportFormat::Json => {
                    let mut line = serde_json::json!({ "file": file });
                    if let (Some(line), Ok(serde_json::Value::Object(outcome))) =
                        (line.as_object_mut(), serde_json::to_value(&done))
                    {
                        line.extend(outcome);
                    }
                    println!("{line}");
                }
                ImportFormat::Text => println!(
                    "{file}: {}: {} created, {} updated, {} unchanged",
                    done.agency_code,
                    done.counts.created,
                    done.counts.updated,
                    done.counts.unchanged
                ),
            }
            Ok(0)
        }
        Err(ImportError::Rejected(errors)) => {
            match format {
                ImportFormat::Json => {
                    println!("{}", serde_json::json!({"file": file, "errors": errors}))
                }
                ImportFormat::Text => {
                    println!(
                        "{file}: DITOLAK / REFUSED, {} error(s); nothing was stored",
                        errors.len()
                    );
                    for e in &errors {
                        println!("  {}", describe(e));
                    }
                }
            }
            Ok(1)
        }
        Err(err @ (ImportError::Database(_) | ImportError::Evaluation(_))) => {
            Err(anyhow::anyhow!("{file}: {err}").into())
        }
    }
}

/// One error as a clerk reads it: where (file, row and column for CSV; record and pointer for JSON), then what.
fn describe(e: &FieldError) -> String {
    let id =
        e.id.as_deref()
            .map(|id| format!(" ({id})"))
            .unwrap_or_default();
    let at = match (&e.location, e.index) {
        (Some(l), _) => format!(
            "{} row {}{}{id}",
            l.file,
            l.row,
            l.column
                .as_deref()
                .map(|c| format!(" column {c}"))
                .unwrap_or_default()
        ),
        (None, Some(i)) => format!("record {i}{id} {}", e.pointer),
        (None, None) => format!("batch {}", e.pointer),
    };
    format!("{at}: {} / {}", e.message, e.message_en)
}
