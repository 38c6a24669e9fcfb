//! The public side of ASN neutrality complaints (issue #7): the area's page with the statistics (`/netralitas`,
//! counts only, small ones suppressed), the complaint form
//! (`/netralitas/lapor`, no sign-in, anonymous allowed), the receipt shown once (`/netralitas/tanda-terima`) and
//! the status check by reference and receipt code (`/netralitas/cek`). The forms are plain HTML forms posted to
//! the server, so they work without JavaScript; the browser checks the limits first (required, lengths, dates),
//! the server checks them again.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::api::{complaint_status_result, fetch_complaint_stats, list_agencies, take_receipt};
use crate::components::{page_title, LoadError, Loading};
use crate::i18n::{t, use_lang, Lang};
use crate::labels::{complaint_status_label, election_key, label, position_key};
use crate::pages::public_parts::{AsOf, ComplaintStatsTables};
use model::public::{ELECTIONS, POSITION_LEVELS};

#[component]
pub fn NeutralityPage() -> impl IntoView {
    let lang = use_lang();
    let summary = Resource::new(|| (), |_| fetch_complaint_stats());
    view! {
        <Title text=page_title(lang, t(lang, "nav.neutrality"))/>
        <Meta name="description" content=t(lang, "neutrality.lead")/>
        <section class="page wide">
            <h1>{t(lang, "nav.neutrality")}</h1>
            <p class="lead">{t(lang, "neutrality.lead")}</p>
            <ul class="actions-list">
                <li><a href="/netralitas/lapor" id="file-link">{t(lang, "neutrality.file_link")}</a></li>
                <li><a href="/netralitas/cek" id="check-link">{t(lang, "neutrality.check_link")}</a></li>
            </ul>
            <p>{t(lang, "neutrality.privacy")}</p>
            <h2>{t(lang, "stats.title")}</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match summary.await {
                        Ok((computed_at, stats)) => Either::Left(view! {
                            <AsOf computed_at/>
                            <ComplaintStatsTables stats id="public"/>
                        }),
                        Err(_) => Either::Right(view! { <LoadError/> }),
                    }
                })}
            </Suspense>
            <p class="muted"><a href="/pengaduan" id="staff-cases-link">{t(lang, "cases.staff_link")}</a></p>
        </section>
    }
}

/// The form's label of a field the server refused, so the visitor sees what to correct.
fn field_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "agency_code" => "neutrality.agency",
        "election" => "neutrality.election",
        "accused_name" => "neutrality.accused_name",
        "position_level" => "neutrality.position_level",
        "happened_on" => "neutrality.happened_on",
        "summary" => "neutrality.summary",
        "evidence" => "neutrality.evidence",
        "complainant_name" => "neutrality.complainant_name",
        "complainant_contact" => "neutrality.complainant_contact",
        _ => return None,
    })
}

/// The form's refusal (`?galat=…`): the limit reached, a failure, or the fields to correct by their labels.
fn refusal(lang: Lang, galat: &str) -> String {
    match model::Refusal::parse(galat) {
        Some(model::Refusal::TooMany) => t(lang, "neutrality.too_many").to_string(),
        Some(model::Refusal::NotFound) => t(lang, "neutrality.not_found").to_string(),
        Some(_) => t(lang, "error.load").to_string(),
        // The fields to correct, named by the handler as a comma-separated list.
        None => {
            let fields = galat;
            let labels: Vec<String> = fields
                .split(',')
                .map(|f| label(lang, field_key, f))
                .collect();
            format!("{} {}", t(lang, "neutrality.fix_fields"), labels.join("; "))
        }
    }
}

