//! The public complaint form's content: what a complaint filed by anyone (no sign-in) must and may hold, checked
//! without I/O, and the reference and secret receipt code it gets. Pure: unit-tested to its limits.

use serde::Deserialize;

use crate::domain::date::Date;
use crate::domain::elections::OTHER;

/// Most characters of the account of what happened (a page of text; longer evidence goes in the links).
pub const MAX_SUMMARY: usize = 5_000;
/// Fewest characters of the account: "ASN ikut kampanye" alone cannot be verified.
pub const MIN_SUMMARY: usize = 20;
/// Most characters of a name or a contact.
pub const MAX_SHORT: usize = 200;
pub const MAX_LINKS: usize = 10;
pub const MAX_LINK: usize = 500;

pub use model::public::POSITION_LEVELS;

/// Letters of references and receipt codes: no 0/O, 1/I, so a code copied from paper or read aloud works.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A complaint as the form or the API sends it. `website` is a honeypot: hidden from people, filled by bots.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintForm {
    pub agency_code: String,
    pub election: String,
    #[serde(default)]
    pub accused_name: Option<String>,
    #[serde(default)]
    pub position_level: Option<String>,
    #[serde(default)]
    pub happened_on: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub complainant_name: Option<String>,
    #[serde(default)]
    pub complainant_contact: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
}

/// A problem with one field, in both languages.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct IntakeError {
    pub field: String,
    pub message: String,
    pub message_en: String,
}

/// A complaint ready to store: trimmed, empty optional fields as `None`, the identity dropped when anonymous.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Complaint {
    pub agency_code: String,
    pub election: String,
    pub accused_name: Option<String>,
    pub position_level: String,
    pub happened_on: Option<Date>,
    pub summary: String,
    pub evidence: Vec<String>,
    pub complainant_name: Option<String>,
    pub complainant_contact: Option<String>,
}

/// Whether the honeypot was filled (the submission is from a bot: answered like a success, stored nowhere).
pub fn is_bot(form: &ComplaintForm) -> bool {
    form.website
        .as_deref()
        .is_some_and(|w| !w.trim().is_empty())
}

