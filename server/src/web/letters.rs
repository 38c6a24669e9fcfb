//! `GET /pelanggaran/{id}/surat.pdf` (issue #18): the recommendation letter of a violation, for staff and for the
//! clerk of the violation's agency (another agency's letter is 404 to a clerk, as the violation's page is). 404
//! before a recommendation was issued: there is no letter yet.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::caller::{Reader, Refused};
use crate::db::Db;
use crate::service::AppState;
use model::Role;

pub fn routes<S: Clone + Send + Sync + 'static>(app: AppState) -> Router<S> {
    Router::new()
        .route("/pelanggaran/{id}/surat.pdf", get(letter_pdf))
        .with_state(app)
}

async fn letter_pdf(
    State(db): State<Db>,
    Path(id): Path<i64>,
    Reader(user): Reader,
) -> Result<Response, Refused> {
    let failed = |err: &dyn std::fmt::Display| {
        tracing::error!(id, error = %err, "a recommendation letter could not be made");
        Refused::Failed
    };
    let owner = db
        .violation(id)
        .await
        .map_err(|e| failed(&e))?
        .map(|v| v.agency_code);
    let readable = match (&owner, user.role) {
        (None, _) => false,
        (Some(agency), Role::Agency) => user.agency_code.as_ref() == Some(agency),
        (Some(_), Role::Analyst | Role::Commissioner | Role::Admin) => true,
    };
    if !readable {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let Some(letter) = crate::service::mail::letter(&db, id)
        .await
        .map_err(|e| failed(&e))?
    else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let pdf = letter.pdf().map_err(|e| failed(&e))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{}\"", letter.file_name()),
            ),
        ],
        pdf,
    )
        .into_response())
}
