//! Self-service (mobile clients): a worker with a `member` account reads their own membership, card,
//! history and honours, applies to join or transfer, and updates their contact details; nothing else.
//! The account is linked to its member record by staff (`member_id` on the account) or by the approval of
//! the worker's own join request.

pub mod courses;
pub mod get;
pub mod history;
pub mod honours;
pub mod join;
pub mod requests;
pub mod transfer;
pub mod update;

use actix_web::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Permission};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::views::membership_requests::MembershipRequest;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(get::get_own_member)
        .service(update::update_own_contact)
        .service(history::list_own_history)
        .service(honours::list_own_honours)
        .service(requests::list_own_requests)
        .service(join::create_own_join_request)
        .service(transfer::create_own_transfer_request)
        .service(courses::list_own_courses)
        .service(courses::get_own_course)
        .service(courses::list_own_enrolments)
        .service(courses::list_own_notices);
}

/// The caller's own member id: 404 when the account serves no member record yet.
pub fn own_member(user: &AuthUser) -> ApiResult<String> {
    user.require(Permission::SelfService)?;
    user.member_id.clone().ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::MemberNotLinked,
            "your account is not linked to a member record yet: apply to join a union, or ask your union to link it",
        )
    })
}

/// The caller's own requests.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwnRequests {
    /// Newest first (at most 100).
    pub items: Vec<MembershipRequest>,
}

/// The worker takes no step on their own request: the unions release, approve or reject it.
pub fn as_applicant(mut r: MembershipRequest) -> MembershipRequest {
    r.can_release = false;
    r.can_approve = false;
    r.can_reject = false;
    r
}
