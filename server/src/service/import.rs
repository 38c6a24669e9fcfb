//! One batch from text to the database: parse, look the agency up, validate, store whole or refuse whole.

use serde_json::Value;

use crate::db::{Db, DbError, StorableBatch, StoreCounts, SubmissionMeta};
use crate::domain::records::{Batch, RecordBody};
use crate::domain::Date;
use crate::import::csv::CsvFile;
use crate::import::validate::{cap_errors, validate_batch_within, DateBounds, FieldError};
use crate::service::evaluation::{self, EvaluationError};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The batch was refused; nothing of it was stored.
    #[error("the batch was refused with {} error(s)", .0.len())]
    Rejected(Vec<FieldError>),
    #[error(transparent)]
    Database(#[from] DbError),
    /// The batch was stored, but re-evaluating the agency failed.
    #[error("the batch was stored, but evaluating the rules failed: {0}")]
    Evaluation(#[from] EvaluationError),
}

/// The outcome of an accepted batch.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Imported {
    pub agency_code: String,
    /// Serialised flat: `{"agency_code", "created", "updated", "unchanged"}` (interfaces.md).
    #[serde(flatten)]
    pub counts: StoreCounts,
}

/// Imports one JSON batch. A refused batch is logged (for the agency's data quality) but none of its records is
/// stored.
pub async fn import_json(
    db: &Db,
    text: &str,
    meta: &SubmissionMeta,
    today: Date,
) -> Result<Imported, ImportError> {
    let validated = validated_json(db, text, today).await?;
    store_validated(
        db,
        validated,
        meta,
        today,
        &|errors| errors,
        Evaluate::Agency,
    )
    .await
}

/// Imports one batch already parsed from JSON. An accepted batch re-evaluates the rules for its agency (only), as
/// of `today`, so that violations appear and corrected records clear theirs without waiting for a full run.
pub async fn import_document(
    db: &Db,
    document: &Value,
    meta: &SubmissionMeta,
    today: Date,
) -> Result<Imported, ImportError> {
    import_document_with(db, document, meta, today, Evaluate::Agency).await
}

/// [`import_document`], the agency evaluated afterwards or not: the demo's answers to recommendations are stored
/// with [`Evaluate::Later`], then judged, and each agency evaluated once (as `recommendations::judge` leaves it to
/// the caller).
pub async fn import_document_with(
    db: &Db,
    document: &Value,
    meta: &SubmissionMeta,
    today: Date,
    evaluate: Evaluate,
) -> Result<Imported, ImportError> {
    import_located(db, document, meta, today, &|errors| errors, evaluate).await
}

/// Whether an accepted batch is followed by its agency's evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evaluate {
    Agency,
    /// The caller evaluates the agency itself, after more changes.
    Later,
}

/// [`import_document`], with the errors of a refused batch passed through `locate` (CSV: file, row and column)
/// before they are logged and returned.
async fn import_located(
    db: &Db,
    document: &Value,
    meta: &SubmissionMeta,
    today: Date,
    locate: &(dyn Fn(Vec<FieldError>) -> Vec<FieldError> + Sync),
    evaluate: Evaluate,
) -> Result<Imported, ImportError> {
    let validated = validate(db, document, today).await?;
    store_validated(db, validated, meta, today, locate, evaluate).await
}

/// A batch checked on its own — its shape, its values, its agency in the registry, its dates within the rules'
/// parameters and the agency's lifespan — with its records' stored forms made ([`StorableBatch`]), or the errors
/// that refuse it. What it was checked against changes only with the registry and the parameters, never with an
/// import, so a caller importing many batches validates the next one while the one before is stored
/// ([`validated_json`]); the checks against other stored records wait for [`store_validated`], in turn.
pub struct Validated {
    agency_code: String,
    outcome: Result<StorableBatch, Vec<FieldError>>,
}

impl Validated {
    /// The agency the batch says it is from (empty when it names none).
    pub fn agency_code(&self) -> &str {
        &self.agency_code
    }
}

/// The first half of an import: see [`Validated`]. Only a database failure is an error here.
pub async fn validate(db: &Db, document: &Value, today: Date) -> Result<Validated, ImportError> {
    let started = std::time::Instant::now();
    let code = document
        .get("agency_code")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let agency = if code.is_empty() {
        None
    } else {
        db.agency(&code).await?
    };
    // Invalid stored parameters are reported by the evaluation; the import keeps to the defaults then.
    let params = super::parameters::in_force(db).await.unwrap_or_default();
    let (earliest, latest) = params.date_bounds(today);
    // A retired agency keeps what it reported, but nothing dated after its last day is taken (issue #19).
    let retired_on = match &agency {
        Some(a) => db
            .agency_lifespan(&a.code)
            .await?
            .and_then(|(_, retired)| retired)
            .and_then(|d| Date::parse(&d).ok()),
        None => None,
    };
    let bounds = DateBounds {
        earliest,
        latest,
        retired_on,
    };
    let outcome = match validate_batch_within(
        document,
        |c| agency.clone().filter(|a| a.code == c),
        today,
        bounds,
    ) {
        Ok(batch) => Ok(StorableBatch::new(batch)?),
        Err(errors) => Err(errors),
    };
    tracing::debug!(elapsed = ?started.elapsed(), "batch validated");
    Ok(Validated {
        agency_code: code,
        outcome,
    })
}

