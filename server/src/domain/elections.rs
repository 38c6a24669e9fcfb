//! The elections a neutrality complaint is counted under. The public form asks for one of these codes; a complaint
//! imported without one (reports.md has no such field) is attributed by the day it was received: to the election
//! whose voting day is nearest, if that day is at most 12 months later or 3 months earlier (Bawaslu supervises
//! ASN neutrality from before the candidates are registered until the results are settled), else to `other`.
//! The codes (and `other`) must match `model::public::ELECTIONS`, which labels them.

use super::Date;

/// `(code, voting day)`, oldest first: the two national elections and the two simultaneous regional ones the
/// commission reported on.
pub const ELECTIONS: [(&str, &str); 4] = [
    ("pemilu_2019", "2019-04-17"),
    ("pilkada_2020", "2020-12-09"),
    ("pemilu_2024", "2024-02-14"),
    ("pilkada_2024", "2024-11-27"),
];

/// A complaint about none of the listed elections.
pub const OTHER: &str = "other";

/// Months before a voting day in which complaints count for it.
const MONTHS_BEFORE: i32 = 12;
/// Months after a voting day in which complaints still count for it.
const MONTHS_AFTER: i32 = 3;

/// Whether `code` is one of the elections or `other`.
pub fn is_known(code: &str) -> bool {
    code == OTHER || ELECTIONS.iter().any(|(c, _)| *c == code)
}

/// The election a complaint received on `received` is counted under when it names none.
pub fn election_of(received: Date) -> &'static str {
    ELECTIONS
        .iter()
        .filter_map(|(code, day)| Some((*code, Date::parse(day).ok()?)))
        .filter(|(_, voting)| {
            received >= voting.add_months(-MONTHS_BEFORE)
                && received <= voting.add_months(MONTHS_AFTER)
        })
        .min_by_key(|(_, voting)| (voting.day_number() - received.day_number()).abs())
        .map_or(OTHER, |(code, _)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(day: &str) -> &'static str {
        election_of(Date::parse(day).expect("a test date"))
    }

    #[test]
    fn every_voting_day_parses() {
        for (code, day) in ELECTIONS {
            assert!(Date::parse(day).is_ok(), "{code}");
            assert!(is_known(code));
        }
        assert!(is_known(OTHER));
        assert!(!is_known("pilkada_2030"));
    }

    #[test]
    fn the_pages_label_the_same_codes() {
        let mut codes: Vec<&str> = ELECTIONS.iter().map(|(code, _)| *code).collect();
        codes.push(OTHER);
        assert_eq!(codes, model::public::ELECTIONS);
    }

    #[test]
    fn the_window_runs_from_twelve_months_before_to_three_after() {
        assert_eq!(
            of("2018-04-16"),
            OTHER,
            "the day before Pemilu 2019's window"
        );
        assert_eq!(of("2018-04-17"), "pemilu_2019", "its first day");
        assert_eq!(of("2019-07-17"), "pemilu_2019", "its last day");
        assert_eq!(of("2019-07-18"), OTHER, "the day after");
        assert_eq!(
            of("2019-12-08"),
            OTHER,
            "the day before Pilkada 2020's window"
        );
        assert_eq!(of("2019-12-09"), "pilkada_2020");
        assert_eq!(of("2021-03-09"), "pilkada_2020");
        assert_eq!(of("2021-03-10"), OTHER);
        assert_eq!(of("2025-02-27"), "pilkada_2024");
        assert_eq!(of("2025-02-28"), OTHER);
    }

    #[test]
    fn overlapping_windows_go_to_the_nearest_voting_day() {
        // Pemilu 2024's window (to 2024-05-14) and Pilkada 2024's (from 2023-11-27) overlap.
        assert_eq!(
            of("2023-11-27"),
            "pemilu_2024",
            "79 days before against 366"
        );
        assert_eq!(
            of("2024-05-14"),
            "pemilu_2024",
            "the last day of Pemilu 2024's window"
        );
        assert_eq!(
            of("2024-05-15"),
            "pilkada_2024",
            "the day after: only Pilkada 2024's"
        );
    }
}
