//! Translation keys of the codes the data carries (statuses, severities, merit categories, …). A code without a
//! key is shown as it is rather than hidden.

use model::recommendation::Outcome;
use model::{ComplaintStatus, RecommendationState, ResponseAction, Role, RuleId, Severity, Status};

use crate::i18n::{t, Lang};

/// A violation's workflow status in the reader's language.
pub fn status_label(lang: Lang, status: Status) -> &'static str {
    t(lang, status_key_of(status))
}

/// The key of a status named in a URL or a facet (text the reader may have typed).
pub fn status_key(status: &str) -> Option<&'static str> {
    Status::parse(status).map(status_key_of)
}

fn status_key_of(status: Status) -> &'static str {
    match status {
        Status::Open => "status.open",
        Status::InReview => "status.in_review",
        Status::RecommendationIssued => "status.recommendation_issued",
        Status::Resolved => "status.resolved",
        Status::Dismissed => "status.dismissed",
    }
}

/// A rule (its id as the data carries it) in words in the reader's language, or the id as given when this version
/// does not know it (issue #16: people read rules as phrases, machines as ids).
pub fn rule_phrase(lang: Lang, rule: &str) -> String {
    RuleId::parse(rule).map_or_else(|| rule.to_string(), |r| r.phrase(lang).to_string())
}

/// A violation's severity in the reader's language.
pub fn severity_label(lang: Lang, severity: Severity) -> &'static str {
    t(lang, severity_key_of(severity))
}

/// The key of a severity named in a URL or a facet.
pub fn severity_key(severity: &str) -> Option<&'static str> {
    Severity::parse(severity).map(severity_key_of)
}

fn severity_key_of(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "severity.high",
        Severity::Medium => "severity.medium",
    }
}

pub fn kind_key(kind: &str) -> Option<&'static str> {
    model::types::AgencyKind::parse(kind).map(model::types::AgencyKind::label_key)
}

pub fn category_key(category: &str) -> Option<&'static str> {
    Some(match category {
        "buruk" => "merit.buruk",
        "kurang" => "merit.kurang",
        "baik" => "merit.baik",
        "sangat_baik" => "merit.sangat_baik",
        _ => return None,
    })
}

pub fn risk_key(level: &str) -> Option<&'static str> {
    Some(match level {
        "low" => "risk.low",
        "medium" => "risk.medium",
        "high" => "risk.high",
        _ => return None,
    })
}

/// The key of a step in a violation's history.
pub fn event_key(event: &str) -> Option<&'static str> {
    Some(match event {
        "flagged" => "event.flagged",
        "changed" => "event.changed",
        "reflagged" => "event.reflagged",
        "cleared" => "event.cleared",
        "transition" => "event.transition",
        "answer_rejected" => "event.answer_rejected",
        _ => return None,
    })
}

/// A role's name in the reader's language.
pub fn role_label(lang: Lang, role: Role) -> &'static str {
    t(
        lang,
        match role {
            Role::Agency => "role.agency",
            Role::Analyst => "role.analyst",
            Role::Commissioner => "role.commissioner",
            Role::Admin => "role.admin",
        },
    )
}

pub fn timeline_key(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "term" => "timeline.term",
        "acting_term" => "timeline.acting_term",
        "election" => "timeline.election",
        _ => return None,
    })
}

/// The action a workflow step is offered as (a button's text).
pub fn action_label(lang: Lang, to: Status) -> &'static str {
    t(
        lang,
        match to {
            Status::Open => "status.open",
            Status::InReview => "action.in_review",
            Status::RecommendationIssued => "action.recommendation_issued",
            Status::Resolved => "action.resolved",
            Status::Dismissed => "action.dismissed",
        },
    )
}

/// The name of a facet dimension.
pub fn facet_key(name: &str) -> Option<&'static str> {
    Some(match name {
        "rule" => "explorer.facet_rule",
        "severity" => "explorer.facet_severity",
        "status" => "explorer.facet_status",
        "kind" => "explorer.facet_kind",
        "province" => "explorer.facet_province",
        "year" => "explorer.facet_year",
        _ => return None,
    })
}

/// How a recommendation that fell due ended up, in the reader's language.
pub fn outcome_label(lang: Lang, outcome: Outcome) -> &'static str {
    t(
        lang,
        match outcome {
            Outcome::CompliedOnTime => "outcome.complied_on_time",
            Outcome::CompliedLate => "outcome.complied_late",
            Outcome::Objection => "outcome.objection",
            Outcome::NotComplied => "outcome.not_complied",
            Outcome::Open => "outcome.open",
        },
    )
}

/// Where a recommendation stands, in the reader's language.
pub fn rec_state_label(lang: Lang, state: RecommendationState) -> &'static str {
    t(lang, rec_state_of(state))
}

