//! The explorer's in-memory index of the active violations (see the module above): entries of a few bytes,
//! the filter as the index reads it, facets, sorting and the keyset cursor.

use super::*;

/// Rows per explorer page.
pub const PAGE_ROWS: usize = 50;

/// The facet dimensions, in the order the page shows them.
pub const FACETS: [&str; 6] = ["rule", "severity", "status", "kind", "province", "year"];

/// The sorts: URL value; unknown values sort newest first.
pub(super) const SORTS: [&str; 4] = ["newest", "oldest", "agency", "rule"];

pub(super) const SEVERITIES: [&str; 2] = ["high", "medium"];

/// One active violation in the index.
#[derive(Clone, Copy, Debug)]
pub(super) struct Entry {
    pub(super) id: i64,
    pub(super) rule: u8,
    pub(super) severity: u8,
    pub(super) status: u8,
    pub(super) agency: u16,
    /// `YYYYMMDD`
    pub(super) date: u32,
}

impl Entry {
    pub(super) fn year(&self) -> u32 {
        self.date / 10_000
    }
}

#[derive(Clone, Debug)]
pub(super) struct AgencyInfo {
    pub(super) code: String,
    pub(super) name: String,
    /// Lower-case name and code, for the text search.
    pub(super) search: String,
    pub(super) kind: AgencyKind,
    pub(super) province: Option<String>,
    /// Position in name order, for the agency sort.
    pub(super) name_rank: u32,
}

/// The index of one generation of the violations.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub(super) generation: i64,
    pub(super) entries: Vec<Entry>,
    pub(super) agencies: Vec<AgencyInfo>,
    /// `entries` positions in the order of the newest, agency and rule sorts (oldest is newest read backwards).
    pub(super) orders: [Vec<u32>; 3],
    pub(super) province_names: BTreeMap<String, String>,
}

/// The cached index, shared by the clones of a [`Db`].
pub type ExplorerCache = Arc<tokio::sync::Mutex<Option<Arc<Snapshot>>>>;

pub(super) fn date_number(text: &str) -> u32 {
    text.get(..10)
        .map(|d| d.replace('-', ""))
        .and_then(|d| d.parse().ok())
        .unwrap_or(0)
}

pub(super) fn date_text(n: u32) -> String {
    format!("{:04}-{:02}-{:02}", n / 10_000, n / 100 % 100, n % 100)
}

pub(super) fn index_of<T: PartialEq>(all: &[T], value: &T) -> Option<u8> {
    all.iter()
        .position(|v| v == value)
        .and_then(|i| u8::try_from(i).ok())
}

/// What a filter keeps, resolved against the index: `None` in a field is "any". A value that cannot be read
/// makes `nothing` true (and is named in `invalid`): dropping it silently would show a wider view than the URL
/// asks for.
#[derive(Debug, Default)]
pub(super) struct Wanted {
    pub(super) rule: Option<u8>,
    pub(super) severity: Option<u8>,
    pub(super) status: Option<u8>,
    pub(super) kind: Option<AgencyKind>,
    pub(super) province: Option<String>,
    pub(super) year: Option<u32>,
    /// Agencies whose name or code holds the search text.
    pub(super) agencies: Option<Vec<bool>>,
    pub(super) nothing: bool,
    pub(super) invalid: Vec<String>,
}

impl Wanted {
    pub(super) fn read(filter: &ExplorerFilter, snapshot: &Snapshot) -> Wanted {
        let mut w = Wanted::default();
        let refuse = |w: &mut Wanted, name: &str| {
            w.invalid.push(name.to_string());
            w.nothing = true;
        };
        if !filter.rule.is_empty() {
            match RuleId::parse(&filter.rule).and_then(|r| index_of(RuleId::ALL, &r)) {
                Some(i) => w.rule = Some(i),
                None => refuse(&mut w, "rule"),
            }
        }
        if !filter.severity.is_empty() {
            match index_of(&SEVERITIES, &filter.severity.as_str()) {
                Some(i) => w.severity = Some(i),
                None => refuse(&mut w, "severity"),
            }
        }
        if !filter.status.is_empty() {
            match Status::parse(&filter.status).and_then(|s| index_of(Status::ALL, &s)) {
                Some(i) => w.status = Some(i),
                None => refuse(&mut w, "status"),
            }
        }
        if !filter.kind.is_empty() {
            match AgencyKind::parse(&filter.kind) {
                Some(kind) => w.kind = Some(kind),
                None => refuse(&mut w, "kind"),
            }
        }
        if !filter.province.is_empty() {
            if filter.province.len() == 2 && filter.province.bytes().all(|b| b.is_ascii_digit()) {
                w.province = Some(filter.province.clone());
            } else {
                refuse(&mut w, "province");
            }
        }
        if !filter.year.is_empty() {
            match filter.year.parse::<u32>() {
                Ok(year) if filter.year.len() == 4 && year >= 1900 => w.year = Some(year),
                _ => refuse(&mut w, "year"),
            }
        }
        let q = filter.q.trim().to_lowercase();
        if !q.is_empty() {
            w.agencies = Some(
                snapshot
                    .agencies
                    .iter()
                    .map(|a| a.search.contains(&q))
                    .collect(),
            );
        }
        w
    }

    /// Whether `e` is in the view, ignoring nothing.
    pub(super) fn keeps(&self, e: &Entry, agencies: &[AgencyInfo]) -> bool {
        let Some(agency) = agencies.get(usize::from(e.agency)) else {
            return false;
        };
        !self.nothing
            && self.rule.is_none_or(|r| r == e.rule)
            && self.severity.is_none_or(|s| s == e.severity)
            && self.status.is_none_or(|s| s == e.status)
            && self.kind.is_none_or(|k| k == agency.kind)
            && self
                .province
                .as_ref()
                .is_none_or(|p| agency.province.as_ref() == Some(p))
            && self.year.is_none_or(|y| y == e.year())
            && self
                .agencies
                .as_ref()
                .is_none_or(|a| a.get(usize::from(e.agency)).copied().unwrap_or(false))
    }
}

