//! Public complaint filing and the status check by receipt code, as JSON (`/api/v1/complaints`,
//! `/api/v1/complaints/status`) and as plain forms (`/netralitas/lapor`, `/netralitas/cek`) that work without
//! JavaScript.
//!
//! Abuse protection without a third-party captcha: a honeypot field (`website`), size limits, and limits per
//! client address kept only in this process's memory — the address is never written anywhere. Behind a load
//! balancer (the peer is a loopback or private address) the client is the last `X-Forwarded-For` entry.
//!
//! The form's receipt is handed to the page in a short-lived cookie scoped to the receipt page, so that the code
//! is never in a URL, a log or the database; the page shows it once and clears the cookie.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Json, Router};
use serde::Deserialize;

use app::public::{RECEIPT_COOKIE, STATUS_COOKIE};

use super::session::see_other;
use super::ApiError;
use crate::complaints::intake::{ComplaintForm, IntakeError};
use crate::complaints::{self, ComplaintError, Filed, StatusView};
use crate::db::Db;
use crate::import::FieldError;

/// Largest complaint body accepted (the account is at most 5,000 characters).
pub const MAX_COMPLAINT_BYTES: usize = 64 * 1024;
/// Complaints one address may file per window.
const FILINGS_PER_WINDOW: usize = 5;
/// Status checks one address may make per window (right or wrong code alike).
const CHECKS_PER_WINDOW: usize = 10;
const WINDOW: Duration = Duration::from_secs(600);

/// Recent requests per client address, in memory only.
#[derive(Debug, Default)]
pub struct RateLimits {
    filings: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
    checks: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl RateLimits {
    /// Counts a request of `client`; `false` when it is over `limit` in the window.
    fn allow(
        map: &Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
        client: IpAddr,
        limit: usize,
    ) -> bool {
        let Ok(mut map) = map.lock() else {
            return false;
        };
        let now = Instant::now();
        // Forget addresses whose requests are all older than the window, so the map does not grow.
        map.retain(|_, times| {
            times
                .back()
                .is_some_and(|t| now.duration_since(*t) < WINDOW)
        });
        let times = map.entry(client).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            times.pop_front();
        }
        if times.len() >= limit {
            return false;
        }
        times.push_back(now);
        true
    }
}

type Shared = (Db, Arc<RateLimits>);

pub fn api_routes<S: Clone + Send + Sync + 'static>(db: Db, limits: Arc<RateLimits>) -> Router<S> {
    Router::new()
        .route("/complaints", post(file_json))
        .route("/complaints/status", post(status_json))
        .layer(DefaultBodyLimit::max(MAX_COMPLAINT_BYTES))
        .with_state((db, limits))
}

pub fn form_routes<S: Clone + Send + Sync + 'static>(db: Db, limits: Arc<RateLimits>) -> Router<S> {
    Router::new()
        .route("/netralitas/lapor", post(file_form))
        .route("/netralitas/cek", post(status_form))
        .layer(DefaultBodyLimit::max(MAX_COMPLAINT_BYTES))
        .with_state((db, limits))
}

/// The client's address: the peer, or behind a proxy on a loopback or private address the last
/// `X-Forwarded-For` entry (the one the proxy added); 0.0.0.0 when the server was started without peer
/// addresses.
fn client(request_headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
    let peer = peer.map_or(IpAddr::from([0, 0, 0, 0]), |p| p.ip());
    let behind_proxy = match peer {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private() || v4.is_unspecified(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.is_unspecified(),
    };
    if behind_proxy {
        let forwarded = request_headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .next_back();
        if let Some(address) = forwarded {
            return address;
        }
    }
    peer
}

fn peer_of(request: &Request) -> Option<SocketAddr> {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0)
}

fn to_field_errors(errors: Vec<IntakeError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|e| FieldError {
            index: None,
            id: None,
            pointer: format!("/{}", e.field),
            message: e.message,
            message_en: e.message_en,
            location: None,
        })
        .collect()
}

fn too_many() -> ApiError {
    ApiError::TooManyRequests(
        "too many requests from your address; try again in a few minutes".to_string(),
    )
}

impl From<ComplaintError> for ApiError {
    fn from(err: ComplaintError) -> ApiError {
        match err {
            ComplaintError::Invalid(errors) => ApiError::InvalidComplaint(to_field_errors(errors)),
            ComplaintError::Database(err) => ApiError::Database(err),
            ComplaintError::Random(err) => ApiError::Internal(err.to_string()),
        }
    }
}

