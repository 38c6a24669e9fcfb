//! Letters and reminders (issue #18): what goes to whom and when, through the outbox.
//!
//! - `announce_issued`: when a recommendation is issued, its letter goes to the agency's clerks with an address.
//! - `remind` (the daily pass; `pantau remind --as-of`, and the server once a day): a reminder from
//!   `recommendation.reminder_days_before` days before the due date until the due date, and an overdue notice from
//!   the day after it for a week (`OVERDUE_NOTICE_DAYS`: a pass missed while the server was down is caught up; a
//!   recommendation overdue for years is not announced again to a clerk who never saw it); on Mondays, the staff's
//!   digest of the week before for the provinces each follows.
//! - `deliver`: the one sender at a time (the `mail.sender` lease) sends what is due, each message once; a failed
//!   attempt is retried with a doubling delay (1 minute to 1 hour) up to `MAX_ATTEMPTS`, then marked failed for an
//!   administrator to see. A crash between the SMTP server's acceptance and the outbox's update can repeat one
//!   message; nothing is ever lost.
//!
//! Messages are written with their texts (the outbox shows what was sent); the letter is rendered again when sent,
//! from the stored violation, so the outbox holds no PDFs.

pub mod smtp;

use std::collections::HashMap;

use model::{RecommendationState, Role};

use crate::db::{Attempt, Db, DbError, Mail, MailKind, NewMail};
use crate::documents::letter::Letter;
use crate::documents::mail::{compose, digest, Notice};
use crate::documents::pdf::PdfError;
use crate::domain::Date;
use crate::service::recommendations::{self, ListFilter, RecommendationError};

pub use smtp::{Outgoing, Postman, SendError, Smtp};

/// Attempts before a message is given up (the delays add up to about six hours).
pub const MAX_ATTEMPTS: i64 = 10;
/// How long after the due date the overdue notice is still sent.
pub const OVERDUE_NOTICE_DAYS: i64 = 7;
/// The sender's lease: longer than one SMTP attempt's timeout, renewed after each message.
const LEASE_SECONDS: i64 = 120;
const LEASE: &str = "mail.sender";
/// Messages one delivery round reads.
const ROUND: i64 = 200;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error(transparent)]
    Recommendation(#[from] RecommendationError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error("PANTAU_SMTP_URL: {0}")]
    Config(String),
}

