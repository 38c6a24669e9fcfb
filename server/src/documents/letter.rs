//! The recommendation letter (issue #18): what the commission sends the agency's head, as the agency's staff
//! pilot it — number and date, the addressee (the head as Pejabat Pembina Kepegawaian), the facts (the record, the
//! official's name and NIP, the dates that break the rule), the rule in words with its legal basis, what the
//! agency is asked to do, by when, and where to verify the letter. Built from the violation's detail page data;
//! pure, so each field is tested without a database.

use model::types::ViolationDetail;
use model::violation::RuleId;
use model::Lang;
use serde_json::Value;

use super::pdf::{self, Block, PdfError, Style};
use crate::domain::Date;

/// Everything printed on a letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub violation_id: i64,
    pub number: String,
    pub date: Date,
    pub due_on: Date,
    pub agency_name: String,
    pub rule: RuleId,
    pub legal_basis: String,
    pub message: String,
    pub record_kind: String,
    pub record_id: String,
    pub event_date: String,
    /// `(name, NIP)` of the official the record concerns, when it names one.
    pub official: Option<(String, String)>,
    /// The violation's address in the app, for verification.
    pub address: String,
}

impl Letter {
    /// The letter of a violation on which a recommendation was issued; `None` before one was.
    pub fn of(detail: &ViolationDetail, base_url: &str) -> Option<Letter> {
        let follow_up = detail.follow_up.as_ref()?;
        let official = detail.subject_nip.as_ref().map(|nip| {
            let name = detail
                .revisions
                .last()
                .and_then(|r| serde_json::from_str::<Value>(&r.content).ok())
                .and_then(|content| name_of(&content, nip))
                .unwrap_or_default();
            (name, nip.clone())
        });
        Some(Letter {
            violation_id: detail.id,
            number: follow_up.letter_number.clone(),
            date: Date::parse(&follow_up.letter_date).ok()?,
            due_on: Date::parse(&follow_up.due_on).ok()?,
            agency_name: detail.agency_name.clone(),
            rule: detail.rule_id,
            legal_basis: detail.legal_basis.clone(),
            message: detail.message.clone(),
            record_kind: detail.record_kind.clone(),
            record_id: detail.record_id.clone(),
            event_date: detail.event_date.clone(),
            official,
            address: format!(
                "{}/pelanggaran/{}",
                base_url.trim_end_matches('/'),
                detail.id
            ),
        })
    }

    /// The body that issued it: KASN until its dissolution, BKN after (UU 20/2023; the supervision passed in 2024).
    pub fn issuer(&self) -> &'static str {
        if self.date.year() >= 2025 {
            "Badan Kepegawaian Negara"
        } else {
            "Komisi Aparatur Sipil Negara"
        }
    }

    /// The letter's file name, e.g. `surat-rekomendasi-1234.pdf`.
    pub fn file_name(&self) -> String {
        format!("surat-rekomendasi-{}.pdf", self.violation_id)
    }

    /// The letter's paragraphs, in order.
    pub fn blocks(&self) -> Vec<Block> {
        let mut blocks = vec![
            Block::new(Style::Title, self.issuer().to_uppercase()),
            Block::new(Style::Small, "Pengawasan Sistem Merit — Pantau Merit").after(18.0),
            Block::new(Style::Body, format!("Nomor   : {}", self.number)).after(0.0),
            Block::new(Style::Body, format!("Tanggal : {}", long_date(self.date))).after(0.0),
            Block::new(Style::Body, "Sifat   : Segera").after(0.0),
            Block::new(
                Style::Bold,
                format!("Hal     : Rekomendasi atas {}", self.rule.phrase(Lang::Id).to_lowercase()),
            )
            .after(14.0),
            Block::new(Style::Body, "Yth.").after(0.0),
            Block::new(
                Style::Body,
                format!("Pejabat Pembina Kepegawaian {}", self.agency_name),
            )
            .after(0.0),
            Block::new(Style::Body, "(Kepala Instansi)").after(14.0),
            Block::new(
                Style::Body,
                "Berdasarkan laporan yang disampaikan instansi Saudara melalui Pantau Merit, kami menemukan hal \
                 sebagai berikut.",
            ),
            Block::new(Style::Bold, "1. Fakta").after(2.0),
            Block::new(
                Style::Body,
                format!("Catatan: {} nomor {}", kind_words(&self.record_kind), self.record_id),
            )
            .indented(14.0)
            .after(2.0),
        ];
        if let Some((name, nip)) = &self.official {
            let name = if name.is_empty() { "-" } else { name };
            blocks.push(
                Block::new(Style::Body, format!("Pejabat: {name}, NIP {nip}"))
                    .indented(14.0)
                    .after(2.0),
            );
        }
        blocks.extend([
            Block::new(
                Style::Body,
                format!("Tanggal kejadian: {}", event_words(&self.event_date)),
            )
            .indented(14.0)
            .after(2.0),
            Block::new(Style::Body, format!("Uraian: {}", self.message)).indented(14.0),
            Block::new(Style::Bold, "2. Ketentuan yang dilanggar").after(2.0),
            Block::new(
                Style::Body,
                format!(
                    "{} ({}). Dasar hukum: {}.",
                    self.rule.phrase(Lang::Id),
                    self.rule.as_str(),
                    self.legal_basis.trim_end_matches('.')
                ),
            )
            .indented(14.0),
            Block::new(Style::Bold, "3. Rekomendasi").after(2.0),
            Block::new(
                Style::Body,
                format!(
                    "Kami merekomendasikan agar Saudara {}, serta menyampaikan laporan tindak lanjut beserta \
                     salinan keputusannya melalui Pantau Merit paling lambat tanggal {}.",
                    remedy(self.rule),
                    long_date(self.due_on)
                ),
            )
            .indented(14.0),
            Block::new(Style::Bold, format!("Batas waktu tindak lanjut: {}", long_date(self.due_on)))
                .after(14.0),
            Block::new(
                Style::Body,
                "Apabila rekomendasi ini tidak ditindaklanjuti, kami akan meneruskannya kepada Presiden \
                 sesuai ketentuan peraturan perundang-undangan. Atas perhatian Saudara kami sampaikan terima \
                 kasih.",
            )
            .after(24.0),
            Block::new(Style::Body, format!("a.n. {}", self.issuer())).after(0.0),
            Block::new(Style::Body, "Deputi Bidang Pengawasan Sistem Merit").after(30.0),
            Block::new(
                Style::Small,
                format!(
                    "Verifikasi: surat ini dibuat oleh Pantau Merit dan dapat diperiksa pada {}",
                    self.address
                ),
            )
            .after(0.0),
            Block::new(
                Style::Small,
                format!(
                    "Verification: this letter was produced by Pantau Merit; check it at {}",
                    self.address
                ),
            ),
        ]);
        blocks
    }

    /// The letter as a PDF.
    pub fn pdf(&self) -> Result<Vec<u8>, PdfError> {
        pdf::render(
            &format!("Surat rekomendasi {}", self.number),
            &self.blocks(),
        )
    }
}

