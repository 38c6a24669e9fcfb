//! `/instansi/{code}`: an agency's public profile — its registry entry, its verified merit results with their
//! category and change, and its violations by rule and status (small counts shown as "< 3"). No NIP and no
//! name of an official: cached aggregates only. Staff follow the link to the scorecard.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::fetch_agency_profile;
use crate::components::{page_title, LoadError, Loading};
use crate::i18n::{fmt_tenths, t, tf, use_lang};
use crate::labels::{category_key, label};
use crate::pages::not_found::NotFound;
use crate::pages::public_parts::{AsOf, RuleStatusTable};
use model::public::AgencyProfile;
use model::types::MERIT_ASPECT_KEYS;

#[component]
pub fn AgencyPage() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let profile = Resource::new(move || code.get(), fetch_agency_profile);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(Some(profile)) => EitherOf3::A(view! { <Profile profile/> }),
                    Ok(None) => EitherOf3::B(view! { <NotFound/> }),
                    Err(_) => EitherOf3::C(view! { <LoadError/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Profile(profile: AgencyProfile) -> impl IntoView {
    let lang = use_lang();
    let a = profile.agency;
    let province_link = a.province_code.clone().map(|p| {
        let name = profile.province_name.clone().unwrap_or_else(|| p.clone());
        view! { <a href=format!("/provinsi/{p}")>{name}</a> }
    });
    let status = if a.autonomous {
        "agency.autonomous_yes"
    } else {
        "agency.autonomous_no"
    };
    let standing = match profile.public.standing() {
        Some(m) => tf(
            lang,
            "agency.standing",
            &[
                (
                    "category",
                    &m.category
                        .as_deref()
                        .map(|c| label(lang, category_key, c))
                        .unwrap_or_default(),
                ),
                ("year", &m.year.to_string()),
                (
                    "score",
                    &m.verified_score
                        .map(|s| fmt_tenths(lang, s))
                        .unwrap_or_default(),
                ),
            ],
        ),
        None => t(lang, "agency.not_assessed").to_string(),
    };
    let description = format!("{} — {standing}", a.name);
    let merit_rows = profile
        .public
        .merit
        .iter()
        .rev()
        .map(|m| {
            let change = m.change.map(|c| {
                let sign = if c > 0.0 { "+" } else { "" };
                format!("{sign}{}", fmt_tenths(lang, c))
            });
            view! {
                <tr>
                    <th scope="row">{m.year}</th>
                    <td class="num">{m.verified_score.map(|s| fmt_tenths(lang, s))}</td>
                    <td>{m.category.as_deref().map(|c| label(lang, category_key, c))}</td>
                    <td class="num">{change}</td>
                </tr>
            }
        })
        .collect_view();
    // The latest result that came with its eight aspects.
    let aspects = profile
        .public
        .merit
        .iter()
        .rev()
        .find_map(|m| m.aspects.map(|scores| (m.year, scores)))
        .map(|(year, scores)| {
            let rows = MERIT_ASPECT_KEYS
                .iter()
                .zip(scores)
                .map(|(key, score)| {
                    view! { <tr><th scope="row">{t(lang, key)}</th><td class="num">{fmt_tenths(lang, score)}</td></tr> }
                })
                .collect_view();
            view! {
                <h3>{tf(lang, "agency.aspects", &[("year", &year.to_string())])}</h3>
                <crate::components::TableScroll><table class="data" id="agency-aspects">
                    <thead><tr>
                        <th scope="col">{t(lang, "agency.aspect")}</th>
                        <th scope="col" class="num">{t(lang, "agency.score")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table></crate::components::TableScroll>
            }
        });
    view! {
        <Title text=page_title(lang, &a.name)/>
        <Meta name="description" content=description/>
        <section class="page">
            <p class="muted"><a href="/instansi">{t(lang, "agencies.title")}</a></p>
            <h1>{a.name.clone()}</h1>
            <p class="lead" id="agency-standing">{standing}</p>
            <dl class="facts">
                <dt>{t(lang, "agencies.col_code")}</dt>
                <dd class="code">{a.code.clone()}</dd>
                <dt>{t(lang, "agencies.col_kind")}</dt>
                <dd>{t(lang, a.kind.label_key())}</dd>
                <dt>{t(lang, "agencies.col_province")}</dt>
                <dd>{province_link}</dd>
                <dt>{t(lang, "agency.autonomous")}</dt>
                <dd>{t(lang, status)}</dd>
            </dl>
            <AsOf computed_at=profile.computed_at/>
            <h2>{t(lang, "scorecard.merit")}</h2>
            <crate::components::TableScroll><table class="data" id="agency-merit">
                <thead><tr>
                    <th scope="col">{t(lang, "scorecard.year")}</th>
                    <th scope="col" class="num">{t(lang, "scorecard.verified")}</th>
                    <th scope="col">{t(lang, "scorecard.category")}</th>
                    <th scope="col" class="num">{t(lang, "scorecard.change")}</th>
                </tr></thead>
                <tbody>{merit_rows}</tbody>
            </table></crate::components::TableScroll>
            {aspects}
            <h2>{t(lang, "public.violations_heading")}</h2>
            <RuleStatusTable rows=profile.public.violations id="agency-violations"/>
            <p class="staff-links">
                <a href=format!("/instansi/{}/kartu-skor", a.code) id="scorecard-link">{t(lang, "scorecard.link")}</a>
                " · "
                <a href=format!("/instansi/{}/paket-tinjauan", a.code) id="review-pack-link">{t(lang, "pack.link")}</a>
            </p>
        </section>
    }
}
