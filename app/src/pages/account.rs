//! `/akun`: the signed-in person's account — who they are, where their work is, changing their password
//! (posted to `/auth/sandi`), signing out.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::current_user;
use crate::components::{page_title, LoadError, Loading};
use crate::i18n::{t, use_lang};
use crate::labels::role_label;
use model::types::SessionUser;
use model::Role;

/// The pages a role works on, `(path, translation key)`.
pub fn work_of(role: Role) -> &'static [(&'static str, &'static str)] {
    match role {
        Role::Agency => &[("/unggah", "nav.upload")],
        Role::Analyst | Role::Commissioner => &[
            ("/pelanggaran", "nav.violations"),
            ("/pengaduan", "cases.title"),
            ("/instansi", "nav.agencies"),
            ("/instansi-senyap", "silent.title"),
            ("/sinyal", "signals.title"),
            ("/parameter", "nav.parameters"),
        ],
        Role::Admin => &[
            ("/pengguna", "users.title"),
            ("/audit", "audit.title"),
            ("/kotak-keluar", "outbox.title"),
            ("/registri", "registry.title"),
            ("/parameter", "nav.parameters"),
            ("/pelanggaran", "nav.violations"),
        ],
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let user = Resource::new(|| (), |_| current_user());
    view! {
        <Title text=page_title(lang, t(lang, "account.title"))/>
        <section class="page narrow">
            <h1>{t(lang, "account.title")}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(u)) => EitherOf3::A(view! { <Account user=u/> }),
                        Ok(None) => EitherOf3::B(view! {
                            <p class="note" id="denied">
                                {t(lang, "denied.sign_in")} " "
                                <a href="/masuk?next=/akun" rel="external">{t(lang, "signin.title")}</a>
                            </p>
                        }),
                        Err(_) => EitherOf3::C(view! { <LoadError/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Account(user: SessionUser) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let error = move || {
        let code = query.read().get("galat")?;
        let text = match model::Refusal::parse(&code) {
            Some(model::Refusal::PasswordsDiffer) => t(lang, "account.error_mismatch"),
            Some(model::Refusal::PasswordTooShort) => t(lang, "account.error_short"),
            Some(model::Refusal::WrongPassword) => t(lang, "account.error_wrong"),
            Some(model::Refusal::Locked) => t(lang, "signin.error_locked"),
            _ => t(lang, "violation.error_failure"),
        };
        Some(view! { <p class="error" id="account-error" role="alert">{text}</p> })
    };
    let links = work_of(user.role)
        .iter()
        .map(|(path, key)| view! { <li><a href=*path>{t(lang, key)}</a></li> })
        .collect_view();
    view! {
        <p id="account-who">
            <strong>{user.name.clone()}</strong> " · " {role_label(lang, user.role)}
            {user.agency_code.clone().map(|c| format!(" · {c}"))}
        </p>
        <ul class="work">{links}</ul>
        <h2>{t(lang, "account.change_password")}</h2>
        {error}
        <form class="signin" method="post" action="/auth/sandi" id="password-form">
            <input type="hidden" name="csrf" value=user.csrf.clone()/>
            <label for="pw-current">{t(lang, "account.current")}</label>
            <input id="pw-current" name="current" type="password" autocomplete="current-password" required/>
            <label for="pw-new">{t(lang, "account.new")}</label>
            <input id="pw-new" name="new" type="password" autocomplete="new-password" minlength="12" required/>
            <label for="pw-confirm">{t(lang, "account.confirm")}</label>
            <input id="pw-confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" required/>
            <button type="submit">{t(lang, "account.save")}</button>
        </form>
        <form class="inline" method="post" action="/auth/keluar">
            <input type="hidden" name="csrf" value=user.csrf.clone()/>
            <button type="submit" id="sign-out">{t(lang, "signin.sign_out")}</button>
        </form>
    }
}
