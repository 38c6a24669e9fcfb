//! The root component and the HTML shell around it.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::{SiteFooter, SiteHeader};
use crate::i18n::{detect_lang, Lang};
use crate::islands::IslandsOnPage;
use crate::pages::account::AccountPage;
use crate::pages::agencies::AgenciesPage;
use crate::pages::agency::AgencyPage;
use crate::pages::audit::AuditPage;
use crate::pages::cases::{CasePage, CasesPage};
use crate::pages::home::HomePage;
use crate::pages::merit::MeritPage;
use crate::pages::neutrality::{ComplaintFormPage, NeutralityPage, ReceiptPage, StatusCheckPage};
use crate::pages::not_found::NotFound;
use crate::pages::outbox::OutboxPage;
use crate::pages::parameters::ParametersPage;
use crate::pages::province::ProvincePublicPage;
use crate::pages::recommendations::RecommendationsPage;
use crate::pages::registry::RegistryPage;
use crate::pages::review_pack::ReviewPackPage;
use crate::pages::scorecard::ScorecardPage;
use crate::pages::signals::SignalsPage;
use crate::pages::signin::SignInPage;
use crate::pages::silent::SilentPage;
use crate::pages::upload::UploadPage;
use crate::pages::users::UsersPage;
use crate::pages::violation::ViolationPage;
use crate::pages::violations::ViolationsPage;

/// The whole HTML document, rendered on the server for every page. The language comes from the visitor's cookie
/// and is written into `<html lang>`.
///
/// Islands mode: nothing outside an island hydrates, so the render writes no hydration markers; and the
/// hydration scripts close the body only when the page rendered an island (a page without one loads no wasm).
/// They are rendered after `<App/>`, when every route has rendered, hence at the end of the body and not in the
/// head (both links are allowed there; the page is readable before they load either way).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = detect_lang();
    provide_context(lang);
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let islands = IslandsOnPage::default();
    provide_context(islands.clone());
    let scripts = move || {
        islands
            .any()
            .then(|| view! { <HydrationScripts options=options.clone() islands=true/> })
    };
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" href="/pkg/pantau.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
                {scripts}
            </body>
        </html>
    }
}

/// Data pages use `SsrMode::Async`: their data is in the first HTML response, so visitors without JavaScript,
/// screen readers and crawlers read the same page (out-of-order streaming would show them "Loading…").
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = use_context::<Lang>().unwrap_or_else(detect_lang);
    provide_context(lang);
    view! {
        <Router>
            <SiteHeader/>
            <main id="main">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/instansi") view=AgenciesPage ssr=SsrMode::Async/>
                    <Route path=path!("/instansi/:code") view=AgencyPage ssr=SsrMode::Async/>
                    <Route path=path!("/masuk") view=SignInPage/>
                    <Route path=path!("/unggah") view=UploadPage ssr=SsrMode::Async/>
                    <Route path=path!("/instansi/:code/kartu-skor") view=ScorecardPage ssr=SsrMode::Async/>
                    <Route path=path!("/pelanggaran") view=ViolationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/pelanggaran/:id") view=ViolationPage ssr=SsrMode::Async/>
                    <Route path=path!("/audit") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/pengguna") view=UsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/kotak-keluar") view=OutboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/registri") view=RegistryPage ssr=SsrMode::Async/>
                    <Route path=path!("/instansi-senyap") view=SilentPage ssr=SsrMode::Async/>
                    <Route path=path!("/sinyal") view=SignalsPage ssr=SsrMode::Async/>
                    <Route path=path!("/akun") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/parameter") view=ParametersPage ssr=SsrMode::Async/>
                    <Route path=path!("/sistem-merit") view=MeritPage ssr=SsrMode::Async/>
                    <Route path=path!("/instansi/:code/paket-tinjauan") view=ReviewPackPage ssr=SsrMode::Async/>
                    <Route path=path!("/provinsi/:code") view=ProvincePublicPage ssr=SsrMode::Async/>
                    <Route path=path!("/netralitas") view=NeutralityPage ssr=SsrMode::Async/>
                    <Route path=path!("/netralitas/lapor") view=ComplaintFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/netralitas/tanda-terima") view=ReceiptPage ssr=SsrMode::Async/>
                    <Route path=path!("/netralitas/cek") view=StatusCheckPage ssr=SsrMode::Async/>
                    <Route path=path!("/pengaduan") view=CasesPage ssr=SsrMode::Async/>
                    <Route path=path!("/pengaduan/:reference") view=CasePage ssr=SsrMode::Async/>
                    <Route path=path!("/rekomendasi") view=RecommendationsPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}
