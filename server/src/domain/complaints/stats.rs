//! The neutrality statistics (issue #7): per election and year, per position level and per violation type,
//! counted from the facts of every complaint (imported records and form complaints alike). Pure: the I/O that
//! gathers the facts is `super::facts`.

use std::collections::BTreeMap;

use model::public::{CaseCounts, ComplaintStats, ElectionYear, GroupCounts, ELECTIONS};
use model::ComplaintStatus;

use super::followup::follow_up;
use crate::domain::Date;

/// What the statistics need of one complaint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseFacts {
    pub election: String,
    pub received_on: Date,
    pub position_level: String,
    /// `None` while a form complaint is not proven.
    pub violation_type: Option<String>,
    pub status: ComplaintStatus,
    pub recommended_on: Option<Date>,
    /// Every decision of the PPK on record for it (staff-entered or `neutrality_followup` records).
    pub decisions: Vec<Date>,
}

/// The days a PPK has to decide on a recommendation dated the given day (the parameter in force then, issue #19).
pub type DaysOn<'a> = &'a dyn Fn(Date) -> i32;

/// The statistics as of `as_of`, exact.
pub fn tally(facts: &[CaseFacts], days: DaysOn<'_>, as_of: Date) -> ComplaintStats<i64> {
    let mut total = CaseCounts::default();
    let mut by_election: BTreeMap<(usize, i32), CaseCounts<i64>> = BTreeMap::new();
    let mut by_position: BTreeMap<String, CaseCounts<i64>> = BTreeMap::new();
    let mut by_type: BTreeMap<String, CaseCounts<i64>> = BTreeMap::new();
    for fact in facts.iter().filter(|f| f.received_on <= as_of) {
        let counts = counts_of(fact, days, as_of);
        let election = ELECTIONS
            .iter()
            .position(|e| *e == fact.election)
            .unwrap_or(ELECTIONS.len() - 1);
        let kind = fact.violation_type.as_deref().unwrap_or("undetermined");
        for slot in [
            &mut total,
            by_election
                .entry((election, fact.received_on.year()))
                .or_default(),
            by_position.entry(fact.position_level.clone()).or_default(),
            by_type.entry(kind.to_string()).or_default(),
        ] {
            add(slot, &counts);
        }
    }
    let groups = |map: BTreeMap<String, CaseCounts<i64>>| {
        map.into_iter()
            .map(|(key, counts)| GroupCounts { key, counts })
            .collect()
    };
    ComplaintStats {
        as_of: as_of.to_string(),
        total,
        by_election: by_election
            .into_iter()
            .map(|((election, year), counts)| ElectionYear {
                election: ELECTIONS[election].to_string(),
                year,
                counts,
            })
            .collect(),
        by_position: groups(by_position),
        by_type: groups(by_type),
    }
}

/// One complaint's contribution: 0 or 1 in each column.
fn counts_of(fact: &CaseFacts, days: DaysOn<'_>, as_of: Date) -> CaseCounts<i64> {
    let recommended = fact.recommended_on.filter(|d| *d <= as_of);
    let follow = recommended.map(|issued| follow_up(issued, &fact.decisions, days(issued), as_of));
    let decided = follow.and_then(|f| f.decided_on.map(|d| (d, f.deadline)));
    CaseCounts {
        received: 1,
        proven: i64::from(fact.status == ComplaintStatus::Proven),
        recommended: i64::from(recommended.is_some()),
        followed_up: i64::from(decided.is_some()),
        in_time: i64::from(decided.is_some_and(|(d, deadline)| d <= deadline)),
        overdue: i64::from(follow.is_some_and(|f| f.overdue)),
    }
}

