//! Translation keys of the codes the data carries (statuses, severities, merit categories, …). A code without a
//! key is shown as it is rather than hidden.

/// The key of a violation's workflow status.
pub fn status_key(status: &str) -> Option<&'static str> {
    Some(match status {
        "open" => "status.open",
        "in_review" => "status.in_review",
        "recommendation_issued" => "status.recommendation_issued",
        "resolved" => "status.resolved",
        "dismissed" => "status.dismissed",
        _ => return None,
    })
}

pub fn severity_key(severity: &str) -> Option<&'static str> {
    Some(match severity {
        "high" => "severity.high",
        "medium" => "severity.medium",
        _ => return None,
    })
}

pub fn kind_key(kind: &str) -> Option<&'static str> {
    crate::types::AgencyKind::parse(kind).map(crate::types::AgencyKind::label_key)
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
        _ => return None,
    })
}

pub fn role_key(role: &str) -> Option<&'static str> {
    Some(match role {
        "agency" => "role.agency",
        "analyst" => "role.analyst",
        "commissioner" => "role.commissioner",
        "admin" => "role.admin",
        _ => return None,
    })
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
pub fn action_key(to: &str) -> Option<&'static str> {
    Some(match to {
        "in_review" => "action.in_review",
        "recommendation_issued" => "action.recommendation_issued",
        "resolved" => "action.resolved",
        "dismissed" => "action.dismissed",
        _ => return None,
    })
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

/// The key of a neutrality complaint's status.
pub fn complaint_status_key(status: &str) -> Option<&'static str> {
    Some(match status {
        "received" => "complaint.received",
        "verifying" => "complaint.verifying",
        "proven" => "complaint.proven",
        "dismissed" => "complaint.dismissed",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{t, Lang};

    /// Every key these functions return is translated (the source scan of `i18n` sees only literal keys passed to `t`).
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
                &["flagged", "changed", "reflagged", "cleared", "transition"],
            ),
            (role_key, &["agency", "analyst", "commissioner", "admin"]),
            (timeline_key, &["term", "acting_term", "election"]),
            (
                action_key,
                &[
                    "in_review",
                    "recommendation_issued",
                    "resolved",
                    "dismissed",
                ],
            ),
            (
                facet_key,
                &["rule", "severity", "status", "kind", "province", "year"],
            ),
            (complaint_status_key, &crate::public::COMPLAINT_STATUSES),
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
    }
}
