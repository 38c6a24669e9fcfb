//! The only components that run in the browser (Leptos islands, issue #16). Everything else is HTML rendered on
//! the server: links and plain forms (GET filters, POST forms with their CSRF token) work without code, and a
//! page without an island loads no WebAssembly at all: a page that shows an island calls [`page_has_islands`],
//! and only then does the shell add the hydration scripts.
//!
//! Why islands and not a hydrated app split into lazy routes: every page's first view must stay under 150 KB
//! (public) and 400 KB (staff), and the public pages are server-rendered text and SVG. Measured on release builds
//! on 2026-12-01 (docs/benchmarks.md): the hydrated app shipped 782 KB of gzipped wasm on every page; in islands
//! mode a page without islands ships none, and the wasm of these islands is the figure in the README.
//!
//! An island's props are serialised into the page (`data-props`) and the island runs under its own owner in the
//! browser, without the server's contexts: so each island takes the texts it shows as props instead of reading
//! the translation tables, which would put both languages' tables into the wasm.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::SearchAgencies;
use leptos::server_fn::ServerFn;

/// Whether the page being rendered holds an island: provided by the shell, set by [`page_has_islands`].
#[derive(Clone, Default)]
pub struct IslandsOnPage(Arc<AtomicBool>);

impl IslandsOnPage {
    pub fn any(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Declares that the page being rendered shows an island, so that the shell ends the body with the hydration
/// scripts. Called at the top of the page's component, not by the island: an island inside a `Suspense` renders
/// only after the shell has written the end of the body. A page that forgets it shows its island as plain HTML,
/// which the browser tests catch (they wait for every island to hydrate).
pub fn page_has_islands() {
    if let Some(page) = use_context::<IslandsOnPage>() {
        page.0.store(true, Ordering::Relaxed);
    }
}

/// `"false"` in the server's HTML, `"true"` once the island runs in the browser: the island's root element
/// carries it as `data-hydrated`, which the browser tests wait for.
fn hydration_mark() -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    move || if hydrated.get() { "true" } else { "false" }
}

/// The texts of [`QuickSearch`], in the page's language.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct QuickSearchTexts {
    pub label: String,
    pub placeholder: String,
    pub none: String,
    pub error: String,
}

/// Searches the registry while the visitor types (one request per change of two characters or more). Without JavaScript, and
/// before the wasm has arrived, the same box is a plain form that opens the agency list filtered by the text.
#[island]
pub fn QuickSearch(texts: QuickSearchTexts) -> impl IntoView {
    let hydrated = hydration_mark();
    // Each change is numbered; only the answer to the latest one is shown, so a slow answer to an earlier change
    // never replaces a later one. Under two characters the server answers nothing, so nobody is asked.
    let asked = StoredValue::new(0u32);
    let found = RwSignal::new(None::<Result<Vec<model::types::Agency>, ()>>);
    let typed = RwSignal::new(false);
    let on_input = move |ev| {
        let q: String = event_target_value(&ev);
        let n = asked.get_value() + 1;
        asked.set_value(n);
        let long_enough = q.trim().chars().count() >= 2;
        typed.set(long_enough);
        if !long_enough {
            found.set(Some(Ok(Vec::new())));
            return;
        }
        leptos::task::spawn_local(async move {
            let url = format!(
                "{}?q={}",
                <SearchAgencies as ServerFn>::PATH,
                model::encode_uri_component(&q)
            );
            let answer = get_json::<Vec<model::types::Agency>>(&url).await;
            if asked.get_value() == n {
                found.set(Some(answer));
            }
        });
    };
    let QuickSearchTexts {
        label,
        placeholder,
        none,
        error,
    } = texts;
    let results = move || {
        let (none, error) = (none.clone(), error.clone());
        found.get().map(|answer| match answer {
            Ok(list) if list.is_empty() && typed.get() => {
                Either::Left(view! { <p class="muted" id="quick-results">{none}</p> })
            }
            Ok(list) => Either::Right(Either::Left(view! {
                <ul class="quick-results" id="quick-results">
                    {list
                        .into_iter()
                        .map(|a| {
                            view! {
                                <li>
                                    <a href=format!("/instansi/{}", a.code)>{a.name}</a>
                                    " "
                                    <small class="muted">{a.code}</small>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            })),
            Err(()) => Either::Right(Either::Right(view! {
                <p class="error" role="alert">{error}</p>
            })),
        })
    };
    view! {
        <section class="quick-search" id="quick-search" data-hydrated=hydrated>
            <form action="/instansi" method="get" role="search">
                <label for="quick-search-input">{label}</label>
                <input
                    id="quick-search-input"
                    type="search"
                    name="q"
                    autocomplete="off"
                    placeholder=placeholder
                    on:input=on_input
                />
            </form>
            {results}
        </section>
    }
}

/// Opens the browser's print dialog (the review pack prints as the commission's paper copy). A handler in the
/// wasm, not an inline `onclick`: the content security policy allows no inline script.
#[island]
pub fn PrintButton(label: String) -> impl IntoView {
    let hydrated = hydration_mark();
    view! {
        <button type="button" id="pack-print" data-hydrated=hydrated on:click=|_| {
            let _ = window().print();
        }>{label}</button>
    }
}

/// GETs `url` and reads its JSON body: the browser's fetch, called directly. The server function's own client
/// (request building, encodings, error types) added 29 KB to the gzipped wasm, more than the rest of the quick
/// search; the server function still answers the request, with its URL and its `GetUrl` input encoding.
#[cfg(feature = "hydrate")]
async fn get_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, ()> {
    use wasm_bindgen_futures::JsFuture;
    use web_sys::wasm_bindgen::JsCast;
    let window = web_sys::window().ok_or(())?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(drop)?
        .dyn_into()
        .map_err(drop)?;
    if !response.ok() {
        return Err(());
    }
    let text = JsFuture::from(response.text().map_err(drop)?)
        .await
        .map_err(drop)?;
    serde_json::from_str(&text.as_string().ok_or(())?).map_err(drop)
}

/// On the server the island's handlers never run.
#[cfg(not(feature = "hydrate"))]
async fn get_json<T>(_url: &str) -> Result<T, ()> {
    Err(())
}
