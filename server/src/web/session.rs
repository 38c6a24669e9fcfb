//! Signing in and out as plain HTML form posts (they work without JavaScript; `/masuk` is an ordinary Leptos
//! page), the session cookie, and the helpers the other form handlers share (`see_other`, `cross_site`).
//!
//! - Sessions live in the database (several app servers share them); the cookie holds a random token, the
//!   database its SHA-256. The cookie is `HttpOnly`, `Secure`, `SameSite=Lax`, for 12 hours.
//! - Every state-changing form carries the session's CSRF token, and a cross-site `Origin` is refused.
//! - A sign-in is checked by `sign_in.rs`: limited per client address and for everyone, counted as a failure
//!   before its password is checked, hashed one per core at a time; the counters live in the database, so they
//!   hold across app servers. Unknown names cost as much time as known ones.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use model::types::SessionUser;
use serde::Deserialize;

use super::client::Client;
use super::sign_in::{check_sign_in, Refusal};
use super::throttle::too_many;
use crate::auth::{new_token, token_hash, Role};
use crate::db::Db;
use crate::service::AppState;

pub use model::types::SESSION_COOKIE;
const SESSION_SECONDS: i64 = 12 * 3600;

pub fn routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/auth/masuk", post(sign_in))
        .route("/auth/keluar", post(sign_out))
        .with_state(app)
}

/// A 303 to `to` (a path on this site), optionally setting a cookie.
pub(super) fn see_other(to: &str, cookie: Option<String>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let location = HeaderValue::try_from(to).unwrap_or(HeaderValue::from_static("/"));
    response.headers_mut().insert(header::LOCATION, location);
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::try_from(c).ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// The refusal of a form whose CSRF token is not the session's: usually a page left open past a sign-out, so it
/// says what to do, in both languages (it is a plain-text answer, outside the app's language choice).
pub(super) const STALE_FORM: &str =
    "Formulir ini sudah kedaluwarsa (token CSRF tidak cocok): muat ulang halaman lalu \
     kirim lagi. / This form is stale (CSRF token mismatch): reload the page and send it again.";

pub(super) fn forbidden(message: &str) -> Response {
    (StatusCode::FORBIDDEN, message.to_string()).into_response()
}

pub use app::backend::session_token_in as session_token;

/// The signed-in user of a request, if any.
pub async fn session_user(db: &Db, headers: &HeaderMap) -> Option<SessionUser> {
    let token = session_token(headers)?;
    match db
        .session_user(&token_hash(&token), &crate::clock::now_text())
        .await
    {
        Ok(user) => user,
        Err(err) => {
            tracing::error!(error = %err, "session lookup failed");
            None
        }
    }
}

/// A form from another site is refused even when the browser sent the cookie (defence beside SameSite=Lax and
/// the CSRF token). Requests without `Origin` (older browsers, tests) rely on those two.
pub(super) fn cross_site(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    match (origin, host) {
        (Some(origin), Some(host)) => {
            let origin_host = origin.split("://").nth(1).unwrap_or(origin);
            origin_host != host
        }
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Where to go after signing in: a path on this site only (no open redirect).
fn local_or(next: &str, default: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    if ok { next } else { default }.to_string()
}

fn encode(s: &str) -> String {
    app::components::encode_uri_component(s)
}

/// Where a role's work starts, when the sign-in did not come from a page.
fn home_of(role: Role) -> &'static str {
    match role {
        Role::Agency => "/unggah",
        Role::Admin => "/pengguna",
        Role::Analyst | Role::Commissioner => "/pelanggaran",
    }
}

#[derive(Debug, Deserialize)]
struct SignInForm {
    name: String,
    password: String,
    #[serde(default)]
    next: String,
}

async fn sign_in(
    State(db): State<Db>,
    client: Client,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    if cross_site(&headers) {
        return forbidden("cross-site sign-in refused");
    }
    let name = form.name.trim().to_string();
    let next = encode(&form.next);
    let back =
        |error: model::Refusal| see_other(&format!("{}&next={next}", error.at("/masuk")), None);
    let (user_id, role) = match check_sign_in(&db, &client, &name, form.password.clone()).await {
        Ok(found) => found,
        Err(Refusal::Notice(reason)) => return back(reason),
        Err(Refusal::Limited(exceeded)) => return too_many(exceeded, false),
    };
    let (Ok(token), Ok(csrf)) = (new_token(), new_token()) else {
        return back(model::Refusal::Failure);
    };
    let now = crate::clock::now_text();
    let expires = crate::clock::now_plus(SESSION_SECONDS);
    if let Err(err) = db
        .create_session(user_id, &token_hash(&token), &csrf, (&now, &expires))
        .await
    {
        tracing::error!(error = %err, "creating a session failed");
        return back(model::Refusal::Failure);
    }
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; Max-Age={SESSION_SECONDS}; HttpOnly; Secure; SameSite=Lax"
    );
    see_other(&local_or(&form.next, home_of(role)), Some(cookie))
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn sign_out(
    State(db): State<Db>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    if cross_site(&headers) {
        return forbidden("cross-site request refused");
    }
    let Some(user) = session_user(&db, &headers).await else {
        return see_other("/masuk", None);
    };
    if user.csrf != form.csrf {
        return forbidden(STALE_FORM);
    }
    if let Some(token) = session_token(&headers) {
        if let Err(err) = db.end_session(&token_hash(&token)).await {
            tracing::error!(error = %err, "ending a session failed");
        }
    }
    let cookie = format!("{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax");
    see_other(&model::Refusal::SignedOut.at("/masuk"), Some(cookie))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("pantau_lang=en; pantau_session=pm_abc; other=1"),
        );
        assert_eq!(session_token(&headers).as_deref(), Some("pm_abc"));
        headers.insert(header::COOKIE, HeaderValue::from_static("pantau_session="));
        assert_eq!(session_token(&headers), None);
    }

    #[test]
    fn only_same_site_forms_and_local_redirects() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::HOST,
            HeaderValue::from_static("pantau.example:3000"),
        );
        assert!(!cross_site(&headers), "no Origin: SameSite and CSRF decide");
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://pantau.example:3000"),
        );
        assert!(!cross_site(&headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(cross_site(&headers));
        assert_eq!(local_or("/unggah", "/"), "/unggah");
        assert_eq!(local_or("//evil.example", "/"), "/");
        assert_eq!(local_or("https://evil.example", "/x"), "/x");
    }
}
