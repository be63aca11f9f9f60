//! `POST /membership-requests/join`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{already_open, to_answers, MembershipRequest};
use crate::auth::{AuthUser, Permission};
use crate::db::models::membership_requests::{self as requests, RequestRow};
use crate::db::models::{audit_events, members, organisations};
use crate::domain::organisation::OrgKind;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem, Validator};
use crate::http::body::Body;
use crate::routes::members::{validate, CreateMember};
use crate::state::AppState;

/// A request to join a union.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateJoinRequest {
    /// The worker's details and the union to join (`organisation_id`), checked as for a new member.
    pub member: CreateMember,
    /// Why, or any note for the union (at most 200 characters).
    pub reason: Option<String>,
}

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
    let answer = state
        .write(move |c| file_join(c, &actor, &scope, member, changes, reason))
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(answer))
}

/// Files a join request for a person into a union in `scope` (staff for a worker, or the worker through
/// self-service).
pub fn file_join(
    c: &mut crate::db::DbConn,
    actor: &crate::db::models::audit_events::Actor,
    scope: &crate::db::models::organisations::Range,
    member: CreateMember,
    changes: crate::db::models::members::MemberChanges,
    reason: Option<String>,
) -> ApiResult<MembershipRequest> {
    let org =
        organisations::find_in_scope(c, &member.organisation_id, scope)?.ok_or_else(|| {
            ApiError::field(
                "member.organisation_id",
                "not_found",
                "no such organisation in your scope",
            )
        })?;
    let kind = OrgKind::parse(&org.kind).unwrap_or(OrgKind::NationalFederation);
    if !kind.holds_members() || org.status != "active" {
        return Err(ApiError::field(
            "member.organisation_id",
            "not_allowed",
            "members join an active grassroots or township union",
        ));
    }
    let id_number = changes.id_number.clone().unwrap_or_default();
    if members::find_by_id_number(c, &id_number)?.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::MemberExists,
            "this person is already a member",
        ));
    }
    if requests::open_for(c, &id_number)? {
        return Err(already_open());
    }
    let mut person = member.clone();
    person.id_number = id_number.clone();
    let person = serde_json::to_string(&person).map_err(ApiError::internal)?;
    let row = RequestRow::pending(
        "join",
        id_number,
        person,
        None,
        None,
        org.id.clone(),
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
    let summary =
        serde_json::json!({ "kind": "join", "to_organisation_id": org.id, "name": member.name });
    audit_events::record(
        c,
        actor,
        "membership_request.create",
        "membership_request",
        &row.id,
        Some(&org.id),
        summary,
    )?;
    to_answers(c, vec![(row, false, true)])?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("request vanished"))
}
