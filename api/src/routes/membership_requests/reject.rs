//! `POST /membership-requests/{id}/reject`.

use actix_web::{post, web, HttpResponse};

use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::error::{ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::http::etag::IfMatch;
use crate::services::membership_requests;
use crate::state::AppState;
use crate::views::membership_requests::{Decision, MembershipRequest};

/// Rejects an open request with a reason: a join by the union asked; a transfer by either union.
#[utoipa::path(
    tag = "membership-requests",
    request_body = Decision,
    params(
        ("id" = String, Path, description = "Request id"),
        ("If-Match" = String, Header, description = "The request's version, quoted"),
    ),
    responses(
        (status = 200, description = "Rejected", body = MembershipRequest),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "You may not decide this request", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request with a side in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided (membership_request_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing reason", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/membership-requests/{id}/reject")]
pub async fn reject_membership_request(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Body<Decision>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    reach::membership_request(&state, &user, &id).await?;
    let mut v = Validator::new();
    let reason = v.text(
        "reason",
        body.into_inner()?.reason.as_deref().unwrap_or(""),
        200,
    );
    v.finish()?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let grants = user.grants();
    let answer = state
        .write(move |c| {
            membership_requests::reject(
                c,
                &actor,
                &scope,
                &id,
                &if_match,
                reason.as_deref(),
                &|p| grants.may(p),
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
