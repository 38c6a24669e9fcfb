//! The staff's case workflow on a complaint filed through the form: `received → verifying → proven | dismissed`;
//! a proven case gets one recommendation to the agency's PPK (sanction category of the 2022 joint decree, letter
//! number and date), then the PPK's decision. Who may do what (interfaces.md): analysts move cases through
//! verification, prove them and enter the PPK's decision; commissioners also dismiss (with a reason), issue
//! recommendations and assign case handlers. Agency clerks and administrators do nothing here (deny by default).
//! Pure: the web layer loads the case, asks [`check`], and stores the [`Change`].

use crate::domain::records::{ComplaintStatus, Sanction, ViolationType};
use crate::domain::Date;
use model::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    Verify,
    Prove,
    Dismiss,
    Recommend,
    FollowUp,
    Assign,
}

impl Action {
    pub const ALL: [Action; 6] = [
        Action::Verify,
        Action::Prove,
        Action::Dismiss,
        Action::Recommend,
        Action::FollowUp,
        Action::Assign,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Verify => "verify",
            Action::Prove => "prove",
            Action::Dismiss => "dismiss",
            Action::Recommend => "recommend",
            Action::FollowUp => "follow_up",
            Action::Assign => "assign",
        }
    }

    pub fn parse(text: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// What the workflow needs to know of a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseState {
    pub status: ComplaintStatus,
    pub received_on: Date,
    pub recommended_on: Option<Date>,
    /// The PPK's decision as entered by staff (a `neutrality_followup` record does not close the form).
    pub decided_on: Option<Date>,
}

/// A step as a person asks for it (the form's fields, unparsed).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct StepInput {
    pub action: String,
    pub violation_type: Option<String>,
    pub reason: Option<String>,
    pub sanction: Option<String>,
    pub letter_number: Option<String>,
    /// The letter's date for a recommendation, the decision's date for a follow-up.
    pub date: Option<String>,
    pub handler: Option<String>,
}

/// A checked step, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Status {
        to: ComplaintStatus,
        violation_type: Option<ViolationType>,
        reason: Option<String>,
    },
    Recommend {
        sanction: Sanction,
        letter_number: String,
        issued_on: Date,
    },
    FollowUp {
        decided_on: Date,
        sanction: Sanction,
    },
    Assign {
        handler: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error("unknown step {0:?}")]
    UnknownAction(String),
    #[error("the {} role may not {} a complaint", .role.as_str(), .action.as_str())]
    Forbidden { role: Role, action: Action },
    #[error("a complaint that is {} cannot {} now", .status.as_str(), .action.as_str())]
    NotAllowed {
        status: ComplaintStatus,
        action: Action,
    },
    #[error("dismissing needs a written reason")]
    ReasonRequired,
    #[error("proving needs the type of violation")]
    TypeRequired,
    #[error("a recommendation needs its sanction category, letter number and letter date")]
    LetterRequired,
    #[error("a follow-up needs the decision's date and sanction")]
    DecisionRequired,
    #[error("{0}")]
    BadDate(String),
    #[error("name the staff member who handles the case")]
    HandlerRequired,
}

impl StepError {
    /// The short code the case page turns into a message (`?galat=`).
    pub fn code(&self) -> &'static str {
        match self {
            StepError::UnknownAction(_) | StepError::NotAllowed { .. } => "status",
            StepError::Forbidden { .. } => "peran",
            StepError::ReasonRequired => "alasan",
            StepError::TypeRequired => "jenis",
            StepError::LetterRequired => "surat",
            StepError::DecisionRequired => "keputusan",
            StepError::BadDate(_) => "tanggal",
            StepError::HandlerRequired => "petugas",
        }
    }
}

/// Whether `role` may take `action` at all.
pub fn role_may(role: Role, action: Action) -> bool {
    match role {
        Role::Analyst => matches!(action, Action::Verify | Action::Prove | Action::FollowUp),
        Role::Commissioner => true,
        Role::Agency | Role::Admin => false,
    }
}

/// Whether the case's state admits `action`, whoever asks.
pub fn state_admits(case: &CaseState, action: Action) -> bool {
    match action {
        Action::Verify => case.status == ComplaintStatus::Received,
        Action::Prove => case.status == ComplaintStatus::Verifying,
        // Dismissal ends a case that was never proven; a proven case is settled by the PPK, not dismissed.
        Action::Dismiss => matches!(
            case.status,
            ComplaintStatus::Received | ComplaintStatus::Verifying
        ),
        Action::Recommend => {
            case.status == ComplaintStatus::Proven && case.recommended_on.is_none()
        }
        Action::FollowUp => case.recommended_on.is_some() && case.decided_on.is_none(),
        // Handlers can be named at any stage: the identity may be needed to close a case, too.
        Action::Assign => true,
    }
}

/// The steps `role` may take on the case now (what the case page offers).
pub fn allowed(role: Role, case: &CaseState) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| role_may(role, *a) && state_admits(case, *a))
        .collect()
}

