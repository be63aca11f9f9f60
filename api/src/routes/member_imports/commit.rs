//! `POST /member-imports/{id}/commit`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{error, to_answer, ImportError, MemberImport, PendingRow};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::member_imports as imports;
use crate::db::models::members::{self, reversed, MemberRow, MembershipChangeRow};
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::http::body::Body;
use crate::state::AppState;
use crate::views::members::validate;

/// How to commit.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CommitMode {
    /// Every row, or nothing: refused while any row has an error.
    #[default]
    AllOrNothing,
    /// The valid rows; the others are reported and left out.
    ValidOnly,
}

/// The commit's choice.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitMemberImport {
    /// `all_or_nothing` (default) or `valid_only`.
    #[serde(default)]
    pub mode: CommitMode,
}

/// Registers the previewed rows in one transaction: all of them, or with `valid_only` the valid ones.
/// People registered elsewhere since the preview are refused (`all_or_nothing`) or left out and reported
/// (`valid_only`). The answer says how many went in.
#[utoipa::path(
    tag = "member-imports",
    request_body = CommitMemberImport,
    params(("id" = String, Path, description = "Import id")),
    responses(
        (status = 200, description = "Committed", body = MemberImport),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not register members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already committed (member_import_committed), all_or_nothing with rows in error (member_import_has_errors), or people registered since the preview (member_exists)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/member-imports/{id}/commit")]
pub async fn commit_member_import(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Body<CommitMemberImport>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    reach::member_import(&state, &user, &id).await?;
    let mode = body.into_inner()?.mode;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let (row, name) = state
        .write(move |c| {
            let (import, name) = imports::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("import"))?;
            if import.status != crate::domain::member_sheet::ImportStatus::Previewed.as_str() {
                return Err(ApiError::conflict(ErrorCode::MemberImportCommitted, "this import is already committed"));
            }
            let mut errors: Vec<ImportError> = serde_json::from_str(&import.errors).map_err(ApiError::internal)?;
            if mode == CommitMode::AllOrNothing && import.valid_rows < import.total_rows {
                return Err(ApiError::conflict(
                    ErrorCode::MemberImportHasErrors,
                    format!("{} of {} rows have errors: correct them and upload again, or commit the valid rows only", import.total_rows - import.valid_rows, import.total_rows),
                ));
            }
            let pending: Vec<PendingRow> = serde_json::from_str(&import.payload).map_err(ApiError::internal)?;
            let ids: Vec<String> = pending.iter().map(|p| p.member.id_number.clone()).collect();
            let taken: std::collections::HashSet<String> = members::existing_ids(c, &ids)?.into_iter().map(|(i, _, _)| i).collect();
            if !taken.is_empty() && mode == CommitMode::AllOrNothing {
                return Err(ApiError::conflict(
                    ErrorCode::MemberExists,
                    format!("{} people were registered elsewhere since the preview; upload again or commit the valid rows only", taken.len()),
                ));
            }
            let now = crate::db::now();
            let mut new_members = Vec::with_capacity(pending.len());
            let mut joins = Vec::with_capacity(pending.len());
            for p in pending {
                if taken.contains(&p.member.id_number) {
                    errors.push(error(p.row, "id_number", "member_exists", "registered elsewhere after the preview"));
                    continue;
                }
                // Checked at upload; checked again so that nothing unchecked is ever stored.
                let changes = validate(p.member.clone().into(), None)?;
                let id = crate::db::new_id();
                let joined = changes.joined_on.flatten();
                joins.push(MembershipChangeRow {
                    id: crate::db::new_id(),
                    member_id: id.clone(),
                    change: "join".to_owned(),
                    effective_on: joined.unwrap_or_else(|| crate::domain::local_date(now)),
                    from_organisation_id: None,
                    to_organisation_id: Some(import.organisation_id.clone()),
                    reason: Some("会员信息采集".to_owned()),
                    actor_id: actor.id.clone(),
                    created_at: now,
                });
                let id_number = changes.id_number.clone().unwrap_or_default();
                new_members.push(MemberRow {
                    id,
                    organisation_id: import.organisation_id.clone(),
                    name: changes.name.clone().unwrap_or_default(),
                    gender: changes.gender.clone().unwrap_or_default(),
                    ethnicity: changes.ethnicity.clone().flatten(),
                    birth_date: changes.birth_date.unwrap_or_default(),
                    id_number_rev: reversed(&id_number),
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
                    joined_on: joined,
                    card_number: None,
                    status: crate::domain::membership::MemberStatus::Active,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                });
            }
            members::insert_many(c, &new_members, &joins).map_err(|e| match e {
                diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                    ApiError::conflict(ErrorCode::MemberExists, "someone in the file was registered at this very moment; commit again")
                }
                other => other.into(),
            })?;
            errors.sort_by_key(|e| e.row);
            let inserted = new_members.len() as i32;
            if !imports::mark_committed(c, &import.id, inserted, &serde_json::to_string(&errors).map_err(ApiError::internal)?)? {
                return Err(ApiError::new(StatusCode::CONFLICT, ErrorCode::MemberImportCommitted, "this import was committed meanwhile"));
            }
            let summary = serde_json::json!({ "mode": mode, "inserted": inserted, "left_out": errors.len() });
            audit_events::record(c, &actor, crate::domain::audit::AuditAction::MemberImportCommit, crate::domain::audit::AuditResource::MemberImport, &import.id, Some(&import.organisation_id), summary)?;
            let committed = imports::find_in_scope(c, &import.id, &scope)?.ok_or_else(|| ApiError::not_found("import"))?;
            Ok((committed.0, name))
        })
        .await?;
    tracing::info!(import.id = %row.id, import.inserted = row.inserted.unwrap_or_default(), "member import committed");
    Ok(HttpResponse::Ok().json(to_answer(&row, name)))
}
