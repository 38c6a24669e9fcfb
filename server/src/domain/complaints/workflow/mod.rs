//! The staff's case workflow on a complaint filed through the form: `received → verifying → proven | dismissed`;
//! a proven case gets one recommendation to the agency's PPK (sanction category of the 2022 joint decree, letter
//! number and date), then the PPK's decision. Who may do what (interfaces.md): analysts move cases through
//! verification, prove them and enter the PPK's decision; commissioners also dismiss (with a reason), issue
//! recommendations and assign case handlers. Agency clerks and administrators do nothing here (deny by default).
//! Pure: the web layer loads the case, asks [`check`], and stores the [`Change`].

use crate::domain::records::{ComplaintStatus, Sanction, ViolationType};
use crate::domain::Date;
use model::{Refusal, Role};

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
    /// What the case page tells the reader (`?galat=`).
    pub fn refusal(&self) -> Refusal {
        match self {
            StepError::UnknownAction(_) | StepError::NotAllowed { .. } => Refusal::Status,
            StepError::Forbidden { .. } => Refusal::Role,
            StepError::ReasonRequired => Refusal::ReasonRequired,
            StepError::TypeRequired => Refusal::TypeRequired,
            StepError::LetterRequired => Refusal::LetterRequired,
            StepError::DecisionRequired => Refusal::DecisionRequired,
            StepError::BadDate(_) => Refusal::BadDate,
            StepError::HandlerRequired => Refusal::HandlerRequired,
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
mod tests;
