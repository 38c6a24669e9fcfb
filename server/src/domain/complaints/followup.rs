//! When a neutrality recommendation was followed up: shared by the rule R-NEU-NO-FOLLOWUP
//! (`rules::neutrality`) and the complaint statistics, so that "overdue" means the same in both.

use crate::domain::Date;

/// Where a recommendation stands as of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FollowUp {
    pub deadline: Date,
    /// The earliest decision known by the as-of date.
    pub decided_on: Option<Date>,
    /// The deadline passed without a decision by it: the rule flags it.
    pub overdue: bool,
}

/// The follow-up of a recommendation issued on `issued_on`, with `days` to decide, as of `as_of`. Decisions
/// dated after the as-of date had not happened yet as of it; the earliest decision counts. Also used by the
/// neutrality statistics, so that "overdue" there is exactly what this rule flags.
pub fn follow_up(issued_on: Date, decisions: &[Date], days: i32, as_of: Date) -> FollowUp {
    let deadline = issued_on.add_days(i64::from(days));
    let decided_on = decisions.iter().copied().filter(|d| *d <= as_of).min();
    let in_time = decided_on.is_some_and(|d| d <= deadline);
    FollowUp {
        deadline,
        decided_on,
        overdue: as_of > deadline && !in_time,
    }
}
