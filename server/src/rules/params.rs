//! The legal parameters of the rules (rules.md): every number a rule uses, with the spec's default. Laws change
//! (UU 20/2023 replaced UU 5/2014), so the values live in the database, are changed only by an administrator and
//! are copied into every violation judged with them. This module is pure: it declares, parses and checks them.

use std::fmt;
use std::str::FromStr;

use crate::domain::Date;

/// A parameter value that can be stored as text.
pub trait ParamValue: Copy + fmt::Display + FromStr {
    /// Whether `self` is allowed for a parameter bounded by `min..=max` (dates have no bounds).
    fn within(self, min: i32, max: i32) -> bool;
}

impl ParamValue for i32 {
    fn within(self, min: i32, max: i32) -> bool {
        (min..=max).contains(&self)
    }
}

impl ParamValue for Date {
    fn within(self, _: i32, _: i32) -> bool {
        true
    }
}

/// What an administrator sees of one parameter.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct ParamInfo {
    pub key: &'static str,
    pub value: String,
    pub default: &'static str,
    pub description: &'static str,
    pub description_en: &'static str,
    /// The parameter's timeline (base value, then dated changes); filled from the database by the service.
    pub history: Vec<model::types::ParameterStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    #[error("unknown parameter {0:?}")]
    Unknown(String),
    #[error("parameter {key}: {value:?} is not a valid value (expected {expected})")]
    Invalid {
        key: String,
        value: String,
        expected: String,
    },
    #[error("the COVID-19 window must not end before it starts ({start} – {end})")]
    WindowOrder { start: Date, end: Date },
    /// The values in force from a day do not hold together (a dated change, with the others then in force).
    #[error("the values in force from {from} do not hold: {problem}")]
    InForce { from: Date, problem: String },
}

/// Declares the parameter set once: the struct, its defaults, and text access by key.
macro_rules! parameters {
    ($($field:ident: $ty:ty = $key:literal, $default:literal, [$min:expr, $max:expr], $id:literal, $en:literal;)+) => {
        /// The values the rules are judged with.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct Params { $(pub $field: $ty,)+ }

        /// Every parameter's key, default (as stored), bounds and description, in display order.
        pub const PARAMETERS: &[(&str, &str, i32, i32, &str, &str)] = &[$(($key, $default, $min, $max, $id, $en),)+];

        impl Default for Params {
            /// The values of rules.md.
            fn default() -> Params {
                Params { $($field: $default.parse().unwrap_or_else(|_| unreachable!(concat!("default of ", $key))),)+ }
            }
        }

        impl Params {
            /// The value of `key` as stored.
            pub fn get(&self, key: &str) -> Option<String> {
                match key { $($key => Some(self.$field.to_string()),)+ _ => None }
            }

            /// Sets `key` from text, checking its type and bounds (not yet the set as a whole: see `check`).
            pub fn set(&mut self, key: &str, value: &str) -> Result<(), ParamError> {
                match key {
                    $($key => {
                        let parsed: $ty = value.trim().parse().ok().filter(|v: &$ty| v.within($min, $max))
                            .ok_or_else(|| ParamError::Invalid {
                                key: key.to_string(),
                                value: value.to_string(),
                                expected: expected::<$ty>($min, $max),
                            })?;
                        self.$field = parsed;
                        Ok(())
                    })+
                    _ => Err(ParamError::Unknown(key.to_string())),
                }
            }
        }
    };
}

