//! Credentials: API tokens, passwords and sessions, and what each role may submit. Generation reads the system's
//! randomness; the checks are pure.

use serde_json::Value;

use crate::domain::credentials::hex;
pub use crate::domain::credentials::{token_hash, Principal};
pub use model::Role;

#[derive(Debug, thiserror::Error)]
#[error("the system's random number generator failed: {0}")]
pub struct RandomError(String);

/// A new API token: 32 random bytes as 64 hex digits, prefixed so that it is recognisable in a leaked log.
pub fn new_token() -> Result<String, RandomError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| RandomError(e.to_string()))?;
    Ok(format!("pm_{}", hex(&bytes)))
}

/// Characters of generated passwords: no 0/O, 1/l/I, so that a password read aloud or copied from paper works.
const PASSWORD_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A new password of 16 characters (about 93 bits), shown once to whoever creates or resets the user.
pub fn new_password() -> Result<String, RandomError> {
    random_chars(PASSWORD_ALPHABET, 16)
}

/// `len` random characters of `alphabet`. 256 is not a multiple of the alphabets used (56 and 32 letters at
/// most); the bias this leaves is far below what matters here.
pub fn random_chars(alphabet: &[u8], len: usize) -> Result<String, RandomError> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).map_err(|e| RandomError(e.to_string()))?;
    Ok(bytes
        .iter()
        .map(|b| char::from(alphabet[usize::from(*b) % alphabet.len()]))
        .collect())
}

#[derive(Debug, thiserror::Error)]
#[error("hashing the password failed: {0}")]
pub struct PasswordError(String);

/// An argon2id hash (PHC string, with its salt and parameters) of a password: slow on purpose, unlike token
/// hashes, because people choose guessable passwords.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| PasswordError(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| PasswordError(e.to_string()))?;
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| PasswordError(e.to_string()))
}

/// Whether `password` matches a stored hash; an unreadable hash matches nothing.
pub fn verify_password(hash: &str, password: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    PasswordHash::new(hash).is_ok_and(|parsed| {
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Why a principal may not submit a batch (HTTP 403).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Forbidden {
    #[error("this credential may submit only batches of agency {own}, not {batch}")]
    OtherAgency { own: String, batch: String },
    #[error("agency credentials may submit only self-assessments (stage \"self\"); record {0} is \"verified\"")]
    VerifiedAssessment(usize),
    #[error("neutrality complaints are imported by commission staff only; record {0} is one")]
    ComplaintByAgency(usize),
}

/// Checks a batch (as parsed JSON, before validation) against what the principal may submit: agency clerks only
/// their own agency's batches, only `self` merit assessments and no neutrality complaints; staff anything.
pub fn may_submit(principal: &Principal, batch: &Value) -> Result<(), Forbidden> {
    let Some(own) = principal
        .agency_code
        .as_deref()
        .filter(|_| principal.role == Role::Agency)
    else {
        return Ok(());
    };
    let batch_agency = batch
        .get("agency_code")
        .and_then(Value::as_str)
        .unwrap_or_default();
    // A batch without an agency code names nobody else's: the validator refuses it with what is missing.
    if !batch_agency.is_empty() && batch_agency != own {
        return Err(Forbidden::OtherAgency {
            own: own.to_string(),
            batch: batch_agency.to_string(),
        });
    }
    let records = batch
        .get("records")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (index, record) in records.iter().enumerate() {
        match record.get("kind").and_then(Value::as_str) {
            Some("merit_assessment")
                if record.get("stage").and_then(Value::as_str) == Some("verified") =>
            {
                return Err(Forbidden::VerifiedAssessment(index));
            }
            Some("neutrality_complaint") => return Err(Forbidden::ComplaintByAgency(index)),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn clerk() -> Principal {
        Principal {
            user: "clerk".into(),
            role: Role::Agency,
            agency_code: Some("32.04".into()),
        }
    }

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, b) = (new_token().expect("random"), new_token().expect("random"));
        assert_ne!(a, b);
        assert_eq!(a.len(), 3 + 64);
        assert_eq!(token_hash(&a).len(), 64);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn passwords_are_hashed_with_argon2id_and_verified() {
        let password = new_password().expect("random");
        assert_eq!(password.chars().count(), 16);
        assert!(password.bytes().all(|b| PASSWORD_ALPHABET.contains(&b)));
        let hash = hash_password(&password).expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password(&hash, &password));
        assert!(!verify_password(&hash, "wrong password"));
        assert_ne!(hash, hash_password(&password).expect("hash"), "salted");
        assert!(!verify_password("not a hash", &password));
    }

    #[test]
    fn clerks_submit_their_own_agency_and_self_assessments_only() {
        let own = json!({"agency_code": "32.04", "records": [{"kind": "merit_assessment", "stage": "self"}]});
        assert_eq!(may_submit(&clerk(), &own), Ok(()));
        let unnamed = json!({"records": [{"kind": "job_fit"}]});
        assert_eq!(
            may_submit(&clerk(), &unnamed),
            Ok(()),
            "left to the validator, which names the missing field"
        );
        let other = json!({"agency_code": "32.73", "records": []});
        assert!(matches!(
            may_submit(&clerk(), &other),
            Err(Forbidden::OtherAgency { .. })
        ));
        let verified = json!({"agency_code": "32.04", "records": [{"kind": "job_fit"}, {"kind": "merit_assessment", "stage": "verified"}]});
        assert_eq!(
            may_submit(&clerk(), &verified),
            Err(Forbidden::VerifiedAssessment(1))
        );
        let complaint =
            json!({"agency_code": "32.04", "records": [{"kind": "neutrality_complaint"}]});
        assert_eq!(
            may_submit(&clerk(), &complaint),
            Err(Forbidden::ComplaintByAgency(0))
        );
        let analyst = Principal {
            user: "a".into(),
            role: Role::Analyst,
            agency_code: None,
        };
        assert_eq!(may_submit(&analyst, &verified), Ok(()));
        assert_eq!(may_submit(&analyst, &complaint), Ok(()));
    }
}
