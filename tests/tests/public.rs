//! The public side (issue #6) on SQLite and PostgreSQL: the national summary, province and agency pages and the
//! CSV downloads show aggregates only — no NIP, no personal name, small counts as "< 3" — in the first HTML
//! response, follow an import, and the review pack is for staff only and states its filters.

use std::collections::{BTreeSet, VecDeque};

use integration_tests::{both_databases, TestApp};
use serde_json::{json, Value};
use server::auth::Role;

fn merit(id: &str, year: i32, stage: &str, score: f64) -> Value {
    json!({"kind": "merit_assessment", "id": id, "year": year, "stage": stage, "total_score": score})
}

/// Personal names in a demo batch: every `name` and `head_name` except an election's name.
fn personal_names(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            let is_election = map.get("kind").and_then(Value::as_str) == Some("election");
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("name" | "head_name", Value::String(name)) if !is_election => {
                        out.insert(name.clone());
                    }
                    _ => personal_names(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| personal_names(v, out)),
        _ => {}
    }
}

/// A run of 18 digits (the length of a NIP) in `text`, if any.
fn nip_shaped(text: &str) -> Option<String> {
    let mut run = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            if run.len() == 18 {
                return Some(run);
            }
            run.clear();
        }
    }
    None
}

/// The public pages a page links to.
fn public_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"))
        .filter(|href| {
            let path = href.split('?').next().unwrap_or_default();
            path == "/"
                || path == "/sistem-merit"
                || path.starts_with("/provinsi/")
                || (path.starts_with("/instansi") && path.matches('/').count() <= 2)
        })
        .collect()
}

/// Loads a small demo data set through the normal import path and the complaint form, and returns the personal
/// names and NIPs in it.
async fn load_demo(app: &TestApp) -> (BTreeSet<String>, BTreeSet<String>) {
    let agencies = app
        .db
        .list_agencies(&model::types::AgencyFilter::default())
        .await
        .expect("registry");
    let (mut names, mut nips) = (BTreeSet::new(), BTreeSet::new());
    let today = server::clock::today();
    for agency in &agencies {
        let batch = server::service::demo::agency_batch(agency, 1, 0.05);
        personal_names(&batch, &mut names);
        let text = batch.to_string();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("\"nip\":\"") {
            rest = &rest[at + 7..];
            nips.insert(rest.chars().take_while(char::is_ascii_digit).collect());
        }
        let meta = server::db::SubmissionMeta {
            source: "demo",
            submitted_by: None,
            file_name: None,
            received_at: server::clock::now_text(),
            acting_for: None,
        };
        server::service::import::import_document(&app.db, &batch, &meta, today)
            .await
            .unwrap_or_else(|e| panic!("demo batch of {}: {e}", agency.code));
    }
    // Complaints filed through the form: neither their complainants nor the accused may appear publicly.
    for form in server::service::demo::form_complaints(&agencies, 1, 1.0) {
        names.extend(
            form.complainant_name
                .iter()
                .chain(&form.accused_name)
                .cloned(),
        );
        server::service::complaints::file(&app.db, &form)
            .await
            .expect("a demo complaint");
    }
    assert!(
        names.len() > 20 && nips.len() > 100,
        "the demo has people: {} names, {} NIPs",
        names.len(),
        nips.len()
    );
    (names, nips)
}

