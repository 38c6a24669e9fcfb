//! The demo data set (`pantau demo`): one `pantau.report.v1` batch per agency of the registry, generated from a
//! seed and fed through the normal import path, so demo data is validated, stored and evaluated like an agency's.
//!
//! Pure and deterministic: each agency's batch depends only on the seed, the scale and the agency's code (not on
//! the order agencies are generated in). What it holds, years 2019–2025:
//! - regional heads' terms in the two real election waves (2020 and 2018/2023, with acting heads — Pj — until the
//!   February 2025 inaugurations) and the 2020 and 2024 regional elections (Pilkada);
//! - open selections with committees and candidates, rotations, job fits, acting officials (Plt/Plh);
//! - merit assessments (self and verified) calibrated on KASN's published cumulative figures (about 180 agencies
//!   assessed by the 2020 round, over 400 by 2022 with about 40 % Baik or better, 585 by 2023 with about 54 %);
//! - neutrality complaints concentrated in election years, with recommendations and the agencies' follow-ups;
//! - a realistic share of rule-breaking records (rotations without the Minister's approval in a ban window,
//!   early moves, committees out of bounds, appointees off the shortlist, late recommendations, long acting
//!   assignments, late follow-ups).
//!
//! Counts scale with `scale` (records per agency and year); `--scale 10` gives about a million records.

use model::types::{Agency, AgencyKind};
use serde_json::{json, Value};

use crate::domain::complaints::intake::ComplaintForm;
use crate::domain::complaints::workflow::StepInput;
use crate::domain::records::SCHEMA_V1;
use crate::domain::Date;

/// The years the demo covers.
pub const YEARS: std::ops::RangeInclusive<i32> = 2019..=2025;

/// SplitMix64: small, fast, and the same on every platform, which is all a demo needs.
struct Rng(u64);

impl Rng {
    fn for_agency(seed: u64, code: &str) -> Rng {
        // FNV-1a of the code, mixed with the seed: each agency's stream is independent of the others.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in code.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + i64::try_from(self.below(u64::try_from(hi - lo + 1).unwrap_or(1))).unwrap_or(0)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// Roughly normal (sum of four uniforms), mean `mean`, standard deviation `sd`.
    fn normal(&mut self, mean: f64, sd: f64) -> f64 {
        let sum: f64 = (0..4)
            .map(|_| (self.next() >> 11) as f64 / (1u64 << 53) as f64)
            .sum();
        mean + (sum - 2.0) * sd * (3.0f64).sqrt()
    }

    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        items[usize::try_from(self.below(items.len() as u64)).unwrap_or(0)]
    }

    /// How many of something happen, `mean` on average (scaled counts stay whole and vary a little).
    fn count(&mut self, mean: f64) -> usize {
        let whole = mean.floor();
        let extra = usize::from(self.chance(mean - whole));
        usize::try_from(whole as i64).unwrap_or(0) + extra
    }
}

