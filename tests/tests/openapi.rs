//! `GET /api/v1/openapi.json`: public, OpenAPI 3, and every API route is described with its schemas.

use integration_tests::both_databases;

both_databases! {
    async fn every_route_is_described(app) {
        let (status, doc) = app.json("/api/v1/openapi.json").await;
        assert_eq!(status, 200);
        assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "{}", doc["openapi"]);
        let paths = doc["paths"].as_object().expect("paths");
        let routes = [
            ("/agencies", "get"),
            ("/agencies", "post"),
            ("/agencies/{code}", "patch"),
            ("/merit/progress", "get"),
            ("/reports", "post"),
            ("/complaints", "post"),
            ("/complaints/status", "post"),
            ("/violations", "get"),
            ("/violations/{id}", "get"),
            ("/violations/{id}/transition", "post"),
            ("/people/{nip}", "get"),
            ("/evaluate", "post"),
            ("/parameters", "get"),
            ("/parameters/{key}", "put"),
            ("/recommendations", "get"),
            ("/recommendations/{violation_id}/verdict", "post"),
            ("/signals", "get"),
            ("/signals/{id}/explain", "post"),
        ];
        for (path, method) in routes {
            assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "{method} {path} is not described");
        }
        let distinct: std::collections::BTreeSet<&str> = routes.iter().map(|(path, _)| *path).collect();
        assert_eq!(paths.len(), distinct.len(), "a route was added without describing it, or described without existing");
        let schemas = doc["components"]["schemas"].as_object().expect("schemas");
        for schema in ["ViolationRow", "FieldError", "ErrorBody", "Agency", "GroupProgress", "Summary", "ParamInfo", "Filed", "StatusView", "RecommendationItem", "VerdictBody", "RegistryEntry", "ParameterStep", "SignalItem"] {
            assert!(schemas.contains_key(schema), "schema {schema} missing");
        }
        assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
        let violation = &schemas["ViolationRow"]["properties"];
        for field in ["rule_id", "agency_code", "record_kind", "record_id", "subject_nip", "event_date", "severity", "status", "legal_basis", "message"] {
            assert!(violation.get(field).is_some(), "ViolationRow.{field}");
        }
    }
}
