//! The staff pages' forms and downloads, as plain HTTP handlers beside the Leptos pages (they work without
//! JavaScript): workflow steps on a violation and on a complaint's case, the explorer's CSV and Excel exports, changing one's own password,
//! the administrators' user management and rule parameters. Each checks the session, the role, and (for every change) the Origin
//! and the session's CSRF token; each change is audited by the database layer.

use app::api::{COMPLAINT_READERS, VIOLATION_READERS};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use model::types::{CaseListFilter, ExplorerFilter};
use serde::Deserialize;

use super::caller::{AdminForm, FormUser, PageForm, Reader, Refused};
use super::session::{forbidden, see_other};
use crate::auth::{hash_password, Principal, Role};
use crate::db::{Credential, Db, UserError};
use crate::domain::complaints::workflow::StepInput;
use crate::rules::lifecycle::TransitionError;
use crate::service::cases::{self, CaseError};
use crate::service::violations::{take_step, StepError, StepRequest};
use crate::service::AppState;
use model::Refusal;

/// The shortest password a person may choose or be given (NIST SP 800-63B asks for at least 8; staff accounts
/// see personal data, so more).
pub const MIN_PASSWORD_CHARS: usize = 12;

pub fn routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/auth/pelanggaran/{id}/langkah", post(step))
        .route("/auth/pengaduan/{reference}/langkah", post(case_step))
        .route("/ekspor/pelanggaran.csv", get(export_csv))
        .route("/ekspor/pelanggaran.xlsx", get(export_xlsx))
        .route("/ekspor/pengaduan.csv", get(export_cases))
        .route("/auth/sandi", post(change_password))
        .route("/auth/pengguna", post(add_user))
        .route("/auth/pengguna/{name}", post(change_user))
        .route("/auth/parameter/{key}", post(change_parameter))
        .with_state(app)
}

#[derive(Debug, Deserialize)]
struct StepForm {
    #[serde(default)]
    csrf: String,
    to: String,
    reason: Option<String>,
    letter_number: Option<String>,
    letter_date: Option<String>,
}

impl PageForm for StepForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /auth/pelanggaran/{id}/langkah`: one workflow step, then back to the violation's page with
/// `?hasil=ok` or `?galat=` naming what was wrong.
async fn step(
    State(db): State<Db>,
    Path(id): Path<i64>,
    FormUser { user, form }: FormUser<StepForm>,
) -> Response {
    let page = format!("/pelanggaran/{id}");
    let principal = Principal::from(&user);
    let body = StepRequest {
        to: form.to,
        reason: form.reason,
        letter_number: form.letter_number,
        letter_date: form.letter_date,
    };
    let code = match take_step(&db, &principal, id, &body).await {
        Ok(()) => return see_other(&format!("{page}?hasil=ok"), None),
        Err(StepError::NotFound(_)) => return StatusCode::NOT_FOUND.into_response(),
        Err(StepError::Refused(TransitionError::Forbidden { .. })) => Refusal::Role,
        Err(StepError::Refused(TransitionError::NotAllowed { .. }) | StepError::Moved(_)) => {
            Refusal::Status
        }
        Err(StepError::Refused(TransitionError::ReasonRequired)) => Refusal::ReasonRequired,
        Err(StepError::Refused(TransitionError::LetterRequired)) => Refusal::LetterRequired,
        Err(StepError::BadDate(_) | StepError::UnknownStatus(_)) => Refusal::BadDate,
        Err(err @ (StepError::Corrupt(..) | StepError::Database(_))) => {
            tracing::error!(error = %err, "a workflow step failed");
            Refusal::Failure
        }
    };
    see_other(&code.at(&page), None)
}

#[derive(Debug, Deserialize)]
struct CaseStepForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    step: StepInput,
}

impl PageForm for CaseStepForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /auth/pengaduan/{reference}/langkah`: one step of a complaint's case, then back to the case's page
/// with `?hasil=ok` or `?galat=` naming what was wrong.
async fn case_step(
    State(db): State<Db>,
    Path(reference): Path<String>,
    FormUser { user, form }: FormUser<CaseStepForm>,
) -> Response {
    let page = format!("/pengaduan/{}", model::encode_uri_component(&reference));
    // A role that may not touch cases at all learns nothing about them, not even whether one exists.
    if !COMPLAINT_READERS.contains(&user.role) {
        return forbidden("your role may not work on complaints");
    }
    let principal = Principal::from(&user);
    let code = match cases::take_step(&db, &principal, &reference, &form.step).await {
        Ok(()) => return see_other(&format!("{page}?hasil=ok"), None),
        Err(CaseError::NotFound(_)) => return StatusCode::NOT_FOUND.into_response(),
        Err(CaseError::Refused(refused)) => refused.refusal(),
        Err(CaseError::Moved) => Refusal::Status,
        Err(err) => {
            tracing::error!(error = %err, "a complaint step failed");
            Refusal::Failure
        }
    };
    see_other(&code.at(&page), None)
}

