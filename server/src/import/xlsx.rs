//! Excel workbooks (.xlsx): one sheet per kind, named like the CSV files (`rotation`, `selection`,
//! `selection_committee`, …), the header in the first row. Each sheet is turned into the same CSV input
//! (`csv.rs`), so validation and error locations are the same; a location names the workbook and the sheet.
//! Empty sheets are skipped; a sheet with another name is an error (usually a typo of a kind).
//!
//! Excel's own pitfalls get clear errors: a NIP typed as a number has already lost digits (18 digits do not fit
//! a spreadsheet number), and dates formatted as dates arrive as day serials and are turned into `YYYY-MM-DD`.
//!
//! A workbook is a zip of XML parts, and both can be made to explode (issue #14): a 1.5 KB sheet whose used
//! range runs from A1 to XFD1048576 made `worksheet_range` allocate 512 GiB, and a 414 KB workbook whose shared
//! strings inflate to 170 MB took 500 MB. So every part's inflated size and the number of parts are checked by
//! reading the zip (not trusting its declared sizes) before calamine sees it, and sheets are read cell by cell,
//! refusing any cell outside the CSV limits ([`MAX_ROWS`] × [`MAX_COLUMNS`]) — memory stays proportional to
//! the cells that are really there.

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};

use super::csv::{kind_of_file, CsvFile, Location, FILES, MAX_COLUMNS, MAX_ROWS};
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
        omitted: None,
    }
}

/// The most parts (files) a workbook may hold; a workbook with a sheet per kind has about 20.
pub const MAX_PARTS: usize = 200;
/// The most one part may inflate to: a sheet of [`MAX_ROWS`] short rows is about 40 MB of XML.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// The most all parts together may inflate to.
pub const MAX_INFLATED_BYTES: u64 = 128 * 1024 * 1024;

/// Reads every part of the zip through a counting reader, so that a part that inflates past its limit is
/// refused after reading at most the limit, whatever sizes the zip declares.
fn check_inflated_sizes(bytes: &[u8]) -> Result<(), (String, String)> {
    let unreadable = |e: &dyn std::fmt::Display| {
        (
            format!("bukan berkas Excel .xlsx yang terbaca: {e}"),
            format!("not a readable Excel .xlsx file: {e}"),
        )
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    if zip.len() > MAX_PARTS {
        return Err((
            format!(
                "berkas Excel berisi {} bagian; paling banyak {MAX_PARTS}",
                zip.len()
            ),
            format!(
                "the workbook holds {} parts; at most {MAX_PARTS} are accepted",
                zip.len()
            ),
        ));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| unreadable(&e))?;
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let read = std::io::copy(
            &mut (&mut part).take(MAX_PART_BYTES + 1),
            &mut std::io::sink(),
        )
        .map_err(|e| unreadable(&e))?;
        total += read;
        if read > MAX_PART_BYTES || total > MAX_INFLATED_BYTES {
            return Err((
                format!(
                    "bagian {name:?} berkas Excel terlalu besar setelah dibuka (lebih dari {} MB); pecah berkas menjadi beberapa",
                    MAX_PART_BYTES.min(MAX_INFLATED_BYTES) / (1024 * 1024)
                ),
                format!(
                    "the workbook's part {name:?} is too large once inflated (over {} MB); split the file",
                    MAX_PART_BYTES.min(MAX_INFLATED_BYTES) / (1024 * 1024)
                ),
            ));
        }
    }
    Ok(())
}

/// A cell as text, the way the CSV reader expects it.
fn text(cell: &DataRef<'_>) -> Result<String, (String, String)> {
    type Data<'a> = DataRef<'a>;
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::SharedString(s) => s.trim().to_string(),
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

/// A sheet's cells as CSV text, or the reason it was refused. Cells are kept by position only where they hold
/// something; the CSV written from them spans the cells that are there (as calamine's used range did).
fn sheet_text<R: Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    sheet: &str,
    name: &str,
    errors: &mut Vec<FieldError>,
) -> Result<Option<String>, (String, String)> {
    let unreadable = |e: &dyn std::fmt::Display| {
        (
            format!("lembar tidak terbaca: {e}"),
            format!("the sheet cannot be read: {e}"),
        )
    };
    let too_large = || {
        (
            format!(
                "lembar terlalu besar: paling banyak {MAX_ROWS} baris data dan {MAX_COLUMNS} kolom (sama dengan batas CSV)"
            ),
            format!(
                "the sheet is too large: at most {MAX_ROWS} data rows and {MAX_COLUMNS} columns (the CSV limits)"
            ),
        )
    };
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| unreadable(&e))?;
    let declared = reader.dimensions();
    // A declared range is a claim, not an allocation; it is refused early when it is already too large.
    // The header row comes on top of MAX_ROWS data rows.
    let (rows, columns) = (MAX_ROWS as u32, MAX_COLUMNS as u32);
    if declared.end.0.saturating_sub(declared.start.0) > rows
        || declared.end.1.saturating_sub(declared.start.1) >= columns
    {
        return Err(too_large());
    }
    let mut cells: std::collections::BTreeMap<(u32, u32), Result<String, (String, String)>> =
        std::collections::BTreeMap::new();
    let (mut min_row, mut min_col, mut max_row, mut max_col) = (u32::MAX, u32::MAX, 0, 0);
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
        let value = cell.get_value();
        if matches!(value, DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        (min_row, min_col) = (min_row.min(row), min_col.min(col));
        (max_row, max_col) = (max_row.max(row), max_col.max(col));
        if max_row - min_row > rows || max_col - min_col >= columns {
            return Err(too_large());
        }
        cells.insert((row, col), text(value));
    }
    if cells.is_empty() {
        return Ok(None);
    }
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let mut headers: Vec<String> = Vec::new();
    let width = (max_col - min_col + 1) as usize;
    for row in min_row..=max_row {
        let r = (row - min_row) as usize;
        let mut line = vec![String::new(); width];
        for ((_, col), cell) in cells.range((row, 0)..=(row, u32::MAX)) {
            let c = (col - min_col) as usize;
            match cell {
                Ok(t) => line[c].clone_from(t),
                Err((id, en)) => errors.push(problem(
                    name,
                    r + 1,
                    headers.get(c).cloned(),
                    id.clone(),
                    en.clone(),
                )),
            }
        }
        if r == 0 {
            headers.clone_from(&line);
        }
        out.write_record(&line).map_err(|e| unreadable(&e))?;
    }
    let bytes = out.into_inner().map_err(|e| unreadable(&e))?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| unreadable(&e))
}

