//! The REST API under `/api/v1` (interfaces.md). Errors are JSON `{"error": {"code", "message"}}` with the right
//! status, never a stack trace.

use app::types::{Agency, AgencyFilter, AgencyKind};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

use crate::db::{Db, DbError};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error(transparent)]
    Database(#[from] DbError),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message) = match &self {
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, "bad_request", m.clone()),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, "not_found", m.clone()),
            ApiError::Database(err) => {
                tracing::error!(error = %err, "API request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "internal error; it has been logged".to_string(),
                )
            }
        };
        (
            status,
            Json(serde_json::json!({"error": {"code": code, "message": message}})),
        )
            .into_response()
    }
}

pub fn routes<S: Clone + Send + Sync + 'static>(db: Db) -> Router<S> {
    Router::new()
        .route("/agencies", get(list_agencies))
        .fallback(|| async { ApiError::NotFound("no such API route".to_string()) })
        .with_state(db)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgencyParams {
    #[serde(default)]
    q: String,
    kind: Option<String>,
    province: Option<String>,
}

/// `GET /api/v1/agencies[?q=&kind=&province=]`: the registry (active agencies), as a JSON array.
async fn list_agencies(
    State(db): State<Db>,
    params: Result<Query<AgencyParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<Agency>>, ApiError> {
    let Query(params) = params.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let kind = match params.kind.as_deref().filter(|k| !k.is_empty()) {
        None => None,
        Some(k) => Some(AgencyKind::parse(k).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "unknown kind {k:?}; expected one of ministry, institution, province, regency, city"
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
