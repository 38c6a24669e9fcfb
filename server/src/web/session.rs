//! Signing in and out, and the clerks' upload, as plain HTML form posts: they work without JavaScript, and the
//! pages that hold the forms (`/masuk`, `/unggah`) are ordinary Leptos pages.
//!
//! - Sessions live in the database (several app servers share them); the cookie holds a random token, the
//!   database its SHA-256. The cookie is `HttpOnly`, `Secure`, `SameSite=Lax`, for 12 hours.
//! - Every state-changing form carries the session's CSRF token, and a cross-site `Origin` is refused.
//! - A sign-in is checked by `sign_in.rs`: limited per client address and for everyone, counted as a failure
//!   before its password is checked, hashed one per core at a time; the counters live in the database, so they
//!   hold across app servers. Unknown names cost as much time as known ones.

use std::sync::OnceLock;

use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use model::types::SessionUser;
use serde::Deserialize;
use serde_json::Value;

use super::client::Client;
use super::sign_in::{check_sign_in, Refusal};
use super::throttle::too_many;
use crate::auth::{may_submit, new_token, token_hash, Principal, Role};
use crate::db::{Db, SubmissionMeta};
use crate::import::csv::CsvFile;
use crate::import::FieldError;
use crate::service::import::{import_csv, import_document, ImportError};
use crate::service::AppState;

pub use model::types::SESSION_COOKIE;
const SESSION_SECONDS: i64 = 12 * 3600;
/// The largest file a clerk may upload; larger exports go through the API in parts or the command line.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

pub fn routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/auth/masuk", post(sign_in))
        .route("/auth/keluar", post(sign_out))
        .route(
            "/auth/unggah",
            // Room for the multipart framing around a file of the largest size.
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024)),
        )
        .with_state(app)
}

