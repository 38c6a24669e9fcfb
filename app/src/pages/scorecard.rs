//! `/instansi/:code/kartu-skor`: the commissioners' one-page review of an agency (analysts see it too): risk
//! rating with the facts behind it, unsettled violations by rule and severity, their trend per quarter, merit
//! history, recommendation follow-up per year of the due date, open neutrality complaints, data quality and the
//! regional heads' terms and elections, its open signals and the agency beside its peers.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::agency_scorecard;
use crate::components::{page_title, Denied, Loading};
use crate::i18n::{fmt_int, fmt_tenths, t, tf, use_lang, Lang};
use crate::labels::{category_key, label, risk_key, severity_label, timeline_key};
use crate::pages::compliance_parts::ComplianceTable;
use crate::pages::not_found::NotFound;
use model::types::Scorecard;

#[component]
pub fn ScorecardPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let card = Resource::new(move || code.get(), move |code| agency_scorecard(code, lang));
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match card.await {
                    Ok(Some(card)) => EitherOf3::A(view! { <Card card/> }),
                    Ok(None) => EitherOf3::B(view! { <NotFound/> }),
                    Err(error) => EitherOf3::C(view! { <section class="page"><Denied error/></section> }),
                }
            })}
        </Suspense>
    }
}

fn score(lang: Lang, s: Option<f64>) -> String {
    s.map_or_else(|| "—".to_string(), |s| fmt_tenths(lang, s))
}

