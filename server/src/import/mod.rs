//! Report ingestion (reports.md). `validate` turns a batch (JSON) into typed records or into the list of every
//! problem found; `batch` holds the typed records. Both are pure: storing, revisions and credentials are the
//! database's and the web layer's business.

pub mod batch;
pub mod compact;
pub mod csv;
pub mod errors;
pub mod service;
pub mod validate;
pub mod xlsx;

pub use batch::{Batch, Record, RecordBody, RecordKind};
pub use service::{import_csv, import_document, import_json, ImportError, Imported};
pub use validate::{decode_stored, validate_batch, FieldError};
