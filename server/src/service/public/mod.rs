//! The public pages' aggregates ([`PublicData`]): computed once per state of the data, stored in the database
//! for every app server, and kept in memory, so that public traffic never runs a heavy query and cannot slow
//! the staff (issue #6).
//!
//! The state of the data is a short key (`Db::public_source_key`). A server reads it at most once a second;
//! writes made through this server (counted by `Db::writes`) make it read the key at the next request. When the key
//! has moved, the first request takes the stored snapshot if another server already computed it, or computes and
//! stores it (a few seconds on the `--scale 10` data, docs/benchmarks.md); meanwhile the other requests are
//! served the previous aggregates instead of waiting. Imports and evaluations start that computation themselves
//! (`refresh`), so a change shows on the public pages within a second or two plus the computation.
//!
//! Small counts are suppressed here (`PublicCount`), before anything is stored or sent.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use model::public::{
    AgencyPublic, ComplaintStats, ComplaintYear, ProvinceMerit, PublicCount, PublicData,
    RuleQuarter, RuleStatusCount, COMPLAINT_STATUSES,
};
use model::types::{Agency, AgencyKind};

use model::ComplaintStatus;

use super::AppState;
use crate::db::{Db, DbError, ViolationCount};
use crate::domain::complaints::stats::tally;
use crate::domain::merit::Score;
use crate::domain::progress::Verified;
use crate::domain::records::Stage;
use crate::service::evaluation::EvaluationError;
use crate::service::scorecard::MeritResult;

