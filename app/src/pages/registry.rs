//! `/registri`: the administrators' registry (issue #19) — every agency ever registered, retired ones too, with
//! when it came and went, its successor and its earlier names; forms to add an agency, rename one from a date and
//! retire one on a date (posted to `/auth/registri…`, audited, back with `?hasil=` or `?galat=`). The list narrows
//! by `?q=` (a GET form). A whole CSV of agencies is added with `pantau agency import` (all or nothing).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{current_user, registry_entries};
use crate::components::{page_title, Denied, Loading};
use crate::i18n::{fmt_int, t, tf, use_lang, Lang};
use model::types::{AgencyKind, RegistryEntry};
use model::Refusal;

/// The message of a `?galat=` code the server sent back.
fn refusal(lang: Lang, code: &str) -> &'static str {
    match Refusal::parse(code) {
        Some(Refusal::NoSuchAgency) => t(lang, "users.error_agency"),
        Some(Refusal::AgencyExists) => t(lang, "registry.error_exists"),
        Some(Refusal::AlreadyRetired) => t(lang, "registry.error_retired"),
        Some(Refusal::OutsideLife) => t(lang, "registry.error_life"),
        Some(Refusal::BadEntry) => t(lang, "registry.error_entry"),
        Some(Refusal::BadDate) => t(lang, "registry.error_date"),
        _ => t(lang, "violation.error_failure"),
    }
}

