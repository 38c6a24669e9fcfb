//! Who may do what (interfaces.md): the four roles, carried by a session on the server and shown by the pages.
//! A server function names the roles it serves with [`Role`] values, never with their text.

use serde::{Deserialize, Serialize};

/// The roles of interfaces.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Agency,
    Analyst,
    Commissioner,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Agency, Role::Analyst, Role::Commissioner, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agency => "agency",
            Role::Analyst => "analyst",
            Role::Commissioner => "commissioner",
            Role::Admin => "admin",
        }
    }
    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    /// For the command line's `--role`.
    fn from_str(text: &str) -> Result<Role, String> {
        Role::parse(text).ok_or_else(|| {
            format!(
                "unknown role {text:?}: one of {}",
                Role::ALL.map(Role::as_str).join(", ")
            )
        })
    }
}
