//! The agency registry (Instansi): search by name or code, filter by kind and province. The filters live in the
//! URL, so a view can be bookmarked; the form is a plain GET form (the page has no island, issue #16), so a
//! filter is a page load of about 15 KB.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::api::{list_agencies, list_provinces};
use crate::components::{page_title, LoadError, Loading};
use crate::i18n::{fmt_int, t, tf, use_lang};
use model::types::{Agency, AgencyKind, Province};

#[component]
pub fn AgenciesPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let param =
        move |name: &'static str| Memo::new(move |_| query.read().get(name).unwrap_or_default());
    let (q, kind, province) = (param("q"), param("kind"), param("province"));
    let agencies = Resource::new(
        move || (q.get(), kind.get(), province.get()),
        |(q, kind, province)| list_agencies(q, kind, province),
    );
    let provinces = Resource::new(|| (), |_| list_provinces());

    let kind_options = AgencyKind::ALL
        .into_iter()
        .map(|k| {
            view! {
                <option value=k.as_str() selected=move || kind.get() == k.as_str()>{t(lang, k.label_key())}</option>
            }
        })
        .collect_view();

    view! {
        <Title text=page_title(lang, t(lang, "agencies.title"))/>
        <Meta name="description" content=t(lang, "agencies.lead")/>
        <section class="page">
            <h1>{t(lang, "agencies.title")}</h1>
            <p class="lead">{t(lang, "agencies.lead")}</p>
            <form method="get" action="/instansi" class="filters" id="agency-filters">
                <label>
                    <span>{t(lang, "agencies.search")}</span>
                    <input type="search" name="q" prop:value=move || q.get() value=move || q.get()/>
                </label>
                <label>
                    <span>{t(lang, "agencies.kind")}</span>
                    <select name="kind" id="filter-kind">
                        <option value="">{t(lang, "agencies.all_kinds")}</option>
                        {kind_options}
                    </select>
                </label>
                <label>
                    <span>{t(lang, "agencies.province")}</span>
                    <select name="province" id="filter-province">
                        <option value="">{t(lang, "agencies.all_provinces")}</option>
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                provinces
                                    .await
                                    .unwrap_or_default()
                                    .into_iter()
                                    .map(|p| {
                                        let selected = province.get_untracked() == p.code;
                                        view! { <option value=p.code selected=selected>{p.name}</option> }
                                    })
                                    .collect_view()
                            })}
                        </Suspense>
                    </select>
                </label>
                <button type="submit">{t(lang, "agencies.apply")}</button>
                <a class="button-link" href="/instansi">{t(lang, "agencies.reset")}</a>
            </form>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match agencies.await {
                        Ok(list) => {
                            let names = provinces.await.unwrap_or_default();
                            Either::Left(view! { <AgencyTable agencies=list provinces=names/> })
                        }
                        Err(_) => Either::Right(view! { <LoadError/> }),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AgencyTable(agencies: Vec<Agency>, provinces: Vec<Province>) -> impl IntoView {
    let lang = use_lang();
    let count = tf(
        lang,
        "agencies.count",
        &[("n", &fmt_int(lang, agencies.len() as i64))],
    );
    // The province's name where the registry has it (the code otherwise, never an empty cell for a regional agency).
    let province_name = |code: &Option<String>| {
        code.as_ref()
            .map(|c| {
                provinces
                    .iter()
                    .find(|p| &p.code == c)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| c.clone())
            })
            .unwrap_or_default()
    };
    let rows = agencies
        .into_iter()
        .map(|a| {
            let href = format!("/instansi/{}", a.code);
            view! {
                <tr>
                    <td class="code">{a.code.clone()}</td>
                    <td><a href=href>{a.name}</a></td>
                    <td>{t(lang, a.kind.label_key())}</td>
                    <td>{province_name(&a.province_code)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="result-count" id="agency-count" aria-live="polite">{count}</p>
        <crate::components::TableScroll><table class="data" id="agency-table">
            <thead>
                <tr>
                    <th scope="col">{t(lang, "agencies.col_code")}</th>
                    <th scope="col">{t(lang, "agencies.col_name")}</th>
                    <th scope="col">{t(lang, "agencies.col_kind")}</th>
                    <th scope="col">{t(lang, "agencies.col_province")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    }
}
