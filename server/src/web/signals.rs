//! Signals over HTTP (issue #20, interfaces.md "Signals"): `GET /api/v1/signals` and
//! `POST /api/v1/signals/{id}/explain` for analysts and commissioners, the explain form of `/sinyal` and its CSV
//! export. Never public: a signal is a suspicion, not a finding.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use model::types::{SignalFilter, SignalItem};
use model::Refusal;
use serde::Deserialize;

use super::api_errors::{ApiError, ErrorBody};
use super::caller::{FormUser, PageForm, Reader, Refused};
use super::session::see_other;
use crate::auth::{Principal, Role};
use crate::db::Db;
use crate::domain::Date;
use crate::service::signals::{self, SignalError};
use crate::service::AppState;

/// Who reads and explains signals: the commission's analysts and commissioners.
fn may_read(role: Role) -> bool {
    matches!(role, Role::Analyst | Role::Commissioner)
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/signals", get(list))
        .route("/signals/{id}/explain", post(explain))
}

pub fn page_routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/auth/sinyal/{id}", post(explain_form))
        .route("/ekspor/sinyal.csv", get(export_csv))
        .route("/ekspor/sinyal.xlsx", get(export_xlsx))
        .with_state(app)
}

impl From<SignalError> for ApiError {
    fn from(err: SignalError) -> ApiError {
        match err {
            SignalError::Database(err) => err.into(),
            SignalError::Evaluation(err) => err.into(),
            SignalError::NotFound(_) => ApiError::NotFound(err.to_string()),
            SignalError::NoteRequired => ApiError::Unprocessable(err.to_string()),
            SignalError::UnknownKind(_) => ApiError::BadRequest(err.to_string()),
        }
    }
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct ListParams {
    /// `S-MASS-ROTATION`, `S-ACTING-CHAIN` or `S-JOBFIT-REMOVAL`.
    kind: Option<String>,
    agency: Option<String>,
    /// `YYYY-MM-DD`: computed afresh for that date, the stored explained marks joined.
    as_of: Option<String>,
    /// `true`: also the explained ones.
    include_explained: Option<bool>,
}

fn caller(principal: &Principal) -> Result<(), ApiError> {
    if may_read(principal.role) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "signals are for analysts and commissioners".into(),
        ))
    }
}

/// `GET /api/v1/signals` (analysts and commissioners): the open signals, or with `include_explained` all.
#[utoipa::path(get, path = "/signals", tag = "signals", params(ListParams),
    responses((status = 200, body = Vec<SignalItem>), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn list(
    principal: Principal,
    State(db): State<Db>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Json<Vec<SignalItem>>, ApiError> {
    caller(&principal)?;
    let Query(p) = params.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let as_of = p
        .as_of
        .as_deref()
        .filter(|d| !d.is_empty())
        .map(|d| Date::parse(d).map_err(|e| ApiError::BadRequest(format!("as_of: {e}"))))
        .transpose()?;
    let filter = SignalFilter {
        kind: p.kind.unwrap_or_default(),
        agency: p.agency.unwrap_or_default(),
        province: String::new(),
        explained: if p.include_explained.unwrap_or(false) {
            "1"
        } else {
            ""
        }
        .into(),
    };
    Ok(Json(signals::list(&db, &filter, as_of).await?))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ExplainBody {
    /// Why the pattern is not a concern (required).
    note: String,
}

/// `POST /api/v1/signals/{id}/explain` (analysts and commissioners) with `{"note"}`: the signal leaves the open list;
/// audited. 404 for an unknown id, 422 without a note.
#[utoipa::path(post, path = "/signals/{id}/explain", tag = "signals", params(("id" = i64, Path)),
    request_body = ExplainBody,
    responses((status = 200, body = SignalItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn explain(
    principal: Principal,
    State(db): State<Db>,
    Path(id): Path<i64>,
    body: Result<Json<ExplainBody>, JsonRejection>,
) -> Result<Json<SignalItem>, ApiError> {
    caller(&principal)?;
    let Json(body) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    signals::explain(&db, id, &body.note, &principal.user).await?;
    db.signal(id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no signal {id}")))
}

#[derive(Debug, Deserialize)]
struct ExplainForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    note: String,
}

impl PageForm for ExplainForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /auth/sinyal/{id}`: an analyst or commissioner explains a signal from `/sinyal`.
async fn explain_form(
    State(db): State<Db>,
    Path(id): Path<i64>,
    FormUser { user, form }: FormUser<ExplainForm>,
) -> Response {
    if !may_read(user.role) {
        return see_other(&Refusal::Role.at("/sinyal"), None);
    }
    match signals::explain(&db, id, &form.note, &user.name).await {
        Ok(()) => see_other("/sinyal?hasil=ok", None),
        Err(SignalError::NoteRequired) => see_other(&Refusal::NoteRequired.at("/sinyal"), None),
        Err(SignalError::NotFound(_)) => axum::http::StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "explaining a signal failed");
            see_other(&Refusal::Failure.at("/sinyal"), None)
        }
    }
}

/// The signals of the page's filters for an export (analysts and commissioners).
async fn exported(
    db: &Db,
    reader: Reader,
    filter: &SignalFilter,
) -> Result<Vec<SignalItem>, Refused> {
    reader.one_of(
        app::api::SCORECARD_READERS,
        "your role may not export signals",
    )?;
    signals::list(db, filter, None).await.map_err(|e| {
        tracing::error!(error = %e, "signals export failed");
        Refused::Failed
    })
}

fn failed(err: crate::service::export::ExportError) -> Refused {
    tracing::error!(error = %err, "signals export failed");
    Refused::Failed
}

/// A download of `body` named `file`.
fn attachment(content_type: &'static str, file: &'static str, body: impl IntoResponse) -> Response {
    use axum::http::header;
    let disposition = format!("attachment; filename=\"{file}\"");
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// `GET /ekspor/sinyal.csv` with the page's filters.
async fn export_csv(
    State(db): State<Db>,
    reader: Reader,
    Query(filter): Query<SignalFilter>,
) -> Result<Response, Refused> {
    let list = exported(&db, reader, &filter).await?;
    let text = crate::service::export::signals_csv(&list).map_err(failed)?;
    Ok(attachment("text/csv; charset=utf-8", "sinyal.csv", text))
}

/// `GET /ekspor/sinyal.xlsx` with the page's filters.
async fn export_xlsx(
    State(db): State<Db>,
    reader: Reader,
    Query(filter): Query<SignalFilter>,
) -> Result<Response, Refused> {
    let list = exported(&db, reader, &filter).await?;
    let bytes = crate::service::export::signals_xlsx(&list).map_err(failed)?;
    Ok(attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "sinyal.xlsx",
        bytes,
    ))
}
