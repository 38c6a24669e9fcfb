//! `/sinyal`: signals for analysts and commissioners (issue #20) — patterns no single rule catches (mass rotations,
//! chains of acting officials, job fits followed by removals), each with its evidence and an explanation; the open
//! ones counted by kind and province. Filters in the URL like the explorer; CSV with the same filters. An analyst
//! marks a signal explained with a note (posted to `/auth/sinyal/{id}`, audited). Never public.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{current_user, fetch_signals, SIGNALS_LIMIT};
use crate::components::{encode_uri_component, page_title, Denied, Loading};
use crate::i18n::{fmt_int, t, tf, use_lang, Lang};
use model::types::{SignalFilter, SignalItem, SignalPage};

/// The kinds, `(code, translation key)`.
pub const KINDS: [(&str, &str); 3] = [
    ("S-MASS-ROTATION", "signals.kind_mass"),
    ("S-ACTING-CHAIN", "signals.kind_chain"),
    ("S-JOBFIT-REMOVAL", "signals.kind_jobfit"),
];

/// A kind's name in the reader's language (the code when this version does not know it).
pub fn kind_label(lang: Lang, kind: &str) -> String {
    KINDS
        .iter()
        .find(|(code, _)| *code == kind)
        .map_or_else(|| kind.to_string(), |(_, key)| t(lang, key).to_string())
}

