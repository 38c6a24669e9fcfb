//! `GET /api/v1/merit/progress` on SQLite and PostgreSQL: public, shaped as interfaces.md says, verified results
//! only, denominators from the registry.

use integration_tests::both_databases;
use serde_json::{json, Value};
use server::auth::Role;

fn merit(id: &str, year: i32, stage: &str, score: f64) -> Value {
    json!({"kind": "merit_assessment", "id": id, "year": year, "stage": stage, "total_score": score})
}

both_databases! {
    async fn progress_counts_verified_results_against_the_whole_registry(app) {
        let analyst = app.user("analyst", Role::Analyst, None).await;
        app.send_batch(&analyst, "32.04", json!([merit("V22", 2022, "verified", 262.5), merit("S23", 2023, "self", 330.0)])).await;
        app.send_batch(&analyst, "32.73", json!([merit("V23", 2023, "verified", 249.5)])).await;
        app.send_batch(&analyst, "K02", json!([merit("V23", 2023, "verified", 325.0)])).await;

        let (status, body) = app.json("/api/v1/merit/progress").await;
        assert_eq!(status, 200, "public, no credential");
        let groups: Vec<&str> = body["groups"].as_array().expect("groups").iter().filter_map(|g| g["group"].as_str()).collect();
        assert_eq!(groups, ["ministry", "institution", "province", "regency_city"]);
        let regency_city = &body["groups"][3];
        assert_eq!(regency_city["target"], json!({"share": 0.3, "year": 2024}));
        let year = |y: i64| regency_city["years"].as_array().expect("years").iter().find(|e| e["year"] == y).cloned().expect("year");
        let total = year(2022)["total"].as_i64().expect("total");
        assert!(total > 500, "all autonomous regencies and cities of the registry: {total}");
        assert_eq!((year(2022)["good"].as_i64(), year(2022)["assessed"].as_i64()), (Some(1), Some(1)));
        assert_eq!((year(2023)["good"].as_i64(), year(2023)["assessed"].as_i64()), (Some(1), Some(2)), "249.5 is not good; the self-assessment never counts");
        let first = regency_city["years"][0]["year"].as_i64();
        assert_eq!(first, Some(2022), "from the first verified result");
        let ministry = &body["groups"][0];
        let y2023 = ministry["years"].as_array().expect("years").iter().find(|e| e["year"] == 2023).cloned().expect("2023");
        assert_eq!((y2023["good"].as_i64(), y2023["assessed"].as_i64()), (Some(1), Some(1)));
        assert_eq!(ministry["target"], json!({"share": 1.0, "year": 2022}));
    }

    async fn the_merit_page_shows_the_same_figures_with_a_chart(app) {
        let analyst = app.user("analyst", Role::Analyst, None).await;
        app.send_batch(&analyst, "32.04", json!([merit("V22", 2022, "verified", 262.5)])).await;
        let (_, body) = app.json("/api/v1/merit/progress").await;
        let regency_city = &body["groups"][3];
        let total = regency_city["years"][0]["total"].as_i64().expect("total");

        let (status, html) = app.page("/sistem-merit", "id").await;
        assert_eq!(status, 200, "public");
        for part in ["id=\"chart-merit-progress\"", "<svg", "role=\"img\"", "id=\"group-regency_city\"",
                     "Kabupaten/kota otonom", "30,0 % (2024)"] {
            assert!(html.contains(part), "the page shows {part}");
        }
        let share = format!("{:.1} %", 100.0 / total as f64).replace('.', ",");
        assert!(html.contains(&share), "2022: one good of {total}, {share}");
        assert!(html.contains("id=\"chart-merit-categories\"") && html.contains("id=\"merit-categories\""));
        assert!(html.contains("<th scope=\"row\">2022</th><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">1</td>"),
                "262.5 is one Baik result in 2022");
        let (_, html) = app.page("/sistem-merit", "en").await;
        assert!(html.contains("Autonomous regencies and cities") && html.contains("30.0 % (2024)"));
    }
}
