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
        let text = match query.read().get("galat").as_deref() {
            Some("salah") => t(lang, "signin.error_wrong"),
            Some("terkunci") => t(lang, "signin.error_locked"),
            Some("gangguan") => t(lang, "signin.error_failure"),
            Some("keluar") => t(lang, "signin.signed_out"),
            Some("sandi_diganti") => t(lang, "signin.password_changed"),
            _ => return None,
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
