//! The app shell (header, navigation, language switch, footer) and small pieces the pages share.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{t, use_lang, Lang};
use model::PageError;

/// The areas of the product, in the order of the navigation bar: (path, translation key).
pub const NAV: [(&str, &str); 6] = [
    ("/", "nav.summary"),
    ("/instansi", "nav.agencies"),
    ("/pelanggaran", "nav.violations"),
    ("/sistem-merit", "nav.merit"),
    ("/netralitas", "nav.neutrality"),
    ("/unggah", "nav.upload"),
];

#[component]
pub fn SiteHeader() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let current = move |path: &str| {
        let here = location.pathname.get();
        if path == "/" {
            here == "/"
        } else {
            here == path || here.starts_with(&format!("{path}/"))
        }
    };
    let links = move || {
        NAV.into_iter()
            .map(|(path, key)| {
                let label = crate::i18n::t(lang, key);
                view! {
                    <li>
                        <a href=path aria-current=move || current(path).then_some("page")>{label}</a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <a class="skip" href="#main">{t(lang, "nav.skip")}</a>
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"PM"</span>
                <span>
                    <strong>{t(lang, "app.name")}</strong>
                    <small>{t(lang, "app.tagline")}</small>
                </span>
            </a>
            // A bar on wide screens; on a phone the same links fold into a menu that opens without JavaScript.
            // Only one of the two is displayed at a time, so assistive technology meets one navigation.
            <nav class="bar" aria-label=t(lang, "nav.label")>
                <ul>{links()}</ul>
            </nav>
            <details class="menu">
                <summary>{t(lang, "nav.menu")}</summary>
                <nav aria-label=t(lang, "nav.label")>
                    <ul>{links()}</ul>
                </nav>
            </details>
            <a class="account-link" href="/akun">{t(lang, "nav.account")}</a>
            <LanguageSwitch/>
        </header>
    }
}

/// A plain link to `/lang/{code}?next=…`, handled by the server (sets the cookie, redirects back). There is no
/// client-side router (islands mode); `rel="external"` would keep one from intercepting the link.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let target = lang.other();
    let href = move || {
        let next = path_with_query(&location.pathname.get(), &location.search.get());
        format!(
            "/lang/{}?next={}",
            target.code(),
            encode_uri_component(&next)
        )
    };
    view! {
        <a class="lang-switch" id="lang-switch" href=href rel="external nofollow" hreflang=target.code()
            lang=target.code()>
            {t(lang, "lang.switch")}
        </a>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let lang = use_lang();
    view! {
        <footer class="site-footer">
            <p>{t(lang, "footer.about")}</p>
            <p>{t(lang, "footer.data_licence")}</p>
        </footer>
    }
}

/// What a visitor sees when a server function failed: no internals, a way forward.
#[component]
pub fn LoadError() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="error" role="alert">{t(lang, "error.load")}</p> }
}

/// What a page shows when its server function refused: a sign-in link (401) for nobody signed in, a plain
/// refusal (403) for a role that may not see it, the generic error otherwise. The status is set on the server's
/// response, so the refusal is visible to tests and crawlers, not only to readers.
#[component]
pub fn Denied(error: PageError) -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let status = error.status();
    let body = match error {
        PageError::Unauthenticated => {
            let next = path_with_query(
                &location.pathname.get_untracked(),
                &location.search.get_untracked(),
            );
            let href = format!("/masuk?next={}", encode_uri_component(&next));
            view! {
            <p class="note" id="denied">
                {t(lang, "denied.sign_in")} " " <a href=href rel="external">{t(lang, "signin.title")}</a>
            </p>
        }.into_any()
        }
        PageError::Forbidden => {
            view! { <p class="error" id="denied" role="alert">{t(lang, "denied.role")}</p> }
                .into_any()
        }
        PageError::Failed(_) => view! { <LoadError/> }.into_any(),
    };
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response
            .set_status(http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::FORBIDDEN));
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
    body
}

/// A table in its own horizontal scroll box, so that a wide table never makes the page scroll sideways on a phone
/// (issue #16). The box is a named region that takes the keyboard focus, so that it can be scrolled without a
/// pointer (WCAG 2.1.1; axe's `scrollable-region-focusable`).
#[component]
pub fn TableScroll<T: IntoView + 'static>(children: TypedChildren<T>) -> impl IntoView {
    // Typed children, not `Children`: boxing each of the 26 tables into an `AnyView` made the release wasm 69 KB
    // (gzipped) larger (851 KB against 782 KB, measured 2026-12-01).
    let lang = use_lang();
    let children = children.into_inner();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=t(lang, "table.scroll")>
            {children()}
        </div>
    }
}

/// A rule as a person reads it: its phrase in the page's language, with the id as secondary text (issue #16).
/// An id this version does not know (from a URL) is shown as given.
#[component]
pub fn RuleName(#[prop(into)] rule: String) -> impl IntoView {
    let lang = use_lang();
    match model::RuleId::parse(&rule) {
        Some(known) => leptos::either::Either::Left(view! {
            <span class="rule-name">{known.phrase(lang)}</span>
            " "
            <span class="rule-id code">{known.as_str()}</span>
        }),
        None => leptos::either::Either::Right(view! { <span class="code">{rule}</span> }),
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="loading" aria-busy="true">{t(lang, "loading")}</p> }
}

/// Joins a path and the router's `search`, which comes without its `?`.
pub fn path_with_query(path: &str, search: &str) -> String {
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{search}")
    }
}

pub use model::encode_uri_component;

/// The title of a page as the browser tab shows it.
pub fn page_title(lang: Lang, page: &str) -> String {
    format!("{page} · {}", t(lang, "app.name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_a_path_with_its_query() {
        assert_eq!(
            encode_uri_component("/instansi?q=kota bandung&kind=city"),
            "/instansi%3Fq%3Dkota%20bandung%26kind%3Dcity"
        );
        assert_eq!(encode_uri_component("/"), "/");
    }

    #[test]
    fn the_current_address_keeps_its_query() {
        assert_eq!(
            path_with_query("/instansi", "kind=city"),
            "/instansi?kind=city"
        );
        assert_eq!(
            path_with_query("/instansi", "?kind=city"),
            "/instansi?kind=city"
        );
        assert_eq!(path_with_query("/", ""), "/");
    }
}