#[component]
pub fn RegistryPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let entries = Resource::new(|| (), |_| registry_entries());
    let me = Resource::new(|| (), |_| current_user());
    let notice = move || {
        let q = query.read();
        if q.get("hasil").is_some() {
            return Some(Either::Left(
                view! { <p class="notice" id="registry-notice" role="status">{t(lang, "users.saved")}</p> },
            ));
        }
        let code = q.get("galat")?;
        Some(Either::Right(
            view! { <p class="error" id="registry-error" role="alert">{refusal(lang, &code)}</p> },
        ))
    };
    view! {
        <Title text=page_title(lang, t(lang, "registry.title"))/>
        <section class="page wide">
            <h1>{t(lang, "registry.title")}</h1>
            <p class="lead">{t(lang, "registry.lead")}</p>
            {notice}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) => {
                            let csrf = me.await.ok().flatten().map(|u| u.csrf).unwrap_or_default();
                            let q = query.read_untracked().get("q").unwrap_or_default();
                            Either::Left(view! { <Registry list csrf q/> })
                        }
                        Err(error) => Either::Right(view! { <Denied error/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Registry(list: Vec<RegistryEntry>, csrf: String, q: String) -> impl IntoView {
    let lang = use_lang();
    let kinds = AgencyKind::ALL
        .iter()
        .map(|k| view! { <option value=k.as_str()>{t(lang, crate::labels::kind_key(k.as_str()).unwrap_or("nav.agencies"))}</option> })
        .collect_view();
    let needle = q.trim().to_lowercase();
    let shown: Vec<RegistryEntry> = list
        .into_iter()
        .filter(|e| {
            needle.is_empty()
                || e.code.to_lowercase().contains(&needle)
                || e.names
                    .iter()
                    .any(|n| n.name.to_lowercase().contains(&needle))
        })
        .collect();
    let count = tf(
        lang,
        "registry.count",
        &[("n", &fmt_int(lang, shown.len() as i64))],
    );
    let rows = shown.into_iter().map(|e| view! { <Row e/> }).collect_view();
    view! {
        <h2>{t(lang, "registry.add")}</h2>
        <form class="filters" method="post" action="/auth/registri" id="registry-add">
            <input type="hidden" name="csrf" value=csrf.clone()/>
            <label><span>{t(lang, "registry.code")}</span><input name="code" required size="8" pattern="[A-Za-z0-9.]+"/></label>
            <label><span>{t(lang, "registry.name")}</span><input name="name" required size="30"/></label>
            <label><span>{t(lang, "registry.kind")}</span><select name="kind">{kinds}</select></label>
            <label><span>{t(lang, "registry.province")}</span><input name="province_code" size="4"/></label>
            <label class="check"><input type="checkbox" name="autonomous" value="true" checked/><span>{t(lang, "registry.autonomous")}</span></label>
            <label><span>{t(lang, "registry.from")}</span><input name="from" type="date"/></label>
            <button type="submit">{t(lang, "registry.add_button")}</button>
        </form>
        <h2>{t(lang, "registry.change")}</h2>
        <ChangeForms csrf/>
        <h2>{t(lang, "registry.list")}</h2>
        <form method="get" action="/registri" class="filters" id="registry-filter">
            <label><span>{t(lang, "registry.search")}</span><input name="q" value=q.clone() id="registry-q"/></label>
            <button type="submit">{t(lang, "agencies.apply")}</button>
            <a class="button-link" href="/registri">{t(lang, "agencies.reset")}</a>
        </form>
        <p class="result-count" id="registry-count">{count}</p>
        <crate::components::TableScroll><table class="data" id="registry-table">
            <thead>
                <tr>
                    <th scope="col">{t(lang, "registry.code")}</th>
                    <th scope="col">{t(lang, "registry.name")}</th>
                    <th scope="col">{t(lang, "registry.kind")}</th>
                    <th scope="col">{t(lang, "registry.province")}</th>
                    <th scope="col">{t(lang, "registry.from")}</th>
                    <th scope="col">{t(lang, "registry.retired_on")}</th>
                    <th scope="col">{t(lang, "registry.successor")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    }
}

/// Renaming and retiring name the agency by its code typed in the form — one form each, not one per row (the list
/// has over 600 rows): posted to `/auth/registri/-`, whose handler takes the code from the body.
#[component]
fn ChangeForms(csrf: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <form class="filters" method="post" action="/auth/registri/-" id="registry-rename">
            <input type="hidden" name="csrf" value=csrf.clone()/>
            <input type="hidden" name="action" value="rename"/>
            <label><span>{t(lang, "registry.code")}</span><input name="code" required size="8"/></label>
            <label><span>{t(lang, "registry.new_name")}</span><input name="name" required size="30"/></label>
            <label><span>{t(lang, "registry.from")}</span><input name="from" type="date" required/></label>
            <button type="submit">{t(lang, "registry.rename")}</button>
        </form>
        <form class="filters" method="post" action="/auth/registri/-" id="registry-retire">
            <input type="hidden" name="csrf" value=csrf/>
            <input type="hidden" name="action" value="retire"/>
            <label><span>{t(lang, "registry.code")}</span><input name="code" required size="8"/></label>
            <label><span>{t(lang, "registry.retired_on")}</span><input name="on" type="date" required/></label>
            <label><span>{t(lang, "registry.successor")}</span><input name="succeeded_by" size="8"/></label>
            <button type="submit">{t(lang, "registry.retire")}</button>
        </form>
    }
}

#[component]
fn Row(e: RegistryEntry) -> impl IntoView {
    let lang = use_lang();
    let earlier = (e.names.len() > 1).then(|| {
        let items = e
            .names
            .iter()
            .map(|n| {
                let from = match &n.from {
                    Some(day) => tf(lang, "parameters.from_day", &[("day", day)]),
                    None => t(lang, "parameters.from_start").to_string(),
                };
                view! { <li>{from} ": " {n.name.clone()}</li> }
            })
            .collect_view();
        view! { <ol class="param-timeline">{items}</ol> }
    });
    let retired = e.retired_on.is_some().then_some("retired");
    view! {
        <tr data-code=e.code.clone() class=retired>
            <td class="code">{e.code.clone()}</td>
            <td>{e.name.clone()}{earlier}</td>
            <td>{t(lang, crate::labels::kind_key(e.kind.as_str()).unwrap_or("nav.agencies"))}</td>
            <td class="code">{e.province_code.clone().unwrap_or_default()}</td>
            <td class="code">{e.founded_on.clone().unwrap_or_default()}</td>
            <td class="code">{e.retired_on.clone().unwrap_or_default()}</td>
            <td class="code">{e.succeeded_by.clone().unwrap_or_default()}</td>
        </tr>
    }
}