#[component]
pub(crate) fn Card(card: Scorecard) -> impl IntoView {
    let lang = use_lang();
    let a = card.agency.clone();
    let title = format!("{} · {}", t(lang, "scorecard.title"), a.name);
    let risk = &card.risk;
    let merit_text = risk
        .merit_category
        .as_deref()
        .map(|c| label(lang, category_key, c))
        .unwrap_or_else(|| t(lang, "scorecard.no_merit").to_string());
    let why = tf(
        lang,
        "scorecard.risk_why",
        &[
            ("high", &fmt_int(lang, risk.high_open)),
            ("followups", &fmt_int(lang, risk.overdue_followups)),
            ("merit", &merit_text),
        ],
    );
    let rule_rows = card
        .by_rule
        .iter()
        .map(|r| {
            let href = format!("/pelanggaran?q={}&rule={}", a.code, r.rule_id.as_str());
            view! {
                <tr>
                    <th scope="row"><a href=href><crate::components::RuleName rule=r.rule_id.as_str()/></a></th>
                    <td>{severity_label(lang, r.severity)}</td>
                    <td class="num">{fmt_int(lang, r.open)}</td>
                    <td class="num">{fmt_int(lang, r.in_review)}</td>
                    <td class="num">{fmt_int(lang, r.recommendation_issued)}</td>
                </tr>
            }
        })
        .collect_view();
    let no_rules = card.by_rule.is_empty().then(
        || view! { <p class="note" id="no-unsettled">{t(lang, "scorecard.none_unsettled")}</p> },
    );
    let quarter_rows = card
        .quarters
        .iter()
        .map(|(q, n)| view! { <tr><th scope="row">{q.clone()}</th><td class="num">{fmt_int(lang, *n)}</td></tr> })
        .collect_view();
    let merit_rows = card
        .merit
        .iter()
        .map(|m| {
            let change = m.change.map(|c| {
                let sign = if c > 0.0 { "+" } else { "" };
                format!("{sign}{}", score(lang, Some(c)))
            });
            view! {
                <tr>
                    <th scope="row">{m.year}</th>
                    <td class="num">{score(lang, m.self_score)}</td>
                    <td class="num">{score(lang, m.verified_score)}</td>
                    <td>{m.category.as_deref().map(|c| label(lang, category_key, c)).unwrap_or_default()}</td>
                    <td class="num">{change.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let timeline_rows = card
        .timeline
        .iter()
        .map(|item| {
            view! {
                <tr>
                    <td>{label(lang, timeline_key, &item.kind)}</td>
                    <td>{item.label.clone()}</td>
                    <td class="code">{item.from.clone()}</td>
                    <td class="code">{item.to.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let submission_rows = card
        .submissions
        .iter()
        .map(|s| {
            let result = if s.accepted {
                t(lang, "upload.accepted")
            } else {
                t(lang, "scorecard.refused_one")
            };
            view! {
                <tr>
                    <td class="code">{s.received_at.clone()}</td>
                    <td>{s.source.clone()}</td>
                    <td>{result}</td>
                    <td class="num">{fmt_int(lang, s.created + s.updated)}</td>
                </tr>
            }
        })
        .collect_view();
    let freshness = match card.days_since_data {
        Some(days) => tf(lang, "scorecard.days_since", &[("n", &fmt_int(lang, days))]),
        None => t(lang, "scorecard.never").to_string(),
    };
    view! {
        <Title text=page_title(lang, &title)/>
        <section class="page wide scorecard">
            <p class="muted"><a href=format!("/instansi/{}", a.code)>{a.name.clone()}</a></p>
            <h1>{t(lang, "scorecard.title")} " · " {a.name.clone()}</h1>
            <div class=format!("risk risk-{}", risk.level) id="risk">
                <strong>{t(lang, "scorecard.risk")} ": " {label(lang, risk_key, &risk.level)}</strong>
                <p>{why}</p>
            </div>
            <div class="stats">
                <div class="stat"><span class="stat-value" id="open-complaints">{fmt_int(lang, card.open_complaints)}</span>
                    <span class="stat-label">{t(lang, "scorecard.open_complaints")}</span></div>
                <div class="stat"><span class="stat-value" id="overdue-followups">{fmt_int(lang, card.risk.overdue_followups)}</span>
                    <span class="stat-label">
                        <a href=format!("/pengaduan?agency={}", card.agency.code)>{t(lang, "scorecard.overdue_followups")}</a>
                    </span></div>
                <div class="stat"><span class="stat-value">{fmt_int(lang, card.accepted)}</span>
                    <span class="stat-label">{t(lang, "scorecard.accepted")}</span></div>
                <div class="stat"><span class="stat-value" id="refused">{fmt_int(lang, card.refused)}</span>
                    <span class="stat-label">{t(lang, "scorecard.refused")}</span></div>
            </div>
            <p class="muted">{freshness}</p>

            <h2>{t(lang, "scorecard.by_rule")}</h2>
            <crate::components::TableScroll><table class="data" id="scorecard-rules">
                <thead><tr>
                    <th scope="col">{t(lang, "explorer.col_rule")}</th>
                    <th scope="col">{t(lang, "explorer.col_severity")}</th>
                    <th scope="col" class="num">{t(lang, "status.open")}</th>
                    <th scope="col" class="num">{t(lang, "status.in_review")}</th>
                    <th scope="col" class="num">{t(lang, "status.recommendation_issued")}</th>
                </tr></thead>
                <tbody>{rule_rows}</tbody>
            </table></crate::components::TableScroll>
            {no_rules}

            <figure class="chart" id="chart-per-quarter">
                <figcaption>{t(lang, "chart.per_quarter_title")}</figcaption>
                <div class="chart-svg" inner_html=card.quarters_svg.clone()></div>
                <details>
                    <summary>{t(lang, "chart.show_table")}</summary>
                    <crate::components::TableScroll><table class="data"><tbody>{quarter_rows}</tbody></table></crate::components::TableScroll>
                </details>
            </figure>

            <h2>{t(lang, "compliance.title")}</h2>
            <p class="muted">{t(lang, "compliance.explain")} " "
                <a href=format!("/rekomendasi?agency={}", a.code) id="scorecard-recommendations">{t(lang, "compliance.list_link")}</a>
            </p>
            <ComplianceTable years=card.compliance.clone() id="scorecard-compliance"/>

            <h2>{t(lang, "scorecard.merit")}</h2>
            <crate::components::TableScroll><table class="data" id="scorecard-merit">
                <thead><tr>
                    <th scope="col">{t(lang, "scorecard.year")}</th>
                    <th scope="col" class="num">{t(lang, "scorecard.self")}</th>
                    <th scope="col" class="num">{t(lang, "scorecard.verified")}</th>
                    <th scope="col">{t(lang, "scorecard.category")}</th>
                    <th scope="col" class="num">{t(lang, "scorecard.change")}</th>
                </tr></thead>
                <tbody>{merit_rows}</tbody>
            </table></crate::components::TableScroll>

            <h2>{t(lang, "scorecard.timeline")}</h2>
            <figure class="chart" id="chart-timeline">
                <div class="chart-svg" inner_html=card.timeline_svg.clone()></div>
            </figure>
            <crate::components::TableScroll><table class="data" id="scorecard-timeline">
                <thead><tr>
                    <th scope="col">{t(lang, "scorecard.what")}</th>
                    <th scope="col">{t(lang, "scorecard.name")}</th>
                    <th scope="col">{t(lang, "scorecard.from")}</th>
                    <th scope="col">{t(lang, "scorecard.to")}</th>
                </tr></thead>
                <tbody>{timeline_rows}</tbody>
            </table></crate::components::TableScroll>

            <h2>{t(lang, "scorecard.submissions")}</h2>
            <crate::components::TableScroll><table class="data" id="scorecard-submissions">
                <thead><tr>
                    <th scope="col">{t(lang, "upload.col_time")}</th>
                    <th scope="col">{t(lang, "scorecard.source")}</th>
                    <th scope="col">{t(lang, "upload.col_result")}</th>
                    <th scope="col" class="num">{t(lang, "scorecard.records")}</th>
                </tr></thead>
                <tbody>{submission_rows}</tbody>
            </table></crate::components::TableScroll>
            <crate::pages::quality_parts::DataQuality activity=card.activity.clone()/>
            <ScorecardSignals code=card.agency.code.clone() signals=card.signals.clone()/>
            <crate::pages::peers_parts::PeerComparison peers=card.peers.clone()/>
        </section>
    }
}

/// The agency's open signals (issue #20), linked to the signals page narrowed to it.
#[component]
fn ScorecardSignals(code: String, signals: Vec<model::types::SignalItem>) -> impl IntoView {
    let lang = use_lang();
    let empty = signals
        .is_empty()
        .then(|| view! { <p class="muted">{t(lang, "signals.none")}</p> });
    let items = signals
        .into_iter()
        .map(|s| {
            let explanation = match lang {
                Lang::Id => s.explanation,
                Lang::En => s.explanation_en,
            };
            view! {
                <li data-kind=s.kind.clone()>
                    <strong>{crate::pages::signals::kind_label(lang, &s.kind)}</strong> " — " {explanation}
                </li>
            }
        })
        .collect_view();
    view! {
        <h2 id="scorecard-signals">
            <a href=format!("/sinyal?agency={code}")>{t(lang, "signals.on_scorecard")}</a>
        </h2>
        {empty}
        <ul>{items}</ul>
    }
}
