//! The violation explorer: its filter (the URL's state), rows and facets.

use serde::{Deserialize, Serialize};

use super::*;

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
    pub rule_id: RuleId,
    pub severity: Severity,
    pub status: Status,
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
