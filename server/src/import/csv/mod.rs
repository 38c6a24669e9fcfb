//! CSV input (reports.md, "Other ways in"): one file per kind, one row per record, nested fields flattened as
//! `position.title`. A selection's committee and candidates come as two more files keyed by `selection_id`.
//!
//! CSV files are turned into the same `pantau.report.v1` batch a JSON sender would make, so the one validator
//! checks both; its errors (JSON pointers) are then mapped back to file, row and column. Every file has the
//! columns `agency_code` and `id` (the committee and candidate files `agency_code` and `selection_id`); the
//! files given together form one batch per agency code. The kind is named by the file name: `<kind>.csv` or
//! `<kind>-<anything>.csv`, e.g. `rotation-2024.csv`, `selection_committee.csv`.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::validate::FieldError;

mod columns;
use crate::domain::records::SCHEMA_V1;
use columns::{columns_of, CHILD_FILES};
pub use columns::{kind_of_file, Cell, FILES};

/// The most data rows one file (or sheet) may have: a clerk's largest real file is a few thousand rows, and a
/// 10 MB upload of short rows is about 60,000. A larger export goes in parts.
pub const MAX_ROWS: usize = 100_000;
/// The most columns a file or sheet may span; the widest kind has 15.
pub const MAX_COLUMNS: usize = 64;

pub use crate::domain::field_error::Location;

/// One CSV file as read (or one sheet of a workbook).
#[derive(Clone, Debug)]
pub struct CsvFile {
    pub name: String,
    pub text: String,
    /// The kind when it is not told by the name (a workbook's sheet).
    pub kind: Option<&'static str>,
}

impl CsvFile {
    pub fn new(name: String, text: String) -> CsvFile {
        CsvFile {
            name,
            text,
            kind: None,
        }
    }

    /// A file as sent: it must be UTF-8 (as Excel's "CSV UTF-8" saves it). Other bytes are refused with the row
    /// and byte offset of the first bad byte, instead of being silently replaced (issue #14).
    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<CsvFile, Vec<FieldError>> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(CsvFile::new(name, text)),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let bytes = e.as_bytes();
                let bad = bytes.get(offset).copied().unwrap_or_default();
                let row = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
                Err(vec![problem(
                    Location {
                        file: name,
                        row,
                        column: None,
                    },
                    format!(
                        "berkas bukan UTF-8: bita ke-{offset} (0x{bad:02X}) tidak sah; simpan ulang sebagai \"CSV UTF-8\""
                    ),
                    format!(
                        "the file is not UTF-8: byte {offset} (0x{bad:02X}) is invalid; save it again as \"CSV UTF-8\""
                    ),
                )])
            }
        }
    }
}