parameters! {
    post_inauguration_months: i32 = "rotation.post_inauguration_months", "6", [0, 120],
        "Larangan mutasi setelah pelantikan kepala daerah (bulan)",
        "No rotation after a regional head's inauguration (months)";
    pre_election_months: i32 = "rotation.pre_election_months", "6", [0, 120],
        "Larangan mutasi sebelum penetapan pasangan calon (bulan)",
        "No rotation before the candidates are determined (months)";
    min_tenure_years: i32 = "tenure.min_years", "2", [0, 10],
        "Masa jabatan minimal JPT sebelum dipindah (tahun)",
        "Minimum time in a JPT post before a move (years)";
    covid_min_tenure_years: i32 = "tenure.covid_min_years", "1", [0, 10],
        "Masa jabatan minimal selama relaksasi COVID-19 (tahun)",
        "Minimum time in post during the COVID-19 relaxation (years)";
    covid_window_start: Date = "tenure.covid_window_start", "2020-04-27", [0, 0],
        "Awal masa relaksasi COVID-19 (inklusif)",
        "First day of the COVID-19 relaxation (inclusive)";
    covid_window_end: Date = "tenure.covid_window_end", "2023-06-21", [0, 0],
        "Akhir masa relaksasi COVID-19 (inklusif)",
        "Last day of the COVID-19 relaxation (inclusive)";
    shortlist_size: i32 = "selection.shortlist_size", "3", [1, 10],
        "Jumlah calon yang diusulkan pansel",
        "Number of candidates the committee proposes";
    committee_min: i32 = "committee.min_size", "5", [1, 50],
        "Jumlah anggota pansel paling sedikit",
        "Smallest selection committee";
    committee_max: i32 = "committee.max_size", "9", [1, 50],
        "Jumlah anggota pansel paling banyak",
        "Largest selection committee";
    committee_internal_max_percent: i32 = "committee.max_internal_percent", "45", [0, 100],
        "Porsi anggota internal pansel paling tinggi (%)",
        "Largest share of internal committee members (%)";
    max_age_pratama: i32 = "selection.max_age_pratama", "56", [18, 80],
        "Usia calon JPT pratama paling tinggi (tahun)",
        "Oldest candidate for a JPT pratama post (years)";
    max_age_madya_utama: i32 = "selection.max_age_madya_utama", "58", [18, 80],
        "Usia calon JPT madya dan utama paling tinggi (tahun)",
        "Oldest candidate for a JPT madya or utama post (years)";
    acting_max_months: i32 = "acting.max_months", "3", [0, 60],
        "Lama Plt/Plh paling lama (bulan)",
        "Longest acting assignment (months)";
    acting_extension_months: i32 = "acting.extension_months", "3", [0, 60],
        "Perpanjangan Plt/Plh yang diizinkan (bulan)",
        "The one allowed extension of an acting assignment (months)";
    followup_days: i32 = "neutrality.followup_days", "14", [0, 365],
        "Batas waktu tindak lanjut rekomendasi netralitas (hari)",
        "Deadline for acting on a neutrality recommendation (days)";
    recommendation_followup_days: i32 = "recommendation.followup_days", "14", [0, 365],
        "Batas waktu jawaban instansi atas rekomendasi pelanggaran (hari)",
        "Deadline for an agency's answer to a recommendation on a violation (days)";
    recommendation_reminder_days: i32 = "recommendation.reminder_days_before", "3", [0, 365],
        "Pengingat surel kepada instansi sebelum batas waktu rekomendasi (hari)",
        "Days before a recommendation's due date that the agency is reminded by e-mail";
    target_regency_city_percent: i32 = "merit.target_regency_city_percent", "30", [0, 100],
        "Target kabupaten/kota dengan indeks merit baik (%)",
        "Target share of regencies and cities with a good merit index (%)";
    target_regency_city_year: i32 = "merit.target_regency_city_year", "2024", [2015, 2100],
        "Tahun target kabupaten/kota",
        "Year of the regency and city target";
    target_ministry_percent: i32 = "merit.target_2022_ministry_percent", "100", [0, 100],
        "Target KASN 2022: kementerian (%)",
        "KASN's 2022 target: ministries (%)";
    target_institution_percent: i32 = "merit.target_2022_institution_percent", "95", [0, 100],
        "Target KASN 2022: lembaga (%)",
        "KASN's 2022 target: other central institutions (%)";
    target_province_percent: i32 = "merit.target_2022_province_percent", "61", [0, 100],
        "Target KASN 2022: provinsi (%)",
        "KASN's 2022 target: provinces (%)";
    target_2022_regency_city_percent: i32 = "merit.target_2022_regency_city_percent", "20", [0, 100],
        "Target KASN 2022: kabupaten/kota (%)",
        "KASN's 2022 target: regencies and cities (%)";
    earliest_record_date: Date = "input.earliest_date", "1945-08-17", [0, 0],
        "Tanggal paling awal yang diterima dalam laporan (proklamasi kemerdekaan)",
        "Earliest date a report may contain (the proclamation of independence)";
    mass_rotation_min: i32 = "signals.mass_rotation_min", "5", [2, 1000],
        "Sinyal mutasi massal: jumlah mutasi paling sedikit",
        "Mass-rotation signal: at least this many rotations";
    mass_rotation_days: i32 = "signals.mass_rotation_days", "30", [1, 366],
        "Sinyal mutasi massal: dalam sekian hari berturut-turut",
        "Mass-rotation signal: within this many consecutive days";
    acting_chain_min: i32 = "signals.acting_chain_min", "3", [2, 100],
        "Sinyal rantai Plt/Plh: jumlah penugasan berturut-turut paling sedikit",
        "Acting-chain signal: at least this many assignments in a row";
    acting_chain_gap_days: i32 = "signals.acting_chain_gap_days", "30", [0, 366],
        "Sinyal rantai Plt/Plh: jeda paling lama antara dua penugasan (hari)",
        "Acting-chain signal: the longest gap between two assignments (days)";
    jobfit_removal_days: i32 = "signals.jobfit_removal_days", "90", [1, 730],
        "Sinyal uji kompetensi untuk menyingkirkan: pemberhentian atau penurunan dalam sekian hari",
        "Job-fit-removal signal: a removal or demotion within this many days after the job fit";
    silent_days: i32 = "reporting.silent_days", "180", [1, 3650],
        "Instansi dianggap diam bila tidak ada laporan diterima selama lebih dari sekian hari",
        "An agency counts as silent after more than this many days without an accepted report";
    max_years_ahead: i32 = "input.max_years_ahead", "10", [0, 100],
        "Tanggal dalam laporan paling jauh sekian tahun setelah hari ini",
        "How many years after today a date in a report may lie";
}

