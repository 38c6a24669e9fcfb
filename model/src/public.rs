//! What the public pages show: aggregates only, computed on the server after each change and cached (see
//! `server/src/public.rs`). Nothing here carries a NIP, an official's or a complainant's name, and every count
//! that could single a person out is a [`PublicCount`], so the exact small numbers never leave the server.

use serde::{Deserialize, Serialize};

use crate::ComplaintStatus;

use crate::lang::{fmt_int, Lang};
use crate::types::{AgencyKind, CategoryYear, MeritGroup, MeritYear};

/// A count of violations or complaints as the public may see it: 1 and 2 are published as "< 3", because in one
/// agency or one quarter they may point at one official or one complainant. 0 and 3 upwards are exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PublicCount {
    Exact(i64),
    Few,
}

impl Default for PublicCount {
    fn default() -> Self {
        PublicCount::Exact(0)
    }
}

impl PublicCount {
    /// The smallest count published exactly (besides 0).
    pub const THRESHOLD: i64 = 3;

    pub fn of(n: i64) -> PublicCount {
        if n > 0 && n < Self::THRESHOLD {
            PublicCount::Few
        } else {
            PublicCount::Exact(n)
        }
    }

    /// The count as a page or a CSV file shows it.
    pub fn text(self, lang: Lang) -> String {
        match self {
            PublicCount::Exact(n) => fmt_int(lang, n),
            PublicCount::Few => "< 3".to_string(),
        }
    }

    /// What a chart may draw: a suppressed count is not drawn (the table beside the chart says "< 3").
    pub fn drawn(self) -> i64 {
        match self {
            PublicCount::Exact(n) => n,
            PublicCount::Few => 0,
        }
    }
}

/// Violations of one rule in one workflow status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleStatusCount {
    pub rule: String,
    pub status: String,
    pub count: PublicCount,
}

/// Violations of one rule whose event falls in one quarter (`2024-Q1`), dismissed ones left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleQuarter {
    pub quarter: String,
    pub rule: String,
    pub count: PublicCount,
}

/// Neutrality complaints received in one year, by status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintYear {
    pub year: i32,
    /// In the order of [`COMPLAINT_STATUSES`].
    pub counts: [PublicCount; 4],
}

/// The statuses of a neutrality complaint, in the order of [`ComplaintYear::counts`].
pub const COMPLAINT_STATUSES: [ComplaintStatus; 4] = ComplaintStatus::ALL;

/// The position levels of an accused official (reports.md), plus `unknown` for a complainant who does not know
/// it. Labels: the complaint form's `neutrality.level_<code>`.
pub const POSITION_LEVELS: [&str; 7] = [
    "jpt",
    "administrator",
    "supervisor",
    "functional",
    "executor",
    "other",
    "unknown",
];

/// The types of a neutrality violation (reports.md), set when a case is proven. Labels: `vtype.<code>`.
pub const VIOLATION_TYPES: [&str; 4] = [
    "code_of_ethics",
    "discipline_moderate",
    "discipline_heavy",
    "party_membership",
];

/// The sanction categories of the 2022 joint decree, and `none` for a PPK's decision to sanction nothing (a
/// recommendation always names one of the first four). Labels: `sanction.<code>`.
pub const SANCTIONS: [&str; 5] = ["moral_statement", "moderate", "heavy", "dismissal", "none"];

/// What stands in for a complainant's identity wherever a reader may not see it (pages, API, record revisions).
pub const WITHHELD: &str = "(dirahasiakan)";

/// The elections complaints are counted under (codes of `server/src/domain/elections.rs`, which attributes an
/// imported complaint by its date), oldest first, then `other`. Labels: `election.<code>` in the locales.
pub const ELECTIONS: [&str; 5] = [
    "pemilu_2019",
    "pilkada_2020",
    "pemilu_2024",
    "pilkada_2024",
    "other",
];

/// The six counts of the neutrality statistics. A recommendation's deadline is the rule `R-NEU-NO-FOLLOWUP`'s:
/// `followed_up` counts decisions known by the as-of date, `in_time` those on or before the deadline, and
/// `overdue` the recommendations whose deadline passed without a decision by it (a late decision counts as both
/// followed up and overdue, as the rule keeps flagging it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCounts<N> {
    pub received: N,
    pub proven: N,
    pub recommended: N,
    pub followed_up: N,
    pub in_time: N,
    pub overdue: N,
}

