//! Violations as CSV, the same columns for `pantau violations --format csv` and `GET /api/v1/violations` with
//! `Accept: text/csv`, so a spreadsheet built on one works with the other; and the explorer's view as CSV or
//! Excel, with the columns its table shows (agency name and province beside the codes).

use model::public::{CaseCounts, PublicCount, PublicData, CASE_COUNT_KEYS, COMPLAINT_STATUSES};
use model::recommendation::{ComplianceYear, Outcome};
use model::types::{CaseSummary, ExplorerRow};

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
    table_csv(
        &VIOLATION_COLUMNS,
        rows.iter().map(|v| {
            [
                v.id.to_string(),
                v.rule_id.clone(),
                v.severity.clone(),
                v.status.clone(),
                v.agency_code.clone(),
                v.record_kind.clone(),
                v.record_id.clone(),
                v.subject_nip.clone().unwrap_or_default(),
                v.event_date.clone(),
                v.legal_basis.clone(),
                v.message.clone(),
                v.message_en.clone(),
                v.active.to_string(),
                v.cleared_as_of.clone().unwrap_or_default(),
            ]
        }),
    )
}

/// The columns of the explorer's exports, in the table's order. These are for people (the API's CSV is for
/// machines): the rule also in words, in both languages (issue #16).
pub const EXPLORER_COLUMNS: [&str; 13] = [
    "id",
    "rule_id",
    "rule",
    "rule_en",
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

fn explorer_cells(v: &ExplorerRow) -> [String; 13] {
    [
        v.id.to_string(),
        v.rule_id.as_str().to_string(),
        v.rule_id.phrase(model::Lang::Id).to_string(),
        v.rule_id.phrase(model::Lang::En).to_string(),
        v.severity.as_str().to_string(),
        v.status.as_str().to_string(),
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
    table_csv(&EXPLORER_COLUMNS, rows.iter().map(explorer_cells))
}

/// The staff's case list as CSV: what the list shows, no personal name.
pub fn cases_csv(cases: &[CaseSummary]) -> Result<String, ExportError> {
    table_csv(
        &[
            "reference",
            "agency_code",
            "agency",
            "election",
            "position_level",
            "received_on",
            "status",
            "recommended_on",
            "deadline",
            "decided_on",
            "overdue",
        ],
        cases.iter().map(|c| {
            [
                c.reference.clone(),
                c.agency_code.clone(),
                c.agency_name.clone(),
                c.election.clone(),
                c.position_level.clone(),
                c.received_on.clone(),
                c.status.as_str().to_string(),
                c.recommended_on.clone().unwrap_or_default(),
                c.deadline.clone().unwrap_or_default(),
                c.decided_on.clone().unwrap_or_default(),
                c.overdue.to_string(),
            ]
        }),
    )
}

/// A header and rows as CSV text.
fn table_csv<R, C>(header: &[&str], rows: impl Iterator<Item = R>) -> Result<String, ExportError>
where
    R: IntoIterator<Item = C>,
    C: AsRef<[u8]>,
{
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| ExportError(e.to_string());
    out.write_record(header).map_err(fail)?;
    for row in rows {
        out.write_record(row).map_err(fail)?;
    }
    let bytes = out.into_inner().map_err(|e| ExportError(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError(e.to_string()))
}

/// A public count in a CSV cell: the number, or `<3` for a suppressed one.
fn count_cell(count: PublicCount) -> String {
    match count {
        PublicCount::Exact(n) => n.to_string(),
        PublicCount::Few => "<3".to_string(),
    }
}

/// One of the public downloads (`model::public::DOWNLOADS`) by file name; `None` for an unknown name. Column names
/// are English codes, values are codes (rule ids, statuses, categories), so that the files join with the API.
pub fn public_csv(data: &PublicData, file: &str) -> Option<Result<String, ExportError>> {
    let as_of = data.computed_at.as_str();
    Some(match file {
        "kemajuan-merit.csv" => table_csv(
            &[
                "group", "year", "good", "assessed", "total", "share", "as_of",
            ],
            data.progress.iter().flat_map(|g| {
                g.years.iter().map(|y| {
                    [
                        g.group.clone(),
                        y.year.to_string(),
                        y.good.to_string(),
                        y.assessed.to_string(),
                        y.total.to_string(),
                        y.share.to_string(),
                        as_of.to_string(),
                    ]
                })
            }),
        ),
        "merit-provinsi.csv" => table_csv(
            &[
                "province_code",
                "province",
                "good",
                "assessed",
                "total",
                "share",
                "as_of",
            ],
            data.provinces.iter().map(|p| {
                [
                    p.code.clone(),
                    p.name.clone(),
                    p.good.to_string(),
                    p.assessed.to_string(),
                    p.total.to_string(),
                    p.share.to_string(),
                    as_of.to_string(),
                ]
            }),
        ),
        "pelanggaran-triwulan.csv" => table_csv(
            &["quarter", "rule_id", "violations", "as_of"],
            data.rule_quarters.iter().map(|r| {
                [
                    r.quarter.clone(),
                    r.rule.clone(),
                    count_cell(r.count),
                    as_of.to_string(),
                ]
            }),
        ),
        "pengaduan-netralitas.csv" => {
            let header: Vec<&str> = ["year"]
                .into_iter()
                .chain(COMPLAINT_STATUSES.map(|s| s.as_str()))
                .chain(["as_of"])
                .collect();
            table_csv(
                &header,
                data.complaints.iter().map(|y| {
                    std::iter::once(y.year.to_string())
                        .chain(y.counts.iter().map(|c| count_cell(*c)))
                        .chain([as_of.to_string()])
                        .collect::<Vec<_>>()
                }),
            )
        }
        "statistik-netralitas.csv" => {
            // One table for the three breakdowns: `dimension` says which (`election` rows also have a year).
            let stats = &data.complaint_stats;
            let header: Vec<&str> = ["dimension", "group", "year"]
                .into_iter()
                .chain(CASE_COUNT_KEYS)
                .chain(["as_of"])
                .collect();
            let row =
                |dimension: &str, group: &str, year: String, counts: &CaseCounts<PublicCount>| {
                    [dimension.to_string(), group.to_string(), year]
                        .into_iter()
                        .chain(counts.values().into_iter().map(count_cell))
                        .chain([as_of.to_string()])
                        .collect::<Vec<_>>()
                };
            let elections = stats
                .by_election
                .iter()
                .map(|e| row("election", &e.election, e.year.to_string(), &e.counts));
            let positions = stats
                .by_position
                .iter()
                .map(|g| row("position_level", &g.key, String::new(), &g.counts));
            let types = stats
                .by_type
                .iter()
                .map(|g| row("violation_type", &g.key, String::new(), &g.counts));
            table_csv(&header, elections.chain(positions).chain(types))
        }
        "tindak-lanjut-rekomendasi.csv" => {
            let header = compliance_header(&["year"]);
            table_csv(
                &header,
                data.compliance.iter().map(|y| {
                    std::iter::once(y.year.to_string())
                        .chain(std::iter::once(count_cell(y.due)))
                        .chain(y.outcomes.iter().map(|c| count_cell(*c)))
                        .chain([rate_cell(y.rate), as_of.to_string()])
                        .collect::<Vec<_>>()
                }),
            )
        }
        "instansi.csv" => table_csv(
            &[
                "agency_code",
                "name",
                "kind",
                "province_code",
                "merit_year",
                "merit_score",
                "merit_category",
                "rule_id",
                "status",
                "violations",
                "as_of",
            ],
            data.agencies.iter().flat_map(|a| {
                let standing = a.standing();
                let merit = [
                    standing.map(|m| m.year.to_string()).unwrap_or_default(),
                    standing
                        .and_then(|m| m.verified_score)
                        .map(|s| format!("{s:.1}"))
                        .unwrap_or_default(),
                    standing
                        .and_then(|m| m.category.clone())
                        .unwrap_or_default(),
                ];
                let head = [
                    a.code.clone(),
                    a.name.clone(),
                    a.kind.as_str().to_string(),
                    a.province_code.clone().unwrap_or_default(),
                ];
                // One row per rule and status; an agency without violations still has its merit row.
                let violations: Vec<[String; 3]> = if a.violations.is_empty() {
                    vec![[String::new(), String::new(), "0".to_string()]]
                } else {
                    a.violations
                        .iter()
                        .map(|v| [v.rule.clone(), v.status.clone(), count_cell(v.count)])
                        .collect()
                };
                violations.into_iter().map(move |v| {
                    head.iter()
                        .chain(merit.iter())
                        .chain(v.iter())
                        .cloned()
                        .chain([as_of.to_string()])
                        .collect::<Vec<_>>()
                })
            }),
        ),
        _ => return None,
    })
}

/// The columns of the compliance figures after `first`: due, one per outcome, the follow-up rate, as of.
fn compliance_header<'a>(first: &[&'a str]) -> Vec<&'a str> {
    first
        .iter()
        .copied()
        .chain(["due"])
        .chain(Outcome::ALL.iter().map(|o| o.as_str()))
        .chain(["follow_up_rate", "as_of"])
        .collect()
}