const FIRST_NAMES: &[&str] = &[
    "Agus", "Budi", "Dewi", "Sri", "Wahyu", "Rina", "Hendra", "Siti", "Yudi", "Ratna", "Bambang",
    "Lestari", "Eko", "Nurul", "Teguh", "Indah", "Fajar", "Maya", "Rudi", "Ayu",
];
const LAST_NAMES: &[&str] = &[
    "Santoso",
    "Wibowo",
    "Hidayat",
    "Kusuma",
    "Pratama",
    "Saputra",
    "Lubis",
    "Siregar",
    "Nasution",
    "Harahap",
    "Setiawan",
    "Rahmawati",
    "Gunawan",
    "Purnomo",
    "Susanti",
    "Syahputra",
];
const REGIONAL_POSTS: &[&str] = &[
    "Kepala Dinas Pendidikan",
    "Kepala Dinas Kesehatan",
    "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
    "Kepala Badan Kepegawaian dan Pengembangan SDM",
    "Kepala Badan Perencanaan Pembangunan Daerah",
    "Kepala Dinas Sosial",
    "Kepala Dinas Perhubungan",
    "Sekretaris DPRD",
    "Kepala Badan Keuangan dan Aset Daerah",
    "Asisten Pemerintahan dan Kesejahteraan Rakyat",
    "Kepala Dinas Penanaman Modal",
    "Inspektur Daerah",
];
const CENTRAL_POSTS: &[&str] = &[
    "Direktur Perencanaan",
    "Kepala Biro Umum",
    "Kepala Biro Sumber Daya Manusia",
    "Direktur Pengawasan",
    "Kepala Pusat Data dan Informasi",
    "Direktur Pelayanan Publik",
    "Kepala Biro Hukum",
    "Direktur Kerja Sama",
];
const CENTRAL_SENIOR_POSTS: &[&str] = &[
    "Sekretaris Jenderal",
    "Inspektur Jenderal",
    "Direktur Jenderal",
    "Kepala Badan",
    "Deputi Bidang Kebijakan",
];

/// A date uniformly within `year`, never after the end of 2025.
fn day_in(rng: &mut Rng, year: i32) -> Date {
    let start = Date::new(year, 1, 1).unwrap_or(Date::MAX);
    let length = if crate::domain::date::is_leap_year(year) {
        366
    } else {
        365
    };
    start.add_days(rng.range(0, length - 1))
}

fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

/// A valid NIP for someone born between 1962 and 1988; `serial` keeps NIPs of one record apart.
fn nip(rng: &mut Rng, serial: u64) -> String {
    let birth = Date::new(1962, 1, 1)
        .unwrap_or(Date::MAX)
        .add_days(rng.range(0, 26 * 365));
    let service_year = birth.year() + i32::try_from(rng.range(22, 30)).unwrap_or(25);
    format!(
        "{:04}{:02}{:02}{service_year:04}{:02}{}{:03}",
        birth.year(),
        birth.month(),
        birth.day(),
        rng.range(1, 12),
        rng.range(1, 2),
        serial % 999 + 1
    )
}

fn letter(prefix: &str, number: u64, issued_on: Date) -> Value {
    json!({"number": format!("{prefix}-{number}/{}", issued_on.year()), "issued_on": issued_on.to_string()})
}

/// One agency's generator: its random stream and what it has generated so far.
struct Agent<'a> {
    agency: &'a Agency,
    rng: Rng,
    scale: f64,
    records: Vec<Value>,
    /// Rotation ban windows (start, end inclusive) of a regional agency.
    bans: Vec<(Date, Date)>,
    counter: u64,
}

