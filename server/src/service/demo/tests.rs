//! Tests of `demo` at its boundaries.

use super::*;
use crate::import::validate_batch;

fn agency(code: &str, kind: AgencyKind) -> Agency {
    Agency {
        code: code.into(),
        name: format!("Instansi {code}"),
        kind,
        province_code: kind.is_regional().then(|| "32".to_string()),
        autonomous: true,
    }
}

#[test]
fn batches_are_valid_and_deterministic() {
    let today = Date::new(2026, 11, 24).unwrap_or(Date::MAX);
    for a in [
        agency("K02", AgencyKind::Ministry),
        agency("L07", AgencyKind::Institution),
        agency("32", AgencyKind::Province),
        agency("32.04", AgencyKind::Regency),
        agency("32.73", AgencyKind::City),
    ] {
        for seed in [1, 2, 3] {
            let batch = agency_batch(&a, seed, 1.0);
            let checked = validate_batch(&batch, |c| (c == a.code).then(|| a.clone()), today);
            assert!(
                checked.is_ok(),
                "{} seed {seed}: {:?}",
                a.code,
                checked
                    .err()
                    .map(|e| e.into_iter().take(3).collect::<Vec<_>>())
            );
            assert_eq!(batch, agency_batch(&a, seed, 1.0), "same seed, same batch");
        }
        assert_ne!(agency_batch(&a, 1, 1.0), agency_batch(&a, 2, 1.0));
    }
}

#[test]
fn scale_multiplies_the_yearly_records() {
    let a = agency("32.04", AgencyKind::Regency);
    let count = |scale| {
        agency_batch(&a, 7, scale)["records"]
            .as_array()
            .map_or(0, Vec::len)
    };
    let (one, ten) = (count(1.0), count(10.0));
    assert!((120..260).contains(&one), "{one}");
    assert!(ten > 8 * one, "{one} → {ten}");
}
