//! Why a page's server function gave no data: the pages match on it (a sign-in link, a refusal, the generic
//! error) instead of searching an error's text, and the status the response gets follows from it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PageError {
    /// Nobody is signed in (401): the page offers the sign-in link.
    #[error("unauthenticated: sign in first")]
    Unauthenticated,
    /// The signed-in role may not see this (403).
    #[error("forbidden: your role may not see this")]
    Forbidden,
    /// Anything else (500). The detail was logged on the server; a page shows only the generic error.
    #[error("{0}")]
    Failed(String),
}

impl PageError {
    /// The HTTP status a page answers with when it shows this error.
    pub fn status(&self) -> u16 {
        match self {
            PageError::Unauthenticated => 401,
            PageError::Forbidden => 403,
            PageError::Failed(_) => 500,
        }
    }
}

/// Server functions return `Result<_, PageError>`: Leptos encodes it as JSON on the server and decodes it in the
/// browser, so a page gets the same variant on either side.
#[cfg(feature = "server_fn")]
impl server_fn::error::FromServerFnError for PageError {
    type Encoder = server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> PageError {
        PageError::Failed(value.to_string())
    }
}

#[cfg(feature = "server_fn")]
impl From<server_fn::ServerFnError> for PageError {
    fn from(err: server_fn::ServerFnError) -> PageError {
        PageError::Failed(err.to_string())
    }
}
