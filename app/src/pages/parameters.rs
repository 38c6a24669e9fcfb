//! `/parameter`: the rule parameters (rules.md) with the values in force today, their defaults and their timelines
//! (issue #19: each value in force from a date, with its legal basis), for staff to read; an administrator changes
//! one with the form beside it (posted to `/auth/parameter/{key}`, audited): with a date, the value is in force
//! from that day on; without, it replaces the whole history. The next evaluation judges each event with the value
//! in force on its date; violations already stored keep the values they were judged with until then.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{current_user, rule_parameters};
use crate::components::{page_title, Denied, Loading};
use crate::i18n::{t, use_lang, Lang};
use model::types::{Parameter, ParameterStep};

#[component]
pub fn ParametersPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let params = Resource::new(|| (), |_| rule_parameters());
    let me = Resource::new(|| (), |_| current_user());
    let notice = move || {
        let q = query.read();
        if q.get("hasil").is_some() {
            return Some(Either::Left(
                view! { <p class="notice" id="parameter-notice" role="status">{t(lang, "parameters.saved")}</p> },
            ));
        }
        let text = match model::Refusal::parse(&q.get("galat")?) {
            Some(model::Refusal::BadValue) => t(lang, "parameters.error_value"),
            _ => t(lang, "violation.error_failure"),
        };
        Some(Either::Right(
            view! { <p class="error" id="parameter-error" role="alert">{text}</p> },
        ))
    };
    view! {
        <Title text=page_title(lang, t(lang, "parameters.title"))/>
        <section class="page wide">
            <h1>{t(lang, "parameters.title")}</h1>
            <p class="lead">{t(lang, "parameters.lead")}</p>
            {notice}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match params.await {
                        Ok((list, editable)) => {
                            let csrf = me.await.ok().flatten().map(|u| u.csrf).unwrap_or_default();
                            Either::Left(view! { <ParameterTable list editable csrf/> })
                        }
                        Err(error) => Either::Right(view! { <Denied error/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ParameterTable(list: Vec<Parameter>, editable: bool, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let rows = list
        .into_iter()
        .map(|p| {
            let description = match lang {
                Lang::Id => p.description.clone(),
                Lang::En => p.description_en.clone(),
            };
            let changed = (p.value != p.default).then_some("changed");
            let edit = editable.then(|| {
                view! {
                    <form class="param-form" method="post" action=format!("/auth/parameter/{}", p.key)>
                        <input type="hidden" name="csrf" value=csrf.clone()/>
                        <label>
                            <span>{t(lang, "parameters.value")}</span>
                            <input name="value" value=p.value.clone() size="10" required/>
                        </label>
                        <label>
                            <span>{t(lang, "parameters.from")}</span>
                            <input name="from" type="date"/>
                        </label>
                        <label>
                            <span>{t(lang, "parameters.basis")}</span>
                            <input name="basis" size="18"/>
                        </label>
                        <button type="submit">{t(lang, "parameters.save")}</button>
                    </form>
                }
            });
            let timeline = (p.history.len() > 1 || p.history.iter().any(|s| s.basis.is_some()))
                .then(|| view! { <Timeline steps=p.history.clone()/> });
            view! {
                <tr data-key=p.key.clone() class=changed>
                    <th scope="row" class="code">{p.key.clone()}</th>
                    <td>{description}{timeline}</td>
                    <td class="code">{p.value.clone()}</td>
                    <td class="code">{p.default.clone()}</td>
                    <td>{edit}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <crate::components::TableScroll><table class="data" id="parameters-table">
            <thead>
                <tr>
                    <th scope="col">{t(lang, "parameters.key")}</th>
                    <th scope="col">{t(lang, "parameters.meaning")}</th>
                    <th scope="col">{t(lang, "parameters.value")}</th>
                    <th scope="col">{t(lang, "parameters.default")}</th>
                    <th scope="col"></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    }
}

/// A parameter's values, each with the day it came into force and its legal basis.
#[component]
fn Timeline(steps: Vec<ParameterStep>) -> impl IntoView {
    let lang = use_lang();
    let items = steps
        .into_iter()
        .map(|step| {
            let from = match &step.from {
                Some(day) => crate::i18n::tf(lang, "parameters.from_day", &[("day", day)]),
                None => t(lang, "parameters.from_start").to_string(),
            };
            let basis = step
                .basis
                .map(|b| view! { " — " <span class="basis">{b}</span> });
            view! {
                <li data-from=step.from.clone().unwrap_or_default()>
                    {from} ": " <strong class="code">{step.value}</strong> {basis}
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="param-timeline" aria-label=t(lang, "parameters.timeline")>{items}</ol>
    }
}
