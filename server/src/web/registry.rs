//! The registry over HTTP (issue #19, interfaces.md "Registry"): `POST /api/v1/agencies` adds an agency and
//! `PATCH /api/v1/agencies/{code}` renames or retires one (administrators; audited), and the forms of the
//! administrators' page `/registri` (posted to `/auth/registri…`, back with `?hasil=` or `?galat=`).

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{patch, post};
use axum::{Json, Router};
use model::types::{Agency, AgencyKind, RegistryEntry};
use model::Refusal;
use serde::Deserialize;

use super::api_errors::{ApiError, ErrorBody};
use super::caller::{Admin, AdminForm, PageForm};
use super::session::see_other;
use crate::db::Db;
use crate::domain::Date;
use crate::service::registry::{self, RegistryChangeError};
use crate::service::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agencies", post(add))
        .route("/agencies/{code}", patch(change))
}

pub fn page_routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/auth/registri", post(add_form))
        .route("/auth/registri/{code}", post(change_form))
        .with_state(app)
}

impl From<RegistryChangeError> for ApiError {
    fn from(err: RegistryChangeError) -> ApiError {
        match err {
            RegistryChangeError::Database(err) => err.into(),
            RegistryChangeError::UnknownCode(_) => ApiError::NotFound(err.to_string()),
            RegistryChangeError::DuplicateCode(_) | RegistryChangeError::AlreadyRetired { .. } => {
                ApiError::Conflict(err.to_string())
            }
            other => ApiError::Unprocessable(other.to_string()),
        }
    }
}

