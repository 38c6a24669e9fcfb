//! Who is calling once a credential was checked, and how a secret is kept: only its SHA-256, so that a copy of
//! the database lets nobody sign in.

use model::Role;
use sha2::{Digest, Sha256};

/// Who is calling, once a credential was checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub user: String,
    pub role: Role,
    /// The agency of an agency clerk; `None` for staff.
    pub agency_code: Option<String>,
}

/// A person signed in to the pages is the same caller to the services as an API token of theirs.
impl From<&model::types::SessionUser> for Principal {
    fn from(user: &model::types::SessionUser) -> Principal {
        Principal {
            user: user.name.clone(),
            role: user.role,
            agency_code: user.agency_code.clone(),
        }
    }
}

/// What is stored for a token: its SHA-256 in hex. A token has 256 bits of entropy, so a fast hash suffices.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
