//! The REST API under `/api/v1` (interfaces.md). Errors are JSON `{"error": {"code", "message"}}` with the right
//! status, never a stack trace.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use model::types::{Agency, AgencyFilter, AgencyKind};
use serde::Deserialize;
use serde_json::Value;

use crate::auth::{may_submit, Principal};
use crate::db::{Db, DbError, SubmissionMeta};
use crate::import::FieldError;
use crate::service::evaluation::EvaluationError;
use crate::service::import::{import_document, ImportError};
use crate::service::AppState;

/// The largest report batch accepted over HTTP. A batch of several thousand records fits; larger exports are
/// split by the agency or imported with the CLI.
pub const MAX_BATCH_BYTES: usize = 10 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("a valid API token is required (Authorization: Bearer <token>)")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("send the batch as JSON (Content-Type: application/json)")]
    UnsupportedMediaType,
    #[error("the batch is larger than {MAX_BATCH_BYTES} bytes; split it")]
    PayloadTooLarge,
    #[error("the batch was refused; nothing was stored")]
    InvalidBatch(Vec<FieldError>),
    #[error("{0}")]
    NotFound(String),
    /// The request is well-formed but conflicts with the resource's state (a workflow step from the wrong status).
    #[error("{0}")]
    Conflict(String),
    /// Well-formed but refused content (a parameter value, a step without its reason).
    #[error("{0}")]
    Unprocessable(String),
    #[error(transparent)]
    Database(#[from] DbError),
    /// A complaint from the public form or API that breaks a limit; nothing was stored.
    #[error("the complaint was refused; nothing was stored")]
    InvalidComplaint(Vec<FieldError>),
    /// Too many requests from one address (complaint filing and status checks).
    #[error("{0}")]
    TooManyRequests(String),
    /// A body over its route's limit (the batch has its own message, `PayloadTooLarge`).
    #[error("the body is larger than {0} bytes")]
    BodyTooLarge(usize),
    /// A server-side failure that is not the caller's fault; logged, never shown.
    #[error("{0}")]
    Internal(String),
}

/// The body of every error answer (interfaces.md): `{"error": {"code", "message"}}`, and for a refused batch
/// every problem found.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// `bad_request`, `unauthorized`, `forbidden`, `not_found`, `conflict`, `payload_too_large`,
    /// `unsupported_media_type`, `invalid_batch`, `invalid`, `too_many_requests`, `internal`.
    pub code: &'static str,
    pub message: String,
}