/// A batch made from CSV files, with where each record (and each committee member and candidate) came from.
#[derive(Clone, Debug)]
pub struct CsvBatch {
    pub agency_code: String,
    pub document: Value,
    /// The files the batch was made from, for messages.
    pub files: Vec<String>,
    records: Vec<(String, usize)>,
    children: HashMap<(usize, &'static str), Vec<(String, usize)>>,
}

fn problem(location: Location, message: String, message_en: String) -> FieldError {
    FieldError {
        index: None,
        id: None,
        pointer: String::new(),
        message,
        message_en,
        location: Some(location),
        omitted: None,
    }
}

/// One parsed row: its number and cells by header.
struct Row {
    number: usize,
    cells: BTreeMap<String, String>,
}

/// Reads a file's header and rows; unknown, duplicate or missing key columns are errors naming the file.
fn read(file: &CsvFile, kind: &str, errors: &mut Vec<FieldError>) -> Vec<Row> {
    let at = |row: usize, column: Option<&str>| Location {
        file: file.name.clone(),
        row,
        column: column.map(str::to_string),
    };
    let key = if CHILD_FILES.iter().any(|(k, _)| *k == kind) {
        "selection_id"
    } else {
        "id"
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(false)
        .trim(::csv::Trim::All)
        .from_reader(file.text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => {
            errors.push(problem(
                at(1, None),
                format!("baris judul tidak terbaca: {e}"),
                format!("the header row cannot be read: {e}"),
            ));
            return Vec::new();
        }
    };
    let known: Vec<&str> = ["agency_code", key]
        .into_iter()
        .chain(columns_of(kind).iter().map(|(c, _)| *c))
        .collect();
    let mut ok = true;
    for (i, header) in headers.iter().enumerate() {
        if !known.contains(&header.as_str()) {
            ok = false;
            errors.push(problem(
                at(1, Some(header)),
                format!(
                    "kolom {header:?} tidak dikenal untuk {kind}; kolom yang sah: {}",
                    known.join(", ")
                ),
                format!(
                    "unknown column {header:?} for {kind}; the columns are: {}",
                    known.join(", ")
                ),
            ));
        } else if headers[..i].contains(header) {
            ok = false;
            errors.push(problem(
                at(1, Some(header)),
                format!("kolom {header:?} muncul dua kali"),
                format!("column {header:?} appears twice"),
            ));
        }
    }
    for required in ["agency_code", key] {
        if !headers.iter().any(|h| h == required) {
            ok = false;
            errors.push(problem(
                at(1, Some(required)),
                format!("kolom {required:?} wajib ada"),
                format!("the column {required:?} is required"),
            ));
        }
    }
    if !ok {
        return Vec::new();
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let number = i + 2;
        if i >= MAX_ROWS {
            errors.push(problem(
                at(number, None),
                format!("berkas lebih dari {MAX_ROWS} baris data; kirim dalam beberapa berkas"),
                format!("the file has more than {MAX_ROWS} data rows; send it in parts"),
            ));
            break;
        }
        match record {
            Ok(record) => rows.push(Row {
                number,
                cells: headers
                    .iter()
                    .cloned()
                    .zip(record.iter().map(str::to_string))
                    .collect(),
            }),
            Err(e) => errors.push(problem(
                at(number, None),
                format!("baris tidak terbaca: {e}"),
                format!("the row cannot be read: {e}"),
            )),
        }
    }
    rows
}

/// The JSON value of one cell, or an error message pair.
fn cell_value(text: &str, cell: Cell) -> Result<Option<Value>, (String, String)> {
    if text.is_empty() {
        return Ok(match cell {
            Cell::NullableText | Cell::NullableInteger => Some(Value::Null),
            _ => None,
        });
    }
    let number_error = || {
        (
            format!("{text:?} bukan angka"),
            format!("{text:?} is not a number"),
        )
    };
    Ok(Some(match cell {
        Cell::Text | Cell::NullableText => Value::String(text.to_string()),
        Cell::Bool => match text.to_lowercase().as_str() {
            "true" | "ya" | "1" => Value::Bool(true),
            "false" | "tidak" | "0" => Value::Bool(false),
            _ => {
                return Err((
                    format!("{text:?} harus true/false (ya/tidak)"),
                    format!("{text:?} must be true or false"),
                ))
            }
        },
        Cell::Integer | Cell::NullableInteger => {
            Value::from(text.parse::<i64>().map_err(|_| number_error())?)
        }
        Cell::Number => serde_json::Number::from_f64(
            text.replace(',', ".")
                .parse::<f64>()
                .map_err(|_| number_error())?,
        )
        .map(Value::Number)
        .ok_or_else(number_error)?,
        Cell::NipList => Value::Array(
            text.split([' ', ',', ';'])
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        ),
    }))
}

/// A record (or committee member, candidate) object from a row's cells.
fn object_of(
    kind: &str,
    row: &Row,
    file: &str,
    errors: &mut Vec<FieldError>,
) -> Map<String, Value> {
    let mut object = Map::new();
    let mut groups: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for &(column, cell) in columns_of(kind) {
        let Some(text) = row.cells.get(column) else {
            continue;
        };
        match cell_value(text, cell) {
            Ok(None) => {}
            Ok(Some(value)) => match column.split_once('.') {
                Some((group, field)) => {
                    groups
                        .entry(group)
                        .or_default()
                        .insert(field.to_string(), value);
                }
                None => {
                    object.insert(column.to_string(), value);
                }
            },
            Err((message, message_en)) => errors.push(problem(
                Location {
                    file: file.to_string(),
                    row: row.number,
                    column: Some(column.to_string()),
                },
                message,
                message_en,
            )),
        }
    }
    for (group, fields) in groups {
        object.insert(group.to_string(), Value::Object(fields));
    }
    // A rotation that removed the official from JPT has no `to_position` cells: null, not missing.
    if kind == "rotation" && !object.contains_key("to_position") {
        object.insert("to_position".into(), Value::Null);
    }
    object
}

/// Turns CSV files into batches, one per agency code. Errors here are about the files themselves (kind, columns,
/// unreadable cells, a committee row of an unknown selection); the batches are then validated as JSON batches.
pub fn batches(files: &[CsvFile]) -> Result<Vec<CsvBatch>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut out: BTreeMap<String, CsvBatch> = BTreeMap::new();
    let mut children: Vec<(&str, &'static str, String, Row)> = Vec::new();
    for file in files {
        let Some(kind) = file.kind.or_else(|| kind_of_file(&file.name)) else {
            let kinds: Vec<&str> = FILES.iter().map(|(k, _)| *k).collect();
            errors.push(problem(
                Location { file: file.name.clone(), row: 1, column: None },
                format!("jenis rekaman tidak dikenali dari nama berkas; beri nama <jenis>.csv, jenis: {}", kinds.join(", ")),
                format!("the kind cannot be told from the file name; name it <kind>.csv, kinds: {}", kinds.join(", ")),
            ));
            continue;
        };
        for row in read(file, kind, &mut errors) {
            let agency = row.cells.get("agency_code").cloned().unwrap_or_default();
            if let Some((_, array)) = CHILD_FILES.iter().find(|(k, _)| *k == kind) {
                children.push((kind, array, file.name.clone(), row));
                continue;
            }
            let mut object = object_of(kind, &row, &file.name, &mut errors);
            object.insert("kind".into(), Value::String(kind.to_string()));
            object.insert(
                "id".into(),
                Value::String(row.cells.get("id").cloned().unwrap_or_default()),
            );
            let batch = out.entry(agency.clone()).or_insert_with(|| CsvBatch {
                agency_code: agency.clone(),
                document: serde_json::json!({"schema": SCHEMA_V1, "agency_code": agency, "records": []}),
                files: Vec::new(),
                records: Vec::new(),
                children: HashMap::new(),
            });
            if !batch.files.contains(&file.name) {
                batch.files.push(file.name.clone());
            }
            if let Some(records) = batch.document["records"].as_array_mut() {
                records.push(Value::Object(object));
            }
            batch.records.push((file.name.clone(), row.number));
        }
    }
    for (kind, array, file, row) in children {
        let agency = row.cells.get("agency_code").cloned().unwrap_or_default();
        let selection = row.cells.get("selection_id").cloned().unwrap_or_default();
        let object = object_of(kind, &row, &file, &mut errors);
        let target = out.get_mut(&agency).and_then(|batch| {
            let records = batch.document["records"].as_array_mut()?;
            let index = records
                .iter()
                .position(|r| r["kind"] == "selection" && r["id"] == selection.as_str())?;
            Some((batch, index))
        });
        let Some((batch, index)) = target else {
            errors.push(problem(
                Location { file: file.clone(), row: row.number, column: Some("selection_id".into()) },
                format!("seleksi {selection:?} instansi {agency:?} tidak ada dalam selection.csv yang dikirim"),
                format!("selection {selection:?} of agency {agency:?} is not in the selection file sent with it"),
            ));
            continue;
        };
        if let Some(items) = batch.document["records"][index]
            .as_object_mut()
            .map(|r| r.entry(array).or_insert_with(|| Value::Array(Vec::new())))
            .and_then(Value::as_array_mut)
        {
            items.push(Value::Object(object));
        }
        if !batch.files.contains(&file) {
            batch.files.push(file.clone());
        }
        batch
            .children
            .entry((index, array))
            .or_default()
            .push((file, row.number));
    }
    if errors.is_empty() {
        Ok(out.into_values().collect())
    } else {
        Err(errors)
    }
}

impl CsvBatch {
    /// Adds file, row and column to the validator's errors of this batch (pointers stay, for reference).
    pub fn locate(&self, errors: Vec<FieldError>) -> Vec<FieldError> {
        errors
            .into_iter()
            .map(|mut error| {
                error.location = Some(self.location_of(&error.pointer));
                error
            })
            .collect()
    }

    fn location_of(&self, pointer: &str) -> Location {
        let first = self.records.first().cloned().unwrap_or_default();
        let parts: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
        let (file, row, column) = match parts.as_slice() {
            ["records", i, rest @ ..] => match (i.parse::<usize>().ok(), rest) {
                (Some(i), [array @ ("committee" | "candidates"), j, field @ ..]) => {
                    let child = j.parse::<usize>().ok().and_then(|j| {
                        self.children
                            .get(&(
                                i,
                                if *array == "committee" {
                                    "committee"
                                } else {
                                    "candidates"
                                },
                            ))?
                            .get(j)
                            .cloned()
                    });
                    let (file, row) = child
                        .or_else(|| self.records.get(i).cloned())
                        .unwrap_or(first);
                    (file, row, Some(field.join(".")).filter(|f| !f.is_empty()))
                }
                (Some(i), rest) => {
                    let (file, row) = self.records.get(i).cloned().unwrap_or(first);
                    // `participants/2` is a NIP inside the participants cell.
                    let column = rest
                        .iter()
                        .take_while(|p| p.parse::<usize>().is_err())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(".");
                    (file, row, Some(column).filter(|c| !c.is_empty()))
                }
                (None, _) => (first.0, first.1, None),
            },
            ["agency_code"] => (first.0, first.1, Some("agency_code".to_string())),
            _ => (first.0, first.1, None),
        };
        Location { file, row, column }
    }
}

#[cfg(test)]
mod tests;
