//! Neutrality complaints as the law and the commission's procedure see them: the public form's checks
//! (`intake`), a case's workflow (`workflow`) and the statistics (`stats`). Pure; filing and storing are
//! `service::complaints` and `service::cases`.

pub mod followup;
pub mod intake;
pub mod stats;
pub mod workflow;