/// Reads a JSON body into `T`, refusing anything else with a clear error.
async fn json_body<T: serde::de::DeserializeOwned>(request: Request) -> Result<T, ApiError> {
    let json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json {
        return Err(ApiError::BadRequest(
            "send the complaint as JSON (Content-Type: application/json)".to_string(),
        ));
    }
    let bytes = axum::body::to_bytes(request.into_body(), MAX_COMPLAINT_BYTES)
        .await
        .map_err(|_| {
            ApiError::BadRequest(format!("the body exceeds {MAX_COMPLAINT_BYTES} bytes"))
        })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::BadRequest(format!("the body is not a complaint: {e}")))
}

/// `POST /api/v1/complaints` (public): files a complaint; 201 with its reference and the receipt code, shown
/// only in this answer.
#[utoipa::path(post, path = "/complaints", tag = "public",
    request_body(content = Object, content_type = "application/json",
        description = "agency_code, election, summary (20–5,000 characters); optional accused_name, position_level, \
                       happened_on, evidence (links), anonymous, complainant_name, complainant_contact"),
    responses(
        (status = 201, description = "filed; keep the receipt code, it is not shown again", body = Filed),
        (status = 422, description = "a field breaks a limit; nothing was stored", body = super::api::ErrorBody),
        (status = 429, description = "too many complaints from one address", body = super::api::ErrorBody),
    ))]
pub(super) async fn file_json(State((db, limits)): State<Shared>, request: Request) -> Response {
    let address = client(request.headers(), peer_of(&request));
    if !RateLimits::allow(&limits.filings, address, FILINGS_PER_WINDOW) {
        return too_many().into_response();
    }
    let result = async {
        let form: ComplaintForm = json_body(request).await?;
        let filed = complaints::file(&db, &form).await?;
        crate::public::refresh_in_background(&db);
        Ok::<_, ApiError>(filed)
    }
    .await;
    match result {
        Ok(filed) => (StatusCode::CREATED, Json(filed)).into_response(),
        Err(err) => err.into_response(),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct StatusQuery {
    reference: String,
    receipt_code: String,
}

/// `POST /api/v1/complaints/status` (public): the status of a complaint, given its reference and receipt code.
/// A wrong code and an unknown reference both answer 404.
#[utoipa::path(post, path = "/complaints/status", tag = "public", request_body = StatusQuery,
    responses(
        (status = 200, description = "the complaint's status", body = StatusView),
        (status = 404, description = "no complaint with this reference and code", body = super::api::ErrorBody),
        (status = 429, description = "too many checks from one address", body = super::api::ErrorBody),
    ))]
pub(super) async fn status_json(State((db, limits)): State<Shared>, request: Request) -> Response {
    let address = client(request.headers(), peer_of(&request));
    if !RateLimits::allow(&limits.checks, address, CHECKS_PER_WINDOW) {
        return too_many().into_response();
    }
    let result = async {
        let query: StatusQuery = json_body(request).await?;
        complaints::status(&db, &query.reference, &query.receipt_code)
            .await?
            .ok_or_else(|| {
                ApiError::NotFound("no complaint with this reference and receipt code".to_string())
            })
    }
    .await;
    match result {
        Ok(view) => Json(view).into_response(),
        Err(err) => err.into_response(),
    }
}

/// The form's fields: the API's, with the evidence links one per line and the anonymity as a checkbox.
#[derive(Debug, Deserialize)]
pub(super) struct FormFields {
    #[serde(default)]
    agency_code: String,
    #[serde(default)]
    election: String,
    #[serde(default)]
    accused_name: String,
    #[serde(default)]
    position_level: String,
    #[serde(default)]
    happened_on: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    evidence: String,
    #[serde(default)]
    anonymous: Option<String>,
    #[serde(default)]
    complainant_name: String,
    #[serde(default)]
    complainant_contact: String,
    #[serde(default)]
    website: String,
}

impl From<FormFields> for ComplaintForm {
    fn from(f: FormFields) -> ComplaintForm {
        let some = |s: String| Some(s).filter(|s| !s.trim().is_empty());
        ComplaintForm {
            agency_code: f.agency_code,
            election: f.election,
            accused_name: some(f.accused_name),
            position_level: some(f.position_level),
            happened_on: some(f.happened_on),
            summary: f.summary,
            evidence: f.evidence.lines().map(str::to_string).collect(),
            anonymous: f.anonymous.is_some(),
            complainant_name: some(f.complainant_name),
            complainant_contact: some(f.complainant_contact),
            website: some(f.website),
        }
    }
}