/// The column keys of [`CaseCounts`] in its order (labels: `stats.<key>`).
pub const CASE_COUNT_KEYS: [&str; 6] = [
    "received",
    "proven",
    "recommended",
    "followed_up",
    "in_time",
    "overdue",
];

impl<N: Copy> CaseCounts<N> {
    /// The counts in the order of [`CASE_COUNT_KEYS`].
    pub fn values(&self) -> [N; 6] {
        [
            self.received,
            self.proven,
            self.recommended,
            self.followed_up,
            self.in_time,
            self.overdue,
        ]
    }

    fn map<M>(&self, f: impl Fn(N) -> M) -> CaseCounts<M> {
        CaseCounts {
            received: f(self.received),
            proven: f(self.proven),
            recommended: f(self.recommended),
            followed_up: f(self.followed_up),
            in_time: f(self.in_time),
            overdue: f(self.overdue),
        }
    }
}

/// The counts of one group (a position level, a violation type).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCounts<N> {
    pub key: String,
    pub counts: CaseCounts<N>,
}

/// The counts of complaints about one election received in one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElectionYear<N> {
    pub election: String,
    pub year: i32,
    pub counts: CaseCounts<N>,
}

/// The neutrality statistics: exact (`i64`) for staff, suppressed ([`PublicCount`]) for the public.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintStats<N> {
    pub as_of: String,
    pub total: CaseCounts<N>,
    /// In the order of [`ELECTIONS`], then by year.
    pub by_election: Vec<ElectionYear<N>>,
    pub by_position: Vec<GroupCounts<N>>,
    /// Form complaints not yet proven have no type: `undetermined`.
    pub by_type: Vec<GroupCounts<N>>,
}

impl ComplaintStats<i64> {
    /// What the public may see: every count through [`PublicCount::of`].
    pub fn public(&self) -> ComplaintStats<PublicCount> {
        let group = |g: &GroupCounts<i64>| GroupCounts {
            key: g.key.clone(),
            counts: g.counts.map(PublicCount::of),
        };
        ComplaintStats {
            as_of: self.as_of.clone(),
            total: self.total.map(PublicCount::of),
            by_election: self
                .by_election
                .iter()
                .map(|e| ElectionYear {
                    election: e.election.clone(),
                    year: e.year,
                    counts: e.counts.map(PublicCount::of),
                })
                .collect(),
            by_position: self.by_position.iter().map(group).collect(),
            by_type: self.by_type.iter().map(group).collect(),
        }
    }
}

/// A province's agencies (its own government, its regencies and cities) and how many stand at a good merit
/// category (Baik or Sangat Baik, the latest verified result standing until reassessed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvinceMerit {
    pub code: String,
    pub name: String,
    pub total: i64,
    pub assessed: i64,
    pub good: i64,
    /// good ÷ total.
    pub share: f64,
    /// Unsettled and settled violations in the province by rule and status.
    pub violations: Vec<RuleStatusCount>,
}

/// An agency's public profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgencyPublic {
    pub code: String,
    pub name: String,
    pub kind: AgencyKind,
    pub province_code: Option<String>,
    /// Verified results only, oldest first (self-assessments are the agency's working figures, not published).
    pub merit: Vec<MeritYear>,
    pub violations: Vec<RuleStatusCount>,
}

impl AgencyPublic {
    /// The latest verified result, which stands until the agency is reassessed.
    pub fn standing(&self) -> Option<&MeritYear> {
        self.merit.last()
    }
}

/// Every public aggregate, computed in one go from one state of the database.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicData {
    /// The state of the data it was computed from (see `server/src/public.rs`).
    pub key: String,
    /// When it was computed (UTC, `YYYY-MM-DDTHH:MM:SSZ`): the "as of" of every public page.
    pub computed_at: String,
    pub progress: Vec<MeritGroup>,
    pub categories: Vec<CategoryYear>,
    pub provinces: Vec<ProvinceMerit>,
    /// Every quarter with a violation, oldest first.
    pub rule_quarters: Vec<RuleQuarter>,
    pub complaints: Vec<ComplaintYear>,
    pub complaint_stats: ComplaintStats<PublicCount>,
    pub agencies: Vec<AgencyPublic>,
    /// Recommendation follow-up nationally, per year of the due date (small counts suppressed).
    pub compliance: Vec<crate::recommendation::ComplianceYear<PublicCount>>,
    /// Agencies with no accepted report for more than `silent_days` days, or none ever (issue #19).
    pub silent_agencies: i64,
    pub silent_days: i32,
}

