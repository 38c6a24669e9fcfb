//! The `pantau` server: database, registry, web router and command line. `main.rs` is only the edge that turns
//! results into exit codes; everything else lives here so the integration tests can start the real app.

pub mod auth;
pub mod cli;
pub mod clock;
pub mod complaints;
pub mod db;
pub mod demo;
pub mod domain;
pub mod evaluation;
pub mod export;
pub mod import;
pub mod merit;
pub mod public;
pub mod registry;
pub mod rules;
pub mod scorecard;
pub mod web;
