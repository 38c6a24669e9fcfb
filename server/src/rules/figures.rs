//! What an evaluation counts of one agency's records for the peer comparison on the scorecard (issue #20):
//! rotations per year of reported events and days under acting officials per post. Counted with the rules, from
//! the records they already hold, so that the scorecard reads one stored row per agency instead of every record.

use std::collections::BTreeSet;

use super::signals::{normalized, rank};
use super::AgencyRecords;
use crate::domain::peers::AgencyFigures;
use crate::domain::records::Position;
use crate::domain::Date;

/// The figures of one agency's records as of `as_of` (an acting assignment still open counts to `as_of`; one that
/// starts later counts nothing).
pub fn figures(records: &AgencyRecords, as_of: Date) -> AgencyFigures {
    let mut years = records
        .selections
        .iter()
        .map(|s| s.body.announced_on)
        .chain(records.rotations.iter().map(|r| r.body.effective_on))
        .chain(records.job_fits.iter().map(|j| j.body.held_on))
        .chain(records.acting.iter().map(|a| a.body.starts_on))
        .map(Date::year);
    let event_years = match years.next() {
        None => 0,
        Some(first) => {
            let (low, high) = years.fold((first, first), |(lo, hi), y| (lo.min(y), hi.max(y)));
            i64::from(high - low + 1)
        }
    };
    let acting_days = records
        .acting
        .iter()
        .map(|a| {
            let end = a.body.ends_on.unwrap_or(as_of).min(as_of);
            (end.day_number() - a.body.starts_on.day_number() + 1).max(0)
        })
        .sum();
    let post = |p: &Position| (rank(p.level), normalized(&p.title));
    let posts: BTreeSet<(u8, String)> = records
        .selections
        .iter()
        .map(|s| post(&s.body.position))
        .chain(records.rotations.iter().flat_map(|r| {
            std::iter::once(post(&r.body.from_position))
                .chain(r.body.to_position.as_ref().map(post))
        }))
        .chain(records.acting.iter().map(|a| post(&a.body.position)))
        .collect();
    AgencyFigures {
        agency_code: records.code.clone(),
        rotations: i64::try_from(records.rotations.len()).unwrap_or(i64::MAX),
        event_years,
        acting_days,
        posts: i64::try_from(posts.len()).unwrap_or(i64::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::Level;
    use crate::rules::fixtures::*;

    #[test]
    fn nothing_reported_counts_nothing() {
        let f = figures(&regency(), day("2026-12-01"));
        assert_eq!(
            (f.rotations, f.event_years, f.acting_days, f.posts),
            (0, 0, 0, 0)
        );
        assert_eq!(f.rotations_per_year(), None);
        assert_eq!(f.acting_days_per_post(), None);
    }

    #[test]
    fn rotations_per_year_span_the_years_of_every_dated_event() {
        let mut r = regency();
        r.rotations.push(rotation("M1", "2020-01-01", "2021-06-01"));
        r.rotations.push(rotation("M2", "2020-01-01", "2021-07-01"));
        r.acting
            .push(acting("P1", "2024-02-01", Some("2024-02-10"), false));
        let f = figures(&r, day("2026-12-01"));
        assert_eq!(f.event_years, 4, "2021 to 2024");
        assert_eq!(f.rotations_per_year(), Some(0.5));
    }

    #[test]
    fn acting_days_are_inclusive_and_an_open_one_counts_to_the_as_of_date() {
        let mut r = regency();
        r.acting
            .push(acting("P1", "2024-02-01", Some("2024-02-10"), false)); // 10 days
        r.acting.push(acting("P2", "2026-11-30", None, false)); // 2 days to 2026-12-01
        r.acting.push(acting("P3", "2026-12-02", None, false)); // after the as-of date: none
        r.acting
            .push(acting("P4", "2026-11-01", Some("2027-01-31"), false)); // clipped: 31 days
        let f = figures(&r, day("2026-12-01"));
        assert_eq!(f.acting_days, 10 + 2 + 31);
        assert_eq!(f.posts, 1, "the same post each time");
    }

    #[test]
    fn posts_are_compared_by_level_and_title_without_case_or_extra_spaces() {
        let mut r = regency();
        r.acting
            .push(acting("P1", "2024-02-01", Some("2024-02-10"), false));
        let mut same = acting("P2", "2024-03-01", Some("2024-03-10"), false);
        same.body.position.title = "  kepala   DINAS ".into();
        r.acting.push(same);
        let mut madya = rotation("M1", "2020-01-01", "2021-06-01");
        madya.body.from_position = position(Level::Madya);
        madya.body.to_position = None;
        r.rotations.push(madya);
        r.selections.push(selection("S1"));
        let f = figures(&r, day("2026-12-01"));
        assert_eq!(f.posts, 2, "Kepala Dinas at pratama and at madya");
        assert_eq!(f.acting_days, 20);
        assert_eq!(f.acting_days_per_post(), Some(10.0));
    }
}
