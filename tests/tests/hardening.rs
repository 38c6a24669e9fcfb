//! Issue #14, tried as an attacker would, on SQLite and PostgreSQL: each input that once took the service down,
//! wrote outside the sender's agency or was stored unchecked now gets a clear refusal, with nothing stored.

use integration_tests::{both_databases, header_of as header, TestApp};
use serde_json::{json, Value};
use server::auth::Role;

/// Files a form complaint about `agency`; returns its reference.
async fn file_complaint(app: &TestApp, agency: &str) -> String {
    let body = json!({"agency_code": agency, "election": "pilkada_2024", "position_level": "jpt",
                      "summary": "Kepala dinas hadir dan berorasi di kampanye pasangan calon."});
    let request = app
        .client
        .post(app.url("/api/v1/complaints"))
        .header("Content-Type", "application/json")
        .body(body.to_string());
    let (status, filed) = app.send(request, None).await;
    assert_eq!(status, 201, "{filed}");
    filed["reference"].as_str().expect("reference").to_string()
}

/// Posts a batch of `records` for `agency` with `token`; returns status and body.
async fn post_batch(app: &TestApp, token: &str, agency: &str, records: Value) -> (u16, Value) {
    let batch = json!({"schema": "pantau.report.v1", "agency_code": agency, "records": records});
    let request = app
        .client
        .post(app.url("/api/v1/reports"))
        .header("Content-Type", "application/json")
        .body(batch.to_string());
    app.send(request, Some(token)).await
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(&app.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn followup(id: &str, reference: &str) -> Value {
    json!({"kind": "neutrality_followup", "id": id, "complaint_ref": reference,
           "decided_on": "2024-10-01", "sanction": "moderate"})
}

/// Files a complaint at `base` as the client `from` (named with X-Forwarded-For); returns the status and the
/// Retry-After header.
async fn file_as(app: &TestApp, base: &str, from: Option<&str>) -> (u16, String) {
    let body = json!({"agency_code": "32.04", "election": "pilkada_2024", "position_level": "jpt",
                      "summary": "Kepala dinas hadir dan berorasi di kampanye pasangan calon."});
    let mut request = app
        .client
        .post(format!("{base}/api/v1/complaints"))
        .header("Content-Type", "application/json")
        .body(body.to_string());
    if let Some(from) = from {
        request = request.header("X-Forwarded-For", from);
    }
    let response = request.send().await.expect("file");
    (response.status().as_u16(), header(&response, "retry-after"))
}

/// Posts the sign-in form as the client `from`; returns status, redirect target and Retry-After.
async fn sign_in_as(
    app: &TestApp,
    name: &str,
    password: &str,
    from: &str,
) -> (u16, String, String) {
    let response = app
        .client
        .post(app.url("/auth/masuk"))
        .header("X-Forwarded-For", from)
        .form(&[("name", name), ("password", password)])
        .send()
        .await
        .expect("sign in");
    (
        response.status().as_u16(),
        header(&response, "location"),
        header(&response, "retry-after"),
    )
}

/// The nonce a page's CSP names (pages rendered afresh get a new one; cached pages keep theirs).
fn nonce_of(policy: &str) -> String {
    policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_default()
        .to_string()
}

both_databases! {
    async fn a_clerk_may_answer_only_complaints_about_its_own_agency(app) {
        let clerk = app.user("operator", Role::Agency, Some("32.04")).await;
        let theirs = file_complaint(&app, "81.72").await;
        let ours = file_complaint(&app, "32.04").await;
        for reference in [theirs.as_str(), "81.72/ADU-1", "ADU-1", "NET-2024-ZZZZZZZZ", "32.04/"] {
            let (status, body) = post_batch(&app, &clerk, "32.04", json!([followup("TL-1", reference)])).await;
            assert_eq!(status, 422, "{reference}: {body}");
            let errors = body["errors"].as_array().expect("errors");
            assert_eq!(errors.len(), 1, "{body}");
            assert_eq!(errors[0]["pointer"], "/records/0/complaint_ref");
            assert_eq!(errors[0]["id"], "TL-1");
            assert!(errors[0]["message"].as_str().is_some_and(|m| m.contains("bukan pengaduan instansi 32.04")), "{body}");
        }
        assert_eq!(count(&app, "SELECT COUNT(*) FROM records WHERE kind = 'neutrality_followup'").await, 0);
        // The other agency's case shows no decision of ours.
        let analyst = app.session("analis", Role::Analyst, None).await;
        let (_, page) = app.page_with_cookie(&format!("/pengaduan/{theirs}"), &analyst.0).await;
        assert!(!page.contains("TL-1"), "another agency's answer shows on the case");
        // Its own complaints, filed or imported, it may answer.
        let (status, body) = post_batch(&app, &clerk, "32.04",
            json!([followup("TL-1", &ours), followup("TL-2", "32.04/ADU-1")])).await;
        assert_eq!(status, 200, "{body}");
    }

    async fn a_refusal_of_a_huge_batch_is_answered_and_stored_small(app) {
        let clerk = app.user("operator", Role::Agency, Some("32.04")).await;
        // 100,000 empty records: two errors each.
        let records = Value::Array(vec![json!({}); 100_000]);
        let (status, body) = post_batch(&app, &clerk, "32.04", records).await;
        assert_eq!(status, 422);
        let errors = body["errors"].as_array().expect("errors");
        assert_eq!(errors.len(), 1_001);
        let last = errors.last().expect("count");
        assert!(last["message_en"].as_str().is_some_and(|m| m.contains("and 199000 more errors")), "{last}");
        assert!(body.to_string().len() < 400_000, "{} bytes", body.to_string().len());
        assert_eq!(count(&app, "SELECT COUNT(*) FROM records").await, 0);
        assert_eq!(last["omitted"], 199_000);
        let counted = count(&app, "SELECT MAX(error_count) FROM submissions").await;
        assert_eq!(counted, 200_000, "the submission counts every error, not only those listed");
        let stored = count(&app, "SELECT MAX(LENGTH(errors)) FROM submissions").await;
        assert!(stored < 512 * 1024, "{stored} bytes stored");
        // The clerk's upload page lists it without growing with the batch.
        let session = app.session("operator2", Role::Agency, Some("32.04")).await;
        let (status, page) = app.page_with_cookie("/unggah", &session.0).await;
        assert_eq!(status, 200);
        assert!(page.len() < 1_500_000, "{} bytes", page.len());
        assert!(page.contains("199000"), "the page shows how many more");
    }

    async fn dates_outside_the_plausible_range_and_control_characters_are_refused_over_http(app) {
        let clerk = app.user("operator", Role::Agency, Some("32.04")).await;
        let job_fit = |day: &str| json!({"kind": "job_fit", "id": "JF-1", "held_on": day,
                                          "participants": ["196805102000031002"]});
        for day in ["0001-01-01", "9999-12-31", "1945-08-16"] {
            let (status, body) = post_batch(&app, &clerk, "32.04", json!([job_fit(day)])).await;
            assert_eq!(status, 422, "{day}: {body}");
            assert_eq!(body["errors"][0]["pointer"], "/records/0/held_on");
        }
        let named = json!({"kind": "acting_assignment", "id": "PLT-1", "nip": "198002292005012004",
            "name": "Plt\u{0}D", "position": {"title": "Sekretaris Daerah", "level": "pratama"},
            "type": "plt", "starts_on": "2024-05-01", "ends_on": null});
        let (status, body) = post_batch(&app, &clerk, "32.04", json!([named])).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["errors"][0]["pointer"], "/records/0/name");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM records").await, 0);
        let (status, body) = post_batch(&app, &clerk, "32.04", json!([job_fit("1945-08-17")])).await;
        assert_eq!(status, 200, "{body}");
    }

    async fn forwarded_addresses_are_believed_only_from_trusted_proxies(app) {
        // As `pantau serve` starts by default: no proxy trusted.
        let direct = TestApp::spawn_with(app.db.engine, server::web::Settings::default()).await;
        for i in 0..5 {
            let (status, _) = file_as(&direct, &direct.base, Some(&format!("198.51.100.{i}"))).await;
            assert_eq!(status, 201, "filing {i}");
        }
        let (status, retry) = file_as(&direct, &direct.base, Some("198.51.100.99")).await;
        assert_eq!(status, 429, "a rotated X-Forwarded-For does not make a new client");
        let seconds: i64 = retry.parse().expect("Retry-After in seconds");
        assert!((1..=600).contains(&seconds), "{retry}");
        // Behind the trusted proxy (the harness's loopback), each forwarded address is its own client, and an
        // IPv6 client is one per /64.
        for i in 0..5 {
            assert_eq!(file_as(&app, &app.base, Some(&format!("2001:db8:0:1::{i}"))).await.0, 201);
        }
        assert_eq!(file_as(&app, &app.base, Some("2001:db8:0:1:ffff::9")).await.0, 429, "same /64");
        assert_eq!(file_as(&app, &app.base, Some("2001:db8:0:2::1")).await.0, 201, "another /64");
    }

    async fn limits_hold_across_two_app_servers_on_one_database(app) {
        let other = app.second_server().await;
        for i in 0..5 {
            let base = if i % 2 == 0 { app.base.clone() } else { other.clone() };
            assert_eq!(file_as(&app, &base, Some("203.0.113.7")).await.0, 201, "filing {i}");
        }
        assert_eq!(file_as(&app, &other, Some("203.0.113.7")).await.0, 429);
        assert_eq!(file_as(&app, &app.base, Some("203.0.113.7")).await.0, 429);
        assert_eq!(file_as(&app, &other, Some("203.0.113.8")).await.0, 201, "another client");
    }

    async fn concurrent_guesses_are_counted_before_they_are_checked_and_lock_only_their_pair(app) {
        app.person("rina", Role::Analyst, None, "kata-sandi-rina-panjang").await;
        // 25 at once (under the limit of 30 attempts per address, which the next test covers).
        let guesses = (0..25).map(|i| {
            let app = &app;
            async move { sign_in_as(app, "rina", &format!("tebakan-{i}"), "203.0.113.50").await }
        });
        let outcomes = futures::future::join_all(guesses).await;
        let wrong = outcomes.iter().filter(|(_, l, _)| l.contains("galat=salah")).count();
        let locked = outcomes.iter().filter(|(_, l, _)| l.contains("galat=terkunci")).count();
        assert_eq!((wrong, locked), (5, 20), "only five were checked: {outcomes:?}");
        let (_, location, _) = sign_in_as(&app, "rina", "kata-sandi-rina-panjang", "203.0.113.50").await;
        assert!(location.contains("galat=terkunci"), "the right password from the guessing address: {location}");
        // The stranger did not lock Rina out of her own office network.
        let (status, location, _) = sign_in_as(&app, "rina", "kata-sandi-rina-panjang", "192.0.2.10").await;
        assert_eq!((status, location.as_str()), (303, "/pelanggaran"));
    }

    async fn sign_ins_from_one_address_are_limited_with_retry_after(app) {
        // Unknown names, as in a flood: each costs a hash until its own pair locks; the address is limited.
        for i in 0..30 {
            let (status, _, _) = sign_in_as(&app, &format!("nobody{}", i % 6), "x", "203.0.113.60").await;
            assert_eq!(status, 303, "attempt {i}");
        }
        let (status, _, retry) = sign_in_as(&app, "nobody-else", "x", "203.0.113.60").await;
        assert_eq!(status, 429);
        assert!(retry.parse::<i64>().is_ok_and(|s| (1..=300).contains(&s)), "{retry}");
        let (status, _, _) = sign_in_as(&app, "nobody-else", "x", "203.0.113.61").await;
        assert_eq!(status, 303, "another address is not limited");
    }

    async fn every_response_carries_the_security_headers_and_the_right_cache_policy(app) {
        let (staff_cookie, _) = app.session("analis", Role::Analyst, None).await;
        let checks: [(&str, Option<&str>, &str); 7] = [
            ("/", None, "public, max-age=60"),
            ("/api/v1/agencies", None, "public, max-age=60"),
            ("/masuk", None, "no-store"),
            ("/netralitas/tanda-terima", None, "no-store"),
            ("/pelanggaran", Some(&staff_cookie), "no-store"),
            ("/ekspor/pelanggaran.csv", Some(&staff_cookie), "no-store"),
            ("/api/v1/violations", None, "no-store"),
        ];
        for (path, cookie, cache) in checks {
            let mut request = app.client.get(app.url(path));
            if let Some(cookie) = cookie {
                request = request.header("Cookie", cookie);
            }
            let response = request.send().await.expect("get");
            assert_eq!(header(&response, "cache-control"), cache, "{path}");
            if cache.starts_with("public") {
                assert!(header(&response, "vary").to_lowercase().contains("cookie"), "{path}: by language");
            }
            assert_eq!(header(&response, "x-content-type-options"), "nosniff", "{path}");
            assert_eq!(header(&response, "x-frame-options"), "DENY", "{path}");
            assert_eq!(header(&response, "referrer-policy"), "same-origin", "{path}");
            assert!(header(&response, "permissions-policy").contains("camera=()"), "{path}");
            let policy = header(&response, "content-security-policy");
            assert!(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"), "{path}: {policy}");
            assert!(!policy.contains("script-src 'self' 'unsafe-inline'"), "{path}: {policy}");
            assert_eq!(header(&response, "strict-transport-security"), "", "{path}: plain HTTP");
        }
        // A page's inline scripts carry the nonce its policy names.
        let response = app.get("/masuk").await;
        let nonce = nonce_of(&header(&response, "content-security-policy"));
        assert!(nonce.len() >= 16, "a nonce: {nonce:?}");
        let html = response.text().await.expect("body");
        assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries it");
        // Over TLS, as the trusted proxy says, browsers are told to stay on HTTPS.
        let response = app.client.get(app.url("/")).header("X-Forwarded-Proto", "https").send().await.expect("get");
        assert!(header(&response, "strict-transport-security").starts_with("max-age="));
    }

    async fn only_a_real_session_bypasses_the_page_cache_and_unknown_parameters_share_a_page(app) {
        let first = app.get("/").await;
        let nonce = nonce_of(&header(&first, "content-security-policy"));
        assert!(!nonce.is_empty());
        let again = app.get("/").await;
        assert_eq!(nonce_of(&header(&again, "content-security-policy")), nonce, "served from the cache");
        let forged = app.client.get(app.url("/")).header("Cookie", "pantau_session=anything").send().await.expect("get");
        assert_eq!(nonce_of(&header(&forged, "content-security-policy")), nonce, "a made-up session is a visitor");
        for cb in 0..20 {
            let busted = app.get(&format!("/?cb={cb}")).await;
            assert_eq!(nonce_of(&header(&busted, "content-security-policy")), nonce, "/?cb={cb} is /");
        }
        let (cookie, _) = app.session("analis", Role::Analyst, None).await;
        let staff = app.client.get(app.url("/")).header("Cookie", &cookie).send().await.expect("get");
        assert_ne!(nonce_of(&header(&staff, "content-security-policy")), nonce, "a signed-in person gets a fresh page");
    }

    async fn api_errors_are_json_with_their_status_even_before_a_handler_runs(app) {
        let admin = app.user("admin", Role::Admin, None).await;
        let analyst = app.user("analis", Role::Analyst, None).await;
        let cases: Vec<(reqwest::RequestBuilder, Option<&str>, u16, &str)> = vec![
            // A complaint body over its 64 KiB limit: 413, not 400.
            (app.client.post(app.url("/api/v1/complaints")).header("Content-Type", "application/json")
                .body("x".repeat(70 * 1024)), None, 413, "payload_too_large"),
            // A body over axum's default limit where the handler reads raw bytes.
            (app.client.post(app.url("/api/v1/evaluate")).body(" ".repeat(3 * 1024 * 1024)), Some(&admin), 413, "payload_too_large"),
            // A path that is not a number, and a query that does not parse.
            (app.client.get(app.url("/api/v1/violations/abc")), Some(&analyst), 400, "bad_request"),
            (app.client.get(app.url("/api/v1/violations?limit=many")), Some(&analyst), 400, "bad_request"),
            (app.client.delete(app.url("/api/v1/agencies")), None, 405, "method_not_allowed"),
            (app.client.get(app.url("/api/v1/no-such-route")), None, 404, "not_found"),
        ];
        for (request, token, status, code) in cases {
            // A refused body may end its connection before it is read: each case on a connection of its own.
            let (mut request, fresh) = (request.build().expect("request"), reqwest::Client::new());
            if let Some(token) = token {
                let value = format!("Bearer {token}").parse().expect("header");
                request.headers_mut().insert("authorization", value);
            }
            let response = fresh.execute(request).await.expect("send");
            let got = response.status().as_u16();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            assert_eq!(got, status, "{body}");
            assert_eq!(body["error"]["code"], code, "{body}");
            assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
        }
    }

    async fn a_name_guessed_from_many_addresses_locks_after_fifty_failures_for_everyone(app) {
        app.person("dewi", Role::Commissioner, None, "kata-sandi-dewi-panjang").await;
        // 49 wrong passwords from ten addresses (at most five each, so no pair locks first).
        for i in 0..49 {
            let (_, location, _) = sign_in_as(&app, "dewi", "tebakan", &format!("203.0.113.{}", 100 + i / 5)).await;
            assert!(location.contains("galat=salah"), "guess {i}: {location}");
        }
        let (_, location, _) = sign_in_as(&app, "dewi", "kata-sandi-dewi-panjang", "192.0.2.20").await;
        assert_eq!(location, "/pelanggaran", "49 failures: Dewi still signs in");
        let (_, location, _) = sign_in_as(&app, "dewi", "tebakan", "203.0.113.200").await;
        assert!(location.contains("galat=salah"), "the fiftieth is still checked: {location}");
        let (_, location, _) = sign_in_as(&app, "dewi", "kata-sandi-dewi-panjang", "192.0.2.21").await;
        assert!(location.contains("galat=terkunci"), "after fifty the name is locked everywhere: {location}");
    }

    async fn wrong_current_passwords_count_like_wrong_sign_ins(app) {
        app.person("budi", Role::Analyst, None, "kata-sandi-budi-panjang").await;
        let response = app.client.post(app.url("/auth/masuk")).header("X-Forwarded-For", "192.0.2.30")
            .form(&[("name", "budi"), ("password", "kata-sandi-budi-panjang")]).send().await.expect("sign in");
        let cookie = header(&response, "set-cookie").split(';').next().unwrap_or_default().to_string();
        let (_, account) = app.page_with_cookie("/akun", &cookie).await;
        let csrf = account.split("name=\"csrf\" value=\"").nth(1).and_then(|r| r.split('"').next())
            .expect("the form's CSRF token").to_string();
        let change = |current: &'static str| {
            let (app, cookie, csrf) = (&app, cookie.clone(), csrf.clone());
            async move {
                let response = app.client.post(app.url("/auth/sandi")).header("Cookie", cookie)
                    .header("X-Forwarded-For", "192.0.2.30")
                    .form(&[("csrf", csrf.as_str()), ("current", current), ("new", "sandi-baru-yang-panjang"),
                            ("confirm", "sandi-baru-yang-panjang")])
                    .send().await.expect("post");
                header(&response, "location")
            }
        };
        // The sign-in's attempt was forgiven; five wrong current passwords are checked, then the pair locks.
        for i in 0..5 {
            assert_eq!(change("salah-tebak").await, "/akun?galat=salah", "wrong current password {i}");
        }
        assert_eq!(change("kata-sandi-budi-panjang").await, "/akun?galat=terkunci");
    }

    async fn sign_ins_of_everyone_together_are_limited_per_minute(app) {
        // 600 attempts a minute from all addresses together, then 429: twenty addresses of thirty attempts each
        // (the most each may make). One made-up name, locked after fifty, so few passwords are hashed. Attempts
        // straddling a minute's edge would start a new window: wait for a fresh minute when too close to its end.
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs();
        if now % 60 > 30 {
            tokio::time::sleep(std::time::Duration::from_secs(61 - now % 60)).await;
        }
        for i in 0..600 {
            let (status, _, _) = sign_in_as(&app, "x", "y", &format!("198.51.100.{}", i / 30)).await;
            assert_eq!(status, 303, "attempt {i}");
        }
        let (status, _, retry) = sign_in_as(&app, "x", "y", "198.51.100.250").await;
        assert_eq!(status, 429, "the 601st in the minute");
        assert!(retry.parse::<i64>().is_ok_and(|s| (1..=60).contains(&s)), "{retry}");
    }

    async fn a_rotation_cannot_lean_on_another_agencys_job_fit(app) {
        // The other cross-record reference: a rotation's `job_fit_id` is looked up among the agency's own records
        // only, so another agency's job fit (with its recommendation) does not make the move lawful.
        let staff = app.user("analis", Role::Analyst, None).await;
        let clerk = app.user("operator", Role::Agency, Some("32.04")).await;
        let nip = "197001012000032001";
        app.send_batch(&staff, "32.73", json!([{"kind": "job_fit", "id": "JF-9", "held_on": "2024-02-01",
            "participants": [nip], "kasn_recommendation": {"number": "B-9/KASN/2024", "issued_on": "2024-03-01"}}])).await;
        app.send_batch(&clerk, "32.04", json!([{"kind": "rotation", "id": "MUT-9", "nip": nip, "name": "Pejabat B",
            "from_position": {"title": "Kepala Dinas", "level": "pratama"}, "held_since": "2020-01-03",
            "to_position": {"title": "Asisten", "level": "pratama"}, "effective_on": "2024-04-01",
            "basis": "job_fit", "job_fit_id": "JF-9"}])).await;
        let request = app.client.get(app.url("/api/v1/violations?agency=32.04&rule=R-JOBFIT-NO-REC"));
        let (status, page) = app.send(request, Some(&staff)).await;
        assert_eq!(status, 200, "{page}");
        let found = page["violations"].as_array().expect("violations");
        assert_eq!(found.len(), 1, "{page}");
        assert!(found[0]["message_en"].as_str().is_some_and(|m| m.contains("not among the agency's records")), "{page}");
    }
}

/// Issue #14: a connection sending one header byte a second stayed open for 50 s. A head not complete within
/// the header timeout, and a keep-alive connection idle for as long, are closed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_and_idle_connections_are_closed_after_the_header_timeout() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::spawn(integration_tests::Engine::Sqlite).await;
    let site = tempfile::tempdir().expect("dir");
    let router = server::web::router(
        app.db.clone(),
        server::web::leptos_options(site.path().into()),
    );
    let addr = integration_tests::serve(router, std::time::Duration::from_secs(1)).await;

    // Sends `first`, then dribbles a byte every 300 ms; returns what was read and when the server hung up.
    async fn closed_after(
        addr: std::net::SocketAddr,
        first: &[u8],
    ) -> (String, std::time::Duration) {
        let started = std::time::Instant::now();
        let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
        stream.write_all(first).await.expect("write");
        let mut read = Vec::new();
        let mut buffer = [0u8; 4096];
        loop {
            tokio::select! {
                n = stream.read(&mut buffer) => match n {
                    Ok(0) | Err(_) => break,
                    Ok(n) => read.extend_from_slice(&buffer[..n]),
                },
                () = tokio::time::sleep(std::time::Duration::from_millis(300)) => {
                    if stream.write_all(b"X").await.is_err() { break; }
                }
            }
            assert!(
                started.elapsed() < std::time::Duration::from_secs(30),
                "still open after 30 s"
            );
        }
        (
            String::from_utf8_lossy(&read).into_owned(),
            started.elapsed(),
        )
    }

    let (_, after) = closed_after(addr, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ").await;
    assert!(
        after < std::time::Duration::from_secs(10),
        "slow head closed after {after:?}"
    );
    // A complete request is answered; the idle connection after it is closed as well.
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    let started = std::time::Instant::now();
    let mut read = Vec::new();
    let n = tokio::time::timeout(
        std::time::Duration::from_secs(30),
        stream.read_to_end(&mut read),
    )
    .await;
    assert!(n.is_ok(), "the idle keep-alive connection was not closed");
    assert!(
        String::from_utf8_lossy(&read).starts_with("HTTP/1.1 200"),
        "answered first"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}
