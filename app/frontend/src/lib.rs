//! The browser entry point: hydrates the islands (`app::islands`) of the server-rendered page. Nothing else of
//! the page runs in the browser.

// The islands' exported hydration functions live in `app`; naming the crate's items links them into this
// cdylib (without a use of `app`, the linker drops them and the page warns "Could not find WASM function").
#[allow(unused_imports)]
use app::islands::*;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
