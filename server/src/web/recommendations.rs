//! Recommendation follow-up over HTTP (interfaces.md, added December 2026): the list of recommendations with
//! their state as of a date, and a commissioner's verdict on an agency's answer. The answers themselves arrive as
//! `recommendation_response` records through `POST /api/v1/reports`.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::api_errors::{ApiError, ErrorBody};
use super::caller::{readable_agency, FormUser, PageForm, Reader, Refused};
use super::session::see_other;
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

/// The staff pages' side: the verdict form on a violation's page and the figures' CSV download.
pub fn page_routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/auth/pelanggaran/{id}/putusan", post(verdict_form))
        .route("/ekspor/rekomendasi.csv", get(compliance_csv))
        .with_state(app)
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
    let filter = ListFilter {
        agency,
        state,
        unsettled: false,
    };
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

#[derive(Debug, Deserialize)]
struct VerdictForm {
    #[serde(default)]
    csrf: String,
    /// `true` or `false`.
    accept: String,
    reason: Option<String>,
}

impl PageForm for VerdictForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /auth/pelanggaran/{id}/putusan`: a commissioner's verdict from the violation's page, then back to it
/// with `?hasil=ok` or `?galat=` naming what was wrong.
async fn verdict_form(
    State(db): State<Db>,
    Path(id): Path<i64>,
    FormUser { user, form }: FormUser<VerdictForm>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use model::Refusal;
    let page = format!("/pelanggaran/{id}");
    if user.role != Role::Commissioner {
        return see_other(&Refusal::Role.at(&page), None);
    }
    let accept = match form.accept.as_str() {
        "true" => true,
        "false" => false,
        _ => return (axum::http::StatusCode::BAD_REQUEST, "accept: true or false").into_response(),
    };
    let outcome = recommendations::give_verdict(
        &db,
        id,
        accept,
        form.reason.as_deref(),
        (crate::clock::today(), &crate::clock::now_text(), &user.name),
    )
    .await;
    let refusal = match outcome {
        Ok(_) => return see_other(&format!("{page}?hasil=ok"), None),
        Err(RecommendationError::NotFound(_)) => {
            return axum::http::StatusCode::NOT_FOUND.into_response()
        }
        Err(RecommendationError::ReasonRequired) => Refusal::ReasonRequired,
        Err(RecommendationError::NoPendingAnswer(_)) => Refusal::NoAnswer,
        Err(RecommendationError::Moved(_)) => Refusal::Status,
        Err(err) => {
            tracing::error!(error = %err, "a verdict failed");
            Refusal::Failure
        }
    };
    see_other(&refusal.at(&page), None)
}

/// `GET /ekspor/rekomendasi.csv` (staff): every agency's follow-up figures per year of the due date, then the
/// national totals, as of today; exact counts (the public download is suppressed).
async fn compliance_csv(
    State(db): State<Db>,
    reader: Reader,
) -> Result<axum::response::Response, Refused> {
    use axum::http::header;
    use axum::response::IntoResponse;
    reader.one_of(
        app::api::VIOLATION_READERS,
        "your role may not export recommendation figures",
    )?;
    let failed = |err: &dyn std::fmt::Display| {
        tracing::error!(error = %err, "recommendation figures export failed");
        Refused::Failed
    };
    let today = crate::clock::today();
    let per_agency = crate::service::compliance::by_agency(&db, today)
        .await
        .map_err(|e| failed(&e))?;
    let names: std::collections::HashMap<String, String> = db
        .list_agencies(&model::types::AgencyFilter::default())
        .await
        .map_err(|e| failed(&e))?
        .into_iter()
        .map(|a| (a.code, a.name))
        .collect();
    let rows: Vec<_> = per_agency
        .into_iter()
        .map(|(code, years)| {
            let name = names.get(&code).cloned().unwrap_or_default();
            (code, name, years)
        })
        .collect();
    let national = crate::service::compliance::figures(&db, None, today)
        .await
        .map_err(|e| failed(&e))?;
    let text = crate::service::export::compliance_csv(&rows, &national, &today.to_string())
        .map_err(|e| failed(&e))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"rekomendasi.csv\"",
            ),
        ],
        text,
    )
        .into_response())
}
