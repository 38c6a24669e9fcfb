//! A recommendation's follow-up (rules.md, "Recommendation follow-up"): where it stands as of a date, and the
//! agency's answer. The API lists recommendations by these states; the pages label them.

use serde::{Deserialize, Serialize};

use crate::codes;

codes! {
    /// As of a date: `pending` (not yet due), `overdue` (past due with no on-time answer accepted or awaiting a
    /// verdict), `answered` (an answer awaits the commissioner's verdict), `resolved` (an answer was accepted).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(rename_all = "lowercase")]
    pub enum RecommendationState {
        Pending = "pending",
        Overdue = "overdue",
        Answered = "answered",
        Resolved = "resolved",
    }
}

codes! {
    /// What the agency answered (`recommendation_response.action`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(rename_all = "lowercase")]
    pub enum ResponseAction {
        /// The agency did what was recommended (with its decision letter).
        Complied = "complied",
        /// The agency disputes the recommendation (with its reasons).
        Objection = "objection",
    }
}

/// One recommendation as `GET /api/v1/recommendations` lists it (interfaces.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationItem {
    pub violation_id: i64,
    pub agency_code: String,
    /// The rule of the violation the recommendation is about.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "R-ROT-POST-INAUG"))]
    pub rule_id: crate::RuleId,
    pub letter_number: String,
    /// YYYY-MM-DD
    pub letter_date: String,
    /// The letter date plus `recommendation.followup_days`; it never moves.
    pub due_on: String,
    pub state: RecommendationState,
    /// The answer that decides the state (awaiting a verdict, or accepted), if any.
    pub responded_on: Option<String>,
    /// Whether that answer came by the due date; `null` without one.
    pub on_time: Option<bool>,
}

/// The commissioner's verdict on one answer, as the violation page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerVerdict {
    pub accepted: bool,
    /// YYYY-MM-DD
    pub on: String,
    /// Why a rejected answer was rejected.
    pub reason: Option<String>,
}

/// One answer of the agency to a recommendation, as sent (its current revision).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    /// The record's id (the agency's own reference).
    pub record_id: String,
    pub responded_on: String,
    pub action: ResponseAction,
    /// The decision letter of a `complied` answer: number and date.
    pub decision_letter: Option<(String, String)>,
    pub note: Option<String>,
    /// Whether it came by the due date.
    pub on_time: bool,
    /// `None` while it awaits the verdict.
    pub verdict: Option<AnswerVerdict>,
}

/// A recommendation's follow-up as the violation page shows it: the deadline, where it stands today, every
/// answer with its verdict, and whether the reader may give a verdict now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpView {
    pub letter_number: String,
    pub letter_date: String,
    pub due_on: String,
    pub state: RecommendationState,
    pub answers: Vec<AnswerView>,
    /// A commissioner reading while an answer awaits the verdict.
    pub can_judge: bool,
}

/// A recommendation on the clerk's page (`/unggah`) and the staff's list (`/rekomendasi`): the list item with the
/// violation in words, so that the agency knows what it is asked to put right.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationLine {
    pub item: RecommendationItem,
    pub agency_name: String,
    pub message: String,
    pub message_en: String,
}

/// What the staff's recommendations page (`/rekomendasi`) is narrowed by; its URL's query. Empty: all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationFilter {
    /// A [`RecommendationState`] code.
    #[serde(default)]
    pub state: String,
    /// An agency code.
    #[serde(default)]
    pub agency: String,
}

/// The staff's recommendations page: the compliance figures (nationally, or of the filtered agency) with their
/// chart, and the recommendations that match the filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecommendationOverview {
    pub figures: Vec<ComplianceYear<i64>>,
    pub chart_svg: String,
    pub lines: Vec<RecommendationLine>,
    /// More matched than the page lists (the CSV of the figures and the API have them all).
    pub truncated: bool,
}

