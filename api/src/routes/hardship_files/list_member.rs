//! `GET /members/{id}/hardship-files`.

use actix_web::{get, web, HttpResponse};

use super::{HardshipFile, HardshipFileList};
use crate::auth::{AuthUser, Permission};
use crate::db::models::{hardship_files, members};
use crate::domain::audit::{AuditAction, AuditResource};
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// A member's hardship files, newest first (the member page's hardship tab). The read is audited.
#[utoipa::path(
    tag = "hardship-files",
    params(("id" = String, Path, description = "Member id")),
    responses(
        (status = 200, description = "The member's files", body = HardshipFileList),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read hardship files", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/members/{id}/hardship-files")]
pub async fn list_member_hardship_files(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::HardshipRead)?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    // Read first; the audit entry is written afterwards in a short write of its own, so that a slow
    // read never holds SQLite's write lock (see `AppState::audit_read`).
    let (member, union, rows) = state
        .read(move |c| {
            let (member, union) = members::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("member"))?;
            let rows = hardship_files::for_member(c, &member.id)?;
            Ok::<_, ApiError>((member, union, rows))
        })
        .await?;
    let summary = serde_json::json!({ "files_shown": rows.len() });
    state
        .audit_read(
            actor,
            AuditAction::HardshipFileList,
            AuditResource::Member,
            member.id.clone(),
            Some(member.organisation_id.clone()),
            summary,
        )
        .await?;
    let items: Vec<HardshipFile> = rows
        .into_iter()
        .map(|r| {
            HardshipFile::new(
                r,
                member.name.clone(),
                member.organisation_id.clone(),
                union.clone(),
            )
            .offer(&user.id, &|p| user.can(p))
        })
        .collect();
    Ok(HttpResponse::Ok().json(HardshipFileList { items }))
}
