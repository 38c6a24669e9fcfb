//! The rules over HTTP on SQLite and PostgreSQL: violations raised by an accepted batch, idempotent evaluation,
//! clearing by a corrected record (kept in history), the workflow with its roles, the list's filters, pages and
//! CSV export, and the parameters (admin only, audited, used by the next evaluation).

use integration_tests::{both_databases, TestApp};
use serde_json::{json, Value};
use server::auth::Role;

const VIOLATIONS: &str = include_str!("../../docs/examples/batch-violations-32.73.json");
const CLEAN: &str = include_str!("../../docs/examples/batch-32.04.json");

/// The tokens of one user per role; the clerk belongs to 32.73 (the rule-breaking example's agency).
struct Users {
    clerk: String,
    other_clerk: String,
    analyst: String,
    commissioner: String,
    admin: String,
}

async fn setup(app: &TestApp) -> Users {
    let users = Users {
        clerk: app.user("clerk", Role::Agency, Some("32.73")).await,
        other_clerk: app.user("other", Role::Agency, Some("32.04")).await,
        analyst: app.user("analyst", Role::Analyst, None).await,
        commissioner: app.user("commissioner", Role::Commissioner, None).await,
        admin: app.user("admin", Role::Admin, None).await,
    };
    for batch in [VIOLATIONS, CLEAN] {
        let (status, body) = app.submit(&users.analyst, batch).await;
        assert_eq!(status, 200, "{body}");
    }
    users
}

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> (u16, Value) {
    app.send(app.client.get(app.url(path)), token).await
}

async fn post(app: &TestApp, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
    app.send(app.client.post(app.url(path)).json(&body), token)
        .await
}