impl From<EvaluationError> for ApiError {
    fn from(err: EvaluationError) -> ApiError {
        match err {
            EvaluationError::Database(err) => ApiError::Database(err),
            EvaluationError::Parameter(err) => ApiError::Unprocessable(err.to_string()),
            EvaluationError::Filter(message) => ApiError::BadRequest(message),
            other @ (EvaluationError::StoredRecord { .. } | EvaluationError::Compact(_)) => {
                ApiError::Internal(other.to_string())
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = match &self {
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            ApiError::UnsupportedMediaType => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            ApiError::PayloadTooLarge | ApiError::BodyTooLarge(_) => {
                (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
            }
            ApiError::InvalidBatch(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_batch"),
            ApiError::InvalidComplaint(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            ApiError::TooManyRequests(_) => (StatusCode::TOO_MANY_REQUESTS, "too_many_requests"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            ApiError::Unprocessable(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            ApiError::Database(_) | ApiError::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        let message = match &self {
            ApiError::Database(_) | ApiError::Internal(_) => {
                tracing::error!(error = %self, "API request failed");
                "internal error; it has been logged".to_string()
            }
            other => other.to_string(),
        };
        let errors = match self {
            ApiError::InvalidBatch(errors) | ApiError::InvalidComplaint(errors) => Some(errors),
            _ => None,
        };
        let body = ErrorBody {
            error: ErrorDetail { code, message },
            errors,
        };
        (status, Json(body)).into_response()
    }
}

pub fn routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/agencies", get(list_agencies))
        .route("/merit/progress", get(merit_progress))
        .route(
            "/openapi.json",
            get(|| async {
                use utoipa::OpenApi;
                Json(super::openapi::ApiDoc::openapi())
            }),
        )
        .route(
            "/reports",
            post(submit_report).layer(DefaultBodyLimit::max(MAX_BATCH_BYTES)),
        )
        .merge(super::violations::routes())
        .fallback(|| async { ApiError::NotFound("no such API route".to_string()) })
        .with_state(app)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AgencyParams {
    #[serde(default)]
    q: String,
    kind: Option<String>,
    province: Option<String>,
}

/// `GET /api/v1/agencies[?q=&kind=&province=]`: the registry (active agencies), as a JSON array.
#[utoipa::path(get, path = "/agencies", tag = "public",
    params(("q" = Option<String>, Query, description = "part of the name or code"),
           ("kind" = Option<AgencyKind>, Query), ("province" = Option<String>, Query, description = "province code, e.g. 32")),
    responses((status = 200, body = Vec<Agency>), (status = 400, body = ErrorBody)))]
pub(super) async fn list_agencies(
    State(db): State<Db>,
    params: Result<Query<AgencyParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<Agency>>, ApiError> {
    let Query(params) = params.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let kind = match params.kind.as_deref().filter(|k| !k.is_empty()) {
        None => None,
        Some(k) => Some(AgencyKind::parse(k).ok_or_else(|| {
            let expected: Vec<&str> = AgencyKind::ALL.iter().map(|k| k.as_str()).collect();
            ApiError::BadRequest(format!(
                "unknown kind {k:?}; expected one of {}",
                expected.join(", ")
            ))
        })?),
    };
    let filter = AgencyFilter {
        q: params.q,
        kind,
        province: params.province.filter(|p| !p.is_empty()),
        limit: None,
    };
    Ok(Json(db.list_agencies(&filter).await?))
}

/// The answer of `GET /api/v1/merit/progress`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MeritProgress {
    pub groups: Vec<crate::domain::progress::GroupProgress>,
}

/// `GET /api/v1/merit/progress` (public): per group and year, good / assessed / total / share, with the targets.
#[utoipa::path(get, path = "/merit/progress", tag = "public",
    responses((status = 200, body = MeritProgress)))]
pub(super) async fn merit_progress(State(db): State<Db>) -> Result<Json<MeritProgress>, ApiError> {
    let groups = crate::service::merit::progress(&db, crate::clock::today().year()).await?;
    Ok(Json(MeritProgress { groups }))
}

/// `POST /api/v1/reports`: one batch, stored whole (200 with counts) or refused whole (422 with every error).
/// Checked in this order: credential (401), content type (415), size (413), JSON (400), scope of the
/// credential (403), content (422).
#[utoipa::path(post, path = "/reports", tag = "reports",
    request_body(content = Object, description = "a pantau.report.v1 batch (reports.md)", content_type = "application/json"),
    responses((status = 200, body = crate::service::import::Imported), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody),
              (status = 415, body = ErrorBody), (status = 422, description = "refused; nothing stored", body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn submit_report(
    principal: Principal,
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<crate::service::import::Imported>, ApiError> {
    let db = app.db.clone();
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(ApiError::UnsupportedMediaType);
    }
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
        _ => ApiError::BadRequest(rejection.body_text()),
    })?;
    let document: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::BadRequest(format!("the body is not valid JSON: {e}")))?;
    may_submit(&principal, &document).map_err(|e| ApiError::Forbidden(e.to_string()))?;
    let meta = SubmissionMeta {
        source: "api",
        submitted_by: Some(principal.user.clone()),
        file_name: None,
        received_at: crate::clock::now_text(),
        acting_for: principal.agency_code.clone(),
    };
    match import_document(&db, &document, &meta, crate::clock::today()).await {
        Ok(done) => {
            crate::service::public::refresh_in_background(&app);
            Ok(Json(done))
        }
        Err(ImportError::Rejected(errors)) => Err(ApiError::InvalidBatch(errors)),
        Err(ImportError::Database(err)) => Err(ApiError::Database(err)),
        Err(ImportError::Evaluation(err)) => Err(ApiError::from(err)),
    }
}
