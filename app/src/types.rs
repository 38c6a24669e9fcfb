//! Data that crosses the wire between the server and the browser.

use serde::{Deserialize, Serialize};

/// The five kinds of agency in the registry (`agencies.csv`, column `kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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

/// Regencies and cities of one province, for the home page chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvinceCount {
    pub code: String,
    pub name: String,
    pub regencies: i64,
    pub cities: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    pub kind: AgencyKind,
    pub count: i64,
}

/// Everything the public home page shows, in one round trip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeSummary {
    pub total: i64,
    pub by_kind: Vec<KindCount>,
    pub provinces: Vec<ProvinceCount>,
    /// The agencies-per-province chart, rendered on the server by plotters.
    pub chart_svg: String,
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
    /// `agency`, `analyst`, `commissioner` or `admin`.
    pub role: String,
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