/// The name beside `nip` anywhere in a record (top level for rotations and acting officials, in `candidates` or
/// `accused` for the others).
fn name_of(value: &Value, nip: &str) -> Option<String> {
    match value {
        Value::Object(map) => {
            if map.get("nip").and_then(Value::as_str) == Some(nip) {
                if let Some(name) = map.get("name").and_then(Value::as_str) {
                    return Some(name.to_string());
                }
            }
            map.values().find_map(|v| name_of(v, nip))
        }
        Value::Array(items) => items.iter().find_map(|v| name_of(v, nip)),
        _ => None,
    }
}

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// `1 Desember 2026`: dates as Indonesian letters write them.
pub fn long_date(date: Date) -> String {
    let month = MONTHS[usize::from(date.month().clamp(1, 12)) - 1];
    format!("{} {month} {}", date.day(), date.year())
}

fn event_words(text: &str) -> String {
    Date::parse(text).map_or_else(|_| text.to_string(), long_date)
}

/// A record kind as the letter names it.
fn kind_words(kind: &str) -> &str {
    match kind {
        "rotation" => "mutasi/rotasi pejabat",
        "selection" => "seleksi terbuka",
        "job_fit" => "uji kompetensi (job fit)",
        "acting_assignment" => "penugasan Plt/Plh",
        "neutrality_complaint" | "neutrality_followup" => "pengaduan netralitas ASN",
        "regional_head_term" => "masa jabatan kepala daerah",
        "recommendation_response" => "tindak lanjut rekomendasi",
        other => other,
    }
}