fn rules_of(body: &Value) -> Vec<String> {
    let mut rules: Vec<String> = body["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| v["rule_id"].as_str().unwrap_or_default().to_string())
        .collect();
    rules.sort();
    rules
}

/// The id of the stored violation of `rule`.
async fn id_of(app: &TestApp, rule: &str, token: &str) -> i64 {
    let (_, body) = get(app, &format!("/api/v1/violations?rule={rule}"), Some(token)).await;
    body["violations"][0]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no {rule}: {body}"))
}

async fn put(app: &TestApp, token: &str, key: &str, value: Value) -> (u16, Value) {
    let request = app
        .client
        .put(app.url(&format!("/api/v1/parameters/{key}")))
        .json(&json!({ "value": value }));
    app.send(request, Some(token)).await
}

both_databases! {
    async fn an_accepted_batch_raises_every_rule_it_breaks(app) {
        let users = setup(&app).await;
        let (status, body) = get(&app, "/api/v1/violations", Some(&users.analyst)).await;
        assert_eq!(status, 200, "{body}");
        // R-REC-OVERDUE needs a recommendation issued in this system (tests/tests/recommendations.rs).
        let mut expected: Vec<String> = server::rules::RuleId::ALL.iter()
            .filter(|r| **r != server::rules::RuleId::RecOverdue)
            .map(|r| r.as_str().to_string()).collect();
        expected.sort();
        assert_eq!(rules_of(&body), expected, "the example breaks each rule once; the clean batch none");
        let post_inauguration = body["violations"].as_array().expect("array").iter()
            .find(|v| v["rule_id"] == "R-ROT-POST-INAUG").expect("flagged").clone();
        assert_eq!(post_inauguration["agency_code"], "32.73");
        assert_eq!(post_inauguration["record_kind"], "rotation");
        assert_eq!(post_inauguration["record_id"], "MUT-2025-001");
        assert_eq!(post_inauguration["subject_nip"], "198503102010012002");
        assert_eq!(post_inauguration["event_date"], "2025-06-20");
        assert_eq!(post_inauguration["severity"], "high");
        assert_eq!(post_inauguration["status"], "open");
        assert_eq!(post_inauguration["legal_basis"], "UU 10/2016 art. 162(3)");
        assert_eq!(post_inauguration["params"], json!({"rotation.post_inauguration_months": "6"}));
        assert!(post_inauguration["message"].as_str().unwrap_or_default()
            .contains("mutasi 4 bulan setelah pelantikan 2025-02-20"), "{post_inauguration}");
    }

    async fn evaluation_is_idempotent_and_corrections_clear_violations(app) {
        let users = setup(&app).await;
        let (status, first) = post(&app, "/api/v1/evaluate", Some(&users.admin), json!({"as_of": "2026-01-01"})).await;
        assert_eq!(status, 200, "{first}");
        let (_, second) = post(&app, "/api/v1/evaluate", Some(&users.admin), json!({"as_of": "2026-01-01"})).await;
        for rule in second["rules"].as_array().expect("rules") {
            assert_eq!((rule["raised"].as_i64(), rule["cleared"].as_i64()), (Some(0), Some(0)), "{rule}");
        }
        let flagged = |summary: &Value| summary["rules"].as_array().expect("rules").iter()
            .map(|r| r["flagged"].as_i64().unwrap_or_default()).sum::<i64>();
        assert_eq!(flagged(&first), 13);
        assert_eq!(flagged(&second), 13);

        // Each batch keeps its agency's bundle current, so the rows keep no compact form (an answer's aside, issue
        // #21); with the bundles gone, the records are read from their JSON, judged the same, and bundled again.
        let cached = || async {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM records WHERE compact IS NOT NULL AND kind <> 'recommendation_response'")
                .fetch_one(&app.db.pool).await.expect("count")
        };
        assert_eq!(cached().await, 0, "the compact forms live in the bundles");
        let bundles = || async {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM rule_bundles b JOIN agencies a ON a.code = b.agency_code AND a.records_version = b.version")
                .fetch_one(&app.db.pool).await.expect("count")
        };
        let current = bundles().await;
        assert!(current > 0, "each agency with records has a current bundle");
        sqlx::query("DELETE FROM rule_bundles").execute(&app.db.pool).await.expect("drop the bundles");
        let (_, third) = post(&app, "/api/v1/evaluate", Some(&users.admin), json!({"as_of": "2026-01-01"})).await;
        assert_eq!(third, second, "the same judgement from the JSON");
        assert_eq!(bundles().await, current, "and the bundles are back");
        let (_, fourth) = post(&app, "/api/v1/evaluate", Some(&users.admin), json!({"as_of": "2026-01-01"})).await;
        assert_eq!(fourth, second, "and again from the rebuilt bundles");

        // The agency corrects the acting assignment: it ended on the limit day.
        let id = id_of(&app, "R-ACTING-TOO-LONG", &users.analyst).await;
        let mut corrected: Value = serde_json::from_str(VIOLATIONS).expect("json");
        corrected["records"] = json!([corrected["records"].as_array().expect("records").iter()
            .find(|r| r["id"] == "PLT-2024-05").expect("record").clone()]);
        corrected["records"][0]["ends_on"] = json!("2024-08-01");
        let request = app.client.post(app.url("/api/v1/reports")).header("Content-Type", "application/json").body(corrected.to_string());
        let (status, body) = app.send(request, Some(&users.clerk)).await;
        assert_eq!((status, body["updated"].as_i64()), (200, Some(1)), "{body}");

        let (_, body) = get(&app, "/api/v1/violations?rule=R-ACTING-TOO-LONG", Some(&users.analyst)).await;
        assert_eq!(body["violations"], json!([]), "cleared by the corrected record");
        let (_, body) = get(&app, "/api/v1/violations?rule=R-ACTING-TOO-LONG&include_cleared=true", Some(&users.analyst)).await;
        assert_eq!(body["violations"][0]["active"], false, "kept in history");
        assert!(body["violations"][0]["cleared_as_of"].is_string());
        let (_, detail) = get(&app, &format!("/api/v1/violations/{id}"), Some(&users.analyst)).await;
        let events: Vec<&str> = detail["events"].as_array().expect("events").iter().filter_map(|e| e["event"].as_str()).collect();
        assert_eq!(events, ["flagged", "cleared"], "{detail}");
        assert_eq!(detail["revisions"].as_array().map(Vec::len), Some(2), "both revisions of the record are readable");
        assert_eq!(detail["revisions"][0]["content"]["ends_on"], "2024-09-30");
    }

    async fn the_workflow_follows_roles_and_is_audited(app) {
        let users = setup(&app).await;
        let id = id_of(&app, "R-SEL-NO-REC", &users.analyst).await;
        let path = format!("/api/v1/violations/{id}/transition");
        let step = |to: &str| json!({"to": to});

        assert_eq!(post(&app, &path, None, step("in_review")).await.0, 401);
        assert_eq!(post(&app, &path, Some(&users.clerk), step("in_review")).await.0, 403, "clerks do not move cases");
        assert_eq!(post(&app, &path, Some(&users.other_clerk), step("in_review")).await.0, 404, "another agency's case does not exist for a clerk");
        assert_eq!(post(&app, &path, Some(&users.admin), step("in_review")).await.0, 403, "administrators do not move cases");
        assert_eq!(post(&app, &path, Some(&users.analyst), step("resolved")).await.0, 403);
        assert_eq!(post(&app, &path, Some(&users.commissioner), step("resolved")).await.0, 409, "not from open");
        assert_eq!(post(&app, &path, Some(&users.analyst), step("closed")).await.0, 400, "no such status");

        let (status, body) = post(&app, &path, Some(&users.analyst), step("in_review")).await;
        assert_eq!((status, body["violation"]["status"].as_str()), (200, Some("in_review")), "{body}");
        assert_eq!(post(&app, &path, Some(&users.analyst), step("in_review")).await.0, 409, "already in review");
        assert_eq!(post(&app, &path, Some(&users.commissioner), step("recommendation_issued")).await.0, 422, "needs its letter");
        let (status, body) = post(&app, &path, Some(&users.commissioner),
            json!({"to": "recommendation_issued", "letter_number": "R-77/KASN/2025", "letter_date": "2025-05-02"})).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(post(&app, &path, Some(&users.commissioner), step("dismissed")).await.0, 422, "needs a reason");
        let (status, body) = post(&app, &path, Some(&users.commissioner),
            json!({"to": "dismissed", "reason": "rekomendasi ternyata terbit sebelum pelantikan; surat tidak dilaporkan"})).await;
        assert_eq!((status, body["violation"]["status"].as_str()), (200, Some("dismissed")), "{body}");
        assert_eq!(post(&app, &path, Some(&users.commissioner), step("resolved")).await.0, 409, "dismissed is final");

        let steps: Vec<(Value, Value)> = body["events"].as_array().expect("events").iter()
            .filter(|e| e["event"] == "transition").map(|e| (e["actor"].clone(), e["to_status"].clone())).collect();
        assert_eq!(steps, [
            (json!("analyst"), json!("in_review")),
            (json!("commissioner"), json!("recommendation_issued")),
            (json!("commissioner"), json!("dismissed")),
        ]);
        let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'violation.transition' AND subject = $1")
            .bind(format!("violation/{id}")).fetch_one(&app.db.pool).await.expect("audit");
        assert_eq!(audited, 3);

        // A status survives re-evaluation.
        assert_eq!(post(&app, "/api/v1/evaluate", Some(&users.admin), json!({})).await.0, 200);
        let (_, detail) = get(&app, &format!("/api/v1/violations/{id}"), Some(&users.analyst)).await;
        assert_eq!(detail["violation"]["status"], "dismissed");
    }

    async fn steps_taken_together_land_all_or_none_each_audited(app) {
        use server::service::violations::{take_steps, StepError, StepRequest};
        let users = setup(&app).await;
        let first = id_of(&app, "R-SEL-NO-REC", &users.analyst).await;
        let second = id_of(&app, "R-SEL-AGE", &users.analyst).await;
        let commissioner = server::auth::Principal { user: "commissioner".into(), role: Role::Commissioner, agency_code: None };
        let to = |to: &str| StepRequest { to: to.into(), ..Default::default() };
        let issue = StepRequest { letter_number: Some("R-9/BKN/2026".into()), letter_date: Some("2026-11-02".into()), ..to("recommendation_issued") };
        let review = to("in_review");
        let status = |id: i64| {
            let app = &app;
            let token = users.analyst.clone();
            async move { get(app, &format!("/api/v1/violations/{id}"), Some(&token)).await.1["violation"]["status"].clone() }
        };
        let audited = || async {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM audit_log WHERE action = 'violation.transition'")
                .fetch_one(&app.db.pool).await.expect("audit")
        };

        // The second violation's step is refused (issuing needs review first): the first's steps are not taken.
        let refused = take_steps(&app.db, &commissioner, &[(first, &review), (first, &issue), (second, &issue)]).await;
        assert!(matches!(refused, Err(StepError::Refused(_))), "{refused:?}");
        assert_eq!((status(first).await, status(second).await), (json!("open"), json!("open")));
        assert_eq!(audited().await, 0);
        // A clerk may not take them at all, even their own agency's.
        let clerk = server::auth::Principal { user: "clerk".into(), role: Role::Agency, agency_code: Some("32.73".into()) };
        let refused = take_steps(&app.db, &clerk, &[(first, &review)]).await;
        assert!(matches!(refused, Err(StepError::Refused(_))), "{refused:?}");
        // In the store: a move whose violation is no longer where it was (here: not dismissed) undoes the moves
        // before it in the same transaction, and names the violation.
        {
            use server::db::Move;
            use server::rules::lifecycle::{Status, Transition};
            let step = Transition { to: Status::InReview, reason: None, letter_number: None, letter_date: None };
            let moves = [Move { id: first, from: Status::Open, step: &step }, Move { id: second, from: Status::Dismissed, step: &step }];
            let stale = app.db.transition_violations(&moves, ("2026-11-02T08:00:00Z", "commissioner")).await.expect("moves");
            assert_eq!(stale, Some(second));
            assert_eq!((status(first).await, status(second).await), (json!("open"), json!("open")));
            assert_eq!(audited().await, 0);
            // A violation's second move is checked against the status its first left (the moves go in rounds).
            let moves = [Move { id: first, from: Status::Open, step: &step }, Move { id: first, from: Status::Open, step: &step }];
            let stale = app.db.transition_violations(&moves, ("2026-11-02T08:00:00Z", "commissioner")).await.expect("moves");
            assert_eq!(stale, Some(first));
            assert_eq!((status(first).await, audited().await), (json!("open"), 0));
        }

        // In order, each from the status the one before left: all land, one audit entry per step.
        take_steps(&app.db, &commissioner, &[(first, &review), (first, &issue), (second, &review)]).await.expect("steps");
        assert_eq!((status(first).await, status(second).await), (json!("recommendation_issued"), json!("in_review")));
        assert_eq!(audited().await, 3);
        let (_, detail) = get(&app, &format!("/api/v1/violations/{first}"), Some(&users.analyst)).await;
        let moves: Vec<&Value> = detail["events"].as_array().expect("events").iter()
            .filter(|e| e["event"] == "transition").map(|e| &e["to_status"]).collect();
        assert_eq!(moves, [&json!("in_review"), &json!("recommendation_issued")], "{detail}");
    }

    async fn racing_steps_on_one_violation_land_once(app) {
        // Staff on several servers may take the same step at the same moment: the store reads the violation locked
        // (FOR UPDATE on PostgreSQL, the write lock on SQLite), so exactly one step lands and the others learn that
        // it moved.
        use server::rules::lifecycle::{Status, Transition};
        let users = setup(&app).await;
        let id = id_of(&app, "R-SEL-NO-REC", &users.analyst).await;
        let racers: Vec<_> = (0..8)
            .map(|n| {
                let db = app.db.clone();
                tokio::spawn(async move {
                    let step = Transition { to: Status::InReview, reason: None, letter_number: None, letter_date: None };
                    db.transition_violation(id, Status::Open, &step, ("2026-11-02T08:00:00Z", &format!("staff-{n}"))).await
                })
            })
            .collect();
        let mut landed = 0;
        for racer in racers {
            if racer.await.expect("joined").expect("stored") {
                landed += 1;
            }
        }
        assert_eq!(landed, 1);
        let count = |sql: &'static str| {
            let pool = app.db.pool.clone();
            async move { sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_one(&pool).await.expect(sql) }
        };
        assert_eq!(count("SELECT COUNT(*) FROM violation_events WHERE violation_id = $1 AND event = 'transition'").await, 1);
        assert_eq!(count("SELECT COUNT(*) FROM violations WHERE id = $1 AND status = 'in_review'").await, 1);
    }

    async fn the_list_is_scoped_filtered_paged_and_exported(app) {
        let users = setup(&app).await;
        assert_eq!(get(&app, "/api/v1/violations", None).await.0, 401);
        for token in [&users.analyst, &users.commissioner, &users.admin, &users.clerk] {
            let (status, body) = get(&app, "/api/v1/violations", Some(token)).await;
            assert_eq!((status, body["violations"].as_array().map(Vec::len)), (200, Some(13)));
        }
        let (status, body) = get(&app, "/api/v1/violations", Some(&users.other_clerk)).await;
        assert_eq!((status, body["violations"].as_array().map(Vec::len)), (200, Some(0)), "a clerk sees only their agency's");
        assert_eq!(get(&app, "/api/v1/violations?agency=32.73", Some(&users.other_clerk)).await.0, 403);

        let (_, body) = get(&app, "/api/v1/violations?rule=R-SEL-AGE", Some(&users.analyst)).await;
        assert_eq!(rules_of(&body), ["R-SEL-AGE"]);
        assert_eq!(body["violations"][0]["subject_nip"], "196601012000031003");
        let (_, body) = get(&app, "/api/v1/violations?agency=32.04", Some(&users.analyst)).await;
        assert_eq!(body["violations"], json!([]));
        let (_, body) = get(&app, "/api/v1/violations?status=in_review", Some(&users.analyst)).await;
        assert_eq!(body["violations"], json!([]));
        for bad in ["rule=R-NOPE", "status=closed", "as_of=2024-02-30", "limit=0", "colour=red"] {
            let (status, body) = get(&app, &format!("/api/v1/violations?{bad}"), Some(&users.analyst)).await;
            assert_eq!((status, body["error"]["code"].as_str()), (400, Some("bad_request")), "{bad}: {body}");
        }

        // Pages of 5 by id, following next_after.
        let mut seen = Vec::new();
        let mut after = 0;
        loop {
            let (_, page) = get(&app, &format!("/api/v1/violations?limit=5&after={after}"), Some(&users.analyst)).await;
            let rows = page["violations"].as_array().expect("rows").clone();
            assert!(rows.len() <= 5);
            seen.extend(rows.iter().filter_map(|r| r["id"].as_i64()));
            match page["next_after"].as_i64() {
                Some(next) => after = next,
                None => break,
            }
        }
        assert_eq!(seen.len(), 13);
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "ordered by id, no repeats");

        // As of a past date the rules are judged afresh: a closed acting assignment by its recorded end (rules.md),
        // a neutrality deadline by the as-of date.
        let (_, body) = get(&app, "/api/v1/violations?as_of=2024-08-01&rule=R-ACTING-TOO-LONG", Some(&users.analyst)).await;
        assert_eq!(body["violations"][0]["flagged_as_of"], "2024-08-01", "{body}");
        assert_eq!(body["violations"][0]["status"], "open", "the stored status is joined");
        let (_, body) = get(&app, "/api/v1/violations?as_of=2024-10-15&rule=R-NEU-NO-FOLLOWUP", Some(&users.analyst)).await;
        assert_eq!(body["violations"], json!([]), "on the deadline");
        let (_, body) = get(&app, "/api/v1/violations?as_of=2024-10-16&rule=R-NEU-NO-FOLLOWUP", Some(&users.analyst)).await;
        assert!(body["violations"][0]["message_en"].as_str().unwrap_or_default().contains("not followed up"), "{body}");

        // The CSV export holds the same rows as the filtered JSON.
        let response = app.client.get(app.url("/api/v1/violations?rule=R-PANSEL-SIZE"))
            .bearer_auth(&users.analyst).header("Accept", "text/csv").send().await.expect("csv");
        assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
        let text = response.text().await.expect("body");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], server::service::export::VIOLATION_COLUMNS.join(","));
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[1].contains(",R-PANSEL-SIZE,medium,open,32.73,selection,SEL/2024/07,,2024-05-06,"), "{}", lines[1]);
    }

    async fn parameters_are_shown_to_staff_and_changed_by_admins_only(app) {
        let users = setup(&app).await;
        assert_eq!(get(&app, "/api/v1/parameters", None).await.0, 401);
        assert_eq!(get(&app, "/api/v1/parameters", Some(&users.clerk)).await.0, 403);
        let (status, body) = get(&app, "/api/v1/parameters", Some(&users.analyst)).await;
        assert_eq!(status, 200);
        let followup = body.as_array().expect("list").iter().find(|p| p["key"] == "neutrality.followup_days").expect("listed").clone();
        assert_eq!((followup["value"].as_str(), followup["default"].as_str()), (Some("14"), Some("14")));

        assert_eq!(put(&app, &users.commissioner, "neutrality.followup_days", json!("30")).await.0, 403);
        assert_eq!(put(&app, &users.admin, "neutrality.followup_days", json!("-3")).await.0, 422);
        assert_eq!(put(&app, &users.admin, "tenure.covid_window_end", json!("2019-01-01")).await.0, 422, "window out of order");
        assert_eq!(put(&app, &users.admin, "no.such", json!("1")).await.0, 404);
        let (status, body) = put(&app, &users.admin, "neutrality.followup_days", json!("30")).await;
        assert_eq!((status, body["value"].as_str()), (200, Some("30")), "{body}");
        let audited: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT before, after FROM audit_log WHERE action = 'parameter.set' AND subject = 'neutrality.followup_days'")
            .fetch_all(&app.db.pool).await.expect("audit");
        assert_eq!(audited, [(Some("14".to_string()), Some("30".to_string()))]);

        // Decided on 2024-10-30, within 30 days of 2024-10-01: the next evaluation clears the flag.
        let (_, summary) = post(&app, "/api/v1/evaluate", Some(&users.admin), json!({})).await;
        let neutrality = summary["rules"].as_array().expect("rules").iter().find(|r| r["rule_id"] == "R-NEU-NO-FOLLOWUP").expect("rule").clone();
        assert_eq!((neutrality["flagged"].as_i64(), neutrality["cleared"].as_i64()), (Some(0), Some(1)), "{neutrality}");
        assert_eq!(post(&app, "/api/v1/evaluate", Some(&users.analyst), json!({})).await.0, 403, "evaluation is for admins");
        assert_eq!(post(&app, "/api/v1/evaluate", Some(&users.admin), json!({"as_of": "yesterday"})).await.0, 400);
    }
}

