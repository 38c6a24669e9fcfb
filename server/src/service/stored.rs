//! Stored records read back as the typed records the import accepted, for the services that read them one by
//! one (cases, merit, scorecards); a full evaluation reads the compact form instead (`db/compact.rs`).

use model::types::Agency;

use super::error::EvaluationError;
use crate::import::{decode_stored, Record};

/// A stored record as the typed record the import accepted (its canonical JSON, read by the import's parser).
pub(crate) fn decode(agency: &Agency, content: &str) -> Result<Record, EvaluationError> {
    let failed = |detail: String| EvaluationError::StoredRecord {
        agency: agency.code.clone(),
        detail,
    };
    let value: serde_json::Value =
        serde_json::from_str(content).map_err(|e| failed(e.to_string()))?;
    decode_stored(&value, agency).map_err(|errors| {
        failed(
            errors
                .iter()
                .map(|e| format!("{} {}", e.pointer, e.message_en))
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}
