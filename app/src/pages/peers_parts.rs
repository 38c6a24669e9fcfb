//! The scorecard's peer comparison (issue #20): the agency beside the agencies of its kind, one small box chart
//! per measure with the agency's value, the median and where it stands, and the same numbers as a table.

use leptos::prelude::*;

use crate::i18n::{fmt_int, t, tf, use_lang, Lang};
use crate::labels::measure_text;
use model::types::{PeerMeasure, PeerStanding, Peers};

fn standing_key(s: PeerStanding) -> &'static str {
    match s {
        PeerStanding::BelowQ1 => "peers.below_q1",
        PeerStanding::LowerMiddle => "peers.lower_middle",
        PeerStanding::UpperMiddle => "peers.upper_middle",
        PeerStanding::AboveQ3 => "peers.above_q3",
    }
}

fn value_text(lang: Lang, m: &PeerMeasure, v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| measure_text(lang, m.kind, v))
}

/// The section; nothing when the agency has no peers to be compared with (retired).
#[component]
pub fn PeerComparison(peers: Option<Peers>) -> impl IntoView {
    let lang = use_lang();
    let peers = peers?;
    let kind = &t(lang, peers.kind.plural_key()).to_lowercase();
    let intro = tf(
        lang,
        "peers.explain",
        &[
            (
                "n",
                &fmt_int(lang, i64::try_from(peers.agencies).unwrap_or(0)),
            ),
            ("kind", kind),
            ("date", &peers.as_of),
        ],
    );
    let figures = peers
        .measures
        .iter()
        .map(|m| {
            let q = m.quartiles;
            let summary = match (m.value, q) {
                (Some(v), Some(q)) => tf(
                    lang,
                    "peers.summary",
                    &[
                        ("value", &measure_text(lang, m.kind, v)),
                        ("median", &measure_text(lang, m.kind, q.median)),
                        (
                            "standing",
                            m.standing.map_or("", |s| t(lang, standing_key(s))),
                        ),
                    ],
                ),
                (None, _) => t(lang, "peers.no_value").to_string(),
                (Some(v), None) => measure_text(lang, m.kind, v),
            };
            view! {
                <figure class="peer" data-measure=m.kind.slug() data-standing=m.standing.map(|s| standing_key(s).trim_start_matches("peers."))>
                    <figcaption>{t(lang, m.kind.label_key())}</figcaption>
                    <div class="chart-svg" inner_html=m.svg.clone()></div>
                    <p class="peer-value">{summary}</p>
                </figure>
            }
        })
        .collect_view();
    let rows = peers
        .measures
        .iter()
        .map(|m| {
            let q = m.quartiles;
            view! {
                <tr data-measure=m.kind.slug()>
                    <th scope="row">{t(lang, m.kind.label_key())}</th>
                    <td class="num">{value_text(lang, m, m.value)}</td>
                    <td class="num">{value_text(lang, m, q.map(|q| q.q1))}</td>
                    <td class="num">{value_text(lang, m, q.map(|q| q.median))}</td>
                    <td class="num">{value_text(lang, m, q.map(|q| q.q3))}</td>
                    <td class="num">{fmt_int(lang, i64::try_from(m.peers).unwrap_or(0))}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <h2 id="scorecard-peers">{tf(lang, "peers.title", &[("kind", kind)])}</h2>
        <p class="muted">{intro}</p>
        <div class="peer-grid">{figures}</div>
        <details>
            <summary>{t(lang, "chart.show_table")}</summary>
            <crate::components::TableScroll><table class="data" id="scorecard-peers-table">
                <thead><tr>
                    <th scope="col">{t(lang, "peers.measure")}</th>
                    <th scope="col" class="num">{t(lang, "peers.this_agency")}</th>
                    <th scope="col" class="num">{t(lang, "peers.q1")}</th>
                    <th scope="col" class="num">{t(lang, "peers.median")}</th>
                    <th scope="col" class="num">{t(lang, "peers.q3")}</th>
                    <th scope="col" class="num">{t(lang, "peers.count")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></crate::components::TableScroll>
        </details>
    })
}
