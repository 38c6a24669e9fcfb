//! An agency beside its peers (issue #20): agencies of its own kind, on a handful of measures, as quartiles.

use serde::{Deserialize, Serialize};

use super::AgencyKind;

/// What one peer comparison measures. The merit aspects are numbered in `MERIT_ASPECT_KEYS` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeerMeasureKind {
    /// Active violations per 100 current records.
    ViolationsPer100,
    /// Active high-severity violations.
    HighViolations,
    /// Rotations per calendar year of the agency's reported events.
    RotationsPerYear,
    /// Days under acting officials per post named in the agency's records.
    ActingDaysPerPost,
    /// The latest verified Merit System Index score.
    MeritScore,
    /// One of the eight aspects of that result (0-based, `MERIT_ASPECT_KEYS` order).
    MeritAspect(u8),
    /// Recommendations complied with (on time or late) ÷ those due, as a share.
    FollowupRate,
}

impl PeerMeasureKind {
    /// Every measure in the order the scorecard shows them.
    pub fn all() -> Vec<PeerMeasureKind> {
        let mut all = vec![
            PeerMeasureKind::ViolationsPer100,
            PeerMeasureKind::HighViolations,
            PeerMeasureKind::RotationsPerYear,
            PeerMeasureKind::ActingDaysPerPost,
            PeerMeasureKind::FollowupRate,
            PeerMeasureKind::MeritScore,
        ];
        all.extend((0..8).map(PeerMeasureKind::MeritAspect));
        all
    }

    /// Whether a higher value is the better one (merit, follow-up) rather than the worse (violations, acting).
    /// Rotations are neither: the page says where the agency stands without calling it good or bad.
    pub fn higher_is_better(self) -> Option<bool> {
        match self {
            PeerMeasureKind::MeritScore
            | PeerMeasureKind::MeritAspect(_)
            | PeerMeasureKind::FollowupRate => Some(true),
            PeerMeasureKind::ViolationsPer100
            | PeerMeasureKind::HighViolations
            | PeerMeasureKind::ActingDaysPerPost => Some(false),
            PeerMeasureKind::RotationsPerYear => None,
        }
    }

    /// A stable name for pages and tests (`violations_per_100`, `merit_aspect_3`).
    pub fn slug(self) -> String {
        match self {
            PeerMeasureKind::ViolationsPer100 => "violations_per_100".into(),
            PeerMeasureKind::HighViolations => "high_violations".into(),
            PeerMeasureKind::RotationsPerYear => "rotations_per_year".into(),
            PeerMeasureKind::ActingDaysPerPost => "acting_days_per_post".into(),
            PeerMeasureKind::MeritScore => "merit_score".into(),
            PeerMeasureKind::MeritAspect(i) => format!("merit_aspect_{i}"),
            PeerMeasureKind::FollowupRate => "followup_rate".into(),
        }
    }

    /// Translation key of the measure's name (an aspect is named by `MERIT_ASPECT_KEYS`).
    pub fn label_key(self) -> &'static str {
        match self {
            PeerMeasureKind::ViolationsPer100 => "peers.violations_per_100",
            PeerMeasureKind::HighViolations => "peers.high_violations",
            PeerMeasureKind::RotationsPerYear => "peers.rotations_per_year",
            PeerMeasureKind::ActingDaysPerPost => "peers.acting_days_per_post",
            PeerMeasureKind::MeritScore => "peers.merit_score",
            PeerMeasureKind::MeritAspect(i) => super::MERIT_ASPECT_KEYS
                .get(usize::from(i))
                .copied()
                .unwrap_or("peers.merit_score"),
            PeerMeasureKind::FollowupRate => "peers.followup_rate",
        }
    }
}

/// The lowest, first quartile, median, third quartile and highest of the peers' values.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quartiles {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

/// Where the agency stands among its peers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeerStanding {
    /// Below the first quartile.
    BelowQ1,
    /// From the first quartile to the median.
    LowerMiddle,
    /// Above the median up to the third quartile.
    UpperMiddle,
    /// Above the third quartile.
    AboveQ3,
}

/// One measure: the agency's value (none when it has nothing to measure), the peers' spread and how many peers
/// had a value (the agency among them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeerMeasure {
    pub kind: PeerMeasureKind,
    pub value: Option<f64>,
    pub peers: usize,
    pub quartiles: Option<Quartiles>,
    pub standing: Option<PeerStanding>,
    /// The small chart, drawn by the page's server function in the reader's language.
    pub svg: String,
}

/// The agency beside the agencies of its kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Peers {
    pub kind: AgencyKind,
    /// Agencies of the kind in the registry that reported anything (the agency among them when it did).
    pub agencies: usize,
    /// `YYYY-MM-DD` of the figures (today's, as of the last evaluation for the rotation and acting figures).
    pub as_of: String,
    pub measures: Vec<PeerMeasure>,
}
