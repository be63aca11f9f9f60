//! `POST /me/membership-requests/transfer`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::own_member;
use crate::auth::AuthUser;
use crate::db::models::members;
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::services::membership_requests::file_transfer;
use crate::state::AppState;
use crate::views::membership_requests::MembershipRequest;

/// Your request to move to another union.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnTransferRequest {
    /// The union to move to: any active grassroots or township union of the deployment (its id, e.g. from
    /// the union's QR code), also in another federation.
    pub to_organisation_id: String,
    /// Why (1-200 characters), e.g. 外出务工到西安.
    pub reason: String,
}

/// Asks to transfer your membership (转会): your union releases it, the new union accepts it; your card
/// number stays.
#[utoipa::path(
    tag = "self-service",
    request_body = OwnTransferRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Requested", body = MembershipRequest),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Your account is not linked to a member record yet", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Your membership is not active (member_status_not_allowed), or a request is open (membership_request_open)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown union, your own union, or missing reason", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/me/membership-requests/transfer")]
pub async fn create_own_transfer_request(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<OwnTransferRequest>,
) -> ApiResult<HttpResponse> {
    let id = own_member(&user)?;
    let body = body.into_inner()?;
    let mut v = Validator::new();
    let reason = v.text("reason", &body.reason, 200);
    v.finish()?;
    let scope = user.scope();
    let actor = user.actor();
    let answer = state
        .write(move |c| {
            let member = members::find_any(c, &id)?.ok_or_else(|| ApiError::not_found("member"))?;
            file_transfer(
                c,
                &actor,
                &scope,
                member,
                &body.to_organisation_id,
                reason,
                &|_| false,
            )
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(super::as_applicant(answer)))
}
