//! Tests of `explorer` at its boundaries.

use super::*;

#[test]
fn a_cursor_reads_back_even_when_the_value_holds_its_separator() {
    let c = parse_cursor(&cursor("Kota A~B", 42)).expect("cursor");
    assert_eq!((c.value.as_str(), c.id), ("Kota A~B", 42));
    let c = parse_cursor(&cursor("2024-03-05", 7)).expect("cursor");
    assert_eq!((c.date, c.id), (20_240_305, 7));
    assert!(parse_cursor("2024-01-01").is_none());
    assert!(parse_cursor("2024-01-01~x").is_none());
}

#[test]
fn dates_pack_into_numbers_and_back() {
    assert_eq!(date_number("2024-02-29"), 20_240_229);
    assert_eq!(date_text(20_240_229), "2024-02-29");
    assert_eq!(date_number("bukan"), 0);
}

#[test]
fn unreadable_values_match_nothing_and_are_named() {
    let filter = ExplorerFilter {
        year: "20x5".into(),
        rule: "R-NOPE".into(),
        province: "32".into(),
        ..Default::default()
    };
    let wanted = Wanted::read(&filter, &Snapshot::default());
    assert_eq!(wanted.invalid, vec!["rule", "year"]);
    assert!(wanted.nothing);
    assert_eq!(wanted.province.as_deref(), Some("32"));
    let fine = Wanted::read(
        &ExplorerFilter {
            year: "2024".into(),
            severity: "high".into(),
            ..Default::default()
        },
        &Snapshot::default(),
    );
    assert!(!fine.nothing && fine.invalid.is_empty());
    assert_eq!((fine.year, fine.severity), (Some(2024), Some(0)));
}
