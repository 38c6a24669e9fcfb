//! Merit System Index categories (rules.md): the published bands 100–174, 175–249, 250–324, 325–400 read as
//! half-open, so that scores with one decimal like 174.5 fall in exactly one band. Scores are kept in tenths
//! (an integer) so the band edges are exact.

/// A total score in tenths of a point: 253.5 is `Score(2535)`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Score(i32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MeritCategory {
    /// I, 100 ≤ s < 175
    Buruk,
    /// II, 175 ≤ s < 250
    Kurang,
    /// III, 250 ≤ s < 325
    Baik,
    /// IV, 325 ≤ s ≤ 400
    SangatBaik,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ScoreError {
    #[error("a total score is from 100.0 to 400.0, found {0}")]
    OutOfRange(f64),
    #[error("a total score has at most one decimal, found {0}")]
    TooPrecise(f64),
}

impl Score {
    pub const MIN: Score = Score(1000);
    pub const MAX: Score = Score(4000);

    /// The score of a reported number: 100.0–400.0 with at most one decimal.
    pub fn from_points(points: f64) -> Result<Score, ScoreError> {
        if !points.is_finite() || !(100.0..=400.0).contains(&points) {
            return Err(ScoreError::OutOfRange(points));
        }
        let tenths = (points * 10.0).round();
        if (tenths - points * 10.0).abs() > 1e-6 {
            return Err(ScoreError::TooPrecise(points));
        }
        // In range 1000..=4000 after the checks above, so the cast is exact.
        Ok(Score(tenths as i32))
    }

    pub fn from_tenths(tenths: i32) -> Option<Score> {
        (Score::MIN.0..=Score::MAX.0)
            .contains(&tenths)
            .then_some(Score(tenths))
    }

    pub fn tenths(self) -> i32 {
        self.0
    }

    pub fn points(self) -> f64 {
        f64::from(self.0) / 10.0
    }

    pub fn category(self) -> MeritCategory {
        match self.0 {
            ..1750 => MeritCategory::Buruk,
            1750..2500 => MeritCategory::Kurang,
            2500..3250 => MeritCategory::Baik,
            _ => MeritCategory::SangatBaik,
        }
    }
}

impl MeritCategory {
    /// Baik or Sangat Baik: what counts toward the targets.
    pub fn is_good(self) -> bool {
        matches!(self, MeritCategory::Baik | MeritCategory::SangatBaik)
    }

    pub fn roman(self) -> &'static str {
        match self {
            MeritCategory::Buruk => "I",
            MeritCategory::Kurang => "II",
            MeritCategory::Baik => "III",
            MeritCategory::SangatBaik => "IV",
        }
    }

    /// The published Indonesian name (also used in English text, as the commission does).
    pub fn name(self) -> &'static str {
        match self {
            MeritCategory::Buruk => "Buruk",
            MeritCategory::Kurang => "Kurang",
            MeritCategory::Baik => "Baik",
            MeritCategory::SangatBaik => "Sangat Baik",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(points: f64) -> MeritCategory {
        Score::from_points(points).expect("valid score").category()
    }

    #[test]
    fn band_edges_are_half_open() {
        assert_eq!(category(100.0), MeritCategory::Buruk);
        assert_eq!(category(174.5), MeritCategory::Buruk);
        assert_eq!(category(174.9), MeritCategory::Buruk);
        assert_eq!(category(175.0), MeritCategory::Kurang);
        assert_eq!(category(249.5), MeritCategory::Kurang);
        assert_eq!(category(250.0), MeritCategory::Baik);
        assert_eq!(category(324.5), MeritCategory::Baik);
        assert_eq!(category(325.0), MeritCategory::SangatBaik);
        assert_eq!(category(400.0), MeritCategory::SangatBaik);
        assert!(
            !category(249.5).is_good() && category(250.0).is_good() && category(325.0).is_good()
        );
    }

    #[test]
    fn scores_outside_the_scale_or_too_precise_are_refused() {
        assert_eq!(Score::from_points(99.9), Err(ScoreError::OutOfRange(99.9)));
        assert_eq!(
            Score::from_points(400.1),
            Err(ScoreError::OutOfRange(400.1))
        );
        assert!(matches!(
            Score::from_points(f64::NAN),
            Err(ScoreError::OutOfRange(_))
        ));
        assert_eq!(
            Score::from_points(253.55),
            Err(ScoreError::TooPrecise(253.55))
        );
        assert_eq!(Score::from_points(253.5).map(Score::tenths), Ok(2535));
        assert_eq!(
            Score::from_points(0.1 + 174.4).map(Score::tenths),
            Ok(1745),
            "float noise is not precision"
        );
        assert_eq!(Score::from_tenths(999), None);
        assert_eq!(Score::from_tenths(4000).map(Score::points), Some(400.0));
    }
}