impl Agent<'_> {
    fn next_serial(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    fn position(&mut self) -> Value {
        let central = !self.agency.kind.is_regional();
        let senior = match self.agency.kind {
            AgencyKind::Ministry | AgencyKind::Institution => self.rng.chance(0.2),
            AgencyKind::Province => self.rng.chance(0.08),
            AgencyKind::Regency | AgencyKind::City => false,
        };
        let (title, level) = match (central, senior) {
            (true, true) => (self.rng.pick(CENTRAL_SENIOR_POSTS), "madya"),
            (true, false) => (self.rng.pick(CENTRAL_POSTS), "pratama"),
            (false, true) => ("Sekretaris Daerah", "madya"),
            (false, false) => (self.rng.pick(REGIONAL_POSTS), "pratama"),
        };
        json!({"title": title, "level": level})
    }

    /// Terms and elections of an autonomous province, regency or city, and the resulting ban windows.
    fn regional_heads(&mut self) {
        let head = match self.agency.kind {
            AgencyKind::Province => "Gubernur",
            AgencyKind::City => "Wali Kota",
            _ => "Bupati",
        };
        let d = |y, m, day| Date::new(y, m, day).unwrap_or(Date::MAX);
        // The 2020 wave (about 270 regions) vs the 2018 wave, whose heads were replaced by acting ones in 2023.
        let wave_2020 = self.rng.chance(0.45);
        let terms: Vec<(Date, Date, bool)> = if wave_2020 {
            vec![
                (d(2016, 2, 17), d(2021, 2, 17), false),
                (d(2021, 2, 26), d(2024, 12, 31), false),
                (d(2025, 1, 1), d(2025, 2, 19), true),
                (d(2025, 2, 20), d(2030, 2, 20), false),
            ]
        } else {
            vec![
                (d(2018, 9, 20), d(2023, 9, 20), false),
                (d(2023, 9, 21), d(2025, 2, 19), true),
                (d(2025, 2, 20), d(2030, 2, 20), false),
            ]
        };
        for (i, (from, to, acting)) in terms.iter().enumerate() {
            let head_name = if *acting {
                format!("Penjabat {head} ({})", name(&mut self.rng))
            } else {
                format!("{head} {}", name(&mut self.rng))
            };
            self.records.push(json!({
                "kind": "regional_head_term", "id": format!("TERM-{}-{i}", from.year()),
                "head_name": head_name, "inaugurated_on": from.to_string(),
                "term_ends_on": to.to_string(), "acting": acting,
            }));
            if *acting {
                self.bans.push((*from, *to));
            } else if from.year() >= 2019 {
                self.bans.push((*from, from.add_months(6).add_days(-1)));
            }
        }
        let mut elections = vec![(
            "PILKADA-2024",
            "Pilkada Serentak 2024",
            d(2024, 9, 22),
            d(2024, 11, 27),
        )];
        if wave_2020 {
            elections.push((
                "PILKADA-2020",
                "Pilkada Serentak 2020",
                d(2020, 9, 23),
                d(2020, 12, 9),
            ));
        }
        for (id, label, determination, vote) in elections {
            self.records.push(json!({
                "kind": "election", "id": id, "name": label,
                "candidate_determination_on": determination.to_string(), "vote_on": vote.to_string(),
            }));
            let in_force = terms
                .iter()
                .filter(|(from, to, _)| *from <= determination && determination < *to)
                .map(|(_, to, _)| *to)
                .next_back()
                .unwrap_or(vote);
            self.bans.push((determination.add_months(-6), in_force));
        }
    }

    fn selection(&mut self, year: i32, n: usize) {
        let rng = &mut self.rng;
        let announced = day_in(rng, year);
        let closes = announced.add_days(rng.range(10, 21));
        // Committee: usually 5, 7 or 9 with a minority of internal members; sometimes out of bounds.
        let size = if rng.chance(0.05) {
            rng.range(3, 6)
        } else {
            [5, 7, 9][usize::try_from(rng.below(3)).unwrap_or(0)]
        };
        let internal = if rng.chance(0.07) {
            (size + 1) / 2 + 1
        } else {
            size * 2 / 5
        };
        let committee: Vec<Value> = (0..size)
            .map(|i| {
                json!({
                    "name": format!("Anggota Pansel {}", i + 1),
                    "origin": if i < internal { "internal" } else { "external" },
                    "role": match i { 0 => "chair", 1 => "secretary", _ => "member" },
                })
            })
            .collect();
        let base = self.counter * 7;
        self.counter += 1;
        let ranked = if self.rng.chance(0.04) { 2 } else { 3 };
        let applicants = ranked + usize::try_from(self.rng.range(0, 3)).unwrap_or(0);
        let mut candidates = Vec::with_capacity(applicants);
        for i in 0..applicants {
            let mut nip = nip(&mut self.rng, base + i as u64);
            // Most ranked candidates are within the age limit on the closing day; a few are not.
            if i < ranked && !self.rng.chance(0.03) {
                let young = closes.year() - i32::try_from(self.rng.range(40, 54)).unwrap_or(45);
                nip.replace_range(0..4, &format!("{young:04}"));
                let service = young + 24;
                nip.replace_range(8..12, &format!("{service:04}"));
                if &nip[4..8] == "0229" {
                    nip.replace_range(4..8, "0228");
                }
            }
            candidates.push(json!({
                "nip": nip, "name": name(&mut self.rng),
                "proposed_rank": if i < ranked { json!(i + 1) } else { Value::Null },
            }));
        }
        let mut record = json!({
            "kind": "selection", "id": format!("SEL-{year}-{n:03}"), "position": self.position(),
            "announced_on": announced.to_string(), "registration_closes_on": closes.to_string(),
            "committee": committee, "candidates": candidates,
        });
        // Most selections end in an appointment of a ranked candidate with a timely recommendation.
        if self.rng.chance(0.85) {
            let inaugurated = closes.add_days(self.rng.range(30, 90));
            let pick = if self.rng.chance(0.05) && applicants > ranked {
                ranked
            } else {
                usize::try_from(self.rng.below(ranked as u64)).unwrap_or(0)
            };
            record["appointment"] = json!({"nip": record["candidates"][pick]["nip"], "inaugurated_on": inaugurated.to_string()});
            let issued = if self.rng.chance(0.04) {
                inaugurated.add_days(self.rng.range(1, 20))
            } else {
                inaugurated.add_days(-self.rng.range(3, 20))
            };
            if !self.rng.chance(0.03) {
                let serial = self.next_serial();
                record["kasn_recommendation"] = letter("B-REK/KASN", serial, issued);
            }
        }
        self.records.push(record);
    }

    fn rotation(&mut self, year: i32, n: usize, fits: &mut Vec<(String, Date, Vec<String>)>) {
        let effective = day_in(&mut self.rng, year);
        let early = self.rng.chance(0.05);
        let held_since = if early {
            effective.add_days(-self.rng.range(60, 600))
        } else {
            effective.add_days(-self.rng.range(2 * 365 + 2, 8 * 365))
        };
        let serial = self.next_serial();
        let nip = nip(&mut self.rng, serial);
        let basis = match self.rng.below(20) {
            0..=7 => "job_fit",
            8..=11 => "open_selection",
            12..=14 => "restructuring",
            15 => "misconduct",
            16 => "requirements_unmet",
            17 => "request",
            _ => "other",
        };
        let mut record = json!({
            "kind": "rotation", "id": format!("MUT-{year}-{n:03}"), "nip": nip, "name": name(&mut self.rng),
            "from_position": self.position(), "held_since": held_since.to_string(),
            "to_position": if self.rng.chance(0.9) { self.position() } else { Value::Null },
            "effective_on": effective.to_string(), "basis": basis,
        });
        if basis == "job_fit" {
            // A job fit a few weeks before, with this official among its participants (usually).
            let held_on = effective.add_days(-self.rng.range(20, 80));
            let id = format!("JF-{year}-{n:03}");
            let mut participants = vec![record["nip"].as_str().unwrap_or_default().to_string()];
            if self.rng.chance(0.02) {
                participants[0] = nip_other(&mut self.rng, serial);
            }
            record["job_fit_id"] = json!(id);
            fits.push((id, held_on, participants));
        }
        let in_ban = self
            .bans
            .iter()
            .any(|(from, to)| *from <= effective && effective <= *to);
        if in_ban && self.rng.chance(0.9) {
            // Usually issued before the move; now and then only after it (which does not count).
            let lead = if self.rng.chance(0.05) { -10 } else { 1 };
            let issued = effective.add_days(-self.rng.range(lead, 30));
            let serial = self.next_serial();
            record["home_affairs_approval"] = letter("100.2.2.6/OTDA", serial, issued);
        }
        self.records.push(record);
    }

    fn job_fit(&mut self, (id, held_on, mut participants): (String, Date, Vec<String>)) {
        for i in 0..self.rng.range(2, 6) {
            let serial = self.next_serial() + u64::try_from(i).unwrap_or(0);
            participants.push(nip_other(&mut self.rng, serial));
        }
        participants.sort();
        participants.dedup();
        let mut record = json!({"kind": "job_fit", "id": id, "held_on": held_on.to_string(), "participants": participants});
        if !self.rng.chance(0.02) {
            let late = self.rng.chance(0.02);
            let issued = held_on.add_days(if late {
                self.rng.range(90, 120)
            } else {
                self.rng.range(5, 15)
            });
            let serial = self.next_serial();
            record["kasn_recommendation"] = letter("B-JF/KASN", serial, issued);
        }
        self.records.push(record);
    }

    fn acting(&mut self, year: i32, n: usize) {
        let starts = day_in(&mut self.rng, year);
        let extended = self.rng.chance(0.3);
        let allowed = if extended { 182 } else { 91 };
        let length = if self.rng.chance(0.08) {
            self.rng.range(allowed + 5, allowed + 200)
        } else {
            self.rng.range(20, allowed - 2)
        };
        let ends = starts.add_days(length);
        let serial = self.next_serial();
        let position = self.position();
        self.records.push(json!({
            "kind": "acting_assignment", "id": format!("PLT-{year}-{n:03}"), "nip": nip(&mut self.rng, serial),
            "name": name(&mut self.rng), "position": position,
            "type": if self.rng.chance(0.7) { "plt" } else { "plh" }, "starts_on": starts.to_string(),
            "ends_on": if year == 2025 && self.rng.chance(0.1) { Value::Null } else { json!(ends.to_string()) },
            "extended": extended,
        }));
    }

    fn complaint(&mut self, year: i32, n: usize) {
        let received = day_in(&mut self.rng, year);
        let status = match self.rng.below(10) {
            0 => "received",
            1 => "verifying",
            2..=4 => "dismissed",
            _ => "proven",
        };
        let serial = self.next_serial();
        let id = format!("ADU-{year}-{n:03}");
        let sanctions = ["moral_statement", "moderate", "heavy", "dismissal"];
        let mut record = json!({
            "kind": "neutrality_complaint", "id": id, "received_on": received.to_string(),
            "channel": self.rng.pick(&["public_form", "bawaslu", "bawaslu", "sp4n_lapor", "other"]),
            "accused": {"nip": nip(&mut self.rng, serial), "name": name(&mut self.rng),
                        "position_level": self.rng.pick(&["jpt", "jpt", "administrator", "supervisor", "functional", "executor"])},
            "violation_type": self.rng.pick(&["code_of_ethics", "code_of_ethics", "discipline_moderate", "discipline_heavy", "party_membership"]),
            "summary": self.rng.pick(&[
                "Mengunggah dukungan kepada pasangan calon di media sosial",
                "Menghadiri kampanye pasangan calon",
                "Memasang alat peraga kampanye",
                "Berfoto dengan simbol dukungan pasangan calon",
            ]),
            "status": status,
        });
        if self.rng.chance(0.4) {
            record["complainant"] = json!({"name": name(&mut self.rng), "contact": format!("08{:010}", self.rng.below(10_000_000_000))});
        }
        if status == "proven" {
            let issued = received.add_days(self.rng.range(7, 45));
            let sanction = sanctions[usize::try_from(self.rng.below(4)).unwrap_or(0)];
            record["recommendation"] =
                json!({"issued_on": issued.to_string(), "sanction": sanction});
            // PPKs followed up 53–91 % of recommendations; some of them late.
            if self.rng.chance(0.8) {
                let decided = issued.add_days(if self.rng.chance(0.2) {
                    self.rng.range(15, 60)
                } else {
                    self.rng.range(1, 14)
                });
                self.records.push(json!({
                    "kind": "neutrality_followup", "id": format!("TL-{year}-{n:03}"),
                    "complaint_ref": format!("{}/{id}", self.agency.code), "decided_on": decided.to_string(),
                    "sanction": if self.rng.chance(0.9) { sanction } else { "none" },
                }));
            }
        }
        self.records.push(record);
    }

    /// Self-assessments every year from the first, verified results in most years (calibrated in the module doc).
    fn merit(&mut self) {
        let first = match self.rng.below(100) {
            0..=15 => 2019,
            16..=28 => 2020,
            29..=54 => 2021,
            55..=65 => 2022,
            66..=91 => 2023,
            92..=95 => 2024,
            _ => return,
        };
        let central = matches!(
            self.agency.kind,
            AgencyKind::Ministry | AgencyKind::Institution
        );
        let mean =
            226.0 + if central { 25.0 } else { 0.0 } + if first <= 2020 { 15.0 } else { 0.0 };
        let mut score = self.rng.normal(mean, 46.0);
        let growth = self.rng.normal(9.0, 6.0);
        for year in first..=*YEARS.end() {
            let rounded = |s: f64| (s.clamp(100.0, 400.0) * 2.0).round() / 2.0;
            let verified = rounded(score);
            let claimed = rounded(score + self.rng.normal(18.0, 10.0));
            self.records.push(json!({"kind": "merit_assessment", "id": format!("SM-{year}-SELF"), "year": year, "stage": "self", "total_score": claimed}));
            if year == first || self.rng.chance(0.75) {
                self.records.push(json!({"kind": "merit_assessment", "id": format!("SM-{year}"), "year": year, "stage": "verified", "total_score": verified}));
            }
            score += growth;
        }
    }
}

