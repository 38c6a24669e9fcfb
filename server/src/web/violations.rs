//! The rules over HTTP (interfaces.md): the violation list with filters, pagination and CSV export, one
//! violation with its history and the record's revisions, workflow steps, evaluation runs and the parameters.
//! Every handler checks the caller's role itself (deny by default).

use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;

use super::api_errors::{ApiError, ErrorBody};
use super::caller::{readable_agency, Admin, Staff};
use crate::auth::Principal;
use model::types::ViolationStep;

use crate::db::{Appearance, Db, Revision, ViolationRow};
use crate::domain::Date;
use crate::rules::{ParamError, ParamInfo};
use crate::service::evaluation::{self, Scope};
use crate::service::violations::{self, StepRequest};
use crate::service::AppState;

/// The most rows one page of the JSON list holds; the CSV export is never paginated.
const MAX_PAGE: i64 = 1000;
const DEFAULT_PAGE: i64 = 100;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/violations", get(list))
        .route("/violations/{id}", get(one))
        .route("/violations/{id}/transition", post(transition))
        .route("/people/{nip}", get(person))
        .route("/evaluate", post(evaluate))
        .route("/parameters", get(parameters))
        .route("/parameters/{key}", put(set_parameter))
}

fn bad_date(text: &str) -> Result<Date, ApiError> {
    Date::parse(text).map_err(|e| ApiError::BadRequest(format!("as_of: {e}")))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct ListParams {
    /// An agency code (clerks: only their own).
    agency: Option<String>,
    /// A rule id, e.g. `R-SEL-AGE`.
    rule: Option<String>,
    /// `open`, `in_review`, `recommendation_issued`, `resolved` or `dismissed`.
    status: Option<String>,
    /// `YYYY-MM-DD`: what the rules say as of that date, computed afresh (not paged).
    as_of: Option<String>,
    /// Also violations a later evaluation cleared.
    #[serde(default)]
    include_cleared: bool,
    /// The `next_after` of the previous page.
    after: Option<i64>,
    /// Rows per page, 1–1000 (default 100).
    limit: Option<i64>,
}

/// One page of the violation list.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ViolationPage {
    pub violations: Vec<ViolationRow>,
    /// Pass as `after` for the next page; null on the last one.
    pub next_after: Option<i64>,
}

/// A violation with its history and its record's revisions.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ViolationDetail {
    pub violation: ViolationRow,
    pub events: Vec<ViolationStep>,
    /// Every revision of the record; absent after a workflow step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revisions: Option<Vec<Revision>>,
}

/// Where an official appears and what concerns them.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Person {
    pub nip: String,
    pub appearances: Vec<Appearance>,
    pub violations: Vec<ViolationRow>,
}

/// `GET /api/v1/violations`: the stored violations (as of the last evaluation), filtered; with `as_of`, what the
/// rules say as of that date (computed, not paginated). JSON pages by id (`after`, `limit`, `next_after`);
/// `Accept: text/csv` exports every match.
#[utoipa::path(get, path = "/violations", tag = "violations", params(ListParams),
    responses((status = 200, body = ViolationPage, content_type = "application/json"),
              (status = 200, description = "with Accept: text/csv, every match", content_type = "text/csv"),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn list(
    principal: Principal,
    State(db): State<Db>,
    headers: HeaderMap,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let mut filter = evaluation::parse_filter(p.agency, p.rule.as_deref(), p.status.as_deref())?;
    filter.agency = readable_agency(&principal, filter.agency, "violations")?;
    filter.include_cleared = p.include_cleared;
    let limit = p.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::BadRequest(format!(
            "limit must be from 1 to {MAX_PAGE}"
        )));
    }
    let csv = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/csv"));
    let (rows, next_after) = match p.as_of.as_deref() {
        Some(as_of) => (
            evaluation::as_of(&db, &filter, bad_date(as_of)?).await?,
            None,
        ),
        None if csv => (db.list_violations(&filter).await?, None),
        None => {
            filter.after_id = p.after;
            filter.limit = Some(limit + 1);
            let mut rows = db.list_violations(&filter).await?;
            let more = i64::try_from(rows.len()).unwrap_or(i64::MAX) > limit;
            rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
            let next = more.then(|| rows.last().map(|r| r.id)).flatten();
            (rows, next)
        }
    };
    if csv {
        let body = crate::service::export::violations_csv(&rows)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        return Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"pelanggaran.csv\"",
                ),
            ],
            body,
        )
            .into_response());
    }
    Ok(Json(ViolationPage {
        violations: rows,
        next_after,
    })
    .into_response())
}

