//! Member use cases: registering a member (staff, an approved join, an import, the demo), recorded
//! membership changes (`gonghui_domain::membership`) and a member's history.

use crate::db::models::audit_events::{self, Actor};
use crate::db::models::members::{self, MemberRow, MembershipChangeRow};
use crate::db::models::organisations::{self, Range};
use crate::db::DbConn;
use crate::domain::audit::{AuditAction, AuditResource};
use crate::domain::membership::{self, MemberEvent, MemberStatus, Membership};
use crate::domain::organisation::OrgKind;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::http::etag::IfMatch;
use crate::services::transition::{self, Stateful};
use crate::views::members::{audit_view, MembershipChange};

impl Stateful for MemberRow {
    type Life = Membership;
    const RESOURCE: &'static str = "member";
    const AUDIT: AuditResource = AuditResource::Member;
    const NOT_ACTIONABLE: ErrorCode = ErrorCode::MemberStatusNotAllowed;
    const NOT_YOURS: ErrorCode = ErrorCode::Forbidden;
    fn id(&self) -> &str {
        &self.id
    }
    fn version(&self) -> i32 {
        self.version
    }
    fn state(&self) -> MemberStatus {
        self.status
    }
    fn organisation_id(&self) -> Option<&str> {
        Some(&self.organisation_id)
    }
    fn audit_action(event: MemberEvent) -> AuditAction {
        match event {
            MemberEvent::TransferOut | MemberEvent::TransferIn => AuditAction::MemberTransfer,
            MemberEvent::Join => AuditAction::MemberCreate,
            _ => AuditAction::MemberChange,
        }
    }
    fn store(
        &self,
        c: &mut DbConn,
        to: MemberStatus,
        _by: &Actor,
        _note: Option<&str>,
    ) -> diesel::QueryResult<bool> {
        members::set_status(c, &self.id, to, self.version)
    }
}

/// A change the union records: what, effective when, and why.
pub struct RecordedChange {
    /// Suspend, retain, leave, death or restore.
    pub event: MemberEvent,
    /// The day it took effect (not before the member joined).
    pub effective_on: chrono::NaiveDate,
    /// Why.
    pub reason: Option<String>,
}

/// Records a change (suspend, retain, leave, death, restore) with its history row.
pub fn record_change(
    c: &mut DbConn,
    actor: &Actor,
    scope: &Range,
    id: &str,
    if_match: &IfMatch,
    change: RecordedChange,
) -> ApiResult<members::MemberWithOrg> {
    let RecordedChange {
        event: change,
        effective_on,
        reason,
    } = change;
    let (current, _) =
        members::find_in_scope(c, id, scope)?.ok_or_else(|| ApiError::not_found("member"))?;
    if_match.check("member", current.version)?;
    if current.joined_on.is_some_and(|j| effective_on < j) {
        return Err(ApiError::field(
            "effective_on",
            "out_of_range",
            "must not be before the member joined",
        ));
    }
    let step = transition::run(
        c,
        actor,
        &current,
        if_match,
        change,
        membership::record,
        None,
    )?;
    members::record_change(
        c,
        &MembershipChangeRow {
            id: crate::db::new_id(),
            member_id: current.id.clone(),
            change: change.as_str().to_owned(),
            effective_on,
            from_organisation_id: None,
            to_organisation_id: None,
            reason: reason.clone(),
            actor_id: actor.id.clone(),
            created_at: crate::db::now(),
        },
    )?;
    step.record(
        c,
        actor,
        serde_json::json!({ "change": change, "effective_on": effective_on, "reason": reason }),
    )?;
    members::find_in_scope(c, &current.id, scope)?.ok_or_else(|| ApiError::not_found("member"))
}

