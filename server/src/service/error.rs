//! The error of evaluating, reading parameters and reading stored records back, shared by the services that do
//! those (its own file, so that `evaluation`, `parameters` and `stored` need not import each other).

use crate::db::compact::CompactError;
use crate::db::DbError;
use crate::rules::ParamError;

#[derive(Debug, thiserror::Error)]
pub enum EvaluationError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error(transparent)]
    Parameter(#[from] ParamError),
    /// A filter names a rule or status that does not exist.
    #[error("{0}")]
    Filter(String),
    /// A stored record no longer reads as a valid record (a bug or a hand edit of the database).
    #[error("stored record of agency {agency} cannot be read: {detail}")]
    StoredRecord { agency: String, detail: String },
    /// A record's cached compact form cannot be read or written.
    #[error(transparent)]
    Compact(#[from] CompactError),
}
