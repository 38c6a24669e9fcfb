//! `/masuk`: signing in with a name and password. A plain form posted to `/auth/masuk` (it works without
//! JavaScript); the server redirects back here with `?galat=` when it refuses.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::page_title;
use crate::i18n::{t, use_lang};

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let notice = move || {
        let code = query.read().get("galat")?;
        let text = match model::Refusal::parse(&code)? {
            model::Refusal::WrongPassword => t(lang, "signin.error_wrong"),
            model::Refusal::Locked => t(lang, "signin.error_locked"),
            model::Refusal::SignedOut => t(lang, "signin.signed_out"),
            model::Refusal::PasswordChanged => t(lang, "signin.password_changed"),
            _ => t(lang, "signin.error_failure"),
        };
        Some(view! { <p class="notice" id="signin-notice" role="status">{text}</p> })
    };
    view! {
        <Title text=page_title(lang, t(lang, "signin.title"))/>
        <section class="page narrow">
            <h1>{t(lang, "signin.title")}</h1>
            <p class="muted">{t(lang, "signin.lead")}</p>
            {notice}
            <form class="signin" id="signin-form" method="post" action="/auth/masuk">
                <label for="signin-name">{t(lang, "signin.name")}</label>
                <input id="signin-name" name="name" autocomplete="username" required/>
                <label for="signin-password">{t(lang, "signin.password")}</label>
                <input id="signin-password" name="password" type="password" autocomplete="current-password" required/>
                <input type="hidden" name="next" value=next/>
                <button type="submit">{t(lang, "signin.submit")}</button>
            </form>
        </section>
    }
}