/// The app's address as users reach it (`PANTAU_PUBLIC_URL`, e.g. `https://pantau.bkn.go.id`): letters and mail
/// link the violation there. Read from the environment in this one place, so that every server of a deployment
/// and the command line print the same address; default the local app.
pub fn public_url() -> String {
    std::env::var("PANTAU_PUBLIC_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "http://127.0.0.1:3000".to_string())
}

/// The letter of violation `id`, once a recommendation was issued on it.
pub async fn letter(db: &Db, id: i64) -> Result<Option<Letter>, MailError> {
    let detail = crate::service::violation_detail::detail(db, id, Role::Commissioner).await?;
    Ok(detail.and_then(|d| Letter::of(&d, &public_url())))
}

/// Writes `notice` about violation `id` to the outbox for each clerk of its agency with an address; returns how
/// many messages were new.
async fn notify(db: &Db, id: i64, notice: Notice, now: &str) -> Result<usize, MailError> {
    let Some(agency) = db.violation(id).await?.map(|v| v.agency_code) else {
        return Ok(0);
    };
    let clerks = db.recipients(Some(&agency)).await?;
    notify_clerks(db, id, &clerks, notice, now).await
}

/// [`notify`] to the clerks of the violation's agency, already read.
async fn notify_clerks(
    db: &Db,
    id: i64,
    clerks: &[crate::db::Recipient],
    notice: Notice,
    now: &str,
) -> Result<usize, MailError> {
    // An agency without a clerk with an address gets no mail: its letter is not rendered for nobody.
    if clerks.is_empty() {
        return Ok(0);
    }
    let Some(letter) = letter(db, id).await? else {
        return Ok(0);
    };
    let (subject, body) = compose(notice, &letter);
    let mut new = 0;
    for clerk in clerks {
        let mail = NewMail {
            kind: notice.kind(),
            dedupe_key: format!("{}:{id}:{}", notice.kind().as_str(), clerk.user),
            violation_id: Some(id),
            recipient: clerk.email.clone(),
            recipient_user: clerk.user.clone(),
            subject: subject.clone(),
            body: body.clone(),
            attach_letter: notice == Notice::Issued,
        };
        new += usize::from(db.enqueue_mail(&mail, now).await?);
    }
    Ok(new)
}

/// The recommendations on violations `issued` (each with its agency's code) were just issued: each letter goes
/// to its agency's clerks, read once per agency (the demo issues thousands; issue #21). A letter that cannot be
/// written is logged and the others still are (the steps stand; the clerk also sees the recommendation on their
/// page); an agency whose clerks cannot be read is tried once and logged once, naming its letters left unwritten.
/// Returns how many messages were new.
pub async fn announce_issued(db: &Db, issued: &[(&str, i64)]) -> usize {
    let now = crate::clock::now_text();
    let mut clerks: HashMap<&str, Result<Vec<crate::db::Recipient>, DbError>> = HashMap::new();
    // The letters of agencies whose clerks could not be read, logged once per agency at the end.
    let mut unsent: HashMap<&str, Vec<i64>> = HashMap::new();
    let mut new = 0;
    for &(agency, id) in issued {
        if !clerks.contains_key(agency) {
            clerks.insert(agency, db.recipients(Some(agency)).await);
        }
        let Some(Ok(of_agency)) = clerks.get(agency) else {
            unsent.entry(agency).or_default().push(id);
            continue;
        };
        match notify_clerks(db, id, of_agency, Notice::Issued, &now).await {
            Ok(written) => new += written,
            Err(err) => {
                tracing::error!(%err, violation = id, "the recommendation's letter could not be written to the outbox")
            }
        }
    }
    for (agency, violations) in unsent {
        if let Some(Err(err)) = clerks.get(agency) {
            tracing::error!(%err, agency, ?violations, "the agency's clerks could not be read: these recommendations' letters were not written to the outbox");
        }
    }
    new
}

/// What one daily pass wrote to the outbox.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reminded {
    pub reminders: usize,
    pub overdue: usize,
    pub digests: usize,
}

/// Which notice a recommendation in `state`, due on `due`, gets as of `as_of` with reminders `before` days ahead.
pub fn notice_due(
    state: RecommendationState,
    due: Date,
    as_of: Date,
    before: i64,
) -> Option<Notice> {
    match state {
        RecommendationState::Pending if due.add_days(-before) <= as_of && as_of <= due => {
            Some(Notice::Reminder)
        }
        RecommendationState::Overdue
            if due < as_of && as_of <= due.add_days(OVERDUE_NOTICE_DAYS) =>
        {
            Some(Notice::Overdue)
        }
        _ => None,
    }
}

/// The daily pass as of `as_of`: reminders, overdue notices and (on Mondays) the staff's digests. Safe to run
/// any number of times and on every server: a message already in the outbox is not written again.
pub async fn remind(db: &Db, as_of: Date) -> Result<Reminded, MailError> {
    let params = crate::service::parameters::in_force(db)
        .await
        .map_err(|e| MailError::Config(e.to_string()))?;
    let before = i64::from(params.recommendation_reminder_days);
    let now = crate::clock::now_text();
    let filter = ListFilter {
        unsettled: true,
        ..Default::default()
    };
    let mut done = Reminded::default();
    let items = recommendations::list(db, &filter, as_of).await?;
    for item in &items {
        let Ok(due) = Date::parse(&item.due_on) else {
            continue;
        };
        match notice_due(item.state, due, as_of, before) {
            Some(Notice::Reminder) => {
                done.reminders += notify(db, item.violation_id, Notice::Reminder, &now).await?;
            }
            Some(notice) => done.overdue += notify(db, item.violation_id, notice, &now).await?,
            None => {}
        }
    }
    if as_of.weekday_from_monday() == 0 {
        done.digests = digests(db, as_of, &items, &now).await?;
    }
    Ok(done)
}

