//! The web app and the REST API over HTTP, on SQLite and on PostgreSQL.

use integration_tests::both_databases;
use serde_json::Value;

fn codes(agencies: &Value) -> Vec<&str> {
    agencies
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|a| a["code"].as_str())
        .collect()
}

both_databases! {
    async fn health_reports_the_engine(app) {
        let (status, body) = app.json("/healthz").await;
        assert_eq!(status, 200);
        assert_eq!(body["status"], "ok");
        assert_eq!(body["database"], app.db.engine.name());
    }

    async fn the_registry_is_served_whole(app) {
        let (status, body) = app.json("/api/v1/agencies").await;
        assert_eq!(status, 200);
        let all = body.as_array().expect("a JSON array");
        assert_eq!(all.len(), 635);
        let of_kind = |k: &str| all.iter().filter(|a| a["kind"] == k).count();
        assert_eq!((of_kind("ministry"), of_kind("institution"), of_kind("province")), (34, 49, 38));
        assert_eq!((of_kind("regency"), of_kind("city")), (416, 98));
        let not_autonomous: Vec<_> = all.iter().filter(|a| a["autonomous"] == false).collect();
        assert_eq!(not_autonomous.len(), 6, "DKI Jakarta's administrative units");
        assert!(not_autonomous.iter().all(|a| a["province_code"] == "31"));
        assert_eq!(all[0]["code"], "K01", "central agencies first, in registry order");
        assert_eq!(all[0]["province_code"], Value::Null);
    }

    async fn the_registry_is_loaded_once(app) {
        let again = server::service::open(&app.database_url).await.expect("reopen");
        assert_eq!(again.seed_registry().await.expect("seed"), 0, "a second start loads nothing");
        let (_, body) = app.json("/api/v1/agencies").await;
        assert_eq!(body.as_array().map(Vec::len), Some(635));
    }

    async fn agencies_filter_by_kind_province_and_text(app) {
        let (_, cities) = app.json("/api/v1/agencies?kind=city").await;
        assert_eq!(codes(&cities).len(), 98);
        let (_, west_java) = app.json("/api/v1/agencies?province=32").await;
        assert_eq!(codes(&west_java).len(), 28, "the province, 18 regencies and 9 cities");
        let (_, cities_of_west_java) = app.json("/api/v1/agencies?province=32&kind=city").await;
        assert_eq!(codes(&cities_of_west_java).len(), 9);
        let (_, bandung) = app.json("/api/v1/agencies?q=BANDUNG").await;
        assert_eq!(codes(&bandung), vec!["32.04", "32.17", "32.73"], "case-insensitive, in code order");
        let (_, by_code) = app.json("/api/v1/agencies?q=k0").await;
        assert!(codes(&by_code).len() >= 9 && codes(&by_code).iter().all(|c| c.starts_with("K0")));
        let (_, wildcard) = app.json("/api/v1/agencies?q=%25").await;
        assert_eq!(codes(&wildcard).len(), 0, "% is matched literally, not as a wildcard");
    }

    async fn bad_api_requests_get_json_errors(app) {
        let (status, body) = app.json("/api/v1/agencies?kind=planet").await;
        assert_eq!(status, 400);
        assert_eq!(body["error"]["code"], "bad_request");
        assert!(body["error"]["message"].as_str().unwrap_or_default().contains("planet"));
        let (status, body) = app.json("/api/v1/agencies?knd=city").await;
        assert_eq!(status, 400, "an unknown parameter is a typo, not ignored: {body}");
        let (status, body) = app.json("/api/v1/nothing-here").await;
        assert_eq!(status, 404);
        assert_eq!(body["error"]["code"], "not_found");
    }

    async fn home_page_has_its_data_and_chart_in_the_first_html(app) {
        let (status, html) = app.page("/", "id").await;
        assert_eq!(status, 200);
        assert!(html.contains("<html lang=\"id\""), "Indonesian by default");
        for text in ["Ringkasan", "Instansi", "Pelanggaran", "Sistem Merit", "Netralitas", "Instansi dalam registri"] {
            assert!(html.contains(text), "home page lacks {text:?}");
        }
        assert!(html.contains("id=\"total-agencies\" class=\"stat-value\">635<"), "the total is rendered");
        assert!(html.contains("<svg") && html.contains("Jawa Barat"), "the chart is rendered on the server");
        assert!(!html.contains("Memuat…"), "no loading placeholder: the data is in the first response");
        assert!(html.contains("/pkg/pantau.js"), "the hydration script is linked");
    }

    async fn english_is_chosen_by_cookie(app) {
        let (status, html) = app.page("/", "en").await;
        assert_eq!(status, 200);
        assert!(html.contains("<html lang=\"en\""));
        for text in ["Summary", "Agencies", "Violations", "Merit system", "Neutrality", "Regencies", "Bahasa Indonesia"] {
            assert!(html.contains(text), "English home page lacks {text:?}");
        }
        assert!(!html.contains("Instansi dalam registri"));
    }

    async fn the_language_switch_sets_a_cookie_and_goes_back(app) {
        let response = app.get("/lang/en?next=%2Finstansi%3Fkind%3Dcity").await;
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/instansi?kind=city");
        let cookie = response.headers()["set-cookie"].to_str().expect("ascii");
        assert!(cookie.starts_with("pantau_lang=en;") && cookie.contains("Path=/"), "{cookie}");
        let elsewhere = app.get("/lang/id?next=%2F%2Fevil.example").await;
        assert_eq!(elsewhere.headers()["location"], "/", "no open redirect");
        assert_eq!(app.get("/lang/fr").await.status(), 404);
    }

    async fn agency_list_page_filters_from_the_url(app) {
        let (status, html) = app.page("/instansi?province=32&kind=city", "id").await;
        assert_eq!(status, 200);
        assert!(html.contains("Kota Bandung") && html.contains("Kota Depok"));
        assert!(!html.contains("Kabupaten Bogor") && !html.contains("Kota Surabaya"));
        assert!(html.contains(">9 instansi<"), "the count of the filtered list");
        assert_eq!(html.matches("<td>Jawa Barat</td>").count(), 9, "the province by its name in every row");
        assert!(html.contains("<option value=\"city\" selected"), "the filter form shows the URL's state");
        assert!(
            html.contains("href=\"/lang/en?next=/instansi%3Fprovince%3D32%26kind%3Dcity\""),
            "the language switch comes back to the same filtered view"
        );
        let (_, all) = app.page("/instansi", "en").await;
        assert!(all.contains(">635 agencies<"));
    }

    async fn agency_page_and_not_found(app) {
        let (status, html) = app.page("/instansi/32.73", "id").await;
        assert_eq!(status, 200);
        assert!(html.contains("Kota Bandung") && html.contains("32.73"));
        let (status, html) = app.page("/instansi/99.99", "id").await;
        assert_eq!(status, 404);
        assert!(html.contains("Halaman tidak ditemukan"));
        let (status, _) = app.page("/tidak-ada", "en").await;
        assert_eq!(status, 404);
    }

    async fn the_neutrality_area_leads_to_the_form_and_the_status_check(app) {
        let (status, html) = app.page("/netralitas", "id").await;
        assert_eq!(status, 200);
        assert!(html.contains("<h1>Netralitas</h1>"));
        assert!(html.contains("href=\"/netralitas/lapor\"") && html.contains("href=\"/netralitas/cek\""));
    }

    async fn responses_are_compressed_and_assets_cacheable(app) {
        let page = app.client.get(app.url("/")).header("Accept-Encoding", "gzip").send().await.expect("GET /");
        assert_eq!(page.headers()["content-encoding"], "gzip");
        let plain = app.client.get(app.url("/")).send().await.expect("GET /");
        assert!(plain.headers().get("content-encoding").is_none(), "no encoding the client did not ask for");
        let asset = app.client.get(app.url("/pkg/pantau.js")).header("Accept-Encoding", "br, gzip").send().await.expect("js");
        assert_eq!(asset.status(), 200);
        assert_eq!(asset.headers()["cache-control"], "public, max-age=3600");
        assert!(asset.headers().contains_key("last-modified"), "revalidation is possible");
        assert!(asset.headers().contains_key("content-encoding"));
        assert_eq!(app.get("/favicon.svg").await.status(), 200);
        assert_eq!(app.get("/pkg/missing.js").await.status(), 404);
    }
}