mod record_rows {
    use super::*;

    both_databases! {
        async fn candidates_and_participants_are_rows_replaced_on_revision(app) {
            let users = setup(&app).await;
            // 196601012000031003 is the too-old rank-1 candidate of SEL/2024/07.
            let (status, body) = get(&app, "/api/v1/people/196601012000031003", Some(&users.analyst)).await;
            assert_eq!(status, 200, "{body}");
            assert_eq!(body["appearances"], json!([
                {"agency_code": "32.73", "record_kind": "selection", "record_id": "SEL/2024/07", "proposed_rank": 1}
            ]));
            assert_eq!(rules_of(&body), ["R-SEL-AGE"]);
            let (_, body) = get(&app, "/api/v1/people/197001012000031001", Some(&users.analyst)).await;
            assert_eq!(body["appearances"][0]["record_kind"], "job_fit");

            let count = |table: &'static str| {
                let pool = app.db.pool.clone();
                async move {
                    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                        .fetch_one(&pool).await.expect("count")
                }
            };
            // The two examples: 5 + 4 committee members, 4 + 3 candidates, 2 + 1 participants.
            assert_eq!((count("selection_committee_members").await, count("selection_candidates").await,
                        count("job_fit_participants").await), (9, 7, 3));

            // A revised selection replaces its rows: one candidate fewer, a fifth committee member.
            let mut revised: Value = serde_json::from_str(VIOLATIONS).expect("json");
            let mut selection = revised["records"].as_array().expect("records").iter()
                .find(|r| r["id"] == "SEL/2024/07").expect("selection").clone();
            selection["candidates"].as_array_mut().expect("candidates").remove(0);
            selection["committee"].as_array_mut().expect("committee")
                .push(json!({"name": "Anggota Pansel E", "origin": "external", "role": "member"}));
            revised["records"] = json!([selection]);
            let request = app.client.post(app.url("/api/v1/reports")).header("Content-Type", "application/json").body(revised.to_string());
            assert_eq!(app.send(request, Some(&users.clerk)).await.0, 200);
            assert_eq!((count("selection_committee_members").await, count("selection_candidates").await), (10, 6));
            let (_, body) = get(&app, "/api/v1/people/196601012000031003", Some(&users.analyst)).await;
            assert_eq!(body["appearances"], json!([]), "no longer a candidate");
            assert_eq!(body["violations"][0]["active"], false, "its age violation is cleared, kept in history");

            assert_eq!(get(&app, "/api/v1/people/196601012000031003", Some(&users.clerk)).await.0, 403, "personal data: staff only");
            assert_eq!(get(&app, "/api/v1/people/196601012000031003", None).await.0, 401);
            assert_eq!(get(&app, "/api/v1/people/123", Some(&users.analyst)).await.0, 400);
        }
    }
}
