//! The `pantau` server: database, registry, web router and command line. `main.rs` is only the edge that turns
//! results into exit codes; everything else lives here so the integration tests can start the real app.

pub mod auth;
pub mod cli;
pub mod clock;
pub mod db;
pub mod documents;
pub mod domain;
pub mod import;
pub mod rules;
pub mod service;
pub mod web;
