//! Web sign-in and the clerks' upload on SQLite and PostgreSQL: password check, lockout, the session cookie's
//! attributes, CSRF, cross-site refusal, sign-out, and uploads of JSON and CSV (accepted, refused with located
//! errors, another agency's) as the upload page lists them.

use integration_tests::{both_databases, header_of, TestApp};
use reqwest::multipart::{Form, Part};
use server::auth::Role;

const EXAMPLE: &str = include_str!("../../docs/examples/batch-32.04.json");

/// Posts the sign-in form; returns the status, the redirect target and the Set-Cookie header.
async fn sign_in(app: &TestApp, name: &str, password: &str) -> (u16, String, String) {
    let response = app
        .client
        .post(app.url("/auth/masuk"))
        .form(&[("name", name), ("password", password), ("next", "/unggah")])
        .send()
        .await
        .expect("sign in");
    (
        response.status().as_u16(),
        header_of(&response, "location"),
        header_of(&response, "set-cookie"),
    )
}

/// The `pantau_session=…` pair of a Set-Cookie header.
fn session_cookie(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_string()
}

async fn page(app: &TestApp, path: &str, cookie: &str) -> String {
    app.client
        .get(app.url(path))
        .header("Cookie", cookie)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body")
}

fn csrf_of(html: &str) -> String {
    let at = html
        .find("name=\"csrf\" value=\"")
        .expect("a CSRF field in the page")
        + 19;
    html[at..].split('"').next().unwrap_or_default().to_string()
}

async fn upload(
    app: &TestApp,
    cookie: &str,
    csrf: Option<&str>,
    file: &str,
    body: &str,
) -> (u16, String) {
    let mut form = Form::new().part(
        "file",
        Part::text(body.to_string()).file_name(file.to_string()),
    );
    if let Some(csrf) = csrf {
        form = form.text("csrf", csrf.to_string());
    }
    let response = app
        .client
        .post(app.url("/auth/unggah"))
        .header("Cookie", cookie)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    (
        response.status().as_u16(),
        integration_tests::location(&response),
    )
}