/// A cookie for the result page only, gone after ten minutes (or when the page has shown it).
fn result_cookie(name: &str, value: &str, path: &str) -> String {
    format!("{name}={value}; Path={path}; Max-Age=600; HttpOnly; SameSite=Strict; Secure")
}

/// `POST /netralitas/lapor`: the form. Filed: to the receipt page with the receipt in its cookie. Refused: back
/// to the form naming the fields (`?galat=summary,election`), or the limit reached (`?galat=batas`).
pub(super) async fn file_form(
    State((db, limits)): State<Shared>,
    ConnectInfoOpt(peer): ConnectInfoOpt,
    headers: HeaderMap,
    Form(fields): Form<FormFields>,
) -> Response {
    if !RateLimits::allow(&limits.filings, client(&headers, peer), FILINGS_PER_WINDOW) {
        return see_other("/netralitas/lapor?galat=batas", None);
    }
    match complaints::file(&db, &ComplaintForm::from(fields)).await {
        Ok(filed) => {
            crate::public::refresh_in_background(&db);
            let value = format!("{}.{}", filed.reference, filed.receipt_code);
            let cookie = result_cookie(RECEIPT_COOKIE, &value, "/netralitas/tanda-terima");
            see_other("/netralitas/tanda-terima", Some(cookie))
        }
        Err(ComplaintError::Invalid(errors)) => {
            let fields: Vec<String> = errors.into_iter().map(|e| e.field).collect();
            see_other(
                &format!("/netralitas/lapor?galat={}", fields.join(",")),
                None,
            )
        }
        Err(err) => {
            tracing::error!(error = %err, "filing a complaint failed");
            see_other("/netralitas/lapor?galat=gangguan", None)
        }
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct CheckFields {
    #[serde(default)]
    reference: String,
    #[serde(default)]
    receipt_code: String,
}

/// `POST /netralitas/cek`: the status check form. The result goes to `/netralitas/cek` in a cookie (the code
/// never in a URL); a wrong pair says only "not found".
pub(super) async fn status_form(
    State((db, limits)): State<Shared>,
    ConnectInfoOpt(peer): ConnectInfoOpt,
    headers: HeaderMap,
    Form(fields): Form<CheckFields>,
) -> Response {
    if !RateLimits::allow(&limits.checks, client(&headers, peer), CHECKS_PER_WINDOW) {
        return see_other("/netralitas/cek?galat=batas", None);
    }
    match complaints::status(&db, &fields.reference, &fields.receipt_code).await {
        Ok(Some(view)) => {
            let value = format!(
                "{}.{}.{}.{}",
                view.reference,
                view.status,
                view.received_on,
                view.updated_at.get(..10).unwrap_or("")
            );
            let cookie = result_cookie(STATUS_COOKIE, &value, "/netralitas/cek");
            see_other("/netralitas/cek?hasil=1", Some(cookie))
        }
        Ok(None) => see_other("/netralitas/cek?galat=tidak_ditemukan", None),
        Err(err) => {
            tracing::error!(error = %err, "a complaint status check failed");
            see_other("/netralitas/cek?galat=gangguan", None)
        }
    }
}

/// The peer address when the server records it (`pantau serve` does), else `None`.
pub(super) struct ConnectInfoOpt(Option<SocketAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ConnectInfoOpt {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(ConnectInfoOpt(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_counts_per_address_within_the_window() {
        let limits = RateLimits::default();
        let a = IpAddr::from([203, 0, 113, 1]);
        let b = IpAddr::from([203, 0, 113, 2]);
        for _ in 0..3 {
            assert!(RateLimits::allow(&limits.checks, a, 3));
        }
        assert!(
            !RateLimits::allow(&limits.checks, a, 3),
            "the fourth within the window"
        );
        assert!(
            RateLimits::allow(&limits.checks, b, 3),
            "another address has its own count"
        );
    }

    #[test]
    fn behind_a_local_proxy_the_forwarded_address_counts() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "198.51.100.7, 10.0.0.2".parse().expect("header"),
        );
        let proxy = Some(SocketAddr::from(([10, 0, 0, 3], 4000)));
        assert_eq!(
            client(&headers, proxy),
            IpAddr::from([10, 0, 0, 2]),
            "the last hop, added by our proxy"
        );
        let public_peer = Some(SocketAddr::from(([198, 51, 100, 9], 4000)));
        assert_eq!(
            client(&headers, public_peer),
            IpAddr::from([198, 51, 100, 9]),
            "a public peer cannot claim another address"
        );
        assert_eq!(
            client(&HeaderMap::new(), proxy),
            IpAddr::from([10, 0, 0, 3])
        );
    }
}
