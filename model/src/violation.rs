//! The violations' vocabulary: the rule catalogue (ids, severities, legal bases, the parameters each reads) and
//! the statuses of a violation's life. The server judges and stores them; the pages show them; both read the same
//! enums, so a rule id or a status is never compared as text across the crates.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Medium,
    High,
}

impl Severity {
    pub const ALL: [Severity; 2] = [Severity::High, Severity::Medium];

    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// Declares the rule catalogue once: id, severity, legal basis, and the parameters each rule is judged with.
macro_rules! rules {
    ($($variant:ident = $id:literal, $severity:ident, $basis:literal, [$($param:literal),*],
        $phrase_id:literal, $phrase_en:literal;)+) => {
        /// A rule of rules.md; the ids are part of the public contract.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "&'static str")]
        pub enum RuleId { $($variant),+ }

        impl RuleId {
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id),+ }
            }
            pub fn parse(text: &str) -> Option<RuleId> {
                match text { $($id => Some(RuleId::$variant),)+ _ => None }
            }
            pub fn severity(self) -> Severity {
                match self { $(RuleId::$variant => Severity::$severity),+ }
            }
            pub fn legal_basis(self) -> &'static str {
                match self { $(RuleId::$variant => $basis),+ }
            }
            /// The parameters this rule reads; a violation keeps their values.
            pub fn param_keys(self) -> &'static [&'static str] {
                match self { $(RuleId::$variant => &[$($param),*]),+ }
            }
            /// The rule as a person reads it, in a few words (issue #16); the id stays the machine's name.
            pub fn phrase(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((RuleId::$variant, Lang::Id) => $phrase_id, (RuleId::$variant, Lang::En) => $phrase_en,)+
                }
            }
        }
    };
}

rules! {
    RotPostInaug = "R-ROT-POST-INAUG", High, "UU 10/2016 art. 162(3)",
        ["rotation.post_inauguration_months"],
        "Mutasi dalam 6 bulan setelah pelantikan", "Rotation within 6 months after inauguration";
    RotPreElection = "R-ROT-PRE-ELECTION", High, "UU 10/2016 art. 71(2), (4)",
        ["rotation.pre_election_months"],
        "Mutasi menjelang pilkada tanpa izin Mendagri", "Rotation before a regional election without approval";
    RotActingHead = "R-ROT-ACTING-HEAD", High, "PP 49/2008 art. 132A", [],
        "Mutasi oleh penjabat kepala daerah tanpa izin", "Rotation under an acting regional head without approval";
    JptMinTenure = "R-JPT-MIN-TENURE", High,
        "UU 5/2014 art. 116; SE MenPANRB 52/2020; Keppres 17/2023",
        ["tenure.min_years", "tenure.covid_min_years", "tenure.covid_window_start", "tenure.covid_window_end"],
        "Dimutasi sebelum masa jabatan minimum", "Moved before the minimum time in post";
    JobfitNoRec = "R-JOBFIT-NO-REC", High, "PP 11/2017 arts. 131–132; UU 5/2014 art. 32(3)", [],
        "Uji kompetensi tanpa rekomendasi KASN", "Job-fit move without the commission's recommendation";
    SelNotShortlisted = "R-SEL-NOT-SHORTLISTED", High,
        "UU 5/2014 arts. 110–115; PP 11/2017", [],
        "Yang dilantik bukan dari tiga besar", "Appointee not among the three proposed";
    SelShortlistSize = "R-SEL-SHORTLIST-SIZE", Medium, "PP 11/2017 as amended by PP 17/2020",
        ["selection.shortlist_size"],
        "Usulan panitia seleksi tidak tiga nama", "Committee did not propose three names";
    SelNoRec = "R-SEL-NO-REC", High, "UU 5/2014 arts. 32(3), 33", [],
        "Pelantikan tanpa rekomendasi KASN", "Appointment without the commission's recommendation";
    PanselSize = "R-PANSEL-SIZE", Medium, "Permenpan RB 15/2019",
        ["committee.min_size", "committee.max_size"],
        "Jumlah panitia seleksi tidak sesuai", "Selection committee of the wrong size";
    PanselInternal = "R-PANSEL-INTERNAL", Medium, "Permenpan RB 15/2019",
        ["committee.max_internal_percent"],
        "Terlalu banyak panitia seleksi dari internal", "Too many internal committee members";
    SelAge = "R-SEL-AGE", Medium, "PP 11/2017 art. 107 as amended by PP 17/2020",
        ["selection.max_age_pratama", "selection.max_age_madya_utama"],
        "Calon melewati batas usia", "Candidate over the age limit";
    ActingTooLong = "R-ACTING-TOO-LONG", Medium, "BKN SE 2/SE/VII/2019; BKN SE 1/SE/I/2021",
        ["acting.max_months", "acting.extension_months"],
        "Plt/Plh menjabat terlalu lama", "Acting official in post too long";
    NeuNoFollowup = "R-NEU-NO-FOLLOWUP", High,
        "UU 5/2014 arts. 32(3), 33; SKB netralitas ASN 22 Sep 2022 (14 days: commission policy)",
        ["neutrality.followup_days"],
        "Rekomendasi netralitas tidak ditindaklanjuti", "Neutrality recommendation not acted on";
    RecOverdue = "R-REC-OVERDUE", High,
        "UU 5/2014 arts. 32(3), 33; UU 20/2023 art. 26 (BKN's supervision); the deadline is a commission policy parameter",
        ["recommendation.followup_days"],
        "Rekomendasi tidak dijawab sampai batas waktu", "Recommendation not answered by its due date";
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for RuleId {
    type Error = String;
    fn try_from(text: String) -> Result<RuleId, String> {
        RuleId::parse(&text).ok_or_else(|| format!("unknown rule {text:?}"))
    }
}

impl From<RuleId> for &'static str {
    fn from(rule: RuleId) -> &'static str {
        rule.as_str()
    }
}

crate::codes! {
    /// Where a violation stands in its life (rules.md): `open → in_review → recommendation_issued → resolved`, or
    /// `dismissed`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum Status {
        Open = "open",
        InReview = "in_review",
        RecommendationIssued = "recommendation_issued",
        Resolved = "resolved",
        Dismissed = "dismissed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_reads_as_words_in_both_languages() {
        for rule in RuleId::ALL {
            for lang in Lang::ALL {
                let phrase = rule.phrase(lang);
                assert!(
                    !phrase.is_empty() && !phrase.starts_with("R-"),
                    "{rule} in {lang:?}"
                );
            }
            assert_ne!(rule.phrase(Lang::Id), rule.phrase(Lang::En), "{rule}");
        }
    }
}
