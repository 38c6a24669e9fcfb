//! The data-quality section of an agency's scorecard (issue #19): how the agency reports — submissions per
//! quarter, accepted and refused, the last accepted one, the share refused, and its records per kind and year of
//! their event. A silent agency has no violations and would look clean; this says so.

use leptos::prelude::*;

use crate::i18n::{fmt_int, fmt_percent, t, tf, use_lang};
use model::types::ReportingActivity;

#[component]
pub fn DataQuality(activity: ReportingActivity) -> impl IntoView {
    let lang = use_lang();
    let a = activity;
    let last = match &a.last_accepted {
        Some(day) => tf(lang, "quality.last_accepted", &[("day", day)]),
        None => t(lang, "quality.never").to_string(),
    };
    let silent = a.silent.then(|| {
        view! {
            <p class="notice" id="quality-silent">
                {tf(lang, "quality.silent", &[("days", &a.silent_days.to_string())])}
            </p>
        }
    });
    let quarters = a
        .quarters
        .iter()
        .map(|q| {
            view! {
                <tr>
                    <th scope="row" class="code">{q.quarter.clone()}</th>
                    <td class="num">{fmt_int(lang, q.accepted)}</td>
                    <td class="num">{fmt_int(lang, q.refused)}</td>
                </tr>
            }
        })
        .collect_view();
    let records = a
        .records
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <td class="code">{r.kind.clone()}</td>
                    <td class="num">{r.year}</td>
                    <td class="num">{fmt_int(lang, r.count)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 id="data-quality">{t(lang, "quality.title")}</h2>
        {silent}
        <p id="quality-summary">
            {last} " · " {tf(lang, "quality.refused_share", &[("share", &fmt_percent(lang, a.refused_share))])}
        </p>
        <crate::components::TableScroll><table class="data narrow" id="quality-quarters">
            <caption>{t(lang, "quality.per_quarter")}</caption>
            <thead><tr>
                <th scope="col">{t(lang, "quality.quarter")}</th>
                <th scope="col" class="num">{t(lang, "silent.accepted")}</th>
                <th scope="col" class="num">{t(lang, "silent.refused")}</th>
            </tr></thead>
            <tbody>{quarters}</tbody>
        </table></crate::components::TableScroll>
        <crate::components::TableScroll><table class="data narrow" id="quality-records">
            <caption>{t(lang, "quality.per_kind_year")}</caption>
            <thead><tr>
                <th scope="col">{t(lang, "quality.kind")}</th>
                <th scope="col" class="num">{t(lang, "quality.year")}</th>
                <th scope="col" class="num">{t(lang, "quality.records")}</th>
            </tr></thead>
            <tbody>{records}</tbody>
        </table></crate::components::TableScroll>
    }
}