fn rec_state_of(state: RecommendationState) -> &'static str {
    match state {
        RecommendationState::Pending => "rec_state.pending",
        RecommendationState::Overdue => "rec_state.overdue",
        RecommendationState::Answered => "rec_state.answered",
        RecommendationState::Resolved => "rec_state.resolved",
    }
}

/// The key of a recommendation state named in a URL (the recommendations page's filter).
pub fn rec_state_key(state: &str) -> Option<&'static str> {
    RecommendationState::parse(state).map(rec_state_of)
}

/// What an agency answered, in the reader's language.
pub fn response_label(lang: Lang, action: ResponseAction) -> &'static str {
    t(
        lang,
        match action {
            ResponseAction::Complied => "response.complied",
            ResponseAction::Objection => "response.objection",
        },
    )
}

/// A neutrality complaint's status in the reader's language.
pub fn complaint_status_label(lang: Lang, status: ComplaintStatus) -> &'static str {
    t(lang, complaint_status_of(status))
}

fn complaint_status_of(status: ComplaintStatus) -> &'static str {
    match status {
        ComplaintStatus::Received => "complaint.received",
        ComplaintStatus::Verifying => "complaint.verifying",
        ComplaintStatus::Proven => "complaint.proven",
        ComplaintStatus::Dismissed => "complaint.dismissed",
    }
}

/// The key of a complaint status named in a URL (the case list's filter).
pub fn complaint_status_key(status: &str) -> Option<&'static str> {
    ComplaintStatus::parse(status).map(complaint_status_of)
}

/// The key of an election a complaint is counted under (`model::public::ELECTIONS`).
pub fn election_key(election: &str) -> Option<&'static str> {
    Some(match election {
        "pemilu_2019" => "election.pemilu_2019",
        "pilkada_2020" => "election.pilkada_2020",
        "pemilu_2024" => "election.pemilu_2024",
        "pilkada_2024" => "election.pilkada_2024",
        "other" => "election.other",
        _ => return None,
    })
}

/// The key of an accused official's position level (the complaint form's own labels).
pub fn position_key(level: &str) -> Option<&'static str> {
    Some(match level {
        "unknown" => "neutrality.level_unknown",
        "jpt" => "neutrality.level_jpt",
        "administrator" => "neutrality.level_administrator",
        "supervisor" => "neutrality.level_supervisor",
        "functional" => "neutrality.level_functional",
        "executor" => "neutrality.level_executor",
        "other" => "neutrality.level_other",
        _ => return None,
    })
}

/// The key of a neutrality violation type (reports.md), or `undetermined` before a case is proven.
pub fn violation_type_key(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "code_of_ethics" => "vtype.code_of_ethics",
        "discipline_moderate" => "vtype.discipline_moderate",
        "discipline_heavy" => "vtype.discipline_heavy",
        "party_membership" => "vtype.party_membership",
        "undetermined" => "vtype.undetermined",
        _ => return None,
    })
}

/// The key of a sanction category (2022 joint decree) or of a PPK's decision to sanction nothing.
pub fn sanction_key(sanction: &str) -> Option<&'static str> {
    Some(match sanction {
        "moral_statement" => "sanction.moral_statement",
        "moderate" => "sanction.moderate",
        "heavy" => "sanction.heavy",
        "dismissal" => "sanction.dismissal",
        "none" => "sanction.none",
        _ => return None,
    })
}

/// The key of a step on a complaint's case (the button), and of its audit action (the history).
pub fn case_action_key(action: &str) -> Option<&'static str> {
    Some(match action {
        "verify" => "case.verify",
        "prove" => "case.prove",
        "dismiss" => "case.dismiss",
        "recommend" => "case.recommend",
        "follow_up" => "case.follow_up",
        "assign" => "case.assign",
        "complaint.status" => "case.event_status",
        "complaint.recommendation" => "case.recommend",
        "complaint.followup" => "case.follow_up",
        "complaint.handler" => "case.assign",
        "complaint.identity_viewed" => "case.event_identity",
        _ => return None,
    })
}

/// The key of a column of the neutrality statistics (`model::public::CASE_COUNT_KEYS`).
pub fn stats_key(column: &str) -> Option<&'static str> {
    Some(match column {
        "received" => "stats.received",
        "proven" => "stats.proven",
        "recommended" => "stats.recommended",
        "followed_up" => "stats.followed_up",
        "in_time" => "stats.in_time",
        "overdue" => "stats.overdue",
        _ => return None,
    })
}

/// The translation key of a merit group's name (`ministry`, `institution`, `province`, `regency_city`).
pub fn group_key(group: &str) -> &'static str {
    match group {
        "ministry" => "group.ministry",
        "institution" => "group.institution",
        "province" => "group.province",
        _ => "group.regency_city",
    }
}

/// A function from a code to its translation key.
pub type KeyOf = fn(&str) -> Option<&'static str>;

