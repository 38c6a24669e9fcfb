//! `/pelanggaran/:id`: one violation for staff — what the rule found and with which parameters, the legal basis,
//! the record exactly as the agency sent it (every revision), the history, and the workflow steps the reader's
//! role may take now. The steps are plain forms posted to `/auth/pelanggaran/{id}/langkah` with the session's
//! CSRF token; the server redirects back here with `?hasil=` or `?galat=`.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::open_violation;
use crate::components::page_title;
use crate::i18n::{t, use_lang, Lang};
use crate::labels::{
    action_label, event_key, label, rec_state_label, response_label, severity_label, status_label,
};
use crate::pages::staff_parts::{history_table, staff_item, step_outcome};
use model::recommendation::{AnswerView, FollowUpView};
use model::types::{ViolationDetail, ViolationStep};
use model::{Refusal, Status};

#[component]
pub fn ViolationPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let detail = Resource::new(move || id.get(), open_violation);
    staff_item(detail, move |v: ViolationDetail, csrf| {
        view! {
            <Title text=page_title(lang, &format!("{} #{}", t(lang, "violation.title"), v.id))/>
            <Detail v csrf/>
        }
    })
}

/// The notice after a workflow step (`?hasil=`) or a refusal (`?galat=`).
fn outcome(lang: Lang, ok: Option<String>, error: Option<String>) -> Option<impl IntoView> {
    let refusal = error.map(|code| match Refusal::parse(&code) {
        Some(Refusal::ReasonRequired) => t(lang, "violation.error_reason"),
        Some(Refusal::LetterRequired) => t(lang, "violation.error_letter"),
        Some(Refusal::Role) => t(lang, "violation.error_role"),
        Some(Refusal::Status) => t(lang, "violation.error_status"),
        Some(Refusal::BadDate) => t(lang, "violation.error_date"),
        Some(Refusal::NoAnswer) => t(lang, "violation.error_no_answer"),
        _ => t(lang, "violation.error_failure"),
    });
    step_outcome(lang, ok.is_some(), refusal)
}

#[component]
fn Detail(v: ViolationDetail, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        outcome(lang, q.get("hasil"), q.get("galat"))
    };
    let (message, other) = match lang {
        Lang::Id => (v.message.clone(), v.message_en.clone()),
        Lang::En => (v.message_en.clone(), v.message.clone()),
    };
    // A value from a dated change says since when it was in force (issue #19); the others applied from the start.
    let params = v
        .params
        .iter()
        .map(|(k, val)| {
            let since = v
                .params_since
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, day)| crate::i18n::tf(lang, "parameters.from_day", &[("day", day)]))
                .unwrap_or_else(|| t(lang, "parameters.from_start").to_string());
            view! {
                <tr>
                    <th scope="row" class="code">{k.clone()}</th>
                    <td class="code">{val.clone()}</td>
                    <td>{since}</td>
                </tr>
            }
        })
        .collect_view();
    let history = v
        .history
        .iter()
        .map(|s| view! { <Step step=s.clone()/> })
        .collect_view();
    let revisions = v
        .revisions
        .iter()
        .rev()
        .enumerate()
        .map(|(i, r)| {
            view! {
                <details open=i == 0 class="revision">
                    <summary>
                        {t(lang, "violation.revision")} " " {r.revision} " · " {r.received_at.clone()}
                    </summary>
                    // Focusable: on a phone the JSON scrolls sideways in its box, which a keyboard must reach too.
                    <pre class="record" tabindex="0">{r.content.clone()}</pre>
                </details>
            }
        })
        .collect_view();
    let cleared = v.cleared_as_of.clone().map(|at| {
        view! { <p class="note" id="cleared-note">{t(lang, "violation.cleared")} " " {at}</p> }
    });
    let actions = v
        .actions
        .iter()
        .map(|to| view! { <StepForm id=v.id to=*to csrf=csrf.clone()/> })
        .collect_view();
    let no_actions = v
        .actions
        .is_empty()
        .then(|| view! { <p class="muted" id="no-actions">{t(lang, "violation.no_actions")}</p> });
    let subject = v.subject_nip.clone().unwrap_or_else(|| "—".to_string());
    let follow_up = v
        .follow_up
        .clone()
        .map(|f| view! { <FollowUp id=v.id f csrf=csrf.clone()/> });
    view! {
        <section class="page">
            <p class="muted"><a href="/pelanggaran">{t(lang, "explorer.title")}</a></p>
            <h1>{t(lang, "violation.title")} " #" {v.id} " · " <crate::components::RuleName rule=v.rule_id.as_str()/></h1>
            {notice}
            <p class="lead" id="violation-message">{message}</p>
            <p class="muted" lang=lang.other().code()>{other}</p>
            {cleared}
            <dl class="facts">
                <dt>{t(lang, "explorer.col_status")}</dt>
                <dd id="violation-status" data-status=v.status.as_str()>{status_label(lang, v.status)}</dd>
                <dt>{t(lang, "explorer.col_severity")}</dt>
                <dd>{severity_label(lang, v.severity)}</dd>
                <dt>{t(lang, "explorer.col_agency")}</dt>
                <dd><a href=format!("/instansi/{}", v.agency_code)>{v.agency_name.clone()}</a></dd>
                <dt>{t(lang, "violation.record")}</dt>
                <dd class="code">{v.record_kind.clone()} " / " {record_link(&v.record_kind, &v.record_id)}</dd>
                <dt>{t(lang, "violation.subject")}</dt>
                <dd class="code">{subject}</dd>
                <dt>{t(lang, "explorer.col_date")}</dt>
                <dd class="code">{v.event_date.clone()}</dd>
                <dt>{t(lang, "violation.legal_basis")}</dt>
                <dd id="violation-basis">{v.legal_basis.clone()}</dd>
                <dt>{t(lang, "violation.flagged_as_of")}</dt>
                <dd class="code">{v.flagged_as_of.clone()}</dd>
            </dl>
            <h2>{t(lang, "violation.params")}</h2>
            <crate::components::TableScroll><table class="data narrow" id="violation-params"><tbody>{params}</tbody></table></crate::components::TableScroll>
            {follow_up}
            <h2>{t(lang, "violation.actions")}</h2>
            <div class="actions" id="violation-actions">{actions}{no_actions}</div>
            {history_table(lang, "violation-history", history)}
            <h2>{t(lang, "violation.revisions")}</h2>
            <div id="violation-revisions">{revisions}</div>
        </section>
    }
}

