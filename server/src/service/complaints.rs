//! Neutrality complaints from the public (issue #7): filing with a reference and a secret receipt code (kept
//! only as its SHA-256), and the status check with both. No address or browser detail is ever stored.

use crate::domain::complaints::intake::{
    check, group_code, is_bot, normalize_code, ComplaintForm, IntakeError, CODE_ALPHABET,
};

use crate::auth::{random_chars, token_hash, RandomError};
use crate::db::{Db, DbError};

#[derive(Debug, thiserror::Error)]
pub enum ComplaintError {
    #[error("the complaint was refused")]
    Invalid(Vec<IntakeError>),
    #[error(transparent)]
    Database(#[from] DbError),
    #[error(transparent)]
    Random(#[from] RandomError),
}

/// What the complainant is given once: the reference and the receipt code (grouped for reading).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Filed {
    pub reference: String,
    pub receipt_code: String,
    pub status: String,
}

/// What the status check shows.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct StatusView {
    pub reference: String,
    pub status: String,
    pub received_on: String,
    pub updated_at: String,
}

/// Files a complaint. A filled honeypot gets a receipt that leads nowhere (the bot learns nothing) and stores
/// nothing.
pub async fn file(db: &Db, form: &ComplaintForm) -> Result<Filed, ComplaintError> {
    let today = crate::clock::today();
    let code = random_chars(CODE_ALPHABET, 16)?;
    let filed = |reference: String| Filed {
        reference,
        receipt_code: group_code(&code),
        status: "received".to_string(),
    };
    if is_bot(form) {
        return Ok(filed(format!(
            "NET-{}-{}",
            today.year(),
            random_chars(CODE_ALPHABET, 8)?
        )));
    }
    let exists = db.agency(form.agency_code.trim()).await?.is_some();
    let complaint = check(form, today, exists).map_err(ComplaintError::Invalid)?;
    let now = crate::clock::now_text();
    loop {
        let reference = format!("NET-{}-{}", today.year(), random_chars(CODE_ALPHABET, 8)?);
        let stored = db
            .insert_complaint(
                &complaint,
                (&reference, &token_hash(&code)),
                (&today.to_string(), &now),
            )
            .await?;
        if stored {
            return Ok(filed(reference));
        }
    }
}

/// The status of the complaint with this reference, if `code` is its receipt code. A wrong code and an unknown
/// reference answer alike (`None`), so the check reveals nothing without both.
pub async fn status(
    db: &Db,
    reference: &str,
    code: &str,
) -> Result<Option<StatusView>, ComplaintError> {
    let reference = reference.trim().to_ascii_uppercase();
    let Some(row) = db.complaint_by_reference(&reference).await? else {
        return Ok(None);
    };
    let given = token_hash(&normalize_code(code));
    if !constant_time_eq(given.as_bytes(), row.receipt_hash.as_bytes()) {
        return Ok(None);
    }
    Ok(Some(StatusView {
        reference: row.reference,
        status: row.status.as_str().to_string(),
        received_on: row.received_on,
        updated_at: row.updated_at,
    }))
}

/// Compares two hashes in time independent of where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
