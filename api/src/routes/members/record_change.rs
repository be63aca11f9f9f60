//! `POST /members/{id}/changes`.

use actix_web::http::header::ETAG;
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{stale, Member};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::members::{self, MembershipChangeRow};
use crate::domain::membership;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem, Validator};
use crate::http::body::Body;
use crate::http::etag::{etag, IfMatch};
use crate::state::AppState;

/// A membership change to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordMembershipChange {
    /// `suspend` (停会), `retain` (保留会籍), `leave` (退会), `death` (去世) or `restore` (恢复会籍).
    pub change: String,
    /// When it took effect: not in the future, not before the member joined.
    pub effective_on: NaiveDate,
    /// Why (1-200 characters).
    pub reason: String,
}

/// Records a membership change: the member's status moves (active ⇄ suspended/retained, → left, →
/// deceased) and the change joins the history. Joining and transfers have their own processes.
#[utoipa::path(
    tag = "members",
    request_body = RecordMembershipChange,
    params(
        ("id" = String, Path, description = "Member id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request"),
    ),
    responses(
        (status = 200, description = "The member with the new status", body = Member, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not change members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The change is not possible from the member's status (member_status_not_allowed)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown change, missing reason, or a date out of range", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/members/{id}/changes")]
pub async fn record_membership_change(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Body<RecordMembershipChange>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    reach::member(&state, &user, &id).await?;
    let body = body.into_inner()?;
    let mut v = Validator::new();
    let change = body.change.trim().to_owned();
    if !["suspend", "retain", "leave", "death", "restore"].contains(&change.as_str()) {
        v.add("change", "invalid_value", "one of suspend, retain, leave, death, restore (joins and transfers have their own processes)");
    }
    let reason = v.text("reason", &body.reason, 200);
    if body.effective_on > crate::domain::today() {
        v.add("effective_on", "out_of_range", "must not be in the future");
    }
    v.finish()?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let row = state
        .write(move |c| {
            let (current, _) = members::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("member"))?;
            if_match.check(current.version)?;
            if current.joined_on.is_some_and(|j| body.effective_on < j) {
                return Err(ApiError::field(
                    "effective_on",
                    "out_of_range",
                    "must not be before the member joined",
                ));
            }
            let next = membership::apply(&current.status, &change).map_err(|why| {
                ApiError::new(StatusCode::CONFLICT, ErrorCode::MemberStatusNotAllowed, why)
            })?;
            if !members::set_status(c, &current.id, next, current.version)? {
                return Err(stale());
            }
            let now = crate::db::now();
            members::record_change(
                c,
                &MembershipChangeRow {
                    id: crate::db::new_id(),
                    member_id: current.id.clone(),
                    change: change.clone(),
                    effective_on: body.effective_on,
                    from_organisation_id: None,
                    to_organisation_id: None,
                    reason: reason.clone(),
                    actor_id: actor.id.clone(),
                    created_at: now,
                },
            )?;
            let changes = serde_json::json!({
                "status": { "from": current.status, "to": next },
                "change": change, "effective_on": body.effective_on, "reason": reason,
            });
            audit_events::record(
                c,
                &actor,
                "member.change",
                "member",
                &current.id,
                Some(&current.organisation_id),
                changes,
            )?;
            members::find_in_scope(c, &current.id, &scope)?
                .ok_or_else(|| ApiError::not_found("member"))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(row.0.version)))
        .json(Member::from(row)))
}
