//! Violations as CSV, the same columns for `pantau violations --format csv` and `GET /api/v1/violations` with
//! `Accept: text/csv`, so a spreadsheet built on one works with the other.

use crate::db::ViolationRow;

pub const VIOLATION_COLUMNS: [&str; 14] = [
    "id",
    "rule_id",
    "severity",
    "status",
    "agency_code",
    "record_kind",
    "record_id",
    "subject_nip",
    "event_date",
    "legal_basis",
    "message",
    "message_en",
    "active",
    "cleared_as_of",
];

#[derive(Debug, thiserror::Error)]
#[error("writing CSV failed: {0}")]
pub struct ExportError(String);

pub fn violations_csv(rows: &[ViolationRow]) -> Result<String, ExportError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| ExportError(e.to_string());
    out.write_record(VIOLATION_COLUMNS).map_err(fail)?;
    for v in rows {
        out.write_record([
            v.id.to_string().as_str(),
            &v.rule_id,
            &v.severity,
            &v.status,
            &v.agency_code,
            &v.record_kind,
            &v.record_id,
            v.subject_nip.as_deref().unwrap_or(""),
            &v.event_date,
            &v.legal_basis,
            &v.message,
            &v.message_en,
            if v.active { "true" } else { "false" },
            v.cleared_as_of.as_deref().unwrap_or(""),
        ])
        .map_err(fail)?;
    }
    let bytes = out.into_inner().map_err(|e| ExportError(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError(e.to_string()))
}