fn add(into: &mut CaseCounts<i64>, one: &CaseCounts<i64>) {
    into.received += one.received;
    into.proven += one.proven;
    into.recommended += one.recommended;
    into.followed_up += one.followed_up;
    into.in_time += one.in_time;
    into.overdue += one.overdue;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).expect("a test date")
    }

    /// A proven complaint recommended on 2024-10-01 (deadline 2024-10-15) with the given decisions.
    fn recommended(decisions: &[&str]) -> CaseFacts {
        CaseFacts {
            election: "pilkada_2024".into(),
            received_on: day("2024-09-20"),
            position_level: "jpt".into(),
            violation_type: Some("code_of_ethics".into()),
            status: ComplaintStatus::Proven,
            recommended_on: Some(day("2024-10-01")),
            decisions: decisions.iter().map(|d| day(d)).collect(),
        }
    }

    fn totals(facts: &[CaseFacts], as_of: &str) -> [i64; 6] {
        tally(facts, &|_| 14, day(as_of)).total.values()
    }

    #[test]
    fn overdue_starts_the_day_after_the_deadline() {
        let open = [recommended(&[])];
        assert_eq!(
            totals(&open, "2024-10-14"),
            [1, 1, 1, 0, 0, 0],
            "the day before the deadline"
        );
        assert_eq!(
            totals(&open, "2024-10-15"),
            [1, 1, 1, 0, 0, 0],
            "on the deadline"
        );
        assert_eq!(
            totals(&open, "2024-10-16"),
            [1, 1, 1, 0, 0, 1],
            "the day after"
        );
    }

    #[test]
    fn a_decision_by_the_deadline_is_in_time_a_later_one_is_late_and_overdue() {
        assert_eq!(
            totals(&[recommended(&["2024-10-15"])], "2025-01-01"),
            [1, 1, 1, 1, 1, 0]
        );
        assert_eq!(
            totals(&[recommended(&["2024-10-16"])], "2025-01-01"),
            [1, 1, 1, 1, 0, 1]
        );
        assert_eq!(
            totals(&[recommended(&["2024-10-20", "2024-10-10"])], "2025-01-01"),
            [1, 1, 1, 1, 1, 0],
            "the earliest decision counts"
        );
        assert_eq!(
            totals(&[recommended(&["2024-10-20"])], "2024-10-18"),
            [1, 1, 1, 0, 0, 1],
            "a decision after the as-of date is not known yet"
        );
    }

    #[test]
    fn complaints_are_grouped_by_election_year_position_and_type() {
        let mut form = recommended(&[]);
        form.election = "other".into();
        form.violation_type = None;
        form.status = ComplaintStatus::Received;
        form.recommended_on = None;
        form.position_level = "unknown".into();
        let mut early = recommended(&["2024-10-02"]);
        early.election = "pemilu_2024".into();
        early.received_on = day("2023-12-01");
        let stats = tally(&[recommended(&[]), form, early], &|_| 14, day("2025-01-01"));
        let elections: Vec<(&str, i32, i64)> = stats
            .by_election
            .iter()
            .map(|e| (e.election.as_str(), e.year, e.counts.received))
            .collect();
        assert_eq!(
            elections,
            [
                ("pemilu_2024", 2023, 1),
                ("pilkada_2024", 2024, 1),
                ("other", 2024, 1)
            ]
        );
        let types: Vec<(&str, [i64; 6])> = stats
            .by_type
            .iter()
            .map(|g| (g.key.as_str(), g.counts.values()))
            .collect();
        assert_eq!(
            types,
            [
                ("code_of_ethics", [2, 2, 2, 1, 1, 1]),
                ("undetermined", [1, 0, 0, 0, 0, 0])
            ]
        );
        let positions: Vec<&str> = stats.by_position.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(positions, ["jpt", "unknown"]);
    }

    #[test]
    fn complaints_received_after_the_as_of_date_are_not_counted() {
        assert_eq!(totals(&[recommended(&[])], "2024-09-19"), [0; 6]);
        assert_eq!(totals(&[recommended(&[])], "2024-09-20")[0], 1);
    }

    #[test]
    fn the_public_sees_small_counts_suppressed() {
        let stats = tally(&[recommended(&[])], &|_| 14, day("2025-01-01")).public();
        assert_eq!(stats.total.received, model::public::PublicCount::Few);
    }
}
