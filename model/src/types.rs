//! Data that crosses the wire between the server and the browser.

use serde::{Deserialize, Serialize};

use crate::Role;

/// The five kinds of agency in the registry (`agencies.csv`, column `kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    Ministry,
    Institution,
    Province,
    Regency,
    City,
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 5] = [
        AgencyKind::Ministry,
        AgencyKind::Institution,
        AgencyKind::Province,
        AgencyKind::Regency,
        AgencyKind::City,
    ];

    /// The value stored in the database and used in URLs and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Ministry => "ministry",
            AgencyKind::Institution => "institution",
            AgencyKind::Province => "province",
            AgencyKind::Regency => "regency",
            AgencyKind::City => "city",
        }
    }

    pub fn parse(s: &str) -> Option<AgencyKind> {
        AgencyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Translation key of the kind's singular name.
    pub fn label_key(self) -> &'static str {
        match self {
            AgencyKind::Ministry => "kind.ministry",
            AgencyKind::Institution => "kind.institution",
            AgencyKind::Province => "kind.province",
            AgencyKind::Regency => "kind.regency",
            AgencyKind::City => "kind.city",
        }
    }

    /// Regional kinds have a province, a regional head and (when autonomous) elections.
    pub fn is_regional(self) -> bool {
        matches!(
            self,
            AgencyKind::Province | AgencyKind::Regency | AgencyKind::City
        )
    }
}

/// One agency of the registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agency {
    pub code: String,
    pub name: String,
    pub kind: AgencyKind,
    /// The province's code for regional agencies; `None` for central ones.
    pub province_code: Option<String>,
    /// `false` only for DKI Jakarta's six administrative units (no regional head, no election, no own PPK).
    pub autonomous: bool,
}

/// What the agency list can be narrowed by. Empty means "no filter".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyFilter {
    /// Case-insensitive part of the name or the code.
    pub q: String,
    pub kind: Option<AgencyKind>,
    pub province: Option<String>,
    /// At most this many rows; `None` for all.
    pub limit: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Province {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    pub kind: AgencyKind,
    pub count: i64,
}

impl AgencyKind {
    /// Translation key of the kind's plural name (for counts).
    pub fn plural_key(self) -> &'static str {
        match self {
            AgencyKind::Ministry => "kind.ministry_plural",
            AgencyKind::Institution => "kind.institution_plural",
            AgencyKind::Province => "kind.province_plural",
            AgencyKind::Regency => "kind.regency_plural",
            AgencyKind::City => "kind.city_plural",
        }
    }
}

/// The cookie that carries a signed-in person's session token.
pub const SESSION_COOKIE: &str = "pantau_session";

/// Who is signed in, as the pages see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub name: String,
    pub role: Role,
    /// The clerk's agency; `None` for staff.
    pub agency_code: Option<String>,
    /// The session's CSRF token, sent back in every state-changing form.
    pub csrf: String,
}

/// One problem of a refused submission, located for the clerk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionError {
    /// File, row and column (CSV, Excel) or record and field (JSON).
    pub place: String,
    pub message: String,
    pub message_en: String,
}

/// One batch an agency sent, accepted or refused, for the clerks' upload page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionSummary {
    pub id: i64,
    pub received_at: String,
    /// `upload`, `api`, `cli` or `demo`.
    pub source: String,
    pub file_name: Option<String>,
    pub accepted: bool,
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub errors: Vec<SubmissionError>,
}

/// The violation explorer's state, exactly as it stands in the page's URL (`/pelanggaran?rule=…&province=…`):
/// every field is the raw query value, empty for "no filter", so that a bookmarked or shared view reopens as it
/// was. The server checks each value; an unknown one matches nothing rather than being dropped silently.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExplorerFilter {
    pub rule: String,
    pub severity: String,
    pub status: String,
    /// Agency kind (`ministry`, `regency`, …).
    pub kind: String,
    /// Province code.
    pub province: String,
    /// Year of the event that broke the rule.
    pub year: String,
    /// Part of the agency's name or code.
    pub q: String,
    /// `newest` (default), `oldest`, `agency` or `rule`.
    pub sort: String,
    /// Keyset cursor: the `next` of the previous page.
    pub after: String,
}

