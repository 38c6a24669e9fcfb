//! `/instansi-senyap`: the analysts' national list of silent agencies (issue #19) — no accepted report for more
//! than `reporting.silent_days` days, or none ever. An agency that never reports has no violations and would look
//! clean. Sortable by the URL (`?sort=days|code|name|refused`), exported as CSV with the same order.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::silent_agencies;
use crate::components::{page_title, Denied, Loading};
use crate::i18n::{fmt_int, t, tf, use_lang};
use model::types::{SilentAgency, SilentList};

/// The orders the list offers, `(code, translation key)`.
const SORTS: [(&str, &str); 4] = [
    ("days", "silent.sort_days"),
    ("code", "silent.sort_code"),
    ("name", "silent.sort_name"),
    ("refused", "silent.sort_refused"),
];

#[component]
pub fn SilentPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let sort = Memo::new(move |_| query.read().get("sort").unwrap_or_default());
    let list = Resource::new(move || sort.get(), silent_agencies);
    view! {
        <Title text=page_title(lang, t(lang, "silent.title"))/>
        <section class="page wide">
            <h1>{t(lang, "silent.title")}</h1>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => Either::Left(view! { <Silent list sort=sort.get_untracked()/> }),
                        Err(error) => Either::Right(view! { <Denied error/> }),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Silent(list: SilentList, sort: String) -> impl IntoView {
    let lang = use_lang();
    let sort = if SORTS.iter().any(|(code, _)| *code == sort) {
        sort
    } else {
        "days".to_string()
    };
    let options = SORTS
        .iter()
        .map(|(code, key)| view! { <option value=*code selected=sort == *code>{t(lang, key)}</option> })
        .collect_view();
    let lead = tf(
        lang,
        "silent.lead",
        &[
            ("days", &list.threshold.to_string()),
            ("as_of", &list.as_of),
        ],
    );
    let count = tf(
        lang,
        "silent.count",
        &[("n", &fmt_int(lang, list.agencies.len() as i64))],
    );
    let rows = list
        .agencies
        .into_iter()
        .map(|a| view! { <Row a/> })
        .collect_view();
    view! {
        <p class="lead">{lead}</p>
        <form method="get" action="/instansi-senyap" class="filters" id="silent-sort">
            <label>
                <span>{t(lang, "silent.sort")}</span>
                <select name="sort" id="silent-sort-by">{options}</select>
            </label>
            <button type="submit">{t(lang, "agencies.apply")}</button>
        </form>
        <p class="result-count" id="silent-count">{count}</p>
        <p><a href=format!("/ekspor/instansi-senyap.csv?sort={sort}") download id="silent-csv">{t(lang, "silent.csv")}</a></p>
        <crate::components::TableScroll><table class="data" id="silent-agencies">
            <thead>
                <tr>
                    <th scope="col">{t(lang, "registry.code")}</th>
                    <th scope="col">{t(lang, "registry.name")}</th>
                    <th scope="col">{t(lang, "silent.last_accepted")}</th>
                    <th scope="col" class="num">{t(lang, "silent.days")}</th>
                    <th scope="col" class="num">{t(lang, "silent.accepted")}</th>
                    <th scope="col" class="num">{t(lang, "silent.refused")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    }
}

#[component]
fn Row(a: SilentAgency) -> impl IntoView {
    let lang = use_lang();
    let never = t(lang, "silent.never");
    view! {
        <tr data-code=a.code.clone()>
            <td class="code"><a href=format!("/instansi/{}/kartu-skor", a.code)>{a.code.clone()}</a></td>
            <td>{a.name.clone()}</td>
            <td class="code">{a.last_accepted.clone().unwrap_or_else(|| never.to_string())}</td>
            <td class="num">{a.days_silent.map(|d| fmt_int(lang, d)).unwrap_or_else(|| "—".to_string())}</td>
            <td class="num">{a.accepted}</td>
            <td class="num">{a.refused}</td>
        </tr>
    }
}