/// Registers a member in a union of the scope inside the caller's transaction: the union must be an
/// active grassroots or township union, the person new to the deployment. Writes the join to the
/// history and the audit log. Used by `create_member` and by approving a join request.
pub fn register(
    c: &mut crate::db::DbConn,
    org_id: &str,
    scope: &crate::db::models::organisations::Range,
    changes: crate::db::models::members::MemberChanges,
    actor: &crate::db::models::audit_events::Actor,
) -> ApiResult<(MemberRow, String)> {
    let org = organisations::find_in_scope(c, org_id, scope)?.ok_or_else(|| {
        ApiError::field(
            "organisation_id",
            "not_found",
            "no such organisation in your scope",
        )
    })?;
    let kind = OrgKind::parse(&org.kind).unwrap_or(OrgKind::NationalFederation);
    if !kind.holds_members() {
        return Err(ApiError::field(
            "organisation_id",
            "not_allowed",
            "members belong to a grassroots or township union",
        ));
    }
    if org.status != crate::domain::organisation::OrgStatus::Active {
        return Err(ApiError::field(
            "organisation_id",
            "not_allowed",
            "the union is archived",
        ));
    }
    let id_number = changes.id_number.clone().unwrap_or_default();
    if let Some((existing, path, org_name)) = members::find_by_id_number(c, &id_number)? {
        // Say where the person is only to a caller who may see that union.
        let detail = if path.starts_with(&scope.0) {
            format!(
                "this person is already a member of {org_name} (member {})",
                existing.id
            )
        } else {
            "this person is already a member of a union in another federation".to_owned()
        };
        return Err(ApiError::conflict(ErrorCode::MemberExists, detail));
    }
    let now = crate::db::now();
    let row = MemberRow {
        id: crate::db::new_id(),
        organisation_id: org.id.clone(),
        name: changes.name.clone().unwrap_or_default(),
        gender: changes.gender.clone().unwrap_or_default(),
        ethnicity: changes.ethnicity.clone().flatten(),
        birth_date: changes.birth_date.unwrap_or_default(),
        id_number_rev: changes.id_number_rev.clone().unwrap_or_default(),
        id_number,
        mobile: changes.mobile.clone().flatten(),
        education: changes.education.clone().flatten(),
        political_status: changes.political_status.clone().flatten(),
        hukou_type: changes.hukou_type.clone().flatten(),
        hukou_division: changes.hukou_division.clone().flatten(),
        employment_status: changes.employment_status.clone().flatten(),
        skill_level: changes.skill_level.clone().flatten(),
        migrant_worker: changes.migrant_worker.unwrap_or(false),
        new_form_employment: changes.new_form_employment.unwrap_or(false),
        new_form_kind: changes.new_form_kind.clone().flatten(),
        dispatched: changes.dispatched.unwrap_or(false),
        joined_on: changes.joined_on.flatten(),
        card_number: None,
        status: crate::domain::membership::MemberStatus::Active,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    members::insert(c, &row).map_err(|e| match e {
        // A concurrent registration of the same person won the race.
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => ApiError::conflict(
            ErrorCode::MemberExists,
            "this person was registered a moment ago",
        ),
        other => other.into(),
    })?;
    members::record_change(
        c,
        &MembershipChangeRow {
            id: crate::db::new_id(),
            member_id: row.id.clone(),
            change: "join".to_owned(),
            effective_on: row
                .joined_on
                .unwrap_or_else(|| crate::domain::local_date(now)),
            from_organisation_id: None,
            to_organisation_id: Some(org.id.clone()),
            reason: None,
            actor_id: actor.id.clone(),
            created_at: now,
        },
    )?;
    let diff = audit_events::diff(&serde_json::json!({}), &audit_view(&row));
    audit_events::record(
        c,
        actor,
        crate::domain::audit::AuditAction::MemberCreate,
        crate::domain::audit::AuditResource::Member,
        &row.id,
        Some(&org.id),
        diff,
    )?;
    Ok((row, org.name))
}

/// A member's history, oldest first, with the names of the unions involved.
pub fn load_history(
    c: &mut crate::db::DbConn,
    member_id: &str,
) -> ApiResult<Vec<MembershipChange>> {
    let rows = members::history(c, member_id)?;
    // Unions a member has left may lie outside the caller's scope now; their names are part of
    // the member's own history and are shown.
    let ids: Vec<String> = rows
        .iter()
        .flat_map(|r| [r.from_organisation_id.clone(), r.to_organisation_id.clone()])
        .flatten()
        .collect();
    let names = organisations::by_ids(c, &ids)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| MembershipChange::from_row(r, &names))
        .collect::<Vec<_>>())
}