impl Params {
    /// The plausible dates of a report received on `today` (issue #14: 0001-01-01 and 9999-12-31 were stored).
    pub fn date_bounds(&self, today: Date) -> (Date, Date) {
        (
            self.earliest_record_date,
            today.add_years(self.max_years_ahead),
        )
    }
}

fn expected<T: ParamValue>(min: i32, max: i32) -> String {
    if std::any::type_name::<T>().ends_with("Date") {
        "a date YYYY-MM-DD".to_string()
    } else {
        format!("a whole number from {min} to {max}")
    }
}

impl Params {
    /// Builds the set from stored `(key, value)` pairs over the defaults; unknown keys (a parameter retired by a
    /// later version) are ignored, invalid values are an error.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Params, ParamError> {
        let mut params = Params::default();
        for (key, value) in pairs {
            match params.set(key, value) {
                Err(ParamError::Unknown(_)) => {}
                other => other?,
            }
        }
        params.check()?;
        Ok(params)
    }

    /// Checks what single values cannot: the committee bounds and the COVID window are in order.
    pub fn check(&self) -> Result<(), ParamError> {
        if self.covid_window_end < self.covid_window_start {
            return Err(ParamError::WindowOrder {
                start: self.covid_window_start,
                end: self.covid_window_end,
            });
        }
        if self.committee_max < self.committee_min {
            return Err(ParamError::Invalid {
                key: "committee.max_size".into(),
                value: self.committee_max.to_string(),
                expected: format!("at least committee.min_size ({})", self.committee_min),
            });
        }
        Ok(())
    }

    /// Every parameter with its current value, for staff.
    pub fn describe(&self) -> Vec<ParamInfo> {
        PARAMETERS
            .iter()
            .map(
                |&(key, default, _, _, description, description_en)| ParamInfo {
                    key,
                    value: self.get(key).unwrap_or_default(),
                    default,
                    description,
                    description_en,
                    history: Vec::new(),
                },
            )
            .collect()
    }

    /// `(key, value)` of the given keys, as a violation records them.
    pub fn snapshot(&self, keys: &[&'static str]) -> Vec<(&'static str, String)> {
        keys.iter()
            .map(|&k| (k, self.get(k).unwrap_or_default()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_spec_values() {
        let p = Params::default();
        assert_eq!((p.post_inauguration_months, p.pre_election_months), (6, 6));
        assert_eq!((p.min_tenure_years, p.covid_min_tenure_years), (2, 1));
        assert_eq!(p.covid_window_start.to_string(), "2020-04-27");
        assert_eq!(p.covid_window_end.to_string(), "2023-06-21");
        assert_eq!(
            (
                p.committee_min,
                p.committee_max,
                p.committee_internal_max_percent
            ),
            (5, 9, 45)
        );
        assert_eq!((p.max_age_pratama, p.max_age_madya_utama), (56, 58));
        assert_eq!((p.acting_max_months, p.acting_extension_months), (3, 3));
        assert_eq!(p.followup_days, 14);
        assert_eq!(
            (p.target_regency_city_percent, p.target_regency_city_year),
            (30, 2024)
        );
        assert!(p.check().is_ok());
        assert_eq!(p.describe().len(), PARAMETERS.len());
    }

    #[test]
    fn values_are_typed_and_bounded() {
        let mut p = Params::default();
        assert_eq!(p.set("neutrality.followup_days", " 21 "), Ok(()));
        assert_eq!(p.followup_days, 21);
        assert!(matches!(
            p.set("neutrality.followup_days", "-1"),
            Err(ParamError::Invalid { .. })
        ));
        assert!(matches!(
            p.set("committee.max_internal_percent", "101"),
            Err(ParamError::Invalid { .. })
        ));
        assert!(matches!(
            p.set("tenure.covid_window_end", "2023-02-30"),
            Err(ParamError::Invalid { .. })
        ));
        assert_eq!(
            p.set("no.such", "1"),
            Err(ParamError::Unknown("no.such".into()))
        );
        assert_eq!(p.followup_days, 21, "a refused value changes nothing");
    }

    #[test]
    fn stored_pairs_override_defaults_and_are_checked_as_a_set() {
        let p =
            Params::from_pairs([("acting.max_months", "4"), ("retired.key", "x")]).expect("valid");
        assert_eq!(p.acting_max_months, 4);
        let err = Params::from_pairs([("tenure.covid_window_end", "2019-01-01")]);
        assert!(matches!(err, Err(ParamError::WindowOrder { .. })));
        let err = Params::from_pairs([("committee.max_size", "4")]);
        assert!(matches!(err, Err(ParamError::Invalid { .. })));
        assert_eq!(
            Params::default().snapshot(&["committee.min_size", "committee.max_size"]),
            vec![
                ("committee.min_size", "5".to_string()),
                ("committee.max_size", "9".to_string())
            ]
        );
    }
}
