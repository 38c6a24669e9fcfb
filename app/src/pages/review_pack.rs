//! `/instansi/:code/paket-tinjauan?rule=…&status=…`: an agency's review pack for a commissioners' meeting —
//! the scorecard and the list of violations the filters select, headed by what it was made from (the filters,
//! the latest evaluation's as-of date, when it was made). Printed from the browser: the print stylesheet
//! (`style/main.css`, `@media print`) drops the navigation and the filter form. Subjects' NIPs are left out of
//! the printed list on purpose (paper travels); each violation's id leads to its full record.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{fetch_review_pack, PACK_LIMIT};
use crate::components::{page_title, Denied, Loading};
use crate::i18n::{fmt_int, t, tf, use_lang, Lang};
use crate::labels::{label, severity_label, status_key, status_label};
use crate::pages::not_found::NotFound;
use crate::pages::public_parts::STATUSES;
use crate::pages::scorecard::Card;
use model::types::ReviewPack;

#[component]
pub fn ReviewPackPage() -> impl IntoView {
    crate::islands::page_has_islands();
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.read();
        (
            params.read().get("code").unwrap_or_default(),
            q.get("rule").unwrap_or_default(),
            q.get("status").unwrap_or_default(),
        )
    });
    let pack = Resource::new(
        move || args.get(),
        move |(code, rule, status)| fetch_review_pack(code, rule, status, lang),
    );
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match pack.await {
                    Ok(Some(pack)) => EitherOf3::A(view! { <Pack pack/> }),
                    Ok(None) => EitherOf3::B(view! { <NotFound/> }),
                    Err(error) => EitherOf3::C(view! { <section class="page"><Denied error/></section> }),
                }
            })}
        </Suspense>
    }
}

/// A filter's value as the pack states it: "all" when empty, a status by its name.
fn stated(lang: Lang, value: &str, is_status: bool) -> String {
    match value {
        "" => t(lang, "pack.all").to_string(),
        v if is_status => label(lang, status_key, v),
        v => v.to_string(),
    }
}

#[component]
fn Pack(pack: ReviewPack) -> impl IntoView {
    let lang = use_lang();
    let a = pack.card.agency.clone();
    let filters = tf(
        lang,
        "pack.filters",
        &[
            ("rule", &stated(lang, &pack.rule, false)),
            ("status", &stated(lang, &pack.status, true)),
        ],
    );
    let as_of = match &pack.evaluated_as_of {
        Some(date) => tf(lang, "pack.as_of", &[("date", date)]),
        None => t(lang, "pack.never_evaluated").to_string(),
    };
    let made = tf(
        lang,
        "pack.made_at",
        &[("at", &pack.made_at.replace('T', " ").replace('Z', " UTC"))],
    );
    let count = if pack.truncated {
        tf(lang, "pack.truncated", &[("n", &fmt_int(lang, PACK_LIMIT))])
    } else {
        tf(
            lang,
            "pack.count",
            &[("n", &fmt_int(lang, pack.violations.len() as i64))],
        )
    };
    let options = STATUSES
        .iter()
        .map(|s| {
            view! { <option value=*s selected=pack.status == *s>{label(lang, status_key, s)}</option> }
        })
        .collect_view();
    let rows = pack
        .violations
        .iter()
        .map(|v| {
            let message = match lang {
                Lang::Id => v.message.clone(),
                Lang::En => v.message_en.clone(),
            };
            view! {
                <tr>
                    <td class="num"><a href=format!("/pelanggaran/{}", v.id)>{v.id}</a></td>
                    <td><crate::components::RuleName rule=v.rule_id.as_str()/></td>
                    <td>{severity_label(lang, v.severity)}</td>
                    <td>{status_label(lang, v.status)}</td>
                    <td class="code">{v.event_date.clone()}</td>
                    <td>{message}</td>
                    <td>{v.letter_number.clone().map(|number| view! {
                        <span class="code">{number}</span> " "
                        <crate::pages::recommendation_parts::LetterLink id=v.id/>
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    let title = format!("{} · {}", t(lang, "pack.title"), a.name);
    view! {
        <Title text=page_title(lang, &title)/>
        <section class="page wide review-pack">
            <header class="pack-head" id="pack-head">
                <h1>{t(lang, "pack.title")} " · " {a.name.clone()}</h1>
                <p id="pack-filters">{filters}</p>
                <p id="pack-as-of">{as_of} " " {made}</p>
            </header>
            <form class="filters no-print" method="get" id="pack-form">
                <label>{t(lang, "public.rule")} " "
                    <input type="text" name="rule" value=pack.rule.clone() placeholder="R-…" size="18"/>
                </label>
                " "
                <label>{t(lang, "explorer.facet_status")} " "
                    <select name="status">
                        <option value="" selected=pack.status.is_empty()>{t(lang, "pack.all")}</option>
                        {options}
                    </select>
                </label>
                " "
                <button type="submit">{t(lang, "pack.apply")}</button>
                " "
                <crate::islands::PrintButton label=t(lang, "pack.print").to_string()/>
            </form>
        </section>
        <Card card=pack.card/>
        <section class="page wide">
            <h2>{t(lang, "pack.violations")}</h2>
            <p class="muted" id="pack-count">{count}</p>
            <crate::components::TableScroll><table class="data" id="pack-violations">
                <thead><tr>
                    <th scope="col" class="num">"ID"</th>
                    <th scope="col">{t(lang, "explorer.col_rule")}</th>
                    <th scope="col">{t(lang, "explorer.col_severity")}</th>
                    <th scope="col">{t(lang, "explorer.facet_status")}</th>
                    <th scope="col">{t(lang, "pack.event_date")}</th>
                    <th scope="col">{t(lang, "pack.message")}</th>
                    <th scope="col">{t(lang, "violation.letter")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></crate::components::TableScroll>
        </section>
    }
}
