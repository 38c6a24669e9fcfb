//! Parameters in force by date (issue #19) on SQLite and PostgreSQL: a value in force from a day judges the events
//! from that day on and leaves the earlier ones alone, at the day before, on and after the change; a value without
//! a day replaces the whole history; each change is audited, refused whole when invalid, and shown with its legal
//! basis on the parameters page and in the API.

use integration_tests::{both_databases, TestApp};
use serde_json::{json, Value};
use server::auth::Role;
use server::domain::Date;

const VIOLATIONS: &str = include_str!("../../docs/examples/batch-violations-32.73.json");
const KEY: &str = "rotation.post_inauguration_months";

async fn put(app: &TestApp, token: &str, key: &str, body: Value) -> (u16, Value) {
    let request = app
        .client
        .put(app.url(&format!("/api/v1/parameters/{key}")))
        .json(&body);
    app.send(request, Some(token)).await
}

/// The R-ROT-POST-INAUG violation of the example batch as the API shows it.
async fn post_inauguration(app: &TestApp, token: &str) -> Value {
    let (_, body) = app
        .send(
            app.client
                .get(app.url("/api/v1/violations?rule=R-ROT-POST-INAUG&include_cleared=true")),
            Some(token),
        )
        .await;
    body["violations"][0].clone()
}

