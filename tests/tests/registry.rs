//! The registry, administered (issue #19) on SQLite and PostgreSQL: agencies added, renamed and retired over the
//! API by administrators only, every refusal storing nothing, names shown as they were on the date asked, a retired
//! agency's later records refused with a located error while its violations stay, and the merit denominators
//! counting the agencies that existed at the end of each year.

use integration_tests::{both_databases, TestApp};
use serde_json::{json, Value};
use server::auth::Role;

async fn post(app: &TestApp, token: Option<&str>, body: Value) -> (u16, Value) {
    app.send(
        app.client.post(app.url("/api/v1/agencies")).json(&body),
        token,
    )
    .await
}

async fn patch(app: &TestApp, token: &str, code: &str, body: Value) -> (u16, Value) {
    let request = app
        .client
        .patch(app.url(&format!("/api/v1/agencies/{code}")))
        .json(&body);
    app.send(request, Some(token)).await
}

/// The number of agencies and of registry audit entries: what a refusal must leave as it was.
async fn stored(app: &TestApp) -> (i64, i64) {
    let agencies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agencies")
        .fetch_one(&app.db.pool)
        .await
        .expect("count");
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'agency.%'")
            .fetch_one(&app.db.pool)
            .await
            .expect("count");
    (agencies, audited)
}