/// A share as a fraction with four decimals (`0.5312`), empty when there is none.
fn rate_cell(rate: Option<f64>) -> String {
    rate.map(|r| format!("{r:.4}")).unwrap_or_default()
}

/// Every agency's compliance figures per year of the due date, then the national totals (`agency_code` empty),
/// for staff (`/ekspor/rekomendasi.csv`): exact counts.
pub fn compliance_csv(
    by_agency: &[(String, String, Vec<ComplianceYear<i64>>)],
    national: &[ComplianceYear<i64>],
    as_of: &str,
) -> Result<String, ExportError> {
    let header = compliance_header(&["agency_code", "agency", "year"]);
    let row = |code: &str, name: &str, y: &ComplianceYear<i64>| {
        [
            code.to_string(),
            name.to_string(),
            y.year.to_string(),
            y.due.to_string(),
        ]
        .into_iter()
        .chain(y.outcomes.iter().map(i64::to_string))
        .chain([rate_cell(y.rate), as_of.to_string()])
        .collect::<Vec<_>>()
    };
    let agencies = by_agency
        .iter()
        .flat_map(|(code, name, years)| years.iter().map(move |y| row(code, name, y)));
    let totals = national.iter().map(|y| row("", "", y));
    table_csv(&header, agencies.chain(totals))
}

