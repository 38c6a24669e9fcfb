//! Report ingestion (reports.md). `validate` turns a batch (JSON) into typed records or into the list of every
//! problem found; `batch` holds the typed records. Both are pure: storing, revisions and credentials are the
//! database's and the web layer's business.

pub mod csv;
pub mod validate;
pub mod xlsx;

pub use crate::domain::records::{Batch, Record, RecordBody, RecordKind};
pub use crate::domain::FieldError;
pub use validate::{decode_stored, validate_batch};
