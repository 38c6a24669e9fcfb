//! The public home page (Ringkasan): the registry at a glance, the agencies-per-province chart with its numbers,
//! and an as-you-type agency search that needs the hydrated app.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::{fetch_home_summary, search_agencies};
use crate::components::{LoadError, Loading};
use crate::i18n::{fmt_int, t, use_lang};
use crate::types::HomeSummary;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let summary = Resource::new(|| (), move |_| fetch_home_summary(lang));
    view! {
        <Title text=t(lang, "app.title")/>
        <Meta name="description" content=t(lang, "app.description")/>
        <section class="hero">
            <h1>{t(lang, "home.heading")}</h1>
            <p class="lead">{t(lang, "home.lead")}</p>
        </section>
        <QuickSearch/>
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
fn Summary(summary: HomeSummary) -> impl IntoView {
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
    let rows = summary
        .provinces
        .iter()
        .map(|p| {
            let href = format!("/instansi?province={}", p.code);
            view! {
                <tr>
                    <th scope="row"><a href=href>{p.name.clone()}</a></th>
                    <td class="num">{fmt_int(lang, p.regencies)}</td>
                    <td class="num">{fmt_int(lang, p.cities)}</td>
                    <td class="num">{fmt_int(lang, p.regencies + p.cities)}</td>
                </tr>
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
        <figure class="chart" id="chart-per-province">
            <figcaption>{t(lang, "chart.per_province_title")}</figcaption>
            <div class="chart-svg" inner_html=summary.chart_svg></div>
            <details>
                <summary>{t(lang, "chart.show_table")}</summary>
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "kind.province")}</th>
                            <th scope="col" class="num">{t(lang, "kind.regency_plural")}</th>
                            <th scope="col" class="num">{t(lang, "kind.city_plural")}</th>
                            <th scope="col" class="num">{t(lang, "table.total")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}

/// Searches the registry while the visitor types (a server function call per change). Without JavaScript the
/// same box is a plain form that opens the agency list filtered by the text.
#[component]
fn QuickSearch() -> impl IntoView {
    let lang = use_lang();
    let query = RwSignal::new(String::new());
    let results = Resource::new(move || query.get(), search_agencies);
    view! {
        <section class="quick-search" id="quick-search">
            <form action="/instansi" method="get" role="search">
                <label for="quick-search-input">{t(lang, "home.search_label")}</label>
                <input
                    id="quick-search-input"
                    type="search"
                    name="q"
                    autocomplete="off"
                    placeholder=t(lang, "home.search_placeholder")
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </form>
            <Transition fallback=|| ()>
                {move || {
                    let typed = query.get().trim().chars().count() >= 2;
                    results
                        .get()
                        .map(|found| match found {
                            Ok(list) if list.is_empty() && typed => {
                                Either::Left(view! { <p class="muted" id="quick-results">{t(lang, "home.search_none")}</p> })
                            }
                            Ok(list) => Either::Right(Either::Left(view! {
                                <ul class="quick-results" id="quick-results">
                                    {list
                                        .into_iter()
                                        .map(|a| {
                                            view! {
                                                <li>
                                                    <a href=format!("/instansi/{}", a.code)>{a.name}</a>
                                                    " "
                                                    <small class="muted">{a.code}</small>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            })),
                            Err(_) => Either::Right(Either::Right(view! { <LoadError/> })),
                        })
                }}
            </Transition>
        </section>
    }
}
