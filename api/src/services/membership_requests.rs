//! Join and transfer requests: filing them (staff for a worker, or the worker through self-service), the
//! life-cycle steps (release, approve, reject; `gonghui_domain::membership_request`) and the answers with
//! each caller's `allowed_actions`.

use std::collections::HashMap;

use crate::auth::Permission;
use crate::db::models::audit_events::{self, Actor};
use crate::db::models::members::{self, MembershipChangeRow};
use crate::db::models::membership_requests::{self as requests, RequestRow};
use crate::db::models::organisations::{self, Range};
use crate::db::DbConn;
use crate::domain::audit::{AuditAction, AuditResource};
use crate::domain::mask;
use crate::domain::membership::MemberStatus;
use crate::domain::membership_request::{
    self as life, RequestEvent, RequestKind, RequestLife, RequestSides, RequestStatus,
};
use crate::domain::organisation::OrgKind;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::http::etag::IfMatch;
use crate::services::transition::{self, Stateful};
use crate::views::members::CreateMember;
use crate::views::membership_requests::{MembershipRequest, RequestPerson};
use crate::views::rfc3339;

/// A request as the caller sees it: the row and which of its unions the caller's scope covers.
pub struct Visible {
    /// The request.
    pub row: RequestRow,
    /// Which sides the caller stands on.
    pub sides: RequestSides,
}

impl Stateful for Visible {
    type Life = RequestLife;
    const RESOURCE: &'static str = "membership request";
    const AUDIT: AuditResource = AuditResource::MembershipRequest;
    const NOT_ACTIONABLE: ErrorCode = ErrorCode::MembershipRequestNotActionable;
    const NOT_YOURS: ErrorCode = ErrorCode::Forbidden;
    fn id(&self) -> &str {
        &self.row.id
    }
    fn version(&self) -> i32 {
        self.row.version
    }
    fn state(&self) -> RequestStatus {
        self.row.status
    }
    fn organisation_id(&self) -> Option<&str> {
        if self.sides.to {
            Some(&self.row.to_organisation_id)
        } else {
            self.row.from_organisation_id.as_deref()
        }
    }
    fn audit_action(event: RequestEvent) -> AuditAction {
        match event {
            RequestEvent::Release => AuditAction::MembershipRequestRelease,
            RequestEvent::Approve => AuditAction::MembershipRequestApprove,
            RequestEvent::Reject => AuditAction::MembershipRequestReject,
        }
    }
    fn store(
        &self,
        c: &mut DbConn,
        to: RequestStatus,
        by: &Actor,
        note: Option<&str>,
    ) -> diesel::QueryResult<bool> {
        requests::decide(c, &self.row, to, by.id.as_deref(), note)
    }
}

/// Loads a request the caller's scope reaches (either union), or 404.
pub fn find(c: &mut DbConn, id: &str, scope: &Range) -> ApiResult<Visible> {
    let (row, from, to) =
        requests::find_visible(c, id, scope)?.ok_or_else(|| ApiError::not_found("request"))?;
    let sides = RequestSides {
        kind: row.kind,
        from,
        to,
    };
    Ok(Visible { row, sides })
}

fn answer(
    c: &mut DbConn,
    v: Visible,
    may: &dyn Fn(Permission) -> bool,
) -> ApiResult<MembershipRequest> {
    let row = requests::find(c, &v.row.id)?.ok_or_else(|| ApiError::not_found("request"))?;
    to_answers(c, vec![(row, v.sides.from, v.sides.to)], may)?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("request vanished"))
}

/// The union a transfer leaves lets the member go.
pub fn release(
    c: &mut DbConn,
    actor: &Actor,
    scope: &Range,
    id: &str,
    if_match: &IfMatch,
    may: &dyn Fn(Permission) -> bool,
) -> ApiResult<MembershipRequest> {
    let v = find(c, id, scope)?;
    let sides = v.sides;
    transition::run(
        c,
        actor,
        &v,
        if_match,
        RequestEvent::Release,
        |s, e| life::apply(s, e, sides),
        None,
    )?
    .record(c, actor, serde_json::json!({}))?;
    answer(c, v, may)
}

/// Either union refuses the request, with a reason.
pub fn reject(
    c: &mut DbConn,
    actor: &Actor,
    scope: &Range,
    id: &str,
    if_match: &IfMatch,
    reason: Option<&str>,
    may: &dyn Fn(Permission) -> bool,
) -> ApiResult<MembershipRequest> {
    let v = find(c, id, scope)?;
    let sides = v.sides;
    transition::run(
        c,
        actor,
        &v,
        if_match,
        RequestEvent::Reject,
        |s, e| life::apply(s, e, sides),
        reason,
    )?
    .record(c, actor, serde_json::json!({ "reason": reason }))?;
    answer(c, v, may)
}

