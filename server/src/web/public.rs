//! The public side's HTTP pieces: the CSV downloads of the public aggregates (`/unduh/{file}`) and the page
//! cache that lets heavy public traffic be served without rendering or querying anything.
//!
//! The page cache keeps the finished HTML of the public pages (the summary, merit, agency list, agency and
//! province pages) for visitors without a session, per address and language, tagged with the key of the public
//! aggregates it was rendered from (`crate::public`). A page is served from it only while that key is current,
//! so a page is never older than the aggregates it is served with. Signed-in staff always get a fresh rendering
//! (their pages may differ by role).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::i18n::Lang;
use app::types::SESSION_COOKIE;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::ApiError;
use crate::db::Db;

pub fn routes<S: Clone + Send + Sync + 'static>(db: Db) -> Router<S> {
    Router::new()
        .route("/unduh/{file}", get(download))
        .with_state(db)
}

/// `/unduh/kemajuan-merit.csv` and the other public aggregates as CSV (UTF-8 with a byte-order mark, so that
/// spreadsheet programs read the province names right).
async fn download(State(db): State<Db>, Path(file): Path<String>) -> Response {
    let data = match crate::public::current(&db).await {
        Ok(data) => data,
        Err(err) => return ApiError::Internal(err.to_string()).into_response(),
    };
    match crate::export::public_csv(&data, &file) {
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

/// Most pages the cache holds (a page is 20–120 kB); when full, further pages are rendered each time until the
/// aggregates change and the cache starts over.
const MAX_PAGES: usize = 3_000;
/// A bound on a page read into the cache (the largest public page is about 150 kB).
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// The rendered public pages.
#[derive(Debug, Default)]
pub struct PageCache {
    pages: Mutex<Pages>,
}

#[derive(Debug, Default)]
struct Pages {
    /// The aggregates' key every page in `by_address` was rendered from.
    key: String,
    by_address: HashMap<(String, Lang), (HeaderValue, Bytes)>,
}

/// Whether `path` is a public page whose content depends only on the public aggregates and the registry.
fn is_cached_page(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] | ["sistem-merit"] | ["instansi"] => true,
        ["instansi", code] | ["provinsi", code] => !code.is_empty(),
        _ => false,
    }
}

fn has_session(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .any(|h| h.contains(&format!("{SESSION_COOKIE}=")))
}

/// Middleware: answers anonymous GETs of public pages from the cache, and keeps what it renders for them.
pub async fn cache_pages(
    State((db, cache)): State<(Db, Arc<PageCache>)>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET
        || !is_cached_page(request.uri().path())
        || has_session(request.headers())
    {
        return next.run(request).await;
    }
    let Ok(data) = crate::public::current(&db).await else {
        return next.run(request).await;
    };
    let lang = request
        .headers()
        .get(header::COOKIE)
        .and_then(|h| h.to_str().ok())
        .and_then(Lang::from_cookie_header)
        .unwrap_or_default();
    let address = (request.uri().to_string(), lang);
    if let Ok(pages) = cache.pages.lock() {
        if pages.key == data.key {
            if let Some((content_type, body)) = pages.by_address.get(&address) {
                let mut response = Body::from(body.clone()).into_response();
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, content_type.clone());
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
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        // The body is gone once reading it failed: nothing sensible can be sent but an error.
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(mut pages) = cache.pages.lock() {
        if pages.key != data.key {
            pages.key = data.key.clone();
            pages.by_address.clear();
        }
        if pages.by_address.len() < MAX_PAGES {
            pages
                .by_address
                .insert(address, (content_type, bytes.clone()));
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
    fn a_session_cookie_bypasses_the_cache() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("pantau_lang=en"));
        assert!(!has_session(&headers));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("pantau_lang=en; pantau_session=abc"),
        );
        assert!(has_session(&headers));
    }
}