both_databases! {
    async fn a_crawl_of_the_public_pages_finds_no_personal_data_and_no_small_counts(app) {
        let (names, nips) = load_demo(&app).await;
        let mut queue: VecDeque<String> = ["/", "/sistem-merit", "/instansi"].map(String::from).into();
        let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
        let mut agency_pages = 0;
        let mut suppressed_seen = false;
        while let Some(path) = queue.pop_front() {
            let (status, html) = app.page(&path, "id").await;
            assert_eq!(status, 200, "{path}");
            assert!(html.contains("<html lang=\"id\""), "{path} states its language");
            assert!(html.contains("<title>") && html.contains("<meta name=\"description\""), "{path} has a title and a description");
            assert!(!html.contains("Memuat…") && !html.contains("Loading…"), "{path}: the data is in the first response");
            if let Some(nip) = nip_shaped(&html) {
                panic!("{path} shows a NIP-shaped number {nip}");
            }
            for name in &names {
                assert!(!html.contains(name.as_str()), "{path} shows the personal name {name}");
            }
            if path.starts_with("/instansi/") {
                agency_pages += 1;
                suppressed_seen |= html.contains("<td class=\"num\">&lt; 3</td>");
                assert!(!html.contains("<td class=\"num\">1</td>") && !html.contains("<td class=\"num\">2</td>"),
                        "{path}: a count of 1 or 2 is shown exactly");
            }
            for link in public_links(&html) {
                if seen.insert(link.clone()) {
                    queue.push_back(link);
                }
            }
        }
        assert!(agency_pages > 600, "every agency profile is reachable: {agency_pages}");
        assert!(seen.iter().filter(|p| p.starts_with("/provinsi/")).count() == 38, "every province page is reachable");
        assert!(suppressed_seen, "some agency has 1 or 2 violations of a rule in a status, shown as < 3");

        for (file, _) in model::public::DOWNLOADS {
            let response = app.get(&format!("/unduh/{file}")).await;
            assert_eq!(response.status().as_u16(), 200, "{file}");
            let csv = response.text().await.expect("csv");
            assert!(nip_shaped(&csv).is_none(), "{file} holds no NIP");
            for name in &names {
                assert!(!csv.contains(name.as_str()), "{file} holds the personal name {name}");
            }
            for nip in &nips {
                assert!(!csv.contains(nip.as_str()), "{file} holds the NIP {nip}");
            }
        }
        let (_, agencies_csv) = (200, app.get("/unduh/instansi.csv").await.text().await.expect("csv"));
        assert!(agencies_csv.contains(",<3,"), "small counts are suppressed in the CSV too");
        assert!(!agencies_csv.lines().any(|l| l.contains(",open,1,") || l.contains(",open,2,")));
    }

    async fn the_public_pages_follow_an_import(app) {
        let analyst = app.user("analyst", Role::Analyst, None).await;
        let (status, before) = app.page("/provinsi/32", "id").await;
        assert_eq!(status, 200);
        assert!(before.contains("Jawa Barat") && before.contains("id=\"province-agencies\""));
        assert!(before.contains("0 dari"), "nothing assessed yet");
        let (_, agency) = app.page("/instansi/32.04", "en").await;
        assert!(agency.contains("has not been assessed yet"), "{agency}");

        app.send_batch(&analyst, "32.04", json!([merit("V23", 2023, "verified", 262.5), merit("S24", 2024, "self", 390.0)])).await;
        let agency = app.page_containing("/instansi/32.04", "en", "Merit category: Baik (III, good) (2023, score 262.5).").await;
        assert!(!agency.contains("390"), "self-assessments are not published");
        let (_, province) = app.page("/provinsi/32", "id").await;
        assert!(province.contains("1 dari"), "the province counts the good result: {province}");

        // A reassessment below the band replaces it.
        app.send_batch(&analyst, "32.04", json!([merit("V25", 2025, "verified", 249.9)])).await;
        let agency = app.page_containing("/instansi/32.04", "en", "Merit category: Kurang (II, fair) (2025, score 249.9).").await;
        assert!(agency.contains("-12.6"), "the change from the previous verified result");

        // The eight aspects of a verified result are published with it.
        let aspects = json!({"planning": 31.5, "recruitment": 30.0, "career_development": 28.0, "promotion_mutation": 33.0,
                             "performance_management": 35.0, "pay_reward_discipline": 32.0, "protection_service": 30.0,
                             "information_system": 34.0});
        let mut with_aspects = merit("V24", 2024, "verified", 253.5);
        with_aspects["aspects"] = aspects;
        app.send_batch(&analyst, "32.73", json!([with_aspects])).await;
        let city = app.page_containing("/instansi/32.73", "id", "id=\"agency-aspects\"").await;
        assert!(city.contains("Nilai per aspek (2024)") && city.contains("Perencanaan kebutuhan") && city.contains("31,5"));

        let (status, home) = app.page("/", "en").await;
        assert_eq!(status, 200);
        for part in ["id=\"chart-map\"", "id=\"map-table\"", "id=\"chart-rule-quarters\"", "id=\"chart-complaints\"",
                     "id=\"downloads\"", "/unduh/instansi.csv", "role=\"img\"", "href=\"/provinsi/32\""] {
            assert!(home.contains(part), "the national summary shows {part}");
        }
        let (status, unknown) = app.page("/provinsi/99", "id").await;
        assert_eq!(status, 404, "{unknown}");
        let (status, _) = app.page("/provinsi/32.04", "id").await;
        assert_eq!(status, 404, "a regency is not a province");
    }

    async fn the_downloads_are_csv_with_their_date(app) {
        let analyst = app.user("analyst", Role::Analyst, None).await;
        app.send_batch(&analyst, "32.04", json!([merit("V23", 2023, "verified", 262.5)])).await;
        app.page_containing("/instansi/32.04", "id", "Baik (III").await;
        let response = app.get("/unduh/merit-provinsi.csv").await;
        assert_eq!(response.status().as_u16(), 200);
        assert!(response.headers()["content-type"].to_str().expect("type").starts_with("text/csv"));
        let text = response.text().await.expect("csv");
        let mut lines = text.trim_start_matches('\u{feff}').lines();
        assert_eq!(lines.next(), Some("province_code,province,good,assessed,total,share,as_of"));
        let west_java = text.lines().find(|l| l.starts_with("32,")).expect("Jawa Barat");
        assert!(west_java.starts_with("32,Jawa Barat,1,1,"), "{west_java}");
        let progress = app.get("/unduh/kemajuan-merit.csv").await.text().await.expect("csv");
        assert!(progress.contains("regency_city,2023,1,1,"), "{progress}");
        let response = app.get("/unduh/rahasia.csv").await;
        assert_eq!(response.status().as_u16(), 404);
    }

    async fn the_review_pack_is_for_staff_and_states_its_filters(app) {
        let (analyst, _) = app.session("analyst", Role::Analyst, None).await;
        let (commissioner, _) = app.session("commissioner", Role::Commissioner, None).await;
        let (admin, _) = app.session("admin", Role::Admin, None).await;
        let (clerk, _) = app.session("clerk", Role::Agency, Some("32.04")).await;
        let path = "/instansi/32.04/paket-tinjauan?rule=R-ACTING-TOO-LONG&status=open";
        let (status, _) = app.page(path, "id").await;
        assert_eq!(status, 401, "visitors are sent to sign in");
        let (status, _) = app.page_with_cookie(path, &clerk).await;
        assert_eq!(status, 403, "agency clerks do not get the pack");
        let (status, _) = app.page_with_cookie(path, &admin).await;
        assert_eq!(status, 403, "nor administrators (the scorecard's readers are analysts and commissioners)");
        let (status, _) = app.page_with_cookie(path, &commissioner).await;
        assert_eq!(status, 200, "commissioners, for whom it is made");
        let (status, html) = app.page_with_cookie(path, &analyst).await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"pack-filters\""), "{html}");
        assert!(html.contains("aturan: R-ACTING-TOO-LONG; status: Terbuka"), "the filters are stated");
        assert!(html.contains("id=\"pack-as-of\""));
        assert!(html.contains("id=\"pack-violations\"") && html.contains("id=\"scorecard-merit\""));
        let (status, html) = app.page_with_cookie("/instansi/32.04/paket-tinjauan", &analyst).await;
        assert_eq!(status, 200);
        assert!(html.contains("aturan: semua; status: semua"));
    }

    async fn signed_in_staff_are_not_served_the_visitors_cached_page(app) {
        // The visitor's rendering is cached; a signed-in request must not be answered from it.
        let (status, visitor) = app.page("/instansi/32.04", "id").await;
        assert_eq!(status, 200);
        let (again_status, again) = app.page("/instansi/32.04", "id").await;
        assert_eq!((again_status, &again), (200, &visitor), "the cached page is the same page");
        let (analyst, _) = app.session("analyst", Role::Analyst, None).await;
        let (status, staff) = app.page_with_cookie("/instansi/32.04", &format!("{analyst}; pantau_lang=en")).await;
        assert_eq!(status, 200);
        assert!(staff.contains("<html lang=\"en\""), "rendered for the staff member's language");
        let (_, english) = app.page("/instansi/32.04", "en").await;
        assert!(english.contains("<html lang=\"en\"") && visitor.contains("<html lang=\"id\""), "one cached page per language");
    }
}
