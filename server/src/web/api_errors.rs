//! The API's one error type, [`ApiError`], and its JSON body. Every `/api/v1` error answers with the JSON error
//! body of interfaces.md — also the refusals axum's extractors make before a handler runs (a path that is not a
//! number, a query that does not parse, a body over its limit), which are plain text by default (issue #14: a
//! too-large body answered 400 in text); the `as_json` middleware rewrites those.

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::db::DbError;
use crate::import::FieldError;
use crate::rules::lifecycle::TransitionError;
use crate::service::evaluation::EvaluationError;
use crate::service::import::ImportError;
use crate::service::violations::StepError;

/// The largest report batch accepted over HTTP. A batch of several thousand records fits; larger exports are
/// split by the agency or imported with the CLI. Here, beside the error that names it, so that `api.rs` (which
/// routes `/reports` with this limit) and this file do not import each other.
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

/// A workflow step's refusal: 400 for what does not parse, 403 for the role, 409 for the status (or a move
/// meanwhile), 422 for what the step lacks.
impl From<StepError> for ApiError {
    fn from(err: StepError) -> ApiError {
        match err {
            StepError::UnknownStatus(_) | StepError::BadDate(_) => {
                ApiError::BadRequest(err.to_string())
            }
            StepError::NotFound(_) => ApiError::NotFound(err.to_string()),
            StepError::Moved(_) => ApiError::Conflict(err.to_string()),
            StepError::Refused(refused) => match refused {
                TransitionError::Forbidden { .. } => ApiError::Forbidden(refused.to_string()),
                TransitionError::NotAllowed { .. } => ApiError::Conflict(refused.to_string()),
                TransitionError::ReasonRequired | TransitionError::LetterRequired => {
                    ApiError::Unprocessable(refused.to_string())
                }
            },
            StepError::Corrupt(..) => ApiError::Internal(err.to_string()),
            StepError::Database(err) => err.into(),
        }
    }
}

/// A batch refused whole (422 with every problem), or a failure storing or evaluating it.
impl From<ImportError> for ApiError {
    fn from(err: ImportError) -> ApiError {
        match err {
            ImportError::Rejected(errors) => ApiError::InvalidBatch(errors),
            ImportError::Database(err) => ApiError::Database(err),
            ImportError::Evaluation(err) => err.into(),
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

/// The most of a plain-text refusal kept as the message.
const MAX_MESSAGE_BYTES: usize = 4 * 1024;

/// The error code of a status, as the handlers' own errors name it.
pub fn code_of(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::CONFLICT => "conflict",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "unprocessable",
        StatusCode::TOO_MANY_REQUESTS => "too_many_requests",
        _ if status.is_server_error() => "internal",
        _ => "error",
    }
}

/// Middleware: rewrites an error answer that is not JSON into the JSON error body, keeping its status.
pub async fn as_json(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = match axum::body::to_bytes(body, MAX_MESSAGE_BYTES).await {
        Ok(bytes) if !status.is_server_error() => {
            String::from_utf8_lossy(&bytes).trim().to_string()
        }
        // Never pass on what a server error's text says: it may hold internals.
        _ => String::new(),
    };
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_string()
    } else {
        text
    };
    let mut rewritten = (
        status,
        axum::Json(serde_json::json!({"error": {"code": code_of(status), "message": message}})),
    )
        .into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rewritten.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rewritten
}
