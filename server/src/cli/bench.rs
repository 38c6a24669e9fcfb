//! `pantau bench [--seed N] [--scale X] [--if-empty]`: fills an empty database with the demo data and measures
//! what the issues set goals for: the import of the data set, a full evaluation, the violation queries analysts
//! run, and the explorer's page (rows and facets) for a range of filter combinations. With `--if-empty` a database
//! that already holds the data set is measured as it is (the import is then not timed). Prints Markdown tables for
//! docs/benchmarks.md. Timings are wall-clock on this machine, never asserted in tests.

use std::time::{Duration, Instant};

use super::{fill_demo, CliError, DemoArgs};
use model::types::ExplorerFilter;

use crate::db::{Db, ViolationFilter};
use crate::rules::RuleId;
use crate::service::evaluation::{self, Scope};

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
    let db = crate::service::open(database_url)
        .await
        .map_err(anyhow::Error::from)?;
    let started = Instant::now();
    let existing = db.record_count().await.map_err(anyhow::Error::from)?;
    let (filled, import) = if args.if_empty && existing > 0 {
        let agencies = db.all_agencies().await.map_err(anyhow::Error::from)?.len();
        (
            super::Filled {
                agencies,
                records: existing,
                recommendations: 0,
            },
            None,
        )
    } else {
        (fill_demo(&db, &args).await?, Some(started.elapsed()))
    };

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
         | import through the validated path, with per-agency evaluation | {import} |\n\
         | full evaluation as of {today} ({flagged} violations, nothing changed) | {evaluate} |\n\
         | violation list, first page of 100, p50 / p95 of {QUERY_RUNS} | {p1} / {p2} |\n\
         | violation list by rule incl. cleared, page of 100, p50 / p95 | {f1} / {f2} |\n\
         | one agency's violations as of a date (computed afresh), {busiest} | {as_of_agency} |",
        seed = args.seed,
        scale = args.scale,
        agencies = filled.agencies,
        records = filled.records,
        import = import
            .map(|d| format!(
                "{} ({:.0} records/s)",
                seconds(d),
                filled.records as f64 / d.as_secs_f64().max(1e-9)
            ))
            .unwrap_or_else(|| "not timed (data set reused)".to_string()),
        evaluate = seconds(evaluate),
        p1 = millis(page.0),
        p2 = millis(page.1),
        f1 = millis(filtered.0),
        f2 = millis(filtered.1),
        as_of_agency = millis(as_of_agency),
    );
    explorer(&db).await
}

/// The explorer's page (one query for the rows, one for the facets) for filter combinations from none to all,
/// p50 and p95 of [`QUERY_RUNS`] runs each, slowest last line marked.
async fn explorer(db: &Db) -> Result<(), CliError> {
    let all = db
        .explore(&ExplorerFilter::default())
        .await
        .map_err(anyhow::Error::from)?;
    let first = |name: &str| {
        all.facets
            .iter()
            .find(|f| f.name == name)
            .and_then(|f| f.values.iter().max_by_key(|v| v.count))
            .map(|v| v.value.clone())
            .unwrap_or_default()
    };
    let (rule, province, year) = (first("rule"), first("province"), first("year"));
    let second_page = all.next.clone().unwrap_or_default();
    let f = |setup: &dyn Fn(&mut ExplorerFilter)| {
        let mut filter = ExplorerFilter::default();
        setup(&mut filter);
        filter
    };
    let cases: Vec<(&str, ExplorerFilter)> = vec![
        ("no filter, newest first", ExplorerFilter::default()),
        (
            "no filter, second page",
            f(&|x| x.after = second_page.clone()),
        ),
        (
            "no filter, sorted by agency name",
            f(&|x| x.sort = "agency".into()),
        ),
        ("rule (the most frequent)", f(&|x| x.rule = rule.clone())),
        (
            "rule + province",
            f(&|x| {
                x.rule = rule.clone();
                x.province = province.clone();
            }),
        ),
        (
            "severity + status + agency kind",
            f(&|x| {
                x.severity = "high".into();
                x.status = "open".into();
                x.kind = "regency".into();
            }),
        ),
        ("year", f(&|x| x.year = year.clone())),
        ("agency text search \"kota\"", f(&|x| x.q = "kota".into())),
        (
            "all six facets + text search, sorted by agency",
            f(&|x| {
                x.rule = rule.clone();
                x.severity = "high".into();
                x.status = "open".into();
                x.kind = "regency".into();
                x.province = province.clone();
                x.year = year.clone();
                x.q = "kab".into();
                x.sort = "agency".into();
            }),
        ),
    ];
    println!(
        "\n| explorer page ({} violations) | rows | p50 | p95 |\n|---|---|---|---|",
        all.total
    );
    let mut slowest = (String::new(), Duration::ZERO);
    for (name, filter) in cases {
        let mut total = 0;
        let (p50, p95) = percentiles(|| {
            let db = db.clone();
            let filter = filter.clone();
            async move {
                let page = db.explore(&filter).await.map_err(anyhow::Error::from)?;
                Ok(usize::try_from(page.total).unwrap_or(0))
            }
        })
        .await?;
        if let Ok(page) = db.explore(&filter).await {
            total = page.total;
        }
        if p95 > slowest.1 {
            slowest = (name.to_string(), p95);
        }
        println!("| {name} | {total} | {} | {} |", millis(p50), millis(p95));
    }
    println!("\nslowest p95: {} ({})", slowest.0, millis(slowest.1));
    Ok(())
}
