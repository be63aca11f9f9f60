//! The committed OpenAPI document is what the code produces, and it is valid OpenAPI 3.1 in our terms.

#[test]
fn committed_openapi_json_matches_the_code() {
    let generated = gonghui_api::startup::openapi()
        .to_pretty_json()
        .unwrap_or_default();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        generated.trim() == committed.trim(),
        "openapi/openapi.json is stale: run `cargo run -p gonghui-api -- openapi > openapi/openapi.json` and commit it"
    );
}

#[test]
fn every_operation_is_named_tagged_and_documents_its_errors() {
    let doc: serde_json::Value = serde_json::from_str(
        &gonghui_api::startup::openapi()
            .to_json()
            .unwrap_or_default(),
    )
    .unwrap_or_default();
    assert_eq!(doc["openapi"].as_str(), Some("3.1.0"));
    let mut ids = Vec::new();
    for (path, item) in doc["paths"].as_object().cloned().unwrap_or_default() {
        for (method, op) in item.as_object().cloned().unwrap_or_default() {
            let id = op["operationId"].as_str().unwrap_or_default().to_owned();
            assert!(!id.is_empty(), "{method} {path} has no operationId");
            assert!(
                op["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{id} has no tag"
            );
            assert!(
                op["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{id} has no doc comment"
            );
            let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
            if secured {
                assert!(
                    op["responses"]["401"].is_object(),
                    "{id} is secured but does not document 401"
                );
            }
            if path.starts_with("/api/v1/") && !path.starts_with("/api/v1/auth/") && method != "get"
            {
                assert!(
                    ["404", "409", "412", "422"]
                        .iter()
                        .any(|s| op["responses"][s].is_object()),
                    "{id} documents no write errors"
                );
            }
            ids.push(id);
        }
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "operationIds must be unique");
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[test]
fn every_operation_documents_the_shared_layers_errors_as_problems() {
    let doc: serde_json::Value = serde_json::from_str(
        &gonghui_api::startup::openapi()
            .to_json()
            .unwrap_or_default(),
    )
    .unwrap_or_default();
    for (path, item) in doc["paths"].as_object().cloned().unwrap_or_default() {
        for (method, op) in item.as_object().cloned().unwrap_or_default() {
            let r = &op["responses"];
            let id = op["operationId"].as_str().unwrap_or_default();
            assert!(r.get("400").is_some(), "{id}: 400");
            if path.starts_with("/api/v1/") {
                assert!(r.get("503").is_some(), "{id}: 503");
            }
            let json_body = op["requestBody"]["content"]
                .as_object()
                .is_some_and(|c| c.keys().any(|k| k.contains("json")));
            if json_body {
                for s in ["413", "415", "422"] {
                    assert!(r.get(s).is_some(), "{id}: {s}");
                }
            }
            if method == "post"
                && path.starts_with("/api/v1/")
                && !path.starts_with("/api/v1/auth/")
            {
                assert!(
                    r.get("409").is_some() && r.get("401").is_some(),
                    "{id}: Idempotency-Key answers"
                );
            }
            for (status, response) in r.as_object().cloned().unwrap_or_default() {
                if status.starts_with('4') || status.starts_with('5') {
                    assert!(
                        response["content"]
                            .get("application/problem+json")
                            .is_some(),
                        "{id} {status} is not a problem"
                    );
                }
            }
        }
    }
}