/// The weekly digest of the seven days before `as_of` (a Monday) for each staff member following provinces.
async fn digests(
    db: &Db,
    as_of: Date,
    items: &[model::recommendation::RecommendationItem],
    now: &str,
) -> Result<usize, MailError> {
    let week = (as_of.add_days(-7), as_of.add_days(-1));
    // An overdue notice goes out the day after the due date: "newly overdue this week" is that day in the week.
    let overdue_in_week = |due_on: &str| {
        Date::parse(due_on).is_ok_and(|due| (week.0..=week.1).contains(&due.add_days(1)))
    };
    let provinces: HashMap<String, Option<String>> = db
        .list_agencies(&model::types::AgencyFilter::default())
        .await?
        .into_iter()
        .map(|a| (a.code, a.province_code))
        .collect();
    let province_of = |agency: &str| provinces.get(agency).cloned().flatten();
    let violations = db
        .high_violations_flagged(&week.0.to_string(), &week.1.to_string())
        .await?;
    let mut sent = 0;
    for staff in db.recipients(None).await? {
        let followed = db.followed_provinces(&staff.user).await?;
        if followed.is_empty() {
            continue;
        }
        let follows = |agency: &str| province_of(agency).is_some_and(|p| followed.contains(&p));
        let overdue: Vec<String> = items
            .iter()
            .filter(|i| i.state == RecommendationState::Overdue && follows(&i.agency_code))
            .filter(|i| overdue_in_week(&i.due_on))
            .map(|i| {
                format!(
                    "{} — {} ({}), {}",
                    i.letter_number, i.agency_code, i.rule_id, i.due_on
                )
            })
            .collect();
        let flagged: Vec<String> = violations
            .iter()
            .filter(|v| follows(&v.agency_code))
            .map(|v| format!("#{} {} — {}: {}", v.id, v.rule_id, v.agency_code, v.message))
            .collect();
        let Some((subject, body)) = digest(as_of.add_days(-1), &followed, &overdue, &flagged)
        else {
            continue;
        };
        let mail = NewMail {
            kind: MailKind::Digest,
            dedupe_key: format!("digest:{as_of}:{}", staff.user),
            violation_id: None,
            recipient: staff.email,
            recipient_user: staff.user,
            subject,
            body,
            attach_letter: false,
        };
        sent += usize::from(db.enqueue_mail(&mail, now).await?);
    }
    Ok(sent)
}

/// What one delivery round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Delivered {
    pub sent: usize,
    /// Failed attempts that will be retried.
    pub retrying: usize,
    /// Given up.
    pub failed: usize,
    /// Another server holds the sender's lease; this one sent nothing.
    pub busy: bool,
}

/// The delay before attempt `attempts + 1`: 1, 2, 4 … minutes, at most an hour.
pub fn retry_delay_seconds(attempts: i64) -> i64 {
    60 * (1_i64 << attempts.clamp(0, 6)).min(60)
}

/// Sends the messages due at `now` (stored timestamp text) through `postman`, if this `holder` gets the lease.
pub async fn deliver(
    db: &Db,
    postman: &impl Postman,
    holder: &str,
    now: &str,
) -> Result<Delivered, MailError> {
    let mut done = Delivered::default();
    let lease_until = |now: &str| shifted(now, LEASE_SECONDS);
    if !db.take_lease(LEASE, holder, now, &lease_until(now)).await? {
        done.busy = true;
        return Ok(done);
    }
    for mail in db.mail_due(now, ROUND).await? {
        let attachment = match attachment(db, &mail).await {
            Ok(found) => found,
            Err(err) => {
                tracing::error!(id = mail.id, %err, "the letter of a message could not be made");
                None
            }
        };
        let outgoing = Outgoing {
            to: &mail.recipient,
            subject: &mail.subject,
            body: &mail.body,
            attachment,
        };
        match postman.send(outgoing).await {
            Ok(()) => {
                let at = crate::clock::now_text();
                db.mail_attempted(mail.id, &Attempt::Sent { at: &at })
                    .await?;
                done.sent += 1;
            }
            Err(err) => {
                let attempts = mail.attempts + 1;
                let give_up = attempts >= MAX_ATTEMPTS || matches!(err, SendError::BadAddress(_));
                let error = err.to_string();
                let retry_at = shifted(now, retry_delay_seconds(mail.attempts));
                let attempt = if give_up {
                    Attempt::GaveUp { error: &error }
                } else {
                    Attempt::Retry {
                        error: &error,
                        at: &retry_at,
                    }
                };
                db.mail_attempted(mail.id, &attempt).await?;
                if give_up {
                    done.failed += 1;
                } else {
                    done.retrying += 1;
                }
            }
        }
        // Still ours for the next message (an SMTP attempt can take up to its timeout).
        db.take_lease(LEASE, holder, now, &lease_until(&crate::clock::now_text()))
            .await?;
    }
    db.release_lease(LEASE, holder).await?;
    Ok(done)
}

