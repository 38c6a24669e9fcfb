//! Test harness: starts the real Pantau Merit app (the same router `pantau serve` runs) on a random port, against
//! a fresh SQLite file or a freshly created PostgreSQL database, and gives the test an HTTP client.
//!
//! PostgreSQL comes from `PANTAU_TEST_PG_URL` (default `postgres://postgres@127.0.0.1:5432/test`, the server of
//! this machine type). When it cannot be reached the tests fail: they never skip.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use server::db::Db;
use sqlx::{AnyPool, Executor};
use tempfile::TempDir;

pub use server::db::Engine;

const DEFAULT_PG_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// A running app and what the test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// A client that does not follow redirects and does not decompress, so tests see the raw responses.
    pub client: reqwest::Client,
    pub db: Db,
    pub database_url: String,
    /// Holds the SQLite file and the fake site root until the test ends.
    _dir: TempDir,
}

/// Serves `router` on a free loopback port as `pantau serve` does; returns the address.
pub async fn serve(
    router: server::web::axum::Router,
    header_timeout: std::time::Duration,
) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(server::web::serve::serve(
        listener,
        router,
        header_timeout,
        std::future::pending(),
    ));
    addr
}

/// An empty database of `engine` (nothing migrated) and the folder that holds it when it is a file.
pub async fn empty_database(engine: Engine) -> (String, TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = match engine {
        Engine::Sqlite => format!("sqlite://{}", dir.path().join("test.db").display()),
        Engine::Postgres => fresh_postgres_database().await,
    };
    (url, dir)
}

impl TestApp {
    pub async fn spawn(engine: Engine) -> TestApp {
        // The tests stand behind a proxy on loopback: they name the client they play with X-Forwarded-For.
        let settings = server::web::Settings {
            trusted_proxies: server::web::client::parse_trusted("127.0.0.1").expect("loopback"),
        };
        TestApp::spawn_with(engine, settings).await
    }

