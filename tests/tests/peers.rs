//! The scorecard's peer comparison (issue #20) on SQLite and PostgreSQL: an agency beside the agencies of its own
//! kind that reported, with quartiles that follow the data after each import, an agency that never reported
//! shown its kind's spread without counting in it, and another kind kept apart.

use integration_tests::{both_databases, TestApp};
use model::types::{PeerMeasureKind, PeerStanding, Quartiles};
use serde_json::{json, Value};
use server::auth::Role;

/// Rotations of one agency, one per date, each from and to its own post.
fn rotations(prefix: &str, dates: &[&str]) -> Value {
    let records: Vec<Value> = dates
        .iter()
        .enumerate()
        .map(|(i, date)| json!({
            "kind": "rotation", "id": format!("{prefix}-{i}"), "nip": format!("19700101200003100{}", i % 9 + 1),
            "name": format!("Pejabat {i}"),
            "from_position": {"title": format!("Kepala Dinas {prefix} {i}"), "level": "pratama"}, "held_since": "2019-06-01",
            "to_position": {"title": format!("Staf Ahli {prefix} {i}"), "level": "pratama"},
            "effective_on": date, "basis": "restructuring"}))
        .collect();
    json!(records)
}

/// One acting assignment of 31 days (inclusive) in a post of its own.
fn acting(id: &str) -> Value {
    json!([{"kind": "acting_assignment", "id": id, "nip": "198002292005012004", "name": "Plt Kepala",
            "position": {"title": "Kepala Badan Keuangan", "level": "pratama"}, "type": "plt",
            "starts_on": "2025-01-01", "ends_on": "2025-01-31"}])
}

/// The text of each cell of the peer table's row for `measure` (tags and hydration markers dropped).
fn row_cells(html: &str, measure: &str) -> Vec<String> {
    let start = html
        .find(&format!("<tr data-measure=\"{measure}\""))
        .unwrap_or_else(|| panic!("no row for {measure}"));
    let row = &html[start..];
    let row = &row[..row.find("</tr>").expect("row end")];
    row.split("</t")
        .filter_map(|cell| {
            cell.rsplit_once('>')
                .map(|(_, text)| text.trim().to_string())
        })
        .filter(|text| !text.is_empty())
        .collect()
}

fn measure(peers: &model::types::Peers, kind: PeerMeasureKind) -> &model::types::PeerMeasure {
    peers
        .measures
        .iter()
        .find(|m| m.kind == kind)
        .expect("measure")
}

async fn table(app: &TestApp) -> server::service::peers::PeerTable {
    server::service::peers::compute(&app.db, server::clock::today())
        .await
        .expect("peers")
}

both_databases! {
    async fn an_agency_stands_beside_the_agencies_of_its_kind_that_reported(app) {
        let analyst = app.user("analyst", Role::Analyst, None).await;
        let dates = ["2025-03-05", "2025-03-10", "2025-03-15", "2025-03-20", "2025-03-25"];
        app.send_batch(&analyst, "32.04", rotations("BDG", &dates)).await;
        app.send_batch(&analyst, "32.01", rotations("BGR", &["2024-05-01", "2025-05-01"])).await;
        app.send_batch(&analyst, "32.01", acting("PLT-BGR")).await;
        app.send_batch(&analyst, "32.03", rotations("CJR", &["2025-06-01"])).await;
        app.send_batch(&analyst, "32.73", rotations("KBD", &["2025-06-01"])).await;

        let peers = table(&app).await;
        let bandung = peers.of("32.04").expect("an active agency");
        assert_eq!((bandung.kind, bandung.agencies), (model::types::AgencyKind::Regency, 3), "three regencies reported");
        assert_eq!(bandung.measures.len(), 14, "4 counts, the follow-up, the score and its 8 aspects");
        let per_year = measure(&bandung, PeerMeasureKind::RotationsPerYear);
        // 32.04: 5 in 2025; 32.01: 2 over 2024–2025; 32.03: 1 in 2025 → 5, 1, 1.
        assert_eq!(per_year.value, Some(5.0));
        assert_eq!(per_year.peers, 3);
        assert_eq!(per_year.quartiles, Some(Quartiles { min: 1.0, q1: 1.0, median: 1.0, q3: 3.0, max: 5.0 }));
        assert_eq!(per_year.standing, Some(PeerStanding::AboveQ3));
        let bogor = peers.of("32.01").expect("32.01");
        let acting_days = measure(&bogor, PeerMeasureKind::ActingDaysPerPost);
        // 31 acting days over 5 posts (two rotations' from and to, and the acting post).
        assert_eq!(acting_days.value, Some(31.0 / 5.0));
        let merit = measure(&bogor, PeerMeasureKind::MeritScore);
        assert_eq!((merit.value, merit.peers, merit.quartiles), (None, 0, None), "no verified result anywhere");
        let garut = peers.of("32.05").expect("a silent agency sees its kind");
        assert_eq!(garut.agencies, 3);
        assert!(garut.measures.iter().all(|m| m.value.is_none() && m.standing.is_none()));
        let city = peers.of("32.73").expect("a city");
        assert_eq!((city.kind, city.agencies), (model::types::AgencyKind::City, 1), "a city is no regency's peer");
        assert_eq!(peers.of("99.99"), None);

        let (commissioner, _) = app.session("web_commissioner", Role::Commissioner, None).await;
        let (status, html) = app.page_with_cookie("/instansi/32.04/kartu-skor", &commissioner).await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"scorecard-peers\"") && html.contains("Dibandingkan dengan kabupaten lain"));
        assert_eq!(html.matches("class=\"peer\">").count(), 14);
        assert!(html.contains(r#"<figure data-measure="rotations_per_year" data-standing="above_q3""#), "the agency marked");
        assert_eq!(row_cells(&html, "rotations_per_year"), ["Mutasi per tahun", "5,0", "1,0", "1,0", "3,0", "3"]);
        let chart = &html[html.find(r#"<figure data-measure="rotations_per_year""#).expect("figure")..];
        let chart = &chart[..chart.find("</figure>").expect("figure end")];
        assert!(chart.contains("<svg") && chart.contains("role=\"img\""), "a drawn chart with its text alternative");

        // Another import moves the spread: 32.03 now rotates five times a year too → 5, 1, 5.
        let more = ["2025-07-01", "2025-07-02", "2025-07-03", "2025-07-04"];
        app.send_batch(&analyst, "32.03", rotations("CJR2", &more)).await;
        let (_, html) = app.page_with_cookie("/instansi/32.04/kartu-skor", &commissioner).await;
        assert_eq!(row_cells(&html, "rotations_per_year"), ["Mutasi per tahun", "5,0", "3,0", "5,0", "5,0", "3"],
                   "the cached table follows the data");
        let (_, html) = app.page_with_cookie("/instansi/32.05/kartu-skor", &commissioner).await;
        assert_eq!(row_cells(&html, "rotations_per_year"), ["Mutasi per tahun", "—", "3,0", "5,0", "5,0", "3"]);
        assert!(html.contains("tidak ada data untuk diukur"));
    }
}
