//! Silent agencies (issue #19) on SQLite and PostgreSQL: the analysts' national list of agencies with no accepted
//! report for more than `reporting.silent_days` (180) or none ever — at the parameter's edge, sorted, exported —
//! the count on the public summary, and the data-quality section of the scorecard.

use integration_tests::{both_databases, TestApp};
use server::auth::Role;

const CLEAN: &str = include_str!("../../docs/examples/batch-32.04.json");

async fn page(app: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let response = app
        .client
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .expect("get");
    (
        response.status().as_u16(),
        response.text().await.expect("text"),
    )
}

/// Moves every submission of `agency` to `days` before today.
async fn received_days_ago(app: &TestApp, agency: &str, days: i64) {
    let at = format!("{}T10:00:00Z", server::clock::today().add_days(-days));
    sqlx::query("UPDATE submissions SET received_at = $1 WHERE agency_code = $2")
        .bind(at)
        .bind(agency)
        .execute(&app.db.pool)
        .await
        .expect("update");
}

both_databases! {
    async fn the_silent_list_holds_agencies_past_the_threshold_or_never_reporting(app) {
        let analyst_token = app.user("analyst", Role::Analyst, None).await;
        let (status, body) = app.submit(&analyst_token, CLEAN).await;
        assert_eq!(status, 200, "{body}");
        let refused = r#"{"schema": "pantau.report.v1", "agency_code": "32.73", "records": []}"#;
        assert_eq!(app.submit(&analyst_token, refused).await.0, 422);

        // The public summary counts them: every agency but 32.04 is silent (never reported).
        let (status, home) = app.page("/", "id").await;
        assert_eq!(status, 200);
        assert!(home.contains("634 instansi belum melapor dalam 6 bulan terakhir"), "the public count");

        let (analyst, _) = app.session("web_analyst", Role::Analyst, None).await;
        let listed = |html: &str, code: &str| html.contains(&format!("<tr data-code=\"{code}\">"));
        let (status, html) = page(&app, "/instansi-senyap?sort=code", &analyst).await;
        assert_eq!(status, 200);
        assert!(!listed(&html, "32.04") && listed(&html, "32.73"), "a refusal is not a report");
        assert!(html.contains("634 instansi"));

        // At the edge of reporting.silent_days (180): not silent on the 180th day, silent on the 181st.
        received_days_ago(&app, "32.04", 180).await;
        assert!(!listed(&page(&app, "/instansi-senyap", &analyst).await.1, "32.04"), "180 days: not yet");
        received_days_ago(&app, "32.04", 181).await;
        let (_, html) = page(&app, "/instansi-senyap", &analyst).await;
        assert!(listed(&html, "32.04"), "181 days: silent");
        let first_row = html.split("<tr data-code=\"").nth(1).and_then(|r| r.split('"').next());
        assert_ne!(first_row, Some("32.04"), "longest silent first: those that never reported come before");

        // Exported in the page's order, with the days silent (empty: never).
        let response = app.client.get(app.url("/ekspor/instansi-senyap.csv?sort=refused")).header("cookie", &analyst)
            .send().await.expect("csv");
        assert_eq!(integration_tests::header_of(&response, "content-type"), "text/csv; charset=utf-8");
        let csv = response.text().await.expect("csv");
        let mut lines = csv.lines();
        assert!(lines.next().is_some_and(|h| h.trim_start_matches('\u{feff}').starts_with("agency_code,agency,kind")));
        let first = lines.next().expect("a row");
        assert!(first.starts_with("32.73,") && first.contains(",,0,1,"), "most refused first, never accepted: {first}");
        assert!(csv.lines().any(|l| l.starts_with("32.04,") && l.contains(",181,1,0,")), "{csv}");
    }

    async fn the_scorecard_shows_how_the_agency_reports(app) {
        let analyst_token = app.user("analyst", Role::Analyst, None).await;
        app.submit(&analyst_token, CLEAN).await;
        let (commissioner, _) = app.session("web_commissioner", Role::Commissioner, None).await;
        let (status, html) = page(&app, "/instansi/32.04/kartu-skor", &commissioner).await;
        assert_eq!(status, 200);
        let today = server::clock::today();
        let quarter = format!("{}-Q{}", today.year(), (today.month() - 1) / 3 + 1);
        assert!(html.contains("id=\"data-quality\"") && html.contains(&quarter), "submissions per quarter");
        assert!(html.contains(&format!("Laporan diterima terakhir: {today}")));
        assert!(html.contains("id=\"quality-records\"") && !html.contains("id=\"quality-silent\""));
        let (_, html) = page(&app, "/instansi/32.73/kartu-skor", &commissioner).await;
        assert!(html.contains("id=\"quality-silent\"") && html.contains("Belum pernah ada laporan yang diterima"));
    }
}
