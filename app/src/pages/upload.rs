//! `/unggah`: an agency clerk sends a report file (JSON, CSV or Excel) and sees what became of it and of earlier
//! ones: counts of an accepted batch, every located error of a refused one; and the agency's recommendations
//! still to be answered. The form posts to `/auth/unggah` (multipart, with the session's CSRF token) and the
//! server redirects back here.

use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{current_user, my_recommendations, my_submissions};
use crate::components::{page_title, LoadError, Loading};
use crate::i18n::{t, use_lang, Lang};
use model::recommendation::RecommendationLine;
use model::types::{SessionUser, SubmissionSummary};

#[component]
pub fn UploadPage() -> impl IntoView {
    let lang = use_lang();
    let user = Resource::new(|| (), |_| current_user());
    let submissions = Resource::new(|| (), |_| my_submissions());
    let recommendations = Resource::new(|| (), |_| my_recommendations());
    view! {
        <Title text=page_title(lang, t(lang, "upload.title"))/>
        <section class="page">
            <h1>{t(lang, "upload.title")}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(u)) if u.role == model::Role::Agency => {
                            let list = submissions.await.unwrap_or_default();
                            let open = recommendations.await.unwrap_or_default();
                            EitherOf4::A(view! { <ClerkDesk user=u submissions=list recommendations=open/> })
                        }
                        Ok(Some(_)) => EitherOf4::B(view! {
                            <p class="note">{t(lang, "upload.not_clerk")}</p>
                        }),
                        Ok(None) => EitherOf4::C(view! {
                            <p class="note">
                                {t(lang, "upload.sign_in_first")} " "
                                <a href="/masuk?next=/unggah" rel="external">{t(lang, "signin.title")}</a>
                            </p>
                        }),
                        Err(_) => EitherOf4::D(view! { <LoadError/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Why the server sent the clerk back without a new submission.
fn refusal(lang: Lang, code: &str) -> Option<&'static str> {
    use model::Refusal;
    Some(match Refusal::parse(code)? {
        Refusal::FileType => t(lang, "upload.error_type"),
        Refusal::UploadForbidden => t(lang, "upload.error_forbidden"),
        Refusal::TooLarge => t(lang, "upload.error_too_large"),
        Refusal::EmptyUpload => t(lang, "upload.error_empty"),
        Refusal::NotClerk => t(lang, "upload.not_clerk"),
        _ => t(lang, "upload.error_failure"),
    })
}

#[component]
fn ClerkDesk(
    user: SessionUser,
    submissions: Vec<SubmissionSummary>,
    recommendations: Vec<RecommendationLine>,
) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let notice = move || {
        let code = query.read().get("galat")?;
        let text = refusal(lang, &code)?;
        Some(view! { <p class="error" id="upload-refusal" role="alert">{text}</p> })
    };
    let agency = user.agency_code.clone().unwrap_or_default();
    let rows = submissions
        .into_iter()
        .map(|s| view! { <SubmissionRow submission=s/> })
        .collect_view();
    view! {
        <p class="muted">
            {t(lang, "upload.signed_in_as")} " " <strong>{user.name.clone()}</strong> " · "
            <a href=format!("/instansi/{agency}")>{agency.clone()}</a>
        </p>
        <form class="inline" method="post" action="/auth/keluar">
            <input type="hidden" name="csrf" value=user.csrf.clone()/>
            <button type="submit" class="secondary" id="sign-out">{t(lang, "signin.sign_out")}</button>
        </form>
        {notice}
        <form class="upload" id="upload-form" method="post" action="/auth/unggah" enctype="multipart/form-data">
            <input type="hidden" name="csrf" value=user.csrf/>
            <label for="upload-file">{t(lang, "upload.file")}</label>
            <input id="upload-file" type="file" name="file" accept=".json,.csv,.xlsx" required/>
            <p class="muted">{t(lang, "upload.formats")}</p>
            <button type="submit">{t(lang, "upload.send")}</button>
        </form>
        <OpenRecommendations lines=recommendations/>
        <h2>{t(lang, "upload.history")}</h2>
        <crate::components::TableScroll><table class="data" id="submissions">
            <thead>
                <tr>
                    <th scope="col">{t(lang, "upload.col_time")}</th>
                    <th scope="col">{t(lang, "upload.col_file")}</th>
                    <th scope="col">{t(lang, "upload.col_result")}</th>
                    <th scope="col" class="num">{t(lang, "upload.col_created")}</th>
                    <th scope="col" class="num">{t(lang, "upload.col_updated")}</th>
                    <th scope="col" class="num">{t(lang, "upload.col_unchanged")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    }
}

/// The agency's recommendations not yet resolved (issue #17): the violation's number (what an answer's
/// `violation_id` names), the violation in words, the letter, the due date and where it stands, with how to
/// answer.
#[component]
fn OpenRecommendations(lines: Vec<RecommendationLine>) -> impl IntoView {
    let lang = use_lang();
    if lines.is_empty() {
        return leptos::either::Either::Left(view! {
            <h2>{t(lang, "upload.recommendations")}</h2>
            <p class="muted" id="no-recommendations">{t(lang, "upload.no_recommendations")}</p>
        });
    }
    leptos::either::Either::Right(view! {
        <h2>{t(lang, "upload.recommendations")}</h2>
        <p class="muted">{t(lang, "upload.recommendations_how")}</p>
        <crate::pages::recommendation_parts::RecommendationTable
            lines id="open-recommendations" readers=crate::pages::recommendation_parts::Readers::Clerk/>
    })
}

#[component]
fn SubmissionRow(submission: SubmissionSummary) -> impl IntoView {
    let lang = use_lang();
    let s = submission;
    let file = s.file_name.clone().unwrap_or_else(|| s.source.clone());
    let result = if s.accepted {
        leptos::either::Either::Left(view! { <span class="ok">{t(lang, "upload.accepted")}</span> })
    } else {
        let errors = s
            .errors
            .into_iter()
            .map(|e| {
                let message = if lang == Lang::En {
                    e.message_en
                } else {
                    e.message
                };
                view! {
                    <tr>
                        <td class="code">{e.place}</td>
                        <td>{message}</td>
                    </tr>
                }
            })
            .collect_view();
        leptos::either::Either::Right(view! {
            <details class="refused">
                <summary>{t(lang, "upload.refused")}</summary>
                <table class="errors">
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "upload.col_place")}</th>
                            <th scope="col">{t(lang, "upload.col_problem")}</th>
                        </tr>
                    </thead>
                    <tbody>{errors}</tbody>
                </table>
            </details>
        })
    };
    view! {
        <tr class="submission">
            <td>{s.received_at.replace('T', " ").trim_end_matches('Z').to_string()}</td>
            <td class="code">{file}</td>
            <td>{result}</td>
            <td class="num">{s.created}</td>
            <td class="num">{s.updated}</td>
            <td class="num">{s.unchanged}</td>
        </tr>
    }
}