impl Snapshot {
    pub(super) fn sort_index(filter: &ExplorerFilter) -> usize {
        SORTS.iter().position(|s| *s == filter.sort).unwrap_or(0)
    }

    pub(super) fn rule_text(e: &Entry) -> &'static str {
        RuleId::ALL
            .get(usize::from(e.rule))
            .map(|r| r.as_str())
            .unwrap_or_default()
    }

    pub(super) fn agency_name(&self, e: &Entry) -> &str {
        self.agencies
            .get(usize::from(e.agency))
            .map(|a| a.name.as_str())
            .unwrap_or_default()
    }

    /// The sort key of an entry as the cursor writes it.
    pub(super) fn cursor_value(&self, sort: usize, e: &Entry) -> String {
        match sort {
            2 => self.agency_name(e).to_string(),
            3 => Snapshot::rule_text(e).to_string(),
            _ => date_text(e.date),
        }
    }

    /// Compares an entry with a cursor in the order of `sort` (`Greater`: after it), without allocating: it runs
    /// for every entry before the cursor.
    pub(super) fn cmp_cursor(&self, sort: usize, e: &Entry, cursor: &Cursor) -> Ordering {
        let key = match sort {
            2 => self.agency_name(e).cmp(&cursor.value),
            3 => Snapshot::rule_text(e).cmp(&cursor.value),
            _ => e.date.cmp(&cursor.date),
        };
        let ascending = key.then(e.id.cmp(&cursor.id));
        if sort == 0 {
            ascending.reverse()
        } else {
            ascending
        }
    }

    /// The facet counts and total of the view. Counted into arrays by code (no allocation per violation: this
    /// pass runs over every violation on every page).
    pub(super) fn facets(&self, wanted: &Wanted) -> ([BTreeMap<String, i64>; 6], i64) {
        let mut rules = vec![0i64; RuleId::ALL.len()];
        let mut severities = [0i64; SEVERITIES.len()];
        let mut statuses = [0i64; Status::ALL.len()];
        let mut per_agency = vec![0i64; self.agencies.len()];
        let mut years: BTreeMap<u32, i64> = BTreeMap::new();
        let mut total = 0;
        for e in &self.entries {
            if !wanted.keeps(e, &self.agencies) {
                continue;
            }
            total += 1;
            rules[usize::from(e.rule)] += 1;
            severities[usize::from(e.severity)] += 1;
            statuses[usize::from(e.status)] += 1;
            per_agency[usize::from(e.agency)] += 1;
            *years.entry(e.year()).or_default() += 1;
        }
        let named = |names: &mut dyn Iterator<Item = &str>, counts: &[i64]| {
            names
                .zip(counts)
                .filter(|(_, n)| **n > 0)
                .map(|(name, n)| (name.to_string(), *n))
                .collect::<BTreeMap<String, i64>>()
        };
        let mut kinds: BTreeMap<String, i64> = BTreeMap::new();
        let mut provinces: BTreeMap<String, i64> = BTreeMap::new();
        for (agency, n) in self
            .agencies
            .iter()
            .zip(&per_agency)
            .filter(|(_, n)| **n > 0)
        {
            *kinds.entry(agency.kind.as_str().to_string()).or_default() += n;
            if let Some(p) = &agency.province {
                *provinces.entry(p.clone()).or_default() += n;
            }
        }
        let counts = [
            named(&mut RuleId::ALL.iter().map(|r| r.as_str()), &rules),
            named(&mut SEVERITIES.iter().copied(), &severities),
            named(&mut Status::ALL.iter().map(|s| s.as_str()), &statuses),
            kinds,
            provinces,
            years.into_iter().map(|(y, n)| (y.to_string(), n)).collect(),
        ];
        (counts, total)
    }

    /// The entries of the view in the filter's order, after its cursor if any, at most `limit`.
    pub(super) fn ordered(
        &self,
        filter: &ExplorerFilter,
        wanted: &Wanted,
        cursor: Option<&Cursor>,
        limit: usize,
    ) -> Vec<Entry> {
        let sort = Snapshot::sort_index(filter);
        let positions: Box<dyn Iterator<Item = &u32>> = match sort {
            1 => Box::new(self.orders[0].iter().rev()),
            0 => Box::new(self.orders[0].iter()),
            other => Box::new(self.orders[other - 1].iter()),
        };
        positions
            .filter_map(|&i| self.entries.get(i as usize))
            .filter(|e| cursor.is_none_or(|c| self.cmp_cursor(sort, e, c) == Ordering::Greater))
            .filter(|e| wanted.keeps(e, &self.agencies))
            .take(limit)
            .copied()
            .collect()
    }
}

/// A parsed keyset cursor: the sort key (a date for the date sorts, else text) and the id.
#[derive(Debug, Default)]
pub(super) struct Cursor {
    pub(super) date: u32,
    pub(super) value: String,
    pub(super) id: i64,
}

/// A keyset cursor: the sort column's value and the id of the last row shown, as `value~id`.
pub(super) fn cursor(value: &str, id: i64) -> String {
    format!("{value}~{id}")
}

pub(super) fn parse_cursor(text: &str) -> Option<Cursor> {
    let (value, id) = text.rsplit_once('~')?;
    Some(Cursor {
        date: date_number(value),
        value: value.to_string(),
        id: id.parse().ok()?,
    })
}
