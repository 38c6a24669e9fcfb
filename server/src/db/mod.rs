//! The data layer: the only place with SQL. One `sqlx::AnyPool` serves SQLite (the embedded default) and
//! PostgreSQL (production) with the same portable queries — `$n` placeholders, INTEGER booleans, ISO-8601 TEXT
//! dates — and one migration folder per engine, because their DDL differs (see docs/architecture.md).

mod agencies;
pub mod compact;
mod complaints;
mod explorer;
mod limits;
mod multirow;
mod outbox;
mod parameters;
mod peers;
pub use parameters::StoredChange;
pub use peers::PeerRow;
mod public_snapshot;
mod recommendations;
mod record_reads;
mod records;
mod registry;
pub use registry::NewAgency;
mod reporting;
pub use reporting::AgencyActivity;
mod rule_bundles;
mod scorecard;
mod sessions;
mod signals;
pub use signals::signal_records;
mod users;
mod violation_steps;
mod violations;

pub use complaints::{CaseFilter, CaseRecord, CaseUpdate, ComplaintStatusRow};
pub use outbox::{valid_email, Attempt, Mail, MailKind, MailState, NewMail, Recipient};
pub use public_snapshot::ViolationCount;
pub use recommendations::{NewVerdict, RecommendationRow, StoredAnswer, VerdictRow};
pub use record_reads::{Appearance, Revision, RuleRecord};
pub use records::{StorableBatch, StoreCounts, SubmissionMeta};
pub use users::{Credential, UserError};
pub use violation_steps::Move;
pub use violations::{key_text, KeyText, Outcome, RuleCounts, ViolationFilter, ViolationRow};

use std::str::FromStr;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor};

/// The default database: an SQLite file in the working folder, created when missing.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://pantau.db";

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported database URL {0:?}: use sqlite://FILE or postgres://…")]
    UnsupportedUrl(String),
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("the agency registry is invalid: {0}")]
    Registry(#[from] crate::domain::registry::RegistryError),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
}

/// The condition `<column> = $<n>` when `value` is given, else `$<n> = ''` (true for all, with the parameter
/// still bound as ''): spelled out in the query text because a bound `($n = '' OR column = $n)` keeps the planner
/// from the column's index — SQLite then read every agency's rule bundle to evaluate one (3.5 ms of each
/// evaluation at `--scale 1`, issue #21). The text is made of fixed pieces only (for `AssertSqlSafe`). (The
/// registry's list keeps the bound form: 700 rows are read whole faster than through any index.)
fn optional_eq(column: &'static str, n: usize, value: Option<&str>) -> String {
    match value {
        Some(_) => format!("{column} = ${n}"),
        None => format!("${n} = ''"),
    }
}

/// The migrations of `engine`, embedded in the binary (tests also run them part-way).
pub fn migrator(engine: Engine) -> sqlx::migrate::Migrator {
    match engine {
        Engine::Sqlite => sqlx::migrate!("../migrations/sqlite"),
        Engine::Postgres => sqlx::migrate!("../migrations/postgres"),
    }
}

/// Which engine a pool talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }

    /// The engine behind a connection (for the few statements whose text differs between the engines).
    pub(crate) fn of(conn: &sqlx::AnyConnection) -> Engine {
        if conn.backend_name().eq_ignore_ascii_case("sqlite") {
            Engine::Sqlite
        } else {
            Engine::Postgres
        }
    }
}

impl FromStr for Engine {
    type Err = DbError;
    fn from_str(url: &str) -> Result<Engine, DbError> {
        match url.split_once(':').map(|(scheme, _)| scheme) {
            Some("sqlite") => Ok(Engine::Sqlite),
            Some("postgres" | "postgresql") => Ok(Engine::Postgres),
            _ => Err(DbError::UnsupportedUrl(url.to_string())),
        }
    }
}