both_databases! {
    async fn signing_in_sets_a_guarded_session_and_wrong_passwords_lock(app) {
        app.person("sari", Role::Agency, Some("32.04"), "kata-sandi-sari").await;
        let (status, location, cookie) = sign_in(&app, "sari", "salah-ketik").await;
        assert_eq!((status, location.as_str(), cookie.as_str()), (303, "/masuk?galat=salah&next=/unggah", ""));
        let (_, location, _) = sign_in(&app, "nobody", "x").await;
        assert!(location.contains("galat=salah"), "unknown names read the same as wrong passwords");

        let (status, location, cookie) = sign_in(&app, "sari", "kata-sandi-sari").await;
        assert_eq!((status, location.as_str()), (303, "/unggah"));
        for attribute in ["pantau_session=pm_", "HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(attribute), "{attribute} in {cookie}");
        }
        let html = page(&app, "/unggah", &session_cookie(&cookie)).await;
        assert!(html.contains("id=\"upload-form\"") && html.contains("sari"), "the clerk's desk");

        // One failure so far; three more make four, which still lets the right password in.
        for _ in 0..3 {
            sign_in(&app, "sari", "tebakan").await;
        }
        let (_, location, _) = sign_in(&app, "sari", "kata-sandi-sari").await;
        assert_eq!(location, "/unggah", "four failures do not lock");
        sign_in(&app, "sari", "tebakan").await;
        let (_, location, cookie) = sign_in(&app, "sari", "kata-sandi-sari").await;
        assert!(location.contains("galat=terkunci"), "the fifth failure in 15 minutes locks the name: {location}");
        assert_eq!(cookie, "");

        let response = app.client.post(app.url("/auth/masuk")).header("Origin", "https://evil.example")
            .form(&[("name", "sari"), ("password", "x")]).send().await.expect("post");
        assert_eq!(response.status().as_u16(), 403, "cross-site sign-in");
    }

    async fn a_clerk_uploads_and_sees_each_outcome(app) {
        app.person("sari", Role::Agency, Some("32.04"), "kata-sandi-sari").await;
        let (_, _, set_cookie) = sign_in(&app, "sari", "kata-sandi-sari").await;
        let cookie = session_cookie(&set_cookie);
        let csrf = csrf_of(&page(&app, "/unggah", &cookie).await);

        assert_eq!(upload(&app, &cookie, None, "laporan.json", EXAMPLE).await.0, 403, "no CSRF token");
        assert_eq!(upload(&app, &cookie, Some("forged"), "laporan.json", EXAMPLE).await.0, 403);
        assert_eq!(upload(&app, "pantau_session=pm_stolen", Some(&csrf), "laporan.json", EXAMPLE).await,
                   (303, "/masuk?next=/unggah".to_string()), "no valid session");
        assert_eq!(app.db.record_count().await.expect("count"), 0);

        assert_eq!(upload(&app, &cookie, Some(&csrf), "laporan.json", EXAMPLE).await, (303, "/unggah".to_string()));
        assert_eq!(app.db.record_count().await.expect("count"), 8);

        let bad_csv = "agency_code,id,nip,name,from_position.title,from_position.level,held_since,effective_on,basis\n\
                       32.04,M-9,197001012000032001,A,Kepala,pratama,2024-01-01,2025-01-01,promotion\n";
        assert_eq!(upload(&app, &cookie, Some(&csrf), "rotation.csv", bad_csv).await, (303, "/unggah".to_string()));
        let other = EXAMPLE.replace("\"agency_code\": \"32.04\"", "\"agency_code\": \"32.73\"");
        assert_eq!(upload(&app, &cookie, Some(&csrf), "lain.json", &other).await, (303, "/unggah?galat=terlarang".to_string()));
        assert_eq!(upload(&app, &cookie, Some(&csrf), "laporan.pdf", "%PDF").await, (303, "/unggah?galat=jenis_berkas".to_string()));
        assert_eq!(app.db.record_count().await.expect("count"), 8, "nothing of the refused files was stored");

        let html = page(&app, "/unggah", &cookie).await;
        assert!(html.contains("rotation.csv · baris/row 2 · basis"), "the refused CSV's error, located");
        assert!(html.contains("laporan.json") && html.contains("Diterima"), "the accepted file with its counts");
        let newest = html.find("rotation.csv").expect("listed");
        assert!(newest < html.find("laporan.json").expect("listed"), "newest first");

        let response = app.client.post(app.url("/auth/keluar")).header("Cookie", &cookie)
            .form(&[("csrf", csrf.as_str())]).send().await.expect("sign out");
        assert_eq!(response.status().as_u16(), 303);
        assert!(response.headers()["set-cookie"].to_str().unwrap_or_default().contains("Max-Age=0"));
        let html = page(&app, "/unggah", &cookie).await;
        assert!(html.contains("/masuk?next=/unggah") && !html.contains("upload-form"), "the session ended");
    }

    async fn sessions_expire_and_uploads_are_capped_at_10_mib(app) {
        app.person("sari", Role::Agency, Some("32.04"), "kata-sandi-sari").await;
        let user = app.db.login_target("sari").await.expect("query").expect("user").id;
        let hash = |token: &str| server::auth::token_hash(token);
        let (past, future) = (server::clock::now_plus(-1), server::clock::now_plus(3600));
        app.db.create_session(user, &hash("pm_expired"), "c1", ("2026-01-01T00:00:00Z", &past)).await.expect("session");
        app.db.create_session(user, &hash("pm_current"), "c2", ("2026-01-01T00:00:00Z", &future)).await.expect("session");
        let html = page(&app, "/unggah", "pantau_session=pm_expired").await;
        assert!(!html.contains("upload-form"), "an expired session signs nobody in");
        let html = page(&app, "/unggah", "pantau_session=pm_current").await;
        assert!(html.contains("upload-form"), "a session within its lifetime does");
        let sessions = || async {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sessions").fetch_one(&app.db.pool).await.expect("count")
        };
        assert_eq!(sessions().await, 2);
        let now = server::clock::now_text();
        app.db.create_session(user, &hash("pm_next"), "c3", (&now, &future)).await.expect("session");
        assert_eq!(sessions().await, 2, "the next sign-in purged the expired session, and only it");

        let limit = server::web::upload::MAX_UPLOAD_BYTES;
        let at_limit = format!("{{\"pad\": \"{}\"}}", "x".repeat(limit - 11));
        assert_eq!(at_limit.len(), limit);
        let over = format!("{at_limit} ");
        let (status, location) = upload(&app, "pantau_session=pm_current", Some("c2"), "besar.json", &over).await;
        assert_eq!((status, location.as_str()), (303, "/unggah?galat=terlalu_besar"), "one byte over");
        let (status, location) = upload(&app, "pantau_session=pm_current", Some("c2"), "besar.json", &at_limit).await;
        assert_eq!((status, location.as_str()), (303, "/unggah"), "at the limit: read, then refused as a batch");
        let html = page(&app, "/unggah", "pantau_session=pm_current").await;
        assert_eq!(html.matches("class=\"submission\"").count(), 1, "only the file at the limit was logged");
    }

    async fn staff_and_visitors_get_no_upload_desk(app) {
        app.person("ana", Role::Analyst, None, "kata-sandi-ana").await;
        let (_, _, set_cookie) = sign_in(&app, "ana", "kata-sandi-ana").await;
        let html = page(&app, "/unggah", &session_cookie(&set_cookie)).await;
        assert!(html.contains("operator pelaporan instansi") && !html.contains("upload-form"));
        let html = page(&app, "/unggah", "").await;
        assert!(html.contains("/masuk?next=/unggah") && !html.contains("upload-form"));
        let (status, location) = upload(&app, &session_cookie(&set_cookie), Some("x"), "a.json", EXAMPLE).await;
        assert_eq!((status, location.as_str()), (303, "/unggah?galat=bukan_operator"));
    }
}
