//! `POST /members`.

use actix_web::http::{header, StatusCode};
use actix_web::{post, web, HttpResponse};

use super::{validate, CreateMember, Member};
use crate::auth::{AuthUser, Permission};
use crate::error::{ApiResult, Problem};
use crate::http::body::Body;
use crate::http::etag::etag;
use crate::services::members::register;
use crate::state::AppState;

/// Registers a member in a union in your scope. A person is unique across the deployment by ID number.
#[utoipa::path(
    tag = "members",
    request_body = CreateMember,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Registered", body = Member, headers(("ETag" = String), ("Location" = String))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not register members", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This person is already a member (member_exists)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: checksum, birth date or gender not matching the ID number, unknown codes", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/members")]
pub async fn create_member(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<CreateMember>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    let body = body.into_inner()?;
    let org_id = body.organisation_id.trim().to_owned();
    let changes = validate(body.into(), None)?;
    let scope = user.scope();
    let actor = user.actor();
    let row = state
        .write(move |c| register(c, &org_id, &scope, changes, &actor))
        .await?;
    let location = format!("/api/v1/members/{}", row.0.id);
    Ok(HttpResponse::build(StatusCode::CREATED)
        .insert_header((header::ETAG, etag(row.0.version)))
        .insert_header((header::LOCATION, location))
        .json(Member::from(row).offer(&|p| user.can(p))))
}
