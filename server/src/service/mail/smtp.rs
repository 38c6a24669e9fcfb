//! Delivery through a real SMTP server (`PANTAU_SMTP_URL`) with lettre. `Postman` is what the sender needs of a
//! mail server, so that delivery is one code path whatever the server; the tests use a real one too (an aiosmtpd
//! sink started by the test).

use std::future::Future;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::MailError;

/// One message to send.
pub struct Outgoing<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// `(file name, PDF)`.
    pub attachment: Option<(String, Vec<u8>)>,
}

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The recipient's address is not an address: retrying cannot help.
    #[error("not an e-mail address: {0}")]
    BadAddress(String),
    /// The server refused it or could not be reached; tried again later.
    #[error("{0}")]
    Smtp(String),
}

/// A mail server.
pub trait Postman {
    fn send(&self, mail: Outgoing<'_>) -> impl Future<Output = Result<(), SendError>> + Send;
}

/// The SMTP server of `PANTAU_SMTP_URL`.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// How long one SMTP conversation may take before it counts as failed (and is retried).
const TIMEOUT: Duration = Duration::from_secs(30);

impl Smtp {
    /// `url`: `smtp://host:port` (plain, or STARTTLS with `?tls=required`) or `smtps://host:port` (TLS), with
    /// credentials in the URL or in `PANTAU_SMTP_USER` and `PANTAU_SMTP_PASSWORD`; `from`: the sender's address
    /// (`PANTAU_MAIL_FROM`).
    pub fn new(url: &str, from: &str) -> Result<Smtp, MailError> {
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError::Config(e.to_string()))?
            .timeout(Some(TIMEOUT));
        if let (Ok(user), Ok(password)) = (
            std::env::var("PANTAU_SMTP_USER"),
            std::env::var("PANTAU_SMTP_PASSWORD"),
        ) {
            builder = builder.credentials(Credentials::new(user, password));
        }
        let from = from.parse().map_err(|_| {
            MailError::Config(format!("PANTAU_MAIL_FROM {from:?} is not an address"))
        })?;
        Ok(Smtp {
            transport: builder.build(),
            from,
        })
    }

    /// The server named by the environment, if one is: `None` leaves messages in the outbox.
    pub fn from_env() -> Result<Option<Smtp>, MailError> {
        let Some(url) = url_from_env() else {
            return Ok(None);
        };
        let from = std::env::var("PANTAU_MAIL_FROM")
            .unwrap_or_else(|_| "Pantau Merit <pantau-merit@localhost>".to_string());
        Smtp::new(&url, &from).map(Some)
    }
}

/// `PANTAU_SMTP_URL` when it is set and not empty: whether this server sends mail (the outbox page says so).
pub fn url_from_env() -> Option<String> {
    let url = std::env::var("PANTAU_SMTP_URL").ok()?;
    Some(url.trim().to_string()).filter(|u| !u.is_empty())
}

impl Postman for Smtp {
    async fn send(&self, mail: Outgoing<'_>) -> Result<(), SendError> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|_| SendError::BadAddress(mail.to.to_string()))?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject);
        let text = SinglePart::plain(mail.body.to_string());
        let message = match mail.attachment {
            None => builder.singlepart(text),
            Some((name, pdf)) => {
                let pdf_type = ContentType::parse("application/pdf")
                    .map_err(|e| SendError::Smtp(e.to_string()))?;
                builder.multipart(
                    MultiPart::mixed()
                        .singlepart(text)
                        .singlepart(Attachment::new(name).body(pdf, pdf_type)),
                )
            }
        }
        .map_err(|e| SendError::BadAddress(e.to_string()))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| SendError::Smtp(e.to_string()))
    }
}
