//! Running the rules over stored data: load the parameters and records, decode them with the import's parser,
//! run the pure rules per agency (`crate::rules`), and store the outcome. Used by `pantau evaluate`,
//! `POST /api/v1/evaluate`, after every accepted batch (for that agency only), and read-only for "as of" views.

use std::collections::{BTreeMap, HashMap};

use model::types::Agency;
use serde::Serialize;

use crate::db::compact;
use crate::db::{
    key_text, Db, KeyText, Outcome, RuleCounts, RuleRecord, ViolationFilter, ViolationRow,
};
use crate::domain::Date;
use crate::rules::lifecycle::Status;
use crate::rules::neutrality::FormCase;
use crate::rules::{evaluate as evaluate_agency, AgencyRecords, RuleId, Violation};

pub use super::error::EvaluationError;

/// Which agencies an evaluation covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope<'a> {
    All,
    Agency(&'a str),
}

impl<'a> Scope<'a> {
    fn code(self) -> Option<&'a str> {
        match self {
            Scope::All => None,
            Scope::Agency(code) => Some(code),
        }
    }
}

/// The violation filter of the command line and the API, from text; unknown rule ids and statuses are refused
/// (they are typos) with the list of valid ones.
pub fn parse_filter(
    agency: Option<String>,
    rule: Option<&str>,
    status: Option<&str>,
) -> Result<ViolationFilter, EvaluationError> {
    let rule = match rule.filter(|r| !r.is_empty()) {
        None => None,
        Some(r) => Some(RuleId::parse(r).ok_or_else(|| {
            let ids: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
            EvaluationError::Filter(format!(
                "unknown rule {r:?}; expected one of {}",
                ids.join(", ")
            ))
        })?),
    };
    let status = match status.filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(Status::parse(s).ok_or_else(|| {
            EvaluationError::Filter(format!(
                "unknown status {s:?}; expected one of {}",
                Status::expected()
            ))
        })?),
    };
    Ok(ViolationFilter {
        agency: agency.filter(|a| !a.is_empty()),
        rule,
        status,
        ..ViolationFilter::default()
    })
}

/// One line of an evaluation's summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RuleSummary {
    pub rule_id: &'static str,
    pub severity: &'static str,
    #[serde(flatten)]
    pub counts: RuleCounts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Summary {
    pub as_of: String,
    pub agencies: usize,
    pub records: usize,
    /// Every rule, in catalogue order, also those with nothing flagged.
    pub rules: Vec<RuleSummary>,
}

/// What the rules found in a scope: the violations and the signals (issue #20), over how many agencies and records.
pub struct Found {
    pub violations: Vec<Violation>,
    pub signals: Vec<crate::rules::signals::Signal>,
    /// What the peer comparison counts of each agency with records (issue #20).
    pub figures: Vec<crate::domain::peers::AgencyFigures>,
    pub agencies: usize,
    pub records: usize,
}

