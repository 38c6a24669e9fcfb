//! `/pelanggaran`: the analysts' violation explorer. Every filter, the sort and the page cursor are in the URL
//! (bookmark it, share it); facets are links, the search and sort a GET form, so all of it works without
//! JavaScript — and nothing else exists: the page is server HTML without an island (issue #16), so each filter
//! is a page load of a few KB. The exports take the same query string.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::explore_violations;
use crate::components::{page_title, Denied, Loading};
use crate::i18n::{fmt_int, t, tf, use_lang, Lang};
use crate::labels::{
    facet_key, kind_key, label, severity_key, severity_label, status_key, status_label,
};
use model::types::{ExplorerFilter, ExplorerPage, ExplorerRow, Facet};

/// The sorts the page offers, with their translation keys.
const SORTS: [(&str, &str); 4] = [
    ("newest", "explorer.sort_newest"),
    ("oldest", "explorer.sort_oldest"),
    ("agency", "explorer.sort_agency"),
    ("rule", "explorer.sort_rule"),
];

fn href(filter: &ExplorerFilter) -> String {
    let query = filter.query();
    if query.is_empty() {
        "/pelanggaran".to_string()
    } else {
        format!("/pelanggaran?{query}")
    }
}

/// How a facet's value reads: codes through their translations, provinces and rules as given.
fn value_label(lang: Lang, facet: &str, value: &str, given: &str) -> String {
    match facet {
        "severity" => label(lang, severity_key, value),
        "status" => label(lang, status_key, value),
        "kind" => label(lang, kind_key, value),
        "rule" => crate::labels::rule_phrase(lang, value),
        _ => given.to_string(),
    }
}

