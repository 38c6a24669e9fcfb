//! Recommendation follow-up (issue #17) over HTTP on SQLite and PostgreSQL: the due date and the states as of a
//! date on each side of it, R-REC-OVERDUE, the agency's answer as a `recommendation_response` record (with each
//! refusal located), the commissioner's verdicts, and who may read and judge what.

use integration_tests::{both_databases, TestApp};
use serde_json::{json, Value};
use server::auth::Role;

const VIOLATIONS: &str = include_str!("../../docs/examples/batch-violations-32.73.json");

struct Users {
    clerk: String,
    other_clerk: String,
    analyst: String,
    commissioner: String,
    admin: String,
}

async fn get(app: &TestApp, path: &str, token: &str) -> (u16, Value) {
    app.send(app.client.get(app.url(path)), Some(token)).await
}

async fn post(app: &TestApp, path: &str, token: &str, body: Value) -> (u16, Value) {
    app.send(app.client.post(app.url(path)).json(&body), Some(token))
        .await
}

/// Sends one `recommendation_response` for agency `agency`; the status and the answer.
async fn answer(app: &TestApp, token: &str, agency: &str, record: Value) -> (u16, Value) {
    let mut record = record;
    record["kind"] = json!("recommendation_response");
    let batch = json!({"schema": "pantau.report.v1", "agency_code": agency, "records": [record]});
    app.submit(token, &batch.to_string()).await
}

/// The example batch of 32.73 with a recommendation (letter of 2025-07-01, due 2025-07-15) on its
/// R-ROT-POST-INAUG violation, whose id is returned.
async fn setup(app: &TestApp) -> (Users, i64) {
    let users = Users {
        clerk: app.user("clerk", Role::Agency, Some("32.73")).await,
        other_clerk: app.user("other", Role::Agency, Some("32.04")).await,
        analyst: app.user("analyst", Role::Analyst, None).await,
        commissioner: app.user("commissioner", Role::Commissioner, None).await,
        admin: app.user("admin", Role::Admin, None).await,
    };
    let (status, body) = app.submit(&users.analyst, VIOLATIONS).await;
    assert_eq!(status, 200, "{body}");
    let (_, list) = get(
        app,
        "/api/v1/violations?rule=R-ROT-POST-INAUG",
        &users.analyst,
    )
    .await;
    let id = list["violations"][0]["id"].as_i64().expect("flagged");
    let path = format!("/api/v1/violations/{id}/transition");
    let (status, body) = post(app, &path, &users.analyst, json!({"to": "in_review"})).await;
    assert_eq!(status, 200, "{body}");
    let step = json!({"to": "recommendation_issued", "letter_number": "B-101/KASN/07/2025", "letter_date": "2025-07-01"});
    let (status, body) = post(app, &path, &users.commissioner, step).await;
    assert_eq!(status, 200, "{body}");
    (users, id)
}

/// A second recommendation of agency 32.73 (letter B-102 of 2 July 2025), on another of its open violations than
/// `id`, and the clerk's answer to the one on `id` (complied, 10 July): the violation `other` of the second.
async fn second_recommendation(app: &TestApp, users: &Users, id: i64) -> i64 {
    let filter = server::db::ViolationFilter {
        agency: Some("32.73".into()),
        ..Default::default()
    };
    let other = app
        .db
        .list_violations(&filter)
        .await
        .expect("list")
        .into_iter()
        .find(|v| v.id != id && v.status == "open")
        .expect("another open violation")
        .id;
    let path = format!("/api/v1/violations/{other}/transition");
    let (status, _) = post(app, &path, &users.analyst, json!({"to": "in_review"})).await;
    assert_eq!(status, 200);
    let step = json!({"to": "recommendation_issued", "letter_number": "B-102/KASN/07/2025", "letter_date": "2025-07-02"});
    let (status, _) = post(app, &path, &users.commissioner, step).await;
    assert_eq!(status, 200);
    let (status, body) = answer(app, &users.clerk, "32.73", complied(id, "2025-07-10")).await;
    assert_eq!(status, 200, "{body}");
    other
}

