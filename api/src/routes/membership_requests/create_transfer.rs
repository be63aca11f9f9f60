//! `POST /membership-requests/transfer`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::MembershipRequest;
use crate::auth::{AuthUser, Permission};
use crate::db::models::members;
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::services::membership_requests::file_transfer;
use crate::state::AppState;

/// A request to move a member to another union.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTransferRequest {
    /// The member, in your scope.
    pub member_id: String,
    /// The union to move to: any active grassroots or township union of the deployment, also in another
    /// federation (a migrant worker from 南江 moving to a union in 西安).
    pub to_organisation_id: String,
    /// Why (1-200 characters).
    pub reason: String,
}

/// Asks for a member's transfer (转会): the union left releases it, the union joined accepts it; the card
/// number stays. One open request per person.
#[utoipa::path(
    tag = "membership-requests",
    request_body = CreateTransferRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Requested", body = MembershipRequest),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not file requests", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The member is not active (member_status_not_allowed), or a request is already open (membership_request_open)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown member or union, same union, or missing reason", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/membership-requests/transfer")]
pub async fn create_transfer_request(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<CreateTransferRequest>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    let body = body.into_inner()?;
    let mut v = Validator::new();
    let reason = v.text("reason", &body.reason, 200);
    v.finish()?;
    let scope = user.scope();
    let actor = user.actor();
    let grants = user.grants();
    let answer = state
        .write(move |c| {
            let (member, _) =
                members::find_in_scope(c, &body.member_id, &scope)?.ok_or_else(|| {
                    ApiError::field("member_id", "not_found", "no such member in your scope")
                })?;
            file_transfer(
                c,
                &actor,
                &scope,
                member,
                &body.to_organisation_id,
                reason,
                &|p| grants.may(p),
            )
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(answer))
}
