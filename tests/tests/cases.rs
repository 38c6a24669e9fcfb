//! The staff's case workflow on complaints filed through the form (issue #7), on SQLite and PostgreSQL: every
//! role against the case pages and steps, the allowed and refused transitions, the recommendation's deadline and
//! `R-NEU-NO-FOLLOWUP` at its edges (staff-entered and agency-sent decisions), the complainant's identity shown
//! only to the case's handlers with each showing audited and never on a public page or in an export, and the
//! statistics per election on the staff and public pages.

use integration_tests::{both_databases, TestApp};
use serde_json::{json, Value};
use server::auth::Role;

const ACCOUNT: &str = "Kepala dinas hadir dan berorasi di kampanye pasangan calon nomor 2.";
const NAME: &str = "Siti Pelapor Rahasia";
const CONTACT: &str = "0812-5550-1234";

/// Files a complaint with a named complainant about agency 32.04; returns its reference.
async fn file(app: &TestApp, from: &str) -> String {
    let body = json!({"agency_code": "32.04", "election": "pilkada_2024", "summary": ACCOUNT,
                      "position_level": "jpt", "complainant_name": NAME, "complainant_contact": CONTACT});
    let request = app
        .client
        .post(app.url("/api/v1/complaints"))
        .header("Content-Type", "application/json")
        .header("X-Forwarded-For", from)
        .body(body.to_string());
    let (status, filed) = app.send(request, None).await;
    assert_eq!(status, 201, "{filed}");
    filed["reference"].as_str().expect("reference").to_string()
}

/// Dates the complaint back, so that a recommendation can be dated in the past (the workflow refuses dates
/// before the complaint arrived).
async fn received_on(app: &TestApp, reference: &str, day: &str) {
    sqlx::query("UPDATE complaints SET received_on = $1 WHERE reference = $2")
        .bind(day)
        .bind(reference)
        .execute(&app.db.pool)
        .await
        .expect("backdate");
}

struct Staff {
    analyst: (String, String),
    handler: (String, String),
    commissioner: (String, String),
    others: Vec<(&'static str, String, String)>,
}

async fn staff(app: &TestApp) -> Staff {
    let analyst = app.session("analis", Role::Analyst, None).await;
    let handler = app.session("petugas", Role::Analyst, None).await;
    let commissioner = app.session("komisioner", Role::Commissioner, None).await;
    let mut others = vec![("public", String::new(), String::new())];
    for (label, role, agency) in [
        ("agency", Role::Agency, Some("32.04")),
        ("admin", Role::Admin, None),
    ] {
        let (cookie, csrf) = app.session(label, role, agency).await;
        others.push((label, cookie, csrf));
    }
    Staff {
        analyst,
        handler,
        commissioner,
        others,
    }
}

/// Takes a step as `who`; returns where the server sent the browser.
async fn step(
    app: &TestApp,
    reference: &str,
    who: &(String, String),
    fields: &[(&str, &str)],
) -> String {
    let mut form = vec![("csrf", who.1.as_str())];
    form.extend_from_slice(fields);
    let (status, location) = app
        .post_form(
            &format!("/auth/pengaduan/{reference}/langkah"),
            &who.0,
            &form,
        )
        .await;
    assert_eq!(status, 303, "{fields:?}: {location}");
    location
}

async fn audit_actions(app: &TestApp, reference: &str) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT actor, action FROM audit_log WHERE subject = $1 ORDER BY id")
            .bind(format!("complaint/{reference}"))
            .fetch_all(&app.db.pool)
            .await
            .expect("audit");
    rows
}

/// Active violations of the follow-up rule about `record_id`, with their English message.
async fn overdue(app: &TestApp, record_id: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT message_en FROM violations WHERE rule_id = 'R-NEU-NO-FOLLOWUP' AND record_id = $1 AND active = 1",
    )
    .bind(record_id)
    .fetch_all(&app.db.pool)
    .await
    .expect("violations")
}

async fn evaluate(app: &TestApp, token: &str, as_of: &str) {
    let request = app
        .client
        .post(app.url("/api/v1/evaluate"))
        .header("Content-Type", "application/json")
        .body(json!({"as_of": as_of}).to_string());
    let (status, body) = app.send(request, Some(token)).await;
    assert_eq!(status, 200, "{body}");
}