fn only(body: &Value) -> &Value {
    let items = body.as_array().unwrap_or_else(|| panic!("a list: {body}"));
    assert_eq!(items.len(), 1, "{body}");
    &items[0]
}

fn complied(id: i64, on: &str) -> Value {
    json!({"id": "JWB-1", "violation_id": id, "responded_on": on, "action": "complied",
           "decision_letter": {"number": "800/123/BKPSDM/2025", "issued_on": on}})
}

both_databases! {
    async fn a_recommendation_is_pending_until_its_due_date_and_overdue_the_day_after(app) {
        let (users, id) = setup(&app).await;
        let (status, body) = get(&app, "/api/v1/recommendations?as_of=2025-07-15", &users.analyst).await;
        assert_eq!(status, 200, "{body}");
        let item = only(&body);
        assert_eq!(item["violation_id"], id);
        assert_eq!(item["agency_code"], "32.73");
        assert_eq!(item["rule_id"], "R-ROT-POST-INAUG");
        assert_eq!(item["letter_number"], "B-101/KASN/07/2025");
        assert_eq!(item["letter_date"], "2025-07-01");
        assert_eq!(item["due_on"], "2025-07-15");
        assert_eq!(item["state"], "pending", "on the due date");
        assert_eq!(item["responded_on"], Value::Null);
        assert_eq!(item["on_time"], Value::Null);
        let (_, body) = get(&app, "/api/v1/recommendations?as_of=2025-07-16", &users.analyst).await;
        assert_eq!(only(&body)["state"], "overdue", "the day after");
        let (_, body) = get(&app, "/api/v1/recommendations?as_of=2025-06-30", &users.analyst).await;
        assert_eq!(body, json!([]), "not issued yet as of the day before its letter");
        let (_, body) = get(&app, "/api/v1/recommendations?state=pending&as_of=2025-07-16", &users.analyst).await;
        assert_eq!(body, json!([]));
        let (status, body) = get(&app, "/api/v1/recommendations?state=late", &users.analyst).await;
        assert_eq!(status, 400, "{body}");
        let (status, _) = get(&app, "/api/v1/recommendations?as_of=2025-13-01", &users.analyst).await;
        assert_eq!(status, 400);

        // R-REC-OVERDUE: judged with the due date as the event date, from the day after it.
        let evaluate = |as_of: &'static str| {
            let app = &app;
            let admin = users.admin.clone();
            async move { post(app, "/api/v1/evaluate", &admin, json!({"as_of": as_of})).await }
        };
        let (status, body) = evaluate("2025-07-15").await;
        assert_eq!(status, 200, "{body}");
        let (_, body) = get(&app, "/api/v1/violations?rule=R-REC-OVERDUE", &users.analyst).await;
        assert_eq!(body["violations"], json!([]), "not on the due date");
        evaluate("2025-07-16").await;
        let (_, body) = get(&app, "/api/v1/violations?rule=R-REC-OVERDUE", &users.analyst).await;
        let overdue = &body["violations"][0];
        assert_eq!(overdue["event_date"], "2025-07-15", "{body}");
        assert_eq!(overdue["severity"], "high");
        assert_eq!(overdue["agency_code"], "32.73");
        assert_eq!(overdue["record_kind"], "rotation");
        assert_eq!(overdue["params"], json!({"recommendation.followup_days": "14"}));
        assert!(overdue["message_en"].as_str().unwrap_or_default().contains(&format!("violation #{id}")), "{overdue}");

        // The deadline is a parameter.
        let request = app.client.put(app.url("/api/v1/parameters/recommendation.followup_days")).json(&json!({"value": "30"}));
        let (status, body) = app.send(request, Some(&users.admin)).await;
        assert_eq!(status, 200, "{body}");
        let (_, body) = get(&app, "/api/v1/recommendations?as_of=2025-07-16", &users.analyst).await;
        assert_eq!((only(&body)["due_on"].clone(), only(&body)["state"].clone()), (json!("2025-07-31"), json!("pending")));
    }

    async fn clerks_see_their_own_and_answers_are_checked_where_they_go_wrong(app) {
        let (users, id) = setup(&app).await;
        let (status, body) = get(&app, "/api/v1/recommendations", &users.clerk).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(only(&body)["violation_id"], id);
        let (status, _) = get(&app, "/api/v1/recommendations?agency=32.04", &users.clerk).await;
        assert_eq!(status, 403, "another agency's filter");
        let (status, body) = get(&app, "/api/v1/recommendations", &users.other_clerk).await;
        assert_eq!((status, body), (200, json!([])));
        let (status, _) = app.send(app.client.get(app.url("/api/v1/recommendations")), None).await;
        assert_eq!(status, 401);

        // Each wrong answer is refused with its field; nothing is stored.
        let (status, body) = answer(&app, &users.other_clerk, "32.04", complied(id, "2025-07-10")).await;
        assert_eq!(status, 422, "another agency's violation: {body}");
        assert_eq!(body["errors"][0]["pointer"], "/records/0/violation_id", "{body}");
        assert_eq!(body["errors"][0]["message_en"], format!(
            "agency 32.04 has no violation {id}; the number is in the agency's list of recommendations and in the letter"),
            "another agency's violation reads as unknown");
        let (status, body) = answer(&app, &users.clerk, "32.73", complied(id + 1000, "2025-07-10")).await;
        assert_eq!((status, body["errors"][0]["pointer"].clone()), (422, json!("/records/0/violation_id")), "unknown id");
        let (status, body) = answer(&app, &users.clerk, "32.73", complied(id, "2025-06-30")).await;
        assert_eq!((status, body["errors"][0]["pointer"].clone()), (422, json!("/records/0/responded_on")), "before the letter: {body}");
        let (status, body) = answer(&app, &users.clerk, "32.73", complied(id, "2099-01-01")).await;
        assert_eq!((status, body["errors"][0]["pointer"].clone()), (422, json!("/records/0/responded_on")), "in the future: {body}");
        let no_letter = json!({"id": "JWB-1", "violation_id": id, "responded_on": "2025-07-10", "action": "complied"});
        let (status, body) = answer(&app, &users.clerk, "32.73", no_letter).await;
        assert_eq!((status, body["errors"][0]["pointer"].clone()), (422, json!("/records/0/decision_letter")), "{body}");
        let no_note = json!({"id": "JWB-1", "violation_id": id, "responded_on": "2025-07-10", "action": "objection"});
        let (status, body) = answer(&app, &users.clerk, "32.73", no_note).await;
        assert_eq!((status, body["errors"][0]["pointer"].clone()), (422, json!("/records/0/note")), "{body}");
        let bad_action = json!({"id": "JWB-1", "violation_id": id, "responded_on": "2025-07-10", "action": "ignored"});
        let (status, body) = answer(&app, &users.clerk, "32.73", bad_action).await;
        assert_eq!((status, body["errors"][0]["pointer"].clone()), (422, json!("/records/0/action")), "{body}");
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE kind = 'recommendation_response'")
            .fetch_one(&app.db.pool).await.expect("count");
        assert_eq!(stored, 0, "nothing stored");
        // A violation without a recommendation cannot be answered.
        let (_, list) = get(&app, "/api/v1/violations?rule=R-SEL-AGE", &users.analyst).await;
        let other = list["violations"][0]["id"].as_i64().expect("flagged");
        let (status, body) = answer(&app, &users.clerk, "32.73", complied(other, "2025-07-10")).await;
        assert_eq!(status, 422, "no open recommendation");
        assert_eq!(body["errors"][0]["message_en"], format!(
            "violation {other} has status open: only an open recommendation (recommendation_issued) can be answered"));
    }

    async fn a_commissioner_rejects_then_accepts_and_every_step_is_kept(app) {
        let (users, id) = setup(&app).await;
        let verdict = |token: String, body: Value| {
            let app = &app;
            async move { post(app, &format!("/api/v1/recommendations/{id}/verdict"), &token, body).await }
        };
        let (status, _) = verdict(users.commissioner.clone(), json!({"accept": true})).await;
        assert_eq!(status, 409, "no answer yet");

        // A late answer (the due date was 2025-07-15) awaits the verdict.
        let (status, body) = answer(&app, &users.clerk, "32.73", complied(id, "2025-07-20")).await;
        assert_eq!(status, 200, "{body}");
        let (_, body) = get(&app, "/api/v1/recommendations?as_of=2025-07-20", &users.analyst).await;
        let item = only(&body);
        assert_eq!((item["state"].clone(), item["responded_on"].clone(), item["on_time"].clone()),
            (json!("answered"), json!("2025-07-20"), json!(false)));
        let (_, body) = get(&app, "/api/v1/recommendations?as_of=2025-07-19", &users.analyst).await;
        assert_eq!(only(&body)["state"], "overdue", "the answer was not sent yet as of then");

        for token in [&users.analyst, &users.admin, &users.clerk] {
            let (status, _) = verdict(token.clone(), json!({"accept": true})).await;
            assert_eq!(status, 403);
        }
        let (status, _) = verdict(users.commissioner.clone(), json!({"accept": false})).await;
        assert_eq!(status, 422, "a rejection needs its reason");
        let (status, _) = verdict(users.commissioner.clone(), json!({"accept": false, "reason": "  "})).await;
        assert_eq!(status, 422);
        let (status, body) = verdict(users.commissioner.clone(), json!({"accept": false, "reason": "SK belum mencabut pelantikan"})).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["state"], "overdue", "the due date stays");
        let (status, _) = verdict(users.commissioner.clone(), json!({"accept": false, "reason": "lagi"})).await;
        assert_eq!(status, 409, "nothing awaits a verdict now");
        let (_, body) = get(&app, "/api/v1/recommendations", &users.analyst).await;
        assert_eq!(only(&body)["state"], "overdue");

        // The agency answers again (a new revision of its record); accepted, the violation is resolved.
        let (status, body) = answer(&app, &users.clerk, "32.73", complied(id, "2025-08-01")).await;
        assert_eq!(status, 200, "{body}");
        let (_, body) = get(&app, "/api/v1/recommendations", &users.analyst).await;
        assert_eq!(only(&body)["state"], "answered");
        let (status, body) = verdict(users.commissioner.clone(), json!({"accept": true})).await;
        assert_eq!((status, body["state"].clone()), (200, json!("resolved")), "{body}");
        let (_, body) = get(&app, &format!("/api/v1/violations/{id}"), &users.analyst).await;
        assert_eq!(body["violation"]["status"], "resolved");
        let history = body["events"].to_string();
        assert!(history.contains("SK belum mencabut pelantikan") && history.contains("answer accepted"), "{history}");
        let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'recommendation.verdict'")
            .fetch_one(&app.db.pool).await.expect("count");
        assert_eq!(audited, 2);
        let (_, body) = get(&app, "/api/v1/recommendations?state=resolved", &users.clerk).await;
        assert_eq!(only(&body)["responded_on"], "2025-08-01");

        // Sending the same answer again is idempotent; a new answer to a settled recommendation is refused.
        let (status, body) = answer(&app, &users.clerk, "32.73", complied(id, "2025-08-01")).await;
        assert_eq!((status, body["unchanged"].clone()), (200, json!(1)), "{body}");
        let mut another = complied(id, "2025-08-02");
        another["id"] = json!("JWB-2");
        let (status, _) = answer(&app, &users.clerk, "32.73", another).await;
        assert_eq!(status, 422);
        // The same answer revised (its id, another date) is not "unchanged": refused as well.
        let (status, body) = answer(&app, &users.clerk, "32.73", complied(id, "2025-08-03")).await;
        assert_eq!(status, 422, "{body}");
    }
    async fn the_verdict_form_and_the_pages_for_every_role(app) {
        let (users, id) = setup(&app).await;
        let callers = web_callers(&app).await;
        let cookie = |label: &str| callers.iter().find(|(l, ..)| *l == label).map(|(_, c, x)| (c.clone(), x.clone())).unwrap_or_default();
        let page = format!("/pelanggaran/{id}");
        let form = format!("/auth/pelanggaran/{id}/putusan");
        let (commissioner, csrf) = cookie("commissioner");

        // The clerk's upload page lists the open recommendation; the violation page shows its follow-up.
        let (clerk, _) = cookie("agency");
        let (status, html) = app.page_with_cookie("/unggah", &clerk).await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"open-recommendations\"") && html.contains(&format!("data-violation=\"{id}\"")), "{html}");
        let (_, html) = app.page_with_cookie(&page, &commissioner).await;
        assert!(html.contains("id=\"follow-up\"") && html.contains("B-101/KASN/07/2025") && html.contains("2025-07-15"));
        assert!(html.contains("id=\"no-answers\"") && !html.contains("id=\"verdict-forms\""), "nothing to judge yet");

        let (status, location) = app.post_form(&form, &commissioner, &[("csrf", &csrf), ("accept", "true")]).await;
        assert_eq!((status, location), (303, format!("{page}?galat=tanpa_jawaban")), "no answer yet");
        let (status, body) = answer(&app, &users.clerk, "32.73", complied(id, "2025-07-10")).await;
        assert_eq!(status, 200, "{body}");
        let (_, html) = app.page_with_cookie(&page, &commissioner).await;
        assert!(html.contains("id=\"verdict-forms\"") && html.contains("800/123/BKPSDM/2025"), "the answer awaits a verdict");
        let (_, html) = app.page_with_cookie(&page, &cookie("analyst").0).await;
        assert!(html.contains("id=\"follow-up-answers\"") && !html.contains("id=\"verdict-forms\""), "only commissioners judge");

        for (label, cookie, csrf) in &callers {
            if *label == "commissioner" {
                continue;
            }
            let (status, location) = app.post_form(&form, cookie, &[("csrf", csrf), ("accept", "true")]).await;
            let expected = if *label == "public" { format!("/masuk?next={page}") } else { format!("{page}?galat=peran") };
            assert_eq!((status, location), (303, expected), "{label} gives a verdict");
        }
        let (status, _) = app.post_form(&form, &commissioner, &[("csrf", "wrong"), ("accept", "true")]).await;
        assert_eq!(status, 403, "a forged form");
        let (status, _) = app.post_form(&form, &commissioner, &[("csrf", &csrf), ("accept", "maybe")]).await;
        assert_eq!(status, 400);
        let (status, location) = app.post_form(&form, &commissioner, &[("csrf", &csrf), ("accept", "false"), ("reason", " ")]).await;
        assert_eq!((status, location), (303, format!("{page}?galat=alasan")), "a rejection needs its reason");
        let (status, _) = app.post_form(&format!("/auth/pelanggaran/{}/putusan", id + 1000), &commissioner, &[("csrf", &csrf), ("accept", "true")]).await;
        assert_eq!(status, 404);
        let (_, body) = get(&app, "/api/v1/recommendations", &users.analyst).await;
        assert_eq!(only(&body)["state"], "answered", "nothing refused changed anything");
        let (status, location) = app.post_form(&form, &commissioner, &[("csrf", &csrf), ("accept", "true")]).await;
        assert_eq!((status, location), (303, format!("{page}?hasil=ok")));
        let (_, body) = get(&app, "/api/v1/recommendations", &users.analyst).await;
        assert_eq!(only(&body)["state"], "resolved");
        let (_, html) = app.page_with_cookie("/unggah", &clerk).await;
        assert!(html.contains("id=\"no-recommendations\""), "nothing left open for the clerk");

        // The staff list of recommendations and the export of the figures.
        let readers = [("public", 401), ("agency", 403), ("analyst", 200), ("commissioner", 200), ("admin", 200)];
        for (path, expected) in [("/rekomendasi", readers), ("/rekomendasi?state=resolved", readers), ("/ekspor/rekomendasi.csv", readers)] {
            for (label, cookie, _) in &callers {
                let (status, _) = app.page_with_cookie(path, cookie).await;
                assert_eq!(status, expected.iter().find(|(l, _)| l == label).map_or(0, |(_, s)| *s), "{label} GET {path}");
            }
        }
        let (_, html) = app.page_with_cookie("/rekomendasi?state=resolved", &cookie("analyst").0).await;
        assert!(html.contains(&format!("/pelanggaran/{id}")), "the list links the violation");
        let (_, html) = app.page_with_cookie("/rekomendasi?state=overdue", &cookie("analyst").0).await;
        assert!(!html.contains(&format!("/pelanggaran/{id}\"")), "filtered out");
    }

    async fn each_recommendation_reads_only_its_own_answers_and_verdicts(app) {
        // A violation's page, its letter and a verdict read its one recommendation (issue #21: they read all of
        // the agency's), so a second recommendation of the same agency must not lend it answers or verdicts.
        let (users, id) = setup(&app).await;
        let other = second_recommendation(&app, &users, id).await;

        let day = server::domain::Date::parse("2025-07-12").expect("date");
        let view = |violation: i64, agency: &'static str| {
            let app = &app;
            async move {
                server::service::recommendations::follow_up(&app.db, (agency, violation), Role::Commissioner, day)
                    .await.expect("read")
            }
        };
        let mine = view(id, "32.73").await.expect("a recommendation");
        assert_eq!((mine.letter_number.as_str(), mine.state, mine.answers.len(), mine.can_judge),
                   ("B-101/KASN/07/2025", model::RecommendationState::Answered, 1, true));
        let theirs = view(other, "32.73").await.expect("a recommendation");
        assert_eq!((theirs.letter_number.as_str(), theirs.state, theirs.answers.len(), theirs.can_judge),
                   ("B-102/KASN/07/2025", model::RecommendationState::Pending, 0, false));
        assert!(view(id, "32.04").await.is_none(), "not another agency's");
        assert!(view(id + other + 1000, "32.73").await.is_none(), "no such violation");

        let (status, _) = post(&app, &format!("/api/v1/recommendations/{other}/verdict"), &users.commissioner, json!({"accept": true})).await;
        assert_eq!(status, 409, "the other's answer is not this one's");
        let (status, body) = post(&app, &format!("/api/v1/recommendations/{id}/verdict"), &users.commissioner, json!({"accept": true})).await;
        assert_eq!((status, body["state"].clone()), (200, json!("resolved")), "{body}");
        let mine = view(id, "32.73").await.expect("a recommendation");
        assert!(mine.answers[0].verdict.as_ref().is_some_and(|v| v.accepted), "{mine:?}");
        let theirs = view(other, "32.73").await.expect("a recommendation");
        assert_eq!((theirs.state, theirs.answers.len()), (model::RecommendationState::Pending, 0), "untouched");
    }

    async fn an_agencys_verdicts_given_together_land_all_or_none(app) {
        // The demo judges each agency's answers together (`judge_all`, issue #21): one refused verdict stores none.
        let (users, id) = setup(&app).await;
        let other = second_recommendation(&app, &users, id).await;
        let objection = json!({"id": "JWB-2", "violation_id": other, "responded_on": "2025-07-11", "action": "objection",
                               "note": "Pengangkatan telah sesuai ketentuan."});
        let (status, body) = answer(&app, &users.clerk, "32.73", objection).await;
        assert_eq!(status, 200, "{body}");

        let day = server::domain::Date::parse("2025-07-12").expect("date");
        let when = (day, "2025-07-12T08:00:00Z", "commissioner");
        let judge = |verdicts: Vec<(i64, bool, Option<&'static str>)>| {
            let app = &app;
            async move { server::service::recommendations::judge_all(&app.db, "32.73", &verdicts, when).await }
        };
        let stored = || async {
            let verdicts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recommendation_verdicts")
                .fetch_one(&app.db.pool).await.expect("count");
            let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'recommendation.verdict'")
                .fetch_one(&app.db.pool).await.expect("count");
            (verdicts, audited)
        };
        use server::service::recommendations::RecommendationError as E;
        let refused = judge(vec![(id, true, None), (other, false, None)]).await;
        assert!(matches!(refused, Err(E::ReasonRequired)), "{refused:?}");
        let refused = judge(vec![(id, true, None), (id + other + 1000, true, None)]).await;
        assert!(matches!(refused, Err(E::NotFound(_))), "{refused:?}");
        let refused = judge(vec![(id, true, None), (id, true, None)]).await;
        assert!(matches!(refused, Err(E::Moved(m)) if m == id), "the second acceptance finds it resolved: {refused:?}");
        assert_eq!(stored().await, (0, 0), "nothing of a refused set is stored");

        judge(vec![(id, true, None), (other, false, Some("Tidak ada bukti."))]).await.expect("judged");
        assert_eq!(stored().await, (2, 2), "each verdict stored and audited");
        let state = |violation: i64| {
            let app = &app;
            async move {
                server::service::recommendations::follow_up(&app.db, ("32.73", violation), Role::Commissioner, day)
                    .await.expect("read").map(|f| (f.state, f.answers.len()))
            }
        };
        assert_eq!(state(id).await, Some((model::RecommendationState::Resolved, 1)));
        assert_eq!(state(other).await, Some((model::RecommendationState::Pending, 1)), "rejected: open again");
        let refused = judge(vec![(other, true, None)]).await;
        assert!(matches!(refused, Err(E::NoPendingAnswer(_))), "judged already: {refused:?}");
    }

    async fn follow_up_figures_count_by_the_year_due_exactly_for_staff_and_suppressed_for_the_public(app) {
        let (users, id) = setup(&app).await;
        let (status, body) = answer(&app, &users.clerk, "32.73", complied(id, "2025-07-15")).await;
        assert_eq!(status, 200, "{body}");
        let (status, _) = post(&app, &format!("/api/v1/recommendations/{id}/verdict"), &users.commissioner, json!({"accept": true})).await;
        assert_eq!(status, 200);
        let callers = web_callers(&app).await;
        let (analyst, _) = callers.iter().find(|(l, ..)| *l == "analyst").map(|(_, c, x)| (c.clone(), x.clone())).expect("analyst");
        let (status, csv) = app.page_with_cookie("/ekspor/rekomendasi.csv", &analyst).await;
        assert_eq!(status, 200);
        let header = csv.lines().next().unwrap_or_default();
        assert!(header.starts_with("agency_code,agency,year,due,complied_on_time,complied_late,objection,not_complied,open,follow_up_rate,as_of"), "{header}");
        assert!(line(&csv, "32.73,").contains(",2025,1,1,0,0,0,0,1.0000,"), "answered on the due date: on time\n{csv}");
        assert!(line(&csv, ",,2025,").starts_with(",,2025,1,1,0,0,0,0,1.0000,"), "the national totals\n{csv}");

        // The public download and the summary show the same figures with small counts suppressed.
        app.page_containing("/", "id", "id=\"follow-up\"").await;
        // The aggregates are recomputed in the background after each change: wait for the verdict's recomputation
        // (the answer's own shows the recommendation still open), for at most 20 seconds.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let public = loop {
            let public = app.get("/unduh/tindak-lanjut-rekomendasi.csv").await.text().await.expect("csv");
            if !line(&public, "2025,").contains(",0,<3,,") || std::time::Instant::now() > deadline {
                break public;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        };
        // A byte-order mark first, as every download has, so that Excel reads the text as UTF-8.
        let public = public.strip_prefix('\u{feff}').expect("a byte-order mark");
        assert!(public.starts_with("year,due,complied_on_time,complied_late,objection,not_complied,open,follow_up_rate,as_of"), "{public}");
        assert!(line(public, "2025,").starts_with("2025,<3,<3,0,0,0,0,,"), "one recommendation: suppressed, no rate\n{public}");
        let (status, html) = app.page_with_cookie("/instansi/32.73/kartu-skor", &analyst).await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"scorecard-compliance\""), "on the scorecard");
    }
}

/// `(label, cookie, csrf)` of a web session per kind of caller; the public has none.
async fn web_callers(app: &TestApp) -> Vec<(&'static str, String, String)> {
    let mut all = vec![("public", String::new(), String::new())];
    for (label, role, agency) in [
        ("agency", Role::Agency, Some("32.73")),
        ("analyst", Role::Analyst, None),
        ("commissioner", Role::Commissioner, None),
        ("admin", Role::Admin, None),
    ] {
        let (cookie, csrf) = app.session(&format!("web_{label}"), role, agency).await;
        all.push((label, cookie, csrf));
    }
    all
}

/// The line of `csv` that starts with `prefix`.
fn line<'a>(csv: &'a str, prefix: &str) -> &'a str {
    csv.lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line {prefix:?} in {csv}"))
}
