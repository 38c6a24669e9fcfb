//! Data that crosses the wire between the server and the browser.

use crate::{Role, RuleId, Severity, Status};

mod admin;
mod agency;
mod cases;
mod explorer;
mod peers;
mod review;
mod scorecard;
mod session;
mod signals;
mod violation;

pub use admin::*;
pub use agency::*;
pub use cases::*;
pub use explorer::*;
pub use peers::*;
pub use review::*;
pub use scorecard::*;
pub use session::*;
pub use signals::*;
pub use violation::*;
