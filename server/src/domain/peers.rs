//! An agency beside its peers (issue #20): the figures an evaluation keeps per agency, the measures derived from
//! them, and quartiles. Pure and tested at odd and even counts.
//!
//! Quartiles are interpolated between the sorted values (the "inclusive" method of spreadsheets' QUARTILE.INC
//! and numpy's default): with n values the p-quantile sits at position p·(n−1), so the median of an even count is
//! the mean of the middle two, and one value is its own quartiles. Analysts check the figures in a spreadsheet.

use model::types::{PeerStanding, Quartiles};

/// What an evaluation counts of one agency's records for the peer comparison (stored per agency; the violations,
/// the merit results and the follow-up come from their own tables).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgencyFigures {
    pub agency_code: String,
    /// Rotations reported (any date).
    pub rotations: i64,
    /// Calendar years from the first to the last year of the agency's dated events (selections announced,
    /// rotations effective, job fits held, acting assignments started); 0 with none.
    pub event_years: i64,
    /// Days under acting officials, each assignment counted from its start to its end (inclusive; an open one to
    /// the evaluation's as-of date; none after it).
    pub acting_days: i64,
    /// Distinct posts (level and title, compared without case and extra spaces) named in the agency's
    /// selections, rotations and acting assignments.
    pub posts: i64,
}

impl AgencyFigures {
    /// Rotations per calendar year of reported events; `None` without dated events.
    pub fn rotations_per_year(&self) -> Option<f64> {
        (self.event_years > 0).then(|| self.rotations as f64 / self.event_years as f64)
    }

    /// Acting days per post; `None` when the records name no post.
    pub fn acting_days_per_post(&self) -> Option<f64> {
        (self.posts > 0).then(|| self.acting_days as f64 / self.posts as f64)
    }
}

/// Violations per 100 records; `None` without records (an agency that reports nothing is not "clean").
pub fn per_100(violations: i64, records: i64) -> Option<f64> {
    (records > 0).then(|| violations as f64 * 100.0 / records as f64)
}

/// The quartiles of `values` (NaN ignored), `None` when there is none.
pub fn quartiles(values: &[f64]) -> Option<Quartiles> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    sorted.sort_by(f64::total_cmp);
    let (first, last) = (*sorted.first()?, *sorted.last()?);
    let at = |p: f64| -> f64 {
        let position = p * (sorted.len() - 1) as f64;
        // Whole positions within 0..len by construction; the casts cannot lose anything here.
        let below = position.floor() as usize;
        let above = position.ceil() as usize;
        let (low, high) = (sorted[below], sorted[above]);
        low + (high - low) * (position - below as f64)
    };
    Some(Quartiles {
        min: first,
        q1: at(0.25),
        median: at(0.5),
        q3: at(0.75),
        max: last,
    })
}

/// Where `value` stands: below the first quartile, up to the median, up to the third quartile, or above it. A
/// value on a quartile counts with the part below it, so that an agency at the median is "up to the median".
pub fn standing(value: f64, q: &Quartiles) -> PeerStanding {
    if value < q.q1 {
        PeerStanding::BelowQ1
    } else if value <= q.median {
        PeerStanding::LowerMiddle
    } else if value <= q.q3 {
        PeerStanding::UpperMiddle
    } else {
        PeerStanding::AboveQ3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(values: &[f64]) -> Quartiles {
        quartiles(values).expect("values")
    }

    #[test]
    fn an_odd_count_has_its_middle_value_as_median() {
        let q = q(&[9.0, 1.0, 5.0, 3.0, 7.0]);
        assert_eq!(
            (q.min, q.q1, q.median, q.q3, q.max),
            (1.0, 3.0, 5.0, 7.0, 9.0)
        );
    }

    #[test]
    fn an_even_count_interpolates_between_the_middle_two() {
        let q = q(&[4.0, 1.0, 3.0, 2.0]);
        assert_eq!(q.median, 2.5);
        assert_eq!(q.q1, 1.75, "position 0.75 between 1 and 2");
        assert_eq!(q.q3, 3.25, "position 2.25 between 3 and 4");
        assert_eq!((q.min, q.max), (1.0, 4.0));
    }

    #[test]
    fn one_value_is_its_own_quartiles_and_none_has_none() {
        let q = q(&[42.0]);
        assert_eq!(
            (q.min, q.q1, q.median, q.q3, q.max),
            (42.0, 42.0, 42.0, 42.0, 42.0)
        );
        assert_eq!(quartiles(&[]), None);
        assert_eq!(quartiles(&[f64::NAN]), None);
    }

    #[test]
    fn two_values_and_ties() {
        let q2 = q(&[10.0, 20.0]);
        assert_eq!((q2.q1, q2.median, q2.q3), (12.5, 15.0, 17.5));
        let tied = q(&[3.0, 3.0, 3.0, 8.0]);
        assert_eq!((tied.q1, tied.median, tied.q3), (3.0, 3.0, 4.25));
    }

    #[test]
    fn standing_counts_a_value_on_a_quartile_with_the_part_below() {
        let q = q(&[1.0, 2.0, 3.0, 4.0, 5.0]); // q1 2, median 3, q3 4
        assert_eq!(standing(1.99, &q), PeerStanding::BelowQ1);
        assert_eq!(standing(2.0, &q), PeerStanding::LowerMiddle);
        assert_eq!(standing(3.0, &q), PeerStanding::LowerMiddle);
        assert_eq!(standing(3.01, &q), PeerStanding::UpperMiddle);
        assert_eq!(standing(4.0, &q), PeerStanding::UpperMiddle);
        assert_eq!(standing(4.01, &q), PeerStanding::AboveQ3);
    }

    #[test]
    fn measures_need_something_to_measure() {
        assert_eq!(per_100(3, 0), None);
        assert_eq!(per_100(3, 60), Some(5.0));
        let none = AgencyFigures::default();
        assert_eq!(none.rotations_per_year(), None);
        assert_eq!(none.acting_days_per_post(), None);
        let some = AgencyFigures {
            rotations: 14,
            event_years: 7,
            acting_days: 300,
            posts: 4,
            ..AgencyFigures::default()
        };
        assert_eq!(some.rotations_per_year(), Some(2.0));
        assert_eq!(some.acting_days_per_post(), Some(75.0));
    }
}
