//! `/api/v1/membership-requests`: joining a union and transferring between unions, each with its
//! approval steps. A request is seen only by those with scope over one of its sides.

pub mod approve;
pub mod create_join;
pub mod create_transfer;
pub mod get;
pub mod list;
pub mod reject;
pub mod release;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::models::membership_requests::RequestRow;
use crate::db::models::organisations;
use crate::db::DbConn;
use crate::domain::mask;
use crate::error::{ApiError, ApiResult};
use crate::routes::organisations::rfc3339;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_membership_requests)
        .service(create_join::create_join_request)
        .service(create_transfer::create_transfer_request)
        .service(get::get_membership_request)
        .service(release::release_membership_request)
        .service(approve::approve_membership_request)
        .service(reject::reject_membership_request);
}

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
    /// `join` or `transfer`.
    pub kind: String,
    /// `pending` → (`released` for transfers) → `approved`, or `rejected`.
    pub status: String,
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

/// Maps rows to answers for a caller who covers the given sides, with organisation names.
pub fn to_answers(
    c: &mut DbConn,
    rows: Vec<(RequestRow, bool, bool)>,
) -> ApiResult<Vec<MembershipRequest>> {
    let mut ids: Vec<String> = rows
        .iter()
        .map(|(r, _, _)| r.to_organisation_id.clone())
        .collect();
    ids.extend(
        rows.iter()
            .filter_map(|(r, _, _)| r.from_organisation_id.clone()),
    );
    let names: HashMap<String, String> = organisations::by_ids(c, &ids)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    rows.into_iter()
        .map(|(r, from, to)| {
            let person: RequestPerson =
                serde_json::from_str(&r.person).map_err(ApiError::internal)?;
            let open = r.status == "pending" || r.status == "released";
            Ok(MembershipRequest {
                can_release: r.kind == "transfer" && r.status == "pending" && from,
                can_approve: to
                    && ((r.kind == "join" && r.status == "pending")
                        || (r.kind == "transfer" && r.status == "released")),
                can_reject: open && (to || (r.kind == "transfer" && from)),
                person: RequestPerson {
                    name: person.name,
                    id_number: mask(&r.id_number, 4, 4),
                },
                from_organisation_name: r
                    .from_organisation_id
                    .as_ref()
                    .and_then(|f| names.get(f).cloned()),
                to_organisation_name: names
                    .get(&r.to_organisation_id)
                    .cloned()
                    .unwrap_or_default(),
                id: r.id,
                kind: r.kind,
                status: r.status,
                member_id: r.member_id,
                from_organisation_id: r.from_organisation_id,
                to_organisation_id: r.to_organisation_id,
                reason: r.reason,
                decision_reason: r.decision_reason,
                created_at: rfc3339(r.created_at),
                released_at: r.released_at.map(rfc3339),
                decided_at: r.decided_at.map(rfc3339),
                version: r.version,
            })
        })
        .collect()
}

/// The 409 for a step that is not possible in the request's state.
pub fn not_now(detail: impl Into<String>) -> ApiError {
    ApiError::conflict(
        crate::error::ErrorCode::MembershipRequestNotActionable,
        detail,
    )
}

/// The 409 when the member's status does not allow the step.
pub fn member_not_active(status: &str) -> ApiError {
    ApiError::conflict(
        crate::error::ErrorCode::MemberStatusNotAllowed,
        format!("only active members transfer; this one is '{status}'"),
    )
}

/// The 409 when the person already has an open request.
pub fn already_open() -> ApiError {
    ApiError::conflict(
        crate::error::ErrorCode::MembershipRequestOpen,
        "this person already has an open join or transfer request; decide that one first",
    )
}
