//! Where a recommendation on a violation stands as of a date (rules.md, "Recommendation follow-up"): due on the
//! letter date plus `recommendation.followup_days`; `resolved` once an answer was accepted, `answered` while an
//! answer awaits the commissioner's verdict, `overdue` past the due date otherwise, `pending` before it. Shared by
//! the rule R-REC-OVERDUE, the API's list and the compliance figures, so that "overdue" means one thing.
//!
//! "As of" is honoured throughout: an answer dated after the as-of date had not been sent yet, and a verdict
//! given after it had not been given.

pub use model::recommendation::Outcome;
use model::{RecommendationState, ResponseAction};

use crate::domain::Date;

/// The commissioner's verdict on one answer, and the day it was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Accepted(Date),
    Rejected(Date),
}

/// One `recommendation_response` of the agency, with the verdict on its current revision if there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The record's id (the agency's own reference).
    pub id: String,
    pub responded_on: Date,
    pub action: ResponseAction,
    pub verdict: Option<Verdict>,
}

/// A recommendation as the follow-up reads it: its letter date, the day the violation was resolved after it (by
/// an accepted answer, or by a commissioner's workflow step without one), and the agency's answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    pub letter_date: Date,
    pub resolved_on: Option<Date>,
    pub answers: Vec<Answer>,
}

/// Where it stands as of a date, with the answer that decides it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    pub due_on: Date,
    pub state: RecommendationState,
    pub answer: Option<Answer>,
}

impl Standing {
    /// Whether the deciding answer came by the due date; `None` without one.
    pub fn on_time(&self) -> Option<bool> {
        self.answer.as_ref().map(|a| a.responded_on <= self.due_on)
    }
}

/// The due date of a recommendation dated `letter_date`.
pub fn due_on(letter_date: Date, days: i32) -> Date {
    letter_date.add_days(i64::from(days))
}

impl FollowUp {
    /// The verdict on `answer` as it stood on `as_of`.
    fn verdict(answer: &Answer, as_of: Date) -> Option<Verdict> {
        answer.verdict.filter(|v| match v {
            Verdict::Accepted(on) | Verdict::Rejected(on) => *on <= as_of,
        })
    }

    pub fn standing(&self, days: i32, as_of: Date) -> Standing {
        let due = due_on(self.letter_date, days);
        let sent = || self.answers.iter().filter(|a| a.responded_on <= as_of);
        let accepted = sent()
            .filter(|a| matches!(Self::verdict(a, as_of), Some(Verdict::Accepted(_))))
            .min_by_key(|a| a.responded_on);
        if let Some(answer) = accepted {
            return Standing {
                due_on: due,
                state: RecommendationState::Resolved,
                answer: Some(answer.clone()),
            };
        }
        if self.resolved_on.is_some_and(|on| on <= as_of) {
            return Standing {
                due_on: due,
                state: RecommendationState::Resolved,
                answer: None,
            };
        }
        // The earliest answer still awaiting a verdict: an on-time one keeps the recommendation off the overdue
        // list even when a later one was sent too.
        let awaiting = sent()
            .filter(|a| Self::verdict(a, as_of).is_none())
            .min_by_key(|a| a.responded_on);
        let state = match awaiting {
            Some(_) => RecommendationState::Answered,
            None if as_of > due => RecommendationState::Overdue,
            None => RecommendationState::Pending,
        };
        Standing {
            due_on: due,
            state,
            answer: awaiting.cloned(),
        }
    }

