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
    }
}
