//! `POST /membership-requests/{id}/approve`.

use actix_web::{post, web, HttpResponse};

use super::{not_now, to_answers, MembershipRequest};
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::members::{self, MembershipChangeRow};
use crate::db::models::membership_requests as requests;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::IfMatch;
use crate::routes::members::{create::register, stale, validate, CreateMember};
use crate::state::AppState;

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
    let answer = state
        .write(move |c| {
            let (row, from, to) = requests::find_visible(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("request"))?;
            if_match.check(row.version)?;
            if !to {
                return Err(ApiError::forbidden("only the union the person joins may approve"));
            }
            match (row.kind.as_str(), row.status.as_str()) {
                ("join", "pending") => {
                    let person: CreateMember = serde_json::from_str(&row.person).map_err(ApiError::internal)?;
                    let changes = validate(person.into(), None)?;
                    let (member, _) = register(c, &row.to_organisation_id, &scope, changes, &actor)?;
                    // A worker who applied through self-service now serves their own membership.
                    if let Some(applicant) = &row.requested_by {
                        crate::db::models::accounts::link_if_unlinked(c, applicant, &member.id)?;
                    }
                }
                ("transfer", "released") => {
                    let member_id = row.member_id.clone().ok_or_else(|| ApiError::internal("transfer without member"))?;
                    let member = members::find_any(c, &member_id)?.ok_or_else(|| ApiError::internal("member vanished"))?;
                    if member.status != "active" {
                        return Err(super::member_not_active(&member.status));
                    }
                    if !members::move_to(c, &member.id, &row.to_organisation_id, member.version)? {
                        return Err(stale());
                    }
                    let now = crate::db::now();
                    for change in ["transfer_out", "transfer_in"] {
                        members::record_change(
                            c,
                            &MembershipChangeRow {
                                id: crate::db::new_id(),
                                member_id: member.id.clone(),
                                change: change.to_owned(),
                                effective_on: crate::domain::local_date(now),
                                from_organisation_id: Some(member.organisation_id.clone()),
                                to_organisation_id: Some(row.to_organisation_id.clone()),
                                reason: row.reason.clone(),
                                actor_id: actor.id.clone(),
                                created_at: now,
                            },
                        )?;
                    }
                    // The member's self-service account moves home with them.
                    crate::db::models::accounts::follow_member(c, &member.id, &row.to_organisation_id)?;
                    let changes = serde_json::json!({ "organisation_id": { "from": member.organisation_id, "to": row.to_organisation_id } });
                    audit_events::record(c, &actor, "member.transfer", "member", &member.id, Some(&row.to_organisation_id), changes)?;
                }
                (kind, status) => return Err(not_now(format!("a {kind} request that is {status} cannot be approved"))),
            }
            if !requests::decide(c, &row, "approved", actor.id.as_deref(), None)? {
                return Err(stale());
            }
            audit_events::record(c, &actor, "membership_request.approve", "membership_request", &row.id, Some(&row.to_organisation_id), serde_json::json!({}))?;
            let row = requests::find(c, &row.id)?.ok_or_else(|| ApiError::not_found("request"))?;
            to_answers(c, vec![(row, from, to)])
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer.into_iter().next()))
}
