//! Who is calling, as extractors, so that a handler's signature says who may call it:
//! - [`Principal`]: an API caller with a bearer token (401 otherwise);
//! - [`Staff`]: an API caller who is an analyst, commissioner or administrator (403 for a clerk);
//! - [`Admin`]: an API caller who is an administrator;
//! - [`Reader`]: the signed-in reader of a staff download (401 otherwise);
//! - [`FormUser`]: the signed-in person behind a page's form, with the form. The form must come from this site
//!   and carry the session's CSRF token (403); without a session the browser is sent to sign in and back.
//! - [`AdminForm`]: a [`FormUser`] who is an administrator.

use axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use model::types::SessionUser;
use model::Role;
use serde::de::DeserializeOwned;

use super::api_errors::ApiError;
use super::session::{cross_site, forbidden, see_other, session_user, STALE_FORM};
use crate::auth::Principal;
use crate::service::AppState;

impl<S> FromRequestParts<S> for Principal
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Principal, ApiError> {
        let app = AppState::from_ref(state);
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(ApiError::Unauthorized)?;
        app.db
            .principal_for_token(token)
            .await?
            .ok_or(ApiError::Unauthorized)
    }
}

/// An API caller of the commission: analyst, commissioner or administrator.
#[derive(Clone, Debug)]
pub struct Staff(pub Principal);

impl Staff {
    pub fn is(role: Role) -> bool {
        matches!(role, Role::Analyst | Role::Commissioner | Role::Admin)
    }
}

/// The agency a list read by `principal` is narrowed to (interfaces.md): staff read any (or all, `None`); an
/// agency's credential reads only its own, whatever it asked for, and asking for another agency is a 403.
pub fn readable_agency(
    principal: &Principal,
    requested: Option<String>,
    what: &str,
) -> Result<Option<String>, ApiError> {
    if Staff::is(principal.role) {
        return Ok(requested);
    }
    let own = principal.agency_code.clone();
    if own.is_none() || (requested.is_some() && requested != own) {
        return Err(ApiError::Forbidden(format!(
            "this credential may not read another agency's {what}"
        )));
    }
    Ok(own)
}

impl<S> FromRequestParts<S> for Staff
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Staff, ApiError> {
        principal_who(parts, state, Staff::is, "the commission's staff")
            .await
            .map(Staff)
    }
}

/// An API caller who is an administrator.
#[derive(Clone, Debug)]
pub struct Admin(pub Principal);

impl<S> FromRequestParts<S> for Admin
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Admin, ApiError> {
        principal_who(parts, state, |role| role == Role::Admin, "administrators")
            .await
            .map(Admin)
    }
}

/// The API caller if `may(role)`, else 403 naming the request and who it is for.
async fn principal_who<S>(
    parts: &mut Parts,
    state: &S,
    may: impl Fn(Role) -> bool,
    for_whom: &str,
) -> Result<Principal, ApiError>
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    let principal = Principal::from_request_parts(parts, state).await?;
    if may(principal.role) {
        return Ok(principal);
    }
    // Under `/api/v1` the router strips its prefix from `uri`; the caller sent the original.
    let path = parts
        .extensions
        .get::<axum::extract::OriginalUri>()
        .map_or_else(|| parts.uri.path().to_string(), |u| u.path().to_string());
    Err(ApiError::Forbidden(format!(
        "{} {path} is for {for_whom} only; this credential is of role {}",
        parts.method, principal.role
    )))
}

/// The signed-in reader of a staff download (a read: no CSRF token); 401 without a session. The handler checks
/// the role with [`Reader::one_of`], naming what was refused.
pub struct Reader(pub SessionUser);

impl Reader {
    /// The reader if their role is one of `roles` (the roles of the page the download exports), else 403.
    pub fn one_of(self, roles: &[Role], refusal: &'static str) -> Result<SessionUser, Refused> {
        if roles.contains(&self.0.role) {
            Ok(self.0)
        } else {
            Err(Refused::Forbidden(refusal))
        }
    }
}

