//! `/provinsi/{code}`: a province's public page — the share of its agencies (its government, regencies and
//! cities) standing at a good merit category, each agency's standing result, and the violations in the province
//! by rule and status. Public: cached aggregates only, small counts shown as "< 3".

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::fetch_province_page;
use crate::components::{page_title, LoadError, Loading};
use crate::i18n::{fmt_int, fmt_percent, t, tf, use_lang};
use crate::labels::{category_key, label};
use crate::pages::not_found::NotFound;
use crate::pages::public_parts::{AsOf, RuleStatusTable};
use model::public::{AgencyPublic, ProvincePage};

#[component]
pub fn ProvincePublicPage() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let page = Resource::new(move || code.get(), fetch_province_page);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Some(page)) => EitherOf3::A(view! { <Province page/> }),
                    Ok(None) => EitherOf3::B(view! { <NotFound/> }),
                    Err(_) => EitherOf3::C(view! { <LoadError/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Province(page: ProvincePage) -> impl IntoView {
    let lang = use_lang();
    let p = page.province;
    let summary = tf(
        lang,
        "province.summary",
        &[
            ("good", &fmt_int(lang, p.good)),
            ("total", &fmt_int(lang, p.total)),
            ("share", &fmt_percent(lang, p.share)),
            ("assessed", &fmt_int(lang, p.assessed)),
        ],
    );
    let description = format!("{} — {summary}", p.name);
    let rows = page
        .agencies
        .into_iter()
        .map(|a| view! { <AgencyRow agency=a/> })
        .collect_view();
    view! {
        <Title text=page_title(lang, &p.name)/>
        <Meta name="description" content=description/>
        <section class="page">
            <p class="muted"><a href="/">{t(lang, "nav.summary")}</a></p>
            <h1>{p.name.clone()}</h1>
            <p class="lead" id="province-summary">{summary}</p>
            <AsOf computed_at=page.computed_at/>
            <h2>{t(lang, "province.agencies")}</h2>
            <crate::components::TableScroll><table class="data" id="province-agencies">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "agencies.col_name")}</th>
                        <th scope="col">{t(lang, "agencies.col_kind")}</th>
                        <th scope="col" class="num">{t(lang, "meritpage.year")}</th>
                        <th scope="col" class="num">{t(lang, "scorecard.verified")}</th>
                        <th scope="col">{t(lang, "scorecard.category")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></crate::components::TableScroll>
            <h2>{t(lang, "public.violations_heading")}</h2>
            <RuleStatusTable rows=p.violations id="province-violations"/>
        </section>
    }
}

#[component]
fn AgencyRow(agency: AgencyPublic) -> impl IntoView {
    let lang = use_lang();
    let standing = agency.standing().cloned();
    let (year, score, category) = match standing {
        Some(m) => (
            m.year.to_string(),
            m.verified_score
                .map(|s| crate::i18n::fmt_tenths(lang, s))
                .unwrap_or_default(),
            m.category
                .map(|c| label(lang, category_key, &c))
                .unwrap_or_default(),
        ),
        None => (
            String::new(),
            String::new(),
            t(lang, "public.not_assessed").to_string(),
        ),
    };
    view! {
        <tr>
            <th scope="row"><a href=format!("/instansi/{}", agency.code)>{agency.name}</a></th>
            <td>{t(lang, agency.kind.label_key())}</td>
            <td class="num">{year}</td>
            <td class="num">{score}</td>
            <td>{category}</td>
        </tr>
    }
}
