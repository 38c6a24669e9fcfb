//! The public side's HTTP pieces: the CSV downloads of the public aggregates (`/unduh/{file}`) and the page
//! cache that lets heavy public traffic be served without rendering or querying anything.
//!
//! The page cache keeps the finished HTML of the public pages (the summary, merit, agency list, agency and
//! province pages) for visitors without a session, per address and language, tagged with the key of the public
//! aggregates it was rendered from (`crate::service::public`). A page is served from it only while that key is current,
//! so a page is never older than the aggregates it is served with. Signed-in staff always get a fresh rendering
//! (their pages may differ by role).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::i18n::Lang;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::ApiError;
use crate::service::AppState;

pub fn routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/unduh/{file}", get(download))
        .with_state(app)
}

/// `/unduh/kemajuan-merit.csv` and the other public aggregates as CSV (UTF-8 with a byte-order mark, so that
/// spreadsheet programs read the province names right).
async fn download(State(app): State<AppState>, Path(file): Path<String>) -> Response {
    let data = match crate::service::public::current(&app).await {
        Ok(data) => data,
        Err(err) => return ApiError::Internal(err.to_string()).into_response(),
    };
    match crate::service::export::public_csv(&data, &file) {
        None => ApiError::NotFound(format!("no download named {file:?}")).into_response(),
        Some(Err(err)) => ApiError::Internal(err.to_string()).into_response(),
        Some(Ok(text)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file}\""),
                ),
            ],
            format!("\u{feff}{text}"),
        )
            .into_response(),
    }
}

/// The most bytes of pages the cache holds (a page is 20–150 kB, so about 500 pages); when full, further pages
/// are rendered each time until the aggregates change and the cache starts over. Issue #14 grew the server by
/// 500 MB with 3,100 addresses `/?cb=N`: pages are now kept per route and known query parameters only.
pub const MAX_CACHE_BYTES: usize = 48 * 1024 * 1024;
/// A bound on a page read into the cache (the largest public page is about 150 kB).
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// The rendered public pages.
#[derive(Debug, Default)]
pub struct PageCache {
    pages: Mutex<Pages>,
}

/// A rendered page: its content type, its content security policy (naming the nonce its scripts carry) and
/// its HTML.
type Page = (HeaderValue, Option<HeaderValue>, Bytes);

#[derive(Debug, Default)]
struct Pages {
    /// The aggregates' key every page in `by_address` was rendered from.
    key: String,
    by_address: HashMap<(String, Lang), Page>,
    bytes: usize,
}

/// Whether `path` is a public page whose content depends only on the public aggregates and the registry.
pub(super) fn is_cached_page(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] | ["sistem-merit"] | ["instansi"] => true,
        ["instansi", code] | ["provinsi", code] => !code.is_empty(),
        _ => false,
    }
}

/// The address a page is kept under: its path and the query parameters the page reads (only the registry list
/// has any), in a fixed order; anything else in the query does not change the page.
fn cache_address(uri: &axum::http::Uri) -> String {
    let path = uri.path();
    if path.trim_end_matches('/') != "/instansi" {
        return path.to_string();
    }
    let mut kept: Vec<(String, String)> = uri
        .query()
        .map(|q| {
            url_pairs(q)
                .filter(|(k, v)| ["q", "kind", "province"].contains(&k.as_str()) && !v.is_empty())
                .collect()
        })
        .unwrap_or_default();
    kept.sort();
    kept.dedup_by(|a, b| a.0 == b.0);
    let query: Vec<String> = kept.iter().map(|(k, v)| format!("{k}={v}")).collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// `key=value` pairs of a query, as sent (the values stay encoded; only names are compared).
fn url_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query.split('&').filter(|p| !p.is_empty()).map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k.to_string(), v.to_string())
    })
}

/// Middleware: answers anonymous GETs of public pages from the cache, and keeps what it renders for them. Only a
/// session that exists bypasses the cache: any visitor can send a session cookie (issue #14 saw `/` fall from
/// 16,000 to 900 requests a second that way).
pub async fn cache_pages(
    State((app, cache)): State<(AppState, Arc<PageCache>)>,
    request: Request,
    next: Next,
) -> Response {
    let db = app.db.clone();
    if request.method() != Method::GET || !is_cached_page(request.uri().path()) {
        return next.run(request).await;
    }
    if super::session::session_token(request.headers()).is_some()
        && super::session::session_user(&db, request.headers())
            .await
            .is_some()
    {
        return next.run(request).await;
    }
    let Ok(data) = crate::service::public::current(&app).await else {
        return next.run(request).await;
    };
    let lang = request
        .headers()
        .get(header::COOKIE)
        .and_then(|h| h.to_str().ok())
        .and_then(Lang::from_cookie_header)
        .unwrap_or_default();
    let address = (cache_address(request.uri()), lang);
    if let Ok(pages) = cache.pages.lock() {
        if pages.key == data.key {
            if let Some((content_type, policy, body)) = pages.by_address.get(&address) {
                let mut response = Body::from(body.clone()).into_response();
                let headers = response.headers_mut();
                headers.insert(header::CONTENT_TYPE, content_type.clone());
                if let Some(policy) = policy {
                    headers.insert(header::CONTENT_SECURITY_POLICY, policy.clone());
                }
                return response;
            }
        }
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let Some(content_type) = response.headers().get(header::CONTENT_TYPE).cloned() else {
        return response;
    };
    let policy = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .cloned();
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        // The body is gone once reading it failed: nothing sensible can be sent but an error.
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(mut pages) = cache.pages.lock() {
        if pages.key != data.key {
            pages.key = data.key.clone();
            pages.by_address.clear();
            pages.bytes = 0;
        }
        if pages.bytes + bytes.len() <= MAX_CACHE_BYTES && !pages.by_address.contains_key(&address)
        {
            pages.bytes += bytes.len();
            pages
                .by_address
                .insert(address, (content_type, policy, bytes.clone()));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_pages_are_cached() {
        for path in [
            "/",
            "/sistem-merit",
            "/instansi",
            "/instansi/32.04",
            "/provinsi/32",
        ] {
            assert!(is_cached_page(path), "{path}");
        }
        for path in [
            "/instansi/32.04/kartu-skor",
            "/instansi/32.04/paket-tinjauan",
            "/pelanggaran",
            "/audit",
            "/masuk",
            "/netralitas",
            "/unduh/instansi.csv",
            "/api/v1/agencies",
        ] {
            assert!(!is_cached_page(path), "{path}");
        }
    }

    #[test]
    fn pages_are_kept_per_route_and_known_parameters() {
        let address = |uri: &str| cache_address(&uri.parse().expect("uri"));
        assert_eq!(address("/?cb=1"), "/");
        assert_eq!(address("/instansi/32.04?x=1"), "/instansi/32.04");
        assert_eq!(
            address("/instansi?province=32&q=band&cb=9"),
            "/instansi?province=32&q=band"
        );
        assert_eq!(
            address("/instansi?q=band&province=32"),
            "/instansi?province=32&q=band"
        );
        assert_eq!(address("/instansi?q=&kind="), "/instansi");
        assert_ne!(address("/instansi?q=a"), address("/instansi?q=b"));
    }
}
