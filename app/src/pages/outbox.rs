//! `/kotak-keluar`: the administrators' view of the mail outbox (issue #18) — every message the app wrote (the
//! letter when a recommendation is issued, the reminders, the overdue notices, the staff's digests), where it
//! stands and why it failed. Without `PANTAU_SMTP_URL` nothing is sent and the page says so: the messages wait
//! here. The state filter is a GET form (the URL is the view); read-only, no island.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{outbox_mail, OUTBOX_LIMIT};
use crate::components::{page_title, Denied, Loading};
use crate::i18n::{fmt_int, t, tf, use_lang};
use crate::labels::{mail_kind_label, mail_state_label};
use model::types::{OutboxEntry, OutboxPage};
use model::MailState;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let state = Memo::new(move |_| query.read().get("state").unwrap_or_default());
    let page = Resource::new(move || state.get(), outbox_mail);
    view! {
        <Title text=page_title(lang, t(lang, "outbox.title"))/>
        <section class="page wide">
            <h1>{t(lang, "outbox.title")}</h1>
            <p class="lead">{t(lang, "outbox.lead")}</p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => Either::Left(view! { <Outbox state=state.get_untracked() page/> }),
                        Err(error) => Either::Right(view! { <Denied error/> }),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Outbox(state: String, page: OutboxPage) -> impl IntoView {
    let lang = use_lang();
    let sending = if page.sending {
        view! { <p class="notice" id="outbox-sending">{t(lang, "outbox.sending")}</p> }
    } else {
        view! { <p class="note" id="outbox-sending">{t(lang, "outbox.not_sending")}</p> }
    };
    let counts = page
        .counts
        .iter()
        .map(|(s, n)| {
            view! {
                <li data-state=s.as_str()>
                    <a href=format!("/kotak-keluar?state={}", s.as_str())>{mail_state_label(lang, *s)}</a>
                    ": " <strong>{fmt_int(lang, *n)}</strong>
                </li>
            }
        })
        .collect_view();
    let options = MailState::ALL
        .iter()
        .map(|s| {
            view! { <option value=s.as_str() selected=state == s.as_str()>{mail_state_label(lang, *s)}</option> }
        })
        .collect_view();
    let empty = page
        .entries
        .is_empty()
        .then(|| view! { <p class="note" id="outbox-empty">{t(lang, "outbox.empty")}</p> });
    let truncated = page.truncated.then(|| {
        view! {
            <p class="note" id="outbox-truncated">
                {tf(lang, "outbox.truncated", &[("n", &OUTBOX_LIMIT.to_string())])}
            </p>
        }
    });
    let rows = page
        .entries
        .into_iter()
        .map(|entry| view! { <Row entry/> })
        .collect_view();
    view! {
        {sending}
        <ul class="inline-list" id="outbox-counts">{counts}</ul>
        <form method="get" action="/kotak-keluar" class="filters" id="outbox-filters">
            <label>
                <span>{t(lang, "outbox.state")}</span>
                <select name="state" id="outbox-state">
                    <option value="">{t(lang, "recommendations.any_state")}</option>
                    {options}
                </select>
            </label>
            <button type="submit">{t(lang, "agencies.apply")}</button>
            <a class="button-link" href="/kotak-keluar">{t(lang, "agencies.reset")}</a>
        </form>
        {empty}
        {truncated}
        <crate::components::TableScroll><table class="data" id="outbox">
            <thead>
                <tr>
                    <th scope="col">{t(lang, "outbox.created")}</th>
                    <th scope="col">{t(lang, "outbox.kind")}</th>
                    <th scope="col">{t(lang, "outbox.to")}</th>
                    <th scope="col">{t(lang, "outbox.subject")}</th>
                    <th scope="col">{t(lang, "outbox.state")}</th>
                    <th scope="col" class="num">{t(lang, "outbox.attempts")}</th>
                    <th scope="col">{t(lang, "outbox.when")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    }
}

/// A stored timestamp as a person reads it (UTC, to the minute).
fn stamp(at: &str) -> String {
    at.get(..16).unwrap_or(at).replace('T', " ")
}

#[component]
fn Row(entry: OutboxEntry) -> impl IntoView {
    let lang = use_lang();
    let e = entry;
    let subject = match e.violation_id {
        Some(id) => {
            Either::Left(view! { <a href=format!("/pelanggaran/{id}")>{e.subject.clone()}</a> })
        }
        None => Either::Right(e.subject.clone()),
    };
    // Sent: when; waiting: the next attempt; failed: why (the last error shows under any state that has one).
    let when = match (e.state, &e.sent_at) {
        (MailState::Sent, Some(at)) => stamp(at),
        (MailState::Queued, _) => tf(
            lang,
            "outbox.next_attempt",
            &[("at", &stamp(&e.next_attempt_at))],
        ),
        _ => String::new(),
    };
    let error = e
        .last_error
        .clone()
        .filter(|_| e.state != MailState::Sent)
        .map(|err| view! { <br/><small class="error-text">{err}</small> });
    view! {
        <tr data-state=e.state.as_str() data-kind=e.kind.as_str()>
            <td class="code">{stamp(&e.created_at)}</td>
            <td>{mail_kind_label(lang, e.kind)}</td>
            <td>{e.recipient.clone()}<br/><small>{e.recipient_user.clone()}</small></td>
            <td>{subject}</td>
            <td>{mail_state_label(lang, e.state)}</td>
            <td class="num">{e.attempts}</td>
            <td>{when}{error}</td>
        </tr>
    }
}