/// The sheets of a workbook as CSV input, or every problem found reading it.
pub fn sheets(workbook: &str, bytes: Vec<u8>) -> Result<Vec<CsvFile>, Vec<FieldError>> {
    if let Err((id, en)) = check_inflated_sizes(&bytes) {
        return Err(vec![problem(workbook, 1, None, id, en)]);
    }
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
        let text = match sheet_text(&mut book, &sheet, &name, &mut errors) {
            Ok(Some(text)) => text,
            Ok(None) => continue,
            Err((id, en)) => {
                errors.push(problem(&name, 1, None, id, en));
                continue;
            }
        };
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
        files.push(CsvFile {
            name,
            text,
            kind: Some(kind),
        });
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use rust_xlsxwriter::Workbook;

    use super::*;

    /// A workbook with one sheet `rotation` holding a header cell and the given cells.
    fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("rotation").expect("name");
        sheet.write_string(0, 0, "agency_code").expect("write");
        for (row, col, text) in cells {
            sheet.write_string(*row, *col, *text).expect("write");
        }
        book.save_to_buffer().expect("save")
    }

    fn refusal(bytes: Vec<u8>) -> String {
        let errors = sheets("book.xlsx", bytes).expect_err("must be refused");
        errors
            .iter()
            .map(|e| e.message_en.clone())
            .collect::<Vec<_>>()
            .join("; ")
    }

    #[test]
    fn a_sparse_sheet_spanning_the_whole_grid_is_refused_without_allocating_it() {
        // A1 and XFD1048576: calamine's range for this sheet is 2^34 cells.
        let message = refusal(workbook(&[(1_048_575, 16_383, "x")]));
        assert!(message.contains("too large"), "{message}");
    }

    #[test]
    fn rows_and_columns_are_limited_like_csv_files_at_their_edges() {
        let last_row = MAX_ROWS as u32; // header + MAX_ROWS data rows
        let files = sheets("book.xlsx", workbook(&[(last_row, 0, "x")])).expect("on the limit");
        assert_eq!(files[0].text.lines().count(), MAX_ROWS + 1);
        let message = refusal(workbook(&[(last_row + 1, 0, "x")]));
        assert!(message.contains("at most 100000 data rows"), "{message}");

        let last_col = (MAX_COLUMNS - 1) as u16;
        let files = sheets("book.xlsx", workbook(&[(1, last_col, "x")])).expect("on the limit");
        assert_eq!(
            files[0].text.lines().next().map(|l| l.split(',').count()),
            Some(MAX_COLUMNS)
        );
        let message = refusal(workbook(&[(1, last_col + 1, "x")]));
        assert!(message.contains("64 columns"), "{message}");
    }

    fn zip_of(parts: &[(&str, usize)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let block = vec![b' '; 1024 * 1024];
        for (name, size) in parts {
            zip.start_file(*name, options).expect("part");
            let mut left = *size;
            while left > 0 {
                let n = left.min(block.len());
                zip.write_all(&block[..n]).expect("write");
                left -= n;
            }
        }
        zip.finish().expect("zip").into_inner()
    }

    #[test]
    fn a_part_that_inflates_past_its_limit_is_refused_before_calamine_reads_it() {
        let limit = usize::try_from(MAX_PART_BYTES).expect("fits");
        let bomb = zip_of(&[("xl/sharedStrings.xml", limit + 1)]);
        assert!(
            bomb.len() < 1024 * 1024,
            "compressed to {} bytes",
            bomb.len()
        );
        let message = refusal(bomb);
        assert!(message.contains("too large once inflated"), "{message}");
        // On the limit the part passes the size check (and is then refused as not a workbook).
        let message = refusal(zip_of(&[("xl/sharedStrings.xml", limit)]));
        assert!(!message.contains("too large"), "{message}");
        // All parts together are limited too.
        let third = usize::try_from(MAX_INFLATED_BYTES / 3).expect("fits");
        let message = refusal(zip_of(&[
            ("a.xml", third),
            ("b.xml", third),
            ("c.xml", third),
            ("d.xml", third),
        ]));
        assert!(message.contains("too large once inflated"), "{message}");
    }

    #[test]
    fn too_many_parts_are_refused() {
        let parts: Vec<(String, usize)> =
            (0..=MAX_PARTS).map(|i| (format!("p{i}.xml"), 1)).collect();
        let parts: Vec<(&str, usize)> = parts.iter().map(|(n, s)| (n.as_str(), *s)).collect();
        let message = refusal(zip_of(&parts));
        assert!(message.contains("parts"), "{message}");
    }
}
