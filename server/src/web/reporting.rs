//! Reporting activity over HTTP (issue #19): the analysts' export of the silent agencies. The page is
//! `/instansi-senyap` (`app::pages::silent`); the scorecard carries each agency's activity.

use axum::extract::{Query, State};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use super::caller::{Reader, Refused};
use crate::db::Db;
use crate::service::AppState;

pub fn page_routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/ekspor/instansi-senyap.csv", get(silent_csv))
        .with_state(app)
}

#[derive(Debug, Default, Deserialize)]
struct SilentQuery {
    #[serde(default)]
    sort: String,
}

/// `GET /ekspor/instansi-senyap.csv?sort=` (analysts and commissioners): the silent agencies (issue #19) in the
/// page's order.
async fn silent_csv(
    State(db): State<Db>,
    reader: Reader,
    Query(query): Query<SilentQuery>,
) -> Result<axum::response::Response, Refused> {
    use axum::http::header;
    use axum::response::IntoResponse;
    reader.one_of(
        app::api::SCORECARD_READERS,
        "your role may not export the silent agencies",
    )?;
    let failed = |err: &dyn std::fmt::Display| {
        tracing::error!(error = %err, "silent agencies export failed");
        Refused::Failed
    };
    let sort = crate::service::reporting::SilentSort::parse(&query.sort);
    let list = crate::service::reporting::silent(&db, sort, crate::clock::today())
        .await
        .map_err(|e| failed(&e))?;
    let text = crate::service::export::silent_csv(&list).map_err(|e| failed(&e))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"instansi-senyap.csv\"",
            ),
        ],
        text,
    )
        .into_response())
}