codes! {
    /// How recommendations that fell due ended up, in the order the figures list them (rules.md, "Compliance per
    /// year of the due date"); `Open` is an answer awaiting the verdict.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Outcome {
        CompliedOnTime = "complied_on_time",
        CompliedLate = "complied_late",
        Objection = "objection",
        NotComplied = "not_complied",
        Open = "open",
    }
}

/// The compliance figures of one year of due dates (of one agency or all): how many recommendations fell due
/// and how each ended up, counted by [`Outcome`] in its order. `N` is `i64` for staff and
/// [`crate::public::PublicCount`] for the public.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplianceYear<N> {
    pub year: i32,
    pub due: N,
    /// One count per [`Outcome::ALL`].
    pub outcomes: [N; 5],
    /// Complied (on time or late) ÷ due; `None` with nothing due, and for the public under the small-count
    /// threshold (a share of one or two recommendations would single out an agency).
    pub rate: Option<f64>,
}

impl ComplianceYear<i64> {
    /// A year's figures from its outcome counts (in [`Outcome::ALL`] order).
    pub fn new(year: i32, outcomes: [i64; 5]) -> ComplianceYear<i64> {
        let due: i64 = outcomes.iter().sum();
        let complied = outcomes[0] + outcomes[1];
        ComplianceYear {
            year,
            due,
            outcomes,
            rate: (due > 0).then(|| complied as f64 / due as f64),
        }
    }

    pub fn count(&self, outcome: Outcome) -> i64 {
        Outcome::ALL
            .iter()
            .position(|o| *o == outcome)
            .map_or(0, |i| self.outcomes[i])
    }

    /// The figures as the public sees them: counts of one and two suppressed, and no rate under the threshold.
    pub fn public(&self) -> ComplianceYear<crate::public::PublicCount> {
        use crate::public::PublicCount;
        ComplianceYear {
            year: self.year,
            due: PublicCount::of(self.due),
            outcomes: self.outcomes.map(PublicCount::of),
            rate: self.rate.filter(|_| self.due >= PublicCount::THRESHOLD),
        }
    }
}

/// Totals the outcomes of recommendations by the year of their due date, oldest year first.
pub fn compliance_by_year(
    outcomes: impl IntoIterator<Item = (i32, Outcome)>,
) -> Vec<ComplianceYear<i64>> {
    let mut years: std::collections::BTreeMap<i32, [i64; 5]> = std::collections::BTreeMap::new();
    for (year, outcome) in outcomes {
        let slot = Outcome::ALL.iter().position(|o| *o == outcome).unwrap_or(4);
        years.entry(year).or_default()[slot] += 1;
    }
    years
        .into_iter()
        .map(|(year, counts)| ComplianceYear::new(year, counts))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::public::PublicCount;

    #[test]
    fn figures_add_up_by_year_and_the_rate_counts_both_complied() {
        let years = compliance_by_year([
            (2024, Outcome::CompliedOnTime),
            (2024, Outcome::CompliedLate),
            (2024, Outcome::NotComplied),
            (2024, Outcome::Objection),
            (2020, Outcome::CompliedOnTime),
        ]);
        assert_eq!(years.len(), 2);
        assert_eq!(years[0].year, 2020);
        assert_eq!(years[0].rate, Some(1.0));
        assert_eq!(years[1].due, 4);
        assert_eq!(years[1].count(Outcome::NotComplied), 1);
        assert_eq!(years[1].count(Outcome::Open), 0);
        assert_eq!(years[1].rate, Some(0.5));
    }

    #[test]
    fn the_public_sees_no_small_count_and_no_rate_under_three() {
        let two = ComplianceYear::new(2024, [1, 0, 0, 1, 0]).public();
        assert_eq!(two.due, PublicCount::Few);
        assert_eq!(two.rate, None);
        let three = ComplianceYear::new(2024, [1, 0, 0, 2, 0]).public();
        assert_eq!(three.due, PublicCount::Exact(3));
        assert_eq!(three.outcomes[0], PublicCount::Few);
        assert_eq!(three.outcomes[2], PublicCount::Exact(0));
        assert!(three.rate.is_some_and(|r| (r - 1.0 / 3.0).abs() < 1e-9));
    }
}
