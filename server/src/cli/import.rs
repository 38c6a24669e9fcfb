//! `pantau import [--format text|json] FILE...`: each `.json` file is one batch; `.csv` files and the sheets of
//! `.xlsx` workbooks given together form one batch per agency code (reports.md, docs/csv.md). Each batch is stored whole or refused whole; refused batches are
//! reported and make the command exit 3 after the others were imported.

use std::path::PathBuf;

use super::{rules::progress_bar, CliError, ImportArgs, ImportFormat};
use crate::db::SubmissionMeta;
use crate::import::csv::CsvFile;
use crate::import::FieldError;
use crate::service::evaluation::{self, EvaluationError};
use crate::service::import::{
    import_csv, store_validated, validated_json, Evaluate, ImportError, Imported, Validated,
};

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
    // The files are read, parsed and validated one ahead, on another task, while the batch before is stored and
    // evaluated (the second core was idle: reading, parsing and validating a batch is a quarter of its import
    // at `--scale 10`). What validation checks against (the registry, the rules' parameters) no import changes,
    // and the checks against stored records are made in turn by `store_validated`, so the outcome is the same as
    // one file after the other.
    let mut files = read_ahead(db.clone(), args.files.clone(), today);
    // Each accepted batch's agency is evaluated while the next batch is stored (on SQLite the evaluation's rules
    // run beside the store's statements; on PostgreSQL two connections work at once). One evaluation at a time,
    // in the files' order, and each batch reported once its evaluation is done, before anything after it: the
    // outcome and the output are those of one file after the other. Checking a batch never reads what an
    // evaluation writes (violations, signals, figures; never a recommendation's status), and an evaluation
    // reads only its agency's records, cases and recommendations, so a batch of the same agency waits for it.
    let mut evaluating: Option<Evaluating> = None;
    while let Some(read) = files.recv().await {
        let file = read.path.display().to_string();
        let content = match read.content {
            Ok(content) => content,
            Err(err) => {
                settle(&mut evaluating, &bar, args.format).await?;
                return Err(err);
            }
        };
        match content {
            Content::Tabular(Ok(sheets)) => csv_files.extend(sheets),
            Content::Tabular(Err(errors)) => {
                settle(&mut evaluating, &bar, args.format).await?;
                let refusal = Err(ImportError::Rejected(errors));
                refused += bar.suspend(|| report(&[file], refusal, args.format))?
            }
            Content::Json(validated) => {
                let name = read
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned());
                let meta = meta(name);
                let outcome = match validated {
                    Ok(validated) => {
                        // The same agency again: its evaluation must see the one file, not half of the next.
                        if evaluating
                            .as_ref()
                            .is_some_and(|e| e.imported.agency_code == validated.agency_code())
                        {
                            settle(&mut evaluating, &bar, args.format).await?;
                        }
                        store_validated(
                            &db,
                            validated,
                            &meta,
                            today,
                            &|errors| errors,
                            Evaluate::Later,
                        )
                        .await
                    }
                    Err(err) => Err(err),
                };
                settle(&mut evaluating, &bar, args.format).await?;
                stored += stored_records(&outcome);
                match outcome {
                    Ok(imported) => {
                        evaluating =
                            Some(Evaluating::start(&db, file, imported, today, meta.actor()));
                    }
                    Err(err) => {
                        refused += bar.suspend(|| report(&[file], Err(err), args.format))?;
                        bar.inc(1);
                    }
                }
            }
        }
    }
    settle(&mut evaluating, &bar, args.format).await?;
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

/// An accepted batch whose agency is being evaluated on a task of its own, reported when that is done.
struct Evaluating {
    file: String,
    imported: Imported,
    task: tokio::task::JoinHandle<Result<evaluation::Summary, EvaluationError>>,
}

impl Evaluating {
    fn start(
        db: &crate::db::Db,
        file: String,
        imported: Imported,
        today: crate::domain::Date,
        actor: &str,
    ) -> Evaluating {
        let (db, code, actor) = (db.clone(), imported.agency_code.clone(), actor.to_string());
        let task =
            tokio::spawn(async move { evaluation::run_agency(&db, &code, today, &actor).await });
        Evaluating {
            file,
            imported,
            task,
        }
    }
}