async fn attachment(db: &Db, mail: &Mail) -> Result<Option<(String, Vec<u8>)>, MailError> {
    let (true, Some(id)) = (mail.attach_letter, mail.violation_id) else {
        return Ok(None);
    };
    match letter(db, id).await? {
        Some(letter) => Ok(Some((letter.file_name(), letter.pdf()?))),
        None => Ok(None),
    }
}

/// The server's mail duty, every minute: the daily pass once a day (on every server: it writes each message once
/// however many run it) and a delivery round when an SMTP server is configured (one server at a time, by lease).
pub async fn run_forever(db: Db, smtp: Option<Smtp>) {
    let holder = crate::auth::random_chars(b"abcdefghijklmnopqrstuvwxyz0123456789", 16)
        .map(|id| format!("server-{id}"))
        .unwrap_or_else(|_| format!("server-{}", std::process::id()));
    let mut passed: Option<Date> = None;
    loop {
        let today = crate::clock::today();
        if passed != Some(today) {
            match remind(&db, today).await {
                Ok(done) => {
                    tracing::info!(?done, %today, "the daily mail pass ran");
                    passed = Some(today);
                }
                Err(err) => {
                    tracing::error!(%err, "the daily mail pass failed; tried again in a minute")
                }
            }
        }
        if let Some(smtp) = &smtp {
            match deliver(&db, smtp, &holder, &crate::clock::now_text()).await {
                Ok(done) if done.sent + done.retrying + done.failed > 0 => {
                    tracing::info!(?done, "mail delivered")
                }
                Ok(_) => {}
                Err(err) => tracing::error!(%err, "mail delivery failed"),
            }
        }
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    }
}

/// `now` (stored timestamp text) plus `seconds`, in the same text form.
fn shifted(now: &str, seconds: i64) -> String {
    crate::clock::parse_timestamp(now)
        .map(|t| crate::clock::timestamp_text(t + seconds))
        .unwrap_or_else(|| crate::clock::now_plus(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).expect("date")
    }

    #[test]
    fn reminders_from_three_days_before_and_the_overdue_notice_from_the_day_after() {
        use RecommendationState::*;
        let due = day("2025-07-14");
        let on = |as_of: &str, state| notice_due(state, due, day(as_of), 3);
        assert_eq!(on("2025-07-10", Pending), None, "four days before");
        assert_eq!(
            on("2025-07-11", Pending),
            Some(Notice::Reminder),
            "three days before"
        );
        assert_eq!(
            on("2025-07-14", Pending),
            Some(Notice::Reminder),
            "on the due date"
        );
        assert_eq!(
            on("2025-07-12", Answered),
            None,
            "answered: nothing to remind"
        );
        assert_eq!(
            on("2025-07-15", Overdue),
            Some(Notice::Overdue),
            "the day after"
        );
        assert_eq!(
            on("2025-07-21", Overdue),
            Some(Notice::Overdue),
            "a week after: caught up"
        );
        assert_eq!(
            on("2025-07-22", Overdue),
            None,
            "older: not announced again"
        );
        assert_eq!(on("2025-07-15", Answered), None);
        assert_eq!(on("2025-07-15", Resolved), None);
    }

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(retry_delay_seconds(0), 60);
        assert_eq!(retry_delay_seconds(1), 120);
        assert_eq!(retry_delay_seconds(5), 1920);
        assert_eq!(retry_delay_seconds(6), 3600);
        assert_eq!(retry_delay_seconds(9), 3600);
    }

    #[test]
    fn timestamps_shift_in_their_text_form() {
        assert_eq!(shifted("2026-12-01T23:59:30Z", 60), "2026-12-02T00:00:30Z");
    }
}
