//! Public complaint filing and the status check by receipt code, as JSON (`/api/v1/complaints`,
//! `/api/v1/complaints/status`) and as plain forms (`/netralitas/lapor`, `/netralitas/cek`) that work without
//! JavaScript.
//!
//! Abuse protection without a third-party captcha: a honeypot field (`website`), size limits, and limits per
//! client address (`throttle.rs`), counted in the database so that they hold across app servers; the address is
//! stored only as a hash, for a day at most. Forwarding headers count only from trusted proxies (`client.rs`).
//!
//! The form's receipt is handed to the page in a short-lived cookie scoped to the receipt page, so that the code
//! is never in a URL, a log or the database; the page shows it once and clears the cookie.

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Json, Router};
use serde::Deserialize;

use model::public::{RECEIPT_COOKIE, STATUS_COOKIE};

use super::client::Client;
use super::session::see_other;
use super::throttle::{too_many, Exceeded, Limit, COMPLAINT_FILINGS, STATUS_CHECKS};
use super::ApiError;
use crate::db::Db;
use crate::domain::complaints::intake::{ComplaintForm, IntakeError};
use crate::import::FieldError;
use crate::service::complaints::{self, ComplaintError, Filed, StatusView};
use crate::service::AppState;
use model::Refusal;

/// Largest complaint body accepted (the account is at most 5,000 characters).
pub const MAX_COMPLAINT_BYTES: usize = 64 * 1024;

pub fn api_routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/complaints", post(file_json))
        .route("/complaints/status", post(status_json))
        .layer(DefaultBodyLimit::max(MAX_COMPLAINT_BYTES))
        .with_state(app)
}

pub fn form_routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/netralitas/lapor", post(file_form))
        .route("/netralitas/cek", post(status_form))
        .layer(DefaultBodyLimit::max(MAX_COMPLAINT_BYTES))
        .with_state(app)
}

/// Counts a hit against `limit` for the client; the answer to send instead when the limit is reached.
async fn over_limit(db: &Db, limit: Limit, client: &Client) -> Option<Exceeded> {
    match limit.hit(db, &client.limit_key()).await {
        Ok(Ok(())) => None,
        Ok(Err(exceeded)) => Some(exceeded),
        Err(err) => {
            // A limit that cannot be counted lets the request through: the database is down, and the request
            // will fail on its own.
            tracing::error!(error = %err, "counting a request limit failed");
            None
        }
    }
}

fn to_field_errors(errors: Vec<IntakeError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|e| FieldError {
            index: None,
            id: None,
            pointer: format!("/{}", e.field),
            message: e.message,
            message_en: e.message_en,
            location: None,
            omitted: None,
        })
        .collect()
}

impl From<ComplaintError> for ApiError {
    fn from(err: ComplaintError) -> ApiError {
        match err {
            ComplaintError::Invalid(errors) => ApiError::InvalidComplaint(to_field_errors(errors)),
            ComplaintError::Database(err) => ApiError::Database(err),
            ComplaintError::Random(err) => ApiError::Internal(err.to_string()),
        }
    }
}

/// Reads a JSON body into `T`, refusing anything else with a clear error.
async fn json_body<T: serde::de::DeserializeOwned>(request: Request) -> Result<T, ApiError> {
    let json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json {
        return Err(ApiError::BadRequest(
            "send the complaint as JSON (Content-Type: application/json)".to_string(),
        ));
    }
    let bytes = axum::body::to_bytes(request.into_body(), MAX_COMPLAINT_BYTES)
        .await
        .map_err(|_| ApiError::BodyTooLarge(MAX_COMPLAINT_BYTES))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::BadRequest(format!("the body is not a complaint: {e}")))
}

/// `POST /api/v1/complaints` (public): files a complaint; 201 with its reference and the receipt code, shown
/// only in this answer.
#[utoipa::path(post, path = "/complaints", tag = "public",
    request_body(content = Object, content_type = "application/json",
        description = "agency_code, election, summary (20–5,000 characters); optional accused_name, position_level, \
                       happened_on, evidence (links), anonymous, complainant_name, complainant_contact"),
    responses(
        (status = 201, description = "filed; keep the receipt code, it is not shown again", body = Filed),
        (status = 422, description = "a field breaks a limit; nothing was stored", body = super::api_errors::ErrorBody),
        (status = 429, description = "too many complaints from one address", body = super::api_errors::ErrorBody),
    ))]
pub(super) async fn file_json(
    State(app): State<AppState>,
    client: Client,
    request: Request,
) -> Response {
    let db = app.db.clone();
    if let Some(exceeded) = over_limit(&db, COMPLAINT_FILINGS, &client).await {
        return too_many(exceeded, true);
    }
    let result = async {
        let form: ComplaintForm = json_body(request).await?;
        let filed = complaints::file(&db, &form).await?;
        crate::service::public::refresh_in_background(&app);
        Ok::<_, ApiError>(filed)
    }
    .await;
    match result {
        Ok(filed) => (StatusCode::CREATED, Json(filed)).into_response(),
        Err(err) => err.into_response(),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct StatusQuery {
    reference: String,
    receipt_code: String,
}

/// `POST /api/v1/complaints/status` (public): the status of a complaint, given its reference and receipt code.
/// A wrong code and an unknown reference both answer 404.
#[utoipa::path(post, path = "/complaints/status", tag = "public", request_body = StatusQuery,
    responses(
        (status = 200, description = "the complaint's status", body = StatusView),
        (status = 404, description = "no complaint with this reference and code", body = super::api_errors::ErrorBody),
        (status = 429, description = "too many checks from one address", body = super::api_errors::ErrorBody),
    ))]
