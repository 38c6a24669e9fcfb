//! The vocabulary the server and the pages share. Everything that crosses the wire — the pages' data, the
//! roles, a violation's rule, severity and status, the language — is a type here, with serde on both sides, so
//! neither `app` nor `server` reaches the other's modules for it and nothing is compared as text across crates.
//! Pure data: no Leptos, no SQL, no I/O (docs/architecture.md).

mod codes;
mod complaint;
pub mod lang;
pub mod mail;
mod page_error;
pub mod public;
pub mod recommendation;
mod refusal;
pub mod role;
pub mod types;
mod uri;
pub mod violation;

pub use complaint::ComplaintStatus;
pub use lang::Lang;
pub use mail::{MailKind, MailState};
pub use page_error::PageError;
pub use recommendation::{RecommendationState, ResponseAction};
pub use refusal::Refusal;
pub use role::Role;
pub use uri::encode_uri_component;
pub use violation::{RuleId, Severity, Status};
