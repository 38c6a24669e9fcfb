//! Security headers on every response (interfaces.md, "Limits and headers"; issue #14 found none).
//!
//! - `Content-Security-Policy`: scripts only from this site and the inline scripts Leptos writes for hydration
//!   and streaming, which carry the request's nonce ([`with_nonce`] makes it, the render uses it and the header
//!   names it). `'wasm-unsafe-eval'` lets the front end's WebAssembly compile. Styles may be inline: the
//!   server-drawn SVG charts carry presentation attributes, and a style cannot run script. No framing, no
//!   plugins, forms post only here.
//! - `X-Content-Type-Options`, `X-Frame-Options`, `Referrer-Policy`, `Permissions-Policy`,
//!   `Cross-Origin-Opener-Policy`; `Strict-Transport-Security` when the request came over TLS (as a trusted proxy
//!   says with `X-Forwarded-Proto`).
//! - `Cache-Control`: public pages and downloads a short public cache (`Vary: Cookie`, as the language is a
//!   cookie); everything else — staff pages, exports
//!   (they carry NIPs), the receipt page (a secret code), any answer to a signed-in person or one that sets a
//!   cookie — `no-store`.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

use super::client::Client;

/// The policy of a response that has no nonce-carrying scripts (the API, downloads, redirects, files).
const BASE_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const NONCE_ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The nonce of one response, made by [`with_nonce`] and handed to the page's render as a request extension.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// Middleware, inside the page cache: makes a nonce for the request, lets the render put it on its inline
/// scripts (the context closure in `web/mod.rs` provides it to Leptos), and names it in the response's policy.
/// The page cache keeps the policy with the page, so a cached page is served with the nonce its HTML carries.
pub async fn with_nonce(mut request: Request, next: Next) -> Response {
    // Letters only (about 125 bits): a run of digits in a page could be taken for a NIP by the personal-data
    // crawl (a hex nonce once held 18 digits in a row).
    let Ok(nonce) = crate::auth::random_chars(NONCE_ALPHABET, 22) else {
        // No randomness: the response keeps the base policy, under which inline scripts do not run.
        return next.run(request).await;
    };
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        if let Ok(policy) = HeaderValue::try_from(page_policy(&nonce)) {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    response
}

/// The policy of a page rendered with `nonce` on its inline scripts.
pub fn page_policy(nonce: &str) -> String {
    BASE_POLICY.replacen(
        "script-src 'self'",
        &format!("script-src 'self' 'nonce-{nonce}'"),
        1,
    )
}

/// How long browsers and shared caches may keep a public page or download.
pub const PUBLIC_CACHE: &str = "public, max-age=60";
pub const NO_STORE: &str = "no-store";

/// Paths anyone may see and that are the same for everyone without a session: the cached public pages and a
/// few more.
fn is_public(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    super::public_pages::is_cached_page(path)
        || matches!(
            segments.as_slice(),
            ["netralitas"]
                | ["netralitas", "lapor"]
                | ["unduh", _]
                | ["api", "v1", "agencies"]
                | ["api", "v1", "merit", "progress"]
                | ["api", "v1", "openapi.json"]
        )
}

fn has_credentials(headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION) || super::session::session_token(headers).is_some()
}

fn set_if_absent(headers: &mut HeaderMap, name: HeaderName, value: &'static str) {
    if !headers.contains_key(&name) {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// Middleware: adds the headers to every response.
pub async fn add_headers(request: Request, next: Next) -> Response {
    let https = request
        .extensions()
        .get::<Client>()
        .is_some_and(|c| c.https);
    let cacheable = (request.method() == Method::GET || request.method() == Method::HEAD)
        && is_public(request.uri().path())
        && !has_credentials(request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    set_if_absent(headers, header::CONTENT_SECURITY_POLICY, BASE_POLICY);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        ),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if headers.contains_key(header::SET_COOKIE) || !cacheable {
        // Whatever a handler said, nothing personal or secret is kept by a browser or a proxy; only the
        // front end's files (`/pkg`) keep their own policy.
        let pkg = headers
            .get(header::CACHE_CONTROL)
            .is_some_and(|v| v == super::PKG_CACHE_CONTROL);
        if !pkg {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
        }
    } else {
        set_if_absent(headers, header::CACHE_CONTROL, PUBLIC_CACHE);
        // The language is a cookie: a page cached in one language must not be shown after a switch.
        headers.append(header::VARY, HeaderValue::from_static("cookie"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_paths_are_only_the_public_pages_and_downloads() {
        for path in [
            "/",
            "/instansi",
            "/instansi/32.04",
            "/provinsi/32",
            "/unduh/instansi.csv",
            "/sistem-merit",
        ] {
            assert!(is_public(path), "{path}");
        }
        for path in [
            "/instansi/32.04/kartu-skor",
            "/instansi/32.04/paket-tinjauan",
            "/netralitas/tanda-terima",
            "/netralitas/cek",
            "/pelanggaran",
            "/ekspor/pelanggaran.csv",
            "/api/v1/violations",
            "/masuk",
        ] {
            assert!(!is_public(path), "{path}");
        }
    }

    #[test]
    fn a_page_policy_allows_its_nonce_and_nothing_inline_else() {
        let policy = page_policy("abc123");
        assert!(
            policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"),
            "{policy}"
        );
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("script-src 'self' 'unsafe-inline'"));
    }
}
