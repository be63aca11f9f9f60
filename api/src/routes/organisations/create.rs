//! `POST /organisations`.

use actix_web::http::{header, StatusCode};
use actix_web::{post, web, HttpResponse};

use super::{respond, validate, CreateOrganisation, Organisation};
use crate::auth::{AuthUser, Permission};
use crate::error::{ApiResult, Problem};
use crate::http::body::Body;
use crate::services;
use crate::state::AppState;

/// Creates an organisation under a parent in your scope.
#[utoipa::path(
    tag = "organisations",
    request_body = CreateOrganisation,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Created", body = Organisation, headers(("ETag" = String), ("Location" = String))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not create organisations", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The parent is archived, or the idempotent request is still running", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, unknown parent, or a kind not allowed under the parent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/organisations")]
pub async fn create_organisation(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<CreateOrganisation>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::OrganisationsWrite)?;
    let body = body.into_inner()?;
    let parent_id = body.parent_id.trim().to_owned();
    let kind = body.kind;
    let changes = validate(body.into(), None)?;
    let scope = user.scope();
    let actor = user.actor();
    let row = state
        .write(move |c| {
            services::organisations::create(c, &actor, &scope, &parent_id, kind, changes)
        })
        .await?;
    tracing::info!(org.id = %row.id, "organisation created");
    let location = format!("/api/v1/organisations/{}", row.id);
    let mut res = respond(StatusCode::CREATED, row, false, &user);
    if let Ok(v) = header::HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}