pub(super) async fn status_json(
    State(app): State<AppState>,
    client: Client,
    request: Request,
) -> Response {
    let db = app.db.clone();
    if let Some(exceeded) = over_limit(&db, STATUS_CHECKS, &client).await {
        return too_many(exceeded, true);
    }
    let result = async {
        let query: StatusQuery = json_body(request).await?;
        complaints::status(&db, &query.reference, &query.receipt_code)
            .await?
            .ok_or_else(|| {
                ApiError::NotFound("no complaint with this reference and receipt code".to_string())
            })
    }
    .await;
    match result {
        Ok(view) => Json(view).into_response(),
        Err(err) => err.into_response(),
    }
}

/// The form's fields: the API's, with the evidence links one per line and the anonymity as a checkbox.
#[derive(Debug, Deserialize)]
pub(super) struct FormFields {
    #[serde(default)]
    agency_code: String,
    #[serde(default)]
    election: String,
    #[serde(default)]
    accused_name: String,
    #[serde(default)]
    position_level: String,
    #[serde(default)]
    happened_on: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    evidence: String,
    #[serde(default)]
    anonymous: Option<String>,
    #[serde(default)]
    complainant_name: String,
    #[serde(default)]
    complainant_contact: String,
    #[serde(default)]
    website: String,
}

impl From<FormFields> for ComplaintForm {
    fn from(f: FormFields) -> ComplaintForm {
        let some = |s: String| Some(s).filter(|s| !s.trim().is_empty());
        ComplaintForm {
            agency_code: f.agency_code,
            election: f.election,
            accused_name: some(f.accused_name),
            position_level: some(f.position_level),
            happened_on: some(f.happened_on),
            summary: f.summary,
            evidence: f.evidence.lines().map(str::to_string).collect(),
            anonymous: f.anonymous.is_some(),
            complainant_name: some(f.complainant_name),
            complainant_contact: some(f.complainant_contact),
            website: some(f.website),
        }
    }
}

/// A cookie for the result page only, gone after ten minutes (or when the page has shown it).
fn result_cookie(name: &str, value: &str, path: &str) -> String {
    format!("{name}={value}; Path={path}; Max-Age=600; HttpOnly; SameSite=Strict; Secure")
}

/// `POST /netralitas/lapor`: the form. Filed: to the receipt page with the receipt in its cookie. Refused: back
/// to the form naming the fields (`?galat=summary,election`), or the limit reached (`?galat=batas`).
pub(super) async fn file_form(
    State(app): State<AppState>,
    client: Client,
    Form(fields): Form<FormFields>,
) -> Response {
    let db = app.db.clone();
    if over_limit(&db, COMPLAINT_FILINGS, &client).await.is_some() {
        return see_other(&Refusal::TooMany.at("/netralitas/lapor"), None);
    }
    match complaints::file(&db, &ComplaintForm::from(fields)).await {
        Ok(filed) => {
            crate::service::public::refresh_in_background(&app);
            let value = format!("{}.{}", filed.reference, filed.receipt_code);
            let cookie = result_cookie(RECEIPT_COOKIE, &value, "/netralitas/tanda-terima");
            see_other("/netralitas/tanda-terima", Some(cookie))
        }
        Err(ComplaintError::Invalid(errors)) => {
            let fields: Vec<String> = errors.into_iter().map(|e| e.field).collect();
            see_other(
                &format!("/netralitas/lapor?galat={}", fields.join(",")),
                None,
            )
        }
        Err(err) => {
            tracing::error!(error = %err, "filing a complaint failed");
            see_other(&Refusal::Failure.at("/netralitas/lapor"), None)
        }
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct CheckFields {
    #[serde(default)]
    reference: String,
    #[serde(default)]
    receipt_code: String,
}

/// `POST /netralitas/cek`: the status check form. The result goes to `/netralitas/cek` in a cookie (the code
/// never in a URL); a wrong pair says only "not found".
pub(super) async fn status_form(
    State(app): State<AppState>,
    client: Client,
    Form(fields): Form<CheckFields>,
) -> Response {
    let db = app.db.clone();
    if over_limit(&db, STATUS_CHECKS, &client).await.is_some() {
        return see_other(&Refusal::TooMany.at("/netralitas/cek"), None);
    }
    match complaints::status(&db, &fields.reference, &fields.receipt_code).await {
        Ok(Some(view)) => {
            let value = format!(
                "{}.{}.{}.{}",
                view.reference,
                view.status,
                view.received_on,
                view.updated_at.get(..10).unwrap_or("")
            );
            let cookie = result_cookie(STATUS_COOKIE, &value, "/netralitas/cek");
            see_other("/netralitas/cek?hasil=1", Some(cookie))
        }
        Ok(None) => see_other(&Refusal::NotFound.at("/netralitas/cek"), None),
        Err(err) => {
            tracing::error!(error = %err, "a complaint status check failed");
            see_other(&Refusal::Failure.at("/netralitas/cek"), None)
        }
    }
}