    /// The compliance outcome counted for the year of the due date (rules.md), once the due date has passed as of
    /// `as_of`; `None` before.
    pub fn outcome(&self, days: i32, as_of: Date) -> Option<Outcome> {
        let standing = self.standing(days, as_of);
        if as_of <= standing.due_on && standing.state != RecommendationState::Resolved {
            return None;
        }
        let latest = self
            .answers
            .iter()
            .filter(|a| a.responded_on <= as_of)
            .max_by_key(|a| a.responded_on);
        Some(match (&standing.state, &standing.answer) {
            (RecommendationState::Resolved, Some(a)) if a.action == ResponseAction::Complied => {
                if a.responded_on <= standing.due_on {
                    Outcome::CompliedOnTime
                } else {
                    Outcome::CompliedLate
                }
            }
            _ if latest.is_some_and(|a| a.action == ResponseAction::Objection) => {
                Outcome::Objection
            }
            // Resolved by a commissioner's own step, without an answer: the commission found it put right.
            (RecommendationState::Resolved, _) => Outcome::CompliedOnTime,
            // A rejected answer does not count (rules.md): past due with none awaiting a verdict is not complied.
            (RecommendationState::Overdue, _) => Outcome::NotComplied,
            _ => Outcome::Open,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RecommendationState::*;

    fn day(text: &str) -> Date {
        Date::parse(text).expect("date")
    }

    fn answer(on: &str, action: ResponseAction, verdict: Option<Verdict>) -> Answer {
        Answer {
            id: format!("J-{on}"),
            responded_on: day(on),
            action,
            verdict,
        }
    }

    /// A letter of 2025-03-01: due on 2025-03-15 with the default 14 days.
    fn letter(answers: Vec<Answer>) -> FollowUp {
        FollowUp {
            letter_date: day("2025-03-01"),
            resolved_on: None,
            answers,
        }
    }

    fn state(f: &FollowUp, as_of: &str) -> RecommendationState {
        f.standing(14, day(as_of)).state
    }

    #[test]
    fn due_fourteen_days_after_the_letter_and_overdue_the_day_after() {
        let f = letter(vec![]);
        assert_eq!(f.standing(14, day("2025-03-14")).due_on, day("2025-03-15"));
        assert_eq!(state(&f, "2025-03-14"), Pending);
        assert_eq!(state(&f, "2025-03-15"), Pending, "on the due date");
        assert_eq!(state(&f, "2025-03-16"), Overdue);
        assert_eq!(
            f.standing(0, day("2025-03-02")).state,
            Overdue,
            "0 days: due on the letter date"
        );
    }

    #[test]
    fn an_answer_awaiting_a_verdict_is_answered_on_time_or_late() {
        let on_time = letter(vec![answer("2025-03-15", ResponseAction::Complied, None)]);
        assert_eq!(
            state(&on_time, "2025-03-14"),
            Pending,
            "not sent yet as of then"
        );
        let s = on_time.standing(14, day("2025-04-01"));
        assert_eq!((s.state, s.on_time()), (Answered, Some(true)));
        let late = letter(vec![answer("2025-03-16", ResponseAction::Objection, None)]);
        let s = late.standing(14, day("2025-04-01"));
        assert_eq!((s.state, s.on_time()), (Answered, Some(false)));
        assert_eq!(state(&late, "2025-03-16"), Answered);
        assert_eq!(state(&late, "2025-03-15"), Pending);
    }

    #[test]
    fn a_rejected_answer_does_not_count_and_the_due_date_stays() {
        let rejected = Some(Verdict::Rejected(day("2025-03-10")));
        let f = letter(vec![answer(
            "2025-03-05",
            ResponseAction::Complied,
            rejected,
        )]);
        assert_eq!(state(&f, "2025-03-09"), Answered, "before the verdict");
        assert_eq!(state(&f, "2025-03-10"), Pending);
        assert_eq!(state(&f, "2025-03-16"), Overdue);
        assert_eq!(f.standing(14, day("2025-03-16")).due_on, day("2025-03-15"));
        assert_eq!(
            f.outcome(14, day("2025-03-16")),
            Some(Outcome::NotComplied),
            "a rejected answer does not count"
        );
    }

    #[test]
    fn an_accepted_answer_resolves_from_the_day_of_the_verdict() {
        let accepted = Some(Verdict::Accepted(day("2025-03-20")));
        let f = letter(vec![answer(
            "2025-03-12",
            ResponseAction::Complied,
            accepted,
        )]);
        assert_eq!(state(&f, "2025-03-19"), Answered);
        assert_eq!(state(&f, "2025-03-20"), Resolved);
        assert_eq!(
            f.outcome(14, day("2025-03-20")),
            Some(Outcome::CompliedOnTime)
        );
        let late = letter(vec![answer(
            "2025-03-18",
            ResponseAction::Complied,
            accepted,
        )]);
        assert_eq!(
            late.outcome(14, day("2025-03-20")),
            Some(Outcome::CompliedLate)
        );
    }

    #[test]
    fn outcomes_count_once_due() {
        let none = letter(vec![]);
        assert_eq!(none.outcome(14, day("2025-03-15")), None, "not due yet");
        assert_eq!(
            none.outcome(14, day("2025-03-16")),
            Some(Outcome::NotComplied)
        );
        let objection = letter(vec![answer("2025-03-10", ResponseAction::Objection, None)]);
        assert_eq!(
            objection.outcome(14, day("2025-03-16")),
            Some(Outcome::Objection)
        );
        let awaiting = letter(vec![answer("2025-03-17", ResponseAction::Complied, None)]);
        assert_eq!(
            awaiting.outcome(14, day("2025-03-17")),
            Some(Outcome::Open),
            "a late answer awaiting its verdict"
        );
        assert_eq!(
            awaiting.outcome(14, day("2025-03-16")),
            Some(Outcome::NotComplied),
            "before it was sent"
        );
        let mut direct = letter(vec![]);
        direct.resolved_on = Some(day("2025-03-08"));
        assert_eq!(state(&direct, "2025-03-07"), Pending);
        assert_eq!(state(&direct, "2025-03-08"), Resolved);
    }
}
