//! `POST /membership-requests/{id}/release`.

use actix_web::{post, web, HttpResponse};

use crate::auth::{AuthUser, Permission};
use crate::error::{ApiResult, Problem};
use crate::http::etag::IfMatch;
use crate::services::membership_requests;
use crate::state::AppState;
use crate::views::membership_requests::MembershipRequest;

/// The union a member leaves releases the transfer (放行); the receiving union can then accept it.
#[utoipa::path(
    tag = "membership-requests",
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = String, Header, description = "The request's version, quoted"),
    ),
    responses(
        (status = 200, description = "Released", body = MembershipRequest),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the union the member leaves may release", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request with a side in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a pending transfer (membership_request_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/membership-requests/{id}/release")]
pub async fn release_membership_request(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let grants = user.grants();
    let answer = state
        .write(move |c| {
            membership_requests::release(c, &actor, &scope, &id, &if_match, &|p| grants.may(p))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
