//! One agency's demo records, year by year: terms and elections, selections, rotations, job fits, acting
//! officials, merit assessments, complaints and follow-ups, with their share of rule-breaking.

use super::*;
use model::ComplaintStatus;

/// One agency's generator: its random stream and what it has generated so far.
pub(super) struct Agent<'a> {
    pub(super) agency: &'a Agency,
    pub(super) rng: Rng,
    pub(super) scale: f64,
    pub(super) records: Vec<Value>,
    /// Rotation ban windows (start, end inclusive) of a regional agency.
    pub(super) bans: Vec<(Date, Date)>,
    pub(super) counter: u64,
}

impl Agent<'_> {
    pub(super) fn next_serial(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    pub(super) fn position(&mut self) -> Value {
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
    pub(super) fn regional_heads(&mut self) {
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

    pub(super) fn selection(&mut self, year: i32, n: usize) {
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

    pub(super) fn rotation(
        &mut self,
        year: i32,
        n: usize,
        fits: &mut Vec<(String, Date, Vec<String>)>,
    ) {
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

    pub(super) fn job_fit(&mut self, (id, held_on, mut participants): (String, Date, Vec<String>)) {
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

    pub(super) fn acting(&mut self, year: i32, n: usize) {
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

    pub(super) fn complaint(&mut self, year: i32, n: usize) {
        let received = day_in(&mut self.rng, year);
        let status = match self.rng.below(10) {
            0 => ComplaintStatus::Received,
            1 => ComplaintStatus::Verifying,
            2..=4 => ComplaintStatus::Dismissed,
            _ => ComplaintStatus::Proven,
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
            "status": status.as_str(),
        });
        if self.rng.chance(0.4) {
            record["complainant"] = json!({"name": name(&mut self.rng), "contact": format!("08{:010}", self.rng.below(10_000_000_000))});
        }
        if status == ComplaintStatus::Proven {
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
    pub(super) fn merit(&mut self) {
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
