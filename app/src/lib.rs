//! Pantau Merit's user interface: Leptos components and pages, and the server functions they call (the types they
//! share with the server are the `model` crate's).
//!
//! The crate compiles twice, both times in Leptos's islands mode: with `ssr` for the server (where every page is
//! rendered and server functions reach the database through the [`backend::Backend`] trait that the `server`
//! crate implements) and with `hydrate` for the browser, where only the [`islands`] run. Components never run SQL.

// Leptos's view types nest deeply; the upload page's submissions table (a table in a table, in a `TableScroll`)
// passes the default limit of 128 when the browser build computes its hydration future's layout.
#![recursion_limit = "256"]

pub mod api;
mod app;
#[cfg(feature = "ssr")]
pub mod backend;
#[cfg(feature = "ssr")]
pub mod charts;
pub mod components;
pub mod i18n;
pub mod islands;
pub mod labels;
pub mod pages;

pub use app::{shell, App};
