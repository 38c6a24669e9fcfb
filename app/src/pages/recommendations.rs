//! `/rekomendasi`: the staff's view of recommendation follow-up (issue #17) — how agencies complied per year of
//! the due date (all agencies, or the one filtered), the chart of it, the CSV of every agency's figures, and the
//! recommendations themselves with their due dates and states, newest letter first. The filters are a GET form
//! (the URL is the view); no island.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{fetch_recommendations, OVERVIEW_LIMIT};
use crate::components::{page_title, Denied, Loading};
use crate::i18n::{fmt_int, t, tf, use_lang};
use crate::labels::rec_state_label;
use crate::pages::compliance_parts::ComplianceTable;
use crate::pages::recommendation_parts::{Readers, RecommendationTable};
use model::recommendation::{RecommendationFilter, RecommendationOverview};
use model::RecommendationState;

#[component]
pub fn RecommendationsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        RecommendationFilter {
            state: q.get("state").unwrap_or_default(),
            agency: q.get("agency").unwrap_or_default(),
        }
    });
    let page = Resource::new(
        move || filter.get(),
        move |f| fetch_recommendations(f, lang),
    );
    view! {
        <Title text=page_title(lang, t(lang, "recommendations.title"))/>
        <section class="page wide">
            <h1>{t(lang, "recommendations.title")}</h1>
            <p class="lead">{t(lang, "compliance.explain")}</p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => Either::Left(view! { <Overview filter=filter.get_untracked() page/> }),
                        Err(error) => Either::Right(view! { <Denied error/> }),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Overview(filter: RecommendationFilter, page: RecommendationOverview) -> impl IntoView {
    let lang = use_lang();
    let states = RecommendationState::ALL
        .iter()
        .map(|s| {
            let selected = filter.state == s.as_str();
            view! { <option value=s.as_str() selected=selected>{rec_state_label(lang, *s)}</option> }
        })
        .collect_view();
    let scope = if filter.agency.trim().is_empty() {
        t(lang, "recommendations.national").to_string()
    } else {
        tf(
            lang,
            "recommendations.of_agency",
            &[("code", filter.agency.trim())],
        )
    };
    let count = tf(
        lang,
        "recommendations.count",
        &[("n", &fmt_int(lang, page.lines.len() as i64))],
    );
    let truncated = page.truncated.then(|| {
        view! {
            <p class="note" id="recommendations-truncated">
                {tf(lang, "recommendations.truncated", &[("n", &OVERVIEW_LIMIT.to_string())])}
            </p>
        }
    });
    view! {
        <form method="get" action="/rekomendasi" class="filters" id="recommendation-filters">
            <label>
                <span>{t(lang, "followup.state")}</span>
                <select name="state" id="recommendation-state">
                    <option value="">{t(lang, "recommendations.any_state")}</option>
                    {states}
                </select>
            </label>
            <label>
                <span>{t(lang, "recommendations.agency")}</span>
                <input name="agency" id="recommendation-agency" value=filter.agency.clone() size="8"/>
            </label>
            <button type="submit">{t(lang, "agencies.apply")}</button>
            <a class="button-link" href="/rekomendasi">{t(lang, "agencies.reset")}</a>
        </form>
        <h2>{t(lang, "compliance.title")} " · " {scope}</h2>
        <figure class="chart" id="chart-compliance">
            <figcaption>{t(lang, "chart.compliance_title")}</figcaption>
            <div class="chart-svg" inner_html=page.chart_svg></div>
        </figure>
        <ComplianceTable years=page.figures id="compliance-table"/>
        <p><a href="/ekspor/rekomendasi.csv" download id="compliance-csv">{t(lang, "recommendations.csv")}</a></p>
        <h2>{t(lang, "recommendations.list")}</h2>
        <p class="result-count" id="recommendations-count">{count}</p>
        {truncated}
        <RecommendationTable lines=page.lines id="recommendations" readers=Readers::Staff/>
    }
}
