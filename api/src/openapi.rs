//! The OpenAPI document's frame: info, tags, the bearer scheme and the shared schemas. Paths are collected
//! from the route tree by `utoipa_actix_web`, so an endpoint registered with `.service()` is documented.

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