fn names(list: &Value) -> Vec<(String, String)> {
    list.as_array()
        .expect("agencies")
        .iter()
        .map(|a| {
            (
                a["code"].as_str().unwrap_or_default().to_string(),
                a["name"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn merit(id: &str, year: i32, score: f64) -> Value {
    json!({"kind": "merit_assessment", "id": id, "year": year, "stage": "verified", "total_score": score})
}

both_databases! {
    async fn administrators_add_rename_and_retire_agencies_and_every_refusal_stores_nothing(app) {
        let admin = app.user("admin", Role::Admin, None).await;
        let badan = json!({"code": "L99", "name": "Badan Uji Coba", "kind": "institution", "from": "2025-01-01"});
        for (label, token) in [("public", None), ("clerk", Some(app.user("clerk", Role::Agency, Some("32.04")).await)),
                               ("analyst", Some(app.user("analyst", Role::Analyst, None).await)),
                               ("commissioner", Some(app.user("commissioner", Role::Commissioner, None).await))] {
            let (status, _) = post(&app, token.as_deref(), badan.clone()).await;
            assert_eq!(status, if token.is_none() { 401 } else { 403 }, "{label}");
        }
        let before = stored(&app).await;
        for (body, status) in [
            (json!({"code": "32.04", "name": "Kabupaten Bandung Lagi", "kind": "regency", "province_code": "32"}), 409),
            (json!({"code": "32.99", "name": "Kota Tanpa Provinsi", "kind": "city", "province_code": "99"}), 422),
            (json!({"code": "L 98", "name": "Badan", "kind": "institution"}), 422),
            (json!({"code": "L98", "name": "  ", "kind": "institution"}), 422),
            (json!({"code": "L98", "name": "Badan", "kind": "planet"}), 400),
            (json!({"code": "L98", "name": "Badan", "kind": "institution", "from": "2025-02-30"}), 422),
            (json!({"code": "32.98", "name": "Kota", "kind": "city"}), 422),
        ] {
            let (got, text) = post(&app, Some(&admin), body.clone()).await;
            assert_eq!(got, status, "{body}: {text}");
        }
        assert_eq!(stored(&app).await, before, "refusals store nothing");

        let (status, entry) = post(&app, Some(&admin), badan.clone()).await;
        assert_eq!(status, 201, "{entry}");
        assert_eq!((entry["founded_on"].as_str(), entry["retired_on"].clone()), (Some("2025-01-01"), Value::Null));
        assert_eq!(post(&app, Some(&admin), badan).await.0, 409, "the same code twice");

        // Renamed from 2026-01-01: the old name before, the new one from that day.
        assert_eq!(patch(&app, &admin, "L99", json!({"name": "Badan Uji", "from": "2024-12-31"})).await.0, 422, "before it existed");
        assert_eq!(patch(&app, &admin, "L00", json!({"name": "Badan", "from": "2026-01-01"})).await.0, 404);
        assert_eq!(patch(&app, &admin, "L99", json!({"name": "Badan Uji"})).await.0, 422, "a rename needs its date");
        let (status, entry) = patch(&app, &admin, "L99", json!({"name": "Badan Uji Nasional", "from": "2026-01-01"})).await;
        assert_eq!(status, 200, "{entry}");
        assert_eq!(entry["names"].as_array().map(Vec::len), Some(2));
        let on = |day: &'static str| { let app = &app; async move { names(&app.json(&format!("/api/v1/agencies?as_of={day}&q=L99")).await.1) } };
        assert_eq!(on("2024-12-31").await, [], "not there before it was founded");
        assert_eq!(on("2025-12-31").await, [("L99".to_string(), "Badan Uji Coba".to_string())]);
        assert_eq!(on("2026-01-01").await, [("L99".to_string(), "Badan Uji Nasional".to_string())]);

        // Retired: once, not before it existed, with a successor that exists.
        assert_eq!(patch(&app, &admin, "L99", json!({"retired_on": "2024-06-30"})).await.0, 422, "before it existed");
        assert_eq!(patch(&app, &admin, "L99", json!({"retired_on": "2026-06-30", "succeeded_by": "L00"})).await.0, 422);
        let (status, entry) = patch(&app, &admin, "L99", json!({"retired_on": "2026-06-30", "succeeded_by": "K02"})).await;
        assert_eq!(status, 200, "{entry}");
        assert_eq!((entry["retired_on"].as_str(), entry["succeeded_by"].as_str()), (Some("2026-06-30"), Some("K02")));
        assert_eq!(patch(&app, &admin, "L99", json!({"retired_on": "2026-07-31"})).await.0, 409, "retired twice");
        assert_eq!(on("2026-06-30").await.len(), 1, "its last day");
        assert_eq!(on("2026-07-01").await, [], "gone the day after");
        assert!(!names(&app.json("/api/v1/agencies?q=L99").await.1).iter().any(|(c, _)| c == "L99"), "not in today's list");

        let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log WHERE subject = 'L99' ORDER BY id")
            .fetch_all(&app.db.pool).await.expect("audit");
        assert_eq!(actions, ["agency.add", "agency.rename", "agency.retire"]);
    }

    async fn a_retired_agency_keeps_its_violations_and_refuses_records_dated_after_its_last_day(app) {
        let admin = app.user("admin", Role::Admin, None).await;
        let rotation = |id: &str, day: &str| json!({
            "kind": "rotation", "id": id, "nip": "197001012000031001", "name": "Pejabat",
            "from_position": {"title": "Kepala Dinas", "level": "pratama"}, "held_since": "2024-06-01",
            "to_position": {"title": "Staf Ahli", "level": "pratama"}, "effective_on": day, "basis": "restructuring"});
        app.send_batch(&admin, "32.04", json!([rotation("M-1", "2025-01-15")])).await;
        let (_, list) = app.send(app.client.get(app.url("/api/v1/violations?agency=32.04")), Some(&admin)).await;
        let flagged = list["violations"].as_array().map(Vec::len).unwrap_or_default();
        assert!(flagged > 0, "the early move breaks the minimum tenure: {list}");

        assert_eq!(patch(&app, &admin, "32.04", json!({"retired_on": "2025-06-30"})).await.0, 200);
        let batch = |records: Value| json!({"schema": "pantau.report.v1", "agency_code": "32.04", "records": records}).to_string();
        let (status, body) = app.submit(&admin, &batch(json!([rotation("M-2", "2025-07-01")]))).await;
        assert_eq!(status, 422, "{body}");
        let error = &body["errors"][0];
        assert_eq!(error["pointer"], "/records/0/effective_on", "{body}");
        assert!(error["message_en"].as_str().unwrap_or_default().contains("after this agency was retired (2025-06-30)"), "{body}");
        let (status, body) = app.submit(&admin, &batch(json!([rotation("M-3", "2025-06-30")]))).await;
        assert_eq!(status, 200, "its last day is still its own: {body}");
        let (_, list) = app.send(app.client.get(app.url("/api/v1/violations?agency=32.04")), Some(&admin)).await;
        assert!(list["violations"].as_array().map(Vec::len).unwrap_or_default() >= flagged, "its violations stay");
    }

    async fn a_rename_or_retirement_reaches_the_explorer_and_the_public_aggregates(app) {
        use model::types::ExplorerFilter;
        let admin = app.user("admin", Role::Admin, None).await;
        app.send_batch(&admin, "32.04", json!([{
            "kind": "rotation", "id": "M-1", "nip": "197001012000031001", "name": "Pejabat",
            "from_position": {"title": "Kepala Dinas", "level": "pratama"}, "held_since": "2024-06-01",
            "to_position": {"title": "Staf Ahli", "level": "pratama"}, "effective_on": "2025-01-15", "basis": "restructuring"}])).await;
        let found = |q: &'static str| { let app = &app; async move {
            let page = app.db.explore(&ExplorerFilter { q: q.into(), ..Default::default() }).await.expect("explore");
            page.rows.iter().map(|r| r.agency_name.clone()).collect::<Vec<_>>()
        }};
        let key = || app.db.public_source_key("2026-12-03");
        // The explorer's index is built (and the aggregates' key read) before the changes.
        assert_eq!(found("Ganti Nama").await, Vec::<String>::new());
        assert!(!found("32.04").await.is_empty(), "the early move is flagged");
        let before = key().await.expect("key");

        let (status, body) = patch(&app, &admin, "32.04", json!({"name": "Kabupaten Ganti Nama", "from": "2026-01-01"})).await;
        assert_eq!(status, 200, "{body}");
        let renamed = found("Ganti Nama").await;
        assert!(!renamed.is_empty() && renamed.iter().all(|n| n == "Kabupaten Ganti Nama"), "{renamed:?}");
        let after_rename = key().await.expect("key");
        assert_ne!(after_rename, before, "the public aggregates show names: computed again");

        assert_eq!(patch(&app, &admin, "32.04", json!({"retired_on": "2026-06-30"})).await.0, 200);
        assert_ne!(key().await.expect("key"), after_rename, "a retired agency leaves the later years' counts");
    }

    async fn the_merit_denominators_count_the_agencies_that_existed_at_the_end_of_each_year(app) {
        let admin = app.user("admin", Role::Admin, None).await;
        app.send_batch(&admin, "32.73", json!([merit("V21", 2021, 300.0)])).await;
        let totals = || { let app = &app; async move {
            let (_, body) = app.json("/api/v1/merit/progress").await;
            let years = body["groups"][3]["years"].as_array().expect("years").clone();
            [2021, 2022, 2023, 2024].map(|y| years.iter().find(|e| e["year"] == y).and_then(|e| e["total"].as_i64()).unwrap_or(-1))
        }};
        let [base, ..] = totals().await;
        // A new city from mid-2023, and 32.04 retired at the end of June 2022.
        let (status, body) = post(&app, Some(&admin), json!({"code": "32.80", "name": "Kota Baru", "kind": "city",
                                                             "province_code": "32", "from": "2023-06-01"})).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(patch(&app, &admin, "32.04", json!({"retired_on": "2022-06-30"})).await.0, 200);
        assert_eq!(totals().await, [base, base - 1, base, base], "2022 without 32.04; 2023 on with 32.80");
    }

    async fn the_registry_page_lists_every_agency_and_takes_the_administrators_forms(app) {
        let (admin, csrf) = app.session("web_admin", Role::Admin, None).await;
        let form = |path: &'static str, fields: Vec<(&'static str, &'static str)>| {
            let (admin, csrf, app) = (admin.clone(), csrf.clone(), &app);
            async move {
                let mut all = vec![("csrf", csrf.as_str())];
                all.extend(fields);
                app.post_form(path, &admin, &all).await.1
            }
        };
        let add = vec![("code", "L99"), ("name", "Badan Uji Coba"), ("kind", "institution"), ("autonomous", "true")];
        assert_eq!(form("/auth/registri", add.clone()).await, "/registri?hasil=diubah");
        assert_eq!(form("/auth/registri", add).await, "/registri?galat=instansi_ada");
        assert_eq!(form("/auth/registri", vec![("code", "32.99"), ("name", "Kota"), ("kind", "city"), ("province_code", "99")]).await,
                   "/registri?galat=isian");
        assert_eq!(form("/auth/registri/-", vec![("action", "rename"), ("code", "L99"), ("name", "Badan Uji"), ("from", "31-12-2025")]).await,
                   "/registri?galat=tanggal");
        assert_eq!(form("/auth/registri/-", vec![("action", "rename"), ("code", "L00"), ("name", "Badan"), ("from", "2025-12-31")]).await,
                   "/registri?galat=instansi");
        assert_eq!(form("/auth/registri/-", vec![("action", "rename"), ("code", "L99"), ("name", "Badan Uji Nasional"), ("from", "2026-01-01")]).await,
                   "/registri?hasil=diubah");
        assert_eq!(form("/auth/registri/-", vec![("action", "retire"), ("code", "L99"), ("on", "2026-06-30"), ("succeeded_by", "K02")]).await,
                   "/registri?hasil=diubah");
        assert_eq!(form("/auth/registri/-", vec![("action", "retire"), ("code", "L99"), ("on", "2026-07-30")]).await,
                   "/registri?galat=sudah_dibubarkan");
        let page = app.client.get(app.url("/registri?q=L99")).header("cookie", &admin).send().await.expect("page");
        assert_eq!(page.status(), 200);
        let html = page.text().await.expect("html");
        assert!(html.contains(r#"<tr data-code="L99" class="retired">"#), "retired agencies are listed, marked");
        assert!(html.contains("Badan Uji Coba") && html.contains("Badan Uji Nasional") && html.contains("2026-06-30"));
        let count = html.split("id=\"registry-count\" class=\"result-count\">").nth(1).and_then(|rest| rest.split('<').next());
        assert_eq!(count, Some("1 instansi"), "narrowed by the search");
    }
}
