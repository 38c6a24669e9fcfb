//! `/pengguna`: administrators manage users — create one with an initial password, disable or enable, reset a
//! password, move a clerk to another agency. Plain forms posted to `/auth/pengguna…` with the CSRF token; the
//! server audits every change and redirects back with `?hasil=` or `?galat=`.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{current_user, list_users};
use crate::components::{page_title, Denied, Loading};
use crate::i18n::{t, use_lang, Lang};
use crate::labels::role_label;
use model::types::UserSummary;
use model::{Refusal, Role};

/// The message of a `?galat=` code the server sent back.
fn refusal(lang: Lang, code: &str) -> &'static str {
    match Refusal::parse(code) {
        Some(Refusal::UserExists) => t(lang, "users.error_exists"),
        Some(Refusal::NoSuchUser) => t(lang, "users.error_no_user"),
        Some(Refusal::NoSuchAgency) => t(lang, "users.error_agency"),
        Some(Refusal::RoleAgencyMismatch) => t(lang, "users.error_role_agency"),
        Some(Refusal::BadEmail) => t(lang, "users.error_email"),
        Some(Refusal::BadName) => t(lang, "users.error_name"),
        Some(Refusal::Role) => t(lang, "users.error_role"),
        Some(Refusal::PasswordTooShort) => t(lang, "account.error_short"),
        Some(Refusal::SelfDisable) => t(lang, "users.error_self"),
        _ => t(lang, "violation.error_failure"),
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let users = Resource::new(|| (), |_| list_users());
    let me = Resource::new(|| (), |_| current_user());
    let notice = move || {
        let q = query.read();
        if q.get("hasil").is_some() {
            return Some(Either::Left(
                view! { <p class="notice" id="users-notice" role="status">{t(lang, "users.saved")}</p> },
            ));
        }
        let code = q.get("galat")?;
        Some(Either::Right(
            view! { <p class="error" id="users-error" role="alert">{refusal(lang, &code)}</p> },
        ))
    };
    view! {
        <Title text=page_title(lang, t(lang, "users.title"))/>
        <section class="page wide">
            <h1>{t(lang, "users.title")}</h1>
            {notice}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(list) => {
                            let csrf = me.await.ok().flatten().map(|u| u.csrf).unwrap_or_default();
                            Either::Left(view! { <UserAdmin users=list csrf/> })
                        }
                        Err(error) => Either::Right(view! { <Denied error/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn UserAdmin(users: Vec<UserSummary>, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let roles = Role::ALL
        .iter()
        .copied()
        .map(|r| view! { <option value=r.as_str()>{role_label(lang, r)}</option> })
        .collect_view();
    let rows = users
        .into_iter()
        .map(|u| view! { <UserRow user=u csrf=csrf.clone()/> })
        .collect_view();
    view! {
        <h2>{t(lang, "users.add")}</h2>
        <form class="filters" method="post" action="/auth/pengguna" id="user-add">
            <input type="hidden" name="csrf" value=csrf.clone()/>
            <label><span>{t(lang, "signin.name")}</span><input name="name" required pattern="[A-Za-z0-9._-]+"/></label>
            <label><span>{t(lang, "users.role")}</span><select name="role">{roles}</select></label>
            <label><span>{t(lang, "users.agency")}</span><input name="agency_code" size="8"/></label>
            <label><span>{t(lang, "users.email")}</span><input name="email" type="email" autocomplete="off"/></label>
            <label>
                <span>{t(lang, "users.initial_password")}</span>
                <input name="password" type="password" minlength="12" autocomplete="new-password" required/>
            </label>
            <button type="submit">{t(lang, "users.create")}</button>
        </form>
        <crate::components::TableScroll><table class="data" id="users-table">
            <thead>
                <tr>
                    <th scope="col">{t(lang, "signin.name")}</th>
                    <th scope="col">{t(lang, "users.role")}</th>
                    <th scope="col">{t(lang, "users.agency")}</th>
                    <th scope="col">{t(lang, "users.email")}</th>
                    <th scope="col">{t(lang, "users.state")}</th>
                    <th scope="col">{t(lang, "users.actions")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    }
}

#[component]
fn UserRow(user: UserSummary, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let action = format!(
        "/auth/pengguna/{}",
        crate::components::encode_uri_component(&user.name)
    );
    let (toggle, toggle_key) = if user.active {
        ("disable", "users.disable")
    } else {
        ("enable", "users.enable")
    };
    let state = if user.active {
        t(lang, "users.active")
    } else {
        t(lang, "users.disabled")
    };
    let agency_form = (user.role == Role::Agency).then(|| {
        view! {
            <form class="inline" method="post" action=action.clone()>
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <input type="hidden" name="action" value="agency"/>
                <input name="agency_code" size="6" required aria-label=t(lang, "users.agency")/>
                <button type="submit">{t(lang, "users.move")}</button>
            </form>
        }
    });
    view! {
        <tr data-user=user.name.clone()>
            <td>{user.name.clone()}</td>
            <td>{role_label(lang, user.role)}</td>
            <td class="code">{user.agency_code.clone().unwrap_or_default()}</td>
            <td class="email">{user.email.clone().unwrap_or_default()}</td>
            <td>{state}</td>
            <td class="actions">
                <form class="inline" method="post" action=action.clone()>
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <input type="hidden" name="action" value=toggle/>
                    <button type="submit">{t(lang, toggle_key)}</button>
                </form>
                <form class="inline" method="post" action=action.clone()>
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <input type="hidden" name="action" value="reset"/>
                    <input name="password" type="password" minlength="12" required autocomplete="new-password"
                        aria-label=t(lang, "users.new_password")/>
                    <button type="submit">{t(lang, "users.reset")}</button>
                </form>
                {agency_form}
                <form class="inline" method="post" action=action.clone()>
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <input type="hidden" name="action" value="email"/>
                    <input name="email" type="email" value=user.email.clone().unwrap_or_default()
                        aria-label=t(lang, "users.email")/>
                    <button type="submit">{t(lang, "users.set_email")}</button>
                </form>
            </td>
        </tr>
    }
}