async fn find(db: &Db, principal: &Principal, id: i64) -> Result<ViolationRow, ApiError> {
    violations::find(db, principal, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no violation {id}")))
}

/// `GET /api/v1/violations/{id}`: the violation, its history, and every revision of the record it concerns.
#[utoipa::path(get, path = "/violations/{id}", tag = "violations", params(("id" = i64, Path)),
    responses((status = 200, body = ViolationDetail), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn one(
    principal: Principal,
    State(db): State<Db>,
    Path(id): Path<i64>,
) -> Result<Json<ViolationDetail>, ApiError> {
    let violation = find(&db, &principal, id).await?;
    let events = db.violation_events(id).await?;
    let revisions = db
        .record_revisions(
            &violation.agency_code,
            &violation.record_kind,
            &violation.record_id,
        )
        .await?;
    Ok(Json(ViolationDetail {
        violation,
        events,
        revisions: Some(revisions),
    }))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionBody {
    /// `in_review`, `recommendation_issued`, `resolved` or `dismissed`.
    pub to: String,
    pub reason: Option<String>,
    pub letter_number: Option<String>,
    pub letter_date: Option<String>,
}

impl From<TransitionBody> for StepRequest {
    fn from(body: TransitionBody) -> StepRequest {
        StepRequest {
            to: body.to,
            reason: body.reason,
            letter_number: body.letter_number,
            letter_date: body.letter_date,
        }
    }
}

/// `POST /api/v1/violations/{id}/transition` with `{"to", "reason"?, "letter_number"?, "letter_date"?}`.
/// 403 for a role that may not take the step, 409 from the wrong status (or when someone moved it meanwhile),
/// 422 without the reason or letter the step needs.
#[utoipa::path(post, path = "/violations/{id}/transition", tag = "violations", params(("id" = i64, Path)),
    request_body = TransitionBody,
    responses((status = 200, body = ViolationDetail), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn transition(
    principal: Principal,
    State(db): State<Db>,
    Path(id): Path<i64>,
    body: Result<Json<TransitionBody>, JsonRejection>,
) -> Result<Json<ViolationDetail>, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    violations::take_step(&db, &principal, id, &body.into()).await?;
    let violation = find(&db, &principal, id).await?;
    let events = db.violation_events(id).await?;
    Ok(Json(ViolationDetail {
        violation,
        events,
        revisions: None,
    }))
}

/// `GET /api/v1/people/{nip}` (staff): where an official appears — selections as a candidate, job fits as a
/// participant — and every violation concerning them, cleared ones included. Personal data: never for clerks or
/// the public.
#[utoipa::path(get, path = "/people/{nip}", tag = "violations", params(("nip" = String, Path)),
    responses((status = 200, body = Person), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn person(
    _: Staff,
    State(db): State<Db>,
    Path(nip): Path<String>,
) -> Result<Json<Person>, ApiError> {
    crate::domain::nip::Nip::parse(&nip)
        .map_err(|e| ApiError::BadRequest(format!("{nip:?}: {e}")))?;
    let appearances = db.appearances(&nip).await?;
    let violations = db
        .list_violations(&crate::db::ViolationFilter {
            subject: Some(nip.clone()),
            include_cleared: true,
            ..Default::default()
        })
        .await?;
    Ok(Json(Person {
        nip,
        appearances,
        violations,
    }))
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct EvaluateBody {
    /// `YYYY-MM-DD`; today when absent.
    as_of: Option<String>,
}

/// `POST /api/v1/evaluate` (admin), optionally `{"as_of": "YYYY-MM-DD"}`: every rule over every agency, stored.
#[utoipa::path(post, path = "/evaluate", tag = "rules", request_body(content = Option<EvaluateBody>),
    responses((status = 200, body = evaluation::Summary), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn evaluate(
    Admin(principal): Admin,
    State(app): State<AppState>,
    body: Bytes,
) -> Result<Json<evaluation::Summary>, ApiError> {
    let db = app.db.clone();
    let body: EvaluateBody = if body.iter().all(u8::is_ascii_whitespace) {
        EvaluateBody::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::BadRequest(format!("the body is not valid JSON: {e}")))?
    };
    let as_of = match body.as_of.as_deref() {
        Some(d) => bad_date(d)?,
        None => crate::clock::today(),
    };
    let summary = evaluation::run(&db, Scope::All, as_of, &principal.user, &mut |_, _| {}).await?;
    crate::service::public::refresh_in_background(&app);
    Ok(Json(summary))
}

/// `GET /api/v1/parameters` (staff): every rule parameter with its value, default and description.
#[utoipa::path(get, path = "/parameters", tag = "rules",
    responses((status = 200, body = Vec<ParamInfo>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn parameters(
    _: Staff,
    State(db): State<Db>,
) -> Result<Json<Vec<ParamInfo>>, ApiError> {
    Ok(Json(crate::service::parameters::describe(&db).await?))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ParameterBody {
    value: String,
    /// `YYYY-MM-DD`: the value is in force from that day on (issue #19); absent: it replaces the whole history.
    #[serde(default)]
    from: Option<String>,
    /// The legal basis of the value (a regulation, a circular).
    #[serde(default)]
    basis: Option<String>,
}

/// `PUT /api/v1/parameters/{key}` (admin) with `{"value": "...", "from"?: "YYYY-MM-DD", "basis"?: "..."}`:
/// audited; later evaluations judge each event with the value in force on its date.
#[utoipa::path(put, path = "/parameters/{key}", tag = "rules", params(("key" = String, Path)),
    request_body = ParameterBody,
    responses((status = 200, body = ParamInfo), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn set_parameter(
    Admin(principal): Admin,
    State(db): State<Db>,
    Path(key): Path<String>,
    body: Result<Json<ParameterBody>, JsonRejection>,
) -> Result<Json<ParamInfo>, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let from = body
        .from
        .as_deref()
        .map(|d| Date::parse(d).map_err(|e| ApiError::Unprocessable(format!("from: {e}"))))
        .transpose()?;
    let change = crate::service::parameters::Change {
        value: &body.value,
        from,
        basis: body.basis.as_deref(),
    };
    crate::service::parameters::set(&db, &key, change, &principal.user)
        .await
        .map_err(|e| match e {
            evaluation::EvaluationError::Parameter(ParamError::Unknown(_)) => {
                ApiError::NotFound(e.to_string())
            }
            other => ApiError::from(other),
        })?;
    crate::service::parameters::describe(&db)
        .await?
        .into_iter()
        .find(|p| p.key == key)
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("unknown parameter {key:?}")))
}
