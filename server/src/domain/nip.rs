//! The civil servant's 18-digit Nomor Induk Pegawai (reports.md): `YYYYMMDD` birth date (year ≥ 1940),
//! `YYYYMM` start of service (at least 15 years after the birth year), a gender digit `1`/`2`, a serial
//! `001`–`999`. The birth date in the NIP is the one the age rules use.

use std::fmt;

use super::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Gender {
    Male,
    Female,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Nip {
    text: String,
    pub birth_date: Date,
    pub service_year: i32,
    pub service_month: u8,
    pub gender: Gender,
    pub serial: u16,
}

/// What is wrong with a NIP; the message tells a clerk which part to check.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NipError {
    #[error("a NIP has exactly 18 digits; this one has {0} characters")]
    Length(usize),
    #[error("a NIP has only digits")]
    NotDigits,
    #[error("digits 1–8 must be the birth date YYYYMMDD; {0} is not a calendar date")]
    BirthDate(String),
    #[error("the birth year {0} in digits 1–4 is before 1940")]
    BirthYear(i32),
    #[error("digits 9–14 must be the start of service YYYYMM; month {0:02} does not exist")]
    ServiceMonth(u8),
    #[error("the start of service {year} (digits 9–12) is less than 15 years after the birth year {birth_year}")]
    ServiceTooEarly { year: i32, birth_year: i32 },
    #[error("digit 15 is the gender and must be 1 or 2, found {0}")]
    Gender(char),
    #[error("digits 16–18 are a serial number from 001 to 999, found 000")]
    Serial,
}

impl NipError {
    /// The same problem in Indonesian, for the clerk's error report.
    pub fn message_id(&self) -> String {
        match self {
            NipError::Length(n) => {
                format!("NIP harus terdiri atas tepat 18 digit; yang ini {n} karakter")
            }
            NipError::NotDigits => "NIP hanya boleh berisi angka".to_string(),
            NipError::BirthDate(s) => {
                format!("digit 1–8 harus tanggal lahir YYYYMMDD; {s} bukan tanggal yang ada")
            }
            NipError::BirthYear(y) => format!("tahun lahir {y} pada digit 1–4 sebelum 1940"),
            NipError::ServiceMonth(m) => {
                format!("digit 9–14 harus TMT YYYYMM; bulan {m:02} tidak ada")
            }
            NipError::ServiceTooEarly { year, birth_year } => {
                format!("tahun mulai kerja {year} (digit 9–12) kurang dari 15 tahun setelah tahun lahir {birth_year}")
            }
            NipError::Gender(c) => {
                format!("digit 15 adalah jenis kelamin dan harus 1 atau 2, bukan {c}")
            }
            NipError::Serial => "digit 16–18 adalah nomor urut 001–999, bukan 000".to_string(),
        }
    }
}

impl Nip {
    pub fn parse(text: &str) -> Result<Nip, NipError> {
        let length = text.chars().count();
        if length != 18 {
            return Err(NipError::Length(length));
        }
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NipError::NotDigits);
        }
        let number = |from: usize, to: usize| text[from..to].parse::<i32>().unwrap_or(0);
        let birth_text = format!("{}-{}-{}", &text[0..4], &text[4..6], &text[6..8]);
        let birth_date =
            Date::parse(&birth_text).map_err(|_| NipError::BirthDate(text[0..8].to_string()))?;
        if birth_date.year() < 1940 {
            return Err(NipError::BirthYear(birth_date.year()));
        }
        let service_year = number(8, 12);
        let service_month = u8::try_from(number(12, 14)).unwrap_or(0);
        if !(1..=12).contains(&service_month) {
            return Err(NipError::ServiceMonth(service_month));
        }
        if service_year < birth_date.year() + 15 {
            return Err(NipError::ServiceTooEarly {
                year: service_year,
                birth_year: birth_date.year(),
            });
        }
        let gender = match text.as_bytes()[14] {
            b'1' => Gender::Male,
            b'2' => Gender::Female,
            other => return Err(NipError::Gender(char::from(other))),
        };
        let serial = u16::try_from(number(15, 18)).unwrap_or(0);
        if serial == 0 {
            return Err(NipError::Serial);
        }
        Ok(Nip {
            text: text.to_string(),
            birth_date,
            service_year,
            service_month,
            gender,
            serial,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_nip_gives_its_parts() {
        let nip = Nip::parse("196805102000031002").expect("valid");
        assert_eq!(nip.birth_date, Date::parse("1968-05-10").expect("date"));
        assert_eq!((nip.service_year, nip.service_month), (2000, 3));
        assert_eq!(nip.gender, Gender::Male);
        assert_eq!(nip.serial, 2);
        assert_eq!(
            Nip::parse("198002292005012999").map(|n| n.gender),
            Ok(Gender::Female),
            "29 Feb of a leap year"
        );
    }

    #[test]
    fn each_structural_error_is_named() {
        assert_eq!(Nip::parse("19680510200003100"), Err(NipError::Length(17)));
        assert_eq!(Nip::parse("1968051020000310021"), Err(NipError::Length(19)));
        assert_eq!(Nip::parse("19680510200003100a"), Err(NipError::NotDigits));
        assert_eq!(
            Nip::parse("196802302000031002"),
            Err(NipError::BirthDate("19680230".into()))
        );
        assert_eq!(
            Nip::parse("198102292005012001"),
            Err(NipError::BirthDate("19810229".into())),
            "1981 is not leap"
        );
        assert_eq!(
            Nip::parse("193912312000031002"),
            Err(NipError::BirthYear(1939))
        );
        assert!(
            Nip::parse("194001011960011001").is_ok(),
            "1940 is the first year allowed"
        );
        assert_eq!(
            Nip::parse("196805102000131002"),
            Err(NipError::ServiceMonth(13))
        );
        assert_eq!(
            Nip::parse("196805102000001002"),
            Err(NipError::ServiceMonth(0))
        );
        assert_eq!(
            Nip::parse("196805101982121002"),
            Err(NipError::ServiceTooEarly {
                year: 1982,
                birth_year: 1968
            }),
            "14 years after the birth year"
        );
        assert!(
            Nip::parse("196805101983011002").is_ok(),
            "exactly 15 years after the birth year"
        );
        assert_eq!(Nip::parse("196805102000033002"), Err(NipError::Gender('3')));
        assert_eq!(Nip::parse("196805102000030002"), Err(NipError::Gender('0')));
        assert_eq!(Nip::parse("196805102000031000"), Err(NipError::Serial));
        assert!(Nip::parse("196805102000031999").is_ok());
    }

    #[test]
    fn errors_read_in_both_languages() {
        let err = Nip::parse("196805102000033002").expect_err("gender");
        assert!(err.to_string().contains("digit 15"));
        assert!(
            err.message_id().contains("digit 15") && err.message_id().contains("jenis kelamin")
        );
    }
}
