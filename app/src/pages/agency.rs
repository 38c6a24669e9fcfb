//! One agency's public page. For now the registry entry; the scorecard, merit history and violations join it
//! as those parts of the product are built.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::agency_detail;
use crate::components::{page_title, LoadError, Loading};
use crate::i18n::{t, use_lang};
use crate::pages::placeholder::NotFound;

#[component]
pub fn AgencyPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let agency = Resource::new(move || code.get(), agency_detail);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match agency.await {
                    Ok(Some(a)) => {
                        let province_link = a
                            .province_code
                            .clone()
                            .map(|p| view! { <a href=format!("/instansi?province={p}")>{p.clone()}</a> });
                        let status = if a.autonomous { "agency.autonomous_yes" } else { "agency.autonomous_no" };
                        EitherOf3::A(view! {
                            <Title text=page_title(lang, &a.name)/>
                            <section class="page">
                                <p class="muted"><a href="/instansi">{t(lang, "agencies.title")}</a></p>
                                <h1>{a.name.clone()}</h1>
                                <dl class="facts">
                                    <dt>{t(lang, "agencies.col_code")}</dt>
                                    <dd class="code">{a.code.clone()}</dd>
                                    <dt>{t(lang, "agencies.col_kind")}</dt>
                                    <dd>{t(lang, a.kind.label_key())}</dd>
                                    <dt>{t(lang, "agencies.col_province")}</dt>
                                    <dd>{province_link}</dd>
                                    <dt>{t(lang, "agency.autonomous")}</dt>
                                    <dd>{t(lang, status)}</dd>
                                </dl>
                                <p><a href=format!("/instansi/{}/kartu-skor", a.code) id="scorecard-link">{t(lang, "scorecard.link")}</a></p>
                                <p class="note">{t(lang, "agency.more_soon")}</p>
                            </section>
                        })
                    }
                    Ok(None) => EitherOf3::B(view! { <NotFound/> }),
                    Err(_) => EitherOf3::C(view! { <LoadError/> }),
                }
            })}
        </Suspense>
    }
}
