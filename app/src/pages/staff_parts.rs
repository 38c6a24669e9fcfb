//! Parts of the staff pages about one item (a violation, a case): the item with the reader's CSRF token, the
//! outcome of a workflow step, the history table. Here, not in `components`, because they call server functions
//! and show the 404 page (components depend on neither).

use leptos::prelude::*;
use model::PageError;

use crate::components::{Denied, Loading};
use crate::i18n::{t, Lang};
use crate::pages::not_found::NotFound;

/// The notice after a workflow step (`?hasil=`), or a refusal (`?galat=`) as the page put it into words.
pub fn step_outcome(
    lang: Lang,
    done: bool,
    refusal: Option<&'static str>,
) -> Option<impl IntoView> {
    if done {
        return Some(leptos::either::Either::Left(view! {
            <p class="notice" id="step-notice" role="status">{t(lang, "violation.step_done")}</p>
        }));
    }
    Some(leptos::either::Either::Right(
        view! { <p class="error" id="step-error" role="alert">{refusal?}</p> },
    ))
}

/// The body of a staff page about one item (a violation, a case): the item with the reader's CSRF token for its
/// forms once both have loaded, the app's 404 when it does not exist, or why the reader may not see it.
pub fn staff_item<T, V>(
    item: Resource<Result<Option<T>, PageError>>,
    render: impl Fn(T, String) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let user = Resource::new(|| (), |_| crate::api::current_user());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match item.await {
                        Ok(Some(found)) => {
                            let csrf = user.await.ok().flatten().map(|u| u.csrf).unwrap_or_default();
                            leptos::either::EitherOf3::A(render(found, csrf))
                        }
                        Ok(None) => leptos::either::EitherOf3::B(view! { <NotFound/> }),
                        Err(error) => leptos::either::EitherOf3::C(view! { <section class="page"><Denied error/></section> }),
                    }
                })
            }}
        </Suspense>
    }
}

/// A workflow's history under its heading: when, who, what, detail; one row per step, oldest first.
pub fn history_table(lang: Lang, id: &'static str, rows: impl IntoView + 'static) -> impl IntoView {
    view! {
        <h2>{t(lang, "violation.history")}</h2>
        <crate::components::TableScroll><table class="data" id=id>
            <thead>
                <tr>
                    <th scope="col">{t(lang, "audit.col_at")}</th>
                    <th scope="col">{t(lang, "audit.col_actor")}</th>
                    <th scope="col">{t(lang, "violation.col_event")}</th>
                    <th scope="col">{t(lang, "violation.col_detail")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></crate::components::TableScroll>
    }
}
