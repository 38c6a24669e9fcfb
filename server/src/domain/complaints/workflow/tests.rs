//! Tests of `workflow` at its boundaries.

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