both_databases! {
    async fn a_case_moves_received_verifying_proven_and_refuses_what_the_workflow_does_not_allow(app) {
        let s = staff(&app).await;
        let reference = file(&app, "203.0.113.1").await;
        let page = format!("/pengaduan/{reference}");
        let ok = format!("{page}?hasil=ok");
        let refused = |code: &str| format!("{page}?galat={code}");

        assert_eq!(step(&app, &reference, &s.analyst, &[("action", "prove"), ("violation_type", "code_of_ethics")]).await,
                   refused("status"), "not proven before it is verified");
        assert_eq!(step(&app, &reference, &s.analyst, &[("action", "dismiss"), ("reason", "x")]).await,
                   refused("peran"), "analysts do not dismiss");
        assert_eq!(step(&app, &reference, &s.analyst, &[("action", "verify")]).await, ok);
        assert_eq!(step(&app, &reference, &s.analyst, &[("action", "verify")]).await, refused("status"), "only once");
        assert_eq!(step(&app, &reference, &s.analyst, &[("action", "prove")]).await, refused("jenis"));
        assert_eq!(step(&app, &reference, &s.commissioner, &[("action", "recommend"), ("sanction", "heavy"),
                   ("letter_number", "R-1/KASN/2024"), ("date", "2024-10-01")]).await,
                   refused("status"), "no recommendation before the case is proven");
        assert_eq!(step(&app, &reference, &s.analyst, &[("action", "prove"), ("violation_type", "code_of_ethics")]).await, ok);
        assert_eq!(step(&app, &reference, &s.commissioner, &[("action", "dismiss"), ("reason", "tidak terbukti")]).await,
                   refused("status"), "a proven case is not dismissed");
        assert_eq!(step(&app, &reference, &s.analyst, &[("action", "recommend"), ("sanction", "heavy"),
                   ("letter_number", "R-1"), ("date", "2024-10-01")]).await, refused("peran"));

        let (status, html) = app.page_with_cookie(&page, &s.commissioner.0).await;
        assert_eq!(status, 200);
        assert!(html.contains("data-status=\"proven\""), "{html}");
        assert!(html.contains("data-step=\"recommend\"") && html.contains("data-step=\"assign\""));
        assert!(!html.contains("data-step=\"verify\""), "a proven case is not verified again");
        let (_, html) = app.page_with_cookie(&page, &s.analyst.0).await;
        assert!(!html.contains("data-step=\"recommend\""), "analysts are not offered a recommendation");

        let actions = audit_actions(&app, &reference).await;
        assert_eq!(actions, [("analis".to_string(), "complaint.status".to_string()),
                             ("analis".to_string(), "complaint.status".to_string())], "the two steps, audited");

        // A dismissal from another case needs a reason, and the public's status check shows it.
        let other = file(&app, "203.0.113.1").await;
        assert_eq!(step(&app, &other, &s.commissioner, &[("action", "dismiss"), ("reason", "  ")]).await,
                   format!("/pengaduan/{other}?galat=alasan"));
        assert_eq!(step(&app, &other, &s.commissioner, &[("action", "dismiss"), ("reason", "Bukan ASN")]).await,
                   format!("/pengaduan/{other}?hasil=ok"));
        let status: String = sqlx::query_scalar("SELECT status FROM complaints WHERE reference = $1")
            .bind(&other).fetch_one(&app.db.pool).await.expect("status");
        assert_eq!(status, "dismissed");
    }

    async fn a_recommendation_not_followed_up_by_its_deadline_raises_the_rule_and_shows_on_the_scorecard(app) {
        let s = staff(&app).await;
        let token = app.user("evaluator", Role::Admin, None).await;
        let reference = file(&app, "203.0.113.2").await;
        received_on(&app, &reference, "2024-09-20").await;
        assert_eq!(step(&app, &reference, &s.analyst, &[("action", "verify")]).await, format!("/pengaduan/{reference}?hasil=ok"));
        step(&app, &reference, &s.analyst, &[("action", "prove"), ("violation_type", "discipline_moderate")]).await;
        let letter = |date: &'static str| [("action", "recommend"), ("sanction", "moderate"),
                                          ("letter_number", "R-77/KASN/10/2024"), ("date", date)];
        assert_eq!(step(&app, &reference, &s.commissioner, &letter("2024-09-19")).await,
                   format!("/pengaduan/{reference}?galat=tanggal"), "dated before the complaint arrived");
        assert_eq!(step(&app, &reference, &s.commissioner, &letter("2999-01-01")).await,
                   format!("/pengaduan/{reference}?galat=tanggal"), "dated in the future");
        assert_eq!(step(&app, &reference, &s.commissioner, &letter("2024-10-01")).await,
                   format!("/pengaduan/{reference}?hasil=ok"));
        assert_eq!(overdue(&app, &reference).await.len(), 1, "the step re-evaluated the agency: long overdue today");
        let id: i64 = sqlx::query_scalar("SELECT id FROM violations WHERE record_id = $1")
            .bind(&reference).fetch_one(&app.db.pool).await.expect("the violation");
        let (_, html) = app.page_with_cookie(&format!("/pelanggaran/{id}"), &s.analyst.0).await;
        assert!(html.contains(&format!("href=\"/pengaduan/{reference}\"")), "the violation leads to its case");

        // The deadline is 14 days after the letter: 2024-10-15.
        evaluate(&app, &token, "2024-10-14").await;
        assert!(overdue(&app, &reference).await.is_empty(), "the day before the deadline");
        evaluate(&app, &token, "2024-10-15").await;
        assert!(overdue(&app, &reference).await.is_empty(), "on the deadline");
        evaluate(&app, &token, "2024-10-16").await;
        assert_eq!(overdue(&app, &reference).await,
                   ["recommendation of 2024-10-01 not followed up; deadline 2024-10-15 (14 days)"], "the day after");

        let (_, html) = app.page_with_cookie("/instansi/32.04/kartu-skor", &s.commissioner.0).await;
        assert!(html.contains("id=\"overdue-followups\" class=\"stat-value\">1<"), "the scorecard counts it");
        let (_, html) = app.page_with_cookie(&format!("/pengaduan/{reference}"), &s.analyst.0).await;
        assert!(html.contains("2024-10-15") && html.contains("data-overdue=\"1\""), "the case shows its deadline passed");
        let (_, list) = app.page_with_cookie("/pengaduan?agency=32.04", &s.analyst.0).await;
        assert!(list.contains(&reference) && list.contains("data-overdue=\"1\""));

        // A late decision entered by staff leaves the violation, saying so.
        let decide = |date: &'static str| [("action", "follow_up"), ("date", date), ("sanction", "moderate")];
        assert_eq!(step(&app, &reference, &s.analyst, &decide("2024-09-30")).await,
                   format!("/pengaduan/{reference}?galat=tanggal"), "before the recommendation");
        assert_eq!(step(&app, &reference, &s.analyst, &decide("2024-10-16")).await, format!("/pengaduan/{reference}?hasil=ok"));
        let found = overdue(&app, &reference).await;
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("followed up late, on 2024-10-16"), "{}", found[0]);
        assert_eq!(step(&app, &reference, &s.analyst, &decide("2024-10-17")).await,
                   format!("/pengaduan/{reference}?galat=status"), "one decision");

        // The agency's own decision on another case, by the deadline, as a `neutrality_followup` record clears it.
        let second = file(&app, "203.0.113.2").await;
        received_on(&app, &second, "2024-09-20").await;
        step(&app, &second, &s.analyst, &[("action", "verify")]).await;
        step(&app, &second, &s.analyst, &[("action", "prove"), ("violation_type", "code_of_ethics")]).await;
        step(&app, &second, &s.commissioner, &letter("2024-10-01")).await;
        assert_eq!(overdue(&app, &second).await.len(), 1);
        let clerk = app.user("clerk", Role::Agency, Some("32.04")).await;
        app.send_batch(&clerk, "32.04", json!([{"kind": "neutrality_followup", "id": "TL-1", "complaint_ref": second,
                                                 "decided_on": "2024-10-15", "sanction": "moral_statement"}])).await;
        assert!(overdue(&app, &second).await.is_empty(), "decided on the deadline: cleared by the import's evaluation");
        let (_, html) = app.page_with_cookie(&format!("/pengaduan/{second}"), &s.analyst.0).await;
        assert!(html.contains("TL-1") && html.contains("2024-10-15"), "the agency's decision is on the case page");

        let actions: Vec<String> = audit_actions(&app, &reference).await.into_iter().map(|(_, a)| a).collect();
        assert_eq!(actions, ["complaint.status", "complaint.status", "complaint.recommendation", "complaint.followup"]);
    }

    async fn only_the_case_handlers_see_the_complainant_and_each_view_is_audited(app) {
        let s = staff(&app).await;
        let reference = file(&app, "203.0.113.3").await;
        let page = format!("/pengaduan/{reference}");
        let reveal = format!("{page}?identitas=1");

        let (status, html) = app.page_with_cookie(&reveal, &s.analyst.0).await;
        assert_eq!(status, 200);
        assert!(html.contains("(dirahasiakan)") && html.contains("data-identity=\"hidden\""));
        assert!(!html.contains(NAME) && !html.contains(CONTACT), "a non-handler analyst does not see it");

        assert_eq!(step(&app, &reference, &s.commissioner, &[("action", "assign"), ("handler", "admin")]).await,
                   format!("{page}?galat=petugas"), "an administrator cannot handle cases");
        assert_eq!(step(&app, &reference, &s.analyst, &[("action", "assign"), ("handler", "analis")]).await,
                   format!("{page}?galat=peran"), "analysts do not assign themselves");
        assert_eq!(step(&app, &reference, &s.commissioner, &[("action", "assign"), ("handler", "petugas")]).await,
                   format!("{page}?hasil=ok"));

        let (_, html) = app.page_with_cookie(&page, &s.handler.0).await;
        assert!(html.contains("data-identity=\"available\"") && !html.contains(NAME), "shown only on asking");
        let (_, html) = app.page_with_cookie(&reveal, &s.handler.0).await;
        assert!(html.contains(NAME) && html.contains(CONTACT), "the handler sees it");
        let (_, html) = app.page_with_cookie(&reveal, &s.analyst.0).await;
        assert!(!html.contains(NAME), "still not the other analyst");
        let (_, html) = app.page_with_cookie(&reveal, &s.commissioner.0).await;
        assert!(!html.contains(NAME), "nor a commissioner who does not handle it");
        let views: Vec<(String, String)> = audit_actions(&app, &reference).await.into_iter()
            .filter(|(_, action)| action == "complaint.identity_viewed").collect();
        assert_eq!(views, [("petugas".to_string(), "complaint.identity_viewed".to_string())], "one view, one entry");

        // Nowhere public, nowhere for other roles, in no export.
        for (label, cookie, _) in &s.others {
            for path in [page.as_str(), reveal.as_str(), "/pengaduan"] {
                let (status, html) = app.page_with_cookie(path, cookie).await;
                assert_eq!(status, if *label == "public" { 401 } else { 403 }, "{label} GET {path}");
                assert!(!html.contains(NAME), "{label} {path}");
            }
        }
        for (label, cookie, csrf) in &s.others {
            let (status, location) = app.post_form(&format!("/auth/pengaduan/{reference}/langkah"), cookie,
                                                   &[("csrf", csrf), ("action", "verify")]).await;
            match *label {
                "public" => assert_eq!(location, format!("/masuk?next=/pengaduan/{reference}")),
                _ => assert_eq!(status, 403, "{label} takes a step"),
            }
        }
        for path in ["/", "/netralitas", "/netralitas/cek", "/unduh/pengaduan-netralitas.csv",
                     "/unduh/statistik-netralitas.csv", "/instansi/32.04",
                     "/api/v1/openapi.json"] {
            let (_, body) = app.page(path, "id").await;
            assert!(!body.contains(NAME) && !body.contains(CONTACT), "{path}");
        }
        let (_, csv) = app.page_with_cookie("/ekspor/pelanggaran.csv", &s.analyst.0).await;
        assert!(!csv.contains(NAME));
        let (status, csv) = app.page_with_cookie("/ekspor/pengaduan.csv?mine=1", &s.handler.0).await;
        assert_eq!(status, 200);
        assert!(csv.contains(&reference), "the handler's case is exported: {csv}");
        assert!(!csv.contains(NAME) && !csv.contains(CONTACT), "not even a handler's export names the complainant");
        let (_, csv) = app.page_with_cookie("/ekspor/pengaduan.csv?mine=1", &s.analyst.0).await;
        assert!(!csv.contains(&reference), "only the reader's own cases with mine=1");
    }

    async fn an_imported_complaints_complainant_is_withheld_from_every_reader(app) {
        let s = staff(&app).await;
        let token = app.user("importer", Role::Analyst, None).await;
        app.send_batch(&token, "32.04", json!([{
            "kind": "neutrality_complaint", "id": "ADU-9", "received_on": "2024-09-02", "channel": "bawaslu",
            "accused": {"nip": "197001011995031001", "name": "Pejabat Terlapor", "position_level": "jpt"},
            "violation_type": "code_of_ethics", "summary": "Hadir di kampanye", "status": "proven",
            "recommendation": {"issued_on": "2024-09-10", "sanction": "moderate"},
            "complainant": {"name": NAME, "contact": CONTACT}
        }])).await;
        let id: i64 = sqlx::query_scalar("SELECT id FROM violations WHERE record_id = 'ADU-9'")
            .fetch_one(&app.db.pool).await.expect("the overdue recommendation is flagged");
        for who in [&s.analyst, &s.commissioner] {
            let (status, html) = app.page_with_cookie(&format!("/pelanggaran/{id}"), &who.0).await;
            assert_eq!(status, 200);
            assert!(html.contains("(dirahasiakan)") && !html.contains(NAME) && !html.contains(CONTACT), "{html}");
        }
        let request = app.client.get(app.url(&format!("/api/v1/violations/{id}")));
        let (status, body) = app.send(request, Some(&token)).await;
        assert_eq!(status, 200);
        assert!(!body.to_string().contains(NAME), "{body}");
        assert_eq!(body["revisions"][0]["content"]["complainant"], Value::from("(dirahasiakan)"));
    }

    async fn the_statistics_count_per_election_for_staff_exactly_and_for_the_public_suppressed(app) {
        let s = staff(&app).await;
        for _ in 0..3 {
            file(&app, "203.0.113.4").await;
        }
        let reference = file(&app, "203.0.113.5").await;
        step(&app, &reference, &s.analyst, &[("action", "verify")]).await;
        // Read (and kept in memory) before the case is proven: the step must move them.
        let (_, before) = app.page_with_cookie("/pengaduan", &s.analyst.0).await;
        assert!(before.contains("id=\"stats-staff-election\""));
        step(&app, &reference, &s.analyst, &[("action", "prove"), ("violation_type", "party_membership")]).await;
        let (_, html) = app.page_with_cookie("/pengaduan", &s.analyst.0).await;
        let table = html.split("id=\"stats-staff-election\"").nth(1).expect("the staff's table");
        assert!(table.contains("Pilkada Serentak 2024"), "{table}");
        let types = html.split("id=\"stats-staff-type\"").nth(1).expect("by type");
        assert!(types.contains("Anggota/pengurus partai politik"), "the proven case's type");
        let row = |html: &str, id: &str| -> Vec<String> {
            let part = html.split(&format!("id=\"{id}\"")).nth(1).unwrap_or_default();
            let body = part.split("<tbody>").nth(1).unwrap_or_default().split("</tbody>").next().unwrap_or_default();
            body.split("<td class=\"num\">").skip(1).map(|c| c.split('<').next().unwrap_or_default().to_string()).collect()
        };
        let staff_row = row(&html, "stats-staff-election");
        assert!(staff_row.len() >= 7, "{staff_row:?}");
        assert_eq!(&staff_row[1..3], ["4", "1"], "received 4, proven 1 (after the year)");

        // The public aggregates follow the steps (served stale at most while they are recomputed).
        let counts = "<td class=\"num\">4</td><td class=\"num\">&lt; 3</td>";
        let public = app.page_containing("/netralitas", "id", counts).await;
        let public_row = row(&public, "stats-public-election");
        assert_eq!(&public_row[1..3], ["4", "&lt; 3"], "the single proven case is suppressed: {public_row:?}");
        let home = app.page_containing("/", "id", counts).await;
        assert_eq!(&row(&home, "stats-home-election")[1..3], ["4", "&lt; 3"]);
        let csv = app.get("/unduh/statistik-netralitas.csv").await.text().await.expect("csv");
        let year = server::clock::today().year();
        assert!(csv.contains(&format!("election,pilkada_2024,{year},4,<3,0,0,0,0,")), "{csv}");
        assert!(csv.contains("violation_type,party_membership,,<3,<3,"), "{csv}");
    }

    async fn the_case_list_shows_the_newest_500_and_says_when_there_are_more(app) {
        let s = staff(&app).await;
        let complaint = server::domain::complaints::intake::Complaint {
            agency_code: "32.04".into(),
            election: "other".into(),
            accused_name: None,
            position_level: "unknown".into(),
            happened_on: None,
            summary: ACCOUNT.into(),
            evidence: Vec::new(),
            complainant_name: None,
            complainant_contact: None,
        };
        let now = server::clock::now_text();
        let today = server::clock::today().to_string();
        let store = |n: usize| {
            let (app, complaint, now, today) = (&app, &complaint, &now, &today);
            async move {
                let reference = format!("NET-2026-T{n:07}");
                assert!(app.db.insert_complaint(complaint, (&reference, "hash"), (today, now)).await.expect("insert"));
            }
        };
        for n in 0..500 {
            store(n).await;
        }
        let rows = |html: &str| html.matches("data-reference=").count();
        let (_, html) = app.page_with_cookie("/pengaduan", &s.analyst.0).await;
        assert_eq!(rows(&html), 500);
        assert!(!html.contains("id=\"cases-capped\""), "exactly 500: nothing more to say");
        store(500).await;
        let (_, html) = app.page_with_cookie("/pengaduan", &s.analyst.0).await;
        assert_eq!(rows(&html), 500, "the newest 500 of 501");
        assert!(html.contains("id=\"cases-capped\""), "the list says there are more");
    }
}
