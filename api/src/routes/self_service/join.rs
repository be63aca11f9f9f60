//! `POST /me/membership-requests/join`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};

use crate::auth::{AuthUser, Permission};
use crate::error::{ApiError, ApiResult, ErrorCode, Problem, Validator};
use crate::http::body::Body;
use crate::services::membership_requests::file_join;
use crate::state::AppState;
use crate::views::members::validate;
use crate::views::membership_requests::CreateJoinRequest;
use crate::views::membership_requests::MembershipRequest;

/// Applies to join a union yourself (入会申请): your details, checked as for any new member, and a union
/// your account can see. The union's officers approve or reject it; approval links your account to your
/// new member record.
#[utoipa::path(
    tag = "self-service",
    request_body = CreateJoinRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Requested", body = MembershipRequest),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "You are a member already (member_exists), or a request is open (membership_request_open)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/me/membership-requests/join")]
pub async fn create_own_join_request(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<CreateJoinRequest>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::SelfService)?;
    if user.member_id.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::MemberExists,
            "your account already belongs to a member; ask for a transfer instead",
        ));
    }
    let CreateJoinRequest { member, reason } = body.into_inner()?;
    let changes = validate(member.clone().into(), None).map_err(|e| e.nested("member"))?;
    let mut v = Validator::new();
    let reason = v.opt_text("reason", reason.as_deref(), 200);
    v.finish()?;
    let scope = user.scope();
    let actor = user.actor();
    let answer = state
        .write(move |c| file_join(c, &actor, &scope, member, changes, reason, &|_| false))
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(super::as_applicant(answer)))
}
