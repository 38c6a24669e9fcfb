//! The life of a violation (rules.md): `open → in_review → recommendation_issued → resolved`, or `dismissed`
//! with a written reason from any state before `resolved`. Who may move it (interfaces.md): analysts take a
//! violation into review; commissioners also issue recommendations, resolve and dismiss. Administrators manage
//! the system, not cases, so they move nothing (deny by default). Clearing by re-evaluation is separate: it is
//! the rules' verdict, not a person's decision, and leaves the status as it was.

pub use crate::domain::violation::Transition;
pub use model::{Role, Status};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a violation that is {} cannot move to {}", .from.as_str(), .to.as_str())]
    NotAllowed { from: Status, to: Status },
    #[error("the {} role may not move a violation to {}", .role.as_str(), .to.as_str())]
    Forbidden { role: Role, to: Status },
    #[error("dismissing needs a written reason")]
    ReasonRequired,
    #[error("issuing a recommendation needs the letter's number and date")]
    LetterRequired,
}

/// The statuses a violation may move to from `from`, whoever asks.
pub fn next(from: Status) -> &'static [Status] {
    match from {
        Status::Open => &[Status::InReview, Status::Dismissed],
        Status::InReview => &[Status::RecommendationIssued, Status::Dismissed],
        Status::RecommendationIssued => &[Status::Resolved, Status::Dismissed],
        Status::Resolved | Status::Dismissed => &[],
    }
}

/// Whether `role` may move a violation to `to` at all.
pub fn role_may(role: Role, to: Status) -> bool {
    match role {
        Role::Analyst => to == Status::InReview,
        Role::Commissioner => to != Status::Open,
        Role::Agency | Role::Admin => false,
    }
}

/// The steps `role` may take on a violation that is `from` (what the violation page offers as buttons).
pub fn allowed_steps(role: Role, from: Status) -> Vec<Status> {
    next(from)
        .iter()
        .copied()
        .filter(|to| role_may(role, *to))
        .collect()
}

/// Checks a requested step: the role first (a 403 says nothing about the case), then the workflow, then what
/// the step needs.
pub fn check(role: Role, from: Status, step: &Transition) -> Result<(), TransitionError> {
    if !role_may(role, step.to) {
        return Err(TransitionError::Forbidden { role, to: step.to });
    }
    if !next(from).contains(&step.to) {
        return Err(TransitionError::NotAllowed { from, to: step.to });
    }
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    match step.to {
        Status::Dismissed if blank(&step.reason) => Err(TransitionError::ReasonRequired),
        Status::RecommendationIssued
            if blank(&step.letter_number) || step.letter_date.is_none() =>
        {
            Err(TransitionError::LetterRequired)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Date;

    fn to(status: Status) -> Transition {
        Transition {
            to: status,
            reason: None,
            letter_number: None,
            letter_date: None,
        }
    }

    #[test]
    fn the_workflow_moves_forward_only() {
        use Status::*;
        let c = Role::Commissioner;
        assert_eq!(check(c, Open, &to(InReview)), Ok(()));
        assert_eq!(
            check(c, Open, &to(Resolved)),
            Err(TransitionError::NotAllowed {
                from: Open,
                to: Resolved
            })
        );
        assert!(check(c, InReview, &to(InReview)).is_err());
        assert!(check(c, Resolved, &to(InReview)).is_err());
        assert!(check(c, Dismissed, &to(InReview)).is_err());
        assert!(check(c, RecommendationIssued, &to(Resolved)).is_ok());
        let mut dismiss = to(Dismissed);
        dismiss.reason = Some("data entry error, confirmed by the agency".into());
        for from in [Open, InReview, RecommendationIssued] {
            assert_eq!(check(c, from, &dismiss), Ok(()), "{from:?}");
        }
        assert!(check(c, Resolved, &dismiss).is_err());
    }

    #[test]
    fn dismissal_needs_a_reason_and_a_recommendation_its_letter() {
        use Status::*;
        let c = Role::Commissioner;
        let mut dismiss = to(Dismissed);
        assert_eq!(
            check(c, Open, &dismiss),
            Err(TransitionError::ReasonRequired)
        );
        dismiss.reason = Some("   ".into());
        assert_eq!(
            check(c, Open, &dismiss),
            Err(TransitionError::ReasonRequired)
        );
        let mut issue = to(RecommendationIssued);
        assert_eq!(
            check(c, InReview, &issue),
            Err(TransitionError::LetterRequired)
        );
        issue.letter_number = Some("B-77/KASN/2025".into());
        assert_eq!(
            check(c, InReview, &issue),
            Err(TransitionError::LetterRequired)
        );
        issue.letter_date = Date::parse("2025-05-01").ok();
        assert_eq!(check(c, InReview, &issue), Ok(()));
    }

    #[test]
    fn each_role_moves_only_what_it_may() {
        use Status::*;
        assert_eq!(check(Role::Analyst, Open, &to(InReview)), Ok(()));
        for target in [RecommendationIssued, Resolved, Dismissed] {
            assert_eq!(
                check(Role::Analyst, InReview, &to(target)),
                Err(TransitionError::Forbidden {
                    role: Role::Analyst,
                    to: target
                })
            );
        }
        for role in [Role::Agency, Role::Admin] {
            for &target in Status::ALL {
                assert!(!role_may(role, target), "{role:?} → {target:?}");
            }
        }
        assert!(
            !role_may(Role::Commissioner, Open),
            "nothing moves back to open"
        );
    }

    #[test]
    fn each_role_is_offered_only_the_steps_it_may_take() {
        use Status::*;
        assert_eq!(allowed_steps(Role::Analyst, Open), [InReview]);
        assert_eq!(allowed_steps(Role::Analyst, InReview), []);
        assert_eq!(
            allowed_steps(Role::Commissioner, Open),
            [InReview, Dismissed]
        );
        assert_eq!(
            allowed_steps(Role::Commissioner, RecommendationIssued),
            [Resolved, Dismissed]
        );
        assert_eq!(allowed_steps(Role::Commissioner, Resolved), []);
        assert_eq!(allowed_steps(Role::Admin, Open), []);
        assert_eq!(allowed_steps(Role::Agency, Open), []);
    }
}