/// [`validate`] of a JSON text: a text that is not JSON is refused with that one error.
pub async fn validated_json(db: &Db, text: &str, today: Date) -> Result<Validated, ImportError> {
    match serde_json::from_str::<Value>(text) {
        Ok(document) => validate(db, &document, today).await,
        Err(err) => Ok(Validated {
            agency_code: String::new(),
            outcome: Err(vec![FieldError::not_json(err)]),
        }),
    }
}

/// The second half of an import: a validated batch checked against the stored records it names (complaints of
/// its own agency, recommendations it answers), then stored whole and its agency evaluated; or its refusal,
/// with the errors passed through `locate`, logged and returned.
pub async fn store_validated(
    db: &Db,
    validated: Validated,
    meta: &SubmissionMeta,
    today: Date,
    locate: &(dyn Fn(Vec<FieldError>) -> Vec<FieldError> + Sync),
    evaluate: Evaluate,
) -> Result<Imported, ImportError> {
    let started = std::time::Instant::now();
    let checked = match validated.outcome {
        Ok(storable) => {
            let mut foreign = foreign_references(db, storable.batch()).await?;
            foreign.extend(super::recommendations::check_answers(db, storable.batch()).await?);
            if foreign.is_empty() {
                Ok(storable)
            } else {
                Err(foreign)
            }
        }
        Err(errors) => Err(errors),
    };
    match checked {
        Ok(storable) => {
            let counts = db.store_batch(&storable, meta).await?;
            tracing::debug!(elapsed = ?started.elapsed(), "batch stored");
            let agency_code = storable.batch().agency_code.clone();
            if evaluate == Evaluate::Agency {
                evaluation::run_agency(db, &agency_code, today, meta.actor()).await?;
            }
            // Freed on a blocking thread: the batch's JSON trees, made by the thread that validated it, took an
            // eighth of the writer's time to free at `--scale 10` (issue #21); nothing waits for it.
            tokio::task::spawn_blocking(move || drop(storable));
            Ok(Imported {
                agency_code,
                counts,
            })
        }
        Err(errors) => {
            let errors = cap_errors(locate(errors));
            db.log_refused(Some(&validated.agency_code), meta, &errors)
                .await?;
            Err(ImportError::Rejected(errors))
        }
    }
}

/// References from a record to another record must stay inside the batch's agency (issue #14: a clerk's
/// `neutrality_followup` naming another agency's complaint changed that case's decision). A complaint reference
/// is `<agency_code>/<id>` for an imported complaint, which must be this agency's, or a form complaint's
/// `NET-…`, which must exist and concern this agency. (A rotation's `job_fit_id` is resolved among the agency's
/// own records by the rules, so it cannot reach another agency.)
async fn foreign_references(db: &Db, batch: &Batch) -> Result<Vec<FieldError>, DbError> {
    let mut errors = Vec::new();
    for (index, record) in batch.records.iter().enumerate() {
        let RecordBody::NeutralityFollowup(followup) = &record.body else {
            continue;
        };
        let reference = followup.complaint_ref.trim();
        let own = if reference.starts_with("NET-") {
            db.case_by_reference(reference)
                .await?
                .is_some_and(|case| case.agency_code == batch.agency_code)
        } else {
            reference
                .split_once('/')
                .is_some_and(|(agency, id)| agency == batch.agency_code && !id.is_empty())
        };
        if !own {
            errors.push(FieldError::on_record(
                (index, &record.id),
                "complaint_ref",
                format!(
                    "{reference:?} bukan pengaduan instansi {} (rujukan hanya boleh ke pengaduan instansi sendiri: \"{}/<id>\" atau nomor NET- yang ditujukan ke instansi ini)",
                    batch.agency_code, batch.agency_code
                ),
                format!(
                    "{reference:?} is not a complaint of agency {} (a reference may name only this agency's complaints: \"{}/<id>\" or a NET- reference filed against this agency)",
                    batch.agency_code, batch.agency_code
                ),
            ));
        }
    }
    Ok(errors)
}

/// Imports CSV files sent together (`csv.rs`): one batch per agency code, each stored whole or refused whole, with
/// every error naming file, row and column. Problems with the files themselves (an unknown kind or column, an
/// unreadable cell) refuse them all. Returns each batch's files and outcome.
pub async fn import_csv(
    db: &Db,
    files: &[CsvFile],
    meta: &SubmissionMeta,
    today: Date,
) -> Result<Vec<(Vec<String>, Result<Imported, ImportError>)>, ImportError> {
    let batches = match crate::import::csv::batches(files) {
        Ok(batches) => batches,
        Err(errors) => {
            let errors = cap_errors(errors);
            db.log_refused(None, meta, &errors).await?;
            return Err(ImportError::Rejected(errors));
        }
    };
    let mut outcomes = Vec::with_capacity(batches.len());
    for batch in batches {
        let meta = SubmissionMeta {
            file_name: Some(batch.files.join(", ")),
            ..meta.clone()
        };
        let outcome = import_located(
            db,
            &batch.document,
            &meta,
            today,
            &|errors| batch.locate(errors),
            Evaluate::Agency,
        )
        .await;
        outcomes.push((batch.files, outcome));
    }
    Ok(outcomes)
}
