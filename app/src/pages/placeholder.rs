//! Areas of the navigation whose features are still being built: a real page that says so, not a 404.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::page_title;
use crate::i18n::{t, use_lang};

#[component]
pub fn ComingSoon(
    #[prop(into)] title_key: &'static str,
    #[prop(into)] about_key: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let title = t(lang, title_key);
    view! {
        <Title text=page_title(lang, title)/>
        <section class="page">
            <h1>{title}</h1>
            <p>{t(lang, about_key)}</p>
            <p class="note">{t(lang, "soon.note")}</p>
        </section>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=page_title(lang, t(lang, "notfound.title"))/>
        <section class="page">
            <h1>{t(lang, "notfound.title")}</h1>
            <p>{t(lang, "notfound.body")}</p>
            <p><a href="/">{t(lang, "notfound.home")}</a></p>
        </section>
    }
}
