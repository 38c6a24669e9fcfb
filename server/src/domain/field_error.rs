//! The problems of a refused batch: one [`FieldError`] each, and the cap on how many a refusal lists and stores
//! (issue #14: a million empty records came back as a 213 MB answer and were stored as one row).

use serde::Serialize;

/// One problem in a batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The record's position in `records`, or `None` for the batch itself.
    pub index: Option<usize>,
    /// The record's `id` when it had a readable one.
    pub id: Option<String>,
    /// The field, e.g. `/records/3/candidates/1/nip`.
    pub pointer: String,
    /// In Indonesian, the clerks' language.
    pub message: String,
    pub message_en: String,
    /// File, row and column, when the batch came as CSV.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Only on the last entry of a capped list: how many more errors there were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub omitted: Option<usize>,
}

impl FieldError {
    /// A batch whose text is not JSON at all, with the parser's reason (line and column), in both languages: the
    /// one error of such a batch, from `pantau import`, the API and the upload page alike.
    pub fn not_json(reason: impl std::fmt::Display) -> FieldError {
        FieldError {
            index: None,
            id: None,
            pointer: String::new(),
            message: format!("bukan JSON yang sah: {reason}"),
            message_en: format!("not valid JSON: {reason}"),
            location: None,
            omitted: None,
        }
    }

    /// A problem with one field of the batch's record at `index` found after validation (by a check that needs
    /// the database), in both languages.
    pub fn on_record(
        (index, id): (usize, &str),
        field: &str,
        message: String,
        message_en: String,
    ) -> FieldError {
        FieldError {
            index: Some(index),
            id: Some(id.to_string()),
            pointer: format!("/records/{index}/{field}"),
            message,
            message_en,
            location: None,
            omitted: None,
        }
    }
}

/// Where in the CSV input a problem is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Location {
    pub file: String,
    /// 1-based, the header being row 1 (as a spreadsheet numbers them).
    pub row: usize,
    /// The column's header, when the problem is in one cell.
    pub column: Option<String>,
}

/// How many errors a (possibly capped) list stands for.
pub fn total_errors(errors: &[FieldError]) -> usize {
    errors.iter().map(|e| e.omitted.unwrap_or(1)).sum()
}

/// The most errors a refusal lists (issue #14: a million empty records came back as a 213 MB answer and were
/// stored as one row). The rest are counted in a last entry, "and N more".
pub const MAX_ERRORS: usize = 1_000;
/// The longest field text an error repeats (a pointer names a key the sender chose, which may be huge).
const MAX_ERROR_TEXT: usize = 300;

/// The errors found so far: the first [`MAX_ERRORS`] of them, and how many more there were.
#[derive(Default)]
pub(crate) struct Errors {
    pub(crate) list: Vec<FieldError>,
    pub(crate) omitted: usize,
}

impl Errors {
    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
    pub(crate) fn into_list(self) -> Vec<FieldError> {
        let Errors { mut list, omitted } = self;
        if omitted > 0 {
            list.push(more_errors(omitted));
        }
        list
    }
}

/// The last entry of a capped list.
fn more_errors(omitted: usize) -> FieldError {
    FieldError {
        index: None,
        id: None,
        pointer: String::new(),
        message: format!(
            "… dan {omitted} galat lainnya (hanya {MAX_ERRORS} pertama yang dicantumkan)"
        ),
        message_en: format!("… and {omitted} more errors (only the first {MAX_ERRORS} are listed)"),
        location: None,
        omitted: Some(omitted),
    }
}

fn clip(text: &mut String) {
    if text.len() > MAX_ERROR_TEXT {
        let mut end = MAX_ERROR_TEXT;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
    }
}

/// Caps any list of errors (CSV and workbook problems too) the same way, and clips texts that echo input.
pub fn cap_errors(mut errors: Vec<FieldError>) -> Vec<FieldError> {
    let already_capped = errors.iter().any(|e| e.omitted.is_some());
    if errors.len() > MAX_ERRORS && !already_capped {
        let omitted = errors.len() - MAX_ERRORS;
        errors.truncate(MAX_ERRORS);
        errors.push(more_errors(omitted));
    }
    for e in &mut errors {
        clip(&mut e.pointer);
        clip(&mut e.message);
        clip(&mut e.message_en);
        if let Some(id) = &mut e.id {
            clip(id);
        }
        if let Some(location) = &mut e.location {
            clip(&mut location.file);
            if let Some(column) = &mut location.column {
                clip(column);
            }
        }
    }
    errors
}