/// What the agency is asked to do, per rule (the remedies the commission's letters give for each breach).
fn remedy(rule: RuleId) -> &'static str {
    match rule {
        RuleId::RotPostInaug | RuleId::RotPreElection | RuleId::RotActingHead => {
            "membatalkan mutasi tersebut dan mengembalikan pejabat yang bersangkutan ke jabatan semula, kecuali \
             telah memperoleh persetujuan tertulis Menteri Dalam Negeri"
        }
        RuleId::JptMinTenure => {
            "meninjau kembali pemindahan pejabat yang belum memenuhi masa jabatan minimum dan mengembalikannya ke \
             jabatan semula, atau menyampaikan dasar pengecualiannya"
        }
        RuleId::JobfitNoRec => {
            "menunda pengisian jabatan hasil uji kompetensi sampai memperoleh rekomendasi dan meninjau kembali \
             pelantikan yang telah dilakukan"
        }
        RuleId::SelNotShortlisted => {
            "membatalkan pelantikan dan mengangkat salah satu dari tiga calon yang diusulkan panitia seleksi"
        }
        RuleId::SelShortlistSize => {
            "memastikan panitia seleksi mengusulkan tiga nama calon dan mengulang tahap penetapan usulan"
        }
        RuleId::SelNoRec => {
            "meninjau kembali pelantikan yang dilakukan tanpa rekomendasi atas hasil seleksi terbuka"
        }
        RuleId::PanselSize => "menyesuaikan jumlah anggota panitia seleksi dengan ketentuan",
        RuleId::PanselInternal => {
            "menyesuaikan komposisi panitia seleksi sehingga unsur internal tidak melebihi batas"
        }
        RuleId::SelAge => {
            "menggugurkan calon yang melampaui batas usia dan meninjau kembali hasil seleksi"
        }
        RuleId::ActingTooLong => {
            "segera mengisi jabatan secara definitif melalui seleksi terbuka dan mengakhiri penugasan Plt/Plh"
        }
        RuleId::NeuNoFollowup => {
            "menjatuhkan sanksi kepada ASN yang melanggar netralitas sesuai rekomendasi dan melaporkan keputusannya"
        }
        RuleId::RecOverdue => {
            "segera menindaklanjuti rekomendasi sebelumnya yang telah melewati batas waktu"
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use model::recommendation::{FollowUpView, RecommendationState};
    use model::types::RecordRevision;
    use model::violation::{Severity, Status};

    pub(crate) fn detail() -> ViolationDetail {
        ViolationDetail {
            id: 42,
            rule_id: RuleId::RotPostInaug,
            severity: Severity::High,
            status: Status::RecommendationIssued,
            agency_code: "32.73".into(),
            agency_name: "Kota Bandung".into(),
            record_kind: "rotation".into(),
            record_id: "MUT-2025-001".into(),
            subject_nip: Some("198001012005011001".into()),
            event_date: "2025-03-01".into(),
            legal_basis: "UU 10/2016 art. 162(3)".into(),
            message: "Mutasi pada 1 Maret 2025, 2 bulan setelah pelantikan 1 Januari 2025.".into(),
            message_en: String::new(),
            params: Vec::new(),
            params_since: Vec::new(),
            active: true,
            flagged_as_of: "2025-03-02".into(),
            cleared_as_of: None,
            history: Vec::new(),
            revisions: vec![RecordRevision {
                revision: 1,
                received_at: "2025-03-02T00:00:00Z".into(),
                content:
                    r#"{"kind":"rotation","nip":"198001012005011001","name":"Siti Rahayu Lestari"}"#
                        .into(),
            }],
            actions: Vec::new(),
            follow_up: Some(FollowUpView {
                letter_number: "R-42/BKN/06/2025".into(),
                letter_date: "2025-06-30".into(),
                due_on: "2025-07-14".into(),
                state: RecommendationState::Pending,
                answers: Vec::new(),
                can_judge: false,
            }),
        }
    }

    fn text(letter: &Letter) -> String {
        letter
            .blocks()
            .into_iter()
            .map(|b| b.text)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn every_field_is_on_the_letter() {
        let letter = Letter::of(&detail(), "https://pantau.example.go.id/").expect("issued");
        let text = text(&letter);
        for field in [
            "R-42/BKN/06/2025",
            "30 Juni 2025",
            "Pejabat Pembina Kepegawaian Kota Bandung",
            "mutasi/rotasi pejabat nomor MUT-2025-001",
            "Siti Rahayu Lestari, NIP 198001012005011001",
            "Tanggal kejadian: 1 Maret 2025",
            "2 bulan setelah pelantikan",
            "R-ROT-POST-INAUG",
            "UU 10/2016 art. 162(3)",
            "membatalkan mutasi tersebut",
            "Batas waktu tindak lanjut: 14 Juli 2025",
            "https://pantau.example.go.id/pelanggaran/42",
            "BADAN KEPEGAWAIAN NEGARA",
        ] {
            assert!(text.contains(field), "{field} missing from\n{text}");
        }
        assert_eq!(letter.file_name(), "surat-rekomendasi-42.pdf");
    }

    #[test]
    fn no_letter_before_a_recommendation_and_kasn_before_2025() {
        let mut detail = detail();
        detail.follow_up.as_mut().expect("follow-up").letter_date = "2024-12-31".into();
        let letter = Letter::of(&detail, "http://x").expect("issued");
        assert_eq!(letter.issuer(), "Komisi Aparatur Sipil Negara");
        detail.follow_up = None;
        assert_eq!(Letter::of(&detail, "http://x"), None);
    }

    #[test]
    fn dates_are_written_out_in_indonesian() {
        let date = Date::parse("2026-12-01").expect("date");
        assert_eq!(long_date(date), "1 Desember 2026");
    }
}
