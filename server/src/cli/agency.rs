//! `pantau agency …` (issue #19, interfaces.md "Registry"): list the registry as of a date, add, rename and retire
//! an agency, import a CSV of agencies. Exit codes as for `import`: 3 when refused (nothing stored).

use clap::{Args, Subcommand};
use model::types::{Agency, AgencyKind};

use super::{CliError, ListFormat};
use crate::domain::Date;
use crate::service::registry;

#[derive(Debug, Subcommand)]
pub enum AgencyCommand {
    /// The registry (retired agencies too), each name as it was on --as-of; with --as-of only those that existed.
    List {
        #[arg(long)]
        as_of: Option<Date>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Add an agency.
    Add(AddArgs),
    /// Rename an agency from a date on (the old name stays for the dates before).
    Rename {
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        from: Date,
    },
    /// Retire an agency (its records and violations stay); --on is its last day.
    Retire {
        code: String,
        #[arg(long)]
        on: Date,
        #[arg(long)]
        succeeded_by: Option<String>,
    },
    /// Add the agencies of a CSV with the columns of data/agencies.csv; all or nothing.
    Import { file: std::path::PathBuf },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    pub code: String,
    #[arg(long)]
    pub name: String,
    /// ministry, institution, province, regency or city.
    #[arg(long)]
    pub kind: String,
    /// The province's code (regencies and cities; a province's own code).
    #[arg(long)]
    pub province: Option<String>,
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub autonomous: bool,
    /// The day it exists from (default: from the start).
    #[arg(long)]
    pub from: Option<Date>,
}

pub async fn run(database_url: &str, command: AgencyCommand) -> Result<(), CliError> {
    let db = crate::service::open(database_url)
        .await
        .map_err(anyhow::Error::from)?;
    match command {
        AgencyCommand::List { as_of, format } => {
            let entries = registry::list(&db, as_of).await?;
            print(&entries, format);
        }
        AgencyCommand::Add(args) => {
            let kind = AgencyKind::parse(&args.kind).ok_or_else(|| {
                CliError::Invalid(format!(
                    "--kind {:?}: expected ministry, institution, province, regency or city",
                    args.kind
                ))
            })?;
            let agency = Agency {
                code: args.code.trim().to_string(),
                name: args.name.trim().to_string(),
                kind,
                province_code: args.province.map(|p| p.trim().to_string()),
                autonomous: args.autonomous,
            };
            registry::add(&db, vec![(agency, args.from)], "cli").await?;
            println!("added {}", args.code.trim());
        }
        AgencyCommand::Rename { code, name, from } => {
            registry::rename(&db, &code, &name, from, "cli").await?;
            println!("{code} is named {:?} from {from}", name.trim());
        }
        AgencyCommand::Retire {
            code,
            on,
            succeeded_by,
        } => {
            registry::retire(&db, &code, on, succeeded_by.as_deref(), "cli").await?;
            println!("{code} retired on {on}");
        }
        AgencyCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| CliError::Invalid(format!("cannot read {}: {e}", file.display())))?;
            let added = registry::import_csv(&db, &text, "cli").await?;
            println!("added {added} agencies");
        }
    }
    Ok(())
}

fn print(entries: &[model::types::RegistryEntry], format: ListFormat) {
    match format {
        ListFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(entries).unwrap_or_default()
        ),
        ListFormat::Csv => {
            println!("code,name,kind,province_code,autonomous,founded_on,retired_on,succeeded_by");
            for e in entries {
                println!(
                    "{},{},{},{},{},{},{},{}",
                    e.code,
                    csv_field(&e.name),
                    e.kind.as_str(),
                    e.province_code.as_deref().unwrap_or(""),
                    e.autonomous,
                    e.founded_on.as_deref().unwrap_or(""),
                    e.retired_on.as_deref().unwrap_or(""),
                    e.succeeded_by.as_deref().unwrap_or("")
                );
            }
        }
        ListFormat::Table => {
            println!(
                "{:<8} {:<50} {:<12} {:<8} {:<10} {:<10} SUCCESSOR",
                "CODE", "NAME", "KIND", "PROVINCE", "FROM", "RETIRED"
            );
            for e in entries {
                println!(
                    "{:<8} {:<50} {:<12} {:<8} {:<10} {:<10} {}",
                    e.code,
                    e.name,
                    e.kind.as_str(),
                    e.province_code.as_deref().unwrap_or("-"),
                    e.founded_on.as_deref().unwrap_or("-"),
                    e.retired_on.as_deref().unwrap_or("-"),
                    e.succeeded_by.as_deref().unwrap_or("-")
                );
            }
            println!("{} instansi / agencies", entries.len());
        }
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
