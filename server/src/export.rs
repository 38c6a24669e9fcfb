//! Violations as CSV, the same columns for `pantau violations --format csv` and `GET /api/v1/violations` with
//! `Accept: text/csv`, so a spreadsheet built on one works with the other; and the explorer's view as CSV or
//! Excel, with the columns its table shows (agency name and province beside the codes).

use app::types::ExplorerRow;

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

/// The columns of the explorer's exports, in the table's order.
pub const EXPLORER_COLUMNS: [&str; 11] = [
    "id",
    "rule_id",
    "severity",
    "status",
    "agency_code",
    "agency_name",
    "agency_kind",
    "province_code",
    "event_date",
    "message",
    "message_en",
];

fn explorer_cells(v: &ExplorerRow) -> [String; 11] {
    [
        v.id.to_string(),
        v.rule_id.clone(),
        v.severity.clone(),
        v.status.clone(),
        v.agency_code.clone(),
        v.agency_name.clone(),
        v.agency_kind.clone(),
        v.province_code.clone().unwrap_or_default(),
        v.event_date.clone(),
        v.message.clone(),
        v.message_en.clone(),
    ]
}

pub fn explorer_csv(rows: &[ExplorerRow]) -> Result<String, ExportError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| ExportError(e.to_string());
    out.write_record(EXPLORER_COLUMNS).map_err(fail)?;
    for v in rows {
        out.write_record(explorer_cells(v)).map_err(fail)?;
    }
    let bytes = out.into_inner().map_err(|e| ExportError(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError(e.to_string()))
}

/// The same rows as an Excel workbook: one sheet, a bold header row, the id as a number, the rest as text (so
/// that codes like `3273` keep their form).
pub fn explorer_xlsx(rows: &[ExplorerRow]) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| ExportError(e.to_string());
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("pelanggaran").map_err(fail)?;
    for (col, name) in (0u16..).zip(EXPLORER_COLUMNS) {
        sheet
            .write_string_with_format(0, col, name, &bold)
            .map_err(fail)?;
    }
    for (row, v) in (1u32..).zip(rows) {
        let cells = explorer_cells(v);
        sheet.write_number(row, 0, v.id as f64).map_err(fail)?;
        for (col, cell) in (1u16..).zip(cells.iter().skip(1)) {
            sheet.write_string(row, col, cell).map_err(fail)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}