/// The text of a code in `lang` through `key_of`, or the code itself.
pub fn label(lang: crate::i18n::Lang, key_of: KeyOf, code: &str) -> String {
    key_of(code)
        .map(|k| crate::i18n::t(lang, k).to_string())
        .unwrap_or_else(|| code.to_string())
}

/// Which message an outbox row is, in the reader's language.
pub fn mail_kind_label(lang: Lang, kind: model::MailKind) -> &'static str {
    use model::MailKind;
    t(
        lang,
        match kind {
            MailKind::Issued => "outbox.kind_issued",
            MailKind::Reminder => "outbox.kind_reminder",
            MailKind::Overdue => "outbox.kind_overdue",
            MailKind::Digest => "outbox.kind_digest",
        },
    )
}

/// Where an outbox message is, in the reader's language.
pub fn mail_state_label(lang: Lang, state: model::MailState) -> &'static str {
    use model::MailState;
    t(
        lang,
        match state {
            MailState::Queued => "outbox.state_queued",
            MailState::Sent => "outbox.state_sent",
            MailState::Failed => "outbox.state_failed",
        },
    )
}

/// A peer measure's value as the scorecard writes it: a share as a percentage, a whole count without decimals
/// (a quartile of counts can fall between two), the rest with one decimal.
pub fn measure_text(lang: Lang, kind: model::types::PeerMeasureKind, value: f64) -> String {
    use model::types::PeerMeasureKind as K;
    match kind {
        K::FollowupRate => crate::i18n::fmt_percent(lang, value),
        K::HighViolations if value.fract() == 0.0 && value.abs() < 1e15 => {
            // Whole and far below i64's range: the cast is exact.
            crate::i18n::fmt_int(lang, value as i64)
        }
        _ => crate::i18n::fmt_tenths(lang, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{t, Lang};

    /// Every key these functions return is translated (the source scan of `i18n` sees only literal keys passed to `t`).
    #[test]
    fn every_typed_label_is_translated() {
        for lang in Lang::ALL {
            for &status in Status::ALL {
                assert!(!status_label(lang, status).contains('.'), "{status:?}");
                assert!(!action_label(lang, status).contains('.'), "{status:?}");
            }
            for severity in Severity::ALL {
                assert!(
                    !severity_label(lang, severity).contains('.'),
                    "{severity:?}"
                );
            }
            for &role in Role::ALL {
                assert!(!role_label(lang, role).contains('.'), "{role:?}");
            }
        }
    }

    #[test]
    fn every_label_key_is_translated() {
        let codes: &[(super::KeyOf, &[&str])] = &[
            (
                status_key,
                &[
                    "open",
                    "in_review",
                    "recommendation_issued",
                    "resolved",
                    "dismissed",
                ],
            ),
            (severity_key, &["high", "medium"]),
            (category_key, &["buruk", "kurang", "baik", "sangat_baik"]),
            (risk_key, &["low", "medium", "high"]),
            (
                event_key,
                &[
                    "flagged",
                    "changed",
                    "reflagged",
                    "cleared",
                    "transition",
                    "answer_rejected",
                ],
            ),
            (timeline_key, &["term", "acting_term", "election"]),
            (
                facet_key,
                &["rule", "severity", "status", "kind", "province", "year"],
            ),
            (
                complaint_status_key,
                &model::public::COMPLAINT_STATUSES.map(ComplaintStatus::as_str),
            ),
            (election_key, &model::public::ELECTIONS),
            (position_key, &model::public::POSITION_LEVELS),
            (violation_type_key, &model::public::VIOLATION_TYPES),
            (violation_type_key, &["undetermined"]),
            (sanction_key, &model::public::SANCTIONS),
            (
                case_action_key,
                &[
                    "verify",
                    "prove",
                    "dismiss",
                    "recommend",
                    "follow_up",
                    "assign",
                    "complaint.status",
                    "complaint.identity_viewed",
                ],
            ),
            (stats_key, &model::public::CASE_COUNT_KEYS),
            (
                rec_state_key,
                &["pending", "overdue", "answered", "resolved"],
            ),
        ];
        for (key_of, values) in codes {
            for value in *values {
                let key = key_of(value).unwrap_or_else(|| panic!("no key for {value}"));
                for lang in Lang::ALL {
                    assert_ne!(t(lang, key), key, "{key} is not translated in {lang:?}");
                }
            }
        }
        assert_eq!(label(Lang::En, status_key, "unknown"), "unknown");
        for lang in Lang::ALL {
            for outcome in Outcome::ALL {
                let text = outcome_label(lang, *outcome);
                assert!(!text.starts_with("outcome."), "{text} in {lang:?}");
            }
            for action in ResponseAction::ALL {
                let text = response_label(lang, *action);
                assert!(!text.starts_with("response."), "{text} in {lang:?}");
            }
        }
    }
}
