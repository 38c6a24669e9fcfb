//! The texts of the recommendation mail (issue #18): Indonesian first, English below, as every page. Pure; the
//! service decides who receives which and when.

use model::{Lang, MailKind};

use super::letter::{long_date, Letter};
use crate::domain::Date;

/// Which message of a recommendation's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The recommendation was issued (the letter attached).
    Issued,
    /// Its due date is near (`recommendation.reminder_days_before`).
    Reminder,
    /// The day after its due date, unanswered.
    Overdue,
}

impl Notice {
    /// The outbox's `kind`.
    pub fn kind(self) -> MailKind {
        match self {
            Notice::Issued => MailKind::Issued,
            Notice::Reminder => MailKind::Reminder,
            Notice::Overdue => MailKind::Overdue,
        }
    }
}

/// `(subject, body)` of `notice` about `letter`.
pub fn compose(notice: Notice, letter: &Letter) -> (String, String) {
    let number = &letter.number;
    let due = long_date(letter.due_on);
    let due_en = letter.due_on.to_string();
    let rule = letter.rule.phrase(Lang::Id);
    let rule_en = letter.rule.phrase(Lang::En);
    let (subject, opening, opening_en) = match notice {
        Notice::Issued => (
            format!("Rekomendasi {number}: {rule} / Recommendation issued"),
            format!(
                "Terlampir surat rekomendasi {number} tanggal {} tentang {}. Mohon tindak lanjut dilaporkan \
                 paling lambat {due}.",
                long_date(letter.date),
                rule.to_lowercase()
            ),
            format!(
                "Attached is recommendation letter {number} of {} on: {}. Please report the action taken by \
                 {due_en}.",
                letter.date,
                rule_en.to_lowercase()
            ),
        ),
        Notice::Reminder => (
            format!("Pengingat: rekomendasi {number} jatuh tempo {due} / Reminder: due {due_en}"),
            format!(
                "Rekomendasi {number} ({}) jatuh tempo pada {due} dan belum dijawab.",
                rule.to_lowercase()
            ),
            format!(
                "Recommendation {number} ({}) is due on {due_en} and has not been answered.",
                rule_en.to_lowercase()
            ),
        ),
        Notice::Overdue => (
            format!("Rekomendasi {number} melewati batas waktu / Recommendation overdue"),
            format!(
                "Batas waktu rekomendasi {number} ({}) telah lewat pada {due} tanpa jawaban. \
                 Keterlambatan ini tercatat dalam kartu skor instansi.",
                rule.to_lowercase()
            ),
            format!(
                "Recommendation {number} ({}) was due on {due_en} and has not been answered. This is \
                 recorded on the agency's scorecard.",
                rule_en.to_lowercase()
            ),
        ),
    };
    let body = format!(
        "Yth. Pejabat Pembina Kepegawaian {agency},\n\n{opening}\n\nJawaban (recommendation_response) \
         dikirim melalui halaman Unggah Laporan di Pantau Merit. Rincian: {address}\n\n---\n\n\
         To the staffing authority of {agency},\n\n{opening_en}\n\nAnswer with a recommendation_response \
         record on Pantau Merit's upload page. Details: {address}\n\n-- \nPantau Merit, {issuer}\n",
        agency = letter.agency_name,
        address = letter.address,
        issuer = letter.issuer(),
    );
    (subject, body)
}

/// The weekly digest for a staff member: `(subject, body)`, or `None` when there is nothing new.
pub fn digest(
    week_ending: Date,
    provinces: &[String],
    overdue: &[String],
    violations: &[String],
) -> Option<(String, String)> {
    if overdue.is_empty() && violations.is_empty() {
        return None;
    }
    let list = |items: &[String]| {
        if items.is_empty() {
            "  (tidak ada / none)\n".to_string()
        } else {
            items.iter().map(|i| format!("  - {i}\n")).collect()
        }
    };
    let subject = format!(
        "Ringkasan mingguan Pantau Merit s.d. {} / Weekly digest",
        long_date(week_ending)
    );
    let body = format!(
        "Ringkasan pekan yang berakhir {} untuk provinsi {} / Week ending {week_ending}, provinces {}\n\n\
         Rekomendasi baru melewati batas waktu / Newly overdue recommendations ({}):\n{}\n\
         Pelanggaran berat baru / New high-severity violations ({}):\n{}\n-- \nPantau Merit\n",
        long_date(week_ending),
        provinces.join(", "),
        provinces.join(", "),
        overdue.len(),
        list(overdue),
        violations.len(),
        list(violations),
    );
    Some((subject, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter() -> Letter {
        Letter::of(&super::super::letter::tests::detail(), "http://pantau.test").expect("issued")
    }

    #[test]
    fn each_notice_names_the_letter_the_due_date_and_the_address_in_both_languages() {
        let letter = letter();
        for notice in [Notice::Issued, Notice::Reminder, Notice::Overdue] {
            let (subject, body) = compose(notice, &letter);
            assert!(subject.contains("R-42/BKN/06/2025"), "{subject}");
            assert!(
                body.contains("14 Juli 2025") && body.contains("2025-07-14"),
                "{body}"
            );
            assert!(body.contains("http://pantau.test/pelanggaran/42"));
            assert!(body.contains("Kota Bandung"));
            let (indonesian, english) = body.split_once("\n---\n").expect("two languages");
            assert!(indonesian.contains("Yth.") && english.contains("To the staffing authority"));
        }
        assert!(compose(Notice::Reminder, &letter)
            .0
            .starts_with("Pengingat"));
        assert!(compose(Notice::Overdue, &letter).1.contains("telah lewat"));
    }

    #[test]
    fn an_empty_week_sends_no_digest() {
        let week = Date::parse("2026-11-30").expect("date");
        assert_eq!(digest(week, &["32".into()], &[], &[]), None);
        let (subject, body) = digest(week, &["32".into()], &["R-1".into()], &[]).expect("digest");
        assert!(subject.contains("30 November 2026"));
        assert!(body.contains("(1):\n  - R-1") && body.contains("(0):\n  (tidak ada / none)"));
    }
}