impl<S> FromRequestParts<S> for Reader
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Refused;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Reader, Refused> {
        let app = AppState::from_ref(state);
        match session_user(&app.db, &parts.headers).await {
            Some(user) => Ok(Reader(user)),
            None => Err(Refused::Unauthenticated),
        }
    }
}

/// Why a page's request (a download, a form) was refused, answered as the plain response a browser shows. The
/// API's counterpart is `ApiError`.
#[derive(Debug)]
pub enum Refused {
    /// 401: no session.
    Unauthenticated,
    /// 403, with what was refused.
    Forbidden(&'static str),
    /// 500: the detail was logged where it happened.
    Failed,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::Unauthenticated => (StatusCode::UNAUTHORIZED, "sign in first").into_response(),
            Refused::Forbidden(what) => forbidden(what),
            Refused::Failed => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
}

/// A form posted from one of the app's pages: it names the session's CSRF token.
pub trait PageForm: DeserializeOwned + Send {
    fn csrf(&self) -> &str;
}

/// The signed-in person behind a page's form, and the form.
pub struct FormUser<F> {
    pub user: SessionUser,
    pub form: F,
}

impl<S, F> FromRequest<S> for FormUser<F>
where
    AppState: FromRef<S>,
    S: Send + Sync,
    F: PageForm,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<FormUser<F>, Response> {
        let app = AppState::from_ref(state);
        if cross_site(request.headers()) {
            return Err(forbidden("cross-site request refused"));
        }
        let Some(user) = session_user(&app.db, request.headers()).await else {
            let next = model::encode_uri_component(&page_of_form(request.uri().path()));
            return Err(see_other(&format!("/masuk?next={next}"), None));
        };
        let Form(form) = Form::<F>::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        if user.csrf != form.csrf() {
            return Err(forbidden(STALE_FORM));
        }
        Ok(FormUser { user, form })
    }
}

/// A [`FormUser`] who is an administrator (user management, rule parameters).
pub struct AdminForm<F> {
    pub user: SessionUser,
    pub form: F,
}

impl<S, F> FromRequest<S> for AdminForm<F>
where
    AppState: FromRef<S>,
    S: Send + Sync,
    F: PageForm,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<AdminForm<F>, Response> {
        let FormUser { user, form } = FormUser::<F>::from_request(request, state).await?;
        if user.role == Role::Admin {
            Ok(AdminForm { user, form })
        } else {
            Err(forbidden(
                "Hanya administrator yang boleh melakukan ini. / Only administrators may do this.",
            ))
        }
    }
}

/// The page a form is posted from (`/auth/pelanggaran/7/langkah` from `/pelanggaran/7`), where a visitor whose
/// session ended comes back to after signing in.
pub fn page_of_form(path: &str) -> String {
    let page = path.strip_prefix("/auth").unwrap_or(path);
    let page = page
        .strip_suffix("/langkah")
        .or_else(|| page.strip_suffix("/putusan"))
        .unwrap_or(page);
    match page.split('/').nth(1) {
        Some("sandi") => "/akun".to_string(),
        Some(section @ ("pengguna" | "parameter" | "registri")) => format!("/{section}"),
        _ if page.starts_with('/') => page.to_string(),
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::page_of_form;

    #[test]
    fn a_form_leads_back_to_its_page() {
        assert_eq!(
            page_of_form("/auth/pelanggaran/7/langkah"),
            "/pelanggaran/7"
        );
        assert_eq!(
            page_of_form("/auth/pengaduan/NET-2026-AB/langkah"),
            "/pengaduan/NET-2026-AB"
        );
        assert_eq!(
            page_of_form("/auth/pelanggaran/7/putusan"),
            "/pelanggaran/7"
        );
        assert_eq!(page_of_form("/auth/sandi"), "/akun");
        assert_eq!(page_of_form("/auth/pengguna/ani"), "/pengguna");
        assert_eq!(page_of_form("/auth/pengguna"), "/pengguna");
        assert_eq!(
            page_of_form("/auth/parameter/acting.max_months"),
            "/parameter"
        );
    }
}