/// Every violation and signal in `scope` as of `as_of`, computed and not stored. `progress` is called with the
/// number of agencies done and the total. Signals use the parameters in force on `as_of`.
pub async fn compute(
    db: &Db,
    scope: Scope<'_>,
    as_of: Date,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<Found, EvaluationError> {
    let params = super::parameters::timeline(db).await?;
    let code = scope.code();
    // Retired agencies too: their records are still judged.
    let agencies: HashMap<String, Agency> = match code {
        Some(code) => db.agency(code).await?.into_iter().collect::<Vec<_>>(),
        None => db.all_agencies().await?,
    }
    .into_iter()
    .map(|a| (a.code.clone(), a))
    .collect();
    let started = std::time::Instant::now();
    let mut by_agency: BTreeMap<String, AgencyRecords> = BTreeMap::new();
    // Agencies whose bundle was stale: their records' compact forms, written back as the bundle at the end.
    let mut rebundle: HashMap<(String, i64), Vec<Vec<u8>>> = HashMap::new();
    let mut record_count = 0;
    db.each_rule_record(code, |row| {
        record_count += 1;
        let (code, id, body) = match row {
            RuleRecord::Compact { agency_code, bytes } => match compact::decode(&bytes)? {
                Some((id, body)) => (agency_code, id, body),
                None => return Ok(()), // another cache version: not written by this build (compact::VERSION)
            },
            RuleRecord::Row {
                agency_code,
                version,
                compact: cached,
                content,
            } => {
                // A record of an agency no longer in the registry at all cannot be judged.
                let Some(agency) = agencies.get(&agency_code) else {
                    return Ok(());
                };
                let (id, body) = match cached
                    .as_deref()
                    .map(compact::decode)
                    .transpose()?
                    .flatten()
                {
                    Some(decoded) => decoded,
                    None => {
                        let record = super::stored::decode(agency, &content)?;
                        (record.id, record.body)
                    }
                };
                rebundle
                    .entry((agency_code.clone(), version))
                    .or_default()
                    .push(compact::encode(&id, &body)?);
                (agency_code, id, body)
            }
        };
        let Some(agency) = agencies.get(&code) else {
            return Ok(());
        };
        let regional = agency.kind.is_regional() && agency.autonomous;
        by_agency
            .entry(code)
            .or_insert_with_key(|code| AgencyRecords::new(code, regional))
            .add(id, body);
        Ok::<(), EvaluationError>(())
    })
    .await?;
    for ((agency_code, version), pieces) in &rebundle {
        db.store_bundle(agency_code, *version, pieces).await?;
    }
    // Complaints filed through the form are judged by the same rule once they have a recommendation.
    let recommended = crate::db::CaseFilter {
        agency_code: code.map(str::to_string),
        recommended: true,
        ..Default::default()
    };
    for case in db.cases(&recommended, i64::MAX).await? {
        let (Some(agency), Some(recommended_on)) =
            (agencies.get(&case.agency_code), case.recommended_on)
        else {
            continue;
        };
        let regional = agency.kind.is_regional() && agency.autonomous;
        by_agency
            .entry(case.agency_code)
            .or_insert_with_key(|code| AgencyRecords::new(code, regional))
            .cases
            .push(FormCase {
                reference: case.reference,
                recommended_on,
                decided_on: case.decided_on,
            });
    }
    // Recommendations on the agencies' violations, with their answers: R-REC-OVERDUE reads them.
    for followed in super::followups::load(db, code).await? {
        let row = &followed.row;
        let (Some(agency), Some(record_kind)) = (
            agencies.get(&row.agency_code),
            crate::domain::records::RecordKind::parse(&row.record_kind),
        ) else {
            continue;
        };
        let regional = agency.kind.is_regional() && agency.autonomous;
        by_agency
            .entry(row.agency_code.clone())
            .or_insert_with_key(|code| AgencyRecords::new(code, regional))
            .recommendations
            .push(crate::rules::recommendation::Recommended {
                violation_id: row.violation_id,
                rule: row.rule_id,
                record_kind,
                record_id: row.record_id.clone(),
                subject_nip: row.subject_nip.clone(),
                letter_number: row.letter_number.clone(),
                follow: followed.follow,
            });
    }
    tracing::debug!(records = record_count, elapsed = ?started.elapsed(), "records read and decoded");
    let total = by_agency.len();
    let mut found = Vec::new();
    let mut signals = Vec::new();
    let mut figures = Vec::with_capacity(by_agency.len());
    let in_force = params.at(as_of);
    for (done, records) in by_agency.values().enumerate() {
        found.extend(evaluate_agency(records, &params, as_of));
        signals.extend(crate::rules::signals::detect(records, &in_force));
        figures.push(crate::rules::figures::figures(records, as_of));
        progress(done + 1, total);
    }
    tracing::debug!(violations = found.len(), signals = signals.len(), elapsed = ?started.elapsed(), "rules run");
    Ok(Found {
        violations: found,
        signals,
        figures,
        agencies: total,
        records: record_count,
    })
}

/// [`run`] for one agency without progress: what follows a stored batch, a verdict or the demo's answers.
pub async fn run_agency(
    db: &Db,
    agency_code: &str,
    as_of: Date,
    actor: &str,
) -> Result<Summary, EvaluationError> {
    run(db, Scope::Agency(agency_code), as_of, actor, &mut |_, _| {}).await
}

/// Evaluates `scope` as of `as_of` and stores the outcome; `actor` is who asked (a user, "cli", "import").
pub async fn run(
    db: &Db,
    scope: Scope<'_>,
    as_of: Date,
    actor: &str,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<Summary, EvaluationError> {
    let Found {
        violations: found,
        signals,
        figures,
        agencies,
        records,
    } = compute(db, scope, as_of, progress).await?;
    let started = std::time::Instant::now();
    let now = crate::clock::now_text();
    let outcome = Outcome {
        violations: &found,
        signals: &signals,
        figures: &figures,
    };
    let counts = db
        .apply_evaluation(scope.code(), outcome, as_of, (&now, actor))
        .await?;
    tracing::debug!(elapsed = ?started.elapsed(), "outcome stored");
    Ok(Summary {
        as_of: as_of.to_string(),
        agencies,
        records,
        rules: RuleId::ALL
            .iter()
            .map(|rule| RuleSummary {
                rule_id: rule.as_str(),
                severity: rule.severity().as_str(),
                counts: counts.get(rule).cloned().unwrap_or_default(),
            })
            .collect(),
    })
}

/// The violations matching `filter` as of `as_of`, computed afresh (so a past date gives what the rules said
/// then) and joined with the stored workflow status of the same violation; one not stored yet is `open` with
/// id 0. Pagination does not apply: the result is in key order.
pub async fn as_of(
    db: &Db,
    filter: &ViolationFilter,
    as_of: Date,
) -> Result<Vec<ViolationRow>, EvaluationError> {
    let scope = filter.agency.as_deref().map_or(Scope::All, Scope::Agency);
    let found = compute(db, scope, as_of, &mut |_, _| {}).await?.violations;
    let stored_filter = ViolationFilter {
        agency: filter.agency.clone(),
        include_cleared: true,
        ..ViolationFilter::default()
    };
    let stored: HashMap<KeyText, ViolationRow> = db
        .list_violations(&stored_filter)
        .await?
        .into_iter()
        .map(|row| (row.key(), row))
        .collect();
    let rows = found
        .into_iter()
        .filter(|v| filter.rule.is_none_or(|r| r == v.rule()))
        .map(|v| {
            let key = key_text(&v);
            let known = stored.get(&key);
            ViolationRow {
                id: known.map_or(0, |r| r.id),
                rule_id: key.0,
                agency_code: key.1,
                record_kind: key.2,
                record_id: key.3,
                subject_nip: v.subject_nip().map(str::to_string),
                event_date: v.event_date.to_string(),
                severity: v.rule().severity().as_str().to_string(),
                status: known.map_or(Status::Open.as_str().to_string(), |r| r.status.clone()),
                legal_basis: v.rule().legal_basis().to_string(),
                params: serde_json::json!(v
                    .params
                    .iter()
                    .map(|(k, val)| (*k, val.as_str()))
                    .collect::<BTreeMap<_, _>>()),
                params_since: serde_json::json!(v
                    .params_since
                    .iter()
                    .map(|(k, day)| (*k, day.to_string()))
                    .collect::<BTreeMap<_, _>>()),
                message: v.message,
                message_en: v.message_en,
                active: true,
                flagged_as_of: as_of.to_string(),
                cleared_as_of: None,
            }
        })
        .filter(|row| filter.status.is_none_or(|s| s.as_str() == row.status))
        .collect();
    Ok(rows)
}
