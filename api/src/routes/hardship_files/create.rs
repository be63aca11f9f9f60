//! `POST /members/{id}/hardship-files`.

use actix_web::http::header::{ETAG, LOCATION};
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};

use super::{check_category, check_household, check_income, CreateHardshipFile, HardshipFile};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::hardship_files::{self, FileRow};
use crate::db::models::{audit_events, members};
use crate::error::{ApiError, ApiResult, ErrorCode, Problem, Validator};
use crate::http::body::Body;
use crate::http::etag::etag;
use crate::state::AppState;

/// Registers a hardship file for a member in your scope (status `applied`); someone with
/// `hardship:review` other than you decides it. One open (applied or approved) file per member.
#[utoipa::path(
    tag = "hardship-files",
    request_body = CreateHardshipFile,
    params(
        ("id" = String, Path, description = "Member id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request"),
    ),
    responses(
        (status = 201, description = "Registered", body = HardshipFile, headers(("ETag" = String), ("Location" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not register hardship files", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An open file exists (hardship_file_open), or the member is not active or retained (member_status_not_allowed)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/members/{id}/hardship-files")]
pub async fn create_hardship_file(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Body<CreateHardshipFile>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::HardshipWrite)?;
    reach::member(&state, &user, &id).await?;
    let body = body.into_inner()?;
    let mut v = Validator::new();
    check_category(&mut v, &body.category);
    check_household(&mut v, body.household_size);
    check_income(&mut v, body.monthly_income_per_head_fen);
    let reason = v.text("reason", &body.reason, 1000);
    v.finish()?;
    let scope = user.scope();
    let actor = user.actor();
    let me = user.id.clone();
    let id = id.into_inner();
    let answer = state
        .write(move |c| {
            let (member, union) = members::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("member"))?;
            if !crate::domain::membership::may_hold_hardship_file(member.status) {
                return Err(ApiError::conflict(
                    ErrorCode::MemberStatusNotAllowed,
                    format!("hardship files are kept for active and retained members; this member is {}", member.status),
                ));
            }
            if hardship_files::open_for(c, &member.id)? {
                return Err(open_exists());
            }
            let now = crate::db::now();
            let row = FileRow {
                id: crate::db::new_id(),
                member_id: member.id.clone(),
                category: body.category.trim().to_owned(),
                household_size: body.household_size,
                monthly_income_per_head_fen: body.monthly_income_per_head_fen,
                reason: reason.unwrap_or_default(),
                status: crate::domain::hardship::HardshipStatus::Applied,
                applied_on: crate::domain::today(),
                reviewed_by: None,
                reviewed_on: None,
                review_note: None,
                review_due_on: None,
                created_by: me.clone(),
                version: 1,
                created_at: now,
                updated_at: now,
            };
            hardship_files::insert(c, &row).map_err(|e| match e {
                diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => open_exists(),
                other => other.into(),
            })?;
            // The audit row names the category only: the reason and income stay in the file.
            let summary = serde_json::json!({ "file_id": row.id, "category": row.category, "household_size": row.household_size });
            audit_events::record(c, &actor, crate::domain::audit::AuditAction::HardshipFileCreate, crate::domain::audit::AuditResource::HardshipFile, &row.id, Some(&member.organisation_id), summary)?;
            Ok(HardshipFile::new(row, member.name, member.organisation_id, union))
        })
        .await?;
    let answer = answer.offer(&user.id, &|p| user.can(p));
    Ok(HttpResponse::build(StatusCode::CREATED)
        .insert_header((ETAG, etag(answer.version)))
        .insert_header((LOCATION, format!("/api/v1/hardship-files/{}", answer.id)))
        .json(answer))
}

fn open_exists() -> ApiError {
    ApiError::conflict(
        ErrorCode::HardshipFileOpen,
        "this member already has an applied or approved hardship file; update that one",
    )
}
