//! One check per record kind of reports.md: the fields each kind has, and the rules between them (dates in
//! order, sizes, what a choice needs next to it).

use super::*;

impl Checker<'_> {
    pub(super) fn regional_head_term(
        &mut self,
        o: &Map<String, Value>,
        p: &str,
    ) -> Option<RegionalHeadTerm> {
        let head_name = self.string(o, "head_name", p);
        let inaugurated_on = self.date(o, "inaugurated_on", p);
        let term_ends_on = self.date(o, "term_ends_on", p);
        let acting = self.boolean(o, "acting", p);
        self.order(
            inaugurated_on,
            term_ends_on,
            &join(p, "term_ends_on"),
            "inaugurated_on",
            true,
        );
        Some(RegionalHeadTerm {
            head_name: head_name?,
            inaugurated_on: inaugurated_on?,
            term_ends_on: term_ends_on?,
            acting: acting?,
        })
    }

    pub(super) fn election(&mut self, o: &Map<String, Value>, p: &str) -> Option<Election> {
        let name = self.string(o, "name", p);
        let determination = self.date(o, "candidate_determination_on", p);
        let vote_on = self.date(o, "vote_on", p);
        self.order(
            determination,
            vote_on,
            &join(p, "vote_on"),
            "candidate_determination_on",
            false,
        );
        Some(Election {
            name: name?,
            candidate_determination_on: determination?,
            vote_on: vote_on?,
        })
    }

    pub(super) fn selection(&mut self, o: &Map<String, Value>, p: &str) -> Option<Selection> {
        let position = self.position(o, "position", p);
        let announced_on = self.date(o, "announced_on", p);
        let closes_on = self.date(o, "registration_closes_on", p);
        self.order(
            announced_on,
            closes_on,
            &join(p, "registration_closes_on"),
            "announced_on",
            false,
        );
        let committee = self.list(o, "committee", p, true, |c, v, at| {
            let member = c.object(v, at)?;
            c.unknown_fields(member, at, &["name", "origin", "role"]);
            let name = c.string(member, "name", at);
            let origin = c.choice(member, "origin", at, Origin::parse, Origin::expected);
            let role = c.choice(
                member,
                "role",
                at,
                CommitteeRole::parse,
                CommitteeRole::expected,
            );
            Some(CommitteeMember {
                name: name?,
                origin: origin?,
                role: role?,
            })
        });
        let mut nips = HashSet::new();
        let mut ranks = HashSet::new();
        let candidates = self.list(o, "candidates", p, false, |c, v, at| {
            let candidate = c.object(v, at)?;
            c.unknown_fields(candidate, at, &["nip", "name", "proposed_rank"]);
            let nip = c.nip(candidate, "nip", at);
            let name = c.string(candidate, "name", at);
            let rank = match candidate.get("proposed_rank") {
                None | Some(Value::Null) => Some(None),
                Some(Value::Number(n)) if matches!(n.as_u64(), Some(1..=3)) => {
                    n.as_u64().and_then(|r| u8::try_from(r).ok()).map(Some)
                }
                Some(_) => {
                    c.fail(
                        &join(at, "proposed_rank"),
                        "harus 1, 2, 3, atau null".into(),
                        "must be 1, 2, 3 or null".into(),
                    );
                    None
                }
            };
            if let Some(nip) = &nip {
                if !nips.insert(nip.as_str().to_string()) {
                    c.fail(
                        &join(at, "nip"),
                        "NIP ini sudah terdaftar sebagai kandidat lain".into(),
                        "this NIP is already another candidate".into(),
                    );
                }
            }
            if let Some(Some(rank)) = rank {
                if !ranks.insert(rank) {
                    c.fail(
                        &join(at, "proposed_rank"),
                        format!("peringkat {rank} sudah dipakai kandidat lain"),
                        format!("rank {rank} is already given to another candidate"),
                    );
                }
            }
            Some(Candidate {
                nip: nip?,
                name: name?,
                proposed_rank: rank?,
            })
        });
        let recommendation = self.letter(o, "kasn_recommendation", p);
        let appointment = match self.optional(o, "appointment") {
            Some(Some(value)) => {
                let at = join(p, "appointment");
                self.object(value, &at).and_then(|a| {
                    self.unknown_fields(a, &at, &["nip", "inaugurated_on"]);
                    let nip = self.nip(a, "nip", &at);
                    let inaugurated_on = self.date(a, "inaugurated_on", &at);
                    self.order(
                        closes_on,
                        inaugurated_on,
                        &join(&at, "inaugurated_on"),
                        "registration_closes_on",
                        false,
                    );
                    Some(Some(Appointment {
                        nip: nip?,
                        inaugurated_on: inaugurated_on?,
                    }))
                })
            }
            other => other.map(|_| None),
        };
        Some(Selection {
            position: position?,
            announced_on: announced_on?,
            registration_closes_on: closes_on?,
            committee: committee?,
            candidates: candidates?,
            kasn_recommendation: recommendation?,
            appointment: appointment?,
        })
    }

    pub(super) fn rotation(&mut self, o: &Map<String, Value>, p: &str) -> Option<Rotation> {
        let nip = self.nip(o, "nip", p);
        let name = self.string(o, "name", p);
        let from_position = self.position(o, "from_position", p);
        let held_since = self.date(o, "held_since", p);
        let to_position = match self.optional(o, "to_position") {
            Some(Some(value)) => self
                .position_value(value, &join(p, "to_position"))
                .map(Some),
            other => other.map(|_| None),
        };
        let effective_on = self.date(o, "effective_on", p);
        self.order(
            held_since,
            effective_on,
            &join(p, "effective_on"),
            "held_since",
            false,
        );
        let basis = self.choice(o, "basis", p, RotationBasis::parse, RotationBasis::expected);
        let job_fit_id = match self.optional(o, "job_fit_id") {
            Some(Some(_)) => self.string(o, "job_fit_id", p).map(Some),
            other => other.map(|_| None),
        };
        let home_affairs = self.letter(o, "home_affairs_approval", p);
        let presidential = self.letter(o, "presidential_approval", p);
        Some(Rotation {
            nip: nip?,
            name: name?,
            from_position: from_position?,
            held_since: held_since?,
            to_position: to_position?,
            effective_on: effective_on?,
            basis: basis?,
            job_fit_id: job_fit_id?,
            home_affairs_approval: home_affairs?,
            presidential_approval: presidential?,
        })
    }

    pub(super) fn job_fit(&mut self, o: &Map<String, Value>, p: &str) -> Option<JobFit> {
        let held_on = self.date(o, "held_on", p);
        let participants = self.list(o, "participants", p, true, |c, v, at| c.nip_value(v, at));
        let recommendation = self.letter(o, "kasn_recommendation", p);
        Some(JobFit {
            held_on: held_on?,
            participants: participants?,
            kasn_recommendation: recommendation?,
        })
    }

    pub(super) fn acting(&mut self, o: &Map<String, Value>, p: &str) -> Option<ActingAssignment> {
        let nip = self.nip(o, "nip", p);
        let name = self.string(o, "name", p);
        let position = self.position(o, "position", p);
        let acting_type = self.choice(o, "type", p, ActingType::parse, ActingType::expected);
        let starts_on = self.date(o, "starts_on", p);
        let ends_on = self.optional_date(o, "ends_on", p);
        self.order(
            starts_on,
            ends_on.flatten(),
            &join(p, "ends_on"),
            "starts_on",
            false,
        );
        let extended = self.boolean(o, "extended", p);
        Some(ActingAssignment {
            nip: nip?,
            name: name?,
            position: position?,
            acting_type: acting_type?,
            starts_on: starts_on?,
            ends_on: ends_on?,
            extended: extended?,
        })
    }

    pub(super) fn merit(
        &mut self,
        o: &Map<String, Value>,
        p: &str,
        today: Date,
    ) -> Option<MeritAssessment> {
        let year = match o.get("year").and_then(Value::as_i64) {
            Some(y) if (2015..=i64::from(today.year())).contains(&y) => i32::try_from(y).ok(),
            _ => {
                let last = today.year();
                self.fail(
                    &join(p, "year"),
                    format!("harus tahun 2015 sampai {last}"),
                    format!("must be a year from 2015 to {last}"),
                );
                None
            }
        };
        let stage = self.choice(o, "stage", p, Stage::parse, Stage::expected);
        let score = match o
            .get("total_score")
            .and_then(Value::as_f64)
            .map(Score::from_points)
        {
            Some(Ok(score)) => Some(score),
            Some(Err(ScoreError::TooPrecise(s))) => {
                self.fail(
                    &join(p, "total_score"),
                    format!("paling banyak satu angka desimal (mis. 253.5), bukan {s}"),
                    format!("at most one decimal (e.g. 253.5), not {s}"),
                );
                None
            }
            _ => {
                self.fail(
                    &join(p, "total_score"),
                    "harus angka 100.0 sampai 400.0".into(),
                    "must be a number from 100.0 to 400.0".into(),
                );
                None
            }
        };
        let aspects = match self.optional(o, "aspects") {
            Some(Some(value)) => {
                let at = join(p, "aspects");
                self.object(value, &at).and_then(|a| {
                    self.unknown_fields(a, &at, &MERIT_ASPECTS);
                    let mut scores = [0.0; 8];
                    let mut ok = true;
                    for (slot, key) in scores.iter_mut().zip(MERIT_ASPECTS) {
                        match a.get(key).and_then(Value::as_f64) {
                            Some(v) if v >= 0.0 && v.is_finite() => *slot = v,
                            _ => {
                                ok = false;
                                self.fail(
                                    &join(&at, key),
                                    "wajib diisi: angka ≥ 0 (kedelapan aspek diisi semua)".into(),
                                    "required: a number ≥ 0 (all eight aspects or none)".into(),
                                );
                            }
                        }
                    }
                    ok.then_some(Some(scores))
                })
            }
            other => other.map(|_| None),
        };
        Some(MeritAssessment {
            year: year?,
            stage: stage?,
            total_score: score?,
            aspects: aspects?,
        })
    }

    pub(super) fn followup(
        &mut self,
        o: &Map<String, Value>,
        p: &str,
    ) -> Option<NeutralityFollowup> {
        let complaint_ref = self.string(o, "complaint_ref", p);
        let decided_on = self.date(o, "decided_on", p);
        let sanction = self.choice(o, "sanction", p, Sanction::parse, Sanction::expected);
        Some(NeutralityFollowup {
            complaint_ref: complaint_ref?,
            decided_on: decided_on?,
            sanction: sanction?,
        })
    }

    /// `recommendation_response`: which violation (its existence and agency are checked against the database by
    /// the import service), when, and what — a decision letter with `complied`, a note with `objection`.
    pub(super) fn recommendation_response(
        &mut self,
        o: &Map<String, Value>,
        p: &str,
        today: Date,
    ) -> Option<RecommendationResponse> {
        let violation_id = self.required(o, "violation_id", p, |c, v, at| match v.as_i64() {
            Some(id) if id > 0 => Some(id),
            _ => {
                c.fail(
                    at,
                    "harus nomor pelanggaran (bilangan bulat positif)".into(),
                    "must be a violation's id (a positive integer)".into(),
                );
                None
            }
        });
        let responded_on = self.date(o, "responded_on", p).and_then(|on| {
            if on > today {
                self.fail(
                    &join(p, "responded_on"),
                    format!("{on} masih di masa depan (hari ini {today})"),
                    format!("{on} is in the future (today is {today})"),
                );
                None
            } else {
                Some(on)
            }
        });
        let action = self.choice(
            o,
            "action",
            p,
            model::ResponseAction::parse,
            model::ResponseAction::expected,
        );
        let decision_letter = self.letter(o, "decision_letter", p);
        let note = match self.optional(o, "note")? {
            None => Some(None),
            Some(_) => self.string(o, "note", p).and_then(|note| {
                if note.chars().count() > 2000 {
                    self.fail(
                        &join(p, "note"),
                        "paling banyak 2.000 karakter".into(),
                        "at most 2,000 characters".into(),
                    );
                    None
                } else {
                    Some(Some(note))
                }
            }),
        };
        match action {
            Some(model::ResponseAction::Complied) if matches!(decision_letter, Some(None)) => {
                self.fail(
                    &join(p, "decision_letter"),
                    "wajib diisi bila action = complied (surat keputusan instansi)".into(),
                    "required with action = complied (the agency's decision letter)".into(),
                );
            }
            Some(model::ResponseAction::Objection) if matches!(note, Some(None)) => {
                self.fail(
                    &join(p, "note"),
                    "wajib diisi bila action = objection (alasan keberatan)".into(),
                    "required with action = objection (the reasons)".into(),
                );
            }
            _ => {}
        }
        Some(RecommendationResponse {
            violation_id: violation_id?,
            responded_on: responded_on?,
            action: action?,
            decision_letter: decision_letter?,
            note: note?,
        })
    }

    pub(super) fn complaint(
        &mut self,
        o: &Map<String, Value>,
        p: &str,
    ) -> Option<NeutralityComplaint> {
        let received_on = self.date(o, "received_on", p);
        let channel = self.choice(o, "channel", p, Channel::parse, Channel::expected);
        let accused = self.required(o, "accused", p, |c, value, at| {
            let a = c.object(value, at)?;
            c.unknown_fields(a, at, &["nip", "name", "position_level"]);
            let nip = c.nip(a, "nip", at);
            let name = c.string(a, "name", at);
            let level = c.choice(
                a,
                "position_level",
                at,
                PositionLevel::parse,
                PositionLevel::expected,
            );
            Some(Accused {
                nip: nip?,
                name: name?,
                position_level: level?,
            })
        });
        let violation_type = self.choice(
            o,
            "violation_type",
            p,
            ViolationType::parse,
            ViolationType::expected,
        );
        let summary = self.string(o, "summary", p);
        let status = self.choice(
            o,
            "status",
            p,
            ComplaintStatus::parse,
            ComplaintStatus::expected,
        );
        let recommendation = match self.optional(o, "recommendation") {
            Some(Some(value)) => {
                let at = join(p, "recommendation");
                if status.is_some_and(|s| s != ComplaintStatus::Proven) {
                    self.fail(
                        &at,
                        "rekomendasi hanya untuk pengaduan berstatus proven".into(),
                        "a recommendation is only for a proven complaint".into(),
                    );
                }
                self.object(value, &at).and_then(|r| {
                    self.unknown_fields(r, &at, &["issued_on", "sanction"]);
                    let issued_on = self.date(r, "issued_on", &at);
                    let sanction =
                        self.choice(r, "sanction", &at, Sanction::parse, Sanction::expected);
                    self.order(
                        received_on,
                        issued_on,
                        &join(&at, "issued_on"),
                        "received_on",
                        false,
                    );
                    Some(Some(Recommendation {
                        issued_on: issued_on?,
                        sanction: sanction?,
                    }))
                })
            }
            other => other.map(|_| None),
        };
        let complainant = match self.optional(o, "complainant") {
            Some(Some(value)) => {
                let at = join(p, "complainant");
                self.object(value, &at).and_then(|c| {
                    self.unknown_fields(c, &at, &["name", "contact"]);
                    let name = self.string(c, "name", &at);
                    let contact = self.string(c, "contact", &at);
                    Some(Some(Complainant {
                        name: name?,
                        contact: contact?,
                    }))
                })
            }
            other => other.map(|_| None),
        };
        Some(NeutralityComplaint {
            received_on: received_on?,
            channel: channel?,
            accused: accused?,
            violation_type: violation_type?,
            summary: summary?,
            status: status?,
            recommendation: recommendation?,
            complainant: complainant?,
        })
    }
}
