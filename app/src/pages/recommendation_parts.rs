//! The table of recommendations (issue #17) shared by the staff's `/rekomendasi` and the clerk's open
//! recommendations on `/unggah`, and the link to a recommendation's letter (issue #18) that both, the violation
//! page and the review pack carry. Staff see the agency and open the violation; a clerk sees its own agency's
//! only and has no violation page, so the number is plain text there.

use leptos::prelude::*;

use crate::i18n::{t, use_lang, Lang};
use crate::labels::rec_state_label;
use model::recommendation::RecommendationLine;

/// Where the letter of the recommendation on violation `id` is (`/pelanggaran/{id}/surat.pdf`).
pub fn letter_href(id: i64) -> String {
    format!("/pelanggaran/{id}/surat.pdf")
}

/// The link to the letter of violation `id`: a PDF download, named so (a screen reader says what opens).
#[component]
pub fn LetterLink(id: i64) -> impl IntoView {
    let lang = use_lang();
    view! {
        <a class="letter-pdf" href=letter_href(id) rel="external" type="application/pdf" data-letter=id>
            {t(lang, "letter.download")}
        </a>
    }
}

/// Who the table is for: staff get the agency column and links to the violations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Readers {
    Staff,
    Clerk,
}

/// `lines` as a table with the element id `id`.
#[component]
pub fn RecommendationTable(
    lines: Vec<RecommendationLine>,
    id: &'static str,
    readers: Readers,
) -> impl IntoView {
    let lang = use_lang();
    let staff = readers == Readers::Staff;
    let rows = lines
        .into_iter()
        .map(|line| view! { <Row line readers/> })
        .collect_view();
    view! {
        <crate::components::TableScroll><table class="data" id=id>
            <thead>
                <tr>
                    <th scope="col" class="num">{t(lang, "upload.col_violation")}</th>
                    {staff.then(|| view! { <th scope="col">{t(lang, "explorer.col_agency")}</th> })}
                    <th scope="col">{t(lang, "upload.col_what")}</th>
                    <th scope="col">{t(lang, "violation.letter")}</th>
                    <th scope="col">{t(lang, "followup.due_on")}</th>
                    <th scope="col">{t(lang, "followup.state")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    }
}

#[component]
fn Row(line: RecommendationLine, readers: Readers) -> impl IntoView {
    let lang = use_lang();
    let i = line.item;
    let message = match lang {
        Lang::Id => line.message,
        Lang::En => line.message_en,
    };
    let answered = i.responded_on.clone().map(|on| {
        let when = match i.on_time {
            Some(false) => t(lang, "followup.late"),
            _ => t(lang, "followup.on_time"),
        };
        view! { <br/><small>{t(lang, "followup.col_answer")} " " {on} " · " {when}</small> }
    });
    let id = i.violation_id;
    let (number, agency) = match readers {
        Readers::Staff => (
            leptos::either::Either::Left(view! { <a href=format!("/pelanggaran/{id}")>{id}</a> }),
            Some(view! {
                <td><a href=format!("/instansi/{}/kartu-skor", i.agency_code)>{line.agency_name}</a></td>
            }),
        ),
        Readers::Clerk => (leptos::either::Either::Right(id), None),
    };
    view! {
        <tr data-violation=id data-state=i.state.as_str()>
            <td class="num">{number}</td>
            {agency}
            <td><strong><crate::components::RuleName rule=i.rule_id.as_str()/></strong><br/>{message}</td>
            <td class="code">{i.letter_number} " (" {i.letter_date} ")" <br/><LetterLink id/></td>
            <td class="code">{i.due_on}</td>
            <td>{rec_state_label(lang, i.state)}{answered}</td>
        </tr>
    }
}
