//! Tests of `public` at its boundaries.

use std::collections::BTreeSet;

use super::*;

fn agency(code: &str, kind: AgencyKind, province: Option<&str>) -> Agency {
    Agency {
        code: code.to_string(),
        name: format!("Agency {code}"),
        kind,
        province_code: province.map(str::to_string),
        autonomous: true,
    }
}

fn verified(code: &str, year: i32, points: f64) -> Verified {
    Verified {
        aspects: None,
        agency_code: code.to_string(),
        year,
        score: Score::from_points(points).expect("a valid score"),
    }
}

fn count(agency: &str, rule: &str, status: &str, month: &str, n: i64) -> ViolationCount {
    ViolationCount {
        agency_code: agency.to_string(),
        rule_id: rule.to_string(),
        status: status.to_string(),
        month: month.to_string(),
        count: n,
    }
}

fn registry() -> Vec<Agency> {
    vec![
        agency("K01", AgencyKind::Ministry, None),
        agency("11", AgencyKind::Province, Some("11")),
        agency("1101", AgencyKind::Regency, Some("11")),
        agency("1171", AgencyKind::City, Some("11")),
        agency("12", AgencyKind::Province, Some("12")),
    ]
}

#[test]
fn a_province_counts_its_government_regencies_and_cities_with_the_standing_result() {
    let results = [
        // 1101 was good in 2022 and fell to Kurang in 2024: the 2024 result stands.
        verified("1101", 2022, 260.0),
        verified("1101", 2024, 240.0),
        // 1171 was good in 2023; not reassessed, so it still counts in 2025.
        verified("1171", 2023, 325.0),
        // A result of a year after the current one is not yet standing.
        verified("11", 2026, 300.0),
    ];
    let rows = provinces(&registry(), &results, &[], 2025);
    let aceh = rows.iter().find(|p| p.code == "11").expect("province 11");
    assert_eq!((aceh.total, aceh.assessed, aceh.good), (3, 2, 1));
    assert_eq!(aceh.share, 0.3333);
    let other = rows.iter().find(|p| p.code == "12").expect("province 12");
    assert_eq!(
        (other.total, other.assessed, other.good, other.share),
        (1, 0, 0, 0.0)
    );
    assert_eq!(rows.len(), 2, "one row per province, none for the ministry");
}

#[test]
fn the_band_edge_decides_good_on_the_map() {
    let results = [verified("1101", 2024, 249.9), verified("1171", 2024, 250.0)];
    let rows = provinces(&registry(), &results, &[], 2024);
    assert_eq!(rows[0].good, 1, "250.0 is Baik, 249.9 is Kurang");
}

#[test]
fn quarters_sum_months_and_leave_dismissed_violations_out() {
    let counts = [
        count("1101", "R-A", "open", "2024-01", 2),
        count("1171", "R-A", "in_review", "2024-03", 1),
        count("1171", "R-A", "dismissed", "2024-02", 5),
        count("1101", "R-A", "open", "2024-04", 1),
        count("1101", "R-B", "open", "2024-12", 7),
        count("1101", "R-B", "open", "garbage", 7),
    ];
    let rows = rule_quarters(&counts);
    let find = |q: &str, r: &str| {
        rows.iter()
            .find(|x| x.quarter == q && x.rule == r)
            .map(|x| x.count)
    };
    assert_eq!(find("2024-Q1", "R-A"), Some(PublicCount::Exact(3)));
    assert_eq!(find("2024-Q2", "R-A"), Some(PublicCount::Few));
    assert_eq!(find("2024-Q4", "R-B"), Some(PublicCount::Exact(7)));
    assert_eq!(rows.len(), 3);
    assert_eq!(
        model::public::quarters_and_rules(&rows).0,
        ["2024-Q1", "2024-Q2", "2024-Q4"]
    );
}

#[test]
fn agency_counts_are_summed_by_rule_and_status_before_suppression() {
    let counts = [
        count("1101", "R-A", "open", "2024-01", 1),
        count("1101", "R-A", "open", "2024-05", 2),
        count("1101", "R-A", "resolved", "2024-05", 2),
        count("1171", "R-A", "open", "2024-05", 9),
        // A ministry belongs to no province.
        count("K01", "R-A", "open", "2024-05", 5),
    ];
    let rows = agencies(&registry(), &[], &counts);
    let regency = rows.iter().find(|a| a.code == "1101").expect("1101");
    assert_eq!(
        regency.violations,
        [
            RuleStatusCount {
                rule: "R-A".into(),
                status: "open".into(),
                count: PublicCount::Exact(3)
            },
            RuleStatusCount {
                rule: "R-A".into(),
                status: "resolved".into(),
                count: PublicCount::Few
            },
        ]
    );
    let province = provinces(&registry(), &[], &counts, 2024);
    assert_eq!(province[0].violations[0].count, PublicCount::Exact(12));
    assert_eq!(province[0].violations.len(), 2, "open and resolved");
    assert_eq!(province[1].code, "12");
    assert_eq!(province[1].violations, [], "none of its agencies has any");
}

#[test]
fn an_agency_profile_shows_verified_results_with_their_change() {
    let rows = agencies(
        &registry(),
        &[verified("1101", 2022, 200.0), verified("1101", 2024, 262.5)],
        &[],
    );
    let regency = rows.iter().find(|a| a.code == "1101").expect("1101");
    assert_eq!(regency.merit.len(), 2);
    let standing = regency.standing().expect("a standing result");
    assert_eq!(standing.category.as_deref(), Some("baik"));
    assert_eq!(standing.change, Some(62.5));
    assert!(regency.merit.iter().all(|m| m.self_score.is_none()));
}

#[test]
fn complaints_are_counted_per_year_and_status() {
    use model::ComplaintStatus::{Dismissed, Proven, Received};
    let rows = complaint_years(&[
        (2024, Received),
        (2024, Proven),
        (2024, Proven),
        (2024, Proven),
        (2023, Dismissed),
    ]);
    assert_eq!(rows[0].year, 2023);
    assert_eq!(rows[0].counts[3], PublicCount::Few);
    assert_eq!(
        rows[1].counts,
        [
            PublicCount::Few,
            PublicCount::Exact(0),
            PublicCount::Exact(3),
            PublicCount::Exact(0)
        ]
    );
}

#[test]
fn every_province_of_the_registry_has_its_own_tile_on_the_map() {
    let registry =
        crate::domain::registry::parse(crate::domain::registry::BUNDLED_CSV).expect("registry");
    let provinces: BTreeSet<&str> = registry
        .iter()
        .filter(|a| a.kind == AgencyKind::Province)
        .map(|a| a.code.as_str())
        .collect();
    let tiles: BTreeSet<&str> = app::charts::PROVINCE_TILES.iter().map(|t| t.0).collect();
    assert_eq!(tiles, provinces);
    let places: BTreeSet<(i32, i32)> = app::charts::PROVINCE_TILES
        .iter()
        .map(|t| (t.2, t.3))
        .collect();
    assert_eq!(
        places.len(),
        app::charts::PROVINCE_TILES.len(),
        "no two provinces share a tile"
    );
}

#[test]
fn quarter_of_reads_only_year_and_month() {
    assert_eq!(quarter_of("2024-03").as_deref(), Some("2024-Q1"));
    assert_eq!(quarter_of("2024-04").as_deref(), Some("2024-Q2"));
    assert_eq!(quarter_of("2024-12").as_deref(), Some("2024-Q4"));
    assert_eq!(quarter_of("2024-13"), None);
    assert_eq!(quarter_of("24-01"), None);
}
