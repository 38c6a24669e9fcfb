//! What a page's form handler sends the reader back with, in the page's `?galat=` (a refusal or, on the sign-in
//! page, a notice). The handler names it with a variant and the page matches on the variant, so the short codes
//! in the URL — Indonesian, as the reader sees them — are written in one place.

macro_rules! refusals {
    ($($variant:ident = $code:literal, $doc:literal;)+) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Refusal {
            $(#[doc = $doc] $variant,)+
        }

        impl Refusal {
            pub const ALL: &'static [Refusal] = &[$(Refusal::$variant),+];

            /// The code in the URL.
            pub fn code(self) -> &'static str {
                match self { $(Refusal::$variant => $code),+ }
            }

            pub fn parse(code: &str) -> Option<Refusal> {
                match code { $($code => Some(Refusal::$variant),)+ _ => None }
            }
        }
    };
}

refusals! {
    Failure = "gangguan", "Something failed on the server; the detail was logged.";
    Role = "peran", "The reader's role may not do this (or, adding a user, the role is unknown).";
    Status = "status", "The item is not in a status that allows the step (or was moved meanwhile).";
    ReasonRequired = "alasan", "Dismissing needs a written reason.";
    LetterRequired = "surat", "A recommendation needs its letter's number and date.";
    BadDate = "tanggal", "A date is not a calendar date.";
    TypeRequired = "jenis", "Proving a complaint needs the kind of violation.";
    DecisionRequired = "keputusan", "A follow-up needs the decision.";
    HandlerRequired = "petugas", "A case needs a handler first.";
    PasswordsDiffer = "beda", "The new password and its confirmation differ.";
    PasswordTooShort = "pendek", "The password is shorter than the minimum.";
    WrongPassword = "salah", "The name or password is wrong.";
    Locked = "terkunci", "Too many attempts: signing in is paused for a while.";
    SignedOut = "keluar", "Notice: signed out.";
    PasswordChanged = "sandi_diganti", "Notice: the password was changed; sign in with the new one.";
    UserExists = "ada", "A user of that name exists.";
    NoSuchUser = "tidak_ada", "No user of that name.";
    NoSuchAgency = "instansi", "No agency with that code.";
    RoleAgencyMismatch = "peran_instansi", "Clerks need an agency, staff must have none.";
    BadEmail = "surel", "That is not an e-mail address.";
    BadName = "nama", "A user name of letters, digits, dot, dash and underscore, at most 64.";
    SelfDisable = "diri_sendiri", "An administrator cannot disable themselves.";
    BadValue = "nilai", "The parameter's value is refused.";
    TooMany = "batas", "The limit of attempts from this address was reached.";
    NotFound = "tidak_ditemukan", "No complaint with that reference and receipt code.";
    FileType = "jenis_berkas", "The file is not JSON, CSV or Excel.";
    UploadForbidden = "terlarang", "The file names another agency or holds what a clerk may not send.";
    TooLarge = "terlalu_besar", "The file is larger than the upload limit.";
    EmptyUpload = "kosong", "No file was chosen.";
    NotClerk = "bukan_operator", "Only an agency's clerk uploads.";
    NoAnswer = "tanpa_jawaban", "No answer of the agency awaits a verdict.";
    AgencyExists = "instansi_ada", "An agency with that code is already in the registry.";
    AlreadyRetired = "sudah_dibubarkan", "The agency was already retired.";
    OutsideLife = "di_luar_masa", "The date lies before the agency existed or after it was retired.";
    BadEntry = "isian", "The agency's code, name, kind or province is refused.";
    NoteRequired = "catatan", "Explaining a signal needs a note.";
}

impl Refusal {
    /// `path?galat=code`.
    pub fn at(self, path: &str) -> String {
        format!("{path}?galat={}", self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::Refusal;

    #[test]
    fn every_code_reads_back_and_is_unique() {
        for refusal in Refusal::ALL {
            assert_eq!(Refusal::parse(refusal.code()), Some(*refusal));
        }
        let mut codes: Vec<&str> = Refusal::ALL.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Refusal::ALL.len());
        assert_eq!(Refusal::parse("?"), None);
    }
}
