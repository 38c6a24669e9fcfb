//! Silent agencies (issue #19): an agency that never reports has no violations and looks clean. The scorecard's
//! data-quality section (`activity`), the analysts' national list of agencies silent for more than
//! `reporting.silent_days` or never reported (`silent`), and its count on the public summary (`silent_count`).

use model::types::{ReportingActivity, SilentAgency, SilentList};

use crate::db::{AgencyActivity, Db};
use crate::domain::reporting::{self, days_silent, is_silent};
use crate::domain::Date;
use crate::service::evaluation::EvaluationError;

/// The day of a stored timestamp, if it is one.
fn day_of(at: Option<&str>) -> Option<Date> {
    at.and_then(|a| Date::parse(a.get(..10)?).ok())
}

/// One agency's reporting as of `today`.
pub async fn activity(
    db: &Db,
    code: &str,
    today: Date,
) -> Result<ReportingActivity, EvaluationError> {
    let threshold = super::parameters::in_force(db).await?.silent_days;
    let history = db.submission_history(code).await?;
    let last = history
        .iter()
        .filter(|(_, accepted)| *accepted)
        .map(|(at, _)| at.as_str())
        .next_back();
    let refused = history.iter().filter(|(_, accepted)| !accepted).count();
    let records = db.records_of_agency(code).await?;
    let parsed: Vec<(String, serde_json::Value)> = records
        .into_iter()
        .filter_map(|(kind, content)| Some((kind, serde_json::from_str(&content).ok()?)))
        .collect();
    Ok(ReportingActivity {
        quarters: reporting::quarters(history.iter().map(|(at, ok)| (at.as_str(), *ok))),
        last_accepted: day_of(last).map(|d| d.to_string()),
        refused_share: if history.is_empty() {
            0.0
        } else {
            refused as f64 / history.len() as f64
        },
        records: reporting::records_per_kind_year(parsed.iter().map(|(k, v)| (k.as_str(), v))),
        silent: is_silent(day_of(last), today, threshold),
        silent_days: threshold,
    })
}

/// How the national list is ordered (`?sort=` of `/instansi-senyap`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SilentSort {
    /// Longest silent first; never reported before all.
    #[default]
    Days,
    Code,
    Name,
    /// Most refused submissions first.
    Refused,
}

impl SilentSort {
    pub fn parse(text: &str) -> SilentSort {
        match text {
            "code" => SilentSort::Code,
            "name" => SilentSort::Name,
            "refused" => SilentSort::Refused,
            _ => SilentSort::Days,
        }
    }
}

fn silent_of(a: AgencyActivity, today: Date) -> SilentAgency {
    let last = day_of(a.last_accepted.as_deref());
    SilentAgency {
        code: a.code,
        name: a.name,
        kind: a.kind,
        province_code: a.province_code,
        last_accepted: last.map(|d| d.to_string()),
        days_silent: days_silent(last, today),
        accepted: a.accepted,
        refused: a.refused,
    }
}

/// The agencies silent as of `today`: no accepted report for more than `reporting.silent_days` days, or none ever.
pub async fn silent(db: &Db, sort: SilentSort, today: Date) -> Result<SilentList, EvaluationError> {
    let threshold = super::parameters::in_force(db).await?.silent_days;
    let mut agencies: Vec<SilentAgency> = db
        .reporting_activity()
        .await?
        .into_iter()
        .filter(|a| is_silent(day_of(a.last_accepted.as_deref()), today, threshold))
        .map(|a| silent_of(a, today))
        .collect();
    match sort {
        // `None` (never) sorts before every number once reversed: longest silence first.
        SilentSort::Days => agencies.sort_by(|a, b| {
            let key = |x: &SilentAgency| x.days_silent.map_or(i64::MAX, |d| d);
            key(b).cmp(&key(a)).then_with(|| a.code.cmp(&b.code))
        }),
        SilentSort::Code => agencies.sort_by(|a, b| a.code.cmp(&b.code)),
        SilentSort::Name => agencies.sort_by(|a, b| a.name.cmp(&b.name)),
        SilentSort::Refused => {
            agencies.sort_by(|a, b| b.refused.cmp(&a.refused).then_with(|| a.code.cmp(&b.code)))
        }
    }
    Ok(SilentList {
        threshold,
        as_of: today.to_string(),
        agencies,
    })
}

/// How many agencies are silent as of `today` (the public summary's sentence), with the threshold in days.
pub async fn silent_count(db: &Db, today: Date) -> Result<(i64, i32), EvaluationError> {
    let list = silent(db, SilentSort::Code, today).await?;
    Ok((list.agencies.len() as i64, list.threshold))
}
