//! The public home page (Ringkasan), the national summary: the registry at a glance, progress toward the
//! regional merit target, the province map, violations per rule and quarter, neutrality complaints per year
//! (each chart with its numbers), how agencies followed up the commission's recommendations, the CSV downloads,
//! and an as-you-type agency search (the page's one island, `crate::islands::QuickSearch`). Public: cached
//! aggregates only, small counts shown as "< 3".

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::fetch_home_summary;
use crate::components::{LoadError, Loading};
use crate::i18n::{fmt_int, fmt_percent, t, tf, use_lang};
use crate::islands::{QuickSearch, QuickSearchTexts};
use crate::labels::complaint_status_label;
use crate::pages::compliance_parts::ComplianceTable;
use crate::pages::public_parts::{AsOf, ComplaintStatsTables};
use model::public::{
    ComplaintYear, NationalSummary, ProvinceMerit, PublicCount, RuleQuarter, COMPLAINT_STATUSES,
    DOWNLOADS,
};
use model::types::MeritGroup;

#[component]
pub fn HomePage() -> impl IntoView {
    crate::islands::page_has_islands();
    let lang = use_lang();
    let summary = Resource::new(|| (), move |_| fetch_home_summary(lang));
    view! {
        <Title text=t(lang, "app.title")/>
        <Meta name="description" content=t(lang, "app.description")/>
        <section class="hero">
            <h1>{t(lang, "home.heading")}</h1>
            <p class="lead">{t(lang, "home.lead")}</p>
        </section>
        <QuickSearch texts=QuickSearchTexts {
            label: t(lang, "home.search_label").to_string(),
            placeholder: t(lang, "home.search_placeholder").to_string(),
            none: t(lang, "home.search_none").to_string(),
            error: t(lang, "error.load").to_string(),
        }/>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(summary) => Either::Left(view! { <Summary summary/> }),
                    Err(_) => Either::Right(view! { <LoadError/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Summary(summary: NationalSummary) -> impl IntoView {
    let lang = use_lang();
    let stats = summary
        .by_kind
        .iter()
        .map(|k| {
            let href = format!("/instansi?kind={}", k.kind.as_str());
            view! {
                <a class="stat" href=href>
                    <span class="stat-value">{fmt_int(lang, k.count)}</span>
                    <span class="stat-label">{t(lang, k.kind.plural_key())}</span>
                </a>
            }
        })
        .collect_view();
    view! {
        <section class="stats" aria-label=t(lang, "home.stats_label")>
            <a class="stat stat-total" href="/instansi">
                <span class="stat-value" id="total-agencies">{fmt_int(lang, summary.total)}</span>
                <span class="stat-label">{t(lang, "home.stat_total")}</span>
            </a>
            {stats}
        </section>
        <p class="note" id="silent-agencies">{silent_sentence(lang, summary.silent_agencies, summary.silent_days)}</p>
        <AsOf computed_at=summary.computed_at.clone()/>
        <Headline groups=summary.progress.clone()/>
        <ProvinceMap svg=summary.map_svg.clone() provinces=summary.provinces.clone()/>
        <RuleQuarters svg=summary.quarters_svg.clone() rows=summary.rule_quarters.clone()/>
        <Complaints svg=summary.complaints_svg.clone() years=summary.complaints.clone()/>
        <h2 id="complaint-stats">{t(lang, "stats.title")}</h2>
        <ComplaintStatsTables stats=summary.complaint_stats.clone() id="home"/>
        <p><a href="/netralitas">{t(lang, "neutrality.file_link")}</a></p>
        <FollowUpRate svg=summary.compliance_svg.clone() years=summary.compliance.clone()/>
        <Downloads/>
    }
}

/// "N instansi belum melapor dalam 6 bulan terakhir" (issue #19): a silent agency has no violations and would look
/// clean. The period in months when the threshold is a whole number of 30-day months, else in days.
fn silent_sentence(lang: crate::i18n::Lang, count: i64, days: i32) -> String {
    let period = if days % 30 == 0 {
        tf(
            lang,
            "home.silent_months",
            &[("n", &(days / 30).to_string())],
        )
    } else {
        tf(lang, "home.silent_days", &[("n", &days.to_string())])
    };
    tf(
        lang,
        "home.silent",
        &[("count", &fmt_int(lang, count)), ("period", &period)],
    )
}

/// The national target in one sentence: regencies and cities with a good merit index against 30 % by 2024.
#[component]
fn Headline(groups: Vec<MeritGroup>) -> impl IntoView {
    let lang = use_lang();
    let regional = groups.into_iter().find(|g| g.group == "regency_city");
    let text = regional.and_then(|g| {
        let latest = g.years.last()?;
        let (target, target_year) = g.targets.first().copied()?;
        Some(tf(
            lang,
            "home.headline",
            &[
                ("share", &fmt_percent(lang, latest.share)),
                ("year", &latest.year.to_string()),
                ("good", &fmt_int(lang, latest.good)),
                ("total", &fmt_int(lang, latest.total)),
                ("target", &fmt_percent(lang, target)),
                ("target_year", &target_year.to_string()),
            ],
        ))
    });
    view! {
        <section class="headline" id="headline">
            <p>{text.unwrap_or_else(|| t(lang, "home.headline_none").to_string())}</p>
            <p><a href="/sistem-merit">{t(lang, "home.merit_link")}</a></p>
        </section>
    }
}

#[component]
fn ProvinceMap(svg: String, provinces: Vec<ProvinceMerit>) -> impl IntoView {
    let lang = use_lang();
    let rows = provinces
        .into_iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row"><a href=format!("/provinsi/{}", p.code)>{p.name}</a></th>
                    <td class="num">{fmt_int(lang, p.good)}</td>
                    <td class="num">{fmt_int(lang, p.assessed)}</td>
                    <td class="num">{fmt_int(lang, p.total)}</td>
                    <td class="num">{fmt_percent(lang, p.share)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" id="chart-map">
            <figcaption>{t(lang, "chart.map_title")}</figcaption>
            <div class="chart-svg" inner_html=svg></div>
            <details>
                <summary>{t(lang, "chart.show_table")}</summary>
                <crate::components::TableScroll><table class="data" id="map-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "kind.province")}</th>
                            <th scope="col" class="num">{t(lang, "meritpage.good")}</th>
                            <th scope="col" class="num">{t(lang, "meritpage.assessed")}</th>
                            <th scope="col" class="num">{t(lang, "meritpage.total")}</th>
                            <th scope="col" class="num">{t(lang, "meritpage.share")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table></crate::components::TableScroll>
            </details>
        </figure>
    }
}

#[component]
fn RuleQuarters(svg: String, rows: Vec<RuleQuarter>) -> impl IntoView {
    let lang = use_lang();
    let (quarters, rules) = model::public::quarters_and_rules(&rows);
    let heads = quarters
        .iter()
        .map(|q| view! { <th scope="col" class="num">{q.clone()}</th> })
        .collect_view();
    let body = rules
        .iter()
        .map(|rule| {
            let cells = quarters
                .iter()
                .map(|q| {
                    let count = rows
                        .iter()
                        .find(|r| &r.quarter == q && &r.rule == rule)
                        .map_or(PublicCount::Exact(0), |r| r.count);
                    view! { <td class="num">{count.text(lang)}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row"><crate::components::RuleName rule=rule.clone()/></th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <figure class="chart" id="chart-rule-quarters">
            <figcaption>{t(lang, "chart.rule_quarters_title")}</figcaption>
            <div class="chart-svg" inner_html=svg></div>
            <details>
                <summary>{t(lang, "chart.show_table")}</summary>
                <crate::components::TableScroll><table class="data" id="rule-quarters-table">
                    <thead><tr><th scope="col">{t(lang, "public.rule")}</th>{heads}</tr></thead>
                    <tbody>{body}</tbody>
                </table></crate::components::TableScroll>
            </details>
        </figure>
    }
}

#[component]
fn Complaints(svg: String, years: Vec<ComplaintYear>) -> impl IntoView {
    let lang = use_lang();
    let heads = COMPLAINT_STATUSES
        .iter()
        .map(|s| view! { <th scope="col" class="num">{complaint_status_label(lang, *s)}</th> })
        .collect_view();
    let body = years
        .into_iter()
        .map(|y| {
            let cells = y
                .counts
                .iter()
                .map(|c| view! { <td class="num">{c.text(lang)}</td> })
                .collect_view();
            view! { <tr><th scope="row">{y.year}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <figure class="chart" id="chart-complaints">
            <figcaption>{t(lang, "chart.complaints_title")}</figcaption>
            <div class="chart-svg" inner_html=svg></div>
            <details>
                <summary>{t(lang, "chart.show_table")}</summary>
                <crate::components::TableScroll><table class="data" id="complaints-table">
                    <thead><tr><th scope="col">{t(lang, "meritpage.year")}</th>{heads}</tr></thead>
                    <tbody>{body}</tbody>
                </table></crate::components::TableScroll>
            </details>
        </figure>
    }
}

/// How agencies followed up the commission's recommendations, nationally per year of the due date (issue #17):
/// the chart of outcomes in percent (the follow-up rate is its green part) over the table of counts.
#[component]
fn FollowUpRate(
    svg: String,
    years: Vec<model::recommendation::ComplianceYear<PublicCount>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2 id="follow-up">{t(lang, "compliance.title")}</h2>
        <p class="muted">{t(lang, "compliance.explain")}</p>
        <figure class="chart" id="chart-compliance">
            <figcaption>{t(lang, "chart.compliance_title")}</figcaption>
            <div class="chart-svg" inner_html=svg></div>
        </figure>
        <ComplianceTable years id="compliance-table"/>
    }
}

/// The public aggregates as CSV files.
#[component]
fn Downloads() -> impl IntoView {
    let lang = use_lang();
    let items = DOWNLOADS
        .iter()
        .map(|(file, key)| {
            view! { <li><a href=format!("/unduh/{file}") download>{t(lang, key)}</a> " " <small class="muted">{file.to_string()}</small></li> }
        })
        .collect_view();
    view! {
        <section class="downloads" id="downloads">
            <h2>{t(lang, "download.heading")}</h2>
            <ul>{items}</ul>
        </section>
    }
}
