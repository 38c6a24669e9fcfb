//! The recommendation follow-up figures as a table (issue #17), shared by the public summary (suppressed
//! counts), the scorecard and the staff's recommendations page (exact counts): per year of the due date, the
//! recommendations due, how each ended up, and the follow-up rate (complied on time or late ÷ due).

use leptos::prelude::*;

use crate::i18n::{fmt_int, fmt_percent, t, use_lang, Lang};
use crate::labels::outcome_label;
use model::public::PublicCount;
use model::recommendation::{ComplianceYear, Outcome};

/// A count as a table shows it.
pub trait CountText {
    fn text(&self, lang: Lang) -> String;
}

impl CountText for i64 {
    fn text(&self, lang: Lang) -> String {
        fmt_int(lang, *self)
    }
}

impl CountText for PublicCount {
    fn text(&self, lang: Lang) -> String {
        PublicCount::text(*self, lang)
    }
}

/// The table of `years` (oldest first) with the element id `id`; a note when no recommendation fell due yet.
#[component]
pub fn ComplianceTable<N>(years: Vec<ComplianceYear<N>>, id: &'static str) -> impl IntoView
where
    N: CountText + Clone + Send + Sync + 'static,
{
    let lang = use_lang();
    if years.is_empty() {
        return leptos::either::Either::Left(view! {
            <p class="note" id=id>{t(lang, "compliance.none")}</p>
        });
    }
    let heads = Outcome::ALL
        .iter()
        .map(|o| view! { <th scope="col" class="num">{outcome_label(lang, *o)}</th> })
        .collect_view();
    let rows = years
        .into_iter()
        .map(|y| {
            let cells = y
                .outcomes
                .iter()
                .map(|n| view! { <td class="num">{n.text(lang)}</td> })
                .collect_view();
            let rate = y
                .rate
                .map(|r| fmt_percent(lang, r))
                .unwrap_or_else(|| "—".to_string());
            view! {
                <tr data-year=y.year>
                    <th scope="row">{y.year}</th>
                    <td class="num">{y.due.text(lang)}</td>
                    {cells}
                    <td class="num rate">{rate}</td>
                </tr>
            }
        })
        .collect_view();
    leptos::either::Either::Right(view! {
        <crate::components::TableScroll><table class="data" id=id>
            <thead><tr>
                <th scope="col">{t(lang, "compliance.year")}</th>
                <th scope="col" class="num">{t(lang, "compliance.due")}</th>
                {heads}
                <th scope="col" class="num">{t(lang, "compliance.rate")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    })
}
