//! The rules of rules.md as pure functions from one agency's records to violations. No I/O: the records, the
//! parameters and the "as of" date come in as arguments, so a result can be reproduced and every boundary can be
//! unit-tested. Loading and storing is `crate::service::evaluation`'s business.
//!
//! One module per family: `rotation` (mutasi), `selection` (open selection and its committee), `acting` (Plt/Plh),
//! `neutrality` (follow-up of recommendations). `lifecycle` holds the violation workflow.

pub mod acting;
pub mod figures;
pub mod lifecycle;
pub mod neutrality;
pub mod params;
pub mod recommendation;
pub mod rotation;
pub mod selection;
pub mod signals;
pub mod timeline;

#[cfg(test)]
mod dated_tests;
#[cfg(test)]
mod fixtures;

use crate::domain::records::{
    ActingAssignment, Election, JobFit, NeutralityComplaint, NeutralityFollowup, RecordBody,
    RecordKind, RegionalHeadTerm, Rotation, Selection,
};
pub use crate::domain::violation::{Violation, ViolationKey};
use crate::domain::Date;
pub use model::{RuleId, Severity};
pub use params::{ParamError, ParamInfo, Params, PARAMETERS};
pub use timeline::{DatedValue, InForce, ParamTimeline};

/// A record body with the agency's id for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Identified<T> {
    pub id: String,
    pub body: T,
}

/// Everything the rules read of one agency.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgencyRecords {
    pub code: String,
    /// An autonomous province, regency or city: the regional-head and election rules apply.
    pub regional: bool,
    pub terms: Vec<Identified<RegionalHeadTerm>>,
    pub elections: Vec<Identified<Election>>,
    pub selections: Vec<Identified<Selection>>,
    pub rotations: Vec<Identified<Rotation>>,
    pub job_fits: Vec<Identified<JobFit>>,
    pub acting: Vec<Identified<ActingAssignment>>,
    pub complaints: Vec<Identified<NeutralityComplaint>>,
    pub followups: Vec<Identified<NeutralityFollowup>>,
    /// Form complaints with a recommendation (kept in the case register, not as records).
    pub cases: Vec<neutrality::FormCase>,
    /// The commission's recommendations on this agency's violations, with the agency's answers.
    pub recommendations: Vec<recommendation::Recommended>,
}

impl AgencyRecords {
    pub fn new(code: &str, regional: bool) -> AgencyRecords {
        AgencyRecords {
            code: code.to_string(),
            regional,
            ..AgencyRecords::default()
        }
    }

    /// Files a record under its kind; merit assessments are not the rules' business (they feed the merit charts).
    pub fn add(&mut self, id: String, body: RecordBody) {
        match body {
            RecordBody::RegionalHeadTerm(body) => self.terms.push(Identified { id, body }),
            RecordBody::Election(body) => self.elections.push(Identified { id, body }),
            RecordBody::Selection(body) => self.selections.push(Identified { id, body }),
            RecordBody::Rotation(body) => self.rotations.push(Identified { id, body }),
            RecordBody::JobFit(body) => self.job_fits.push(Identified { id, body }),
            RecordBody::ActingAssignment(body) => self.acting.push(Identified { id, body }),
            RecordBody::NeutralityComplaint(body) => self.complaints.push(Identified { id, body }),
            RecordBody::NeutralityFollowup(body) => self.followups.push(Identified { id, body }),
            RecordBody::MeritAssessment(_) | RecordBody::RecommendationResponse(_) => {}
        }
    }

    /// A violation of `rule` about one record of this agency, with the rule's parameter values attached: those in
    /// force on the day the rule judged by (rules.md: the event's date; for a follow-up deadline, the letter's).
    fn flag(
        &self,
        rule: RuleId,
        (kind, id): (RecordKind, &str),
        subject: Option<&str>,
        event_date: Date,
        (message, message_en): (String, String),
        params: &InForce<'_>,
    ) -> Violation {
        let snapshot = params.snapshot(rule.param_keys());
        Violation {
            key: ViolationKey {
                rule,
                agency_code: self.code.clone(),
                record_kind: kind,
                record_id: id.to_string(),
                subject: subject.unwrap_or_default().to_string(),
            },
            event_date,
            message,
            message_en,
            params: snapshot.iter().map(|(k, v, _)| (*k, v.clone())).collect(),
            params_since: snapshot
                .iter()
                .filter_map(|(k, _, since)| since.map(|d| (*k, d)))
                .collect(),
        }
    }
}

/// Every violation of one agency's records as of `as_of`, sorted by key (so the result does not depend on the
/// order the records came in). A record may break several rules; each (rule, record, subject) is flagged once.
///
/// Each rule judges an event with the values of `params` in force on the event's date (issue #19).
pub fn evaluate(records: &AgencyRecords, params: &ParamTimeline, as_of: Date) -> Vec<Violation> {
    let mut found = Vec::new();
    rotation::check(records, params, &mut found);
    selection::check(records, params, &mut found);
    acting::check(records, params, as_of, &mut found);
    neutrality::check(records, params, as_of, &mut found);
    recommendation::check(records, params, as_of, &mut found);
    found.sort_by(|a, b| a.key.cmp(&b.key));
    found.dedup_by(|a, b| a.key == b.key);
    found
}