impl ExplorerFilter {
    /// The fields in URL order, as `(name, value)`: the one list the page, the links and the exports share.
    pub fn pairs(&self) -> [(&'static str, &str); 9] {
        [
            ("rule", &self.rule),
            ("severity", &self.severity),
            ("status", &self.status),
            ("kind", &self.kind),
            ("province", &self.province),
            ("year", &self.year),
            ("q", &self.q),
            ("sort", &self.sort),
            ("after", &self.after),
        ]
    }

    /// Sets a field by its URL name; unknown names are ignored.
    pub fn set(&mut self, name: &str, value: String) {
        let field = match name {
            "rule" => &mut self.rule,
            "severity" => &mut self.severity,
            "status" => &mut self.status,
            "kind" => &mut self.kind,
            "province" => &mut self.province,
            "year" => &mut self.year,
            "q" => &mut self.q,
            "sort" => &mut self.sort,
            "after" => &mut self.after,
            _ => return,
        };
        *field = value;
    }

    /// The query string of this state (without `?`), empty fields left out.
    pub fn query(&self) -> String {
        self.pairs()
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::encode_uri_component(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// This state with one field changed and the page cursor reset (a new filter starts at the first page).
    pub fn with(&self, name: &str, value: &str) -> ExplorerFilter {
        let mut next = self.clone();
        next.set(name, value.to_string());
        if name != "after" {
            next.after.clear();
        }
        next
    }
}

/// One row of the explorer's table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplorerRow {
    pub id: i64,
    pub rule_id: String,
    pub severity: String,
    pub status: String,
    pub agency_code: String,
    pub agency_name: String,
    pub agency_kind: String,
    pub province_code: Option<String>,
    pub event_date: String,
    pub message: String,
    pub message_en: String,
}

/// One value of a facet with how many violations of the current view have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    pub value: String,
    /// What the page shows (a province's name, a rule id); translated on the page where it is a code.
    pub label: String,
    pub count: i64,
}

/// A dimension of the explorer (`rule`, `severity`, `status`, `kind`, `province`, `year`) and its values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    pub name: String,
    pub values: Vec<FacetValue>,
}

/// One page of the explorer: its rows, the facets and total of the whole filtered view, and the next page's
/// cursor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplorerPage {
    pub rows: Vec<ExplorerRow>,
    pub total: i64,
    pub facets: Vec<Facet>,
    pub next: Option<String>,
    /// A value of the filter that could not be read (e.g. `year=20x5`), named for the page to say so.
    pub invalid: Vec<String>,
}

/// One step of a violation's history, as the detail page and the API list it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ViolationStep {
    pub at: String,
    pub actor: String,
    /// `flagged`, `changed`, `reflagged`, `cleared` (by the rules) or `transition` (by a person).
    pub event: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub reason: Option<String>,
    pub letter_number: Option<String>,
    pub letter_date: Option<String>,
    /// The as-of date of the evaluation behind a step taken by the rules.
    pub as_of: Option<String>,
}

/// One revision of the record a violation concerns, exactly as the agency sent it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRevision {
    pub revision: i64,
    pub received_at: String,
    /// The record's JSON, pretty-printed.
    pub content: String,
}

/// Everything the violation's detail page shows to staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationDetail {
    pub id: i64,
    pub rule_id: String,
    pub severity: String,
    pub status: String,
    pub agency_code: String,
    pub agency_name: String,
    pub record_kind: String,
    pub record_id: String,
    pub subject_nip: Option<String>,
    pub event_date: String,
    pub legal_basis: String,
    pub message: String,
    pub message_en: String,
    /// The parameter values it was judged with, `(key, value)`.
    pub params: Vec<(String, String)>,
    pub active: bool,
    pub flagged_as_of: String,
    pub cleared_as_of: Option<String>,
    pub history: Vec<ViolationStep>,
    pub revisions: Vec<RecordRevision>,
    /// The statuses the viewer may move it to now (by role and workflow).
    pub actions: Vec<String>,
}

/// What the audit log page can be narrowed by; empty is no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    pub actor: String,
    /// An action's prefix, e.g. `user.` or `violation.transition`.
    pub action: String,
    /// Part of the subject (`violation/12`, a user's name, a parameter key).
    pub subject: String,
    /// `YYYY-MM-DD`, inclusive.
    pub from: String,
    pub to: String,
    /// Keyset cursor: entries older than this id.
    pub before: String,
}

