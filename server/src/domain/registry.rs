//! The agency registry file (`data/agencies.csv`, from `../shared/data`, ODbL notice in `data/DATA-LICENSE`):
//! parsing only, no I/O. The database layer loads it on first start.

use model::types::{Agency, AgencyKind};

use super::Date;

/// The registry shipped with the binary.
pub const BUNDLED_CSV: &str = include_str!("../../../data/agencies.csv");

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RegistryError {
    #[error("registry line {line}: {message}")]
    Row { line: usize, message: String },
    #[error("registry header must be code,name,kind,province_code,autonomous, found {0}")]
    Header(String),
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    code: String,
    name: String,
    kind: String,
    province_code: String,
    autonomous: String,
}

/// Parses the registry CSV. Every row is checked so that a bad edit of the file fails loudly at start-up rather
/// than showing a wrong denominator in the merit statistics.
pub fn parse(csv_text: &str) -> Result<Vec<Agency>, RegistryError> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| RegistryError::Header(e.to_string()))?
        .clone();
    if header.iter().collect::<Vec<_>>() != ["code", "name", "kind", "province_code", "autonomous"]
    {
        return Err(RegistryError::Header(
            header.iter().collect::<Vec<_>>().join(","),
        ));
    }
    let mut agencies = Vec::new();
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        let line = i + 2;
        let bad = |message: String| RegistryError::Row { line, message };
        let row = row.map_err(|e| bad(e.to_string()))?;
        let kind = AgencyKind::parse(&row.kind)
            .ok_or_else(|| bad(format!("unknown kind {:?}", row.kind)))?;
        let autonomous = match row.autonomous.as_str() {
            "true" => true,
            "false" => false,
            other => {
                return Err(bad(format!(
                    "autonomous must be true or false, found {other:?}"
                )))
            }
        };
        let province_code = Some(row.province_code.trim().to_string()).filter(|p| !p.is_empty());
        if kind.is_regional() != province_code.is_some() {
            return Err(bad(
                "regional agencies need a province_code, central ones none".to_string(),
            ));
        }
        let agency = Agency {
            code: row.code,
            name: row.name,
            kind,
            province_code,
            autonomous,
        };
        check_entry(&agency).map_err(bad)?;
        agencies.push(agency);
    }
    Ok(agencies)
}

/// Longest code and name an administrator may give (the bundled registry's longest are 6 and 62 characters).
const MAX_CODE: usize = 16;
const MAX_NAME: usize = 200;

/// Checks what one entry must hold alone: a code of letters, digits and dots; a name without control characters;
/// a province code for regional agencies and none for central ones (a province's is its own code). Whether the
/// code is new and the province exists is the registry's business (service layer).
pub fn check_entry(agency: &Agency) -> Result<(), String> {
    let code = agency.code.as_str();
    if code.is_empty()
        || code.len() > MAX_CODE
        || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
    {
        return Err(format!(
            "code {code:?} must be 1 to {MAX_CODE} letters, digits and dots"
        ));
    }
    check_name(&agency.name)?;
    if agency.kind.is_regional() != agency.province_code.is_some() {
        return Err("regional agencies need a province_code, central ones none".to_string());
    }
    if agency.kind == AgencyKind::Province && agency.province_code.as_deref() != Some(code) {
        return Err(format!(
            "a province's province_code is its own code ({code})"
        ));
    }
    Ok(())
}

/// A name as an administrator may give it: not blank, at most 200 characters, no control characters.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() || name.chars().count() > MAX_NAME {
        return Err(format!("the name must be 1 to {MAX_NAME} characters"));
    }
    if name.chars().any(char::is_control) {
        return Err("the name must not contain control characters".to_string());
    }
    Ok(())
}

/// An agency's life in the registry: from the day it was founded (`None`: it was there from the start) through the
/// day it was retired, inclusive (`None`: it still exists). Records dated after it are refused; the merit targets'
/// denominators count the agencies that exist at the end of each year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lifespan {
    pub from: Option<Date>,
    pub until: Option<Date>,
}

impl Lifespan {
    pub fn exists_on(&self, day: Date) -> bool {
        self.from.is_none_or(|from| from <= day) && self.until.is_none_or(|until| day <= until)
    }

