//! Small builders for the rules' unit tests: one valid record of each kind, to be bent to each boundary.

use super::{AgencyRecords, Identified};
use crate::domain::nip::Nip;
use crate::domain::records::*;
use crate::domain::Date;

pub fn day(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// A valid NIP of someone born on `birth` (service from the year they turned 20).
pub fn nip_born(birth: &str, serial: u16) -> Nip {
    let b = day(birth);
    let text = format!(
        "{:04}{:02}{:02}{:04}011{serial:03}",
        b.year(),
        b.month(),
        b.day(),
        b.year() + 20
    );
    Nip::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

pub fn regency() -> AgencyRecords {
    AgencyRecords::new("32.04", true)
}

pub fn ministry() -> AgencyRecords {
    AgencyRecords::new("K02", false)
}

pub fn letter(number: &str, issued_on: &str) -> Letter {
    Letter {
        number: number.into(),
        issued_on: day(issued_on),
    }
}

pub fn position(level: Level) -> Position {
    Position {
        title: "Kepala Dinas".into(),
        level,
    }
}

pub fn term(id: &str, from: &str, to: &str, acting: bool) -> Identified<RegionalHeadTerm> {
    Identified {
        id: id.into(),
        body: RegionalHeadTerm {
            head_name: format!("Kepala Daerah {id}"),
            inaugurated_on: day(from),
            term_ends_on: day(to),
            acting,
        },
    }
}

pub fn election(id: &str, determination: &str, vote: &str) -> Identified<Election> {
    Identified {
        id: id.into(),
        body: Election {
            name: "Pilkada Serentak 2024".into(),
            candidate_determination_on: day(determination),
            vote_on: day(vote),
        },
    }
}

/// A pratama holder moved on `effective_on` for restructuring, without any letter.
pub fn rotation(id: &str, held_since: &str, effective_on: &str) -> Identified<Rotation> {
    Identified {
        id: id.into(),
        body: Rotation {
            nip: nip_born("1970-01-01", 1),
            name: "Pejabat".into(),
            from_position: position(Level::Pratama),
            held_since: day(held_since),
            to_position: Some(position(Level::Pratama)),
            effective_on: day(effective_on),
            basis: RotationBasis::Restructuring,
            job_fit_id: None,
            home_affairs_approval: None,
            presidential_approval: None,
        },
    }
}

pub fn job_fit(id: &str, held_on: &str, participants: Vec<Nip>) -> Identified<JobFit> {
    Identified {
        id: id.into(),
        body: JobFit {
            held_on: day(held_on),
            participants,
            kasn_recommendation: Some(letter("B-1/KASN", held_on)),
        },
    }
}

pub fn acting(
    id: &str,
    starts_on: &str,
    ends_on: Option<&str>,
    extended: bool,
) -> Identified<ActingAssignment> {
    Identified {
        id: id.into(),
        body: ActingAssignment {
            nip: nip_born("1975-03-15", 3),
            name: "Pelaksana Tugas".into(),
            position: position(Level::Pratama),
            acting_type: ActingType::Plt,
            starts_on: day(starts_on),
            ends_on: ends_on.map(day),
            extended,
        },
    }
}

pub fn member(origin: Origin) -> CommitteeMember {
    CommitteeMember {
        name: "Anggota".into(),
        origin,
        role: CommitteeRole::Member,
    }
}

pub fn candidate(nip: Nip, rank: Option<u8>) -> Candidate {
    Candidate {
        nip,
        name: "Calon".into(),
        proposed_rank: rank,
    }
}

/// A clean pratama selection: 5 members (2 internal), 3 ranked candidates born in 1970, the first appointed on
/// 2024-03-15 with a recommendation of 2024-03-01.
pub fn selection(id: &str) -> Identified<Selection> {
    let mut committee = vec![member(Origin::Internal), member(Origin::Internal)];
    committee.extend((0..3).map(|_| member(Origin::External)));
    let candidates: Vec<Candidate> = (1..=3u8)
        .map(|rank| candidate(nip_born("1970-06-01", u16::from(rank)), Some(rank)))
        .collect();
    Identified {
        id: id.into(),
        body: Selection {
            position: position(Level::Pratama),
            announced_on: day("2024-01-10"),
            registration_closes_on: day("2024-01-24"),
            committee,
            appointment: Some(Appointment {
                nip: candidates[0].nip.clone(),
                inaugurated_on: day("2024-03-15"),
            }),
            candidates,
            kasn_recommendation: Some(letter("B-1234/KASN/3/2024", "2024-03-01")),
        },
    }
}

pub fn complaint(id: &str, recommended_on: Option<&str>) -> Identified<NeutralityComplaint> {
    Identified {
        id: id.into(),
        body: NeutralityComplaint {
            received_on: day("2024-09-01"),
            channel: Channel::Bawaslu,
            accused: Accused {
                nip: nip_born("1980-02-29", 4),
                name: "Terlapor".into(),
                position_level: PositionLevel::Administrator,
            },
            violation_type: ViolationType::CodeOfEthics,
            summary: "Kampanye di media sosial".into(),
            status: if recommended_on.is_some() {
                ComplaintStatus::Proven
            } else {
                ComplaintStatus::Verifying
            },
            recommendation: recommended_on.map(|d| Recommendation {
                issued_on: day(d),
                sanction: Sanction::MoralStatement,
            }),
            complainant: None,
        },
    }
}

pub fn followup(id: &str, complaint_ref: &str, decided_on: &str) -> Identified<NeutralityFollowup> {
    Identified {
        id: id.into(),
        body: NeutralityFollowup {
            complaint_ref: complaint_ref.into(),
            decided_on: day(decided_on),
            sanction: Sanction::MoralStatement,
        },
    }
}