/// A record's id; a complaint filed through the form (reference `NET-…`) links to its case, which has no
/// record revisions of its own.
fn record_link(kind: &str, id: &str) -> impl IntoView {
    if kind == "neutrality_complaint" && id.starts_with("NET-") {
        let href = format!("/pengaduan/{}", crate::components::encode_uri_component(id));
        Either::Left(view! { <a href=href id="case-link">{id.to_string()}</a> })
    } else {
        Either::Right(id.to_string())
    }
}

#[component]
fn Step(step: ViolationStep) -> impl IntoView {
    let lang = use_lang();
    let what = match (step.from_status, step.to_status) {
        (Some(from), Some(to)) => {
            format!("{} → {}", status_label(lang, from), status_label(lang, to))
        }
        _ => label(lang, event_key, &step.event),
    };
    let mut detail = Vec::new();
    if let Some(reason) = step.reason {
        detail.push(reason);
    }
    if let Some(letter) = step.letter_number {
        detail.push(format!(
            "{} {letter} ({})",
            t(lang, "violation.letter"),
            step.letter_date.unwrap_or_default()
        ));
    }
    view! {
        <tr>
            <td class="code">{step.at}</td>
            <td>{step.actor}</td>
            <td>{what}</td>
            <td>{detail.join(" · ")}</td>
        </tr>
    }
}

/// One workflow step as a form: dismissal asks for its reason, a recommendation for its letter.
#[component]
fn StepForm(id: i64, to: Status, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let extra = match to {
        Status::Dismissed => Some(Either::Left(view! {
            <label>
                <span>{t(lang, "violation.reason")}</span>
                <textarea name="reason" id="step-reason" required rows="3"></textarea>
            </label>
        })),
        Status::RecommendationIssued => Some(Either::Right(view! {
            <label>
                <span>{t(lang, "violation.letter_number")}</span>
                <input name="letter_number" id="step-letter-number" required/>
            </label>
            <label>
                <span>{t(lang, "violation.letter_date")}</span>
                <input name="letter_date" id="step-letter-date" type="date" required/>
            </label>
        })),
        _ => None,
    };
    let button = action_label(lang, to);
    let to = to.as_str();
    view! {
        <form class="step" method="post" action=format!("/auth/pelanggaran/{id}/langkah") data-step=to>
            <input type="hidden" name="csrf" value=csrf/>
            <input type="hidden" name="to" value=to/>
            {extra}
            <button type="submit" id=format!("step-{to}")>{button}</button>
        </form>
    }
}

