//! `/sistem-merit`: national progress toward the merit targets — the share of agencies with a good verified
//! Merit System Index per group and year, drawn against each group's goal lines (plotters SVG, in the first HTML),
//! with every number in a table beside the chart. Public: aggregates only.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::fetch_merit_summary;
use crate::components::{page_title, LoadError, Loading};
use crate::i18n::{fmt_int, fmt_percent, t, use_lang};
use model::types::{MeritGroup, MeritSummary};

#[component]
pub fn MeritPage() -> impl IntoView {
    let lang = use_lang();
    let summary = Resource::new(|| (), move |_| fetch_merit_summary(lang));
    view! {
        <Title text=page_title(lang, t(lang, "nav.merit"))/>
        <Meta name="description" content=t(lang, "meritpage.lead")/>
        <section class="page">
            <h1>{t(lang, "nav.merit")}</h1>
            <p class="lead">{t(lang, "meritpage.lead")}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match summary.await {
                        Ok(summary) => Either::Left(view! { <Progress summary/> }),
                        Err(_) => Either::Right(view! { <LoadError/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Progress(summary: MeritSummary) -> impl IntoView {
    let lang = use_lang();
    let tables = summary
        .groups
        .into_iter()
        .map(|g| view! { <GroupTable group=g/> })
        .collect_view();
    let category_rows = summary
        .categories
        .iter()
        .map(|y| {
            let cells = y
                .counts
                .iter()
                .map(|n| view! { <td class="num">{fmt_int(lang, *n)}</td> })
                .collect_view();
            view! { <tr><th scope="row">{y.year}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <figure class="chart" id="chart-merit-progress">
            <figcaption>{t(lang, "chart.merit_title")}</figcaption>
            <div class="chart-svg" inner_html=summary.chart_svg></div>
        </figure>
        {tables}
        <figure class="chart" id="chart-merit-categories">
            <figcaption>{t(lang, "chart.categories_title")}</figcaption>
            <div class="chart-svg" inner_html=summary.categories_svg></div>
            <crate::components::TableScroll><table class="data" id="merit-categories">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "meritpage.year")}</th>
                        <th scope="col" class="num">{t(lang, "merit.buruk")}</th>
                        <th scope="col" class="num">{t(lang, "merit.kurang")}</th>
                        <th scope="col" class="num">{t(lang, "merit.baik")}</th>
                        <th scope="col" class="num">{t(lang, "merit.sangat_baik")}</th>
                    </tr>
                </thead>
                <tbody>{category_rows}</tbody>
            </table></crate::components::TableScroll>
        </figure>
    }
}

#[component]
fn GroupTable(group: MeritGroup) -> impl IntoView {
    let lang = use_lang();
    let mut by_year = group.targets.clone();
    by_year.sort_by_key(|(_, year)| *year);
    let targets = by_year
        .iter()
        .map(|(share, year)| format!("{} ({year})", fmt_percent(lang, *share)))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = group
        .years
        .iter()
        .map(|y| {
            view! {
                <tr>
                    <th scope="row">{y.year}</th>
                    <td class="num">{fmt_int(lang, y.good)}</td>
                    <td class="num">{fmt_int(lang, y.assessed)}</td>
                    <td class="num">{fmt_int(lang, y.total)}</td>
                    <td class="num">{fmt_percent(lang, y.share)}</td>
                </tr>
            }
        })
        .collect_view();
    let name = t(lang, crate::labels::group_key(&group.group));
    view! {
        <section class="merit-group" id=format!("group-{}", group.group)>
            <h2>{name}</h2>
            <p class="muted">{t(lang, "meritpage.targets")} ": " {targets}</p>
            <crate::components::TableScroll><table class="data">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "meritpage.year")}</th>
                        <th scope="col" class="num">{t(lang, "meritpage.good")}</th>
                        <th scope="col" class="num">{t(lang, "meritpage.assessed")}</th>
                        <th scope="col" class="num">{t(lang, "meritpage.total")}</th>
                        <th scope="col" class="num">{t(lang, "meritpage.share")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></crate::components::TableScroll>
        </section>
    }
}