/// Every violation of the explorer's view (`filter`), for an export.
async fn export_rows(
    db: &Db,
    filter: &ExplorerFilter,
) -> Result<Vec<model::types::ExplorerRow>, Refused> {
    db.explore_all(filter).await.map_err(|err| {
        tracing::error!(error = %err, "export failed");
        Refused::Failed
    })
}

fn download(content_type: &'static str, file: &'static str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CONTENT_DISPOSITION,
                match file {
                    "xlsx" => "attachment; filename=\"pelanggaran.xlsx\"",
                    "cases" => "attachment; filename=\"pengaduan.csv\"",
                    _ => "attachment; filename=\"pelanggaran.csv\"",
                },
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /ekspor/pengaduan.csv?<the case list's query>`: the listed cases, without any personal name (exports
/// travel; the complainant's identity never leaves the case page).
async fn export_cases(
    State(app): State<AppState>,
    reader: Reader,
    Query(filter): Query<CaseListFilter>,
) -> Result<Response, Refused> {
    let user = reader.one_of(COMPLAINT_READERS, "your role may not export complaints")?;
    let list = cases::list(&app, &user, &filter).await.map_err(|err| {
        tracing::error!(error = %err, "case export failed");
        Refused::Failed
    })?;
    match crate::service::export::cases_csv(&list.cases) {
        Ok(text) => Ok(download(
            "text/csv; charset=utf-8",
            "cases",
            text.into_bytes(),
        )),
        Err(err) => {
            tracing::error!(error = %err, "case CSV failed");
            Err(Refused::Failed)
        }
    }
}

/// `GET /ekspor/pelanggaran.csv?<the explorer's query>`: every violation of the view, in its order.
async fn export_csv(
    State(db): State<Db>,
    reader: Reader,
    Query(filter): Query<ExplorerFilter>,
) -> Result<Response, Refused> {
    reader.one_of(VIOLATION_READERS, "your role may not export violations")?;
    let rows = export_rows(&db, &filter).await?;
    match crate::service::export::explorer_csv(&rows) {
        Ok(text) => Ok(download(
            "text/csv; charset=utf-8",
            "csv",
            text.into_bytes(),
        )),
        Err(err) => {
            tracing::error!(error = %err, "CSV export failed");
            Err(Refused::Failed)
        }
    }
}

/// `GET /ekspor/pelanggaran.xlsx?<the explorer's query>`: the same rows as an Excel workbook.
async fn export_xlsx(
    State(db): State<Db>,
    reader: Reader,
    Query(filter): Query<ExplorerFilter>,
) -> Result<Response, Refused> {
    reader.one_of(VIOLATION_READERS, "your role may not export violations")?;
    let rows = export_rows(&db, &filter).await?;
    match crate::service::export::explorer_xlsx(&rows) {
        Ok(bytes) => Ok(download(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            bytes,
        )),
        Err(err) => {
            tracing::error!(error = %err, "Excel export failed");
            Err(Refused::Failed)
        }
    }
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    csrf: String,
    current: String,
    new: String,
    confirm: String,
}

impl PageForm for PasswordForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

fn too_short(password: &str) -> bool {
    password.chars().count() < MIN_PASSWORD_CHARS
}

/// The argon2id hash of a password a person chose or was given, or why not: too short (under
/// [`MIN_PASSWORD_CHARS`]) or a failure. argon2 is slow on purpose, so it runs off the async workers.
async fn new_password_hash(password: String) -> Result<String, Refusal> {
    if too_short(&password) {
        return Err(Refusal::PasswordTooShort);
    }
    tokio::task::spawn_blocking(move || hash_password(&password).ok())
        .await
        .ok()
        .flatten()
        .ok_or(Refusal::Failure)
}

/// `POST /auth/sandi`: a signed-in person changes their own password (the current one is asked again). Every
/// session of theirs ends, this one included, so they sign in again with the new one.
async fn change_password(
    State(db): State<Db>,
    client: super::client::Client,
    FormUser { user, form }: FormUser<PasswordForm>,
) -> Response {
    let back = |refusal: Refusal| see_other(&refusal.at("/akun"), None);
    if form.new != form.confirm {
        return back(Refusal::PasswordsDiffer);
    }
    if too_short(&form.new) {
        return back(Refusal::PasswordTooShort);
    }
    let target = match db.login_target(&user.name).await {
        Ok(Some(t)) => t,
        Ok(None) => return back(Refusal::Failure),
        Err(err) => {
            tracing::error!(error = %err, "password change failed");
            return back(Refusal::Failure);
        }
    };
    // A wrong current password counts like a wrong sign-in (issue #14): counted before it is checked, and
    // locked after five from this address.
    if let Err(refusal) = super::sign_in::count_attempt(&db, &user.name, &client).await {
        return match refusal {
            super::sign_in::Refusal::Notice(code) => back(code),
            super::sign_in::Refusal::Limited(exceeded) => {
                super::throttle::too_many(exceeded, false)
            }
        };
    }
    let hash = target.password_hash.unwrap_or_default();
    match super::sign_in::verify_bounded(hash, form.current.clone()).await {
        Some(true) => {
            if let Err(err) = super::sign_in::forgive_attempt(&db, &user.name, &client).await {
                tracing::error!(error = %err, "clearing sign-in failures failed");
            }
        }
        Some(false) => return back(Refusal::WrongPassword),
        None => {
            return super::throttle::too_many(super::throttle::Exceeded { retry_after: 10 }, false)
        }
    }
    let hash = match new_password_hash(form.new).await {
        Ok(hash) => hash,
        Err(code) => return back(code),
    };
    let now = crate::clock::now_text();
    match db.set_password(&user.name, &hash, &user.name, &now).await {
        Ok(()) => {
            let cookie = format!(
                "{}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax",
                model::types::SESSION_COOKIE
            );
            see_other(&Refusal::PasswordChanged.at("/masuk"), Some(cookie))
        }
        Err(err) => {
            tracing::error!(error = %err, "password change failed");
            back(Refusal::Failure)
        }
    }
}

/// How a refused user change is named in `/pengguna?galat=`.
fn user_error_code(err: &UserError) -> Refusal {
    match err {
        UserError::Exists(_) => Refusal::UserExists,
        UserError::NoSuchUser(_) => Refusal::NoSuchUser,
        UserError::NoSuchAgency(_) => Refusal::NoSuchAgency,
        UserError::AgencyMismatch => Refusal::RoleAgencyMismatch,
        UserError::BadEmail(_) => Refusal::BadEmail,
        UserError::Database(err) => {
            tracing::error!(error = %err, "user management failed");
            Refusal::Failure
        }
    }
}

#[derive(Debug, Deserialize)]
struct NewUserForm {
    #[serde(default)]
    csrf: String,
    name: String,
    role: String,
    #[serde(default)]
    agency_code: String,
    password: String,
    #[serde(default)]
    email: String,
}

impl PageForm for NewUserForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /auth/pengguna`: an administrator creates a user with an initial password (handed over out of band;
/// the user changes it on `/akun`).
async fn add_user(
    State(db): State<Db>,
    AdminForm { user: admin, form }: AdminForm<NewUserForm>,
) -> Response {
    let back = |refusal: Refusal| see_other(&refusal.at("/pengguna"), None);
    let name = form.name.trim();
    let valid_name = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    if !valid_name {
        return back(Refusal::BadName);
    }
    let Some(role) = Role::parse(&form.role) else {
        return back(Refusal::Role);
    };
    let agency = Some(form.agency_code.trim()).filter(|c| !c.is_empty());
    let email = match crate::db::valid_email(&form.email) {
        Ok(email) => email,
        Err(err) => return back(user_error_code(&err)),
    };
    let hash = match new_password_hash(form.password).await {
        Ok(hash) => hash,
        Err(code) => return back(code),
    };
    let now = crate::clock::now_text();
    match db
        .add_user(
            name,
            role,
            agency,
            Credential::PasswordHash(&hash),
            &admin.name,
            &now,
        )
        .await
    {
        Ok(()) => {}
        Err(err) => return back(user_error_code(&err)),
    }
    if email.is_some() {
        if let Err(err) = db
            .set_email(name, email.as_deref(), &admin.name, &now)
            .await
        {
            return back(user_error_code(&err));
        }
    }
    see_other("/pengguna?hasil=dibuat", None)
}

#[derive(Debug, Deserialize)]
struct ChangeUserForm {
    #[serde(default)]
    csrf: String,
    /// `disable`, `enable`, `reset` (with `password`), `agency` (with `agency_code`) or `email` (with `email`;
    /// empty removes it).
    action: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    agency_code: String,
}

impl PageForm for ChangeUserForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /auth/pengguna/{name}`: disable, enable, reset the password of, or move to another agency one user.
/// An administrator cannot disable themselves (someone must be left to undo it).
async fn change_user(
    State(db): State<Db>,
    Path(name): Path<String>,
    AdminForm { user: admin, form }: AdminForm<ChangeUserForm>,
) -> Response {
    let back = |refusal: Refusal| see_other(&refusal.at("/pengguna"), None);
    let now = crate::clock::now_text();
    let outcome = match form.action.as_str() {
        "disable" if name == admin.name => return back(Refusal::SelfDisable),
        "disable" => db.set_user_active(&name, false, &admin.name, &now).await,
        "enable" => db.set_user_active(&name, true, &admin.name, &now).await,
        "reset" => match new_password_hash(form.password).await {
            Ok(hash) => db.set_password(&name, &hash, &admin.name, &now).await,
            Err(code) => return back(code),
        },
        "agency" => {
            db.set_user_agency(&name, form.agency_code.trim(), &admin.name, &now)
                .await
        }
        "email" => match crate::db::valid_email(&form.email) {
            Ok(email) => {
                db.set_email(&name, email.as_deref(), &admin.name, &now)
                    .await
            }
            Err(err) => Err(err),
        },
        _ => return (StatusCode::BAD_REQUEST, "unknown action").into_response(),
    };
    match outcome {
        Ok(()) => see_other("/pengguna?hasil=diubah", None),
        Err(err) => back(user_error_code(&err)),
    }
}

#[derive(Debug, Deserialize)]
struct ParameterForm {
    #[serde(default)]
    csrf: String,
    value: String,
    /// `YYYY-MM-DD` or empty (the value replaces the whole history).
    #[serde(default)]
    from: String,
    #[serde(default)]
    basis: String,
}

impl PageForm for ParameterForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /auth/parameter/{key}`: an administrator changes a rule parameter (checked alone and with the others,
/// audited), then back to `/parameter`.
async fn change_parameter(
    State(db): State<Db>,
    Path(key): Path<String>,
    AdminForm { user, form }: AdminForm<ParameterForm>,
) -> Response {
    use crate::service::evaluation::EvaluationError;
    let from = match form.from.trim() {
        "" => None,
        text => match crate::domain::Date::parse(text) {
            Ok(day) => Some(day),
            Err(_) => return see_other(&Refusal::BadValue.at("/parameter"), None),
        },
    };
    let change = crate::service::parameters::Change {
        value: form.value.trim(),
        from,
        basis: Some(form.basis.as_str()),
    };
    match crate::service::parameters::set(&db, &key, change, &user.name).await {
        Ok(_) => see_other("/parameter?hasil=diubah", None),
        Err(EvaluationError::Parameter(_)) => see_other(&Refusal::BadValue.at("/parameter"), None),
        Err(err) => {
            tracing::error!(error = %err, "changing a parameter failed");
            see_other(&Refusal::Failure.at("/parameter"), None)
        }
    }
}