/// Checks a step: the role first (a refusal says nothing about the case), then the state, then what the step
/// needs. Dates may not lie in the future (`today`) nor before what they answer.
pub fn check(
    role: Role,
    case: &CaseState,
    input: &StepInput,
    today: Date,
) -> Result<Change, StepError> {
    let action = Action::parse(&input.action)
        .ok_or_else(|| StepError::UnknownAction(input.action.clone()))?;
    if !role_may(role, action) {
        return Err(StepError::Forbidden { role, action });
    }
    if !state_admits(case, action) {
        return Err(StepError::NotAllowed {
            status: case.status,
            action,
        });
    }
    let filled = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    match action {
        Action::Verify => Ok(Change::Status {
            to: ComplaintStatus::Verifying,
            violation_type: None,
            reason: None,
        }),
        Action::Prove => {
            let kind = filled(&input.violation_type)
                .and_then(|t| ViolationType::parse(&t))
                .ok_or(StepError::TypeRequired)?;
            Ok(Change::Status {
                to: ComplaintStatus::Proven,
                violation_type: Some(kind),
                reason: None,
            })
        }
        Action::Dismiss => Ok(Change::Status {
            to: ComplaintStatus::Dismissed,
            violation_type: None,
            reason: Some(filled(&input.reason).ok_or(StepError::ReasonRequired)?),
        }),
        Action::Recommend => {
            let sanction = filled(&input.sanction)
                .and_then(|s| Sanction::parse(&s))
                .filter(|s| *s != Sanction::None)
                .ok_or(StepError::LetterRequired)?;
            let letter_number = filled(&input.letter_number).ok_or(StepError::LetterRequired)?;
            let issued_on = dated(&filled(&input.date), StepError::LetterRequired)?;
            within(
                issued_on,
                case.received_on,
                today,
                "the letter",
                "the complaint arrived",
            )?;
            Ok(Change::Recommend {
                sanction,
                letter_number,
                issued_on,
            })
        }
        Action::FollowUp => {
            let sanction = filled(&input.sanction)
                .and_then(|s| Sanction::parse(&s))
                .ok_or(StepError::DecisionRequired)?;
            let decided_on = dated(&filled(&input.date), StepError::DecisionRequired)?;
            let recommended = case.recommended_on.unwrap_or(case.received_on);
            within(
                decided_on,
                recommended,
                today,
                "the decision",
                "the recommendation",
            )?;
            Ok(Change::FollowUp {
                decided_on,
                sanction,
            })
        }
        Action::Assign => Ok(Change::Assign {
            handler: filled(&input.handler).ok_or(StepError::HandlerRequired)?,
        }),
    }
}

fn dated(text: &Option<String>, missing: StepError) -> Result<Date, StepError> {
    let text = text.as_deref().ok_or(missing)?;
    Date::parse(text).map_err(|e| StepError::BadDate(format!("{text:?}: {e}")))
}

