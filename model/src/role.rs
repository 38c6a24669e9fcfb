//! Who may do what (interfaces.md): the four roles, carried by a session on the server and shown by the pages.
//! A server function names the roles it serves with [`Role`] values, never with their text.

use serde::{Deserialize, Serialize};

crate::codes! {
    /// The roles of interfaces.md.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Role {
        Agency = "agency",
        Analyst = "analyst",
        Commissioner = "commissioner",
        Admin = "admin",
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
        Role::parse(text)
            .ok_or_else(|| format!("unknown role {text:?}: one of {}", Role::expected()))
    }
}
