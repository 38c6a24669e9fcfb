//! An agency's scorecard, the rule parameters and the merit summary.

use serde::{Deserialize, Serialize};

use super::*;

/// Unsettled violations (open, in review, recommendation issued) of one rule at one agency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleTally {
    pub rule_id: RuleId,
    pub severity: Severity,
    pub open: i64,
    pub in_review: i64,
    pub recommendation_issued: i64,
}

/// One year of an agency's merit index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeritYear {
    pub year: i32,
    pub self_score: Option<f64>,
    pub verified_score: Option<f64>,
    /// Category of the verified score (`buruk`, `kurang`, `baik`, `sangat_baik`).
    pub category: Option<String>,
    /// Change from the previous verified result.
    pub change: Option<f64>,
    /// The eight aspects' scores (in `MERIT_ASPECT_KEYS` order) of the verified result, or of the
    /// self-assessment when there is no verified one, when the report gave them.
    pub aspects: Option<[f64; 8]>,
}

/// Translation keys of the eight aspects of the Merit System Index, in the order of the published guidelines
/// (and of `MeritYear::aspects`).
pub const MERIT_ASPECT_KEYS: [&str; 8] = [
    "aspect.planning",
    "aspect.recruitment",
    "aspect.career_development",
    "aspect.promotion_mutation",
    "aspect.performance_management",
    "aspect.pay_reward_discipline",
    "aspect.protection_service",
    "aspect.information_system",
];

/// A regional head's term or an election, for the scorecard's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineItem {
    /// `term`, `acting_term` or `election`.
    pub kind: String,
    pub label: String,
    pub from: String,
    pub to: String,
}

/// The scorecard's risk rating and the facts it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskRating {
    /// `low`, `medium` or `high`.
    pub level: String,
    pub high_open: i64,
    pub overdue_followups: i64,
    pub merit_category: Option<String>,
}

/// The commissioners' one-page review of an agency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub agency: Agency,
    pub by_rule: Vec<RuleTally>,
    /// Violations flagged per quarter of their event (`2024-Q3`), oldest first, and the chart of them.
    pub quarters: Vec<(String, i64)>,
    pub quarters_svg: String,
    pub merit: Vec<MeritYear>,
    /// Neutrality complaints still `received` or `verifying`.
    pub open_complaints: i64,
    pub submissions: Vec<SubmissionSummary>,
    /// Refused batches among all of the agency's submissions.
    pub refused: i64,
    pub accepted: i64,
    /// Days since the last accepted batch; `None` when none was ever accepted.
    pub days_since_data: Option<i64>,
    pub timeline: Vec<TimelineItem>,
    /// The timeline drawn (by the page's server function, in the reader's language).
    pub timeline_svg: String,
    pub risk: RiskRating,
    /// Recommendation follow-up per year of the due date.
    pub compliance: Vec<crate::recommendation::ComplianceYear<i64>>,
    /// How the agency reports (issue #19): a silent agency looks clean.
    pub activity: ReportingActivity,
    /// Its open signals (issue #20): patterns to look at, not findings.
    pub signals: Vec<SignalItem>,
    /// The agency beside the agencies of its kind (issue #20); `None` when it is not comparable (retired, or
    /// nothing reported by any agency of its kind).
    pub peers: Option<Peers>,
}

/// An agency's reporting: submissions per quarter, the last accepted one, the share refused, records per kind and
/// year of their event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportingActivity {
    pub quarters: Vec<QuarterActivity>,
    /// `YYYY-MM-DD`.
    pub last_accepted: Option<String>,
    /// Refused ÷ all submissions (0 without any).
    pub refused_share: f64,
    pub records: Vec<KindYear>,
    /// No accepted report for more than `reporting.silent_days` days, or none ever.
    pub silent: bool,
    pub silent_days: i32,
}

/// Submissions that arrived in one quarter (`2026-Q4`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterActivity {
    pub quarter: String,
    pub accepted: i64,
    pub refused: i64,
}

/// How many current records of one kind report on events of one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindYear {
    pub kind: String,
    pub year: i32,
    pub count: i64,
}

/// One agency of the national list of silent agencies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SilentAgency {
    pub code: String,
    pub name: String,
    pub kind: AgencyKind,
    pub province_code: Option<String>,
    /// `YYYY-MM-DD` of the last accepted submission; `None`: never.
    pub last_accepted: Option<String>,
    /// Days since then; `None`: never reported.
    pub days_silent: Option<i64>,
    pub accepted: i64,
    pub refused: i64,
}

/// The national list of silent agencies as of today, in the order asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SilentList {
    /// `reporting.silent_days` in force.
    pub threshold: i32,
    pub as_of: String,
    pub agencies: Vec<SilentAgency>,
}

/// A rule parameter as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter {
    pub key: String,
    /// The value in force today.
    pub value: String,
    pub default: String,
    pub description: String,
    pub description_en: String,
    /// Its timeline (issue #19): the base value, then each dated change, oldest first.
    pub history: Vec<ParameterStep>,
}

/// One value of a parameter's timeline: in force from `from` (`None`: from the beginning) until the next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParameterStep {
    /// `YYYY-MM-DD`, or `null` for the base value.
    pub from: Option<String>,
    pub value: String,
    /// The legal basis of the value (a regulation, a circular), as the administrator wrote it.
    pub basis: Option<String>,
    pub set_at: String,
    pub set_by: String,
}

/// One year of a group's progress toward its merit target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupYear {
    pub year: i32,
    pub good: i64,
    pub assessed: i64,
    pub total: i64,
    /// good ÷ total.
    pub share: f64,
}

/// A group of agencies (`ministry`, `institution`, `province`, `regency_city`) and its progress by year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeritGroup {
    pub group: String,
    /// Goal lines: `(share, year)`.
    pub targets: Vec<(f64, i32)>,
    pub years: Vec<GroupYear>,
}

/// Verified results of one year of assessment by category: Buruk, Kurang, Baik, Sangat Baik.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryYear {
    pub year: i32,
    pub counts: [i64; 4],
}

/// The merit page: progress per group, the category distribution per year, and their charts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeritSummary {
    pub groups: Vec<MeritGroup>,
    pub chart_svg: String,
    pub categories: Vec<CategoryYear>,
    pub categories_svg: String,
}