#[derive(Debug, thiserror::Error)]
pub enum PublicError {
    #[error(transparent)]
    Evaluation(#[from] EvaluationError),
    #[error(transparent)]
    Database(#[from] DbError),
    #[error(transparent)]
    Complaints(#[from] crate::service::cases::CaseError),
    #[error("could not encode the public aggregates: {0}")]
    Encode(#[from] serde_json::Error),
}

/// How long a server trusts its aggregates before it reads the data's key again.
const RECHECK: Duration = Duration::from_secs(1);

/// Longest a request without any aggregates waits for another request computing them.
const WAIT_FOR_OTHERS: Duration = Duration::from_secs(60);

/// The aggregates in memory, shared by the clones of an [`AppState`].
#[derive(Debug, Default)]
pub struct PublicCache {
    current: Mutex<Option<Cached>>,
    /// Held while computing, so that one request computes and the others wait for it.
    computing: tokio::sync::Mutex<()>,
    /// The exact neutrality statistics of the staff's case list, with the key of the state they were computed
    /// from (the same key as the aggregates'). Never part of [`PublicData`]: the public gets them suppressed.
    staff_complaint_stats: Mutex<Option<(String, Arc<ComplaintStats<i64>>)>>,
    /// The scorecards' peer comparison (issue #20), with the key it was computed from (the aggregates' key and
    /// the evaluation figures' stamp).
    peers: Mutex<Option<(String, Arc<crate::service::peers::PeerTable>)>>,
}

#[derive(Debug)]
struct Cached {
    data: Arc<PublicData>,
    /// When the key was last read, and the count of this server's writes then (see `Db::writes`).
    checked: Instant,
    writes: u64,
}

impl PublicCache {
    /// The cached aggregates if the key was read less than [`RECHECK`] ago and nothing was written through this
    /// server since (`writes` is the database's count now).
    fn fresh(&self, writes: u64) -> Option<Arc<PublicData>> {
        let current = self.current.lock().ok()?;
        let cached = current.as_ref()?;
        (cached.writes == writes && cached.checked.elapsed() < RECHECK).then(|| cached.data.clone())
    }

    /// The cached aggregates if they were computed from `key`, marking the key as just read (at `writes`).
    fn matching(&self, key: &str, writes: u64) -> Option<Arc<PublicData>> {
        let mut current = self.current.lock().ok()?;
        let cached = current.as_mut()?;
        if cached.data.key != key {
            return None;
        }
        cached.checked = Instant::now();
        cached.writes = writes;
        Some(cached.data.clone())
    }

    /// The cached aggregates whatever state they were computed from.
    fn any(&self) -> Option<Arc<PublicData>> {
        Some(self.current.lock().ok()?.as_ref()?.data.clone())
    }

    /// The staff's exact neutrality statistics if they were computed from `key`.
    pub fn staff_complaint_stats(&self, key: &str) -> Option<Arc<ComplaintStats<i64>>> {
        let cached = self.staff_complaint_stats.lock().ok()?;
        cached
            .as_ref()
            .filter(|(k, _)| k == key)
            .map(|(_, s)| s.clone())
    }

    pub fn set_staff_complaint_stats(&self, key: String, stats: Arc<ComplaintStats<i64>>) {
        if let Ok(mut cached) = self.staff_complaint_stats.lock() {
            *cached = Some((key, stats));
        }
    }

    /// The peer comparison if it was computed from `key`.
    pub fn peers(&self, key: &str) -> Option<Arc<crate::service::peers::PeerTable>> {
        let cached = self.peers.lock().ok()?;
        cached
            .as_ref()
            .filter(|(k, _)| k == key)
            .map(|(_, t)| t.clone())
    }

    pub fn set_peers(&self, key: String, table: Arc<crate::service::peers::PeerTable>) {
        if let Ok(mut cached) = self.peers.lock() {
            *cached = Some((key, table));
        }
    }

    fn set(&self, data: Arc<PublicData>, writes: u64) {
        if let Ok(mut current) = self.current.lock() {
            *current = Some(Cached {
                data,
                checked: Instant::now(),
                writes,
            });
        }
    }
}

/// The aggregates of the data as it stands (at most a second old for writes made through another server).
pub async fn current(app: &AppState) -> Result<Arc<PublicData>, PublicError> {
    let (db, cache) = (&app.db, &app.public);
    // Read before the key: a write committed while the key is read makes the next request read it again.
    let writes = db.writes();
    if let Some(data) = cache.fresh(writes) {
        return Ok(data);
    }
    let today = crate::clock::today();
    let key = db.public_source_key(&today.to_string()).await?;
    if let Some(data) = cache.matching(&key, writes) {
        return Ok(data);
    }
    // While another request computes, the aggregates of the previous state are served (public traffic never
    // waits for a recomputation); only a server that has none yet waits.
    // The wait is bounded: should the computing request never finish (a dropped task, a stuck connection),
    // this one computes by itself rather than hang.
    let _computing = match cache.computing.try_lock() {
        Ok(guard) => Some(guard),
        Err(_) => match cache.any() {
            Some(stale) => return Ok(stale),
            None => tokio::time::timeout(WAIT_FOR_OTHERS, cache.computing.lock())
                .await
                .ok(),
        },
    };
    if let Some(data) = cache.matching(&key, writes) {
        return Ok(data);
    }
    let stored = match db.public_snapshot().await? {
        // An unreadable snapshot (written by another version) is computed again.
        Some((stored_key, body)) if stored_key == key => serde_json::from_str(&body).ok(),
        _ => None,
    };
    let data = match stored {
        Some(data) => data,
        None => {
            let data = compute(db, key, today.year()).await?;
            db.store_public_snapshot(&data.key, &data.computed_at, &serde_json::to_string(&data)?)
                .await?;
            data
        }
    };
    let data = Arc::new(data);
    cache.set(data.clone(), writes);
    Ok(data)
}

/// Brings the stored aggregates up to date after a change (an import, an evaluation), so that the first visitor
/// afterwards does not wait for them. A failure is logged: the next public request computes them again.
pub async fn refresh(app: &AppState) {
    let started = Instant::now();
    match current(app).await {
        // One line per refresh: scripts/bench-import.sh waits for it (an upload's answer does not).
        Ok(_) => tracing::debug!(elapsed = ?started.elapsed(), "public aggregates refreshed"),
        Err(err) => tracing::error!(error = %err, "refreshing the public aggregates failed"),
    }
}

/// [`refresh`] without making the caller (an agency's upload) wait.
pub fn refresh_in_background(app: &AppState) {
    let app = app.clone();
    tokio::spawn(async move { refresh(&app).await });
}

/// Computes the aggregates from the database.
async fn compute(db: &Db, key: String, current_year: i32) -> Result<PublicData, PublicError> {
    let (registry, verified) = crate::service::merit::verified_results(db).await?;
    let progress = crate::service::merit::progress_of(db, &verified, current_year).await?;
    // Imported complaints and those filed through the form alike.
    let facts = crate::service::cases::facts(db).await?;
    let complaints: Vec<(i32, ComplaintStatus)> = facts
        .iter()
        .map(|f| (f.received_on.year(), f.status))
        .collect();
    let params = crate::service::parameters::timeline(db).await?;
    let followup_days = |day| params.at(day).followup_days;
    let counts = db.violation_counts().await?;
    let (silent_agencies, silent_days) =
        crate::service::reporting::silent_count(db, crate::clock::today()).await?;
    Ok(PublicData {
        key,
        computed_at: crate::clock::now_text(),
        progress: crate::service::merit::page_groups(progress),
        categories: crate::domain::progress::categories(&verified)
            .into_iter()
            .map(|(year, counts)| model::types::CategoryYear { year, counts })
            .collect(),
        provinces: provinces(&registry, &verified, &counts, current_year),
        rule_quarters: rule_quarters(&counts),
        complaints: complaint_years(&complaints),
        complaint_stats: tally(&facts, &followup_days, crate::clock::today()).public(),
        agencies: agencies(&registry, &verified, &counts),
        compliance: crate::service::compliance::figures(db, None, crate::clock::today())
            .await?
            .iter()
            .map(model::recommendation::ComplianceYear::public)
            .collect(),
        silent_agencies,
        silent_days,
    })
}

/// Each agency's latest verified result up to `current_year` (a result stands until reassessed).
fn standing(verified: &[Verified], current_year: i32) -> BTreeMap<&str, (i32, Score)> {
    let mut out: BTreeMap<&str, (i32, Score)> = BTreeMap::new();
    for v in verified.iter().filter(|v| v.year <= current_year) {
        let entry = out
            .entry(v.agency_code.as_str())
            .or_insert((v.year, v.score));
        // The later year wins; for one year the later record (the caller's order) wins.
        if v.year >= entry.0 {
            *entry = (v.year, v.score);
        }
    }
    out
}

/// Counts summed by rule and status, then suppressed, sorted by rule and status.
fn by_rule_status<'a>(counts: impl Iterator<Item = &'a ViolationCount>) -> Vec<RuleStatusCount> {
    let mut sums: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    for c in counts {
        *sums.entry((&c.rule_id, &c.status)).or_default() += c.count;
    }
    sums.into_iter()
        .map(|((rule, status), n)| RuleStatusCount {
            rule: rule.to_string(),
            status: status.to_string(),
            count: PublicCount::of(n),
        })
        .collect()
}

/// Each province's agencies (its government, regencies and cities) and how many stand at a good category.
fn provinces(
    registry: &[Agency],
    verified: &[Verified],
    counts: &[ViolationCount],
    current_year: i32,
) -> Vec<ProvinceMerit> {
    let standing = standing(verified, current_year);
    let province_of: BTreeMap<&str, &str> = registry
        .iter()
        .filter_map(|a| Some((a.code.as_str(), a.province_code.as_deref()?)))
        .collect();
    // The counts by province, in one pass (106,000 count rows at `--scale 10`, 38 provinces).
    let mut in_province: BTreeMap<&str, Vec<&ViolationCount>> = BTreeMap::new();
    for c in counts {
        if let Some(province) = province_of.get(c.agency_code.as_str()) {
            in_province.entry(province).or_default().push(c);
        }
    }
    registry
        .iter()
        .filter(|a| a.kind == AgencyKind::Province)
        .map(|p| {
            let members: Vec<&Agency> = registry
                .iter()
                .filter(|a| a.province_code.as_deref() == Some(p.code.as_str()))
                .collect();
            let results: Vec<Score> = members
                .iter()
                .filter_map(|a| standing.get(a.code.as_str()).map(|(_, s)| *s))
                .collect();
            let total = members.len() as i64;
            let good = results.iter().filter(|s| s.category().is_good()).count() as i64;
            ProvinceMerit {
                code: p.code.clone(),
                name: p.name.clone(),
                total,
                assessed: results.len() as i64,
                good,
                share: if total == 0 {
                    0.0
                } else {
                    (good as f64 / total as f64 * 10_000.0).round() / 10_000.0
                },
                violations: by_rule_status(
                    in_province
                        .get(p.code.as_str())
                        .into_iter()
                        .flatten()
                        .copied(),
                ),
            }
        })
        .collect()
}

/// `YYYY-MM` → `YYYY-Qn`; `None` for anything else.
fn quarter_of(month: &str) -> Option<String> {
    let (year, month) = month.split_once('-')?;
    let month: u32 = month.parse().ok()?;
    if !(1..=12).contains(&month) || year.len() != 4 {
        return None;
    }
    Some(format!("{year}-Q{}", (month - 1) / 3 + 1))
}

/// Violations per rule per quarter of their event, dismissed ones left out (the commission found no violation).
fn rule_quarters(counts: &[ViolationCount]) -> Vec<RuleQuarter> {
    let mut sums: BTreeMap<(String, &str), i64> = BTreeMap::new();
    for c in counts.iter().filter(|c| c.status != "dismissed") {
        if let Some(quarter) = quarter_of(&c.month) {
            *sums.entry((quarter, &c.rule_id)).or_default() += c.count;
        }
    }
    sums.into_iter()
        .map(|((quarter, rule), n)| RuleQuarter {
            quarter,
            rule: rule.to_string(),
            count: PublicCount::of(n),
        })
        .collect()
}

/// Complaints per year of receipt by status.
fn complaint_years(complaints: &[(i32, ComplaintStatus)]) -> Vec<ComplaintYear> {
    let mut sums: BTreeMap<i32, [i64; 4]> = BTreeMap::new();
    for (year, status) in complaints {
        if let Some(slot) = COMPLAINT_STATUSES.iter().position(|s| s == status) {
            sums.entry(*year).or_default()[slot] += 1;
        }
    }
    sums.into_iter()
        .map(|(year, counts)| ComplaintYear {
            year,
            counts: counts.map(PublicCount::of),
        })
        .collect()
}

/// Every agency's public profile, in registry order.
fn agencies(
    registry: &[Agency],
    verified: &[Verified],
    counts: &[ViolationCount],
) -> Vec<AgencyPublic> {
    let mut results: BTreeMap<&str, Vec<MeritResult>> = BTreeMap::new();
    for v in verified {
        results.entry(v.agency_code.as_str()).or_default().push((
            v.year,
            Stage::Verified,
            v.score,
            v.aspects,
        ));
    }
    let mut by_agency: BTreeMap<&str, Vec<&ViolationCount>> = BTreeMap::new();
    for c in counts {
        by_agency.entry(c.agency_code.as_str()).or_default().push(c);
    }
    registry
        .iter()
        .map(|a| AgencyPublic {
            code: a.code.clone(),
            name: a.name.clone(),
            kind: a.kind,
            province_code: a.province_code.clone(),
            merit: crate::service::scorecard::merit_history(
                results.get(a.code.as_str()).map_or(&[], Vec::as_slice),
            ),
            violations: by_rule_status(
                by_agency
                    .get(a.code.as_str())
                    .into_iter()
                    .flatten()
                    .copied(),
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests;
