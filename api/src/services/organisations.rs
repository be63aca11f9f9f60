//! Organisation use cases that the API, the command line and the demo share: creating one under a parent
//! of the scope (placement rules from `gonghui_domain::organisation`).

use crate::db::models::audit_events::{self, diff, Actor};
use crate::db::models::organisations::{self, OrganisationChanges, OrganisationRow, Range};
use crate::db::DbConn;
use crate::domain::audit::{AuditAction, AuditResource};
use crate::domain::organisation::{OrgKind, OrgStatus};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::views::organisations::{apply, audit_view, check_placement};

/// Creates an organisation of `kind` under `parent_id` (in `scope`, active, a kind allowed to hold it)
/// with the checked `changes`, and its audit entry.
pub fn create(
    c: &mut DbConn,
    actor: &Actor,
    scope: &Range,
    parent_id: &str,
    kind: OrgKind,
    changes: OrganisationChanges,
) -> ApiResult<OrganisationRow> {
    let parent = organisations::find_in_scope(c, parent_id, scope)?.ok_or_else(|| {
        ApiError::field(
            "parent_id",
            "not_found",
            "no such organisation in your scope",
        )
    })?;
    if parent.status != OrgStatus::Active {
        return Err(ApiError::conflict(
            ErrorCode::OrganisationParentArchived,
            "the parent organisation is archived",
        ));
    }
    check_placement(kind, &parent)?;
    let mut row = OrganisationRow::new(Some(&parent), "", kind.as_str());
    apply(&mut row, changes);
    organisations::insert(c, &row)?;
    let changes = diff(&serde_json::json!({}), &audit_view(&row));
    audit_events::record(
        c,
        actor,
        AuditAction::OrganisationCreate,
        AuditResource::Organisation,
        &row.id,
        Some(&row.id),
        changes,
    )?;
    Ok(row)
}
