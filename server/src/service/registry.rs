//! The registry, administered (issue #19, interfaces.md "Registry"): add agencies (one, or a CSV with the columns
//! of `data/agencies.csv`, all or nothing), rename one from a date, retire one on a date with its successor, list
//! it as of a date. Every refusal stores nothing. The registry holds 635 agencies while KASN reported overseeing
//! 719: the missing central institutions are added with `pantau agency import FILE.csv` (README, "Registry").

use std::collections::{HashMap, HashSet};

use model::types::{Agency, AgencyKind, RegistryEntry};

use crate::db::{Db, DbError, NewAgency};
use crate::domain::registry::{self, RegistryError};
use crate::domain::Date;

#[derive(Debug, thiserror::Error)]
pub enum RegistryChangeError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("no agency {0:?} in the registry")]
    UnknownCode(String),
    #[error("agency {0:?} is already in the registry")]
    DuplicateCode(String),
    #[error("agency {code:?} was already retired on {on}")]
    AlreadyRetired { code: String, on: String },
    #[error("{date} is before agency {code:?} existed (from {from})")]
    BeforeExistence {
        code: String,
        date: Date,
        from: String,
    },
    #[error("{date} is after agency {code:?} was retired ({on})")]
    AfterRetirement {
        code: String,
        date: Date,
        on: String,
    },
    #[error("province {0:?} is not in the registry")]
    UnknownProvince(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Csv(#[from] RegistryError),
}

/// Every agency (retired ones too) with its name as of `as_of` (default: today); with `as_of`, only the agencies
/// that existed that day.
pub async fn list(db: &Db, as_of: Option<Date>) -> Result<Vec<RegistryEntry>, RegistryChangeError> {
    let day = as_of.unwrap_or_else(crate::clock::today).to_string();
    Ok(db
        .registry_entries()
        .await?
        .into_iter()
        .filter(|e| as_of.is_none() || e.exists_on(&day))
        .map(|mut e| {
            e.name = e.name_on(&day).to_string();
            e
        })
        .collect())
}

/// Adds `agencies` after checking each alone and all against the registry and each other; all or nothing.
pub async fn add(
    db: &Db,
    agencies: Vec<(Agency, Option<Date>)>,
    actor: &str,
) -> Result<usize, RegistryChangeError> {
    let known: HashMap<String, RegistryEntry> = db
        .registry_entries()
        .await?
        .into_iter()
        .map(|e| (e.code.clone(), e))
        .collect();
    let mut provinces: HashSet<String> = known
        .values()
        .filter(|e| e.kind == AgencyKind::Province && e.retired_on.is_none())
        .map(|e| e.code.clone())
        .collect();
    provinces.extend(
        agencies
            .iter()
            .filter(|(a, _)| a.kind == AgencyKind::Province)
            .map(|(a, _)| a.code.clone()),
    );
    let mut seen = HashSet::new();
    for (agency, _) in &agencies {
        registry::check_entry(agency)
            .map_err(|e| RegistryChangeError::Invalid(format!("{}: {e}", agency.code)))?;
        if known.contains_key(&agency.code) || !seen.insert(agency.code.clone()) {
            return Err(RegistryChangeError::DuplicateCode(agency.code.clone()));
        }
        if let Some(province) = &agency.province_code {
            if !provinces.contains(province) {
                return Err(RegistryChangeError::UnknownProvince(province.clone()));
            }
        }
    }
    let new: Vec<NewAgency> = agencies
        .into_iter()
        .map(|(agency, from)| NewAgency {
            agency,
            founded_on: from.map(|d| d.to_string()),
        })
        .collect();
    db.add_agencies(&new, actor, &crate::clock::now_text())
        .await?;
    Ok(new.len())
}

/// Adds the agencies of a CSV with the columns of `data/agencies.csv` (checked as the bundled file is), all or
/// nothing; they exist from the start.
pub async fn import_csv(db: &Db, text: &str, actor: &str) -> Result<usize, RegistryChangeError> {
    let agencies = registry::parse(text)?;
    if agencies.is_empty() {
        return Err(RegistryChangeError::Invalid(
            "the file lists no agency".into(),
        ));
    }
    add(db, agencies.into_iter().map(|a| (a, None)).collect(), actor).await
}

/// The entry of `code`, or the refusal that it is unknown.
async fn entry(db: &Db, code: &str) -> Result<RegistryEntry, RegistryChangeError> {
    db.registry_entries()
        .await?
        .into_iter()
        .find(|e| e.code == code)
        .ok_or_else(|| RegistryChangeError::UnknownCode(code.to_string()))
}

/// Refuses `date` before the agency existed or after its retirement.
fn within_life(entry: &RegistryEntry, date: Date) -> Result<(), RegistryChangeError> {
    let day = date.to_string();
    if let Some(from) = entry
        .founded_on
        .as_deref()
        .filter(|from| day.as_str() < *from)
    {
        return Err(RegistryChangeError::BeforeExistence {
            code: entry.code.clone(),
            date,
            from: from.to_string(),
        });
    }
    if let Some(on) = entry.retired_on.as_deref().filter(|on| day.as_str() > *on) {
        return Err(RegistryChangeError::AfterRetirement {
            code: entry.code.clone(),
            date,
            on: on.to_string(),
        });
    }
    Ok(())
}

/// Renames `code` to `name` from `from` on.
pub async fn rename(
    db: &Db,
    code: &str,
    name: &str,
    from: Date,
    actor: &str,
) -> Result<(), RegistryChangeError> {
    let entry = entry(db, code).await?;
    registry::check_name(name).map_err(RegistryChangeError::Invalid)?;
    within_life(&entry, from)?;
    db.rename_agency(
        code,
        (name.trim(), &from.to_string()),
        actor,
        &crate::clock::now_text(),
    )
    .await?;
    Ok(())
}

/// Retires `code` with `on` as its last day; its records and violations stay.
pub async fn retire(
    db: &Db,
    code: &str,
    on: Date,
    succeeded_by: Option<&str>,
    actor: &str,
) -> Result<(), RegistryChangeError> {
    let entry = entry(db, code).await?;
    if let Some(retired) = &entry.retired_on {
        return Err(RegistryChangeError::AlreadyRetired {
            code: code.to_string(),
            on: retired.clone(),
        });
    }
    within_life(&entry, on)?;
    let succeeded_by = succeeded_by.map(str::trim).filter(|s| !s.is_empty());
    if let Some(successor) = succeeded_by {
        if successor == code {
            return Err(RegistryChangeError::Invalid(format!(
                "agency {code:?} cannot succeed itself"
            )));
        }
        if matches!(
            self::entry(db, successor).await,
            Err(RegistryChangeError::UnknownCode(_))
        ) {
            return Err(RegistryChangeError::Invalid(format!(
                "successor {successor:?} is not in the registry"
            )));
        }
    }
    db.retire_agency(
        code,
        (&on.to_string(), succeeded_by),
        actor,
        &crate::clock::now_text(),
    )
    .await?;
    Ok(())
}

/// Each agency's life in the registry, by code (the merit denominators and the import's date check).
pub async fn lifespans(db: &Db) -> Result<HashMap<String, registry::Lifespan>, DbError> {
    let parse = |text: Option<&str>| text.and_then(|t| Date::parse(t).ok());
    Ok(db
        .registry_entries()
        .await?
        .into_iter()
        .map(|e| {
            let life = registry::Lifespan {
                from: parse(e.founded_on.as_deref()),
                until: parse(e.retired_on.as_deref()),
            };
            (e.code, life)
        })
        .collect())
}
