//! The agency registry file (`data/agencies.csv`, from `../shared/data`, ODbL notice in `data/DATA-LICENSE`):
//! parsing only, no I/O. The database layer loads it on first start.

use model::types::{Agency, AgencyKind};

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
        if row.code.trim().is_empty() || row.name.trim().is_empty() {
            return Err(bad("code and name must not be empty".to_string()));
        }
        agencies.push(Agency {
            code: row.code,
            name: row.name,
            kind,
            province_code,
            autonomous,
        });
    }
    Ok(agencies)
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
