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
    check_files(&args.files)?;
    let has = |p: &PathBuf, ext: &str| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext));
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
    let mut stored = 0;
    for path in &args.files {
        let file = path.display().to_string();
        // Read at its turn, not with the others up front: the whole `--scale 10` data set is 432 MB of JSON in 635
        // files, and an import of JSON batches holds one at a time (issue #21's memory bound; CSV files and workbooks
        // form their batches together, so they are held until all are read). A file that became unreadable since
        // [`check_files`] stops the run, the batches before it stored, each whole.
        let bytes = std::fs::read(path).map_err(|e| {
            anyhow::anyhow!("{}: {e}; the files before it were imported", path.display())
        })?;
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
        stored += stored_records(&outcome);
        refused += bar.suspend(|| report(&[file], outcome, args.format))?;
        bar.inc(1);
    }
    if !csv_files.is_empty() {
        let names: Vec<String> = csv_files.iter().map(|f| f.name.clone()).collect();
        match import_csv(&db, &csv_files, &meta(None), today).await {
            Ok(outcomes) => {
                for (files, outcome) in outcomes {
                    stored += stored_records(&outcome);
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
    if stored >= BULK_RECORDS {
        db.refresh_statistics().await.map_err(anyhow::Error::from)?;
    }
    crate::service::public::refresh(&crate::service::AppState::new(db.clone())).await;
    if refused > 0 {
        Err(CliError::Rejected(refused))
    } else {
        Ok(())
    }
}

/// Stored records (created or updated) after which an import refreshes the planner's statistics (PostgreSQL's
/// `ANALYZE`; nothing on SQLite): a bulk load into an empty database otherwise leaves PostgreSQL planning blind
/// where autovacuum is off or has not come round yet (85 ms against 2.5 ms for one query of a clerk's batch after
/// the `--scale 10` demo, docs/benchmarks.md). A clerk's batch of a few hundred records does not pay for it.
pub const BULK_RECORDS: usize = 10_000;

fn stored_records(outcome: &Result<Imported, ImportError>) -> usize {
    outcome.as_ref().map_or(0, |done| {
        usize::try_from(done.counts.created + done.counts.updated).unwrap_or(usize::MAX)
    })
}

/// Every file must be of a kind that can be imported and readable before any is imported, so that a run does
/// not stop half-way over a misspelt name. (The bytes are read later, one file at a time.)
fn check_files(files: &[PathBuf]) -> Result<(), CliError> {
    let has = |p: &PathBuf, ext: &str| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext));
    for path in files {
        if !["json", "csv", "xlsx"].iter().any(|ext| has(path, ext)) {
            return Err(anyhow::anyhow!(
                "{}: only .json, .csv and .xlsx files can be imported; nothing was imported",
                path.display()
            )
            .into());
        }
        let readable = std::fs::File::open(path).and_then(|file| {
            if file.metadata()?.is_file() {
                Ok(())
            } else {
                Err(std::io::Error::other("not a file"))
            }
        });
        readable.map_err(|e| anyhow::anyhow!("{}: {e}; nothing was imported", path.display()))?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_checked_before_any_is_read() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let batch = dir.path().join("a.json");
        std::fs::write(&batch, "{}").expect("write");
        let sheet = dir.path().join("b.CSV");
        std::fs::write(&sheet, "").expect("write");
        assert!(check_files(&[batch.clone(), sheet.clone()]).is_ok());
        let refused = |files: &[PathBuf]| match check_files(files) {
            Err(CliError::Failure(err)) => err.to_string(),
            other => panic!("refused expected, got {other:?}"),
        };
        let missing = dir.path().join("missing.json");
        let message = refused(&[batch.clone(), missing]);
        assert!(
            message.contains("missing.json") && message.contains("nothing was imported"),
            "{message}"
        );
        let folder = dir.path().join("folder.json");
        std::fs::create_dir(&folder).expect("folder");
        assert!(refused(&[batch.clone(), folder]).contains("folder.json"));
        assert!(refused(&[batch, dir.path().join("notes.txt")]).contains("only .json"));
    }
}
