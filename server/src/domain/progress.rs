//! Progress toward the merit targets (rules.md, "Merit System Index"): per group of agencies and year, how many
//! are *good* — their latest verified result up to that year is Baik or Sangat Baik (a result stands until the
//! agency is assessed again; self-assessments never count) — out of **all** agencies of the group in the registry.

use std::collections::BTreeMap;

use model::types::{Agency, AgencyKind};
use serde::Serialize;

use super::merit::{MeritCategory, Score};

/// The groups the targets are set for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Ministry,
    Institution,
    Province,
    /// Autonomous regencies and cities (DKI Jakarta's administrative units are not autonomous and not counted).
    RegencyCity,
}

impl Group {
    pub const ALL: [Group; 4] = [
        Group::Ministry,
        Group::Institution,
        Group::Province,
        Group::RegencyCity,
    ];

    /// The name used in the API and the pages.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Ministry => "ministry",
            Group::Institution => "institution",
            Group::Province => "province",
            Group::RegencyCity => "regency_city",
        }
    }

    /// The group an agency is counted in, if any.
    pub fn of(agency: &Agency) -> Option<Group> {
        match agency.kind {
            AgencyKind::Ministry => Some(Group::Ministry),
            AgencyKind::Institution => Some(Group::Institution),
            AgencyKind::Province => Some(Group::Province),
            AgencyKind::Regency | AgencyKind::City if agency.autonomous => Some(Group::RegencyCity),
            AgencyKind::Regency | AgencyKind::City => None,
        }
    }
}

