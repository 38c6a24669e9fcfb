//! The staff web app on SQLite and PostgreSQL: every role against every staff page, server function, form,
//! export and API route (allow and deny); the violation explorer's filters, facets, keyset pages and exports; the
//! workflow through the detail page's forms with CSRF; the audit log; user management and password change; the
//! agency scorecard.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use integration_tests::{both_databases, TestApp};
use leptos::server_fn::ServerFn;
use serde_json::Value;
use server::auth::Role;

const VIOLATIONS: &str = include_str!("../../docs/examples/batch-violations-32.73.json");
const CLEAN: &str = include_str!("../../docs/examples/batch-32.04.json");

/// Expected statuses per caller label.
type Expected<'a> = &'a [(&'a str, u16)];

/// The five kinds of caller: `(label, cookie, csrf)`; the public has no cookie.
struct Callers {
    all: Vec<(&'static str, String, String)>,
}

impl Callers {
    fn get(&self, label: &str) -> (String, String) {
        self.all
            .iter()
            .find(|(l, ..)| *l == label)
            .map(|(_, c, x)| (c.clone(), x.clone()))
            .unwrap_or_default()
    }
}

async fn setup(app: &TestApp) -> Callers {
    let analyst_token = app.user("importer", Role::Analyst, None).await;
    for batch in [VIOLATIONS, CLEAN] {
        let request = app
            .client
            .post(app.url("/api/v1/reports"))
            .header("Content-Type", "application/json")
            .body(batch);
        let (status, body) = app.send(request, Some(&analyst_token)).await;
        assert_eq!(status, 200, "{body}");
    }
    let mut all = vec![("public", String::new(), String::new())];
    for (label, role, agency) in [
        ("agency", Role::Agency, Some("32.73")),
        ("analyst", Role::Analyst, None),
        ("commissioner", Role::Commissioner, None),
        ("admin", Role::Admin, None),
    ] {
        let (cookie, csrf) = app.session(label, role, agency).await;
        all.push((label, cookie, csrf));
    }
    Callers { all }
}

async fn get(app: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let response = app
        .client
        .get(app.url(path))
        .header("Cookie", cookie)
        .send()
        .await
        .expect("get");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

/// Calls a server function the way the hydrated page does (URL-encoded arguments); returns the status and body.
async fn server_fn(app: &TestApp, path: &str, cookie: &str, body: &str) -> (u16, String) {
    let response = app
        .client
        .post(app.url(path))
        .header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("server fn");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

/// The id of the first violation of `rule` in the explorer's CSV export (read as staff).
async fn id_of(app: &TestApp, callers: &Callers, rule: &str) -> i64 {
    let (cookie, _) = callers.get("analyst");
    let (_, csv) = get(
        app,
        &format!("/ekspor/pelanggaran.csv?rule={rule}"),
        &cookie,
    )
    .await;
    csv.lines()
        .nth(1)
        .and_then(|l| l.split(',').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no {rule} in {csv}"))
}

fn allowed(expected: &[(&str, u16)], label: &str) -> u16 {
    expected
        .iter()
        .find(|(l, _)| *l == label)
        .map(|(_, s)| *s)
        .unwrap_or_else(|| panic!("no expectation for {label}"))
}

both_databases! {
    async fn every_role_against_every_staff_page_export_and_server_function(app) {
        let callers = setup(&app).await;
        let id = id_of(&app, &callers, "R-SEL-AGE").await;
        let readers = [("public", 401), ("agency", 403), ("analyst", 200), ("commissioner", 200), ("admin", 200)];
        let scorecard = [("public", 401), ("agency", 403), ("analyst", 200), ("commissioner", 200), ("admin", 403)];
        let admins = [("public", 401), ("agency", 403), ("analyst", 403), ("commissioner", 403), ("admin", 200)];
        let everyone = [("public", 200), ("agency", 200), ("analyst", 200), ("commissioner", 200), ("admin", 200)];
        let complaints = [("public", 401), ("agency", 403), ("analyst", 200), ("commissioner", 200), ("admin", 403)];
        let detail = format!("/pelanggaran/{id}");
        let pages: [(&str, Expected); 18] = [
            ("/pengaduan", &complaints),
            ("/pengaduan?status=received&election=pilkada_2024&mine=1", &complaints),
            ("/parameter", &readers),
            ("/pelanggaran", &readers),
            ("/pelanggaran?rule=R-SEL-AGE&province=32", &readers),
            (&detail, &readers),
            ("/instansi/32.73/kartu-skor", &scorecard),
            ("/audit", &admins),
            ("/pengguna", &admins),
            ("/kotak-keluar", &admins),
            ("/kotak-keluar?state=failed", &admins),
            ("/registri?q=bandung", &admins),
            ("/instansi-senyap", &scorecard),
            ("/instansi-senyap?sort=refused", &scorecard),
            ("/sinyal", &scorecard),
            ("/sinyal?kind=S-MASS-ROTATION&explained=1", &scorecard),
            ("/akun", &everyone),
            ("/instansi/32.73", &everyone),
        ];
        for (path, expected) in pages {
            for (label, cookie, _) in &callers.all {
                let (status, html) = get(&app, path, cookie).await;
                assert_eq!(status, allowed(expected, label), "{label} GET {path}");
                if status == 401 {
                    assert!(html.contains("/masuk?next="), "{label} {path}: a way to sign in");
                }
            }
        }
        for (path, expected) in [("/ekspor/pelanggaran.csv", &readers), ("/ekspor/pelanggaran.xlsx", &readers),
                                 ("/ekspor/pengaduan.csv", &complaints), ("/ekspor/instansi-senyap.csv", &scorecard),
                                 ("/ekspor/sinyal.csv", &scorecard), ("/ekspor/sinyal.xlsx", &scorecard)] {
            for (label, cookie, _) in &callers.all {
                let (status, _) = get(&app, path, cookie).await;
                assert_eq!(status, allowed(expected, label), "{label} GET {path}");
            }
        }

        // Server functions are public endpoints: each refuses by itself, whatever page calls it.
        let functions: [(&str, String, Expected); 12] = [
            (app::api::ListCases::PATH, "filter[status]=received".to_string(), &complaints),
            (app::api::OpenCase::PATH, "reference=NET-2026-AAAAAAAA&reveal=true".to_string(), &complaints),
            (app::api::RuleParameters::PATH, String::new(), &readers),
            (app::api::ExploreViolations::PATH, "filter[rule]=R-SEL-AGE".to_string(), &readers),
            (app::api::OpenViolation::PATH, format!("id={id}"), &readers),
            (app::api::AgencyScorecard::PATH, "code=32.73&lang=Id".to_string(), &scorecard),
            (app::api::AuditEntries::PATH, "filter[actor]=".to_string(), &admins),
            (app::api::ListUsers::PATH, String::new(), &admins),
            (app::api::OutboxMail::PATH, "state=queued".to_string(), &admins),
            (app::api::RegistryEntries::PATH, String::new(), &admins),
            (app::api::SilentAgencies::PATH, "sort=code".to_string(), &scorecard),
            (app::api::FetchSignals::PATH, "filter[kind]=".to_string(), &scorecard),
        ];
        for (path, body, expected) in functions {
            for (label, cookie, _) in &callers.all {
                let (status, text) = server_fn(&app, path, cookie, &body).await;
                // A refusal is 401 or 403, not the 500 of a failed function (issue #14), and its body is the typed
                // error the pages match on.
                let refusal = || serde_json::from_str::<model::PageError>(&text).ok();
                match allowed(expected, label) {
                    200 => assert_eq!(status, 200, "{label} {path}: {text}"),
                    401 => assert!(status == 401 && refusal() == Some(model::PageError::Unauthenticated), "{label} {path}: {status} {text}"),
                    _ => assert!(status == 403 && refusal() == Some(model::PageError::Forbidden), "{label} {path}: {status} {text}"),
                }
            }
        }

        // The forms: a step on a violation, and user management.
        let step = format!("/auth/pelanggaran/{id}/langkah");
        for (label, cookie, csrf) in &callers.all {
            let (status, location) = app.post_form(&step, cookie, &[("csrf", csrf), ("to", "in_review")]).await;
            let expected = match *label {
                "public" => format!("/masuk?next=/pelanggaran/{id}"),
                "agency" => format!("/pelanggaran/{id}?galat=peran"),
                "admin" | "commissioner" if status == 303 && location.ends_with("galat=status") => location.clone(),
                "admin" => format!("/pelanggaran/{id}?galat=peran"),
                _ => format!("/pelanggaran/{id}?hasil=ok"),
            };
            assert_eq!(location, expected, "{label} takes a violation into review");
        }
        for (label, cookie, csrf) in &callers.all {
            let name = format!("baru_{label}");
            let form = [("csrf", csrf.as_str()), ("name", name.as_str()), ("role", "analyst"),
                        ("agency_code", ""), ("password", "kata-sandi-panjang")];
            let (status, location) = app.post_form("/auth/pengguna", cookie, &form).await;
            match *label {
                "public" => assert_eq!((status, location.as_str()), (303, "/masuk?next=/pengguna")),
                "admin" => assert_eq!((status, location.as_str()), (303, "/pengguna?hasil=dibuat")),
                _ => assert_eq!(status, 403, "{label} creates a user"),
            }
        }
        let users = app.db.users().await.expect("users");
        assert_eq!(users.iter().filter(|u| u.name.starts_with("baru_")).count(), 1, "only the admin's");
        for (label, cookie, csrf) in &callers.all {
            let (status, location) = app.post_form("/auth/parameter/acting.max_months", cookie,
                                               &[("csrf", csrf), ("value", "4")]).await;
            match *label {
                "public" => assert_eq!((status, location.as_str()), (303, "/masuk?next=/parameter")),
                "admin" => assert_eq!((status, location.as_str()), (303, "/parameter?hasil=diubah")),
                _ => assert_eq!(status, 403, "{label} changes a parameter"),
            }
        }
    }

    async fn the_api_routes_answer_each_role(app) {
        let importer = app.user("importer", Role::Analyst, None).await;
        let tokens = [
            ("public", None),
            ("agency", Some(app.user("clerk", Role::Agency, Some("32.73")).await)),
            ("analyst", Some(importer.clone())),
            ("commissioner", Some(app.user("komisioner", Role::Commissioner, None).await)),
            ("admin", Some(app.user("admin", Role::Admin, None).await)),
        ];
        let request = app.client.post(app.url("/api/v1/reports")).header("Content-Type", "application/json").body(VIOLATIONS);
        assert_eq!(app.send(request, Some(&importer)).await.0, 200);
        let (_, list) = app.send(app.client.get(app.url("/api/v1/violations?rule=R-SEL-AGE")), Some(&importer)).await;
        let id = list["violations"][0]["id"].as_i64().expect("a violation");
        let nip = "196001011990031001";
        // (method, path, body, expected status per role: public, agency, analyst, commissioner, admin)
        let routes: Vec<(&str, String, Option<Value>, [u16; 5])> = vec![
            ("GET", "/api/v1/agencies".into(), None, [200, 200, 200, 200, 200]),
            ("GET", "/api/v1/merit/progress".into(), None, [200, 200, 200, 200, 200]),
            ("GET", "/api/v1/openapi.json".into(), None, [200, 200, 200, 200, 200]),
            ("GET", "/api/v1/violations".into(), None, [401, 200, 200, 200, 200]),
            ("GET", "/api/v1/violations?agency=32.04".into(), None, [401, 403, 200, 200, 200]),
            ("GET", format!("/api/v1/violations/{id}"), None, [401, 200, 200, 200, 200]),
            ("GET", format!("/api/v1/people/{nip}"), None, [401, 403, 200, 200, 200]),
            ("GET", "/api/v1/parameters".into(), None, [401, 403, 200, 200, 200]),
            ("PUT", "/api/v1/parameters/neutrality.followup_days".into(),
                Some(serde_json::json!({"value": "14"})), [401, 403, 403, 403, 200]),
            ("POST", "/api/v1/evaluate".into(), None, [401, 403, 403, 403, 200]),
            ("POST", format!("/api/v1/violations/{id}/transition"),
                Some(serde_json::json!({"to": "dismissed"})), [401, 403, 403, 422, 403]),
            ("POST", "/api/v1/reports".into(), Some(serde_json::json!({})), [401, 422, 422, 422, 422]),
        ];
        for (method, path, body, expected) in routes {
            for ((label, token), want) in tokens.iter().zip(expected) {
                let mut request = match method {
                    "GET" => app.client.get(app.url(&path)),
                    "PUT" => app.client.put(app.url(&path)),
                    _ => app.client.post(app.url(&path)),
                };
                if let Some(body) = &body {
                    request = request.json(body);
                }
                let (status, answer) = app.send(request, token.as_deref()).await;
                assert_eq!(status, want, "{label} {method} {path}: {answer}");
            }
        }
    }

    async fn the_explorer_filters_facets_pages_and_exports_one_view(app) {
        let callers = setup(&app).await;
        let (cookie, _) = callers.get("analyst");
        // More than a page: demo batches of a few regencies of West Java.
        let importer = app.user("demo", Role::Analyst, None).await;
        for code in ["32.01", "32.02", "32.03", "32.04", "32.05", "32.06"] {
            let agency = app.db.agency(code).await.expect("query").expect("agency");
            let batch = server::service::demo::agency_batch(&agency, 7, 1.0);
            let request = app.client.post(app.url("/api/v1/reports")).json(&batch);
            assert_eq!(app.send(request, Some(&importer)).await.0, 200, "{code}");
        }
        let all = app.db.explore(&Default::default()).await.expect("explore");
        assert!(all.total > 100, "enough for three pages: {}", all.total);
        for facet in &all.facets {
            if facet.name != "province" {
                assert_eq!(facet.values.iter().map(|v| v.count).sum::<i64>(), all.total, "{} adds up", facet.name);
            }
        }

        // Keyset pages follow each other without gaps or repeats, newest event first.
        let mut seen = Vec::new();
        let mut filter = model::types::ExplorerFilter::default();
        loop {
            let page = app.db.explore(&filter).await.expect("page");
            assert!(page.rows.len() <= 50);
            seen.extend(page.rows.iter().map(|r| (r.event_date.clone(), r.id)));
            match page.next {
                Some(next) => filter.after = next,
                None => break,
            }
        }
        assert_eq!(i64::try_from(seen.len()).expect("len"), all.total);
        let mut sorted = seen.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(seen, sorted, "newest first, then by id");
        for sort in ["oldest", "agency", "rule"] {
            let mut filter = model::types::ExplorerFilter { sort: sort.into(), ..Default::default() };
            let mut ids = Vec::new();
            loop {
                let page = app.db.explore(&filter).await.expect("page");
                ids.extend(page.rows.iter().map(|r| r.id));
                match page.next { Some(next) => filter.after = next, None => break }
            }
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(i64::try_from(ids.len()).expect("len"), all.total, "{sort}: every row once");
        }

        // A filter narrows the rows and every facet; the URL carries it; the page shows it.
        let (status, html) = get(&app, "/pelanggaran?severity=high&kind=regency&q=bandung", &cookie).await;
        assert_eq!(status, 200);
        let narrowed = app.db.explore(&model::types::ExplorerFilter {
            severity: "high".into(), kind: "regency".into(), q: "bandung".into(), ..Default::default()
        }).await.expect("explore");
        assert!(narrowed.total > 0 && narrowed.total < all.total);
        assert!(narrowed.rows.iter().all(|r| r.severity == model::Severity::High && r.agency_kind == "regency"
            && r.agency_name.to_lowercase().contains("bandung")));
        assert!(html.contains(&format!("data-total=\"{}\"", narrowed.total)), "the total in the first HTML");
        assert!(html.contains("&amp;severity=high&amp;kind=regency&amp;q=bandung\""),
            "facet links keep the other filters");

        // The CSV export is the filtered table, in its order; the Excel export the same rows.
        let (status, csv) = get(&app, "/ekspor/pelanggaran.csv?severity=high&kind=regency&q=bandung", &cookie).await;
        assert_eq!(status, 200);
        // For people: the rule also in words, in both languages (issue #16).
        assert!(csv.starts_with("id,rule_id,rule,rule_en,severity,"), "{}", csv.lines().next().unwrap_or_default());
        let csv_ids: Vec<i64> = csv.lines().skip(1).filter_map(|l| l.split(',').next()?.parse().ok()).collect();
        let table_ids: Vec<i64> = narrowed.rows.iter().map(|r| r.id).collect();
        assert_eq!(csv_ids.len() as i64, narrowed.total);
        assert_eq!(&csv_ids[..table_ids.len()], &table_ids[..]);
        let response = app.client.get(app.url("/ekspor/pelanggaran.xlsx?severity=high&kind=regency&q=bandung"))
            .header("Cookie", &cookie).send().await.expect("xlsx");
        let bytes = response.bytes().await.expect("bytes").to_vec();
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a workbook");
        let range = book.worksheet_range("pelanggaran").expect("the sheet");
        assert_eq!(range.rows().count() as i64, narrowed.total + 1, "a header and one row per violation");

        // A value that cannot be read is named and matches nothing; an unknown province simply matches nothing.
        let (status, html) = get(&app, "/pelanggaran?year=20x5", &cookie).await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"explorer-invalid\"") && html.contains("data-total=\"0\""), "year=20x5");
        let none = app.db.explore(&model::types::ExplorerFilter { province: "99".into(), ..Default::default() })
            .await.expect("explore");
        assert_eq!((none.total, none.rows.len(), none.invalid.len()), (0, 0, 0));
        let year = all.rows[0].event_date[..4].to_string();
        let of_year = app.db.explore(&model::types::ExplorerFilter { year: year.clone(), ..Default::default() })
            .await.expect("explore");
        assert!(of_year.rows.iter().all(|r| r.event_date.starts_with(&year)));
        let facet_count = all.facets.iter().find(|f| f.name == "year").and_then(|f| f.values.iter().find(|v| v.value == year)).map(|v| v.count);
        assert_eq!(Some(of_year.total), facet_count, "the facet's count is the filtered total");
    }

    async fn every_app_server_sees_a_change_in_its_explorer_at_once(app) {
        let callers = setup(&app).await;
        // A second app server on the same database, with its own in-memory explorer index.
        let other = server::service::open(&app.database_url).await.expect("second server");
        let open = |db: server::db::Db| async move {
            let page = db.explore(&model::types::ExplorerFilter { status: "open".into(), ..Default::default() })
                .await.expect("explore");
            page.total
        };
        let before = open(other.clone()).await;
        assert!(before > 0);
        let id = id_of(&app, &callers, "R-SEL-AGE").await;
        let (analyst, csrf) = callers.get("analyst");
        let step = format!("/auth/pelanggaran/{id}/langkah");
        assert_eq!(app.post_form(&step, &analyst, &[("csrf", &csrf), ("to", "in_review")]).await.1,
                   format!("/pelanggaran/{id}?hasil=ok"));
        assert_eq!(open(other.clone()).await, before - 1, "the other server's index followed the step");
        assert_eq!(open(app.db.clone()).await, before - 1);
    }

    async fn a_violation_moves_through_its_workflow_on_the_detail_page(app) {
        let callers = setup(&app).await;
        let id = id_of(&app, &callers, "R-SEL-AGE").await;
        let page = format!("/pelanggaran/{id}");
        let step = format!("{page}/langkah").replace("/pelanggaran", "/auth/pelanggaran");
        let (analyst, analyst_csrf) = callers.get("analyst");
        let (_, html) = get(&app, &page, &analyst).await;
        for part in ["R-SEL-AGE", "PP 11/2017", "selection.max_age_pratama", "id=\"violation-revisions\"",
                     "data-step=\"in_review\""] {
            assert!(html.contains(part), "the detail page shows {part}");
        }
        assert!(!html.contains("data-step=\"dismissed\""), "analysts do not dismiss");

        assert_eq!(app.post_form(&step, &analyst, &[("to", "in_review")]).await.0, 403, "no CSRF token");
        assert_eq!(app.post_form(&step, &analyst, &[("csrf", "forged"), ("to", "in_review")]).await.0, 403);
        let request = app.client.post(app.url(&step)).header("Cookie", &analyst).header("Origin", "https://evil.example")
            .form(&[("csrf", analyst_csrf.as_str()), ("to", "in_review")]);
        assert_eq!(request.send().await.expect("post").status().as_u16(), 403, "cross-site");
        let (_, html) = get(&app, &page, &analyst).await;
        assert!(html.contains("data-status=\"open\""), "nothing moved");

        let ok = format!("{page}?hasil=ok");
        assert_eq!(app.post_form(&step, &analyst, &[("csrf", &analyst_csrf), ("to", "in_review")]).await, (303, ok.clone()));
        assert_eq!(app.post_form(&step, &analyst, &[("csrf", &analyst_csrf), ("to", "dismissed"), ("reason", "x")]).await,
                   (303, format!("{page}?galat=peran")));

        let (commissioner, csrf) = callers.get("commissioner");
        assert_eq!(app.post_form(&step, &commissioner, &[("csrf", &csrf), ("to", "dismissed"), ("reason", "  ")]).await,
                   (303, format!("{page}?galat=alasan")));
        assert_eq!(app.post_form(&step, &commissioner, &[("csrf", &csrf), ("to", "recommendation_issued"),
                   ("letter_number", "B-12/KASN/2025"), ("letter_date", "")]).await, (303, format!("{page}?galat=surat")));
        assert_eq!(app.post_form(&step, &commissioner, &[("csrf", &csrf), ("to", "dismissed"),
                   ("reason", "Usia dihitung dari NIP yang salah ketik")]).await, (303, ok));
        let (_, html) = get(&app, &format!("{page}?hasil=ok"), &commissioner).await;
        assert!(html.contains("data-status=\"dismissed\"") && html.contains("Usia dihitung dari NIP yang salah ketik"));
        assert!(html.contains("id=\"step-notice\"") && html.contains("id=\"no-actions\""));

        let (admin, _) = callers.get("admin");
        let (status, html) = get(&app, &format!("/audit?action=violation.&subject=violation/{id}"), &admin).await;
        assert_eq!(status, 200);
        assert_eq!(html.matches("<td class=\"code\">violation.transition</td>").count(), 2, "both steps, audited");
        assert!(html.contains("commissioner") && html.contains("Usia dihitung"), "who, and the after value");
        let (_, html) = get(&app, "/audit?actor=nobody", &admin).await;
        assert!(html.contains("id=\"audit-empty\""));
    }

    async fn administrators_manage_users_and_people_change_their_password(app) {
        let callers = setup(&app).await;
        let (admin, csrf) = callers.get("admin");
        let add = |name: &'static str, role: &'static str, agency: &'static str, password: &'static str| {
            [("csrf", csrf.clone()), ("name", name.into()), ("role", role.into()), ("agency_code", agency.into()),
             ("password", password.into())]
        };
        let post = |form: [(&'static str, String); 5]| {
            let admin = admin.clone();
            let app = &app;
            async move {
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.post_form("/auth/pengguna", &admin, &form).await.1
            }
        };
        assert_eq!(post(add("rina", "agency", "32.04", "kata-sandi-rina-1")).await, "/pengguna?hasil=dibuat");
        assert_eq!(post(add("rina", "analyst", "", "kata-sandi-rina-1")).await, "/pengguna?galat=ada");
        assert_eq!(post(add("budi", "agency", "", "kata-sandi-budi-1")).await, "/pengguna?galat=peran_instansi");
        assert_eq!(post(add("budi", "agency", "99.99", "kata-sandi-budi-1")).await, "/pengguna?galat=instansi");
        assert_eq!(post(add("bu di", "analyst", "", "kata-sandi-budi-1")).await, "/pengguna?galat=nama");
        assert_eq!(post(add("budi", "analyst", "", "12345678901")).await, "/pengguna?galat=pendek", "11 characters");
        assert_eq!(post(add("budi", "analyst", "", "123456789012")).await, "/pengguna?hasil=dibuat", "12 characters");

        let change = |name: &'static str, fields: Vec<(&'static str, &'static str)>| {
            let (admin, csrf, app) = (admin.clone(), csrf.clone(), &app);
            async move {
                let mut form = vec![("csrf", csrf.as_str())];
                form.extend(fields);
                app.post_form(&format!("/auth/pengguna/{name}"), &admin, &form).await.1
            }
        };
        assert_eq!(change("rina", vec![("action", "agency"), ("agency_code", "32.73")]).await, "/pengguna?hasil=diubah");
        assert_eq!(change("budi", vec![("action", "agency"), ("agency_code", "32.73")]).await, "/pengguna?galat=peran_instansi");
        assert_eq!(change("admin", vec![("action", "disable")]).await, "/pengguna?galat=diri_sendiri");
        assert_eq!(change("analyst", vec![("action", "disable")]).await, "/pengguna?hasil=diubah");
        let (analyst, _) = callers.get("analyst");
        assert_eq!(get(&app, "/pelanggaran", &analyst).await.0, 401, "a disabled user's session ends at once");
        assert_eq!(change("analyst", vec![("action", "enable")]).await, "/pengguna?hasil=diubah");
        assert_eq!(change("nobody", vec![("action", "enable")]).await, "/pengguna?galat=tidak_ada");

        let (status, html) = get(&app, "/pengguna", &admin).await;
        assert_eq!(status, 200);
        assert!(html.contains("data-user=\"rina\"") && html.contains("32.73"));
        let (_, html) = get(&app, "/audit?action=user.", &admin).await;
        for action in ["user.add", "user.agency", "user.disable", "user.enable"] {
            assert!(html.contains(action), "{action} audited");
        }

        // Changing one's own password: asked for the current one, twice the new one, 12 characters at least.
        app.person("dewi", Role::Commissioner, None, "kata-sandi-dewi-1").await;
        let response = app.client.post(app.url("/auth/masuk"))
            .form(&[("name", "dewi"), ("password", "kata-sandi-dewi-1"), ("next", "")]).send().await.expect("sign in");
        assert_eq!(response.headers()["location"], "/pelanggaran", "a commissioner starts at the explorer");
        let cookie = response.headers()["set-cookie"].to_str().expect("cookie").split(';').next().expect("pair").to_string();
        let (_, html) = get(&app, "/akun", &cookie).await;
        let at = html.find("name=\"csrf\" value=\"").expect("csrf") + 19;
        let csrf = html[at..].split('"').next().expect("token").to_string();
        let change = |current: &'static str, new: &'static str, confirm: &'static str| {
            let (cookie, csrf, app) = (cookie.clone(), csrf.clone(), &app);
            async move {
                app.post_form("/auth/sandi", &cookie,
                          &[("csrf", &csrf), ("current", current), ("new", new), ("confirm", confirm)]).await.1
            }
        };
        assert_eq!(change("salah", "kata-sandi-dewi-2", "kata-sandi-dewi-2").await, "/akun?galat=salah");
        assert_eq!(change("kata-sandi-dewi-1", "kata-sandi-dewi-2", "kata-sandi-dewi-3").await, "/akun?galat=beda");
        assert_eq!(change("kata-sandi-dewi-1", "pendek", "pendek").await, "/akun?galat=pendek");
        assert_eq!(change("kata-sandi-dewi-1", "kata-sandi-dewi-2", "kata-sandi-dewi-2").await, "/masuk?galat=sandi_diganti");
        assert_eq!(get(&app, "/pelanggaran", &cookie).await.0, 401, "every session of hers ended");
        let response = app.client.post(app.url("/auth/masuk"))
            .form(&[("name", "dewi"), ("password", "kata-sandi-dewi-2"), ("next", "/akun")]).send().await.expect("sign in");
        assert_eq!(response.headers()["location"], "/akun", "the new password works");
    }

    async fn staff_read_the_parameters_and_an_administrator_changes_one(app) {
        let callers = setup(&app).await;
        let (analyst, _) = callers.get("analyst");
        let (status, html) = get(&app, "/parameter", &analyst).await;
        assert_eq!(status, 200);
        assert!(html.contains("data-key=\"acting.max_months\"") && !html.contains("/auth/parameter/"),
                "analysts read, with no form to change");
        let (admin, csrf) = callers.get("admin");
        let change = |value: &'static str| {
            let (admin, csrf, app) = (admin.clone(), csrf.clone(), &app);
            async move {
                app.post_form("/auth/parameter/acting.max_months", &admin, &[("csrf", &csrf), ("value", value)]).await.1
            }
        };
        assert_eq!(change("tiga").await, "/parameter?galat=nilai");
        assert_eq!(change("4").await, "/parameter?hasil=diubah");
        let (_, html) = get(&app, "/parameter", &admin).await;
        assert!(html.contains("class=\"changed\"") && html.contains("/auth/parameter/acting.max_months"));
        let (_, html) = get(&app, "/audit?action=param", &admin).await;
        assert!(html.contains("acting.max_months"), "the change is audited");
    }

    async fn the_scorecard_rates_an_agency_from_its_data(app) {
        let callers = setup(&app).await;
        let (commissioner, _) = callers.get("commissioner");
        let (status, html) = get(&app, "/instansi/32.73/kartu-skor", &commissioner).await;
        assert_eq!(status, 200);
        for part in ["id=\"risk\"", "id=\"scorecard-rules\"", "R-SEL-AGE", "id=\"chart-per-quarter\"", "<svg",
                     "id=\"scorecard-merit\"", "id=\"scorecard-timeline\"", "id=\"scorecard-submissions\""] {
            assert!(html.contains(part), "the scorecard shows {part}");
        }
        let card = server::service::scorecard::scorecard(&app.db, "32.73").await.expect("scorecard").expect("agency");
        assert!(card.risk.high_open > 0, "the example breaks high-severity rules");
        assert_eq!(card.accepted, 1);
        assert_eq!(card.refused, 0);
        assert!(html.contains(&format!("risk-{}", card.risk.level)));
        assert!(server::service::scorecard::scorecard(&app.db, "99.99").await.expect("query").is_none());
        let (status, _) = get(&app, "/instansi/99.99/kartu-skor", &commissioner).await;
        assert_eq!(status, 404);
    }
}