/// A connection pool and the engine behind it. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    /// Where write transactions start: on SQLite a pool of one connection, on PostgreSQL `pool` itself.
    writer: AnyPool,
    pub engine: Engine,
    /// The violation explorer's in-memory index (see `explorer.rs`), shared by this pool's clones.
    explorer: explorer::ExplorerCache,
    /// Writes committed through this pool's clones (see [`Db::writes`]).
    writes: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// The rules' bundle the last stored batch wrote, for the evaluation that follows it (`rule_bundles`).
    last_bundle: rule_bundles::LastBundle,
}

impl Db {
    /// Connects without migrating. An SQLite file is created when missing (the embedded default needs no set-up).
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let engine: Engine = url.parse()?;
        let url = match engine {
            Engine::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_string(),
        };
        let pool = pool_options(engine)
            .max_connections(match engine {
                Engine::Sqlite => 8,
                Engine::Postgres => 16,
            })
            .connect(&url)
            .await?;
        // SQLite's write transactions go through one connection of their own (`begin_write`). SQLite lets one
        // writer in at a time anyway; here writers wait their turn in the pool's queue instead of SQLite's busy
        // handler, which polls with sleeps of up to 100 ms. And one connection keeps its page cache from one write
        // to the next: a connection's cache is emptied whenever another connection has written, which with
        // writes spread over the pool's eight was every time (a `--scale 10` import read 640,000 pages back from
        // the file system; 516,000 with one writer). A database in memory is one per connection, so it keeps
        // the one pool.
        let writer = match engine {
            Engine::Sqlite if !url.contains(":memory:") && !url.contains("mode=memory") => {
                pool_options(engine)
                    .max_connections(1)
                    .connect(&url)
                    .await?
            }
            _ => pool.clone(),
        };
        Ok(Db {
            pool,
            writer,
            engine,
            explorer: Default::default(),
            writes: Default::default(),
            last_bundle: Default::default(),
        })
    }

    /// Connects, applies the migrations of the engine and loads the registry when the database has none. The
    /// application opens it through `service::open`, which also adds the rule parameters.
    pub async fn open(url: &str) -> Result<Db, DbError> {
        let db = Db::connect(url).await?;
        db.migrate().await?;
        db.seed_registry().await?;
        Ok(db)
    }

    pub async fn migrate(&self) -> Result<(), DbError> {
        migrator(self.engine).run(&self.pool).await?;
        Ok(())
    }

    /// How many writes were committed through this pool's clones. Caches above the data layer compare it with
    /// the count they were filled at: a write made here shows at once, one made by another server within their
    /// own re-check interval.
    pub fn writes(&self) -> u64 {
        self.writes.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Counts a committed write (see [`Db::writes`]).
    pub(crate) fn note_write(&self) {
        self.writes
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// Refreshes PostgreSQL's planner statistics (`ANALYZE`; SQLite plans without them here), after a bulk
    /// load such as the demo's. Until autovacuum gets to the new rows (if it runs at all: it is off on this
    /// project's test machines), queries are planned blind: after the `--scale 10` demo, reading an agency's
    /// recommendations scanned all 172,000 workflow events (85 ms of a clerk's batch) instead of 2.5 ms through
    /// the agency's violations.
    pub async fn refresh_statistics(&self) -> Result<(), DbError> {
        if self.engine == Engine::Postgres {
            sqlx::query("ANALYZE").execute(&self.pool).await?;
        }
        Ok(())
    }

    /// A round trip to the database, for `/healthz`.
    pub async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

impl Db {
    /// A write transaction. SQLite starts it `IMMEDIATE`: a deferred transaction that reads and then writes
    /// fails at once with "database is locked" when another writer committed in between (a read snapshot cannot
    /// be upgraded), whatever the busy timeout; taking the write lock first makes writers queue instead.
    pub(crate) async fn begin_write(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Any>, DbError> {
        Ok(match self.engine {
            Engine::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => self.pool.begin().await?,
        })
    }
}

/// Writes one audit-log entry (who, when, what, before/after) in the caller's transaction, so that a change and
/// its entry land together: [`audit_all`] on one entry, so the table's SQL is in one place.
async fn audit(
    conn: &mut sqlx::AnyConnection,
    by: (&str, &str),
    action: &'static str,
    subject: &str,
    before: Option<String>,
    after: Option<String>,
) -> Result<(), DbError> {
    let entry = AuditEntry {
        action,
        subject: subject.to_owned(),
        before,
        after,
    };
    audit_all(conn, by, &[entry]).await
}

/// An audit-log entry written by [`audit_all`].
struct AuditEntry {
    action: &'static str,
    subject: String,
    before: Option<String>,
    after: Option<String>,
}

/// Writes audit-log entries in order, in multi-row statements, in the caller's transaction (an agency's
/// thousand workflow steps were a thousand statements; issue #21).
async fn audit_all(
    conn: &mut sqlx::AnyConnection,
    (at, actor): (&str, &str),
    entries: &[AuditEntry],
) -> Result<(), DbError> {
    use multirow::Arg;
    let rows: Vec<Vec<Arg>> = entries
        .iter()
        .map(|e| {
            vec![
                Arg::Text(at),
                Arg::Text(actor),
                Arg::Text(e.action),
                Arg::Text(&e.subject),
                Arg::MaybeText(e.before.as_deref()),
                Arg::MaybeText(e.after.as_deref()),
            ]
        })
        .collect();
    multirow::insert(
        conn,
        "audit_log (at, actor, action, subject, before, after)",
        &rows,
        "",
    )
    .await?;
    Ok(())
}

/// Reads a 0/1 INTEGER column as a bool (see the note on booleans at the top of this module).
fn get_bool(row: &AnyRow, column: &str) -> Result<bool, DbError> {
    use sqlx::Row;
    Ok(row.try_get::<i64, _>(column)? != 0)
}

/// Reads a column that holds a code of the model (a role, a rule id, a status, a severity); a value no version
/// wrote is reported, not guessed.
fn get_code<T>(row: &AnyRow, column: &str, parse: fn(&str) -> Option<T>) -> Result<T, DbError> {
    get_optional_code(row, column, parse)?
        .ok_or_else(|| DbError::Corrupt(format!("{column} is empty")))
}

/// [`get_code`] of a nullable column.
fn get_optional_code<T>(
    row: &AnyRow,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, DbError> {
    use sqlx::Row;
    let text: Option<String> = row.try_get(column)?;
    text.map(|t| parse(&t).ok_or_else(|| DbError::Corrupt(format!("{column} {t:?}"))))
        .transpose()
}

fn get_role(row: &AnyRow, column: &str) -> Result<model::Role, DbError> {
    get_code(row, column, model::Role::parse)
}

/// The options of both pools: the connections' settings.
fn pool_options(engine: Engine) -> AnyPoolOptions {
    AnyPoolOptions::new()
        // An unreachable server should fail a start-up or a request in seconds, not sqlx's default 30.
        .acquire_timeout(std::time::Duration::from_secs(10))
        .test_before_acquire(engine != Engine::Sqlite)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if engine == Engine::Sqlite {
                    // WAL lets readers proceed while a batch is being imported; the timeout makes concurrent
                    // writers wait for each other instead of failing with "database is locked". The WAL is
                    // copied into the database once it holds 10,000 pages (40 MB) rather than SQLite's 1,000:
                    // pages that many batches change (the indexes' upper levels, the agencies, the bundles) are
                    // copied once instead of every few batches, and a `--scale 10` import took 24–26 s instead
                    // of 28 s (issue #21). After a copy the file is cut back to at most 64 MB.
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;
                         PRAGMA wal_autocheckpoint = 10000; PRAGMA journal_size_limit = 67108864;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
}
