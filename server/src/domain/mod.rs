//! The domain: pure Rust with no I/O. Dates as the rules count them, NIP structure, merit categories. Everything
//! here is deterministic and unit-tested to its boundaries; the import and the rules build on it.

pub mod complaints;
pub mod credentials;
pub mod date;
pub mod elections;
pub mod field_error;
pub mod merit;
pub mod nip;
pub mod peers;
pub mod progress;
pub mod recommendations;
pub mod records;
pub mod registry;
pub mod reporting;
pub mod risk;
pub mod signal;
pub mod violation;

pub use date::Date;
pub use field_error::FieldError;
