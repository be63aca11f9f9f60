//! `POST /members/{id}/changes`.

use super::Member;
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::domain::membership::{self, MemberEvent};
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::http::etag::{etag, IfMatch};
use crate::services::members;
use crate::state::AppState;
use actix_web::http::header::ETAG;
use actix_web::{post, web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

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
    let change =
        MemberEvent::parse(body.change.trim()).filter(|c| membership::RECORDED.contains(c));
    if change.is_none() {
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
    let change = change.ok_or_else(|| ApiError::internal("checked above"))?;
    let row = state
        .write(move |c| {
            members::record_change(
                c,
                &actor,
                &scope,
                &id,
                &if_match,
                members::RecordedChange {
                    event: change,
                    effective_on: body.effective_on,
                    reason,
                },
            )
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(row.0.version)))
        .json(Member::from(row).offer(&|p| user.can(p))))
}
