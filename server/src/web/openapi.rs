//! The OpenAPI description of `/api/v1`, generated from the handlers' and types' annotations (utoipa), so it
//! cannot drift from what the server does. Served at `GET /api/v1/openapi.json`.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{api, complaints, recommendations, registry, signals, violations};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Pantau Merit API",
        description = "Reports of high-level civil-service posts (JPT), the rules' violations and the merit index. \
                       Contract: shared/spec/interfaces.md and reports.md."
    ),
    servers((url = "/api/v1")),
    paths(
        api::list_agencies,
        api::merit_progress,
        api::submit_report,
        complaints::file_json,
        complaints::status_json,
        violations::list,
        violations::one,
        violations::transition,
        violations::person,
        violations::evaluate,
        violations::parameters,
        violations::set_parameter,
        recommendations::list,
        recommendations::verdict,
        registry::add,
        registry::change,
        signals::list,
        signals::explain,
    ),
    modifiers(&BearerToken),
    tags(
        (name = "public", description = "no credential needed"),
        (name = "reports", description = "agencies' report batches"),
        (name = "violations", description = "what the rules found, and its workflow"),
        (name = "rules", description = "evaluation runs and the legal parameters"),
        (name = "recommendations", description = "recommendations on violations, the agencies' answers and the verdicts"),
        (name = "registry", description = "the agency registry, administered"),
        (name = "signals", description = "patterns across records for analysts (not violations)"),
    )
)]
pub struct ApiDoc;

/// `GET /api/v1/openapi.json`: the description of the API.
pub fn routes() -> axum::Router<crate::service::AppState> {
    axum::Router::new().route(
        "/openapi.json",
        axum::routing::get(|| async { axum::Json(ApiDoc::openapi()) }),
    )
}

/// `Authorization: Bearer <token>`, the credential of `pantau user add`.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
