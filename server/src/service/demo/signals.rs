//! The demo's signals (issue #20): the generated moves after a job fit keep their level (so the job-fit-removal
//! pattern does not show everywhere), and a handful of agencies get each pattern planted — a mass rotation after
//! the 2025 inauguration, a post kept under three acting officials in a row, a job fit followed by a removal — all
//! with lawful records (approvals before the moves, long tenures, short acting terms), so no violation is added.

use super::agent::Agent;
use super::*;

impl Agent<'_> {
    /// A move on the basis of a job fit keeps the official's level (a demotion or removal would be a signal).
    pub(super) fn quiet_job_fit_moves(&mut self) {
        for record in &mut self.records {
            if record["kind"] != "rotation" || record["basis"] != "job_fit" {
                continue;
            }
            let rank = |level: &Value| match level.as_str() {
                Some("utama") => 3,
                Some("madya") => 2,
                _ => 1,
            };
            let from = rank(&record["from_position"]["level"]);
            let lowered = match record.get("to_position") {
                Some(Value::Object(to)) => to.get("level").map_or(1, rank) < from,
                _ => true,
            };
            if lowered {
                let mut to = record["from_position"].clone();
                to["title"] = json!(format!(
                    "{} (penempatan baru)",
                    to["title"].as_str().unwrap_or("Jabatan")
                ));
                record["to_position"] = to;
            }
        }
    }

    /// A rotation that breaks no rule: long in post, the Minister's approval (regional) ten days before.
    fn lawful_rotation(
        &mut self,
        rng: &mut Rng,
        id: String,
        effective: Date,
        regional: bool,
    ) -> Value {
        let serial = self.next_serial();
        let mut record = json!({
            "kind": "rotation", "id": id, "nip": nip(rng, serial), "name": name(rng),
            "from_position": self.position_from(rng), "held_since": effective.add_days(-5 * 365).to_string(),
            "to_position": self.position_from(rng), "effective_on": effective.to_string(), "basis": "restructuring",
        });
        if regional {
            let serial = self.next_serial();
            record["home_affairs_approval"] =
                letter("100.2.2.6/OTDA", serial, effective.add_days(-10));
        }
        record
    }

    /// A pratama post of this agency, drawn from `rng` (not the agency's main stream).
    fn position_from(&self, rng: &mut Rng) -> Value {
        let posts = if self.agency.kind.is_regional() {
            REGIONAL_POSTS
        } else {
            CENTRAL_POSTS
        };
        json!({"title": rng.pick(posts), "level": "pratama"})
    }

    pub(super) fn plant_signals(&mut self, rng: &mut Rng, regional: bool) {
        let d = |y, m, day| Date::new(y, m, day).unwrap_or(Date::MAX);
        // Six moves within three weeks of April 2025 (after the February 2025 inaugurations).
        for i in 0..6 {
            let record = self.lawful_rotation(
                rng,
                format!("SIG-MUT-{i}"),
                d(2025, 4, 7).add_days(i * 4),
                regional,
            );
            self.records.push(record);
        }
        // One post under three acting officials in a row, each for two months, a fortnight apart.
        let post = self.position_from(rng);
        for i in 0..3 {
            let starts = d(2024, 1, 8).add_days(i * 75);
            let serial = self.next_serial();
            self.records.push(json!({
                "kind": "acting_assignment", "id": format!("SIG-PLT-{i}"), "nip": nip(rng, serial), "name": name(rng),
                "position": post, "type": "plt", "starts_on": starts.to_string(),
                "ends_on": starts.add_days(60).to_string(), "extended": false,
            }));
        }
        // A job fit, and one of its participants removed from JPT a month later.
        let held = d(2024, 6, 3);
        let mut removed =
            self.lawful_rotation(rng, "SIG-MUT-X".into(), held.add_days(30), regional);
        removed["to_position"] = Value::Null;
        removed["basis"] = json!("other");
        let serial = self.next_serial();
        let other = nip(rng, serial);
        let serial = self.next_serial();
        self.records.push(json!({
            "kind": "job_fit", "id": "SIG-JF-1", "held_on": held.to_string(),
            "participants": [removed["nip"].clone(), other],
            "kasn_recommendation": letter("B-JF/KASN", serial, held.add_days(7)),
        }));
        self.records.push(removed);
    }
}
