//! Excel workbooks (.xlsx): one sheet per kind, named like the CSV files (`rotation`, `selection`,
//! `selection_committee`, …), the header in the first row. Each sheet is turned into the same CSV input
//! (`csv.rs`), so validation and error locations are the same; a location names the workbook and the sheet.
//! Empty sheets are skipped; a sheet with another name is an error (usually a typo of a kind).
//!
//! Excel's own pitfalls get clear errors: a NIP typed as a number has already lost digits (18 digits do not fit
//! a spreadsheet number), and dates formatted as dates arrive as day serials and are turned into `YYYY-MM-DD`.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::csv::{kind_of_file, CsvFile, Location, FILES};
use super::validate::FieldError;
use crate::domain::Date;

/// Numbers from this size on cannot be held exactly by a spreadsheet cell (15 significant digits).
const EXACT_DIGITS_LIMIT: f64 = 1e15;

fn problem(file: &str, row: usize, column: Option<String>, id: String, en: String) -> FieldError {
    FieldError {
        index: None,
        id: None,
        pointer: String::new(),
        message: id,
        message_en: en,
        location: Some(Location {
            file: file.to_string(),
            row,
            column,
        }),
    }
}

/// A cell as text, the way the CSV reader expects it.
fn text(cell: &Data) -> Result<String, (String, String)> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::Float(f) if f.abs() >= EXACT_DIGITS_LIMIT => {
            return Err((
                "angka ini terlalu panjang untuk sel angka Excel dan digitnya sudah hilang (NIP?); format kolom sebagai Teks lalu ketik ulang".into(),
                "this number is too long for an Excel number cell and has lost digits (a NIP?); format the column as Text and type it again".into(),
            ))
        }
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            // Day serials count from 1899-12-30 in the (usual) 1900 date system.
            let days = d.as_f64().floor() as i64;
            Date::new(1899, 12, 30)
                .map(|epoch| epoch.add_days(days).to_string())
                .unwrap_or_default()
        }
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DateTime(_) | Data::DurationIso(_) => {
            return Err(("durasi bukan nilai yang sah di sini".into(), "a duration is not a valid value here".into()))
        }
        Data::Error(e) => return Err((format!("sel berisi galat Excel {e}"), format!("the cell holds the Excel error {e}"))),
    })
}

/// The sheets of a workbook as CSV input, or every problem found reading it.
pub fn sheets(workbook: &str, bytes: Vec<u8>) -> Result<Vec<CsvFile>, Vec<FieldError>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        vec![problem(
            workbook,
            1,
            None,
            format!("bukan berkas Excel .xlsx yang terbaca: {e}"),
            format!("not a readable Excel .xlsx file: {e}"),
        )]
    })?;
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for sheet in book.sheet_names() {
        let name = format!("{workbook} › {sheet}");
        let range = match book.worksheet_range(&sheet) {
            Ok(range) => range,
            Err(e) => {
                errors.push(problem(
                    &name,
                    1,
                    None,
                    format!("lembar tidak terbaca: {e}"),
                    format!("the sheet cannot be read: {e}"),
                ));
                continue;
            }
        };
        if range.is_empty() {
            continue;
        }
        let Some(kind) = kind_of_file(&format!("{}.csv", sheet.trim())) else {
            let kinds: Vec<&str> = FILES.iter().map(|(k, _)| *k).collect();
            errors.push(problem(
                &name,
                1,
                None,
                format!(
                    "nama lembar {sheet:?} bukan jenis rekaman; jenis: {}",
                    kinds.join(", ")
                ),
                format!(
                    "the sheet name {sheet:?} is not a record kind; kinds: {}",
                    kinds.join(", ")
                ),
            ));
            continue;
        };
        let mut out = ::csv::Writer::from_writer(Vec::new());
        let mut headers: Vec<String> = Vec::new();
        for (r, row) in range.rows().enumerate() {
            let mut cells = Vec::with_capacity(row.len());
            for (c, cell) in row.iter().enumerate() {
                match text(cell) {
                    Ok(t) => cells.push(t),
                    Err((id, en)) => {
                        errors.push(problem(&name, r + 1, headers.get(c).cloned(), id, en));
                        cells.push(String::new());
                    }
                }
            }
            if r == 0 {
                headers.clone_from(&cells);
            }
            if let Err(e) = out.write_record(&cells) {
                errors.push(problem(
                    &name,
                    r + 1,
                    None,
                    format!("baris tidak terbaca: {e}"),
                    format!("the row cannot be read: {e}"),
                ));
            }
        }
        match out.into_inner().map(String::from_utf8) {
            Ok(Ok(text)) => files.push(CsvFile {
                name,
                text,
                kind: Some(kind),
            }),
            _ => errors.push(problem(
                &name,
                1,
                None,
                "lembar tidak terbaca".into(),
                "the sheet cannot be read".into(),
            )),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}
