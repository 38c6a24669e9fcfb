//! The REST API under `/api/v1` (interfaces.md). Errors are JSON `{"error": {"code", "message"}}` with the right
//! status, never a stack trace.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use model::types::{Agency, AgencyFilter, AgencyKind};
use serde::Deserialize;
use serde_json::Value;

use crate::auth::{may_submit, Principal};
use crate::db::{Db, SubmissionMeta};
use crate::service::import::import_document;
use crate::service::AppState;

use super::api_errors::{ApiError, ErrorBody, MAX_BATCH_BYTES};

/// The registry, merit progress and report routes (the violations' are `violations::routes`, the description
/// `openapi::routes`; `web::router` puts them under `/api/v1`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agencies", get(list_agencies))
        .route("/merit/progress", get(merit_progress))
        .route(
            "/reports",
            post(submit_report).layer(DefaultBodyLimit::max(MAX_BATCH_BYTES)),
        )
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AgencyParams {
    #[serde(default)]
    q: String,
    kind: Option<String>,
    province: Option<String>,
    /// `YYYY-MM-DD`: the agencies that existed that day, each with its name then (issue #19).
    as_of: Option<String>,
}

/// `GET /api/v1/agencies[?q=&kind=&province=&as_of=]`: the registry (active agencies; with `as_of` those that
/// existed that day with their names then), as a JSON array.
#[utoipa::path(get, path = "/agencies", tag = "public",
    params(("q" = Option<String>, Query, description = "part of the name or code"),
           ("kind" = Option<AgencyKind>, Query), ("province" = Option<String>, Query, description = "province code, e.g. 32"),
           ("as_of" = Option<String>, Query, description = "YYYY-MM-DD: the registry as it was that day")),
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
    let Some(as_of) = params.as_of.filter(|d| !d.is_empty()) else {
        return Ok(Json(db.list_agencies(&filter).await?));
    };
    let day = crate::domain::Date::parse(&as_of)
        .map_err(|e| ApiError::BadRequest(format!("as_of: {e}")))?;
    let q = filter.q.trim().to_lowercase();
    let agencies = crate::service::registry::list(&db, Some(day))
        .await?
        .into_iter()
        .filter(|e| filter.kind.is_none_or(|k| e.kind == k))
        .filter(|e| filter.province.is_none() || e.province_code == filter.province)
        .filter(|e| {
            q.is_empty() || e.name.to_lowercase().contains(&q) || e.code.to_lowercase().contains(&q)
        })
        .map(|e| Agency {
            code: e.code,
            name: e.name,
            kind: e.kind,
            province_code: e.province_code,
            autonomous: e.autonomous,
        })
        .collect();
    Ok(Json(agencies))
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
        Err(err) => Err(err.into()),
    }
}