    /// Whether it exists on 31 December of `year` (a new agency counts from its first year, a retired one up to the
    /// year before it was retired unless that was on 31 December).
    pub fn exists_at_end_of(&self, year: i32) -> bool {
        Date::new(year, 12, 31).is_some_and(|day| self.exists_on(day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_registry_has_the_documented_counts() {
        let agencies = parse(BUNDLED_CSV).expect("bundled registry parses");
        let count = |k: AgencyKind| agencies.iter().filter(|a| a.kind == k).count();
        assert_eq!(agencies.len(), 635);
        assert_eq!(count(AgencyKind::Ministry), 34);
        assert_eq!(count(AgencyKind::Institution), 49);
        assert_eq!(count(AgencyKind::Province), 38);
        assert_eq!(count(AgencyKind::Regency), 416);
        assert_eq!(count(AgencyKind::City), 98);
        let autonomous_local = agencies
            .iter()
            .filter(|a| matches!(a.kind, AgencyKind::Regency | AgencyKind::City) && a.autonomous)
            .count();
        assert_eq!(autonomous_local, 508);
        let mut codes: Vec<_> = agencies.iter().map(|a| &a.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 635, "codes are unique");
    }

    #[test]
    fn a_lifespan_includes_its_first_and_last_day_and_the_years_it_ends() {
        let day = |t: &str| Date::parse(t).expect("date");
        let life = Lifespan {
            from: Some(day("2024-03-01")),
            until: Some(day("2026-06-30")),
        };
        assert!(!life.exists_on(day("2024-02-29")));
        assert!(life.exists_on(day("2024-03-01")));
        assert!(life.exists_on(day("2026-06-30")));
        assert!(!life.exists_on(day("2026-07-01")));
        assert_eq!(
            [2023, 2024, 2025, 2026].map(|y| life.exists_at_end_of(y)),
            [false, true, true, false]
        );
        assert!(Lifespan::default().exists_at_end_of(1950));
    }

    #[test]
    fn an_entry_needs_a_plain_code_a_name_and_the_right_province() {
        let entry = |code: &str, name: &str, kind, province: Option<&str>| Agency {
            code: code.into(),
            name: name.into(),
            kind,
            province_code: province.map(str::to_string),
            autonomous: true,
        };
        assert!(check_entry(&entry("L50", "Badan Baru", AgencyKind::Institution, None)).is_ok());
        assert!(check_entry(&entry("32.80", "Kota Baru", AgencyKind::City, Some("32"))).is_ok());
        assert!(check_entry(&entry("L 50", "Badan", AgencyKind::Institution, None)).is_err());
        assert!(check_entry(&entry("L50", " ", AgencyKind::Institution, None)).is_err());
        assert!(check_entry(&entry("L50", "Badan\u{7}", AgencyKind::Institution, None)).is_err());
        assert!(check_entry(&entry("32.80", "Kota", AgencyKind::City, None)).is_err());
        assert!(check_entry(&entry("L50", "Badan", AgencyKind::Institution, Some("32"))).is_err());
        assert!(check_entry(&entry("97", "Papua X", AgencyKind::Province, Some("96"))).is_err());
    }

    #[test]
    fn rejects_bad_rows_with_their_line() {
        let head = "code,name,kind,province_code,autonomous\n";
        let err = parse(&format!(
            "{head}K01,Kementerian X,ministry,,true\n32,Jawa Barat,planet,32,true\n"
        ));
        assert_eq!(
            err.unwrap_err(),
            RegistryError::Row {
                line: 3,
                message: "unknown kind \"planet\"".into()
            }
        );
        assert!(matches!(
            parse(&format!("{head}32.04,Kab,regency,,true\n")),
            Err(RegistryError::Row { line: 2, .. })
        ));
        assert!(matches!(
            parse(&format!("{head}K01,K,ministry,,yes\n")),
            Err(RegistryError::Row { line: 2, .. })
        ));
        assert!(matches!(
            parse("code,name\nK01,K\n"),
            Err(RegistryError::Header(_))
        ));
    }
}
