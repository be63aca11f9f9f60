//! What the membership requests endpoints send and receive (JSON shapes, their mapping from rows and the checks of
//! their fields). Shared by every handler that shows these things; see `routes/membership_requests/` for the endpoints.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::views::members::CreateMember;

/// Who the request is about (numbers masked).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RequestPerson {
    /// Name.
    pub name: String,
    /// Resident ID number, masked.
    pub id_number: String,
}

/// A join or transfer request.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipRequest {
    /// Id.
    pub id: String,
    /// Join or transfer.
    pub kind: crate::domain::membership_request::RequestKind,
    /// `pending` → (`released` for transfers) → `approved`, or `rejected`.
    pub status: crate::domain::membership_request::RequestStatus,
    /// The person.
    pub person: RequestPerson,
    /// The member being transferred.
    pub member_id: Option<String>,
    /// The union a transfer leaves.
    pub from_organisation_id: Option<String>,
    /// Its name.
    pub from_organisation_name: Option<String>,
    /// The union joined.
    pub to_organisation_id: String,
    /// Its name.
    pub to_organisation_name: String,
    /// Why it was asked.
    pub reason: Option<String>,
    /// Why it was rejected.
    pub decision_reason: Option<String>,
    /// Asked (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
    /// Released by the union left (UTC).
    #[schema(value_type = Option<String>, format = DateTime)]
    pub released_at: Option<String>,
    /// Approved or rejected (UTC).
    #[schema(value_type = Option<String>, format = DateTime)]
    pub decided_at: Option<String>,
    /// Whether you may release it now (transfers: the union it leaves).
    pub can_release: bool,
    /// Whether you may approve it now (the union it joins).
    pub can_approve: bool,
    /// Whether you may reject it now.
    pub can_reject: bool,
    /// What you may do to it now (`release`, `approve`, `reject`), for your scope and permissions.
    pub allowed_actions: Vec<crate::domain::membership_request::RequestEvent>,
    /// Row version; send it back as `If-Match`.
    pub version: i32,
}

/// A page of requests.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipRequestPage {
    /// Newest first.
    pub items: Vec<MembershipRequest>,
    /// Cursor of the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A decision's reason.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Why (required to reject, optional otherwise; at most 200 characters).
    pub reason: Option<String>,
}

/// A request to join a union.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateJoinRequest {
    /// The worker's details and the union to join (`organisation_id`), checked as for a new member.
    pub member: CreateMember,
    /// Why, or any note for the union (at most 200 characters).
    pub reason: Option<String>,
}
