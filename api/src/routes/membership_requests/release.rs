//! `POST /membership-requests/{id}/release`.

use actix_web::{post, web, HttpResponse};

use super::{not_now, to_answers, MembershipRequest};
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::membership_requests as requests;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::IfMatch;
use crate::state::AppState;

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
    let answer = state
        .write(move |c| {
            let (row, from, to) = requests::find_visible(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("request"))?;
            if_match.check(row.version)?;
            if !from {
                return Err(ApiError::forbidden(
                    "only the union the member leaves may release a transfer",
                ));
            }
            if row.kind != "transfer" || row.status != "pending" {
                return Err(not_now(format!(
                    "a {} request that is {} cannot be released",
                    row.kind, row.status
                )));
            }
            if !requests::decide(c, &row, "released", actor.id.as_deref(), None)? {
                return Err(crate::routes::members::stale());
            }
            let org = row.from_organisation_id.clone();
            audit_events::record(
                c,
                &actor,
                "membership_request.release",
                "membership_request",
                &row.id,
                org.as_deref(),
                serde_json::json!({}),
            )?;
            let row = requests::find(c, &row.id)?.ok_or_else(|| ApiError::not_found("request"))?;
            to_answers(c, vec![(row, from, to)])
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer.into_iter().next()))
}
