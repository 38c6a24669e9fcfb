//! An agency's scorecard for commissioners: unsettled violations by rule, their trend per quarter, merit history,
//! open neutrality complaints, data quality, the regional heads' terms and elections, and a risk rating (see
//! `domain::risk` for how it is weighed). The arithmetic is pure and tested here; the data comes from `db`.

use std::collections::BTreeMap;

use model::types::{MeritYear, RiskRating, Scorecard, TimelineItem};

use crate::db::Db;
use crate::domain::merit::{MeritCategory, Score};
use crate::domain::records::{ComplaintStatus, RecordBody, Stage};
use crate::domain::{risk, Date};
use crate::service::evaluation::EvaluationError;
use crate::service::stored::decode;

/// The trend shows at most this many quarters (four years), the latest ones.
pub const QUARTERS_SHOWN: usize = 16;
/// How many of the latest submissions the scorecard lists.
pub const SUBMISSIONS_SHOWN: i64 = 10;

/// Violations per month (`YYYY-MM`, sorted) summed per quarter (`YYYY-Qn`), every quarter from the first to the
/// last present (empty ones as zero, so that the trend is not compressed), the latest [`QUARTERS_SHOWN`].
pub fn quarters(months: &[(String, i64)]) -> Vec<(String, i64)> {
    let index = |month: &str| -> Option<i32> {
        let (y, m) = month.split_once('-')?;
        let (y, m): (i32, i32) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&m).then_some(y * 4 + (m - 1) / 3)
    };
    let mut sums: BTreeMap<i32, i64> = BTreeMap::new();
    for (month, n) in months {
        if let Some(q) = index(month) {
            *sums.entry(q).or_default() += n;
        }
    }
    let (Some(&first), Some(&last)) = (sums.keys().next(), sums.keys().next_back()) else {
        return Vec::new();
    };
    let first = first.max(last - i32::try_from(QUARTERS_SHOWN).unwrap_or(16) + 1);
    (first..=last)
        .map(|q| {
            (
                format!("{}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1),
                sums.get(&q).copied().unwrap_or(0),
            )
        })
        .collect()
}

/// One merit assessment: year, stage, total score and the eight aspects when given.
pub type MeritResult = (i32, Stage, Score, Option<[f64; 8]>);

/// Merit results per year, oldest first: the self-assessment and the verified result, the verified result's
/// category, and its change from the previous verified result.
pub fn merit_history(results: &[MeritResult]) -> Vec<MeritYear> {
    type Stages = (
        Option<Score>,
        Option<Score>,
        Option<[f64; 8]>,
        Option<[f64; 8]>,
    );
    let mut years: BTreeMap<i32, Stages> = BTreeMap::new();
    for (year, stage, score, aspects) in results {
        let entry = years.entry(*year).or_default();
        match stage {
            Stage::SelfAssessment => (entry.0, entry.2) = (Some(*score), *aspects),
            Stage::Verified => (entry.1, entry.3) = (Some(*score), *aspects),
        }
    }
    let mut previous: Option<Score> = None;
    years
        .into_iter()
        .map(|(year, (own, verified, own_aspects, verified_aspects))| {
            let change = match (verified, previous) {
                (Some(now), Some(before)) => Some(f64::from(now.tenths() - before.tenths()) / 10.0),
                _ => None,
            };
            if verified.is_some() {
                previous = verified;
            }
            MeritYear {
                year,
                self_score: own.map(Score::points),
                verified_score: verified.map(Score::points),
                category: verified.map(|s| category_key(s.category()).to_string()),
                change,
                aspects: if verified.is_some() {
                    verified_aspects
                } else {
                    own_aspects
                },
            }
        })
        .collect()
}

/// The category as the pages name it in their translations.
pub fn category_key(c: MeritCategory) -> &'static str {
    match c {
        MeritCategory::Buruk => "buruk",
        MeritCategory::Kurang => "kurang",
        MeritCategory::Baik => "baik",
        MeritCategory::SangatBaik => "sangat_baik",
    }
}

