//! Filling an empty database with the demo data set (`pantau demo`, `pantau bench`, `make run`): one generated
//! batch per agency through the normal import path, then complaints filed through the public form's service and
//! taken through the case workflow by a demo commissioner, each step audited like a person's, and recommendations
//! issued, answered and judged (`followups`).

use super::{agency_batch, case_steps, form_complaints};
use crate::auth::{Principal, Role};
use crate::db::{Db, DbError, SubmissionMeta};
use crate::service::import::{
    import_document_with, store_validated, validate, Evaluate, ImportError, Imported,
};

/// Why the demo data was not stored.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("--scale must be above 0 and at most 100, not {0}")]
    Scale(f64),
    #[error("the database already holds {0} records; the demo fills an empty database only (use a new file)")]
    NotEmpty(i64),
    #[error(transparent)]
    Database(#[from] DbError),
    #[error(transparent)]
    Evaluation(#[from] crate::service::evaluation::EvaluationError),
    /// The generator makes only valid data: anything refused is a bug, reported with its details.
    #[error("demo data of {0} refused: {1}")]
    Refused(String, String),
}

/// What was stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filled {
    pub agencies: usize,
    pub records: i64,
    /// Recommendations issued on the demo's violations (`followups`).
    pub recommendations: usize,
}

/// Imports the demo batches (from `seed`, `scale` records per agency and year) into an empty database;
/// `progress(done, of)` is told after each agency.
pub async fn fill(
    db: &Db,
    seed: u64,
    scale: f64,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<Filled, DemoError> {
    if !(scale > 0.0 && scale <= 100.0) {
        return Err(DemoError::Scale(scale));
    }
    let existing = db.record_count().await?;
    if existing > 0 {
        return Err(DemoError::NotEmpty(existing));
    }
    let agencies = db
        .list_agencies(&model::types::AgencyFilter::default())
        .await?;
    let today = crate::clock::today();
    let mut records = 0;
    // The next agency's batch is generated and validated on another task while this one is stored and evaluated
    // (together a third of the demo's time, and storing leaves the second core mostly idle); the order stays the
    // registry's. Validation checks only what no import changes (`import::Validated`).
    let prepare = |agency: &model::types::Agency| {
        let agency = agency.clone();
        let db = db.clone();
        tokio::spawn(async move {
            let code = agency.code.clone();
            let batch = tokio::task::spawn_blocking(move || agency_batch(&agency, seed, scale))
                .await
                .map_err(|err| DemoError::Refused(code.clone(), err.to_string()))?;
            validate(&db, &batch, today)
                .await
                .map_err(|err| failed(&code, err))
        })
    };
    let mut next = agencies.first().map(prepare);
    for (done, agency) in agencies.iter().enumerate() {
        let Some(preparing) = next.take() else {
            break;
        };
        let validated = preparing
            .await
            .map_err(|err| DemoError::Refused(agency.code.clone(), err.to_string()))??;
        next = agencies.get(done + 1).map(prepare);
        let outcome = store_validated(
            db,
            validated,
            &demo_meta(),
            today,
            &|errors| errors,
            Evaluate::Agency,
        )
        .await;
        records += imported(&agency.code, outcome)?;
        progress(done + 1, agencies.len());
    }
    let staff = Principal {
        user: "demo".to_string(),
        role: Role::Commissioner,
        agency_code: None,
    };
    for (n, form) in form_complaints(&agencies, seed, scale).iter().enumerate() {
        let filed = crate::service::complaints::file(db, form)
            .await
            .map_err(|err| DemoError::Refused(form.agency_code.clone(), err.to_string()))?;
        for step in case_steps(n, today) {
            crate::service::cases::take_step(db, &staff, &filed.reference, &step)
                .await
                .map_err(|err| DemoError::Refused(filed.reference.clone(), err.to_string()))?;
        }
    }
    let recommendations = super::followups::fill(db, seed, today).await?;
    // Only at the end: statistics taken while the tables are small and then left stale make PostgreSQL's plans
    // worse than none (`ANALYZE` after 1, 4, 16, 64 and 256 agencies made `--scale 3` take 88–108 s against
    // 53–61 s: an agency's violations were paged through the primary key, the revisions' inserts took twice as long).
    db.refresh_statistics().await?;
    Ok(Filled {
        agencies: agencies.len(),
        records,
        recommendations,
    })
}

/// Imports one demo batch of `code` through the normal path, the agency evaluated now or later by the caller;
/// returns the records created. A refusal is a bug of the generator: it names the agency and the first errors.
pub(super) async fn import(
    db: &Db,
    code: &str,
    batch: &serde_json::Value,
    today: crate::domain::Date,
    evaluate: Evaluate,
) -> Result<i64, DemoError> {
    let outcome = import_document_with(db, batch, &demo_meta(), today, evaluate).await;
    imported(code, outcome)
}

fn demo_meta() -> SubmissionMeta {
    SubmissionMeta {
        source: "demo",
        submitted_by: None,
        file_name: None,
        received_at: crate::clock::now_text(),
        acting_for: None,
    }
}

fn imported(code: &str, outcome: Result<Imported, ImportError>) -> Result<i64, DemoError> {
    outcome
        .map(|imported| imported.counts.created)
        .map_err(|err| failed(code, err))
}

/// Why a demo batch of `code` did not go in: a refusal is the generator's bug (its first errors named); a failing
/// database or evaluation is reported as such, not as a refusal.
fn failed(code: &str, err: ImportError) -> DemoError {
    match err {
        ImportError::Rejected(errors) => DemoError::Refused(
            code.to_string(),
            format!("{:?}", errors.iter().take(5).collect::<Vec<_>>()),
        ),
        ImportError::Database(err) => DemoError::Database(err),
        ImportError::Evaluation(err) => DemoError::Evaluation(err),
    }
}