/// The national summary page (`/`): the aggregates and their charts in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NationalSummary {
    pub computed_at: String,
    pub total: i64,
    pub by_kind: Vec<crate::types::KindCount>,
    pub progress: Vec<MeritGroup>,
    pub provinces: Vec<ProvinceMerit>,
    pub map_svg: String,
    /// The last quarters shown on the page (the CSV download has them all).
    pub rule_quarters: Vec<RuleQuarter>,
    pub quarters_svg: String,
    pub complaints: Vec<ComplaintYear>,
    pub complaints_svg: String,
    pub complaint_stats: ComplaintStats<PublicCount>,
    pub compliance: Vec<crate::recommendation::ComplianceYear<PublicCount>>,
    pub compliance_svg: String,
    pub silent_agencies: i64,
    pub silent_days: i32,
}

/// A province's public page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvincePage {
    pub computed_at: String,
    pub province: ProvinceMerit,
    /// The province's own government first, then its regencies and cities by name.
    pub agencies: Vec<AgencyPublic>,
}

/// An agency's public page: its registry entry and its public aggregates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgencyProfile {
    pub computed_at: String,
    pub agency: crate::types::Agency,
    pub province_name: Option<String>,
    pub public: AgencyPublic,
}

/// The quarters and the rules present in `rows`, each sorted and once: the columns and rows of their table and
/// the bars and parts of their chart.
pub fn quarters_and_rules(rows: &[RuleQuarter]) -> (Vec<String>, Vec<String>) {
    let quarters: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.quarter.as_str()).collect();
    let rules: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.rule.as_str()).collect();
    (
        quarters.into_iter().map(str::to_string).collect(),
        rules.into_iter().map(str::to_string).collect(),
    )
}

/// How many quarters the national page shows (the CSV download has them all).
pub const QUARTERS_SHOWN: usize = 12;

impl PublicData {
    /// Agencies per kind, in the kinds' order.
    pub fn kind_counts(&self) -> Vec<crate::types::KindCount> {
        AgencyKind::ALL
            .iter()
            .map(|kind| crate::types::KindCount {
                kind: *kind,
                count: self.agencies.iter().filter(|a| a.kind == *kind).count() as i64,
            })
            .collect()
    }

    /// The last [`QUARTERS_SHOWN`] quarters with violations.
    pub fn recent_quarters(&self) -> Vec<RuleQuarter> {
        let (quarters, _) = quarters_and_rules(&self.rule_quarters);
        let from = quarters.len().saturating_sub(QUARTERS_SHOWN);
        let first = quarters.get(from).cloned().unwrap_or_default();
        self.rule_quarters
            .iter()
            .filter(|r| r.quarter >= first)
            .cloned()
            .collect()
    }
}

/// The public CSV downloads: file name (under `/unduh/`) and the translation key of its description.
pub const DOWNLOADS: [(&str, &str); 7] = [
    ("kemajuan-merit.csv", "download.progress"),
    ("merit-provinsi.csv", "download.provinces"),
    ("pelanggaran-triwulan.csv", "download.quarters"),
    ("pengaduan-netralitas.csv", "download.complaints"),
    ("statistik-netralitas.csv", "download.complaint_stats"),
    ("tindak-lanjut-rekomendasi.csv", "download.compliance"),
    ("instansi.csv", "download.agencies"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_and_two_are_suppressed_zero_and_three_are_exact() {
        assert_eq!(PublicCount::of(0), PublicCount::Exact(0));
        assert_eq!(PublicCount::of(1), PublicCount::Few);
        assert_eq!(PublicCount::of(2), PublicCount::Few);
        assert_eq!(PublicCount::of(3), PublicCount::Exact(3));
        assert_eq!(PublicCount::of(1234).text(Lang::Id), "1.234");
        assert_eq!(PublicCount::of(2).text(Lang::En), "< 3");
        assert_eq!(PublicCount::of(2).drawn(), 0);
    }
}

/// The cookie in which the form's handler hands the receipt (`REFERENCE.CODE`) to the receipt page.
pub const RECEIPT_COOKIE: &str = "pantau_receipt";
/// The cookie in which the status check's handler hands its result (`REFERENCE.STATUS.RECEIVED.UPDATED`).
pub const STATUS_COOKIE: &str = "pantau_complaint_status";

/// A complaint's reference and receipt code, shown once after filing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub reference: String,
    pub receipt_code: String,
}

/// The result of a status check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCheck {
    pub reference: String,
    pub status: ComplaintStatus,
    pub received_on: String,
    pub updated_on: String,
}