/// The scorecard of `code`, or `None` when it is not in the registry; its peers are left to `service::peers`.
/// The charts are drawn by the page (they need the reader's language), so the SVG fields are empty here.
pub async fn scorecard(db: &Db, code: &str) -> Result<Option<Scorecard>, EvaluationError> {
    let Some(agency) = db.agency(code).await? else {
        return Ok(None);
    };
    let by_rule = db.unsettled_by_rule(code).await?;
    let quarters = quarters(&db.violations_per_month(code).await?);
    let mut results = Vec::new();
    let mut open_complaints = 0;
    let mut timeline = Vec::new();
    let kinds = [
        "merit_assessment",
        "neutrality_complaint",
        "regional_head_term",
        "election",
    ];
    for (_, content) in db.agency_records(code, &kinds).await? {
        match decode(&agency, &content)?.body {
            RecordBody::MeritAssessment(m) => {
                results.push((m.year, m.stage, m.total_score, m.aspects))
            }
            RecordBody::NeutralityComplaint(c) => {
                if matches!(
                    c.status,
                    ComplaintStatus::Received | ComplaintStatus::Verifying
                ) {
                    open_complaints += 1;
                }
            }
            RecordBody::RegionalHeadTerm(t) => timeline.push(TimelineItem {
                kind: if t.acting { "acting_term" } else { "term" }.to_string(),
                label: t.head_name,
                from: t.inaugurated_on.to_string(),
                to: t.term_ends_on.to_string(),
            }),
            RecordBody::Election(e) => timeline.push(TimelineItem {
                kind: "election".to_string(),
                label: e.name,
                from: e.candidate_determination_on.to_string(),
                to: e.vote_on.to_string(),
            }),
            _ => {}
        }
    }
    timeline.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
    let merit = merit_history(&results);
    let latest_category = results
        .iter()
        .filter(|(_, stage, _, _)| *stage == Stage::Verified)
        .max_by_key(|(year, ..)| *year)
        .map(|(_, _, score, _)| score.category());
    let unsettled = |t: &model::types::RuleTally| t.open + t.in_review + t.recommendation_issued;
    let high_open = by_rule
        .iter()
        .filter(|t| t.severity == model::Severity::High)
        .map(unsettled)
        .sum();
    let overdue_followups = by_rule
        .iter()
        .filter(|t| t.rule_id == crate::rules::RuleId::NeuNoFollowup)
        .map(unsettled)
        .sum();
    let counts = db.submission_counts(code).await?;
    let today = crate::clock::today();
    let days_since_data = counts
        .last_accepted
        .as_deref()
        .and_then(|at| Date::parse(at.get(..10)?).ok())
        .map(|d| today.day_number() - d.day_number());
    Ok(Some(Scorecard {
        agency,
        by_rule,
        quarters,
        quarters_svg: String::new(),
        merit,
        // Imported complaints and those filed through the form.
        open_complaints: open_complaints + db.open_cases_of(code).await?,
        submissions: db.submissions_of(code, SUBMISSIONS_SHOWN).await?,
        refused: counts.refused,
        accepted: counts.accepted,
        days_since_data,
        timeline,
        timeline_svg: String::new(),
        risk: RiskRating {
            level: risk::rate(high_open, overdue_followups, latest_category)
                .as_str()
                .to_string(),
            high_open,
            overdue_followups,
            merit_category: latest_category.map(|c| category_key(c).to_string()),
        },
        compliance: super::compliance::figures(db, Some(code), today).await?,
        activity: super::reporting::activity(db, code, today).await?,
        signals: db.signals(("", code, ""), false).await?,
        // Added by the caller, which holds the comparison's cache (`service::peers::of`).
        peers: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(m: &str, n: i64) -> (String, i64) {
        (m.to_string(), n)
    }

    #[test]
    fn months_sum_into_quarters_with_empty_ones_between() {
        let q = quarters(&[
            month("2023-12", 1),
            month("2024-01", 2),
            month("2024-03", 3),
            month("2024-07", 4),
        ]);
        assert_eq!(
            q,
            vec![
                ("2023-Q4".to_string(), 1),
                ("2024-Q1".to_string(), 5),
                ("2024-Q2".to_string(), 0),
                ("2024-Q3".to_string(), 4)
            ]
        );
        assert!(quarters(&[]).is_empty());
    }

    #[test]
    fn only_the_latest_sixteen_quarters_are_shown() {
        let q = quarters(&[month("2015-01", 9), month("2024-12", 1)]);
        assert_eq!(q.len(), QUARTERS_SHOWN);
        assert_eq!(q[0].0, "2021-Q1");
        assert_eq!(q[15], ("2024-Q4".to_string(), 1));
    }

    #[test]
    fn merit_change_is_from_the_previous_verified_result() {
        let s = |p: f64| Score::from_points(p).expect("score");
        let aspects = Some([10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0]);
        let history = merit_history(&[
            (2021, Stage::Verified, s(240.0), None),
            (2022, Stage::SelfAssessment, s(300.0), aspects),
            (2023, Stage::SelfAssessment, s(280.0), None),
            (2023, Stage::Verified, s(251.5), aspects),
        ]);
        assert_eq!(history.len(), 3);
        assert_eq!(history[0].category.as_deref(), Some("kurang"));
        assert_eq!(history[0].change, None);
        assert_eq!(history[1].verified_score, None);
        assert_eq!(history[1].change, None, "a self-assessment is no result");
        assert_eq!(history[2].self_score, Some(280.0));
        assert_eq!(history[2].category.as_deref(), Some("baik"));
        assert_eq!(history[2].change, Some(11.5));
        assert_eq!(history[0].aspects, None);
        assert_eq!(
            history[1].aspects, aspects,
            "a self-assessment's aspects when it is all there is"
        );
        assert_eq!(history[2].aspects, aspects, "the verified result's aspects");
    }
}