#[component]
pub fn SignalsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        let get = |name: &str| q.get(name).unwrap_or_default();
        SignalFilter {
            kind: get("kind"),
            agency: get("agency"),
            province: get("province"),
            explained: get("explained"),
        }
    });
    let page = Resource::new(move || filter.get(), fetch_signals);
    let me = Resource::new(|| (), |_| current_user());
    let notice = move || {
        let q = query.read();
        if q.get("hasil").is_some() {
            return Some(view! { <p class="notice" id="signals-notice" role="status">{t(lang, "signals.saved")}</p> }.into_any());
        }
        q.get("galat").map(|_| {
            view! { <p class="error" id="signals-error" role="alert">{t(lang, "signals.error_note")}</p> }.into_any()
        })
    };
    view! {
        <Title text=page_title(lang, t(lang, "signals.title"))/>
        <section class="page wide">
            <h1>{t(lang, "signals.title")}</h1>
            <p class="lead">{t(lang, "signals.lead")}</p>
            {notice}
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let csrf = me.await.ok().flatten().map(|u| u.csrf).unwrap_or_default();
                            Either::Left(view! { <Signals filter=filter.get_untracked() page csrf/> })
                        }
                        Err(error) => Either::Right(view! { <Denied error/> }),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Signals(filter: SignalFilter, page: SignalPage, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let kinds = KINDS
        .iter()
        .map(|(code, key)| view! { <option value=*code selected=filter.kind == *code>{t(lang, key)}</option> })
        .collect_view();
    let query = format!(
        "kind={}&agency={}&province={}&explained={}",
        encode_uri_component(&filter.kind),
        encode_uri_component(&filter.agency),
        encode_uri_component(&filter.province),
        encode_uri_component(&filter.explained)
    );
    let counts = page
        .counts
        .iter()
        .map(|(kind, province, n)| {
            // Central agencies have no province: their row says so.
            let place = if province.is_empty() {
                t(lang, "signals.central").to_string()
            } else {
                province.clone()
            };
            let href = format!(
                "/sinyal?kind={}&province={}",
                encode_uri_component(kind),
                encode_uri_component(province)
            );
            view! {
                <tr>
                    <td>{kind_label(lang, kind)}</td>
                    <td class="code"><a href=href>{place}</a></td>
                    <td class="num">{fmt_int(lang, *n)}</td>
                </tr>
            }
        })
        .collect_view();
    let count = tf(
        lang,
        "signals.count",
        &[("n", &fmt_int(lang, page.signals.len() as i64))],
    );
    let truncated = page.truncated.then(|| {
        view! { <p class="note">{tf(lang, "signals.truncated", &[("n", &SIGNALS_LIMIT.to_string())])}</p> }
    });
    let can_explain = page.can_explain;
    let rows = page
        .signals
        .into_iter()
        .map(|s| view! { <Row s csrf=csrf.clone() can_explain/> })
        .collect_view();
    view! {
        <form method="get" action="/sinyal" class="filters" id="signal-filters">
            <label><span>{t(lang, "signals.kind")}</span>
                <select name="kind" id="signal-kind">
                    <option value="">{t(lang, "signals.any_kind")}</option>
                    {kinds}
                </select>
            </label>
            <label><span>{t(lang, "recommendations.agency")}</span><input name="agency" value=filter.agency.clone() size="8"/></label>
            <label><span>{t(lang, "registry.province")}</span><input name="province" value=filter.province.clone() size="4"/></label>
            <label class="check">
                <input type="checkbox" name="explained" value="1" checked=filter.explained == "1"/>
                <span>{t(lang, "signals.include_explained")}</span>
            </label>
            <button type="submit">{t(lang, "agencies.apply")}</button>
            <a class="button-link" href="/sinyal">{t(lang, "agencies.reset")}</a>
        </form>
        <h2>{t(lang, "signals.counts")}</h2>
        <crate::components::TableScroll><table class="data narrow" id="signal-counts">
            <thead><tr>
                <th scope="col">{t(lang, "signals.kind")}</th>
                <th scope="col">{t(lang, "registry.province")}</th>
                <th scope="col" class="num">{t(lang, "signals.open")}</th>
            </tr></thead>
            <tbody>{counts}</tbody>
        </table></crate::components::TableScroll>
        <h2>{t(lang, "signals.list")}</h2>
        <p class="result-count" id="signals-count">{count}</p>
        {truncated}
        <p>
            <a href=format!("/ekspor/sinyal.csv?{query}") download id="signals-csv">{t(lang, "signals.csv")}</a> " · "
            <a href=format!("/ekspor/sinyal.xlsx?{query}") download id="signals-xlsx">{t(lang, "signals.xlsx")}</a>
        </p>
        <crate::components::TableScroll><table class="data" id="signals">
            <thead><tr>
                <th scope="col">{t(lang, "signals.kind")}</th>
                <th scope="col">{t(lang, "explorer.col_agency")}</th>
                <th scope="col">{t(lang, "signals.period")}</th>
                <th scope="col">{t(lang, "signals.what")}</th>
                <th scope="col">{t(lang, "signals.state")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    }
}

#[component]
fn Row(s: SignalItem, csrf: String, can_explain: bool) -> impl IntoView {
    let lang = use_lang();
    let explanation = match lang {
        Lang::Id => s.explanation.clone(),
        Lang::En => s.explanation_en.clone(),
    };
    let evidence = s
        .records
        .iter()
        .map(|r| format!("{} {}", r.kind, r.id))
        .collect::<Vec<_>>()
        .join(", ");
    let state = if s.explained {
        Either::Left(view! {
            <span>{t(lang, "signals.explained")}</span>
            <br/><small>{s.explained_note.clone().unwrap_or_default()}</small>
        })
    } else if can_explain && s.id > 0 {
        Either::Right(Some(view! {
            <form class="inline" method="post" action=format!("/auth/sinyal/{}", s.id)>
                <input type="hidden" name="csrf" value=csrf/>
                <input name="note" required size="16" aria-label=t(lang, "signals.note")/>
                <button type="submit">{t(lang, "signals.explain")}</button>
            </form>
        }))
    } else {
        Either::Right(None)
    };
    view! {
        <tr data-signal=s.id data-kind=s.kind.clone()>
            <td>{kind_label(lang, &s.kind)}</td>
            <td class="code"><a href=format!("/instansi/{}/kartu-skor", s.agency_code)>{s.agency_code.clone()}</a></td>
            <td class="code">{s.first_date.clone()} " – " {s.last_date.clone()}</td>
            <td>{explanation}<br/><small class="code">{evidence}</small></td>
            <td>{state}</td>
        </tr>
    }
}
