//! `POST /membership-requests/join`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};

use super::MembershipRequest;
use crate::auth::{AuthUser, Permission};
use crate::error::{ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::services::membership_requests::file_join;
use crate::state::AppState;
use crate::views::members::validate;
use crate::views::membership_requests::CreateJoinRequest;

/// Asks for a worker to join a union (入会申请). The union's officers approve or reject it; approval
/// registers the member. One open request per person.
#[utoipa::path(
    tag = "membership-requests",
    request_body = CreateJoinRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Requested", body = MembershipRequest),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not file requests", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already a member (member_exists), or a request is already open (membership_request_open)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/membership-requests/join")]
pub async fn create_join_request(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<CreateJoinRequest>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    let CreateJoinRequest { member, reason } = body.into_inner()?;
    let changes = validate(member.clone().into(), None).map_err(|e| e.nested("member"))?;
    let mut v = Validator::new();
    let reason = v.opt_text("reason", reason.as_deref(), 200);
    v.finish()?;
    let scope = user.scope();
    let actor = user.actor();
    let grants = user.grants();
    let answer = state
        .write(move |c| {
            file_join(c, &actor, &scope, member, changes, reason, &|p| {
                grants.may(p)
            })
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(answer))
}