/// Waits for the evaluation under way, if any, and reports its batch; a failed evaluation stops the run (the batch
/// stays stored), as [`report`] says.
async fn settle(
    evaluating: &mut Option<Evaluating>,
    bar: &indicatif::ProgressBar,
    format: ImportFormat,
) -> Result<(), CliError> {
    let Some(Evaluating {
        file,
        imported,
        task,
    }) = evaluating.take()
    else {
        return Ok(());
    };
    let outcome = match task.await {
        Ok(evaluated) => evaluated.map(|_| imported).map_err(ImportError::from),
        Err(failed) if failed.is_panic() => std::panic::resume_unwind(failed.into_panic()),
        Err(failed) => {
            return Err(anyhow::anyhow!("{file}: the evaluation stopped: {failed}").into())
        }
    };
    bar.suspend(|| report(&[file], outcome, format))?;
    bar.inc(1);
    Ok(())
}

/// Stored records (created or updated) after which an import refreshes the planner's statistics (PostgreSQL's
/// `ANALYZE`; nothing on SQLite): a bulk load into an empty database otherwise leaves PostgreSQL planning blind
/// where autovacuum is off or has not come round yet (85 ms against 2.5 ms for one query of a clerk's batch after
/// the `--scale 10` demo, docs/benchmarks.md). A clerk's batch of a few hundred records does not pay for it.
pub const BULK_RECORDS: usize = 10_000;

/// One file as the importer gets it from [`read_ahead`], in the order given.
struct Read {
    path: PathBuf,
    /// An unreadable file stops the run: the batches before it are stored, each whole.
    content: Result<Content, CliError>,
}

enum Content {
    /// A JSON batch, validated (or the database failure that stopped its validation).
    Json(Result<Validated, ImportError>),
    /// A CSV file or a workbook's sheets, which form their batches with the other tabular files, or the errors
    /// that refuse the file.
    Tabular(Result<Vec<CsvFile>, Vec<FieldError>>),
}

/// Reads, parses and validates `files` in order on a task of its own, at most one file ahead of the caller: the
/// channel holds one, so at most three batches are in memory at once (the one stored, the one waiting, the one
/// being read), whatever the number of files (issue #21's memory bound).
fn read_ahead(
    db: crate::db::Db,
    files: Vec<PathBuf>,
    today: crate::domain::Date,
) -> tokio::sync::mpsc::Receiver<Read> {
    let (sender, receiver) = tokio::sync::mpsc::channel(1);
    tokio::spawn(async move {
        for path in files {
            let content = read_one(&db, &path, today).await;
            let stop = content.is_err();
            if sender.send(Read { path, content }).await.is_err() || stop {
                break;
            }
        }
    });
    receiver
}

async fn read_one(
    db: &crate::db::Db,
    path: &std::path::Path,
    today: crate::domain::Date,
) -> Result<Content, CliError> {
    let has = |ext: &str| {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    };
    let file = path.display().to_string();
    // Read at its turn, not with the others up front: the whole `--scale 10` data set is 432 MB of JSON in 635
    // files (CSV files and workbooks form their batches together, so they are held until all are read). A file
    // that became unreadable since [`check_files`] stops the run.
    let bytes = std::fs::read(path).map_err(|e| {
        anyhow::anyhow!("{}: {e}; the files before it were imported", path.display())
    })?;
    if has("xlsx") {
        return Ok(Content::Tabular(crate::import::xlsx::sheets(&file, bytes)));
    }
    if has("csv") {
        return Ok(Content::Tabular(
            CsvFile::from_bytes(file, bytes).map(|csv| vec![csv]),
        ));
    }
    // A JSON file that is not UTF-8 is read with replacement characters, which the validator then reports.
    let text = String::from_utf8_lossy(&bytes);
    Ok(Content::Json(validated_json(db, &text, today).await))
}

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
