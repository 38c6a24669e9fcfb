//! Public neutrality complaints (issue #7) on SQLite and PostgreSQL: anonymous filing with a receipt code, the
//! status check (right code, wrong code, brute force limited), no address stored, refusals that store nothing,
//! and the plain forms' round trip through the receipt and status pages.

use integration_tests::{both_databases, TestApp};
use serde_json::{json, Value};
use sqlx::Row;

const ACCOUNT: &str = "Kepala dinas hadir dan berorasi di kampanye pasangan calon nomor 2.";

async fn post_json(app: &TestApp, path: &str, body: Value, from: &str) -> (u16, Value) {
    let response = app
        .client
        .post(app.url(path))
        .header("Content-Type", "application/json")
        .header("X-Forwarded-For", from)
        .body(body.to_string())
        .send()
        .await
        .expect("post");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn complaint() -> Value {
    json!({"agency_code": "32.04", "election": "pilkada_2024", "summary": ACCOUNT, "anonymous": true})
}

async fn stored(app: &TestApp) -> Vec<String> {
    let rows = sqlx::query(
        "SELECT reference || '|' || receipt_hash || '|' || agency_code || '|' || election || '|' ||
                COALESCE(accused_name, '') || '|' || position_level || '|' || COALESCE(happened_on, '') || '|' ||
                summary || '|' || evidence || '|' || COALESCE(complainant_name, '') || '|' ||
                COALESCE(complainant_contact, '') || '|' || status || '|' || received_on || '|' || updated_at AS line
         FROM complaints",
    )
    .fetch_all(&app.db.pool)
    .await
    .expect("complaints");
    rows.iter()
        .map(|r| r.try_get("line").expect("line"))
        .collect()
}

fn cookie_of(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or_default()
        .to_string()
}

both_databases! {
    async fn an_anonymous_complaint_gets_a_receipt_and_its_status_only_with_the_right_code(app) {
        let (status, filed) = post_json(&app, "/api/v1/complaints", complaint(), "203.0.113.77").await;
        assert_eq!(status, 201, "{filed}");
        let reference = filed["reference"].as_str().expect("reference").to_string();
        let code = filed["receipt_code"].as_str().expect("code").to_string();
        assert!(reference.starts_with("NET-20") && reference.len() == 17, "{reference}");
        assert_eq!(code.len(), 19, "four groups of four: {code}");
        assert_eq!(filed["status"], "received");

        let check = |reference: &str, code: &str| json!({"reference": reference, "receipt_code": code});
        let (status, view) = post_json(&app, "/api/v1/complaints/status", check(&reference, &code), "203.0.113.77").await;
        assert_eq!(status, 200, "{view}");
        assert_eq!(view["status"], "received");
        let typed = code.to_lowercase().replace('-', " ");
        let (status, _) = post_json(&app, "/api/v1/complaints/status", check(&reference.to_lowercase(), &typed), "203.0.113.77").await;
        assert_eq!(status, 200, "the code is read back whatever its case and separators");
        let (status, body) = post_json(&app, "/api/v1/complaints/status", check(&reference, "AAAA-AAAA-AAAA-AAAA"), "203.0.113.77").await;
        assert_eq!(status, 404, "a wrong code: {body}");
        let (status, _) = post_json(&app, "/api/v1/complaints/status", check("NET-2026-AAAAAAAA", &code), "203.0.113.77").await;
        assert_eq!(status, 404, "an unknown reference answers like a wrong code");

        let rows = stored(&app).await;
        assert_eq!(rows.len(), 1);
        assert!(!rows[0].contains("203.0.113.77") && !rows[0].contains("127.0.0.1"), "no address is stored: {}", rows[0]);
        assert!(!rows[0].contains(&code) && !rows[0].contains(&code.replace('-', "")), "only the code's hash is stored");
    }

    async fn status_checks_and_filings_are_limited_per_address(app) {
        let check = json!({"reference": "NET-2026-AAAAAAAA", "receipt_code": "AAAA-AAAA-AAAA-AAAA"});
        for attempt in 0..10 {
            let (status, _) = post_json(&app, "/api/v1/complaints/status", check.clone(), "198.51.100.1").await;
            assert_eq!(status, 404, "attempt {attempt}");
        }
        let (status, body) = post_json(&app, "/api/v1/complaints/status", check.clone(), "198.51.100.1").await;
        assert_eq!(status, 429, "the eleventh guess in ten minutes: {body}");
        assert_eq!(body["error"]["code"], "too_many_requests");
        let (status, _) = post_json(&app, "/api/v1/complaints/status", check, "198.51.100.2").await;
        assert_eq!(status, 404, "another address is not held back");

        for _ in 0..5 {
            let (status, _) = post_json(&app, "/api/v1/complaints", complaint(), "198.51.100.3").await;
            assert_eq!(status, 201);
        }
        let (status, _) = post_json(&app, "/api/v1/complaints", complaint(), "198.51.100.3").await;
        assert_eq!(status, 429, "the sixth complaint in ten minutes");
        assert_eq!(stored(&app).await.len(), 5);
    }

    async fn bad_complaints_are_refused_whole_and_bots_get_nothing_stored(app) {
        let bad = json!({"agency_code": "99.99", "election": "", "summary": "terlalu pendek",
                         "happened_on": "2999-01-01", "evidence": ["javascript:alert(1)"]});
        let (status, body) = post_json(&app, "/api/v1/complaints", bad, "192.0.2.1").await;
        assert_eq!(status, 422, "{body}");
        let pointers: Vec<&str> = body["errors"].as_array().expect("errors").iter().filter_map(|e| e["pointer"].as_str()).collect();
        assert_eq!(pointers, ["/agency_code", "/election", "/summary", "/happened_on", "/evidence"]);
        let (status, _) = post_json(&app, "/api/v1/complaints", json!({"agency_code": "32.04", "color": "red"}), "192.0.2.1").await;
        assert_eq!(status, 400, "unknown fields and missing ones are a bad request");
        let mut bot = complaint();
        bot["website"] = json!("http://spam.example");
        let (status, body) = post_json(&app, "/api/v1/complaints", bot, "192.0.2.1").await;
        assert_eq!(status, 201, "a bot is answered like a person: {body}");
        assert!(stored(&app).await.is_empty(), "nothing was stored");

        let mut named = complaint();
        named["complainant_name"] = json!("Siti Rahayu");
        named["complainant_contact"] = json!("siti@example.org");
        let (status, _) = post_json(&app, "/api/v1/complaints", named.clone(), "192.0.2.1").await;
        assert_eq!(status, 201);
        assert!(!stored(&app).await[0].contains("Siti"), "anonymous: the identity is dropped");
        named["anonymous"] = json!(false);
        let (status, _) = post_json(&app, "/api/v1/complaints", named, "192.0.2.1").await;
        assert_eq!(status, 201);
        assert!(stored(&app).await.iter().any(|r| r.contains("Siti Rahayu")), "kept for the case handlers");

        // The public counts show the two complaints as "< 3", never the name.
        let home = app.page_containing("/", "id", "<td class=\"num\">&lt; 3</td>").await;
        assert!(home.contains("id=\"complaints-table\"") && !home.contains("Siti"), "two received complaints are suppressed, no name");
    }

    async fn the_forms_file_a_complaint_and_show_the_receipt_once(app) {
        let (status, form) = app.page("/netralitas/lapor", "id").await;
        assert_eq!(status, 200);
        assert!(form.contains("id=\"complaint-form\"") && form.contains("<option value=\"32.04\">"), "the agency list");
        assert!(form.contains("name=\"website\""), "the honeypot field");

        let response = app
            .client
            .post(app.url("/netralitas/lapor"))
            .form(&[("agency_code", "32.04"), ("election", "pilkada_2024"), ("summary", ACCOUNT),
                    ("position_level", "jpt"), ("evidence", "https://example.org/a.jpg\nhttps://example.org/b.jpg"),
                    ("anonymous", "1"), ("website", "")])
            .send()
            .await
            .expect("post");
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(response.headers()["location"], "/netralitas/tanda-terima");
        let cookie = cookie_of(&response);
        assert!(cookie.starts_with("pantau_receipt=NET-"), "{cookie}");
        let (reference, code) = cookie.trim_start_matches("pantau_receipt=").split_once('.').expect("pair");
        let (reference, code) = (reference.to_string(), code.to_string());

        let (status, page) = app.page_with_cookie("/netralitas/tanda-terima", &cookie).await;
        assert_eq!(status, 200);
        assert!(page.contains(&reference) && page.contains(&code), "the receipt is shown");
        let (_, later) = app.page("/netralitas/tanda-terima", "id").await;
        assert!(later.contains("id=\"receipt-gone\"") && !later.contains(&code), "not without its cookie");

        let response = app
            .client
            .post(app.url("/netralitas/cek"))
            .form(&[("reference", reference.as_str()), ("receipt_code", code.as_str())])
            .send()
            .await
            .expect("post");
        assert_eq!(response.headers()["location"], "/netralitas/cek?hasil=1");
        let cookie = cookie_of(&response);
        let (_, page) = app.page_with_cookie("/netralitas/cek?hasil=1", &cookie).await;
        assert!(page.contains("id=\"status-value\">Diterima<"), "the status in Indonesian");

        let response = app
            .client
            .post(app.url("/netralitas/cek"))
            .form(&[("reference", reference.as_str()), ("receipt_code", "salah")])
            .send()
            .await
            .expect("post");
        assert_eq!(response.headers()["location"], "/netralitas/cek?galat=tidak_ditemukan");
        let (_, page) = app.page("/netralitas/cek?galat=tidak_ditemukan", "id").await;
        assert!(page.contains("id=\"check-error\""));

        let response = app
            .client
            .post(app.url("/netralitas/lapor"))
            .form(&[("agency_code", "32.04"), ("election", ""), ("summary", "pendek")])
            .send()
            .await
            .expect("post");
        assert_eq!(response.headers()["location"], "/netralitas/lapor?galat=election,summary");
        let (_, page) = app.page("/netralitas/lapor?galat=election,summary", "id").await;
        assert!(page.contains("Pemilihan yang bersangkutan; Apa yang terjadi"), "the refused fields by their labels");
        assert_eq!(stored(&app).await.len(), 1, "the refused form stored nothing");
    }
}
