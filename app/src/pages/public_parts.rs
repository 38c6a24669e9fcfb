//! Pieces the public pages share: the "as of" line and the table of violations by rule and status.

use leptos::prelude::*;

use crate::i18n::{t, use_lang};
use crate::labels::{label, status_key};
use crate::public::{PublicCount, RuleStatusCount};

/// The violation workflow's statuses, in the order of the tables' columns and the filters' options.
pub const STATUSES: [&str; 5] = [
    "open",
    "in_review",
    "recommendation_issued",
    "resolved",
    "dismissed",
];

/// "Data as of …" with the time the aggregates were computed, and the note on suppressed counts.
#[component]
pub fn AsOf(computed_at: String) -> impl IntoView {
    let lang = use_lang();
    let shown = computed_at.replace('T', " ").replace('Z', " UTC");
    view! {
        <p class="muted as-of">
            {t(lang, "public.as_of")} " " <time datetime=computed_at>{shown}</time> ". "
            {t(lang, "public.suppressed_note")}
        </p>
    }
}

/// Violations by rule (rows) and workflow status (columns), small counts shown as "< 3".
#[component]
pub fn RuleStatusTable(rows: Vec<RuleStatusCount>, id: &'static str) -> impl IntoView {
    let lang = use_lang();
    if rows.is_empty() {
        return view! { <p class="muted" id=id>{t(lang, "public.no_violations")}</p> }.into_any();
    }
    let mut rules: Vec<&str> = rows.iter().map(|r| r.rule.as_str()).collect();
    rules.dedup();
    let body = rules
        .iter()
        .map(|rule| {
            let cells = STATUSES
                .iter()
                .map(|status| {
                    let count = rows
                        .iter()
                        .find(|r| r.rule == *rule && r.status == *status)
                        .map_or(PublicCount::Exact(0), |r| r.count);
                    view! { <td class="num">{count.text(lang)}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row" class="code">{rule.to_string()}</th>{cells}</tr> }
        })
        .collect_view();
    let heads = STATUSES
        .iter()
        .map(|s| view! { <th scope="col" class="num">{label(lang, status_key, s)}</th> })
        .collect_view();
    view! {
        <table class="data" id=id>
            <thead><tr><th scope="col">{t(lang, "public.rule")}</th>{heads}</tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
    .into_any()
}
