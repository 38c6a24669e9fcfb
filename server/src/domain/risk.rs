//! The scorecard's risk rating: a few points for what a commissioner should look at first, summed into low,
//! medium or high. The weights are the product's judgement, not law (README, "Risk rating"):
//!
//! - unsettled high-severity violations: none 0, one or two 1, three or more 2;
//! - overdue neutrality follow-ups (R-NEU-NO-FOLLOWUP still unsettled): any 1;
//! - merit category of the latest verified result: Buruk 2, Kurang 1, none yet 1, Baik or Sangat Baik 0.
//!
//! 0–1 points is low, 2–3 medium, 4 or more high.

use super::merit::MeritCategory;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Low,
    Medium,
    High,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }
}

/// The points behind a rating (see the module's note).
pub fn points(high_open: i64, overdue_followups: i64, merit: Option<MeritCategory>) -> u32 {
    let violations = match high_open {
        ..=0 => 0,
        1..=2 => 1,
        _ => 2,
    };
    let followups = u32::from(overdue_followups > 0);
    let merit = match merit {
        Some(MeritCategory::Buruk) => 2,
        Some(MeritCategory::Kurang) | None => 1,
        Some(MeritCategory::Baik | MeritCategory::SangatBaik) => 0,
    };
    violations + followups + merit
}

pub fn rate(high_open: i64, overdue_followups: i64, merit: Option<MeritCategory>) -> Level {
    match points(high_open, overdue_followups, merit) {
        0..=1 => Level::Low,
        2..=3 => Level::Medium,
        _ => Level::High,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MeritCategory::*;

    #[test]
    fn high_severity_violations_count_at_one_and_at_three() {
        assert_eq!(points(0, 0, Some(Baik)), 0);
        assert_eq!(points(1, 0, Some(Baik)), 1);
        assert_eq!(points(2, 0, Some(Baik)), 1);
        assert_eq!(points(3, 0, Some(Baik)), 2);
    }

    #[test]
    fn merit_categories_and_no_result_weigh_as_documented() {
        assert_eq!(points(0, 0, Some(SangatBaik)), 0);
        assert_eq!(points(0, 0, Some(Baik)), 0);
        assert_eq!(points(0, 0, Some(Kurang)), 1);
        assert_eq!(points(0, 0, None), 1);
        assert_eq!(points(0, 0, Some(Buruk)), 2);
    }

    #[test]
    fn levels_change_at_two_and_four_points() {
        assert_eq!(rate(1, 0, Some(Baik)), Level::Low); // 1
        assert_eq!(rate(1, 0, Some(Kurang)), Level::Medium); // 2
        assert_eq!(rate(3, 0, Some(Kurang)), Level::Medium); // 3
        assert_eq!(rate(3, 1, Some(Kurang)), Level::High); // 4
        assert_eq!(rate(0, 5, Some(Baik)), Level::Low); // 1: follow-ups count once
        assert_eq!(rate(3, 1, Some(Buruk)), Level::High); // 5
    }
}