/// The recommendation's follow-up (issue #17): the letter and its due date, where it stands today, every answer
/// of the agency with the verdict on it, and — for a commissioner while an answer awaits — the verdict form
/// (posted to `/auth/pelanggaran/{id}/putusan`; rejecting needs a reason).
#[component]
fn FollowUp(id: i64, f: FollowUpView, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let answers = f
        .answers
        .iter()
        .map(|a| view! { <AnswerRow a=a.clone()/> })
        .collect_view();
    let none = f
        .answers
        .is_empty()
        .then(|| view! { <p class="muted" id="no-answers">{t(lang, "followup.no_answers")}</p> });
    let verdict = f.can_judge.then(|| {
        let action = format!("/auth/pelanggaran/{id}/putusan");
        view! {
            <div class="actions" id="verdict-forms">
                <form class="step" method="post" action=action.clone()>
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <input type="hidden" name="accept" value="true"/>
                    <button type="submit" id="verdict-accept">{t(lang, "followup.accept")}</button>
                </form>
                <form class="step" method="post" action=action>
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <input type="hidden" name="accept" value="false"/>
                    <label>
                        <span>{t(lang, "followup.reject_reason")}</span>
                        <textarea name="reason" id="verdict-reason" required rows="3"></textarea>
                    </label>
                    <button type="submit" class="secondary" id="verdict-reject">{t(lang, "followup.reject")}</button>
                </form>
            </div>
        }
    });
    view! {
        <h2>{t(lang, "followup.title")}</h2>
        <dl class="facts" id="follow-up" data-state=f.state.as_str()>
            <dt>{t(lang, "violation.letter")}</dt>
            <dd>
                <span class="code">{f.letter_number.clone()} " (" {f.letter_date.clone()} ")"</span> " "
                <crate::pages::recommendation_parts::LetterLink id/>
            </dd>
            <dt>{t(lang, "followup.due_on")}</dt>
            <dd class="code" id="follow-up-due">{f.due_on.clone()}</dd>
            <dt>{t(lang, "followup.state")}</dt>
            <dd id="follow-up-state">{rec_state_label(lang, f.state)}</dd>
        </dl>
        {none}
        {(!f.answers.is_empty()).then(|| view! {
            <crate::components::TableScroll><table class="data" id="follow-up-answers">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "followup.col_answer")}</th>
                        <th scope="col">{t(lang, "followup.col_date")}</th>
                        <th scope="col">{t(lang, "followup.col_action")}</th>
                        <th scope="col">{t(lang, "violation.col_detail")}</th>
                        <th scope="col">{t(lang, "followup.col_verdict")}</th>
                    </tr>
                </thead>
                <tbody>{answers}</tbody>
            </table></crate::components::TableScroll>
        })}
        {verdict}
    }
}

#[component]
fn AnswerRow(a: AnswerView) -> impl IntoView {
    let lang = use_lang();
    let when = if a.on_time {
        t(lang, "followup.on_time")
    } else {
        t(lang, "followup.late")
    };
    let detail = match (&a.decision_letter, &a.note) {
        (Some((number, date)), note) => format!(
            "{} {number} ({date}){}",
            t(lang, "followup.decision_letter"),
            note.as_ref().map(|n| format!(" · {n}")).unwrap_or_default()
        ),
        (None, Some(note)) => note.clone(),
        (None, None) => String::new(),
    };
    let verdict = match &a.verdict {
        None => t(lang, "followup.awaiting").to_string(),
        Some(v) if v.accepted => format!("{} ({})", t(lang, "followup.accepted"), v.on),
        Some(v) => format!(
            "{} ({}){}",
            t(lang, "followup.rejected"),
            v.on,
            v.reason
                .as_ref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default()
        ),
    };
    view! {
        <tr>
            <td class="code">{a.record_id}</td>
            <td class="code">{a.responded_on} " · " {when}</td>
            <td>{response_label(lang, a.action)}</td>
            <td>{detail}</td>
            <td>{verdict}</td>
        </tr>
    }
}
