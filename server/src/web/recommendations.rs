//! Recommendation follow-up over HTTP (interfaces.md, added December 2026): the list of recommendations with
//! their state as of a date, and a commissioner's verdict on an agency's answer. The answers themselves arrive as
//! `recommendation_response` records through `POST /api/v1/reports`.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::api_errors::{ApiError, ErrorBody};
use super::caller::readable_agency;
use crate::auth::{Principal, Role};
use crate::db::Db;
use crate::domain::Date;
use crate::service::recommendations::{self, ListFilter, RecommendationError};
use crate::service::AppState;
use model::recommendation::RecommendationItem;
use model::RecommendationState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/recommendations", get(list))
        .route("/recommendations/{violation_id}/verdict", post(verdict))
}

impl From<RecommendationError> for ApiError {
    fn from(err: RecommendationError) -> ApiError {
        match err {
            RecommendationError::NotFound(_) => ApiError::NotFound(err.to_string()),
            RecommendationError::NoPendingAnswer(_) | RecommendationError::Moved(_) => {
                ApiError::Conflict(err.to_string())
            }
            RecommendationError::ReasonRequired => ApiError::Unprocessable(err.to_string()),
            RecommendationError::Database(err) => err.into(),
            RecommendationError::Evaluation(err) => err.into(),
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct ListParams {
    /// `pending`, `overdue`, `answered` or `resolved`.
    state: Option<String>,
    /// An agency code (clerks: only their own).
    agency: Option<String>,
    /// `YYYY-MM-DD` (default today): the states as of that date.
    as_of: Option<String>,
}

/// `GET /api/v1/recommendations`: every recommendation on a violation (not dismissed since) with its due date and
/// state as of `as_of`; staff see all, an agency's credential only its own (another agency's filter is 403).
#[utoipa::path(get, path = "/recommendations", tag = "recommendations", params(ListParams),
    responses((status = 200, body = Vec<RecommendationItem>), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn list(
    principal: Principal,
    State(db): State<Db>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Json<Vec<RecommendationItem>>, ApiError> {
    let Query(p) = params.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let state = match p.state.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(RecommendationState::parse(s).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "unknown state {s:?}; expected one of {}",
                RecommendationState::expected()
            ))
        })?),
    };
    let as_of = match p.as_of.as_deref().filter(|s| !s.is_empty()) {
        Some(text) => Date::parse(text).map_err(|e| ApiError::BadRequest(format!("as_of: {e}")))?,
        None => crate::clock::today(),
    };
    let requested = p.agency.filter(|a| !a.is_empty());
    let agency = readable_agency(&principal, requested, "recommendations")?;
    let filter = ListFilter { agency, state };
    Ok(Json(recommendations::list(&db, &filter, as_of).await?))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictBody {
    /// `true` accepts the answer awaiting a verdict (the violation becomes `resolved`); `false` rejects it.
    pub accept: bool,
    /// Required to reject.
    pub reason: Option<String>,
}

/// The recommendation's state after the verdict.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct VerdictOutcome {
    pub violation_id: i64,
    pub state: RecommendationState,
}

/// `POST /api/v1/recommendations/{violation_id}/verdict` (commissioners): `{"accept": true}` resolves the
/// violation; `{"accept": false, "reason": "…"}` rejects the answer (the due date stays, the agency may answer
/// again). 404 without an open recommendation, 409 when no answer awaits a verdict, 422 a rejection without a
/// reason.
#[utoipa::path(post, path = "/recommendations/{violation_id}/verdict", tag = "recommendations",
    params(("violation_id" = i64, Path)), request_body = VerdictBody,
    responses((status = 200, body = VerdictOutcome), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn verdict(
    principal: Principal,
    State(db): State<Db>,
    Path(violation_id): Path<i64>,
    body: Result<Json<VerdictBody>, JsonRejection>,
) -> Result<Json<VerdictOutcome>, ApiError> {
    if principal.role != Role::Commissioner {
        return Err(ApiError::Forbidden(
            "only a commissioner gives a verdict on an answer".into(),
        ));
    }
    let Json(body) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let state = recommendations::give_verdict(
        &db,
        violation_id,
        body.accept,
        body.reason.as_deref(),
        (
            crate::clock::today(),
            &crate::clock::now_text(),
            &principal.user,
        ),
    )
    .await?;
    Ok(Json(VerdictOutcome {
        violation_id,
        state,
    }))
}
