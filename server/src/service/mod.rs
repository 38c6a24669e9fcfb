//! The service layer: one file per use case, joining the pure parts (`domain`, `rules`, `import`) and the data
//! layer (`db`). The web handlers, the pages' backend and the command line call services; services never call
//! them, and the data layer never calls a service (docs/architecture.md; checked by `server/tests/architecture.rs`).
//!
//! [`AppState`] is what a running application holds beyond its database: the public aggregates' cache. It is
//! cheap to clone; every clone shares the cache.

pub mod backend;
pub mod cases;
pub mod complaints;
pub mod compliance;
pub mod demo;
mod error;
pub mod evaluation;
pub mod export;
pub mod followups;
pub mod import;
pub mod mail;
pub mod merit;
pub mod parameters;
pub mod peers;
pub mod public;
pub mod recommendations;
pub mod registry;
pub mod reporting;
pub mod scorecard;
pub mod signals;
pub mod stored;
pub mod violation_detail;
pub mod violations;

use std::sync::Arc;

use crate::db::{Db, DbError};

/// The database and the caches a server keeps in memory.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    /// The public pages' aggregates (see `public`).
    pub public: Arc<public::PublicCache>,
}

impl AppState {
    pub fn new(db: Db) -> AppState {
        AppState {
            db,
            public: Default::default(),
        }
    }
}

/// Opens a database for the application: connects, migrates, loads the registry when there is none and adds
/// the rule parameters this version knows with their defaults (an administrator's values stay).
pub async fn open(url: &str) -> Result<Db, DbError> {
    let db = Db::open(url).await?;
    let defaults = crate::rules::PARAMETERS
        .iter()
        .map(|&(key, default, ..)| (key, default));
    db.seed_parameters(defaults, &crate::clock::now_text())
        .await?;
    Ok(db)
}
