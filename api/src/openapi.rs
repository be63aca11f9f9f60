//! The OpenAPI document's frame: info, tags, the bearer scheme and the shared schemas. Paths are collected
//! from the route tree by `utoipa_actix_web`, so an endpoint registered with `.service()` is documented.

use utoipa::openapi::path::ParameterIn;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::{ErrorCode, FieldError, Problem};

/// The frame of the document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Gonghui API",
        description = "Gonghui (工会): organisations, members, rights-protection cases, wage-arrears recovery and training for China's trade-union federations.\n\nEvery list is keyset-paginated (`limit`, `cursor` → `items`, `next_cursor`). Errors are `application/problem+json` with a stable `code`. Single reads carry an `ETag`; writes to existing resources need `If-Match`. POST accepts `Idempotency-Key`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    components(schemas(Problem, FieldError, ErrorCode)),
    modifiers(&BearerScheme),
    tags(
        (name = "auth", description = "Sessions for people, tokens for integrations"),
        (name = "organisations", description = "The organisation tree: federations, grassroots unions, rights-protection points"),
        (name = "accounts", description = "Accounts, roles and integration scopes"),
        (name = "audit", description = "The append-only audit log"),
        (name = "members", description = "The member registry: people, memberships and their history"),
        (name = "membership-requests", description = "Join and transfer requests and their approvals"),
        (name = "member-imports", description = "Member collection from Excel: template, preview, commit"),
        (name = "honours", description = "Members' honours and the model-worker register"),
        (name = "hardship-files", description = "Hardship files (困难职工档案): sensitive, every read audited"),
        (name = "courses", description = "Training courses (新市民学校 and the like): catalogue, sessions, life cycle"),
        (name = "enrolments", description = "Enrolment with a first-come waitlist"),
        (name = "attendance", description = "Rotating check-in codes, marks by hand, the attendance sheet"),
        (name = "certificates", description = "Certificates of completion and their public verification"),
        (name = "course-requests", description = "职工点菜: workers' course requests ranked by supporters"),
        (name = "self-service", description = "A worker's own membership, for mobile clients with a member account"),
        (name = "code-lists", description = "Code lists in Chinese and English"),
        (name = "operations", description = "Health, readiness and metrics"),
    )
)]
pub struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.bearer_format = Some("JWT".to_owned());
        components.add_security_scheme("bearer", SecurityScheme::Http(http));
    }
}

/// What the shared layers need to know of an operation to say which errors it can answer.
#[derive(Default)]
struct OperationFacts {
    /// `(lower-case name, location)` of each parameter.
    params: Vec<(String, ParameterIn)>,
    /// Media types of the request body.
    body_types: Vec<String>,
    /// Whether a token is required.
    secured: bool,
}

/// The error answers the platform's shared layers can give an operation (status, description): 400 for
/// a malformed parameter, header or control character (any request can carry a query string); 401
/// where a token is needed; 404 where the path names something; 409/422 for `Idempotency-Key` on POST;
/// 412/428 where `If-Match` is taken; 413/415/422 where a JSON body is read (413/422 for uploads); 422
/// where query parameters are validated; 503 when the database is unreachable.
fn shared_errors(
    path: &str,
    method: &str,
    f: &OperationFacts,
) -> Vec<(&'static str, &'static str)> {
    let json_body = f.body_types.iter().any(|t| t.contains("json"));
    let upload = !f.body_types.is_empty() && !json_body;
    let api = path.starts_with("/api/v1/");
    let keyed = api && method == "post" && !path.starts_with("/api/v1/auth/");
    let mut out = vec![("400", "A malformed parameter, header or body, or a control character in the path or query (invalid_parameter, malformed_json)")];
    if f.secured || keyed {
        out.push(("401", "No valid access token"));
    }
    if f.params
        .iter()
        .any(|(_, at)| matches!(at, ParameterIn::Path))
    {
        out.push(("404", "No such resource in your scope"));
    }
    if keyed {
        out.push(("409", "A request with this Idempotency-Key is still being processed (idempotency_request_in_progress)"));
        out.push(("422", "Invalid fields, or an Idempotency-Key used before for a different request (idempotency_key_reused)"));
    }
    if f.params
        .iter()
        .any(|(name, at)| name == "if-match" && matches!(at, ParameterIn::Header))
    {
        out.push(("412", "Changed since you read it (precondition_failed)"));
        out.push(("428", "If-Match missing (precondition_required)"));
    }
    if json_body {
        out.push((
            "413",
            "The body is larger than the JSON limit (payload_too_large)",
        ));
        out.push((
            "415",
            "The body is not application/json (unsupported_media_type)",
        ));
        out.push((
            "422",
            "Invalid fields (validation_failed), each named in `errors`",
        ));
    }
    if f.params
        .iter()
        .any(|(_, at)| matches!(at, ParameterIn::Query))
    {
        out.push((
            "422",
            "A parameter out of range, such as `limit` outside 1 to 200 (validation_failed)",
        ));
    }
    if upload {
        out.push((
            "413",
            "The upload is larger than its limit (payload_too_large)",
        ));
        out.push(("422", "An empty or unreadable upload (validation_failed)"));
    }
    if api || path == "/readyz" {
        out.push((
            "503",
            "The database is unreachable; retry after `Retry-After` seconds (service_unavailable)",
        ));
    }
    out
}

/// Adds to every operation the errors of [`shared_errors`] that its handler does not document itself
/// (a handler's own entry for a status is kept). So the document lists every status an operation can
/// answer, each a problem+json body.
pub fn complete(mut api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    use utoipa::openapi::content::Content;
    use utoipa::openapi::response::ResponseBuilder;
    use utoipa::openapi::{Ref, RefOr};
    for (path, item) in api.paths.paths.iter_mut() {
        let ops = [
            ("get", item.get.as_mut()),
            ("post", item.post.as_mut()),
            ("put", item.put.as_mut()),
            ("patch", item.patch.as_mut()),
            ("delete", item.delete.as_mut()),
        ];
        for (method, op) in ops {
            let Some(op) = op else { continue };
            let facts = OperationFacts {
                params: op
                    .parameters
                    .iter()
                    .flatten()
                    .filter_map(|p| match p {
                        RefOr::T(p) => Some((p.name.to_ascii_lowercase(), p.parameter_in.clone())),
                        RefOr::Ref(_) => None,
                    })
                    .collect(),
                body_types: match &op.request_body {
                    Some(RefOr::T(b)) => b.content.keys().cloned().collect(),
                    _ => Vec::new(),
                },
                secured: op.security.as_ref().is_some_and(|s| !s.is_empty()),
            };
            for (status, description) in shared_errors(path, method, &facts) {
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| {
                        RefOr::T(
                            ResponseBuilder::new()
                                .description(description)
                                .content(
                                    "application/problem+json",
                                    Content::new(Some(Ref::from_schema_name("Problem"))),
                                )
                                .build(),
                        )
                    });
            }
        }
    }
    api
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keyed_json_write_with_if_match_documents_every_shared_error() {
        let f = OperationFacts {
            params: vec![
                ("id".into(), ParameterIn::Path),
                ("if-match".into(), ParameterIn::Header),
            ],
            body_types: vec!["application/json".into()],
            secured: true,
        };
        let mut got: Vec<&str> = shared_errors("/api/v1/x/{id}/y", "post", &f)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        got.sort();
        got.dedup();
        assert_eq!(
            got,
            ["400", "401", "404", "409", "412", "413", "415", "422", "428", "503"]
        );
        let health: Vec<&str> = shared_errors("/healthz", "get", &OperationFacts::default())
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(health, ["400"]);
    }
}