#[component]
pub fn ViolationsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let mut f = ExplorerFilter::default();
        for (name, value) in query.read().clone().into_iter() {
            f.set(&name, value);
        }
        f
    });
    let page = Resource::new(move || filter.get(), explore_violations);
    let signals = Resource::new(|| (), |_| crate::api::open_signal_counts());
    view! {
        <Title text=page_title(lang, t(lang, "explorer.title"))/>
        <section class="page wide">
            <h1>{t(lang, "explorer.title")}</h1>
            <p class="lead">{t(lang, "explorer.lead")}</p>
            <p><a href="/rekomendasi" id="recommendations-link">{t(lang, "recommendations.title")}</a></p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    // Administrators read violations but not signals: for them the line is left out.
                    signals.await.ok().flatten().map(|counts| view! { <SignalSummary counts/> })
                })}
            </Suspense>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => Either::Left(view! { <Explorer filter=filter.get_untracked() page/> }),
                        Err(error) => Either::Right(view! { <Denied error/> }),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Explorer(filter: ExplorerFilter, page: ExplorerPage) -> impl IntoView {
    let lang = use_lang();
    let invalid = (!page.invalid.is_empty()).then(|| {
        view! {
            <p class="error" role="alert" id="explorer-invalid">
                {tf(lang, "explorer.invalid", &[("fields", &page.invalid.join(", "))])}
            </p>
        }
    });
    let facets = page
        .facets
        .iter()
        .map(|f| view! { <FacetList facet=f.clone() filter=filter.clone()/> })
        .collect_view();
    let export_filter = filter.with("after", "");
    let export_query = export_filter.query();
    let csv = format!("/ekspor/pelanggaran.csv?{export_query}");
    let xlsx = format!("/ekspor/pelanggaran.xlsx?{export_query}");
    let sort_options = SORTS
        .into_iter()
        .map(|(value, key)| {
            let selected = filter.sort == value || (filter.sort.is_empty() && value == "newest");
            view! { <option value=value selected=selected>{t(lang, key)}</option> }
        })
        .collect_view();
    // The other filters ride along as hidden fields, so that searching keeps them.
    let hidden = filter
        .pairs()
        .into_iter()
        .filter(|(name, value)| !value.is_empty() && !matches!(*name, "q" | "sort" | "after"))
        .map(|(name, value)| view! { <input type="hidden" name=name value=value.to_string()/> })
        .collect_view();
    let first_page = (!filter.after.is_empty()).then(|| {
        let to = href(&filter.with("after", ""));
        view! { <a class="button-link" id="page-first" href=to>{t(lang, "explorer.first_page")}</a> }
    });
    let next_page = page.next.clone().map(|next| {
        let to = href(&filter.with("after", &next));
        view! { <a class="button-link" id="page-next" href=to>{t(lang, "explorer.next_page")}</a> }
    });
    let rows = page
        .rows
        .into_iter()
        .map(|r| view! { <Row row=r/> })
        .collect_view();
    view! {
        {invalid}
        <form method="get" action="/pelanggaran" class="filters" id="explorer-filters">
            {hidden}
            <label>
                <span>{t(lang, "explorer.search")}</span>
                <input type="search" name="q" id="explorer-q" value=filter.q.clone()/>
            </label>
            <label>
                <span>{t(lang, "explorer.sort")}</span>
                <select name="sort" id="explorer-sort">{sort_options}</select>
            </label>
            <button type="submit">{t(lang, "agencies.apply")}</button>
            <a class="button-link" href="/pelanggaran" id="explorer-reset">{t(lang, "agencies.reset")}</a>
        </form>
        <div class="explorer">
            <aside class="facets" aria-label=t(lang, "explorer.facets")>{facets}</aside>
            <div class="results">
                <p class="result-count" id="explorer-total" aria-live="polite" data-total=page.total.to_string()>
                    {tf(lang, "explorer.total", &[("n", &fmt_int(lang, page.total))])}
                    " · "
                    <a href=csv id="export-csv" rel="external" download>{t(lang, "explorer.export_csv")}</a>
                    " · "
                    <a href=xlsx id="export-xlsx" rel="external" download>{t(lang, "explorer.export_xlsx")}</a>
                </p>
                <crate::components::TableScroll><table class="data" id="explorer-table">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{t(lang, "explorer.col_date")}</th>
                            <th scope="col">{t(lang, "explorer.col_rule")}</th>
                            <th scope="col">{t(lang, "explorer.col_severity")}</th>
                            <th scope="col">{t(lang, "explorer.col_status")}</th>
                            <th scope="col">{t(lang, "explorer.col_agency")}</th>
                            <th scope="col">{t(lang, "explorer.col_message")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table></crate::components::TableScroll>
                <nav class="pager" aria-label=t(lang, "explorer.pages")>{first_page} {next_page}</nav>
            </div>
        </div>
    }
}

#[component]
fn FacetList(facet: Facet, filter: ExplorerFilter) -> impl IntoView {
    let lang = use_lang();
    let name = facet.name.clone();
    let chosen = filter
        .pairs()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_string())
        .unwrap_or_default();
    let clear = (!chosen.is_empty()).then(|| {
        let to = href(&filter.with(&name, ""));
        view! { <li><a class="facet-clear" href=to>{t(lang, "explorer.facet_all")}</a></li> }
    });
    let values = facet
        .values
        .iter()
        .map(|v| {
            let to = href(&filter.with(&name, &v.value));
            let current = (v.value == chosen).then_some("true");
            let text = value_label(lang, &name, &v.value, &v.label);
            view! {
                <li>
                    <a href=to aria-current=current data-facet=name.clone() data-value=v.value.clone()>
                        <span>{text}</span>
                        <span class="count">{fmt_int(lang, v.count)}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let title = label(lang, facet_key, &name);
    view! {
        <section class="facet" id=format!("facet-{name}")>
            <h2>{title}</h2>
            <ul>{clear}{values}</ul>
        </section>
    }
}

#[component]
fn Row(row: ExplorerRow) -> impl IntoView {
    let lang = use_lang();
    let message = match lang {
        Lang::Id => row.message,
        Lang::En => row.message_en,
    };
    view! {
        <tr data-id=row.id.to_string()>
            <td><a href=format!("/pelanggaran/{}", row.id)>{row.id}</a></td>
            <td class="code">{row.event_date}</td>
            <td><crate::components::RuleName rule=row.rule_id.as_str()/></td>
            <td><span class=format!("badge sev-{}", row.severity.as_str())>{severity_label(lang, row.severity)}</span></td>
            <td>{status_label(lang, row.status)}</td>
            <td><a href=format!("/instansi/{}", row.agency_code)>{row.agency_name}</a></td>
            <td>{message}</td>
        </tr>
    }
}

/// The open signals (issue #20) per kind, with how many provinces they are in, linked to `/sinyal`.
#[component]
fn SignalSummary(counts: Vec<(String, String, i64)>) -> impl IntoView {
    let lang = use_lang();
    let parts = crate::pages::signals::KINDS
        .iter()
        .map(|(kind, key)| {
            let of_kind: Vec<&(String, String, i64)> = counts.iter().filter(|(k, ..)| k == kind).collect();
            let total: i64 = of_kind.iter().map(|(.., n)| *n).sum();
            let places = of_kind.len().to_string();
            view! {
                <li>
                    <a href=format!("/sinyal?kind={kind}")>{t(lang, key)}</a> ": "
                    {crate::i18n::tf(lang, "signals.summary_item", &[("n", &total.to_string()), ("places", &places)])}
                </li>
            }
        })
        .collect_view();
    view! {
        <div id="signals-summary">
            <strong><a href="/sinyal">{t(lang, "signals.title")}</a></strong>
            <ul class="inline-list">{parts}</ul>
        </div>
    }
}