/// A 303 to `to` (a path on this site), optionally setting a cookie.
pub(super) fn see_other(to: &str, cookie: Option<String>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let location = HeaderValue::try_from(to).unwrap_or(HeaderValue::from_static("/"));
    response.headers_mut().insert(header::LOCATION, location);
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::try_from(c).ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// The refusal of a form whose CSRF token is not the session's: usually a page left open past a sign-out, so it
/// says what to do, in both languages (it is a plain-text answer, outside the app's language choice).
pub(super) const STALE_FORM: &str =
    "Formulir ini sudah kedaluwarsa (token CSRF tidak cocok): muat ulang halaman lalu \
     kirim lagi. / This form is stale (CSRF token mismatch): reload the page and send it again.";

pub(super) fn forbidden(message: &str) -> Response {
    (StatusCode::FORBIDDEN, message.to_string()).into_response()
}

pub use app::backend::session_token_in as session_token;

/// The signed-in user of a request, if any.
pub async fn session_user(db: &Db, headers: &HeaderMap) -> Option<SessionUser> {
    let token = session_token(headers)?;
    match db
        .session_user(&token_hash(&token), &crate::clock::now_text())
        .await
    {
        Ok(user) => user,
        Err(err) => {
            tracing::error!(error = %err, "session lookup failed");
            None
        }
    }
}

/// A form from another site is refused even when the browser sent the cookie (defence beside SameSite=Lax and
/// the CSRF token). Requests without `Origin` (older browsers, tests) rely on those two.
pub(super) fn cross_site(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    match (origin, host) {
        (Some(origin), Some(host)) => {
            let origin_host = origin.split("://").nth(1).unwrap_or(origin);
            origin_host != host
        }
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Where to go after signing in: a path on this site only (no open redirect).
fn local_or(next: &str, default: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    if ok { next } else { default }.to_string()
}

fn encode(s: &str) -> String {
    app::components::encode_uri_component(s)
}

/// Where a role's work starts, when the sign-in did not come from a page.
fn home_of(role: Role) -> &'static str {
    match role {
        Role::Agency => "/unggah",
        Role::Admin => "/pengguna",
        Role::Analyst | Role::Commissioner => "/pelanggaran",
    }
}

#[derive(Debug, Deserialize)]
struct SignInForm {
    name: String,
    password: String,
    #[serde(default)]
    next: String,
}

async fn sign_in(
    State(db): State<Db>,
    client: Client,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    if cross_site(&headers) {
        return forbidden("cross-site sign-in refused");
    }
    let name = form.name.trim().to_string();
    let next = encode(&form.next);
    let back = |error: &str| see_other(&format!("/masuk?galat={error}&next={next}"), None);
    let (user_id, role) = match check_sign_in(&db, &client, &name, form.password.clone()).await {
        Ok(found) => found,
        Err(Refusal::Notice(reason)) => return back(reason),
        Err(Refusal::Limited(exceeded)) => return too_many(exceeded, false),
    };
    let (Ok(token), Ok(csrf)) = (new_token(), new_token()) else {
        return back("gangguan");
    };
    let now = crate::clock::now_text();
    let expires = crate::clock::now_plus(SESSION_SECONDS);
    if let Err(err) = db
        .create_session(user_id, &token_hash(&token), &csrf, (&now, &expires))
        .await
    {
        tracing::error!(error = %err, "creating a session failed");
        return back("gangguan");
    }
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; Max-Age={SESSION_SECONDS}; HttpOnly; Secure; SameSite=Lax"
    );
    see_other(&local_or(&form.next, home_of(role)), Some(cookie))
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn sign_out(
    State(db): State<Db>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    if cross_site(&headers) {
        return forbidden("cross-site request refused");
    }
    let Some(user) = session_user(&db, &headers).await else {
        return see_other("/masuk", None);
    };
    if user.csrf != form.csrf {
        return forbidden(STALE_FORM);
    }
    if let Some(token) = session_token(&headers) {
        if let Err(err) = db.end_session(&token_hash(&token)).await {
            tracing::error!(error = %err, "ending a session failed");
        }
    }
    let cookie = format!("{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax");
    see_other("/masuk?galat=keluar", Some(cookie))
}

/// One uploaded file and the form's CSRF token.
struct Upload {
    csrf: String,
    file_name: String,
    bytes: Vec<u8>,
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, &'static str> {
    let mut upload = Upload {
        csrf: String::new(),
        file_name: String::new(),
        bytes: Vec::new(),
    };
    while let Some(field) = multipart.next_field().await.map_err(|_| "terlalu_besar")? {
        match field.name() {
            Some("csrf") => upload.csrf = field.text().await.map_err(|_| "berkas")?,
            Some("file") => {
                upload.file_name = field.file_name().unwrap_or_default().to_string();
                upload.bytes = field.bytes().await.map_err(|_| "terlalu_besar")?.to_vec();
                // The body limit leaves room for the form's framing; the file itself may not use it.
                if upload.bytes.len() > MAX_UPLOAD_BYTES {
                    return Err("terlalu_besar");
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
        return see_other("/unggah?galat=bukan_operator", None);
    };
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(reason) => return see_other(&format!("/unggah?galat={reason}"), None),
    };
    if upload.csrf != user.csrf {
        return forbidden(STALE_FORM);
    }
    if upload.bytes.is_empty() {
        return see_other("/unggah?galat=kosong", None);
    }
    let principal = Principal {
        user: user.name.clone(),
        role: Role::Agency,
        agency_code: Some(agency.clone()),
    };
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
        Err(UploadRefusal::Type) => see_other("/unggah?galat=jenis_berkas", None),
        Err(UploadRefusal::Forbidden) => see_other("/unggah?galat=terlarang", None),
        Err(UploadRefusal::Failed) => see_other("/unggah?galat=gangguan", None),
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
            Err(e) => {
                return log(vec![FieldError {
                    index: None,
                    id: None,
                    pointer: String::new(),
                    message: format!("bukan JSON yang sah: {e}"),
                    message_en: format!("not valid JSON: {e}"),
                    location: None,
                    omitted: None,
                }])
                .await
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("pantau_lang=en; pantau_session=pm_abc; other=1"),
        );
        assert_eq!(session_token(&headers).as_deref(), Some("pm_abc"));
        headers.insert(header::COOKIE, HeaderValue::from_static("pantau_session="));
        assert_eq!(session_token(&headers), None);
    }

    #[test]
    fn only_same_site_forms_and_local_redirects() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::HOST,
            HeaderValue::from_static("pantau.example:3000"),
        );
        assert!(!cross_site(&headers), "no Origin: SameSite and CSRF decide");
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://pantau.example:3000"),
        );
        assert!(!cross_site(&headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(cross_site(&headers));
        assert_eq!(local_or("/unggah", "/"), "/unggah");
        assert_eq!(local_or("//evil.example", "/"), "/");
        assert_eq!(local_or("https://evil.example", "/x"), "/x");
    }
}
