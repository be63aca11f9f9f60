//! `POST /membership-requests/{id}/approve`.

use actix_web::{post, web, HttpResponse};

use crate::auth::{AuthUser, Permission};
use crate::error::{ApiResult, Problem};
use crate::http::etag::IfMatch;
use crate::services::membership_requests;
use crate::state::AppState;
use crate::views::membership_requests::MembershipRequest;

/// Approves a request, by the union joined: a join registers the member (joined today unless the request
/// says otherwise); a released transfer moves the member, card number and all, and writes the transfer out
/// of one union and into the other in the history.
#[utoipa::path(
    tag = "membership-requests",
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = String, Header, description = "The request's version, quoted"),
    ),
    responses(
        (status = 200, description = "Approved", body = MembershipRequest),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the union joined may approve", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request with a side in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not pending (join) or not yet released (transfer) (membership_request_not_actionable), the member no longer active (member_status_not_allowed), or the person registered meanwhile (member_exists)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/membership-requests/{id}/approve")]
pub async fn approve_membership_request(
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
            membership_requests::approve(c, &actor, &scope, &id, &if_match, &|p| grants.may(p))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