/// The union joined takes the person in: a join registers the member (and links the applicant's
/// self-service account); a released transfer moves the member, with history on both sides.
pub fn approve(
    c: &mut DbConn,
    actor: &Actor,
    scope: &Range,
    id: &str,
    if_match: &IfMatch,
    may: &dyn Fn(Permission) -> bool,
) -> ApiResult<MembershipRequest> {
    let v = find(c, id, scope)?;
    let sides = v.sides;
    let step = transition::run(
        c,
        actor,
        &v,
        if_match,
        RequestEvent::Approve,
        |s, e| life::apply(s, e, sides),
        None,
    )?;
    let row = &v.row;
    match row.kind {
        RequestKind::Join => {
            let person: CreateMember =
                serde_json::from_str(&row.person).map_err(ApiError::internal)?;
            let changes = crate::views::members::validate(person.into(), None)?;
            let (member, _) = crate::services::members::register(
                c,
                &row.to_organisation_id,
                scope,
                changes,
                actor,
            )?;
            // A worker who applied through self-service now serves their own membership.
            if let Some(applicant) = &row.requested_by {
                crate::db::models::accounts::link_if_unlinked(c, applicant, &member.id)?;
            }
        }
        RequestKind::Transfer => {
            let member_id = row
                .member_id
                .clone()
                .ok_or_else(|| ApiError::internal("transfer without member"))?;
            let member = members::find_any(c, &member_id)?
                .ok_or_else(|| ApiError::internal("member vanished"))?;
            if member.status != MemberStatus::Active {
                return Err(member_not_active(member.status));
            }
            if !members::move_to(c, &member.id, &row.to_organisation_id, member.version)? {
                return Err(ApiError::changed("member", None));
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
            audit_events::record(
                c,
                actor,
                AuditAction::MemberTransfer,
                AuditResource::Member,
                &member.id,
                Some(&row.to_organisation_id),
                changes,
            )?;
        }
    }
    step.record(c, actor, serde_json::json!({}))?;
    answer(c, v, may)
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
    may: &dyn Fn(Permission) -> bool,
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
    if !kind.holds_members() || org.status != crate::domain::organisation::OrgStatus::Active {
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
        RequestKind::Join,
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
        crate::domain::audit::AuditAction::MembershipRequestCreate,
        crate::domain::audit::AuditResource::MembershipRequest,
        &row.id,
        Some(&org.id),
        summary,
    )?;
    to_answers(c, vec![(row, false, true)], may)?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("request vanished"))
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
    may: &dyn Fn(Permission) -> bool,
) -> ApiResult<MembershipRequest> {
    if member.status != crate::domain::membership::MemberStatus::Active {
        return Err(member_not_active(member.status));
    }
    // The target may lie outside the requester's scope: that is the point of a transfer.
    let to = organisations::find(c, to_organisation_id.trim())?.ok_or_else(|| {
        ApiError::field("to_organisation_id", "not_found", "no such organisation")
    })?;
    let kind = OrgKind::parse(&to.kind).unwrap_or(OrgKind::NationalFederation);
    if !kind.holds_members() || to.status != crate::domain::organisation::OrgStatus::Active {
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
        RequestKind::Transfer,
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
        crate::domain::audit::AuditAction::MembershipRequestCreate,
        crate::domain::audit::AuditResource::MembershipRequest,
        &row.id,
        Some(&member.organisation_id),
        summary,
    )?;
    let (from_side, to_side) = requests::sides(c, &row, scope)?;
    to_answers(c, vec![(row, from_side, to_side)], may)?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("request vanished"))
}

/// Maps rows to answers for a caller who covers the given sides, with organisation names.
pub fn to_answers(
    c: &mut DbConn,
    rows: Vec<(RequestRow, bool, bool)>,
    may: &dyn Fn(Permission) -> bool,
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
            let sides = RequestSides {
                kind: r.kind,
                from,
                to,
            };
            let allowed = life::allowed_events(r.status, sides, may);
            Ok(MembershipRequest {
                can_release: allowed.contains(&RequestEvent::Release),
                can_approve: allowed.contains(&RequestEvent::Approve),
                can_reject: allowed.contains(&RequestEvent::Reject),
                allowed_actions: allowed,
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
pub fn member_not_active(status: crate::domain::membership::MemberStatus) -> ApiError {
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
