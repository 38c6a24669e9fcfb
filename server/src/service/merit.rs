//! The merit side's service: verified results from the stored `merit_assessment` records, the targets from the
//! rule parameters, and the pure progress computation of `domain::progress`.

use std::collections::BTreeMap;

use model::types::AgencyFilter;

use crate::db::Db;
use crate::domain::progress::{self, Group, GroupProgress, Target, Verified};
use crate::domain::records::{RecordBody, RecordKind, Stage};
use crate::rules::Params;
use crate::service::evaluation::EvaluationError;
use crate::service::parameters::in_force as params;
use crate::service::stored::decode;

/// The goal lines of each group, the main one first: regencies and cities 30 % by 2024 (RPJMN) and KASN's 2022
/// targets for every group.
pub fn targets(p: &Params) -> BTreeMap<Group, Vec<Target>> {
    let share = |percent: i32| f64::from(percent) / 100.0;
    BTreeMap::from([
        (
            Group::Ministry,
            vec![Target {
                share: share(p.target_ministry_percent),
                year: 2022,
            }],
        ),
        (
            Group::Institution,
            vec![Target {
                share: share(p.target_institution_percent),
                year: 2022,
            }],
        ),
        (
            Group::Province,
            vec![Target {
                share: share(p.target_province_percent),
                year: 2022,
            }],
        ),
        (
            Group::RegencyCity,
            vec![
                Target {
                    share: share(p.target_regency_city_percent),
                    year: p.target_regency_city_year,
                },
                Target {
                    share: share(p.target_2022_regency_city_percent),
                    year: 2022,
                },
            ],
        ),
    ])
}

/// Progress toward the targets per group and year, up to `current_year`.
pub async fn progress(db: &Db, current_year: i32) -> Result<Vec<GroupProgress>, EvaluationError> {
    let (_, verified) = verified_results(db).await?;
    progress_of(db, &verified, current_year).await
}

/// [`progress`] of results already read (with [`verified_results`]). The denominators count every agency ever
/// registered that existed at the end of each year (issue #19), retired ones included for their years.
pub async fn progress_of(
    db: &Db,
    verified: &[Verified],
    current_year: i32,
) -> Result<Vec<GroupProgress>, EvaluationError> {
    let everyone = db.all_agencies().await?;
    let lives = crate::service::registry::lifespans(db).await?;
    let exists = |code: &str, year: i32| lives.get(code).is_none_or(|l| l.exists_at_end_of(year));
    Ok(progress::progress(
        &everyone,
        verified,
        &targets(&params(db).await?),
        current_year,
        &exists,
    ))
}

/// The groups as the pages and the public aggregates carry them.
pub fn page_groups(groups: Vec<GroupProgress>) -> Vec<model::types::MeritGroup> {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    groups
        .into_iter()
        .map(|g| model::types::MeritGroup {
            group: g.group.as_str().to_string(),
            targets: g.targets.iter().map(|t| (t.share, t.year)).collect(),
            years: g
                .years
                .into_iter()
                .map(|y| model::types::GroupYear {
                    year: y.year,
                    good: count(y.good),
                    assessed: count(y.assessed),
                    total: count(y.total),
                    share: y.share,
                })
                .collect(),
        })
        .collect()
}

/// The registry (active agencies) and the verified results of every agency ever registered (a retired agency's
/// count for the years it existed).
pub async fn verified_results(
    db: &Db,
) -> Result<(Vec<model::types::Agency>, Vec<Verified>), EvaluationError> {
    let registry = db.list_agencies(&AgencyFilter::default()).await?;
    let everyone = db.all_agencies().await?;
    let by_code: BTreeMap<&str, _> = everyone.iter().map(|a| (a.code.as_str(), a)).collect();
    let mut verified = Vec::new();
    db.each_record_of_kind(
        RecordKind::MeritAssessment,
        |code, content| -> Result<(), EvaluationError> {
            let Some(agency) = by_code.get(code.as_str()) else {
                return Ok(());
            };
            if let RecordBody::MeritAssessment(m) = decode(agency, &content)?.body {
                if m.stage == Stage::Verified {
                    verified.push(Verified {
                        agency_code: code,
                        year: m.year,
                        score: m.total_score,
                        aspects: m.aspects,
                    });
                }
            }
            Ok(())
        },
    )
    .await?;
    Ok((registry, verified))
}
