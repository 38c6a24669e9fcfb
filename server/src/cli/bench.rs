//! `pantau bench [--seed N] [--scale X]`: fills an empty database with the demo data and measures what the
//! issues set goals for: the import of the data set, a full evaluation, and the violation queries analysts run.
//! Prints a Markdown table for docs/benchmarks.md. Timings are wall-clock on this machine, never asserted in
//! tests.

use std::time::{Duration, Instant};

use super::{fill_demo, CliError, DemoArgs};
use crate::db::{Db, ViolationFilter};
use crate::evaluation::{self, Scope};
use crate::rules::RuleId;

/// How often each query is repeated for its percentiles.
const QUERY_RUNS: usize = 50;

fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// p50 and p95 of `runs` timings of `query`.
async fn percentiles<F, Fut>(mut query: F) -> Result<(Duration, Duration), CliError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<usize, CliError>>,
{
    let mut times = Vec::with_capacity(QUERY_RUNS);
    for _ in 0..QUERY_RUNS {
        let start = Instant::now();
        query().await?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok((times[QUERY_RUNS / 2], times[QUERY_RUNS * 95 / 100]))
}

pub async fn run(database_url: &str, args: DemoArgs) -> Result<(), CliError> {
    let db = Db::open(database_url).await.map_err(anyhow::Error::from)?;
    let started = Instant::now();
    let filled = fill_demo(&db, &args).await?;
    let import = started.elapsed();

    let today = crate::clock::today();
    let started = Instant::now();
    let summary = evaluation::run(&db, Scope::All, today, "bench", &mut |_, _| {}).await?;
    let evaluate = started.elapsed();
    let flagged: i64 = summary.rules.iter().map(|r| r.counts.flagged).sum();

    let busiest = db
        .list_violations(&ViolationFilter::default())
        .await
        .map_err(anyhow::Error::from)?
        .first()
        .map(|v| v.agency_code.clone())
        .unwrap_or_default();
    let list = |filter: ViolationFilter| {
        let db = db.clone();
        move || {
            let db = db.clone();
            let filter = filter.clone();
            async move {
                Ok(db
                    .list_violations(&filter)
                    .await
                    .map_err(anyhow::Error::from)?
                    .len())
            }
        }
    };
    let page = percentiles(list(ViolationFilter {
        limit: Some(100),
        ..ViolationFilter::default()
    }))
    .await?;
    let filtered = percentiles(list(ViolationFilter {
        rule: Some(RuleId::RotPreElection),
        include_cleared: true,
        limit: Some(100),
        ..ViolationFilter::default()
    }))
    .await?;
    let started = Instant::now();
    let filter = ViolationFilter {
        agency: Some(busiest.clone()),
        ..ViolationFilter::default()
    };
    evaluation::as_of(&db, &filter, today).await?;
    let as_of_agency = started.elapsed();

    println!(
        "| measure | result |\n|---|---|\n\
         | demo data (seed {seed}, scale {scale}) | {agencies} agencies, {records} records |\n\
         | import through the validated path, with per-agency evaluation | {import} ({rate:.0} records/s) |\n\
         | full evaluation as of {today} ({flagged} violations, nothing changed) | {evaluate} |\n\
         | violation list, first page of 100, p50 / p95 of {QUERY_RUNS} | {p1} / {p2} |\n\
         | violation list by rule incl. cleared, page of 100, p50 / p95 | {f1} / {f2} |\n\
         | one agency's violations as of a date (computed afresh), {busiest} | {as_of_agency} |",
        seed = args.seed,
        scale = args.scale,
        agencies = filled.agencies,
        records = filled.records,
        import = seconds(import),
        rate = filled.records as f64 / import.as_secs_f64().max(1e-9),
        evaluate = seconds(evaluate),
        p1 = millis(page.0),
        p2 = millis(page.1),
        f1 = millis(filtered.0),
        f2 = millis(filtered.1),
        as_of_agency = millis(as_of_agency),
    );
    Ok(())
}