#[component]
pub fn ComplaintFormPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let galat = move || query.read().get("galat").unwrap_or_default();
    let agencies = Resource::new(
        || (),
        |_| list_agencies(String::new(), String::new(), String::new()),
    );
    // "Don't know" first: most complainants do not know the accused's grade.
    let levels = std::iter::once("unknown")
        .chain(POSITION_LEVELS.into_iter().filter(|l| *l != "unknown"))
        .map(|value| view! { <option value=value>{label(lang, position_key, value)}</option> })
        .collect_view();
    view! {
        <Title text=page_title(lang, t(lang, "neutrality.form_title"))/>
        <Meta name="description" content=t(lang, "neutrality.form_lead")/>
        <section class="page narrow-wide">
            <h1>{t(lang, "neutrality.form_title")}</h1>
            <p class="lead">{t(lang, "neutrality.form_lead")}</p>
            {move || {
                let g = galat();
                (!g.is_empty()).then(|| view! { <p class="error" role="alert" id="form-error">{refusal(lang, &g)}</p> })
            }}
            <form method="post" action="/netralitas/lapor" class="complaint-form" id="complaint-form">
                <label for="agency_code">{t(lang, "neutrality.agency")}</label>
                <input id="agency_code" name="agency_code" list="agency-list" required maxlength="20"
                    placeholder=t(lang, "neutrality.agency_hint") autocomplete="off"/>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match agencies.await {
                            Ok(list) => Either::Left(view! {
                                <datalist id="agency-list">
                                    {list.into_iter().map(|a| view! { <option value=a.code>{a.name}</option> }).collect_view()}
                                </datalist>
                            }),
                            Err(_) => Either::Right(view! { <LoadError/> }),
                        }
                    })}
                </Suspense>
                <label for="election">{t(lang, "neutrality.election")}</label>
                <select id="election" name="election" required>
                    <option value="">{t(lang, "neutrality.election_choose")}</option>
                    {ELECTIONS.iter().rev().map(|e| view! { <option value=*e>{label(lang, election_key, e)}</option> }).collect_view()}
                </select>
                <label for="accused_name">{t(lang, "neutrality.accused_name")}</label>
                <input id="accused_name" name="accused_name" maxlength="200"/>
                <label for="position_level">{t(lang, "neutrality.position_level")}</label>
                <select id="position_level" name="position_level">{levels}</select>
                <label for="happened_on">{t(lang, "neutrality.happened_on")}</label>
                <input id="happened_on" name="happened_on" type="date"/>
                <label for="summary">{t(lang, "neutrality.summary")}</label>
                <textarea id="summary" name="summary" required minlength="20" maxlength="5000" rows="7"></textarea>
                <label for="evidence">{t(lang, "neutrality.evidence")}</label>
                <textarea id="evidence" name="evidence" rows="3" placeholder="https://…"></textarea>
                <fieldset>
                    <legend>{t(lang, "neutrality.identity")}</legend>
                    <label class="check">
                        <input type="checkbox" name="anonymous" id="anonymous" value="1"/>
                        " " {t(lang, "neutrality.anonymous")}
                    </label>
                    <label for="complainant_name">{t(lang, "neutrality.complainant_name")}</label>
                    <input id="complainant_name" name="complainant_name" maxlength="200"/>
                    <label for="complainant_contact">{t(lang, "neutrality.complainant_contact")}</label>
                    <input id="complainant_contact" name="complainant_contact" maxlength="200"/>
                    <p class="muted">{t(lang, "neutrality.identity_note")}</p>
                </fieldset>
                // A honeypot: hidden from people (and screen readers), filled in by bots.
                <div class="hp" aria-hidden="true">
                    <label for="website">"Website"</label>
                    <input id="website" name="website" tabindex="-1" autocomplete="off"/>
                </div>
                <button type="submit">{t(lang, "neutrality.submit")}</button>
            </form>
        </section>
    }
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let lang = use_lang();
    let receipt = Resource::new(|| (), |_| take_receipt());
    view! {
        <Title text=page_title(lang, t(lang, "neutrality.receipt_title"))/>
        <Meta name="description" content=t(lang, "neutrality.receipt_title")/>
        <section class="page">
            <h1>{t(lang, "neutrality.receipt_title")}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match receipt.await {
                        Ok(Some(r)) => Either::Left(view! {
                            <p>{t(lang, "neutrality.receipt_intro")}</p>
                            <dl class="facts receipt" id="receipt">
                                <dt>{t(lang, "neutrality.reference")}</dt>
                                <dd class="code" id="receipt-reference">{r.reference}</dd>
                                <dt>{t(lang, "neutrality.receipt_code")}</dt>
                                <dd class="code" id="receipt-code">{r.receipt_code}</dd>
                            </dl>
                            <p class="notice">{t(lang, "neutrality.receipt_keep")}</p>
                            <p><a href="/netralitas/cek">{t(lang, "neutrality.check_link")}</a></p>
                        }),
                        _ => Either::Right(view! { <p id="receipt-gone">{t(lang, "neutrality.receipt_gone")}</p> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn StatusCheckPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let result = Resource::new(
        move || query.read().get("hasil").is_some(),
        |asked| async move {
            if asked {
                complaint_status_result().await
            } else {
                Ok(None)
            }
        },
    );
    let galat = move || query.read().get("galat").unwrap_or_default();
    view! {
        <Title text=page_title(lang, t(lang, "neutrality.check_title"))/>
        <Meta name="description" content=t(lang, "neutrality.check_lead")/>
        <section class="page">
            <h1>{t(lang, "neutrality.check_title")}</h1>
            <p class="lead">{t(lang, "neutrality.check_lead")}</p>
            {move || {
                let text = match galat().as_str() {
                    "" => None,
                    other => Some(refusal(lang, other)),
                };
                text.map(|text| view! { <p class="error" role="alert" id="check-error">{text}</p> })
            }}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    result.await.ok().flatten().map(|s| view! {
                        <dl class="facts" id="status-result">
                            <dt>{t(lang, "neutrality.reference")}</dt>
                            <dd class="code">{s.reference}</dd>
                            <dt>{t(lang, "neutrality.status")}</dt>
                            <dd id="status-value">{complaint_status_label(lang, s.status)}</dd>
                            <dt>{t(lang, "neutrality.received_on")}</dt>
                            <dd>{s.received_on}</dd>
                            <dt>{t(lang, "neutrality.updated_on")}</dt>
                            <dd>{s.updated_on}</dd>
                        </dl>
                    })
                })}
            </Suspense>
            <form method="post" action="/netralitas/cek" class="complaint-form" id="check-form">
                <label for="reference">{t(lang, "neutrality.reference")}</label>
                <input id="reference" name="reference" required maxlength="40" placeholder="NET-2026-…" autocomplete="off"/>
                <label for="receipt_code">{t(lang, "neutrality.receipt_code")}</label>
                <input id="receipt_code" name="receipt_code" required maxlength="40" autocomplete="off"/>
                <button type="submit">{t(lang, "neutrality.check_submit")}</button>
            </form>
        </section>
    }
}
