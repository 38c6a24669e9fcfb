//! The `pantau` command line (interfaces.md). Exit codes: 0 success, 1 failure, 2 wrong usage (clap), 3 rejected
//! input.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod agency;
mod bench;
mod import;
pub use import::BULK_RECORDS;
mod mail;
mod rules;

use crate::auth::Role;
use crate::db::{Db, UserError, DEFAULT_DATABASE_URL};
use crate::domain::Date;
use crate::service::demo::{DemoError, Filled};
use crate::web;

#[derive(Debug, Parser)]
#[command(
    name = "pantau",
    version,
    about = "Pantau Merit: oversight of high-level civil-service posts (JPT)"
)]
pub struct Cli {
    /// sqlite://FILE (the default, created when missing) or postgres://USER@HOST/DB.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and the HTTP API.
    Serve(ServeArgs),
    /// Apply the database migrations and load the agency registry, then exit.
    Migrate,
    /// Import report batches (.json, .csv); each file is stored whole or not at all.
    Import(ImportArgs),
    /// Run every rule and print a summary per rule.
    Evaluate(EvaluateArgs),
    /// List violations.
    Violations(ViolationsArgs),
    /// Fill an empty database with a realistic, deterministic demo data set.
    Demo(DemoArgs),
    /// Measure import, evaluation and queries on a fresh demo data set (prints a Markdown table).
    Bench(DemoArgs),
    /// Show the rule parameters, or set one (`params set KEY VALUE`).
    Params {
        #[command(subcommand)]
        command: Option<ParamsCommand>,
    },
    /// Manage users and API credentials.
    #[command(subcommand)]
    User(UserCommand),
    /// List the mail outbox (`--send`: deliver what is due first).
    Outbox(mail::OutboxArgs),
    /// Run the daily mail pass (reminders, overdue notices, Monday digests) by hand.
    Remind(mail::RemindArgs),
    /// Administer the agency registry: list, add, rename, retire, import.
    #[command(subcommand)]
    Agency(agency::AgencyCommand),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[arg(long, env = "PANTAU_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// The folder with the built front end (pkg/ with the wasm, JS and CSS).
    #[arg(long, env = "PANTAU_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
    /// Proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For and X-Forwarded-Proto are believed;
    /// none by default, so a client cannot pick the address its requests are limited by.
    #[arg(long, env = "PANTAU_TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: web::client::TrustedProxies,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(long, value_enum, default_value = "text")]
    pub format: ImportFormat,
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// Judge as of this date (YYYY-MM-DD); default today.
    #[arg(long)]
    pub as_of: Option<Date>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ViolationsArgs {
    #[arg(long)]
    pub as_of: Option<Date>,
    #[arg(long)]
    pub agency: Option<String>,
    #[arg(long)]
    pub rule: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Records per agency and year relative to the default (10 gives about a million records).
    #[arg(long, default_value_t = 1.0)]
    pub scale: f64,
    /// Do nothing when the database already holds records (what `make run` uses on every start).
    #[arg(long)]
    pub if_empty: bool,
}

#[derive(Debug, Subcommand)]
pub enum ParamsCommand {
    /// Change a parameter (audited; later evaluations judge each event with the value in force on its date).
    Set {
        key: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// In force from this day on (YYYY-MM-DD); without it the value replaces the whole history.
        #[arg(long)]
        from: Option<crate::domain::Date>,
        /// The legal basis of the value (a regulation or circular).
        #[arg(long)]
        basis: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user with an API token, or with `--password` a password for the web pages; prints it once,
    /// alone on its last line.
    Add {
        name: String,
        /// agency, analyst, commissioner or admin.
        #[arg(long)]
        role: Role,
        /// The agency of an `agency` user (its clerk may submit only that agency's batches).
        #[arg(long)]
        agency: Option<String>,
        /// Generate a password for signing in to the web pages instead of an API token.
        #[arg(long)]
        password: bool,
        /// The person's e-mail address (a clerk receives their agency's recommendation mail).
        #[arg(long)]
        email: Option<String>,
    },
    /// Set a user's e-mail address (an empty one removes it).
    Email { name: String, address: String },
    /// Set the provinces (codes, e.g. 32) whose weekly digest a staff member receives; none stops it.
    Follow {
        name: String,
        provinces: Vec<String>,
    },
    /// Give a user a new generated password (printed once) and end their sessions.
    Password { name: String },
    /// Revoke every API token of a user.
    Revoke { name: String },
}

/// Why a command did not succeed; each maps to an exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Failure(#[from] anyhow::Error),
    #[error(transparent)]
    User(#[from] UserError),
    #[error(transparent)]
    Evaluation(#[from] crate::service::evaluation::EvaluationError),
    /// A filter value on the command line names nothing that exists (wrong usage).
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Registry(#[from] crate::service::registry::RegistryChangeError),
    /// Some input was refused; the errors were printed and nothing of it was stored.
    #[error("{0} file(s) refused; nothing of them was stored")]
    Rejected(usize),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Failure(_) => 1,
            CliError::Rejected(_) => 3,
            CliError::Invalid(_) => 2,
            CliError::Evaluation(crate::service::evaluation::EvaluationError::Filter(_)) => 2,
            CliError::Evaluation(crate::service::evaluation::EvaluationError::Parameter(_)) => 3,
            CliError::Evaluation(_) => 1,
            CliError::User(UserError::Database(_)) => 1,
            CliError::User(_) => 3,
            CliError::Registry(crate::service::registry::RegistryChangeError::Database(_)) => 1,
            CliError::Registry(_) => 3,
        }
    }
}

pub async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Serve(args) => serve(&cli.database_url, args).await.map_err(CliError::from),
        Command::Migrate => {
            let db = crate::service::open(&cli.database_url)
                .await
                .map_err(anyhow::Error::from)?;
            let agencies = db
                .kind_counts()
                .await
                .map_err(anyhow::Error::from)?
                .iter()
                .map(|k| k.count)
                .sum::<i64>();
            println!(
                "migrations applied ({}); registry: {agencies} agencies",
                db.engine.name()
            );
            Ok(())
        }
        Command::Import(args) => import::run(&cli.database_url, args).await,
        Command::Evaluate(args) => rules::evaluate(&cli.database_url, args).await,
        Command::Violations(args) => rules::violations(&cli.database_url, args).await,
        Command::Params { command } => rules::params(&cli.database_url, command).await,
        Command::Demo(args) => demo(&cli.database_url, args).await,
        Command::Bench(args) => bench::run(&cli.database_url, args).await,
        Command::User(command) => user(&cli.database_url, command).await,
        Command::Outbox(args) => mail::outbox(&cli.database_url, args).await,
        Command::Remind(args) => mail::remind(&cli.database_url, args).await,
        Command::Agency(command) => agency::run(&cli.database_url, command).await,
    }
}

/// `pantau demo`: one generated batch per agency of the registry, through the normal import path (validated,
/// stored, evaluated). Only into an empty database, so demo data never mixes with real reports.
async fn demo(database_url: &str, args: DemoArgs) -> Result<(), CliError> {
    let db = crate::service::open(database_url)
        .await
        .map_err(anyhow::Error::from)?;
    if args.if_empty && db.record_count().await.map_err(anyhow::Error::from)? > 0 {
        println!("the database already holds records; no demo data added");
        return Ok(());
    }
    let filled = fill_demo(&db, &args).await?;
    crate::service::public::refresh(&crate::service::AppState::new(db.clone())).await;
    let violations = db
        .active_violation_count()
        .await
        .map_err(anyhow::Error::from)?;
    println!(
        "demo (seed {}, scale {}): {} agencies, {} records, {violations} violations, {} recommendations as of {}",
        args.seed,
        args.scale,
        filled.agencies,
        filled.records,
        filled.recommendations,
        crate::clock::today()
    );
    Ok(())
}

/// Fills an empty database with the demo data (`service::demo::fill`), with a progress bar on a terminal.
pub(super) async fn fill_demo(db: &Db, args: &DemoArgs) -> Result<Filled, CliError> {
    let bar = rules::progress_bar("demo");
    let filled = crate::service::demo::fill(db, args.seed, args.scale, &mut |done, of| {
        bar.set_length(of as u64);
        bar.set_position(done as u64);
    })
    .await;
    bar.finish_and_clear();
    filled.map_err(|err| {
        if matches!(err, DemoError::Scale(_)) {
            CliError::Invalid(err.to_string())
        } else {
            anyhow::Error::from(err).into()
        }
    })
}

/// The operator running the CLI has full rights; the audit log names them "cli".
async fn user(database_url: &str, command: UserCommand) -> Result<(), CliError> {
    let db = crate::service::open(database_url)
        .await
        .map_err(anyhow::Error::from)?;
    let now = crate::clock::now_text();
    match command {
        UserCommand::Add {
            name,
            role,
            agency,
            password: false,
            email,
        } => {
            let token = crate::auth::new_token().map_err(anyhow::Error::from)?;
            let credential = crate::db::Credential::Token(&token);
            let email = crate::db::valid_email(email.as_deref().unwrap_or(""))?;
            db.add_user(&name, role, agency.as_deref(), credential, "cli", &now)
                .await?;
            if email.is_some() {
                db.set_email(&name, email.as_deref(), "cli", &now).await?;
            }
            println!(
                "user {name} ({}) created; API token, shown only this once:",
                role.as_str()
            );
            println!("{token}");
        }
        UserCommand::Add {
            name,
            role,
            agency,
            password: true,
            email,
        } => {
            let password = crate::auth::new_password().map_err(anyhow::Error::from)?;
            let hash = crate::auth::hash_password(&password).map_err(anyhow::Error::from)?;
            let credential = crate::db::Credential::PasswordHash(&hash);
            let email = crate::db::valid_email(email.as_deref().unwrap_or(""))?;
            db.add_user(&name, role, agency.as_deref(), credential, "cli", &now)
                .await?;
            if email.is_some() {
                db.set_email(&name, email.as_deref(), "cli", &now).await?;
            }
            println!(
                "user {name} ({}) created; password for signing in at /masuk, shown only this once:",
                role.as_str()
            );
            println!("{password}");
        }
        UserCommand::Password { name } => {
            let password = crate::auth::new_password().map_err(anyhow::Error::from)?;
            let hash = crate::auth::hash_password(&password).map_err(anyhow::Error::from)?;
            db.set_password(&name, &hash, "cli", &now).await?;
            println!("new password of {name} (their sessions were ended), shown only this once:");
            println!("{password}");
        }
        UserCommand::Email { name, address } => {
            let email = crate::db::valid_email(&address)?;
            db.set_email(&name, email.as_deref(), "cli", &now).await?;
            match email {
                Some(email) => println!("e-mail address of {name}: {email}"),
                None => println!("e-mail address of {name} removed"),
            }
        }
        UserCommand::Follow { name, provinces } => {
            let known = db.provinces().await.map_err(anyhow::Error::from)?;
            if let Some(unknown) = provinces
                .iter()
                .find(|p| !known.iter().any(|k| &k.code == *p))
            {
                return Err(CliError::Invalid(format!(
                    "{unknown:?} is not a province code"
                )));
            }
            db.set_followed_provinces(&name, &provinces, "cli", &now)
                .await?;
            println!("{name} follows {} province(s)", provinces.len());
        }
        UserCommand::Revoke { name } => {
            let revoked = db.revoke_tokens(&name, "cli", &now).await?;
            println!("{revoked} token(s) of {name} revoked");
        }
    }
    Ok(())
}

async fn serve(database_url: &str, args: ServeArgs) -> anyhow::Result<()> {
    use anyhow::Context;
    let db = crate::service::open(database_url)
        .await
        .with_context(|| format!("opening the database {}", redact(database_url)))?;
    if !args
        .site_root
        .join("pkg")
        .join(format!("{}.js", web::OUTPUT_NAME))
        .exists()
    {
        tracing::warn!(site_root = %args.site_root.display(), "no front end built there: pages render but do not hydrate (run scripts/build-site.sh)");
    }
    let settings = web::Settings {
        trusted_proxies: args.trusted_proxies.0,
    };
    let smtp = crate::service::mail::Smtp::from_env().context("reading the mail settings")?;
    if smtp.is_none() {
        tracing::info!("PANTAU_SMTP_URL is not set: mail stays in the outbox (pantau outbox)");
    }
    tokio::spawn(crate::service::mail::run_forever(db.clone(), smtp));
    let app = web::router_with(db.clone(), web::leptos_options(args.site_root), settings);
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("binding {}", args.addr))?;
    // The bound address, not the requested one: with port 0 the system picks a free port (the browser tests).
    let addr = listener.local_addr().context("reading the bound address")?;
    tracing::info!(database = db.engine.name(), "listening on http://{addr}");
    // Peer addresses are handed to the handlers for the request limits; slow and idle connections time out.
    web::serve::serve(listener, app, web::serve::HEADER_TIMEOUT, shutdown_signal()).await;
    Ok(())
}

/// The database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_from_database_urls() {
        assert_eq!(
            redact("postgres://app:secret@db:5432/pantau"),
            "postgres://app:***@db:5432/pantau"
        );
        assert_eq!(
            redact("postgres://app@db/pantau"),
            "postgres://app@db/pantau"
        );
        assert_eq!(redact("sqlite://pantau.db"), "sqlite://pantau.db");
    }

    #[test]
    fn the_command_line_parses_as_specified() {
        let cli = Cli::try_parse_from(["pantau", "serve", "--addr", "127.0.0.1:4000"])
            .expect("serve parses");
        assert!(
            matches!(cli.command, Command::Serve(ServeArgs { addr, .. }) if addr.port() == 4000)
        );
        let cli = Cli::try_parse_from(["pantau", "import", "--format", "json", "a.json", "b.csv"])
            .expect("import");
        assert!(
            matches!(cli.command, Command::Import(ImportArgs { files, .. }) if files.len() == 2)
        );
        let cli = Cli::try_parse_from([
            "pantau", "user", "add", "sari", "--role", "agency", "--agency", "32.04",
        ]);
        assert!(cli.is_ok());
        let err = Cli::try_parse_from(["pantau", "import"]).expect_err("import needs a file");
        assert_eq!(err.exit_code(), 2);
        let err = Cli::try_parse_from(["pantau", "violations", "--format", "xml"])
            .expect_err("bad format");
        assert_eq!(err.exit_code(), 2);
    }
}
