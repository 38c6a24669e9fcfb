//! Agencies of the registry and the filters of their list.

use serde::{Deserialize, Serialize};

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

/// An agency as the registry's administrators see it (issue #19): its name as of the date viewed, when it came and
/// went, its successor, and every name it had.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistryEntry {
    pub code: String,
    /// The name in force on the date viewed (today unless asked otherwise).
    pub name: String,
    pub kind: AgencyKind,
    pub province_code: Option<String>,
    pub autonomous: bool,
    /// `YYYY-MM-DD`; `None`: in the registry from the start.
    pub founded_on: Option<String>,
    /// Its last day, `YYYY-MM-DD`; `None`: it still exists.
    pub retired_on: Option<String>,
    pub succeeded_by: Option<String>,
    /// Every name with the day it took effect (`None`: the name it had from the start), oldest first.
    pub names: Vec<AgencyName>,
}

/// One name of an agency, in force from `from` until the next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyName {
    pub from: Option<String>,
    pub name: String,
}

impl RegistryEntry {
    /// The name in force on `day` (`YYYY-MM-DD`): the latest rename on or before it, else the first name.
    pub fn name_on(&self, day: &str) -> &str {
        self.names
            .iter()
            .rev()
            .find(|n| n.from.as_deref().is_none_or(|from| from <= day))
            .or(self.names.first())
            .map_or(self.name.as_str(), |n| n.name.as_str())
    }

    /// Whether it exists on `day`: founded on or before it, retired on or after it.
    pub fn exists_on(&self, day: &str) -> bool {
        self.founded_on.as_deref().is_none_or(|from| from <= day)
            && self.retired_on.as_deref().is_none_or(|last| day <= last)
    }
}