fn optional(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// Checks a form against the limits; `today` bounds the date of the events. `agency_exists` tells whether the
/// code is in the registry.
pub fn check(
    form: &ComplaintForm,
    today: Date,
    agency_exists: bool,
) -> Result<Complaint, Vec<IntakeError>> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, message: String, message_en: String| {
        errors.push(IntakeError {
            field: field.to_string(),
            message,
            message_en,
        })
    };
    let agency_code = form.agency_code.trim().to_string();
    if !agency_exists {
        fail(
            "agency_code",
            format!("instansi {agency_code:?} tidak ada dalam registri"),
            format!("agency {agency_code:?} is not in the registry"),
        );
    }
    // One of a fixed list, so that the statistics per election count like with like.
    let election = form.election.trim().to_string();
    if !crate::domain::elections::is_known(&election) {
        let codes = crate::domain::elections::ELECTIONS
            .map(|(code, _)| code)
            .join(", ");
        fail(
            "election",
            format!("pilih pemilihan yang bersangkutan: {codes} atau {OTHER}"),
            format!("choose the election concerned: {codes} or {OTHER}"),
        );
    }
    let summary = form.summary.trim().to_string();
    let length = summary.chars().count();
    if !(MIN_SUMMARY..=MAX_SUMMARY).contains(&length) {
        fail(
            "summary",
            format!(
                "uraian kejadian harus {MIN_SUMMARY}–{MAX_SUMMARY} karakter (sekarang {length})"
            ),
            format!("the account must be {MIN_SUMMARY}–{MAX_SUMMARY} characters (now {length})"),
        );
    }
    let position_level = optional(&form.position_level).unwrap_or_else(|| "unknown".to_string());
    if !POSITION_LEVELS.contains(&position_level.as_str()) {
        fail(
            "position_level",
            format!("jenjang jabatan tidak dikenal: {position_level:?}"),
            format!("unknown position level: {position_level:?}"),
        );
    }
    let happened_on = match optional(&form.happened_on) {
        None => None,
        Some(text) => match Date::parse(&text) {
            Ok(date) if date <= today => Some(date),
            Ok(_) => {
                fail(
                    "happened_on",
                    "tanggal kejadian tidak boleh di masa depan".to_string(),
                    "the date of the events cannot be in the future".to_string(),
                );
                None
            }
            Err(_) => {
                fail(
                    "happened_on",
                    format!("tanggal tidak sah: {text:?} (TTTT-BB-HH)"),
                    format!("not a date: {text:?} (YYYY-MM-DD)"),
                );
                None
            }
        },
    };
    let evidence: Vec<String> = form
        .evidence
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if evidence.len() > MAX_LINKS {
        fail(
            "evidence",
            format!("paling banyak {MAX_LINKS} tautan bukti"),
            format!("at most {MAX_LINKS} evidence links"),
        );
    }
    for link in &evidence {
        let web = link.starts_with("https://") || link.starts_with("http://");
        if !web || link.chars().count() > MAX_LINK || link.contains(char::is_whitespace) {
            fail(
                "evidence",
                format!("bukan tautan web yang sah (http/https, ≤ {MAX_LINK} karakter): {link:?}"),
                format!("not a web link (http/https, ≤ {MAX_LINK} characters): {link:?}"),
            );
        }
    }
    let accused_name = optional(&form.accused_name);
    let (complainant_name, complainant_contact) = if form.anonymous {
        (None, None)
    } else {
        (
            optional(&form.complainant_name),
            optional(&form.complainant_contact),
        )
    };
    for (field, value) in [
        ("accused_name", &accused_name),
        ("complainant_name", &complainant_name),
        ("complainant_contact", &complainant_contact),
    ] {
        if value
            .as_deref()
            .is_some_and(|v| v.chars().count() > MAX_SHORT)
        {
            fail(
                field,
                format!("paling banyak {MAX_SHORT} karakter"),
                format!("at most {MAX_SHORT} characters"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Complaint {
        agency_code,
        election,
        accused_name,
        position_level,
        happened_on,
        summary,
        evidence,
        complainant_name,
        complainant_contact,
    })
}

/// A receipt code as typed back: upper case, without spaces or dashes.
pub fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A receipt code grouped for reading: `ABCD-EFGH-JKLM-NPQR`.
pub fn group_code(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2026-11-27").expect("date")
    }

    fn form() -> ComplaintForm {
        ComplaintForm {
            agency_code: "32.04".into(),
            election: "pilkada_2024".into(),
            summary: "Seorang kepala dinas hadir di kampanye pasangan calon.".into(),
            ..ComplaintForm::default()
        }
    }

    fn fields(result: Result<Complaint, Vec<IntakeError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_minimal_anonymous_complaint_is_accepted_with_unknown_level() {
        let c = check(&form(), today(), true).expect("accepted");
        assert_eq!(c.position_level, "unknown");
        assert_eq!(
            (c.complainant_name, c.accused_name, c.happened_on),
            (None, None, None)
        );
    }

    #[test]
    fn anonymous_drops_the_identity_even_when_sent() {
        let mut f = form();
        f.complainant_name = Some("Siti".into());
        f.complainant_contact = Some("siti@example.org".into());
        f.anonymous = true;
        let c = check(&f, today(), true).expect("accepted");
        assert_eq!((c.complainant_name, c.complainant_contact), (None, None));
        f.anonymous = false;
        let c = check(&f, today(), true).expect("accepted");
        assert_eq!(c.complainant_name.as_deref(), Some("Siti"));
    }

    #[test]
    fn the_account_has_limits_at_both_ends() {
        let mut f = form();
        f.summary = "x".repeat(MIN_SUMMARY - 1);
        assert_eq!(fields(check(&f, today(), true)), ["summary"]);
        f.summary = "x".repeat(MIN_SUMMARY);
        assert!(check(&f, today(), true).is_ok());
        f.summary = "x".repeat(MAX_SUMMARY);
        assert!(check(&f, today(), true).is_ok());
        f.summary = "x".repeat(MAX_SUMMARY + 1);
        assert_eq!(fields(check(&f, today(), true)), ["summary"]);
    }

    #[test]
    fn the_events_may_be_today_but_not_tomorrow() {
        let mut f = form();
        f.happened_on = Some("2026-11-27".into());
        assert!(check(&f, today(), true).is_ok());
        f.happened_on = Some("2026-11-28".into());
        assert_eq!(fields(check(&f, today(), true)), ["happened_on"]);
        f.happened_on = Some("27/11/2026".into());
        assert_eq!(fields(check(&f, today(), true)), ["happened_on"]);
    }

    #[test]
    fn evidence_is_web_links_only_and_at_most_ten() {
        let mut f = form();
        f.evidence = vec!["https://example.org/foto.jpg".into(), "  ".into()];
        assert_eq!(check(&f, today(), true).expect("ok").evidence.len(), 1);
        f.evidence = vec!["javascript:alert(1)".into()];
        assert_eq!(fields(check(&f, today(), true)), ["evidence"]);
        f.evidence = vec!["https://example.org/x".into(); MAX_LINKS];
        assert!(check(&f, today(), true).is_ok());
        f.evidence = vec!["https://example.org/x".into(); MAX_LINKS + 1];
        assert_eq!(fields(check(&f, today(), true)), ["evidence"]);
    }

    #[test]
    fn the_election_is_one_of_the_list() {
        let mut f = form();
        for known in [
            "pemilu_2019",
            "pilkada_2020",
            "pemilu_2024",
            "pilkada_2024",
            "other",
            " other ",
        ] {
            f.election = known.into();
            assert!(check(&f, today(), true).is_ok(), "{known}");
        }
        for unknown in ["", "Pilkada Serentak 2024", "pilkada_2029"] {
            f.election = unknown.into();
            assert_eq!(fields(check(&f, today(), true)), ["election"], "{unknown}");
        }
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let f = ComplaintForm {
            position_level: Some("minister".into()),
            ..ComplaintForm::default()
        };
        assert_eq!(
            fields(check(&f, today(), false)),
            ["agency_code", "election", "summary", "position_level"]
        );
    }

    #[test]
    fn the_honeypot_marks_bots() {
        let mut f = form();
        assert!(!is_bot(&f));
        f.website = Some("http://spam.example".into());
        assert!(is_bot(&f));
    }

    #[test]
    fn codes_are_read_back_whatever_their_case_and_dashes() {
        assert_eq!(normalize_code(" abcd-efgh jkLm-npqr "), "ABCDEFGHJKLMNPQR");
        assert_eq!(group_code("ABCDEFGHJKLMNPQR"), "ABCD-EFGH-JKLM-NPQR");
    }
}
