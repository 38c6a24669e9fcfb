//! The staff's side of neutrality complaints (issue #7): `/pengaduan`, the cases filed through the form with the
//! statistics of all complaints, and `/pengaduan/:reference`, one case with its workflow steps. Analysts and
//! commissioners only. The complainant's identity is shown only to the case's handlers and only when they ask
//! (`?identitas=1`; the server audits each showing); everyone else reads "(dirahasiakan)". The steps are plain
//! forms posted to `/auth/pengaduan/{reference}/langkah` with the session's CSRF token.

use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{list_cases, open_case};
use crate::components::{encode_uri_component, page_title, Denied, Loading};
use crate::i18n::{t, use_lang, Lang};
use crate::labels::{
    case_action_key, complaint_status_key, complaint_status_label, election_key, label,
    position_key, sanction_key, violation_type_key,
};
use crate::pages::public_parts::ComplaintStatsTables;
use crate::pages::staff_parts::{history_table, staff_item, step_outcome};
use model::public::{COMPLAINT_STATUSES, ELECTIONS, SANCTIONS, VIOLATION_TYPES, WITHHELD};
use model::types::{CaseDetail, CaseList, CaseListFilter, CaseSummary, Identity};
use model::ComplaintStatus;

#[component]
pub fn CasesPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        CaseListFilter {
            status: q.get("status").unwrap_or_default(),
            agency: q.get("agency").unwrap_or_default(),
            election: q.get("election").unwrap_or_default(),
            mine: q.get("mine").unwrap_or_default(),
        }
    });
    let list = Resource::new(move || filter.get(), list_cases);
    view! {
        <Title text=page_title(lang, t(lang, "cases.title"))/>
        <section class="page wide">
            <h1>{t(lang, "cases.title")}</h1>
            <p class="lead">{t(lang, "cases.lead")}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => Either::Left(view! { <CaseListView filter=filter.get_untracked() list/> }),
                        Err(error) => Either::Right(view! { <Denied error/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn options(
    lang: Lang,
    values: &[&'static str],
    key_of: fn(&str) -> Option<&'static str>,
    chosen: &str,
) -> impl IntoView {
    values
        .iter()
        .map(|v| view! { <option value=*v selected=chosen == *v>{label(lang, key_of, v)}</option> })
        .collect_view()
}

#[component]
fn CaseListView(filter: CaseListFilter, list: CaseList) -> impl IntoView {
    let lang = use_lang();
    let shown = list.cases.len();
    let capped = list
        .more
        .then(|| view! { <p class="note" id="cases-capped">{t(lang, "cases.capped")} " " {list.limit}</p> });
    let rows = list
        .cases
        .into_iter()
        .map(|c| view! { <CaseRow case=c/> })
        .collect_view();
    let empty = (shown == 0)
        .then(|| view! { <p class="muted" id="cases-empty">{t(lang, "cases.empty")}</p> });
    view! {
        <form method="get" action="/pengaduan" class="filters" id="case-filter">
            <label>
                <span>{t(lang, "explorer.col_status")}</span>
                <select name="status" id="filter-status">
                    <option value="">{t(lang, "cases.any")}</option>
                    {options(lang, &COMPLAINT_STATUSES.map(ComplaintStatus::as_str), complaint_status_key, &filter.status)}
                </select>
            </label>
            <label>
                <span>{t(lang, "stats.election")}</span>
                <select name="election" id="filter-election">
                    <option value="">{t(lang, "cases.any")}</option>
                    {options(lang, &ELECTIONS, election_key, &filter.election)}
                </select>
            </label>
            <label>
                <span>{t(lang, "cases.agency_code")}</span>
                <input name="agency" id="filter-agency" value=filter.agency.clone() size="8"/>
            </label>
            <label class="check">
                <input type="checkbox" name="mine" value="1" id="filter-mine" checked=filter.mine == "1"/>
                <span>{t(lang, "cases.mine")}</span>
            </label>
            <button type="submit">{t(lang, "cases.apply")}</button>
        </form>
        <crate::components::TableScroll><table class="data" id="cases">
            <thead>
                <tr>
                    <th scope="col">{t(lang, "cases.reference")}</th>
                    <th scope="col">{t(lang, "explorer.col_agency")}</th>
                    <th scope="col">{t(lang, "stats.election")}</th>
                    <th scope="col">{t(lang, "cases.received_on")}</th>
                    <th scope="col">{t(lang, "explorer.col_status")}</th>
                    <th scope="col">{t(lang, "cases.deadline")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
        {empty}
        {capped}
        <p><a class="button-link" id="cases-csv" href=format!("/ekspor/pengaduan.csv?{}", filter.query())>{t(lang, "cases.csv")}</a></p>
        <h2>{t(lang, "stats.title")}</h2>
        <ComplaintStatsTables stats=list.stats id="staff"/>
    }
}

/// The deadline of a case's recommendation, marked when overdue.
fn deadline_cell(lang: Lang, case: &CaseSummary) -> impl IntoView {
    let deadline = case.deadline.clone().unwrap_or_else(|| "—".to_string());
    let overdue = case
        .overdue
        .then(|| view! { " " <span class="badge high" data-overdue="1">{t(lang, "cases.overdue")}</span> });
    view! { <span class="code">{deadline}</span>{overdue} }
}

#[component]
fn CaseRow(case: CaseSummary) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/pengaduan/{}", encode_uri_component(&case.reference));
    view! {
        <tr data-reference=case.reference.clone()>
            <td class="code"><a href=href>{case.reference.clone()}</a></td>
            <td>{case.agency_name.clone()} " " <span class="muted code">{case.agency_code.clone()}</span></td>
            <td>{label(lang, election_key, &case.election)}</td>
            <td class="code">{case.received_on.clone()}</td>
            <td data-status=case.status.as_str()>{complaint_status_label(lang, case.status)}</td>
            <td>{deadline_cell(lang, &case)}</td>
        </tr>
    }
}

#[component]
pub fn CasePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let key = Memo::new(move |_| {
        (
            params.read().get("reference").unwrap_or_default(),
            query.read().get("identitas").as_deref() == Some("1"),
        )
    });
    let detail = Resource::new(
        move || key.get(),
        |(reference, reveal)| open_case(reference, reveal),
    );
    staff_item(detail, move |case: CaseDetail, csrf| {
        view! {
            <Title text=page_title(lang, &format!("{} {}", t(lang, "cases.case"), case.summary.reference))/>
            <Case case csrf/>
        }
    })
}

/// The notice after a step (`?hasil=`) or a refusal (`?galat=`).
fn outcome(lang: Lang, ok: Option<String>, error: Option<String>) -> Option<impl IntoView> {
    let refusal = error.map(|code| match model::Refusal::parse(&code) {
        Some(Refusal::ReasonRequired) => t(lang, "violation.error_reason"),
        Some(Refusal::LetterRequired) => t(lang, "cases.error_letter"),
        Some(Refusal::Role) => t(lang, "violation.error_role"),
        Some(Refusal::Status) => t(lang, "violation.error_status"),
        Some(Refusal::BadDate) => t(lang, "cases.error_date"),
        Some(Refusal::TypeRequired) => t(lang, "cases.error_type"),
        Some(Refusal::DecisionRequired) => t(lang, "cases.error_decision"),
        Some(Refusal::HandlerRequired) => t(lang, "cases.error_handler"),
        _ => t(lang, "violation.error_failure"),
    });
    use model::Refusal;
    step_outcome(lang, ok.is_some(), refusal)
}

fn identity_view(lang: Lang, identity: Identity, reference: &str) -> impl IntoView {
    match identity {
        Identity::Anonymous => EitherOf4::A(
            view! { <span id="identity" data-identity="anonymous">{t(lang, "cases.anonymous")}</span> },
        ),
        Identity::Hidden => {
            EitherOf4::B(view! { <span id="identity" data-identity="hidden">{WITHHELD}</span> })
        }
        Identity::Available => {
            let href = format!("/pengaduan/{}?identitas=1", encode_uri_component(reference));
            EitherOf4::C(view! {
                <span id="identity" data-identity="available">
                    {WITHHELD} " · " <a href=href rel="nofollow" id="reveal-identity">{t(lang, "cases.reveal")}</a>
                </span>
            })
        }
        Identity::Shown { name, contact } => EitherOf4::D(view! {
            <span id="identity" data-identity="shown">
                {name.unwrap_or_else(|| "—".to_string())} " · " {contact.unwrap_or_else(|| "—".to_string())}
                <br/><span class="muted">{t(lang, "cases.reveal_audited")}</span>
            </span>
        }),
    }
}

#[component]
fn Case(case: CaseDetail, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        outcome(lang, q.get("hasil"), q.get("galat"))
    };
    let s = case.summary.clone();
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
    let evidence = case
        .evidence
        .iter()
        .map(|link| {
            view! { <li><a href=link.clone() rel="nofollow noopener noreferrer" target="_blank">{link.clone()}</a></li> }
        })
        .collect_view();
    let handlers = if case.handlers.is_empty() {
        t(lang, "cases.no_handlers").to_string()
    } else {
        case.handlers.join(", ")
    };
    let decisions = case
        .agency_decisions
        .iter()
        .map(|d| {
            view! {
                <li>
                    <span class="code">{d.record_id.clone()}</span> " · " {d.decided_on.clone()} " · "
                    {label(lang, sanction_key, &d.sanction)}
                </li>
            }
        })
        .collect_view();
    let staff_decision = case.summary.decided_on.clone().map(|_| {
        view! { <li>{t(lang, "cases.entered_by_staff")} " · " {label(lang, sanction_key, &dash(&case.decided_sanction))}</li> }
    });
    let actions = case
        .actions
        .iter()
        .map(|a| view! { <StepForm reference=s.reference.clone() action=a.clone() csrf=csrf.clone() assignable=case.assignable.clone()/> })
        .collect_view();
    let no_actions = case
        .actions
        .is_empty()
        .then(|| view! { <p class="muted" id="no-actions">{t(lang, "violation.no_actions")}</p> });
    let history = case
        .history
        .iter()
        .map(|e| {
            view! {
                <tr>
                    <td class="code">{e.at.clone()}</td>
                    <td>{e.actor.clone()}</td>
                    <td>{label(lang, case_action_key, &e.action)}</td>
                    <td>{step_detail(lang, e.after.as_deref())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="page">
            <p class="muted"><a href="/pengaduan">{t(lang, "cases.title")}</a></p>
            <h1>{t(lang, "cases.case")} " " <span class="code" id="case-reference">{s.reference.clone()}</span></h1>
            {notice}
            <dl class="facts">
                <dt>{t(lang, "explorer.col_status")}</dt>
                <dd id="case-status" data-status=s.status.as_str()>{complaint_status_label(lang, s.status)}</dd>
                <dt>{t(lang, "explorer.col_agency")}</dt>
                <dd><a href=format!("/instansi/{}/kartu-skor", s.agency_code)>{s.agency_name.clone()}</a></dd>
                <dt>{t(lang, "stats.election")}</dt>
                <dd>{label(lang, election_key, &s.election)}</dd>
                <dt>{t(lang, "cases.received_on")}</dt>
                <dd class="code">{s.received_on.clone()}</dd>
                <dt>{t(lang, "neutrality.accused_name")}</dt>
                <dd>{dash(&case.accused_name)}</dd>
                <dt>{t(lang, "neutrality.position_level")}</dt>
                <dd>{label(lang, position_key, &s.position_level)}</dd>
                <dt>{t(lang, "neutrality.happened_on")}</dt>
                <dd class="code">{dash(&case.happened_on)}</dd>
                <dt>{t(lang, "cases.complainant")}</dt>
                <dd>{identity_view(lang, case.identity.clone(), &s.reference)}</dd>
                <dt>{t(lang, "cases.handlers")}</dt>
                <dd id="case-handlers">{handlers}</dd>
                <dt>{t(lang, "stats.type")}</dt>
                <dd id="case-type">{case.violation_type.as_deref().map_or_else(|| "—".to_string(), |v| label(lang, violation_type_key, v))}</dd>
                <dt>{t(lang, "cases.dismissed_reason")}</dt>
                <dd>{dash(&case.dismissed_reason)}</dd>
            </dl>
            <h2>{t(lang, "cases.account")}</h2>
            <p class="account" id="case-account">{case.account.clone()}</p>
            <ul>{evidence}</ul>
            <h2>{t(lang, "cases.recommendation")}</h2>
            <dl class="facts" id="case-recommendation">
                <dt>{t(lang, "cases.sanction")}</dt>
                <dd>{case.recommended_sanction.as_deref().map_or_else(|| "—".to_string(), |v| label(lang, sanction_key, v))}</dd>
                <dt>{t(lang, "violation.letter_number")}</dt>
                <dd class="code">{dash(&case.letter_number)}</dd>
                <dt>{t(lang, "violation.letter_date")}</dt>
                <dd class="code">{dash(&s.recommended_on)}</dd>
                <dt>{t(lang, "cases.deadline")}</dt>
                <dd id="case-deadline">{deadline_cell(lang, &s)}</dd>
                <dt>{t(lang, "cases.decided_on")}</dt>
                <dd class="code" id="case-decided">{dash(&s.decided_on)}</dd>
            </dl>
            <ul id="case-decisions">{staff_decision}{decisions}</ul>
            <h2>{t(lang, "violation.actions")}</h2>
            <div class="actions" id="case-actions">{actions}{no_actions}</div>
            {history_table(lang, "case-history", history)}
        </section>
    }
}

/// What a step recorded (the audit entry's `after`), readable: its set values, codes by their labels.
fn step_detail(lang: Lang, after: Option<&str>) -> String {
    let Some(serde_json::Value::Object(fields)) = after.and_then(|a| serde_json::from_str(a).ok())
    else {
        return String::new();
    };
    fields
        .iter()
        .filter_map(|(key, value)| {
            let text = value.as_str()?;
            Some(match key.as_str() {
                "status" => label(lang, complaint_status_key, text),
                "violation_type" => label(lang, violation_type_key, text),
                "sanction" => label(lang, sanction_key, text),
                _ => text.to_string(),
            })
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One step as a form, with the fields it needs.
#[component]
fn StepForm(
    reference: String,
    action: String,
    csrf: String,
    assignable: Vec<String>,
) -> impl IntoView {
    let lang = use_lang();
    let sanctions = |with_none: bool| {
        SANCTIONS
            .iter()
            .filter(move |s| with_none || **s != "none")
            .map(|s| view! { <option value=*s>{label(lang, sanction_key, s)}</option> })
            .collect_view()
    };
    let extra = match action.as_str() {
        "prove" => Some(view! {
            <label>
                <span>{t(lang, "stats.type")}</span>
                <select name="violation_type" id="step-type" required>
                    {VIOLATION_TYPES.iter().map(|v| view! { <option value=*v>{label(lang, violation_type_key, v)}</option> }).collect_view()}
                </select>
            </label>
        }.into_any()),
        "dismiss" => Some(view! {
            <label>
                <span>{t(lang, "violation.reason")}</span>
                <textarea name="reason" id="step-reason" required rows="3"></textarea>
            </label>
        }.into_any()),
        "recommend" => Some(view! {
            <label>
                <span>{t(lang, "cases.sanction")}</span>
                <select name="sanction" id="step-sanction" required>{sanctions(false)}</select>
            </label>
            <label>
                <span>{t(lang, "violation.letter_number")}</span>
                <input name="letter_number" id="step-letter-number" required maxlength="100"/>
            </label>
            <label>
                <span>{t(lang, "violation.letter_date")}</span>
                <input name="date" id="step-letter-date" type="date" required/>
            </label>
        }.into_any()),
        "follow_up" => Some(view! {
            <label>
                <span>{t(lang, "cases.decided_on")}</span>
                <input name="date" id="step-decided-on" type="date" required/>
            </label>
            <label>
                <span>{t(lang, "cases.decided_sanction")}</span>
                <select name="sanction" id="step-decided-sanction" required>{sanctions(true)}</select>
            </label>
        }.into_any()),
        "assign" => Some(view! {
            <label>
                <span>{t(lang, "cases.handler")}</span>
                <select name="handler" id="step-handler" required>
                    {assignable.into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
                </select>
            </label>
        }.into_any()),
        _ => None,
    };
    let button = label(lang, case_action_key, &action);
    view! {
        <form class="step" method="post" action=format!("/auth/pengaduan/{}/langkah", encode_uri_component(&reference)) data-step=action.clone()>
            <input type="hidden" name="csrf" value=csrf/>
            <input type="hidden" name="action" value=action.clone()/>
            {extra}
            <button type="submit" id=format!("step-{action}")>{button}</button>
        </form>
    }
}
