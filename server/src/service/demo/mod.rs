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

mod agent;
mod followups;
mod names;
mod seed;
mod signals;

pub use seed::{fill, DemoError, Filled};

use agent::Agent;
use names::*;

/// SplitMix64: small, fast, and the same on every platform, which is all a demo needs.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn for_agency(seed: u64, code: &str) -> Rng {
        // FNV-1a of the code, mixed with the seed: each agency's stream is independent of the others.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in code.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Uniform in `lo..=hi`.
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + i64::try_from(self.below(u64::try_from(hi - lo + 1).unwrap_or(1))).unwrap_or(0)
    }

    /// True with probability `p`.
    pub(super) fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// Roughly normal (sum of four uniforms), mean `mean`, standard deviation `sd`.
    pub(super) fn normal(&mut self, mean: f64, sd: f64) -> f64 {
        let sum: f64 = (0..4)
            .map(|_| (self.next() >> 11) as f64 / (1u64 << 53) as f64)
            .sum();
        mean + (sum - 2.0) * sd * (3.0f64).sqrt()
    }

    pub(super) fn pick(&mut self, items: &[&'static str]) -> &'static str {
        items[usize::try_from(self.below(items.len() as u64)).unwrap_or(0)]
    }

    /// How many of something happen, `mean` on average (scaled counts stay whole and vary a little).
    pub(super) fn count(&mut self, mean: f64) -> usize {
        let whole = mean.floor();
        let extra = usize::from(self.chance(mean - whole));
        usize::try_from(whole as i64).unwrap_or(0) + extra
    }
}
/// A date uniformly within `year`, never after the end of 2025.
pub(super) fn day_in(rng: &mut Rng, year: i32) -> Date {
    let start = Date::new(year, 1, 1).unwrap_or(Date::MAX);
    let length = if crate::domain::date::is_leap_year(year) {
        366
    } else {
        365
    };
    start.add_days(rng.range(0, length - 1))
}

pub(super) fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

/// A valid NIP for someone born between 1962 and 1988; `serial` keeps NIPs of one record apart.
pub(super) fn nip(rng: &mut Rng, serial: u64) -> String {
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

pub(super) fn letter(prefix: &str, number: u64, issued_on: Date) -> Value {
    json!({"number": format!("{prefix}-{number}/{}", issued_on.year()), "issued_on": issued_on.to_string()})
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
    // Signals (issue #20): quiet everywhere but in a handful of agencies, where each pattern is planted with lawful
    // records (so the violations stay what they were). Drawn from their own stream, after everything else.
    agent.quiet_job_fit_moves();
    let mut plant = Rng::for_agency(seed, &format!("signals-{}", agency.code));
    if plant.chance(SIGNAL_SHARE) {
        agent.plant_signals(&mut plant, regional);
    }
    json!({"schema": SCHEMA_V1, "agency_code": agency.code, "records": agent.records})
}

/// The share of agencies whose demo data carries the three signal patterns (about a dozen of 635).
const SIGNAL_SHARE: f64 = 0.02;
#[cfg(test)]
mod tests;
