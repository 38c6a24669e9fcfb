//! `/audit`: the audit log for administrators — who changed what, when, with the value before and after. Filters
//! (actor, action, subject, date range) are a GET form, so a view can be bookmarked; older entries page by id.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::audit_entries;
use crate::components::{page_title, Denied, Loading};
use crate::i18n::{t, use_lang};
use model::types::{AuditEntry, AuditFilter};

#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        let get = |name: &str| q.get(name).unwrap_or_default();
        AuditFilter {
            actor: get("actor"),
            action: get("action"),
            subject: get("subject"),
            from: get("from"),
            to: get("to"),
            before: get("before"),
        }
    });
    let page = Resource::new(move || filter.get(), audit_entries);
    let field = move |name: &'static str, key: &'static str, kind: &'static str| {
        let value = move || {
            let f = filter.get();
            match name {
                "actor" => f.actor,
                "action" => f.action,
                "subject" => f.subject,
                "from" => f.from,
                _ => f.to,
            }
        };
        view! {
            <label>
                <span>{t(lang, key)}</span>
                <input type=kind name=name id=format!("audit-{name}") prop:value=value value=value/>
            </label>
        }
    };
    view! {
        <Title text=page_title(lang, t(lang, "audit.title"))/>
        <section class="page wide">
            <h1>{t(lang, "audit.title")}</h1>
            <p class="lead">{t(lang, "audit.lead")}</p>
            <form method="get" action="/audit" class="filters" id="audit-filters">
                {field("actor", "audit.col_actor", "text")}
                {field("action", "audit.col_action", "text")}
                {field("subject", "audit.col_subject", "text")}
                {field("from", "audit.from", "date")}
                {field("to", "audit.to", "date")}
                <button type="submit">{t(lang, "agencies.apply")}</button>
                <a class="button-link" href="/audit">{t(lang, "agencies.reset")}</a>
            </form>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let more = page.next.map(|before| {
                                let mut f = filter.get_untracked();
                                f.before = before;
                                let href = format!(
                                    "/audit?actor={}&action={}&subject={}&from={}&to={}&before={}",
                                    enc(&f.actor), enc(&f.action), enc(&f.subject), enc(&f.from), enc(&f.to), f.before
                                );
                                view! { <a class="button-link" id="audit-older" href=href>{t(lang, "audit.older")}</a> }
                            });
                            Either::Left(view! { <AuditTable entries=page.entries/> {more} })
                        }
                        Err(error) => Either::Right(view! { <Denied error/> }),
                    }
                })}
            </Transition>
        </section>
    }
}

fn enc(s: &str) -> String {
    crate::components::encode_uri_component(s)
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let lang = use_lang();
    let empty = entries
        .is_empty()
        .then(|| view! { <p class="note" id="audit-empty">{t(lang, "audit.empty")}</p> });
    let rows = entries
        .into_iter()
        .map(|e| {
            view! {
                <tr>
                    <td class="code">{e.at}</td>
                    <td>{e.actor}</td>
                    <td class="code">{e.action}</td>
                    <td class="code">{e.subject}</td>
                    <td><code class="json">{e.before.unwrap_or_default()}</code></td>
                    <td><code class="json">{e.after.unwrap_or_default()}</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {empty}
        <crate::components::TableScroll><table class="data" id="audit-table">
            <thead>
                <tr>
                    <th scope="col">{t(lang, "audit.col_at")}</th>
                    <th scope="col">{t(lang, "audit.col_actor")}</th>
                    <th scope="col">{t(lang, "audit.col_action")}</th>
                    <th scope="col">{t(lang, "audit.col_subject")}</th>
                    <th scope="col">{t(lang, "audit.col_before")}</th>
                    <th scope="col">{t(lang, "audit.col_after")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    }
}