/// A day given in a body, or 422 naming the field.
fn day(field: &str, text: &str) -> Result<Date, ApiError> {
    Date::parse(text.trim()).map_err(|e| ApiError::Unprocessable(format!("{field}: {e}")))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct NewAgencyBody {
    code: String,
    name: String,
    kind: AgencyKind,
    #[serde(default)]
    province_code: Option<String>,
    #[serde(default = "yes")]
    autonomous: bool,
    /// `YYYY-MM-DD`: the day it exists from (absent: from the start).
    #[serde(default)]
    from: Option<String>,
}

fn yes() -> bool {
    true
}

/// The entry of `code` as the registry shows it today.
async fn entry_of(db: &Db, code: &str) -> Result<RegistryEntry, ApiError> {
    registry::list(db, None)
        .await?
        .into_iter()
        .find(|e| e.code == code)
        .ok_or_else(|| ApiError::NotFound(format!("no agency {code:?}")))
}

/// `POST /api/v1/agencies` (admin): adds an agency; 201 with its entry, 409 for a code in use, 422 when refused.
#[utoipa::path(post, path = "/agencies", tag = "registry", request_body = NewAgencyBody,
    responses((status = 201, body = RegistryEntry), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn add(
    Admin(principal): Admin,
    State(db): State<Db>,
    body: Result<Json<NewAgencyBody>, JsonRejection>,
) -> Result<(StatusCode, Json<RegistryEntry>), ApiError> {
    let Json(body) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let from = body.from.as_deref().map(|d| day("from", d)).transpose()?;
    let agency = Agency {
        code: body.code.trim().to_string(),
        name: body.name.trim().to_string(),
        kind: body.kind,
        province_code: body
            .province_code
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty()),
        autonomous: body.autonomous,
    };
    let code = agency.code.clone();
    registry::add(&db, vec![(agency, from)], &principal.user).await?;
    Ok((StatusCode::CREATED, Json(entry_of(&db, &code).await?)))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ChangeBody {
    /// A new name, in force from `from` (required with it).
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    from: Option<String>,
    /// Its last day, `YYYY-MM-DD`.
    #[serde(default)]
    retired_on: Option<String>,
    #[serde(default)]
    succeeded_by: Option<String>,
}

/// `PATCH /api/v1/agencies/{code}` (admin): `{"name", "from"}` renames from that day, `{"retired_on",
/// "succeeded_by"?}` retires; 404 for an unknown code, 409 when already retired, 422 when refused.
#[utoipa::path(patch, path = "/agencies/{code}", tag = "registry", params(("code" = String, Path)),
    request_body = ChangeBody,
    responses((status = 200, body = RegistryEntry), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn change(
    Admin(principal): Admin,
    State(db): State<Db>,
    Path(code): Path<String>,
    body: Result<Json<ChangeBody>, JsonRejection>,
) -> Result<Json<RegistryEntry>, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    match (&body.name, &body.retired_on) {
        (Some(name), None) => {
            let from = body
                .from
                .as_deref()
                .ok_or_else(|| ApiError::Unprocessable("from: required with a new name".into()))?;
            let from = day("from", from)?;
            registry::rename(&db, &code, name, from, &principal.user).await?;
        }
        (None, Some(on)) => {
            let on = day("retired_on", on)?;
            registry::retire(
                &db,
                &code,
                on,
                body.succeeded_by.as_deref(),
                &principal.user,
            )
            .await?;
        }
        _ => {
            return Err(ApiError::Unprocessable(
                "give either a name with its from date, or retired_on".into(),
            ))
        }
    }
    Ok(Json(entry_of(&db, &code).await?))
}

/// How a refused change is named in `/registri?galat=`.
fn refusal(err: &RegistryChangeError) -> Refusal {
    match err {
        RegistryChangeError::Database(_) => Refusal::Failure,
        RegistryChangeError::UnknownCode(_) => Refusal::NoSuchAgency,
        RegistryChangeError::DuplicateCode(_) => Refusal::AgencyExists,
        RegistryChangeError::AlreadyRetired { .. } => Refusal::AlreadyRetired,
        RegistryChangeError::BeforeExistence { .. }
        | RegistryChangeError::AfterRetirement { .. } => Refusal::OutsideLife,
        RegistryChangeError::UnknownProvince(_)
        | RegistryChangeError::Invalid(_)
        | RegistryChangeError::Csv(_) => Refusal::BadEntry,
    }
}

fn answer(done: Result<(), RegistryChangeError>) -> Response {
    match done {
        Ok(()) => see_other("/registri?hasil=diubah", None),
        Err(err) => {
            if matches!(err, RegistryChangeError::Database(_)) {
                tracing::error!(error = %err, "a registry change failed");
            }
            see_other(&refusal(&err).at("/registri"), None)
        }
    }
}

/// An optional day from a form (`Ok(None)`: left empty); `Err(())` when it is not a date.
fn form_day(text: &str) -> Result<Option<Date>, ()> {
    match text.trim() {
        "" => Ok(None),
        t => Date::parse(t).map(Some).map_err(|_| ()),
    }
}

fn bad_date() -> Response {
    see_other(&Refusal::BadDate.at("/registri"), None)
}

#[derive(Debug, Deserialize)]
struct AddForm {
    #[serde(default)]
    csrf: String,
    code: String,
    name: String,
    kind: String,
    #[serde(default)]
    province_code: String,
    #[serde(default)]
    autonomous: Option<String>,
    #[serde(default)]
    from: String,
}

impl PageForm for AddForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /auth/registri`: an administrator adds an agency.
async fn add_form(State(db): State<Db>, AdminForm { user, form }: AdminForm<AddForm>) -> Response {
    let Some(kind) = AgencyKind::parse(form.kind.trim()) else {
        return see_other(&Refusal::BadEntry.at("/registri"), None);
    };
    let Ok(from) = form_day(&form.from) else {
        return bad_date();
    };
    let agency = Agency {
        code: form.code.trim().to_string(),
        name: form.name.trim().to_string(),
        kind,
        province_code: Some(form.province_code.trim().to_string()).filter(|p| !p.is_empty()),
        // A checkbox: present when ticked. Only DKI Jakarta's administrative units are not autonomous.
        autonomous: form.autonomous.is_some(),
    };
    answer(
        registry::add(&db, vec![(agency, from)], &user.name)
            .await
            .map(|_| ()),
    )
}

#[derive(Debug, Deserialize)]
struct ChangeForm {
    #[serde(default)]
    csrf: String,
    /// The agency when the path names none (`/auth/registri/-`: the page's forms, where the code is typed).
    #[serde(default)]
    code: String,
    /// `rename` or `retire`.
    action: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    succeeded_by: String,
}

impl PageForm for ChangeForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /auth/registri/{code}` (or `/auth/registri/-` with `code` in the form): an administrator renames or
/// retires an agency.
async fn change_form(
    State(db): State<Db>,
    Path(code): Path<String>,
    AdminForm { user, form }: AdminForm<ChangeForm>,
) -> Response {
    let code = if code == "-" {
        form.code.trim().to_string()
    } else {
        code
    };
    let (day_text, rename) = match form.action.as_str() {
        "rename" => (&form.from, true),
        "retire" => (&form.on, false),
        _ => return see_other(&Refusal::Failure.at("/registri"), None),
    };
    let Ok(Some(day)) = form_day(day_text) else {
        return bad_date();
    };
    let done = if rename {
        registry::rename(&db, &code, &form.name, day, &user.name).await
    } else {
        let successor = Some(form.succeeded_by.trim()).filter(|s| !s.is_empty());
        registry::retire(&db, &code, day, successor, &user.name).await
    };
    answer(done)
}