/// A goal line: `share` of the group good by `year`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Target {
    pub share: f64,
    pub year: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct YearProgress {
    pub year: i32,
    pub good: usize,
    pub assessed: usize,
    pub total: usize,
    /// good ÷ total, to four decimals.
    pub share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GroupProgress {
    pub group: Group,
    /// The main target (the spec's `target`).
    pub target: Option<Target>,
    /// Every goal line for the group, for charts (e.g. regencies and cities: 20 % by 2022 and 30 % by 2024).
    pub targets: Vec<Target>,
    pub years: Vec<YearProgress>,
}

/// One verified result.
#[derive(Clone, Debug, PartialEq)]
pub struct Verified {
    pub agency_code: String,
    pub year: i32,
    pub score: Score,
    /// The eight aspects, when the report gave them (for the agency's profile; progress ignores them).
    pub aspects: Option<[f64; 8]>,
}

/// Verified results per year of assessment by category, in the order Buruk, Kurang, Baik, Sangat Baik.
pub fn categories(verified: &[Verified]) -> BTreeMap<i32, [i64; 4]> {
    let mut out: BTreeMap<i32, [i64; 4]> = BTreeMap::new();
    for v in verified {
        let slot = match v.score.category() {
            MeritCategory::Buruk => 0,
            MeritCategory::Kurang => 1,
            MeritCategory::Baik => 2,
            MeritCategory::SangatBaik => 3,
        };
        out.entry(v.year).or_default()[slot] += 1;
    }
    out
}

fn share(good: usize, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    (good as f64 / total as f64 * 10_000.0).round() / 10_000.0
}

/// Whether an agency (by code) existed at the end of a year (issue #19: a new agency counts from its first year,
/// a retired one until it was retired).
pub type ExistsAtEndOf<'a> = &'a dyn Fn(&str, i32) -> bool;

/// Progress of every group for every year from the first verified result to `current_year` (no years when there
/// is no verified result at all). `targets` gives each group's goal lines, the main one first. `registry` holds
/// every agency ever registered; each year's denominator counts those that `exists` at its end.
pub fn progress(
    registry: &[Agency],
    verified: &[Verified],
    targets: &BTreeMap<Group, Vec<Target>>,
    current_year: i32,
    exists: ExistsAtEndOf<'_>,
) -> Vec<GroupProgress> {
    let groups: BTreeMap<&str, Group> = registry
        .iter()
        .filter_map(|a| Some((a.code.as_str(), Group::of(a)?)))
        .collect();
    // Each agency's verified results by year; two for the same year keep the higher id's order of arrival, which
    // the caller gives sorted, so the last one wins.
    let mut by_agency: BTreeMap<&str, BTreeMap<i32, Score>> = BTreeMap::new();
    for v in verified {
        if groups.contains_key(v.agency_code.as_str()) {
            by_agency
                .entry(v.agency_code.as_str())
                .or_default()
                .insert(v.year, v.score);
        }
    }
    let first = verified.iter().map(|v| v.year).min();
    Group::ALL
        .iter()
        .map(|&group| {
            let members: Vec<&str> = groups
                .iter()
                .filter(|(_, g)| **g == group)
                .map(|(code, _)| *code)
                .collect();
            let years = first
                .map(|first| {
                    (first..=current_year.max(first))
                        .map(|year| {
                            let members: Vec<&str> = members
                                .iter()
                                .copied()
                                .filter(|code| exists(code, year))
                                .collect();
                            let latest: Vec<Score> = members
                                .iter()
                                .filter_map(|code| {
                                    by_agency
                                        .get(code)?
                                        .range(..=year)
                                        .next_back()
                                        .map(|(_, s)| *s)
                                })
                                .collect();
                            let good = latest.iter().filter(|s| s.category().is_good()).count();
                            YearProgress {
                                year,
                                good,
                                assessed: latest.len(),
                                total: members.len(),
                                share: share(good, members.len()),
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            let targets = targets.get(&group).cloned().unwrap_or_default();
            GroupProgress {
                group,
                target: targets.first().copied(),
                targets,
                years,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(code: &str, kind: AgencyKind, autonomous: bool) -> Agency {
        Agency {
            code: code.into(),
            name: code.into(),
            kind,
            province_code: None,
            autonomous,
        }
    }

    fn v(code: &str, year: i32, points: f64) -> Verified {
        Verified {
            aspects: None,
            agency_code: code.into(),
            year,
            score: Score::from_points(points).expect("score"),
        }
    }

    fn registry() -> Vec<Agency> {
        vec![
            agency("K01", AgencyKind::Ministry, true),
            agency("K02", AgencyKind::Ministry, true),
            agency("32", AgencyKind::Province, true),
            agency("32.04", AgencyKind::Regency, true),
            agency("32.73", AgencyKind::City, true),
            agency("32.74", AgencyKind::City, true),
            agency("31.71", AgencyKind::City, false),
        ]
    }

    fn year(progress: &[GroupProgress], group: Group, y: i32) -> (usize, usize, usize, f64) {
        let g = progress.iter().find(|p| p.group == group).expect("group");
        let p = g.years.iter().find(|p| p.year == y).expect("year");
        (p.good, p.assessed, p.total, p.share)
    }

    #[test]
    fn a_result_stands_until_reassessed_and_denominators_are_the_registry() {
        let verified = [
            v("32.04", 2021, 260.0),
            v("32.04", 2023, 240.0),
            v("32.73", 2022, 249.5),
            v("32.73", 2024, 250.0),
            v("31.71", 2021, 390.0),
        ];
        let p = progress(&registry(), &verified, &BTreeMap::new(), 2025, &|_, _| true);
        let rc = Group::RegencyCity;
        assert_eq!(year(&p, rc, 2021), (1, 1, 3, 0.3333));
        assert_eq!(
            year(&p, rc, 2022),
            (1, 2, 3, 0.3333),
            "2021's result still stands"
        );
        assert_eq!(year(&p, rc, 2023), (0, 2, 3, 0.0), "reassessed below Baik");
        assert_eq!(
            year(&p, rc, 2024),
            (1, 2, 3, 0.3333),
            "250.0 is Baik, 249.5 is not"
        );
        assert_eq!(
            year(&p, rc, 2025),
            (1, 2, 3, 0.3333),
            "years without assessment carry on"
        );
        assert_eq!(year(&p, Group::Ministry, 2021), (0, 0, 2, 0.0));
        let years: Vec<i32> = p[0].years.iter().map(|y| y.year).collect();
        assert_eq!(
            years,
            (2021..=2025).collect::<Vec<_>>(),
            "from the first verified result"
        );
    }

    #[test]
    fn without_verified_results_there_are_no_years() {
        let p = progress(&registry(), &[], &BTreeMap::new(), 2025, &|_, _| true);
        assert!(p.iter().all(|g| g.years.is_empty()));
        assert_eq!(p.len(), 4);
    }

    #[test]
    fn targets_are_passed_through_main_first() {
        let targets = BTreeMap::from([(
            Group::RegencyCity,
            vec![
                Target {
                    share: 0.3,
                    year: 2024,
                },
                Target {
                    share: 0.2,
                    year: 2022,
                },
            ],
        )]);
        let p = progress(
            &registry(),
            &[v("32", 2020, 300.0)],
            &targets,
            2021,
            &|_, _| true,
        );
        let rc = p
            .iter()
            .find(|g| g.group == Group::RegencyCity)
            .expect("group");
        assert_eq!(
            rc.target,
            Some(Target {
                share: 0.3,
                year: 2024
            })
        );
        assert_eq!(rc.targets.len(), 2);
        assert_eq!(year(&p, Group::Province, 2020), (1, 1, 1, 1.0));
        assert_eq!(year(&p, Group::Province, 2021), (1, 1, 1, 1.0));
    }

    #[test]
    fn categories_count_each_years_results_at_the_band_edges() {
        let results = [
            v("A", 2023, 174.5),
            v("B", 2023, 175.0),
            v("C", 2023, 249.5),
            v("D", 2023, 250.0),
            v("E", 2023, 324.5),
            v("F", 2023, 325.0),
            v("A", 2024, 400.0),
        ];
        let counts = categories(&results);
        assert_eq!(counts.get(&2023), Some(&[1, 2, 2, 1]));
        assert_eq!(counts.get(&2024), Some(&[0, 0, 0, 1]));
        assert!(categories(&[]).is_empty());
    }
}
