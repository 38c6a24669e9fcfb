//! Signals (issue #20) on SQLite and PostgreSQL: computed by the evaluation that follows a batch, listed over the
//! API and on `/sinyal` for analysts and commissioners only (clerks, administrators and the public get nothing),
//! explained with a note that survives re-evaluation, exported, and shown on the scorecard — never publicly.

use integration_tests::{both_databases, TestApp};
use serde_json::{json, Value};
use server::auth::Role;

/// Five rotations of 32.04 within 30 days: one mass rotation.
fn mass_rotation() -> Value {
    let records: Vec<Value> = (1..=5)
        .map(|i| json!({
            "kind": "rotation", "id": format!("M-{i}"), "nip": format!("19700101200003100{i}"), "name": format!("Pejabat {i}"),
            "from_position": {"title": format!("Kepala Dinas {i}"), "level": "pratama"}, "held_since": "2019-06-01",
            "to_position": {"title": format!("Staf Ahli {i}"), "level": "pratama"},
            "effective_on": format!("2025-03-{:02}", i * 5), "basis": "restructuring"}))
        .collect();
    json!(records)
}

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> (u16, Value) {
    app.send(app.client.get(app.url(path)), token).await
}

both_databases! {
    async fn signals_are_for_analysts_and_commissioners_and_an_explanation_stays(app) {
        let analyst = app.user("analyst", Role::Analyst, None).await;
        let commissioner = app.user("commissioner", Role::Commissioner, None).await;
        let admin = app.user("admin", Role::Admin, None).await;
        let clerk = app.user("clerk", Role::Agency, Some("32.04")).await;
        app.send_batch(&analyst, "32.04", mass_rotation()).await;

        assert_eq!(get(&app, "/api/v1/signals", None).await.0, 401);
        for token in [&clerk, &admin] {
            assert_eq!(get(&app, "/api/v1/signals", Some(token)).await.0, 403);
        }
        let (status, list) = get(&app, "/api/v1/signals", Some(&commissioner)).await;
        assert_eq!(status, 200, "{list}");
        let signals = list.as_array().expect("signals");
        assert_eq!(signals.len(), 1, "{list}");
        let s = &signals[0];
        assert_eq!((s["kind"].as_str(), s["agency_code"].as_str(), s["count"].as_i64()),
                   (Some("S-MASS-ROTATION"), Some("32.04"), Some(5)));
        assert_eq!((s["first_date"].as_str(), s["last_date"].as_str()), (Some("2025-03-05"), Some("2025-03-25")));
        assert_eq!(s["records"][0], json!({"kind": "rotation", "id": "M-1"}));
        assert!(s["explanation_en"].as_str().unwrap_or_default().contains("5 rotations"));
        assert_eq!(s["explained"], false);
        assert_eq!(get(&app, "/api/v1/signals?kind=S-ACTING-CHAIN", Some(&analyst)).await.1, json!([]));
        assert_eq!(get(&app, "/api/v1/signals?kind=S-NOPE", Some(&analyst)).await.0, 400);
        assert_eq!(get(&app, "/api/v1/signals?agency=32.73", Some(&analyst)).await.1, json!([]));
        let (_, again) = get(&app, "/api/v1/signals?as_of=2025-12-31", Some(&analyst)).await;
        assert_eq!(again[0]["id"], s["id"], "computed for a date, joined with the stored one");

        let id = s["id"].as_i64().expect("stored");
        let explain = |token: &str, body: Value| {
            let (app, token) = (&app, token.to_string());
            async move {
                app.send(app.client.post(app.url(&format!("/api/v1/signals/{id}/explain"))).json(&body), Some(&token)).await
            }
        };
        assert_eq!(explain(&admin, json!({"note": "ok"})).await.0, 403);
        assert_eq!(explain(&analyst, json!({"note": "  "})).await.0, 422);
        assert_eq!(app.send(app.client.post(app.url("/api/v1/signals/999999/explain")).json(&json!({"note": "x"})), Some(&analyst)).await.0, 404);
        let (status, body) = explain(&analyst, json!({"note": "Restrukturisasi OPD sesuai Perda 2025"})).await;
        assert_eq!((status, body["explained"].as_bool()), (200, Some(true)), "{body}");
        assert_eq!(get(&app, "/api/v1/signals", Some(&analyst)).await.1, json!([]), "it left the open list");
        // Evaluated again: still explained, still one.
        let (status, _) = app.send(app.client.post(app.url("/api/v1/evaluate")).json(&json!({})), Some(&admin)).await;
        assert_eq!(status, 200);
        let (_, all) = get(&app, "/api/v1/signals?include_explained=true", Some(&analyst)).await;
        assert_eq!(all.as_array().map(Vec::len), Some(1));
        assert_eq!((all[0]["id"].as_i64(), all[0]["explained"].as_bool()), (Some(id), Some(true)));
        let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'signal.explain'")
            .fetch_one(&app.db.pool).await.expect("count");
        assert_eq!(audited, 1);
    }

    async fn the_signals_page_export_and_scorecard_show_them_and_public_pages_never(app) {
        let analyst_token = app.user("analyst", Role::Analyst, None).await;
        app.send_batch(&analyst_token, "32.04", mass_rotation()).await;
        let (analyst, csrf) = app.session("web_analyst", Role::Analyst, None).await;
        let page = |path: &'static str, cookie: String| {
            let app = &app;
            async move {
                let r = app.client.get(app.url(path)).header("cookie", cookie).send().await.expect("get");
                (r.status().as_u16(), r.text().await.expect("text"))
            }
        };
        let (_, html) = page("/pelanggaran", analyst.clone()).await;
        assert!(html.contains("id=\"signals-summary\"") && html.contains("1 terbuka di 1 provinsi/pusat"), "the staff summary");
        let (admin, _) = app.session("web_admin", Role::Admin, None).await;
        assert!(!page("/pelanggaran", admin).await.1.contains("signals-summary"), "administrators read no signals");
        let (status, html) = page("/sinyal", analyst.clone()).await;
        assert_eq!(status, 200);
        assert!(html.contains(r#"data-kind="S-MASS-ROTATION""#) && html.contains("Mutasi massal"));
        assert!(html.contains("id=\"signal-counts\"") && html.contains(">32<"), "counted by province");
        let id: i64 = sqlx::query_scalar("SELECT id FROM signals").fetch_one(&app.db.pool).await.expect("id");
        let path = format!("/auth/sinyal/{id}");
        assert_eq!(app.post_form(&path, &analyst, &[("csrf", &csrf), ("note", "")]).await.1, "/sinyal?galat=catatan");
        assert_eq!(app.post_form(&path, &analyst, &[("csrf", &csrf), ("note", "Restrukturisasi")]).await.1, "/sinyal?hasil=ok");
        let (_, html) = page("/sinyal", analyst.clone()).await;
        assert!(!html.contains(r#"data-kind="S-MASS-ROTATION""#), "explained: out of the open list");
        let (_, html) = page("/sinyal?explained=1", analyst.clone()).await;
        assert!(html.contains("Restrukturisasi"));
        let response = app.client.get(app.url("/ekspor/sinyal.csv?explained=1")).header("cookie", &analyst).send().await.expect("csv");
        let csv = response.text().await.expect("csv");
        assert!(csv.lines().nth(1).is_some_and(|l| l.contains("S-MASS-ROTATION,32.04,2025-03-05,2025-03-25,5,rotation:M-1")), "{csv}");
        let response = app.client.get(app.url("/ekspor/sinyal.xlsx?explained=1")).header("cookie", &analyst).send().await.expect("xlsx");
        assert_eq!(integration_tests::header_of(&response, "content-type"),
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assert!(response.bytes().await.expect("bytes").starts_with(b"PK"), "a workbook (zip)");
        let (_, html) = page("/instansi/32.04/kartu-skor", analyst.clone()).await;
        assert!(html.contains("id=\"scorecard-signals\""));
        for public in ["/", "/instansi/32.04", "/provinsi/32"] {
            let (_, html) = app.page(public, "id").await;
            assert!(!html.contains("S-MASS-ROTATION") && !html.contains("Mutasi massal"), "{public} shows no signal");
        }
    }
}