/// Another valid NIP (a participant who is not the rotated official).
fn nip_other(rng: &mut Rng, serial: u64) -> String {
    nip(rng, serial.wrapping_add(500))
}

/// Complaints as the public files them through the form (`30 × scale`, about regional governments), so that the
/// staff's case list has work: they arrive today, `received`, some anonymous. Deterministic in content; their
/// references and receipt codes are drawn when they are filed.
pub fn form_complaints(agencies: &[Agency], seed: u64, scale: f64) -> Vec<ComplaintForm> {
    let regional: Vec<&Agency> = agencies
        .iter()
        .filter(|a| a.kind.is_regional() && a.autonomous)
        .collect();
    if regional.is_empty() {
        return Vec::new();
    }
    let mut rng = Rng::for_agency(seed, "form-complaints");
    let count = rng.count(30.0 * scale);
    (0..count)
        .map(|_| {
            let agency = regional[usize::try_from(rng.below(regional.len() as u64)).unwrap_or(0)];
            let anonymous = rng.chance(0.5);
            ComplaintForm {
                agency_code: agency.code.clone(),
                election: rng.pick(&["pilkada_2024", "pilkada_2024", "pemilu_2024", "other"]).to_string(),
                accused_name: rng.chance(0.6).then(|| name(&mut rng)),
                position_level: Some(rng.pick(&["jpt", "administrator", "supervisor", "unknown"]).to_string()),
                summary: rng
                    .pick(&[
                        "Pejabat membagikan materi kampanye pasangan calon di grup percakapan kantor.",
                        "Kepala bidang tampil di panggung kampanye dan mengajak hadirin memilih calon tertentu.",
                        "ASN memasang spanduk dukungan calon di halaman kantor dinas.",
                    ])
                    .to_string(),
                evidence: vec!["https://example.org/bukti".to_string()],
                anonymous,
                complainant_name: (!anonymous).then(|| name(&mut rng)),
                complainant_contact: (!anonymous)
                    .then(|| format!("08{:010}", rng.below(10_000_000_000))),
                ..ComplaintForm::default()
            }
        })
        .collect()
}

