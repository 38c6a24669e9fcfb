//! Pieces the public pages share: the "as of" line, the table of violations by rule and status, and the
//! neutrality statistics (also on the staff's case list, there with exact counts).

use leptos::prelude::*;

use crate::i18n::{fmt_int, t, use_lang, Lang};
use crate::labels::{election_key, label, position_key, stats_key, status_key, violation_type_key};
use model::public::{
    CaseCounts, ComplaintStats, GroupCounts, PublicCount, RuleStatusCount, CASE_COUNT_KEYS,
};

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
            view! { <tr><th scope="row"><crate::components::RuleName rule=rule.to_string()/></th>{cells}</tr> }
        })
        .collect_view();
    let heads = STATUSES
        .iter()
        .map(|s| view! { <th scope="col" class="num">{label(lang, status_key, s)}</th> })
        .collect_view();
    view! {
        <crate::components::TableScroll><table class="data" id=id>
            <thead><tr><th scope="col">{t(lang, "public.rule")}</th>{heads}</tr></thead>
            <tbody>{body}</tbody>
        </table></crate::components::TableScroll>
    }
    .into_any()
}

/// A count as a table cell shows it: staff see exact numbers, the public small ones as "< 3".
pub trait CountText: Copy + Send + Sync + 'static {
    fn text(self, lang: Lang) -> String;
}

impl CountText for i64 {
    fn text(self, lang: Lang) -> String {
        fmt_int(lang, self)
    }
}

impl CountText for PublicCount {
    fn text(self, lang: Lang) -> String {
        PublicCount::text(self, lang)
    }
}

fn count_cells<N: CountText>(lang: Lang, counts: &CaseCounts<N>) -> impl IntoView {
    counts
        .values()
        .into_iter()
        .map(|n| view! { <td class="num">{n.text(lang)}</td> })
        .collect_view()
}

fn count_heads(lang: Lang) -> impl IntoView {
    CASE_COUNT_KEYS
        .iter()
        .map(|k| view! { <th scope="col" class="num">{label(lang, stats_key, k)}</th> })
        .collect_view()
}

fn group_table<N: CountText>(
    lang: Lang,
    id: String,
    head: &'static str,
    groups: Vec<GroupCounts<N>>,
    key_of: fn(&str) -> Option<&'static str>,
) -> impl IntoView {
    let rows = groups
        .into_iter()
        .map(|g| {
            view! { <tr><th scope="row">{label(lang, key_of, &g.key)}</th>{count_cells(lang, &g.counts)}</tr> }
        })
        .collect_view();
    view! {
        <crate::components::TableScroll><table class="data" id=id>
            <thead><tr><th scope="col">{t(lang, head)}</th>{count_heads(lang)}</tr></thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    }
}

/// The neutrality statistics: per election and year, per position level, per violation type, with what the
/// columns mean. The tables' ids are `stats-{id}-election`, `-position` and `-type`.
#[component]
pub fn ComplaintStatsTables<N: CountText + 'static>(
    stats: ComplaintStats<N>,
    id: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let by_election = stats
        .by_election
        .iter()
        .map(|e| {
            view! {
                <tr>
                    <th scope="row">{label(lang, election_key, &e.election)}</th>
                    <td class="num">{e.year}</td>
                    {count_cells(lang, &e.counts)}
                </tr>
            }
        })
        .collect_view();
    let (positions, types) = (stats.by_position, stats.by_type);
    view! {
        <div class="complaint-stats">
            <p class="muted">{t(lang, "stats.note")} " " {t(lang, "stats.as_of")} " " <span class="code">{stats.as_of.clone()}</span></p>
            <h3>{t(lang, "stats.by_election")}</h3>
            <crate::components::TableScroll><table class="data" id=format!("stats-{id}-election")>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "stats.election")}</th>
                        <th scope="col" class="num">{t(lang, "stats.year")}</th>
                        {count_heads(lang)}
                    </tr>
                </thead>
                <tbody>{by_election}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="2">{t(lang, "stats.total")}</th>
                        {count_cells(lang, &stats.total)}
                    </tr>
                </tfoot>
            </table></crate::components::TableScroll>
            <h3>{t(lang, "stats.by_position")}</h3>
            {group_table(lang, format!("stats-{id}-position"), "stats.position", positions, position_key)}
            <h3>{t(lang, "stats.by_type")}</h3>
            {group_table(lang, format!("stats-{id}-type"), "stats.type", types, violation_type_key)}
        </div>
    }
}