    /// [`TestApp::spawn`] with other web settings (e.g. no trusted proxy, as `pantau serve` starts).
    pub async fn spawn_with(engine: Engine, settings: server::web::Settings) -> TestApp {
        let (database_url, dir) = empty_database(engine).await;
        let db = server::service::open(&database_url)
            .await
            .unwrap_or_else(|e| panic!("opening {database_url}: {e}"));
        let site_root = dir.path().join("site");
        write_fake_site(&site_root);
        let addr = serve(
            server::web::router_with(db.clone(), server::web::leptos_options(site_root), settings),
            server::web::serve::HEADER_TIMEOUT,
        )
        .await;
        // A request that hangs fails the test after two minutes instead of holding CI until its limit.
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(120))
            .build()
            .expect("http client");
        TestApp {
            base: format!("http://{addr}"),
            client,
            db,
            database_url,
            _dir: dir,
        }
    }

    /// A second app server on the same database, as behind a load balancer: its own connection pool, caches and
    /// memory, sharing only the database. Returns its base URL; it runs until the test ends.
    pub async fn second_server(&self) -> String {
        let db = server::service::open(&self.database_url)
            .await
            .unwrap_or_else(|e| panic!("opening {}: {e}", self.database_url));
        let site_root = self._dir.path().join("site-2");
        write_fake_site(&site_root);
        let settings = server::web::Settings {
            trusted_proxies: server::web::client::parse_trusted("127.0.0.1").expect("loopback"),
        };
        let router = server::web::router_with(db, server::web::leptos_options(site_root), settings);
        let addr = serve(router, server::web::serve::HEADER_TIMEOUT).await;
        format!("http://{addr}")
    }

    /// Creates a user with the known token `pm_test_<name>` and returns the token.
    pub async fn user(&self, name: &str, role: server::auth::Role, agency: Option<&str>) -> String {
        let token = format!("pm_test_{name}");
        self.db
            .add_user(
                name,
                role,
                agency,
                server::db::Credential::Token(&token),
                "test",
                "2026-11-23T08:00:00Z",
            )
            .await
            .unwrap_or_else(|e| panic!("add user {name}: {e}"));
        token
    }

    /// Creates a user with a web session opened directly in the database (no argon2 round trip, which is slow in
    /// debug builds) and returns the `Cookie` header value and the session's CSRF token.
    pub async fn session(
        &self,
        name: &str,
        role: server::auth::Role,
        agency: Option<&str>,
    ) -> (String, String) {
        self.user(name, role, agency).await;
        let id = self
            .db
            .login_target(name)
            .await
            .expect("query")
            .expect("user")
            .id;
        let (token, csrf) = (format!("pm_session_{name}"), format!("csrf_{name}"));
        self.db
            .create_session(
                id,
                &server::auth::token_hash(&token),
                &csrf,
                (&server::clock::now_text(), &server::clock::now_plus(3600)),
            )
            .await
            .expect("session");
        (format!("pantau_session={token}"), csrf)
    }

    /// Creates a user who signs in to the web pages with `password`.
    pub async fn person(
        &self,
        name: &str,
        role: server::auth::Role,
        agency: Option<&str>,
        password: &str,
    ) {
        let hash = server::auth::hash_password(password).expect("hash");
        self.db
            .add_user(
                name,
                role,
                agency,
                server::db::Credential::PasswordHash(&hash),
                "test",
                "2026-11-23T08:00:00Z",
            )
            .await
            .unwrap_or_else(|e| panic!("add person {name}: {e}"));
    }

    /// Sends `request` with the bearer `token` (when given) and returns the status and the JSON body (null when
    /// the body is not JSON).
    pub async fn send(
        &self,
        request: reqwest::RequestBuilder,
        token: Option<&str>,
    ) -> (u16, serde_json::Value) {
        let request = match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        };
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// GET `path` with the language cookie set, returning status and body.
    pub async fn page(&self, path: &str, lang: &str) -> (u16, String) {
        self.page_with_cookie(path, &format!("pantau_lang={lang}"))
            .await
    }

    /// GET `path` with a `Cookie` header (a session, a language), returning status and body.
    pub async fn page_with_cookie(&self, path: &str, cookie: &str) -> (u16, String) {
        let response = self
            .client
            .get(self.url(path))
            .header("Cookie", cookie)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// Posts a form with a `Cookie` header (a session); returns the status and the redirect target.
    pub async fn post_form(
        &self,
        path: &str,
        cookie: &str,
        form: &[(&str, &str)],
    ) -> (u16, String) {
        let response = self
            .client
            .post(self.url(path))
            .header("Cookie", cookie)
            .form(form)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        (response.status().as_u16(), location(&response))
    }

    /// GET `path` until its body contains `needle`, for at most 20 seconds, and return that body: the public
    /// aggregates are recomputed in the background after a change, and served as they were meanwhile.
    pub async fn page_containing(&self, path: &str, lang: &str, needle: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let (status, body) = self.page(path, lang).await;
            if status == 200 && body.contains(needle) {
                return body;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{path} did not come to show {needle:?} (status {status}):\n{body}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// Sends a batch of `records` for `agency` through the API with `token`; it must be accepted.
    /// `POST /api/v1/reports` with a batch's text, as `token`: the status and the answer.
    pub async fn submit(&self, token: &str, batch: &str) -> (u16, serde_json::Value) {
        let request = self
            .client
            .post(self.url("/api/v1/reports"))
            .header("Content-Type", "application/json")
            .body(batch.to_string());
        self.send(request, Some(token)).await
    }

    pub async fn send_batch(&self, token: &str, agency: &str, records: serde_json::Value) {
        let batch = serde_json::json!({"schema": "pantau.report.v1", "agency_code": agency, "records": records});
        let (status, body) = self.submit(token, &batch.to_string()).await;
        assert_eq!(status, 200, "batch for {agency} refused: {body}");
    }

    pub async fn json(&self, path: &str) -> (u16, serde_json::Value) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (
            status,
            response
                .json()
                .await
                .unwrap_or_else(|e| panic!("GET {path}: body is not JSON: {e}")),
        )
    }
}

/// Where a response redirects to (empty when it does not).
pub fn location(response: &reqwest::Response) -> String {
    header_of(response, "location")
}

/// A response header as text (empty when absent).
pub fn header_of(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// A static folder like the one `scripts/build-site.sh` fills, small enough to check headers on.
fn write_fake_site(root: &Path) {
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).expect("create pkg");
    std::fs::write(
        pkg.join("pantau.js"),
        "export default function(){}\n".repeat(200),
    )
    .expect("write js");
    std::fs::write(pkg.join("pantau.css"), "body{}\n").expect("write css");
    std::fs::write(
        root.join("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .expect("write icon");
}

/// Creates an empty database on the test PostgreSQL server and returns its URL.
async fn fresh_postgres_database() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    sqlx::any::install_default_drivers();
    let admin_url =
        std::env::var("PANTAU_TEST_PG_URL").unwrap_or_else(|_| DEFAULT_PG_URL.to_string());
    let admin = AnyPool::connect(&admin_url).await.unwrap_or_else(|e| {
        panic!("PostgreSQL is required for the tests and is not reachable at {admin_url}: {e}")
    });
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = format!(
        "pantau_test_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    admin
        .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
    admin.close().await;
    match admin_url.rsplit_once('/') {
        Some((server, _db)) => format!("{server}/{name}"),
        None => panic!("PANTAU_TEST_PG_URL has no database name: {admin_url}"),
    }
}

/// Writes each test twice, `sqlite::name` and `postgres::name`, each with a freshly spawned app:
///
/// ```ignore
/// both_databases! {
///     async fn health(app) { assert_eq!(app.get("/healthz").await.status(), 200); }
/// }
/// ```
#[macro_export]
macro_rules! both_databases {
    ($(async fn $name:ident($app:ident) $body:block)*) => {
        mod sqlite {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let $app = $crate::TestApp::spawn($crate::Engine::Sqlite).await;
                    $body
                }
            )*
        }
        mod postgres {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let $app = $crate::TestApp::spawn($crate::Engine::Postgres).await;
                    $body
                }
            )*
        }
    };
}
