//! The HTTP side: one axum router with the Leptos pages and server functions, the REST API under `/api/v1`,
//! the language switch, static files and `/healthz`. Compression and cache headers are applied here.

mod api;
mod api_errors;
pub mod caller;
pub mod client;
mod complaints;
mod letters;
mod openapi;
mod public_pages;
mod recommendations;
mod registry;
mod reporting;
pub mod security;
pub mod serve;
pub mod session;
mod sign_in;
mod signals;
mod staff;
pub mod throttle;
pub mod upload;
mod violations;

/// Re-exported so the integration tests serve the router with the same axum version.
pub use axum;

use std::path::PathBuf;
use std::sync::Arc;

use app::backend::SharedBackend;
use app::i18n::{Lang, LANG_COOKIE};
use app::{shell, App};
use axum::extract::{Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::db::Db;
use crate::service::AppState;

pub use api_errors::{ApiError, MAX_BATCH_BYTES};

/// The name of the front-end bundle: `/pkg/pantau.js`, `/pkg/pantau_bg.wasm`, `/pkg/pantau.css`.
pub const OUTPUT_NAME: &str = "pantau";

/// How long browsers may reuse `/pkg` files before revalidating them. The file names carry no hash, so this is
/// kept short: a new release is picked up within the hour, and revalidation (Last-Modified) is cheap.
pub(crate) const PKG_CACHE_CONTROL: &str = "public, max-age=3600";

/// Leptos options for serving from `site_root` (the folder `scripts/build-site.sh` fills).
pub fn leptos_options(site_root: PathBuf) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .env(leptos::config::Env::PROD)
        .build()
}

/// The app's routes, generated once per process. Generating them renders the app with resource loading
/// suppressed by a process-wide flag, and a resource first polled meanwhile (a page being served by another
/// router in the same process, as in the tests, which start one server per test) waits for ever
/// (leptos-rs/leptos#4773). Once per process, before anything is served, it cannot meet a render.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// What an operator sets about the web side.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed (`PANTAU_TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<client::Cidr>,
}

/// The whole application, trusting no proxy.
pub fn router(db: Db, options: LeptosOptions) -> Router {
    router_with(db, options, Settings::default())
}

/// The whole application with the operator's settings.
pub fn router_with(db: Db, options: LeptosOptions, settings: Settings) -> Router {
    let app = AppState::new(db.clone());
    let backend: SharedBackend = Arc::new(app.clone());
    let pkg_dir = PathBuf::from(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let pkg = Router::new()
        .nest_service(
            "/pkg",
            ServeDir::new(pkg_dir)
                .precompressed_gzip()
                .precompressed_br(),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PKG_CACHE_CONTROL),
        ));
    let health_db = db.clone();
    let page_cache = (app.clone(), Arc::new(public_pages::PageCache::default()));
    Router::new()
        .route("/healthz", get(move || healthz(health_db.clone())))
        .route("/lang/{code}", get(switch_language))
        .nest(
            "/api/v1",
            api::routes()
                .merge(violations::routes())
                .merge(recommendations::routes())
                .merge(registry::routes())
                .merge(signals::routes())
                .merge(openapi::routes())
                .fallback(|| async { ApiError::NotFound("no such API route".to_string()) })
                .with_state(app.clone())
                .merge(complaints::api_routes(app.clone()))
                .layer(axum::middleware::from_fn(api_errors::as_json)),
        )
        .merge(complaints::form_routes(app.clone()))
        .merge(session::routes(app.clone()))
        .merge(upload::routes(app.clone()))
        .merge(public_pages::routes(app.clone()))
        .merge(recommendations::page_routes(app.clone()))
        .merge(letters::routes(app.clone()))
        .merge(registry::page_routes(app.clone()))
        .merge(reporting::page_routes(app.clone()))
        .merge(signals::page_routes(app.clone()))
        .merge(staff::routes(app))
        .merge(pkg)
        .leptos_routes_with_context(
            &options,
            route_list(),
            move || {
                provide_context(backend.clone());
                // The page's inline scripts carry the nonce `security::with_nonce` made for this request and
                // names in the policy (set there, not through ResponseOptions, so the two always agree).
                if let Some(nonce) = leptos::prelude::use_context::<axum::http::request::Parts>()
                    .and_then(|parts| parts.extensions.get::<security::CspNonce>().cloned())
                {
                    provide_context(leptos::nonce::Nonce::from_value(nonce.0));
                }
            },
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler(shell))
        .with_state(options)
        .layer(axum::middleware::from_fn(security::with_nonce))
        .layer(axum::middleware::from_fn_with_state(
            page_cache,
            public_pages::cache_pages,
        ))
        .layer(axum::middleware::from_fn(security::add_headers))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(settings.trusted_proxies),
            client::attach,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}

/// Handlers that only read or write data take the database out of the application state.
impl axum::extract::FromRef<AppState> for Db {
    fn from_ref(app: &AppState) -> Db {
        app.db.clone()
    }
}

async fn healthz(db: Db) -> Response {
    match db.ping().await {
        Ok(()) => {
            Json(serde_json::json!({"status": "ok", "database": db.engine.name()})).into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "unavailable"})),
            )
                .into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct SwitchQuery {
    next: Option<String>,
}

/// `/lang/en?next=/instansi` sets the language cookie and sends the visitor back. Only a path on this site is
/// followed (no open redirect).
async fn switch_language(Path(code): Path<String>, Query(query): Query<SwitchQuery>) -> Response {
    let Some(lang) = Lang::parse(&code) else {
        return ApiError::NotFound(format!("no language {code:?}")).into_response();
    };
    let next = query
        .next
        .filter(|n| is_local_path(n))
        .and_then(|n| HeaderValue::try_from(n).ok())
        .unwrap_or(HeaderValue::from_static("/"));
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let mut response = StatusCode::SEE_OTHER.into_response();
    response.headers_mut().insert(header::LOCATION, next);
    if let Ok(cookie) = HeaderValue::try_from(cookie) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/"));
        assert!(is_local_path("/instansi?q=bandung"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("/a\r\nSet-Cookie: x"));
        assert!(!is_local_path(""));
    }
}
