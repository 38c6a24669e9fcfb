//! The clerks' upload (`POST /auth/unggah` from `/unggah`): one JSON, CSV or Excel file of their own agency,
//! read off the async workers, validated and stored whole or refused whole like a batch of the API, then back to
//! the page with the outcome.

use std::sync::OnceLock;

use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use model::Refusal;
use serde_json::Value;

use super::session::{cross_site, forbidden, see_other, session_user, STALE_FORM};
use crate::auth::{may_submit, Principal, Role};
use crate::db::{Db, SubmissionMeta};
use crate::import::csv::CsvFile;
use crate::import::FieldError;
use crate::service::import::{import_csv, import_document, ImportError};
use crate::service::AppState;

/// The largest file a clerk may upload; larger exports go through the API in parts or the command line.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

pub fn routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route(
            "/auth/unggah",
            // Room for the multipart framing around a file of the largest size.
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024)),
        )
        .with_state(app)
}

/// One uploaded file and the form's CSRF token.
struct Upload {
    csrf: String,
    file_name: String,
    bytes: Vec<u8>,
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, Refusal> {
    let mut upload = Upload {
        csrf: String::new(),
        file_name: String::new(),
        bytes: Vec::new(),
    };
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Refusal::TooLarge)?
    {
        match field.name() {
            Some("csrf") => upload.csrf = field.text().await.map_err(|_| Refusal::Failure)?,
            Some("file") => {
                upload.file_name = field.file_name().unwrap_or_default().to_string();
                upload.bytes = field.bytes().await.map_err(|_| Refusal::TooLarge)?.to_vec();
                // The body limit leaves room for the form's framing; the file itself may not use it.
                if upload.bytes.len() > MAX_UPLOAD_BYTES {
                    return Err(Refusal::TooLarge);
                }
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// `POST /auth/unggah`: a clerk's file (.json, .csv or .xlsx) through the normal import, stored whole or refused
/// whole; either way it is listed with its counts or located errors on `/unggah`, where this redirects.
async fn upload(State(app): State<AppState>, headers: HeaderMap, multipart: Multipart) -> Response {
    let db = app.db.clone();
    if cross_site(&headers) {
        return forbidden("cross-site upload refused");
    }
    let Some(user) = session_user(&db, &headers).await else {
        return see_other("/masuk?next=/unggah", None);
    };
    let (Some(agency), Role::Agency) = (user.agency_code.clone(), user.role) else {
        return see_other(&Refusal::NotClerk.at("/unggah"), None);
    };
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(refusal) => return see_other(&refusal.at("/unggah"), None),
    };
    if upload.csrf != user.csrf {
        return forbidden(STALE_FORM);
    }
    if upload.bytes.is_empty() {
        return see_other(&Refusal::EmptyUpload.at("/unggah"), None);
    }
    let principal = Principal::from(&user);
    let meta = SubmissionMeta {
        source: "upload",
        submitted_by: Some(user.name.clone()),
        file_name: Some(upload.file_name.clone()),
        received_at: crate::clock::now_text(),
        acting_for: Some(agency.clone()),
    };
    match import_upload(&db, &principal, &meta, upload).await {
        Ok(()) => {
            crate::service::public::refresh_in_background(&app);
            see_other("/unggah", None)
        }
        Err(UploadRefusal::Type) => see_other(&Refusal::FileType.at("/unggah"), None),
        Err(UploadRefusal::Forbidden) => see_other(&Refusal::UploadForbidden.at("/unggah"), None),
        Err(UploadRefusal::Failed) => see_other(&Refusal::Failure.at("/unggah"), None),
    }
}

enum UploadRefusal {
    /// Not .json, .csv or .xlsx.
    Type,
    /// Another agency's batch, a verified assessment or a complaint (what the API answers with 403).
    Forbidden,
    Failed,
}

/// Imports one uploaded file. Problems with the file itself are logged as a refused submission of the clerk's
/// agency (`meta.acting_for`), so that they are listed with their errors like any refused batch.
async fn import_upload(
    db: &Db,
    principal: &Principal,
    meta: &SubmissionMeta,
    upload: Upload,
) -> Result<(), UploadRefusal> {
    let today = crate::clock::today();
    let lower = upload.file_name.to_lowercase();
    let log = |errors: Vec<FieldError>| async move {
        db.log_refused(None, meta, &crate::import::validate::cap_errors(errors))
            .await
            .map_err(|_| UploadRefusal::Failed)
    };
    let settled = |outcome: Result<_, ImportError>| match outcome {
        Ok(_) | Err(ImportError::Rejected(_)) => Ok(()),
        Err(err) => {
            tracing::error!(error = %err, "an upload failed");
            Err(UploadRefusal::Failed)
        }
    };
    if lower.ends_with(".json") {
        let bytes = upload.bytes;
        let parsed = parse_off_workers(move || serde_json::from_slice::<Value>(&bytes)).await;
        let document: Value = match parsed.ok_or(UploadRefusal::Failed)? {
            Ok(document) => document,
            Err(e) => return log(vec![FieldError::not_json(e)]).await,
        };
        may_submit(principal, &document).map_err(|_| UploadRefusal::Forbidden)?;
        return settled(import_document(db, &document, meta, today).await);
    }
    // Reading a file is CPU work: off the async workers, a few at a time (issue #14).
    let file_name = upload.file_name.clone();
    let bytes = upload.bytes;
    let read = if lower.ends_with(".csv") {
        parse_off_workers(move || CsvFile::from_bytes(file_name, bytes).map(|file| vec![file]))
            .await
    } else if lower.ends_with(".xlsx") {
        parse_off_workers(move || crate::import::xlsx::sheets(&file_name, bytes)).await
    } else {
        return Err(UploadRefusal::Type);
    };
    let files = match read {
        Some(Ok(files)) => files,
        Some(Err(errors)) => return log(errors).await,
        None => return Err(UploadRefusal::Failed),
    };
    match crate::import::csv::batches(&files) {
        Err(errors) => return log(errors).await,
        Ok(batches) => {
            for batch in &batches {
                may_submit(principal, &batch.document).map_err(|_| UploadRefusal::Forbidden)?;
            }
        }
    }
    let outcomes = import_csv(db, &files, meta, today).await;
    match outcomes {
        Ok(outcomes) => outcomes
            .into_iter()
            .try_for_each(|(_, outcome)| settled(outcome)),
        Err(err) => settled(Err(err)),
    }
}

/// Runs a parse on the blocking pool, at most as many at once as there are cores, so that uploads being read
/// neither stall the async workers nor pile up memory. `None` when the parse panicked.
async fn parse_off_workers<T: Send + 'static>(
    parse: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    static SLOTS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    let slots = SLOTS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    let _slot = slots.acquire().await.ok()?;
    tokio::task::spawn_blocking(parse).await.ok()
}
