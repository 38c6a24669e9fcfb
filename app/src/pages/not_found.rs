//! The page for an address that does not exist (404).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::page_title;
use crate::i18n::{t, use_lang};

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