/// The workflow steps staff take on the `n`-th demo form complaint: of every six, two stay received, one is
/// being verified, one is proven, one gets a recommendation dated `today`, one is dismissed.
pub fn case_steps(n: usize, today: Date) -> Vec<StepInput> {
    let step = |action: &str| StepInput {
        action: action.to_string(),
        ..StepInput::default()
    };
    let prove = StepInput {
        violation_type: Some("code_of_ethics".to_string()),
        ..step("prove")
    };
    match n % 6 {
        2 => vec![step("verify")],
        3 => vec![step("verify"), prove],
        4 => vec![
            step("verify"),
            prove,
            StepInput {
                sanction: Some("moral_statement".to_string()),
                letter_number: Some(format!("R-{n}/KASN/DEMO")),
                date: Some(today.to_string()),
                ..step("recommend")
            },
        ],
        5 => vec![StepInput {
            reason: Some("Terlapor bukan ASN instansi ini.".to_string()),
            ..step("dismiss")
        }],
        _ => Vec::new(),
    }
}

/// The demo batch of one agency.
pub fn agency_batch(agency: &Agency, seed: u64, scale: f64) -> Value {
    let mut agent = Agent {
        agency,
        rng: Rng::for_agency(seed, &agency.code),
        scale,
        records: Vec::new(),
        bans: Vec::new(),
        counter: 0,
    };
    let regional = agency.kind.is_regional() && agency.autonomous;
    if regional {
        agent.regional_heads();
    }
    let mut fits = Vec::new();
    for year in YEARS {
        let s = agent.scale;
        for n in 0..agent.rng.count(3.0 * s) {
            agent.selection(year, n);
        }
        for n in 0..agent.rng.count(12.0 * s) {
            agent.rotation(year, n, &mut fits);
        }
        for n in 0..agent.rng.count(3.0 * s) {
            agent.acting(year, n);
        }
        let election_year = year == 2020 || year == 2024;
        let complaints = match (regional, election_year) {
            (true, true) => 4.0,
            (true, false) => 1.0,
            (false, _) => 0.5,
        };
        for n in 0..agent.rng.count(complaints * s) {
            agent.complaint(year, n);
        }
    }
    for fit in fits {
        agent.job_fit(fit);
    }
    agent.merit();
    json!({"schema": SCHEMA_V1, "agency_code": agency.code, "records": agent.records})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::validate_batch;

    fn agency(code: &str, kind: AgencyKind) -> Agency {
        Agency {
            code: code.into(),
            name: format!("Instansi {code}"),
            kind,
            province_code: kind.is_regional().then(|| "32".to_string()),
            autonomous: true,
        }
    }

    #[test]
    fn batches_are_valid_and_deterministic() {
        let today = Date::new(2026, 11, 24).unwrap_or(Date::MAX);
        for a in [
            agency("K02", AgencyKind::Ministry),
            agency("L07", AgencyKind::Institution),
            agency("32", AgencyKind::Province),
            agency("32.04", AgencyKind::Regency),
            agency("32.73", AgencyKind::City),
        ] {
            for seed in [1, 2, 3] {
                let batch = agency_batch(&a, seed, 1.0);
                let checked = validate_batch(&batch, |c| (c == a.code).then(|| a.clone()), today);
                assert!(
                    checked.is_ok(),
                    "{} seed {seed}: {:?}",
                    a.code,
                    checked
                        .err()
                        .map(|e| e.into_iter().take(3).collect::<Vec<_>>())
                );
                assert_eq!(batch, agency_batch(&a, seed, 1.0), "same seed, same batch");
            }
            assert_ne!(agency_batch(&a, 1, 1.0), agency_batch(&a, 2, 1.0));
        }
    }

    #[test]
    fn scale_multiplies_the_yearly_records() {
        let a = agency("32.04", AgencyKind::Regency);
        let count = |scale| {
            agency_batch(&a, 7, scale)["records"]
                .as_array()
                .map_or(0, Vec::len)
        };
        let (one, ten) = (count(1.0), count(10.0));
        assert!((120..260).contains(&one), "{one}");
        assert!(ten > 8 * one, "{one} → {ten}");
    }
}
