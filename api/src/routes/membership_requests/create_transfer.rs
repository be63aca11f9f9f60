//! `POST /membership-requests/transfer`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{already_open, to_answers, MembershipRequest};
use crate::auth::{AuthUser, Permission};
use crate::db::models::membership_requests::{self as requests, RequestRow};
use crate::db::models::{audit_events, members, organisations};
use crate::domain::organisation::OrgKind;
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::state::AppState;

/// A request to move a member to another union.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTransferRequest {
    /// The member, in your scope.
    pub member_id: String,
    /// The union to move to: any active grassroots or township union of the deployment, also in another
    /// federation (a migrant worker from 南江 moving to a union in 西安).
    pub to_organisation_id: String,
    /// Why (1-200 characters).
    pub reason: String,
}

/// Asks for a member's transfer (转会): the union left releases it, the union joined accepts it; the card
/// number stays. One open request per person.
#[utoipa::path(
    tag = "membership-requests",
    request_body = CreateTransferRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Requested", body = MembershipRequest),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not file requests", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The member is not active (member_status_not_allowed), or a request is already open (membership_request_open)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown member or union, same union, or missing reason", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/membership-requests/transfer")]
pub async fn create_transfer_request(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<CreateTransferRequest>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    let body = body.into_inner()?;
    let mut v = Validator::new();
    let reason = v.text("reason", &body.reason, 200);
    v.finish()?;
    let scope = user.scope();
    let actor = user.actor();
    let answer = state
        .write(move |c| {
            let (member, _) =
                members::find_in_scope(c, &body.member_id, &scope)?.ok_or_else(|| {
                    ApiError::field("member_id", "not_found", "no such member in your scope")
                })?;
            file_transfer(c, &actor, &scope, member, &body.to_organisation_id, reason)
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(answer))
}

/// Files a transfer request for a member to any active union of the deployment (staff for a member in
/// their scope, or the member through self-service).
pub fn file_transfer(
    c: &mut crate::db::DbConn,
    actor: &crate::db::models::audit_events::Actor,
    scope: &crate::db::models::organisations::Range,
    member: crate::db::models::members::MemberRow,
    to_organisation_id: &str,
    reason: Option<String>,
) -> ApiResult<MembershipRequest> {
    if member.status != "active" {
        return Err(super::member_not_active(&member.status));
    }
    // The target may lie outside the requester's scope: that is the point of a transfer.
    let to = organisations::find(c, to_organisation_id.trim())?.ok_or_else(|| {
        ApiError::field("to_organisation_id", "not_found", "no such organisation")
    })?;
    let kind = OrgKind::parse(&to.kind).unwrap_or(OrgKind::NationalFederation);
    if !kind.holds_members() || to.status != "active" {
        return Err(ApiError::field(
            "to_organisation_id",
            "not_allowed",
            "members transfer to an active grassroots or township union",
        ));
    }
    if to.id == member.organisation_id {
        return Err(ApiError::field(
            "to_organisation_id",
            "invalid_value",
            "the member already belongs to this union",
        ));
    }
    if requests::open_for(c, &member.id_number)? {
        return Err(already_open());
    }
    let person =
        serde_json::json!({ "name": member.name, "id_number": member.id_number }).to_string();
    let row = RequestRow::pending(
        "transfer",
        member.id_number.clone(),
        person,
        Some(member.id.clone()),
        Some(member.organisation_id.clone()),
        to.id.clone(),
        reason,
        actor.id.clone(),
    );
    requests::insert(c, &row).map_err(|e| match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => already_open(),
        other => other.into(),
    })?;
    let summary = serde_json::json!({ "kind": "transfer", "member_id": member.id, "from_organisation_id": member.organisation_id, "to_organisation_id": to.id });
    audit_events::record(
        c,
        actor,
        "membership_request.create",
        "membership_request",
        &row.id,
        Some(&member.organisation_id),
        summary,
    )?;
    let (from_side, to_side) = requests::sides(c, &row, scope)?;
    to_answers(c, vec![(row, from_side, to_side)])?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("request vanished"))
}