fn within(
    day: Date,
    earliest: Date,
    today: Date,
    what: &str,
    since: &str,
) -> Result<(), StepError> {
    if day < earliest {
        return Err(StepError::BadDate(format!(
            "{what} ({day}) is dated before {since} ({earliest})"
        )));
    }
    if day > today {
        return Err(StepError::BadDate(format!(
            "{what} ({day}) is dated after today ({today})"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).expect("a test date")
    }

    fn case(status: ComplaintStatus) -> CaseState {
        CaseState {
            status,
            received_on: day("2024-10-01"),
            recommended_on: None,
            decided_on: None,
        }
    }

    fn step(action: &str) -> StepInput {
        StepInput {
            action: action.to_string(),
            ..StepInput::default()
        }
    }

    const TODAY: &str = "2024-12-01";

    fn try_step(role: Role, case: &CaseState, input: &StepInput) -> Result<Change, StepError> {
        check(role, case, input, day(TODAY))
    }

    #[test]
    fn the_workflow_runs_received_verifying_then_proven_or_dismissed() {
        use ComplaintStatus::*;
        let verify = step("verify");
        assert!(try_step(Role::Analyst, &case(Received), &verify).is_ok());
        for status in [Verifying, Proven, Dismissed] {
            assert_eq!(
                try_step(Role::Analyst, &case(status), &verify),
                Err(StepError::NotAllowed {
                    status,
                    action: Action::Verify
                }),
            );
        }
        let prove = StepInput {
            violation_type: Some("code_of_ethics".into()),
            ..step("prove")
        };
        assert!(try_step(Role::Analyst, &case(Verifying), &prove).is_ok());
        assert!(
            try_step(Role::Analyst, &case(Received), &prove).is_err(),
            "not without verification"
        );
        let dismiss = StepInput {
            reason: Some("tidak cukup bukti".into()),
            ..step("dismiss")
        };
        assert!(try_step(Role::Commissioner, &case(Received), &dismiss).is_ok());
        assert!(try_step(Role::Commissioner, &case(Verifying), &dismiss).is_ok());
        for status in [Proven, Dismissed] {
            assert!(
                try_step(Role::Commissioner, &case(status), &dismiss).is_err(),
                "{status:?}"
            );
        }
    }

    #[test]
    fn the_pages_offer_the_types_and_sanctions_the_workflow_takes() {
        let types: Vec<&str> = ViolationType::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(types, model::public::VIOLATION_TYPES);
        let sanctions: Vec<&str> = Sanction::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(sanctions, model::public::SANCTIONS);
    }

    #[test]
    fn roles_are_checked_before_the_state() {
        let dismiss = StepInput {
            reason: Some("x".into()),
            ..step("dismiss")
        };
        let proven = case(ComplaintStatus::Proven);
        assert_eq!(
            try_step(Role::Analyst, &proven, &dismiss),
            Err(StepError::Forbidden {
                role: Role::Analyst,
                action: Action::Dismiss
            }),
        );
        for role in [Role::Agency, Role::Admin] {
            for action in Action::ALL {
                assert!(!role_may(role, action), "{role:?} {action:?}");
            }
        }
        assert_eq!(
            allowed(Role::Analyst, &case(ComplaintStatus::Received)),
            [Action::Verify]
        );
        assert_eq!(
            allowed(Role::Commissioner, &case(ComplaintStatus::Received)),
            [Action::Verify, Action::Dismiss, Action::Assign]
        );
    }

    #[test]
    fn a_step_without_what_it_needs_is_refused() {
        let verifying = case(ComplaintStatus::Verifying);
        assert_eq!(
            try_step(Role::Analyst, &verifying, &step("prove")),
            Err(StepError::TypeRequired)
        );
        let unknown_type = StepInput {
            violation_type: Some("gossip".into()),
            ..step("prove")
        };
        assert_eq!(
            try_step(Role::Analyst, &verifying, &unknown_type),
            Err(StepError::TypeRequired)
        );
        let blank = StepInput {
            reason: Some("   ".into()),
            ..step("dismiss")
        };
        assert_eq!(
            try_step(Role::Commissioner, &verifying, &blank),
            Err(StepError::ReasonRequired)
        );
        assert_eq!(
            try_step(Role::Commissioner, &verifying, &step("assign")),
            Err(StepError::HandlerRequired)
        );
        assert!(matches!(
            try_step(Role::Analyst, &verifying, &step("reopen")),
            Err(StepError::UnknownAction(_))
        ));
    }

    fn recommend(sanction: &str, date: &str) -> StepInput {
        StepInput {
            sanction: Some(sanction.into()),
            letter_number: Some("R-123/KASN/10/2024".into()),
            date: Some(date.into()),
            ..step("recommend")
        }
    }

    #[test]
    fn a_recommendation_needs_a_sanction_a_letter_and_a_date_in_range() {
        let proven = case(ComplaintStatus::Proven);
        assert_eq!(
            try_step(
                Role::Commissioner,
                &proven,
                &recommend("heavy", "2024-10-01")
            ),
            Ok(Change::Recommend {
                sanction: Sanction::Heavy,
                letter_number: "R-123/KASN/10/2024".into(),
                issued_on: day("2024-10-01"),
            }),
            "dated the day the complaint arrived"
        );
        assert!(
            try_step(Role::Commissioner, &proven, &recommend("heavy", TODAY)).is_ok(),
            "today"
        );
        for bad in ["2024-09-30", "2024-12-02", "2024-13-01"] {
            assert!(
                matches!(
                    try_step(Role::Commissioner, &proven, &recommend("heavy", bad)),
                    Err(StepError::BadDate(_))
                ),
                "{bad}"
            );
        }
        assert_eq!(
            try_step(
                Role::Commissioner,
                &proven,
                &recommend("none", "2024-10-02")
            ),
            Err(StepError::LetterRequired),
            "a recommendation recommends a sanction"
        );
        assert!(matches!(
            try_step(Role::Analyst, &proven, &recommend("heavy", "2024-10-02")),
            Err(StepError::Forbidden { .. })
        ));
        let recommended = CaseState {
            recommended_on: Some(day("2024-10-05")),
            ..proven
        };
        assert!(
            try_step(
                Role::Commissioner,
                &recommended,
                &recommend("heavy", "2024-10-06")
            )
            .is_err(),
            "once"
        );
    }

    #[test]
    fn a_follow_up_comes_after_the_recommendation() {
        let follow = |date: &str| StepInput {
            sanction: Some("none".into()),
            date: Some(date.into()),
            ..step("follow_up")
        };
        let proven = case(ComplaintStatus::Proven);
        assert!(
            try_step(Role::Analyst, &proven, &follow("2024-10-10")).is_err(),
            "no recommendation yet"
        );
        let recommended = CaseState {
            recommended_on: Some(day("2024-10-05")),
            ..proven
        };
        assert!(
            try_step(Role::Analyst, &recommended, &follow("2024-10-05")).is_ok(),
            "the same day"
        );
        assert!(matches!(
            try_step(Role::Analyst, &recommended, &follow("2024-10-04")),
            Err(StepError::BadDate(_))
        ));
        let decided = CaseState {
            decided_on: Some(day("2024-10-10")),
            ..recommended
        };
        assert!(
            try_step(Role::Analyst, &decided, &follow("2024-10-11")).is_err(),
            "once"
        );
    }
}
