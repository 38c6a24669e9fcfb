//! `pantau evaluate`, `pantau violations` and `pantau params`: the rules from the command line. The operator
//! running the CLI has full rights; changes are audited as done by "cli".

use std::io::IsTerminal;

use super::{CliError, EvaluateArgs, ListFormat, ParamsCommand, ViolationsArgs};
use crate::db::{Db, ViolationRow};
use crate::service::evaluation::{self, Scope};

async fn open(database_url: &str) -> Result<Db, CliError> {
    Ok(crate::service::open(database_url)
        .await
        .map_err(anyhow::Error::from)?)
}

/// A progress bar on a terminal's stderr; nothing when piped or redirected (scripts and CI read stdout).
pub(super) fn progress_bar(what: &str) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar
}

/// `pantau evaluate [--as-of D]`: every rule over every agency, stored, with a summary per rule.
pub async fn evaluate(database_url: &str, args: EvaluateArgs) -> Result<(), CliError> {
    let db = open(database_url).await?;
    let as_of = args.as_of.unwrap_or_else(crate::clock::today);
    let bar = progress_bar("evaluasi / evaluating");
    let summary = evaluation::run(&db, Scope::All, as_of, "cli", &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })
    .await?;
    bar.finish_and_clear();
    crate::service::public::refresh(&crate::service::AppState::new(db.clone())).await;
    println!(
        "Evaluasi per {} / evaluation as of {}: {} instansi / agencies, {} rekaman / records",
        summary.as_of, summary.as_of, summary.agencies, summary.records
    );
    println!(
        "{:<22} {:<8} {:>8} {:>8} {:>8}",
        "RULE", "SEVERITY", "FLAGGED", "RAISED", "CLEARED"
    );
    for rule in &summary.rules {
        println!(
            "{:<22} {:<8} {:>8} {:>8} {:>8}",
            rule.rule_id,
            rule.severity,
            rule.counts.flagged,
            rule.counts.raised,
            rule.counts.cleared
        );
    }
    Ok(())
}

/// `pantau violations`: the stored violations (as of the last evaluation), or with `--as-of` what the rules say
/// as of that date, joined with the stored workflow status.
pub async fn violations(database_url: &str, args: ViolationsArgs) -> Result<(), CliError> {
    let db = open(database_url).await?;
    let filter =
        evaluation::parse_filter(args.agency, args.rule.as_deref(), args.status.as_deref())?;
    if let Some(code) = &filter.agency {
        if db
            .agency(code)
            .await
            .map_err(anyhow::Error::from)?
            .is_none()
        {
            return Err(CliError::Invalid(format!(
                "agency {code:?} is not in the registry"
            )));
        }
    }
    let rows = match args.as_of {
        Some(as_of) => evaluation::as_of(&db, &filter, as_of).await?,
        None => db
            .list_violations(&filter)
            .await
            .map_err(anyhow::Error::from)?,
    };
    match args.format {
        ListFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&rows).map_err(anyhow::Error::from)?
        ),
        ListFormat::Csv => print!(
            "{}",
            crate::service::export::violations_csv(&rows).map_err(anyhow::Error::from)?
        ),
        ListFormat::Table => print_table(&rows),
    }
    Ok(())
}

fn print_table(rows: &[ViolationRow]) {
    println!(
        "{:>6} {:<22} {:<6} {:<21} {:<8} {:<30} {:<18} {:<10} MESSAGE",
        "ID", "RULE", "SEV", "STATUS", "AGENCY", "RECORD", "SUBJECT", "DATE"
    );
    for v in rows {
        println!(
            "{:>6} {:<22} {:<6} {:<21} {:<8} {:<30} {:<18} {:<10} {}",
            v.id,
            v.rule_id,
            v.severity,
            v.status,
            v.agency_code,
            format!("{}/{}", v.record_kind, v.record_id),
            v.subject_nip.as_deref().unwrap_or("-"),
            v.event_date,
            v.message
        );
    }
    println!("{} pelanggaran / violation(s)", rows.len());
}

/// `pantau params` lists the parameters with their timelines; `pantau params set KEY VALUE [--from D]` changes
/// one.
pub async fn params(database_url: &str, command: Option<ParamsCommand>) -> Result<(), CliError> {
    let db = open(database_url).await?;
    if let Some(ParamsCommand::Set {
        key,
        value,
        from,
        basis,
    }) = command
    {
        let change = crate::service::parameters::Change {
            value: &value,
            from,
            basis: basis.as_deref(),
        };
        crate::service::parameters::set(&db, &key, change, "cli").await?;
        match from {
            Some(day) => println!("{key} = {value} from {day}; run `pantau evaluate` to judge the stored records with it"),
            None => println!("{key} = {value}; run `pantau evaluate` to judge the stored records with it"),
        }
        return Ok(());
    }
    for p in crate::service::parameters::describe(&db).await? {
        println!(
            "{:<40} {:>10}  (default {}) {} / {}",
            p.key, p.value, p.default, p.description, p.description_en
        );
        for step in p.history.iter().filter(|s| s.from.is_some()) {
            println!(
                "{:<40} {:>10}  from {}{}",
                "",
                step.value,
                step.from.as_deref().unwrap_or_default(),
                step.basis
                    .as_deref()
                    .map(|b| format!(" ({b})"))
                    .unwrap_or_default()
            );
        }
    }
    Ok(())
}