/// The silent agencies (issue #19) in the list's order: code, name, kind, province, last accepted submission,
/// days silent (empty: never reported), accepted, refused, and the list's date and threshold.
pub fn silent_csv(list: &model::types::SilentList) -> Result<String, ExportError> {
    let header = [
        "agency_code",
        "agency",
        "kind",
        "province_code",
        "last_accepted",
        "days_silent",
        "accepted",
        "refused",
        "as_of",
        "silent_days",
    ];
    let rows = list.agencies.iter().map(|a| {
        [
            a.code.clone(),
            a.name.clone(),
            a.kind.as_str().to_string(),
            a.province_code.clone().unwrap_or_default(),
            a.last_accepted.clone().unwrap_or_default(),
            a.days_silent.map(|d| d.to_string()).unwrap_or_default(),
            a.accepted.to_string(),
            a.refused.to_string(),
            list.as_of.clone(),
            list.threshold.to_string(),
        ]
    });
    table_csv(&header, rows)
}

/// The columns of the signals' exports (issue #20).
const SIGNAL_COLUMNS: [&str; 11] = [
    "id",
    "kind",
    "agency_code",
    "first_date",
    "last_date",
    "count",
    "records",
    "explanation",
    "explanation_en",
    "explained",
    "explained_note",
];

/// One signal as its export's cells: the evidence as `kind:id` joined by spaces.
fn signal_cells(s: &model::types::SignalItem) -> [String; 11] {
    [
        s.id.to_string(),
        s.kind.clone(),
        s.agency_code.clone(),
        s.first_date.clone(),
        s.last_date.clone(),
        s.count.to_string(),
        s.records
            .iter()
            .map(|r| format!("{}:{}", r.kind, r.id))
            .collect::<Vec<_>>()
            .join(" "),
        s.explanation.clone(),
        s.explanation_en.clone(),
        s.explained.to_string(),
        s.explained_note.clone().unwrap_or_default(),
    ]
}

/// Signals (issue #20) as listed, as CSV.
pub fn signals_csv(list: &[model::types::SignalItem]) -> Result<String, ExportError> {
    table_csv(&SIGNAL_COLUMNS, list.iter().map(signal_cells))
}

/// The same signals as an Excel workbook (ids and counts as numbers, the rest as text).
pub fn signals_xlsx(list: &[model::types::SignalItem]) -> Result<Vec<u8>, ExportError> {
    let rows = list.iter().map(|s| {
        (0..)
            .zip(signal_cells(s))
            .map(|(col, text)| match col {
                0 => Cell::Number(s.id as f64),
                5 => Cell::Number(s.count as f64),
                _ => Cell::Text(text),
            })
            .collect()
    });
    workbook("sinyal", &SIGNAL_COLUMNS, rows)
}

/// One cell of a workbook.
enum Cell {
    Number(f64),
    Text(String),
}

/// A workbook of one sheet: a bold header row of `columns`, then `rows`, the header frozen.
fn workbook(
    name: &str,
    columns: &[&str],
    rows: impl Iterator<Item = Vec<Cell>>,
) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| ExportError(e.to_string());
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(fail)?;
    for (col, title) in (0u16..).zip(columns) {
        sheet
            .write_string_with_format(0, col, *title, &bold)
            .map_err(fail)?;
    }
    for (row, cells) in (1u32..).zip(rows) {
        for (col, cell) in (0u16..).zip(cells) {
            match cell {
                Cell::Number(n) => sheet.write_number(row, col, n),
                Cell::Text(text) => sheet.write_string(row, col, text),
            }
            .map_err(fail)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

/// The same rows as an Excel workbook: one sheet, a bold header row, the id as a number, the rest as text (so
/// that codes like `3273` keep their form).
pub fn explorer_xlsx(rows: &[ExplorerRow]) -> Result<Vec<u8>, ExportError> {
    let rows = rows.iter().map(|v| {
        let mut cells = vec![Cell::Number(v.id as f64)];
        cells.extend(explorer_cells(v).into_iter().skip(1).map(Cell::Text));
        cells
    });
    workbook("pelanggaran", &EXPLORER_COLUMNS, rows)
}
