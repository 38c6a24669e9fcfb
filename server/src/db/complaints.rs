//! Neutrality complaints filed through the public form: storing one, finding one by its reference (for the
//! status check by receipt code), and counting them for the public aggregates.

use sqlx::Row;

use super::{Db, DbError};
use crate::complaints::intake::Complaint;

/// What the status check needs of a complaint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplaintStatusRow {
    pub reference: String,
    pub receipt_hash: String,
    pub status: String,
    pub received_on: String,
    pub updated_at: String,
}

impl Db {
    /// Stores a complaint; `false` when the reference is taken (the caller draws another).
    pub async fn insert_complaint(
        &self,
        complaint: &Complaint,
        (reference, receipt_hash): (&str, &str),
        (today, now): (&str, &str),
    ) -> Result<bool, DbError> {
        let evidence = serde_json::to_string(&complaint.evidence)
            .map_err(|e| DbError::Corrupt(e.to_string()))?;
        let result = sqlx::query(
            "INSERT INTO complaints (reference, receipt_hash, agency_code, election, accused_name, position_level,
                                     happened_on, summary, evidence, complainant_name, complainant_contact,
                                     received_on, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             ON CONFLICT (reference) DO NOTHING",
        )
        .bind(reference)
        .bind(receipt_hash)
        .bind(&complaint.agency_code)
        .bind(&complaint.election)
        .bind(complaint.accused_name.as_deref())
        .bind(&complaint.position_level)
        .bind(complaint.happened_on.map(|d| d.to_string()))
        .bind(&complaint.summary)
        .bind(evidence)
        .bind(complaint.complainant_name.as_deref())
        .bind(complaint.complainant_contact.as_deref())
        .bind(today)
        .bind(now)
        .execute(&self.pool)
        .await?;
        let stored = result.rows_affected() == 1;
        if stored {
            self.public_cache().touch();
        }
        Ok(stored)
    }

    pub async fn complaint_by_reference(
        &self,
        reference: &str,
    ) -> Result<Option<ComplaintStatusRow>, DbError> {
        let row = sqlx::query(
            "SELECT reference, receipt_hash, status, received_on, updated_at FROM complaints WHERE reference = $1",
        )
        .bind(reference)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(ComplaintStatusRow {
                reference: r.try_get("reference")?,
                receipt_hash: r.try_get("receipt_hash")?,
                status: r.try_get("status")?,
                received_on: r.try_get("received_on")?,
                updated_at: r.try_get("updated_at")?,
            })
        })
        .transpose()
    }

    /// `(year received, status)` of every complaint filed through the form.
    pub async fn complaint_years(&self) -> Result<Vec<(i32, String)>, DbError> {
        let rows = sqlx::query("SELECT received_on, status FROM complaints")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let received: String = r.try_get("received_on")?;
                let year = received
                    .get(..4)
                    .and_then(|y| y.parse().ok())
                    .ok_or_else(|| {
                        DbError::Corrupt(format!("complaint received on {received:?}"))
                    })?;
                Ok((year, r.try_get("status")?))
            })
            .collect()
    }
}