/// Why a letter on file did not count for an event (issued after it), appended to messages so that a clerk sees
/// the letter was considered; empty when there is no letter.
fn approval_note(letter: Option<&crate::domain::records::Letter>, event: Date) -> (String, String) {
    match letter {
        Some(l) if !l.counts_for(event) => (
            format!(
                " (surat {} bertanggal {}, setelah tanggal kejadian)",
                l.number, l.issued_on
            ),
            format!(
                " (letter {} is dated {}, after the event)",
                l.number, l.issued_on
            ),
        ),
        _ => (String::new(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_catalogue_matches_the_spec() {
        let ids: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(
            ids,
            [
                "R-ROT-POST-INAUG",
                "R-ROT-PRE-ELECTION",
                "R-ROT-ACTING-HEAD",
                "R-JPT-MIN-TENURE",
                "R-JOBFIT-NO-REC",
                "R-SEL-NOT-SHORTLISTED",
                "R-SEL-SHORTLIST-SIZE",
                "R-SEL-NO-REC",
                "R-PANSEL-SIZE",
                "R-PANSEL-INTERNAL",
                "R-SEL-AGE",
                "R-ACTING-TOO-LONG",
                "R-NEU-NO-FOLLOWUP",
                "R-REC-OVERDUE"
            ]
        );
        for rule in RuleId::ALL {
            assert_eq!(RuleId::parse(rule.as_str()), Some(*rule));
            for key in rule.param_keys() {
                assert!(Params::default().get(key).is_some(), "{rule}: {key}");
            }
        }
        assert_eq!(RuleId::SelAge.severity(), Severity::Medium);
        assert_eq!(RuleId::NeuNoFollowup.severity(), Severity::High);
        assert_eq!(RuleId::RecOverdue.severity(), Severity::High);
    }

    #[test]
    fn one_record_may_break_several_rules() {
        // A rotation right after an inauguration, in the first year in post, on a job fit that does not exist.
        let mut records = regency();
        records
            .terms
            .push(term("T1", "2025-02-20", "2030-02-20", false));
        let mut r = rotation("M1", "2025-01-10", "2025-06-20");
        r.body.basis = crate::domain::records::RotationBasis::JobFit;
        r.body.job_fit_id = Some("JF-404".into());
        records.rotations.push(r);
        let rules: Vec<RuleId> = evaluate(&records, &Params::default().into(), day("2025-12-31"))
            .iter()
            .map(Violation::rule)
            .collect();
        assert_eq!(
            rules,
            [
                RuleId::RotPostInaug,
                RuleId::JptMinTenure,
                RuleId::JobfitNoRec
            ]
        );
    }

    #[test]
    fn violations_carry_the_parameters_they_were_judged_with() {
        let mut records = regency();
        records
            .terms
            .push(term("T1", "2025-02-20", "2030-02-20", false));
        records
            .rotations
            .push(rotation("M1", "2020-01-10", "2025-06-20"));
        let params = Params {
            post_inauguration_months: 5,
            ..Params::default()
        };
        let found = evaluate(&records, &params.into(), day("2025-12-31"));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].params,
            vec![("rotation.post_inauguration_months", "5".to_string())]
        );
        assert!(found[0]
            .message
            .contains("4 bulan setelah pelantikan 2025-02-20"));
        assert!(found[0].message.contains("Mendagri"));
    }

    fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
        let mut items = items.to_vec();
        let mut state = seed | 1;
        for i in (1..items.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let j = usize::try_from(state % (i as u64 + 1)).unwrap_or(0);
            items.swap(i, j);
        }
        items
    }

    proptest! {
        /// The same records in any order give the same violations, and evaluating twice gives the same result.
        #[test]
        fn evaluation_is_deterministic_and_order_independent(
            seed in any::<u64>(),
            offsets in proptest::collection::vec(0i64..2000, 1..12),
            as_of_offset in 0i64..3000,
        ) {
            let mut records = regency();
            records.terms.push(term("T1", "2020-02-26", "2024-12-31", false));
            records.terms.push(term("T2", "2025-01-01", "2025-02-19", true));
            records.elections.push(election("E1", "2024-09-22", "2024-11-27"));
            let start = day("2019-01-01");
            for (i, offset) in offsets.iter().enumerate() {
                records.rotations.push(rotation(&format!("M{i}"), "2018-01-01", &start.add_days(*offset).to_string()));
                records.acting.push(acting(&format!("P{i}"), &start.add_days(*offset).to_string(), None, false));
            }
            let as_of = start.add_days(as_of_offset);
            let params = Params::default();
            let first = evaluate(&records, &params.into(), as_of);
            let mut reordered = records.clone();
            reordered.rotations = shuffled(&records.rotations, seed);
            reordered.acting = shuffled(&records.acting, seed.rotate_left(7));
            reordered.terms = shuffled(&records.terms, seed.rotate_left(13));
            prop_assert_eq!(&first, &evaluate(&reordered, &params.into(), as_of));
            prop_assert_eq!(&first, &evaluate(&records, &params.into(), as_of));
        }
    }
}