/// One audit log entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// The `before` of the next (older) page.
    pub next: Option<String>,
}

/// A user as the administrators' page lists them (never a hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub name: String,
    pub role: Role,
    pub agency_code: Option<String>,
    pub active: bool,
    pub has_password: bool,
    pub created_at: String,
}

/// Unsettled violations (open, in review, recommendation issued) of one rule at one agency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleTally {
    pub rule_id: String,
    pub severity: String,
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
}

/// A rule parameter as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter {
    pub key: String,
    pub value: String,
    pub default: String,
    pub description: String,
    pub description_en: String,
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

/// One violation in an agency's review pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackViolation {
    pub id: i64,
    pub rule_id: String,
    pub severity: String,
    pub status: String,
    pub event_date: String,
    pub message: String,
    pub message_en: String,
}

/// The printable review pack of an agency for commissioners: the scorecard, the violations the filters select,
/// and what the pack was made from (filters, the last evaluation's as-of date, when it was made).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewPack {
    pub card: Scorecard,
    /// The filters as given (empty: all).
    pub rule: String,
    pub status: String,
    pub made_at: String,
    /// The as-of date of the latest evaluation of the agency (or of all agencies), if any.
    pub evaluated_as_of: Option<String>,
    pub violations: Vec<PackViolation>,
    /// More violations matched than the pack lists.
    pub truncated: bool,
}

/// What the staff's case list (`/pengaduan`) can be narrowed by; empty is no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseListFilter {
    pub status: String,
    pub agency: String,
    pub election: String,
    /// `1`: only the cases the reader handles.
    pub mine: String,
}

impl CaseListFilter {
    /// The filter as a URL query (its non-empty fields), for links that keep it.
    pub fn query(&self) -> String {
        [
            ("status", &self.status),
            ("agency", &self.agency),
            ("election", &self.election),
            ("mine", &self.mine),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::encode_uri_component(v)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// A complaint filed through the form, as the staff's case list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub reference: String,
    pub agency_code: String,
    pub agency_name: String,
    pub election: String,
    pub position_level: String,
    pub received_on: String,
    pub status: String,
    pub recommended_on: Option<String>,
    /// The PPK's deadline (`R-NEU-NO-FOLLOWUP`), once a recommendation was issued.
    pub deadline: Option<String>,
    pub decided_on: Option<String>,
    /// The deadline passed without a decision by it.
    pub overdue: bool,
}

/// The case list: the newest cases matching the filter (at most `limit`) and the statistics of all complaints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseList {
    pub cases: Vec<CaseSummary>,
    pub limit: i64,
    /// More cases matched than the list shows.
    pub more: bool,
    pub stats: crate::public::ComplaintStats<i64>,
}

/// What a reader sees of the complainant: only a case's handlers may see the identity, and only on asking
/// (each showing is audited).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Identity {
    /// Filed anonymously: there is nothing to show.
    Anonymous,
    /// The reader does not handle the case: "(dirahasiakan)".
    Hidden,
    /// The reader handles the case and may ask to see it.
    Available,
    Shown {
        name: Option<String>,
        contact: Option<String>,
    },
}

/// A PPK's decision sent by the agency as a `neutrality_followup` record naming the case's reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDecision {
    pub record_id: String,
    pub decided_on: String,
    pub sanction: String,
}

/// One case for staff (`/pengaduan/:reference`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub accused_name: Option<String>,
    pub happened_on: Option<String>,
    /// What happened, in the complainant's words.
    pub account: String,
    pub evidence: Vec<String>,
    pub violation_type: Option<String>,
    pub dismissed_reason: Option<String>,
    pub recommended_sanction: Option<String>,
    pub letter_number: Option<String>,
    pub decided_sanction: Option<String>,
    pub agency_decisions: Vec<AgencyDecision>,
    pub handlers: Vec<String>,
    pub identity: Identity,
    /// The steps the reader may take now (`complaints::workflow::Action` names).
    pub actions: Vec<String>,
    /// Who may be named a handler (active analysts and commissioners not yet handling it).
    pub assignable: Vec<String>,
    /// The case's audit entries, oldest first.
    pub history: Vec<AuditEntry>,
}