/// Evaluates everything again (as an administrator) and returns the violation afterwards.
async fn evaluated(app: &TestApp, admin: &str) -> Value {
    let (status, body) = app
        .send(
            app.client
                .post(app.url("/api/v1/evaluate"))
                .json(&json!({})),
            Some(admin),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    post_inauguration(app, admin).await
}

fn history(list: &Value, key: &str) -> Vec<Value> {
    list.as_array()
        .expect("parameters")
        .iter()
        .find(|p| p["key"] == key)
        .expect("listed")["history"]
        .as_array()
        .expect("history")
        .clone()
}

both_databases! {
    async fn a_dated_value_judges_events_from_its_day_on_and_a_plain_one_replaces_the_history(app) {
        let admin = app.user("admin", Role::Admin, None).await;
        let (status, body) = app.submit(&admin, VIOLATIONS).await;
        assert_eq!(status, 200, "{body}");
        let before = post_inauguration(&app, &admin).await;
        let event = Date::parse(before["event_date"].as_str().expect("a date")).expect("date");
        assert_eq!(before["params"][KEY], "6");
        assert_eq!(before["params_since"], json!({}), "judged with the base value");

        // The ban waived (0 months) from the day after the rotation: it still stands.
        let after = event.add_days(1).to_string();
        let (status, body) = put(&app, &admin, KEY, json!({"value": "0", "from": after, "basis": "SE MenPANRB 2025"})).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["value"], "0", "the value in force today: {body}");
        let v = evaluated(&app, &admin).await;
        assert_eq!((v["active"].as_bool(), v["params"][KEY].as_str()), (Some(true), Some("6")), "{v}");

        // From the day of the rotation: cleared. From the day before: cleared too.
        for from in [event.to_string(), event.add_days(-1).to_string()] {
            put(&app, &admin, KEY, json!({"value": "6"})).await; // back to one value for all time
            assert!(evaluated(&app, &admin).await["active"].as_bool().unwrap_or_default());
            let (status, _) = put(&app, &admin, KEY, json!({"value": "0", "from": from})).await;
            assert_eq!(status, 200);
            let v = evaluated(&app, &admin).await;
            assert_eq!(v["active"].as_bool(), Some(false), "waived from {from}: {v}");
        }

        // A longer ban from the day before: flagged again, with the value and since when it was in force.
        let (status, _) = put(&app, &admin, KEY, json!({"value": "12", "from": event.add_days(-1).to_string()})).await;
        assert_eq!(status, 200);
        let v = evaluated(&app, &admin).await;
        assert_eq!(v["active"].as_bool(), Some(true));
        assert_eq!(v["params"][KEY], "12");
        assert_eq!(v["params_since"][KEY], event.add_days(-1).to_string());
        let (_, list) = app.send(app.client.get(app.url("/api/v1/parameters")), Some(&admin)).await;
        let steps = history(&list, KEY);
        assert_eq!(steps.len(), 2, "the base and the change of the same day, replaced: {steps:?}");
        assert_eq!((steps[0]["from"].clone(), steps[0]["value"].clone()), (Value::Null, json!("6")));
        assert_eq!((steps[1]["from"].clone(), steps[1]["value"].clone()), (json!(event.add_days(-1).to_string()), json!("12")));

        // Without a day the value replaces the whole history.
        let (status, _) = put(&app, &admin, KEY, json!({"value": "6", "basis": "UU 10/2016 art. 162(3)"})).await;
        assert_eq!(status, 200);
        let (_, list) = app.send(app.client.get(app.url("/api/v1/parameters")), Some(&admin)).await;
        let steps = history(&list, KEY);
        assert_eq!(steps.len(), 1, "{steps:?}");
        assert_eq!(steps[0]["basis"], "UU 10/2016 art. 162(3)");
        let v = evaluated(&app, &admin).await;
        assert_eq!((v["params"][KEY].as_str(), v["params_since"].clone()), (Some("6"), json!({})));
    }

    async fn bad_dated_changes_are_refused_and_store_nothing(app) {
        let admin = app.user("admin", Role::Admin, None).await;
        let analyst = app.user("analyst", Role::Analyst, None).await;
        let audit_count = |app: &TestApp| {
            let pool = app.db.pool.clone();
            async move {
                sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM audit_log WHERE action = 'parameter.set'")
                    .fetch_one(&pool).await.expect("count")
            }
        };
        for (key, body, status) in [
            (KEY, json!({"value": "0", "from": "2024-13-01"}), 422),
            (KEY, json!({"value": "lots", "from": "2024-03-15"}), 422),
            ("no.such", json!({"value": "1", "from": "2024-03-15"}), 404),
            // The window would end before it starts from that day on.
            ("tenure.covid_window_end", json!({"value": "2019-01-01", "from": "2024-03-15"}), 422),
            (KEY, json!({"value": "0", "from": "2024-03-15", "extra": true}), 400),
        ] {
            let (got, text) = put(&app, &admin, key, body.clone()).await;
            assert_eq!(got, status, "{body}: {text}");
        }
        assert_eq!(put(&app, &analyst, KEY, json!({"value": "0", "from": "2024-03-15"})).await.0, 403);
        assert_eq!(audit_count(&app).await, 0, "nothing stored, nothing audited");
        let changes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM parameter_changes")
            .fetch_one(&app.db.pool).await.expect("count");
        assert_eq!(changes, 0);

        // One good change is audited with the history before and after.
        assert_eq!(put(&app, &admin, KEY, json!({"value": "3", "from": "2024-03-15", "basis": "SE 2024"})).await.0, 200);
        let audited: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT before, after FROM audit_log WHERE action = 'parameter.set' AND subject = $1")
            .bind(KEY).fetch_all(&app.db.pool).await.expect("audit");
        assert_eq!(audited, [(Some("6".to_string()), Some("6; from 2024-03-15: 3".to_string()))]);
    }

    async fn the_parameters_page_shows_each_timeline_and_takes_a_dated_change(app) {
        let (admin, csrf) = app.session("web_admin", Role::Admin, None).await;
        let (analyst, _) = app.session("web_analyst", Role::Analyst, None).await;
        let post = |fields: Vec<(&'static str, &'static str)>| {
            let (admin, csrf, app) = (admin.clone(), csrf.clone(), &app);
            async move {
                let mut form = vec![("csrf", csrf.as_str())];
                form.extend(fields);
                app.post_form(&format!("/auth/parameter/{KEY}"), &admin, &form).await.1
            }
        };
        assert_eq!(post(vec![("value", "3"), ("from", "15-03-2024")]).await, "/parameter?galat=nilai");
        assert_eq!(post(vec![("value", "3"), ("from", "2024-03-15"), ("basis", "SE MenPANRB 2024")]).await,
                   "/parameter?hasil=diubah");
        let page = app.client.get(app.url("/parameter")).header("cookie", &analyst).send().await.expect("page");
        let html = page.text().await.expect("html");
        assert!(html.contains("data-from=\"2024-03-15\""), "the change on the timeline");
        assert!(html.contains("SE MenPANRB 2024"), "with its legal basis");
        assert!(html.contains("sejak awal"), "and the base value");
        assert!(!html.contains(&format!("/auth/parameter/{KEY}")), "analysts read, with no form");
    }
}
