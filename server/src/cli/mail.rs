//! `pantau outbox` and `pantau remind` (issue #18, interfaces.md "Mail"): the outbox as a table, a delivery round
//! by hand, and the daily pass for a given date. The server runs both on its own (`serve`: the sender every
//! minute, the daily pass once a day); these are for administrators and scripts.

use clap::{Args, ValueEnum};

use super::CliError;
use crate::db::MailState;
use crate::domain::Date;
use crate::service::mail::{self, Smtp};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StateArg {
    Queued,
    Sent,
    Failed,
}

#[derive(Debug, Args)]
pub struct OutboxArgs {
    /// Only messages in this state.
    #[arg(long, value_enum)]
    pub state: Option<StateArg>,
    /// Deliver what is due now through PANTAU_SMTP_URL before listing.
    #[arg(long)]
    pub send: bool,
    #[arg(long, default_value_t = 100)]
    pub limit: i64,
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    /// The day the pass runs for (YYYY-MM-DD); default today.
    #[arg(long)]
    pub as_of: Option<Date>,
    /// Also deliver what is due through PANTAU_SMTP_URL.
    #[arg(long)]
    pub send: bool,
}

async fn open(database_url: &str) -> Result<crate::db::Db, CliError> {
    Ok(crate::service::open(database_url)
        .await
        .map_err(anyhow::Error::from)?)
}

/// One delivery round through the environment's SMTP server; refused without one (nothing could be sent).
async fn send(db: &crate::db::Db) -> Result<(), CliError> {
    let Some(smtp) = Smtp::from_env().map_err(|e| CliError::Invalid(e.to_string()))? else {
        return Err(CliError::Invalid(
            "PANTAU_SMTP_URL is not set: messages stay in the outbox".into(),
        ));
    };
    let holder = format!("cli-{}", std::process::id());
    let done = mail::deliver(db, &smtp, &holder, &crate::clock::now_text())
        .await
        .map_err(anyhow::Error::from)?;
    if done.busy {
        println!("another sender is delivering now; nothing sent by this one");
    } else {
        println!(
            "sent {}, to retry {}, failed {}",
            done.sent, done.retrying, done.failed
        );
    }
    Ok(())
}

/// `pantau outbox [--state S] [--send]`.
pub async fn outbox(database_url: &str, args: OutboxArgs) -> Result<(), CliError> {
    let db = open(database_url).await?;
    if args.send {
        send(&db).await?;
    }
    let state = args.state.map(|s| match s {
        StateArg::Queued => MailState::Queued,
        StateArg::Sent => MailState::Sent,
        StateArg::Failed => MailState::Failed,
    });
    let mails = db
        .outbox(state, args.limit)
        .await
        .map_err(anyhow::Error::from)?;
    println!(
        "{:>6} {:<8} {:<7} {:>8} {:<30} {:<20} SUBJECT",
        "ID", "KIND", "STATE", "ATTEMPTS", "TO", "CREATED"
    );
    for m in &mails {
        println!(
            "{:>6} {:<8} {:<7} {:>8} {:<30} {:<20} {}{}",
            m.id,
            m.kind.as_str(),
            m.state.as_str(),
            m.attempts,
            m.recipient,
            m.created_at,
            m.subject,
            m.last_error
                .as_deref()
                .map(|e| format!("  [{e}]"))
                .unwrap_or_default()
        );
    }
    Ok(())
}

/// `pantau remind [--as-of D] [--send]`.
pub async fn remind(database_url: &str, args: RemindArgs) -> Result<(), CliError> {
    let db = open(database_url).await?;
    let as_of = args.as_of.unwrap_or_else(crate::clock::today);
    let done = mail::remind(&db, as_of)
        .await
        .map_err(anyhow::Error::from)?;
    println!(
        "daily pass as of {as_of}: {} reminders, {} overdue notices, {} digests written to the outbox",
        done.reminders, done.overdue, done.digests
    );
    if args.send {
        send(&db).await?;
    }
    Ok(())
}
