//! `GET /hardship-files/{id}`.

use actix_web::http::header::{CACHE_CONTROL, ETAG};
use actix_web::{get, web, HttpResponse};

use super::{HardshipFile, HardshipFileDetail};
use crate::auth::{AuthUser, Permission};
use crate::db::models::hardship_files;
use crate::domain::audit::{AuditAction, AuditResource};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::etag;
use crate::state::AppState;

/// Reads one file with its decisions, evidence and assistance. The read is audited.
#[utoipa::path(
    tag = "hardship-files",
    params(("id" = String, Path, description = "Hardship file id")),
    responses(
        (status = 200, description = "The file", body = HardshipFileDetail, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read hardship files", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/hardship-files/{id}")]
pub async fn get_hardship_file(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::HardshipRead)?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    // The read runs outside a write transaction; the audit entry follows in a short write of its own.
    let detail = state
        .read(move |c| {
            let found = hardship_files::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("hardship file"))?;
            load_detail(c, found)
        })
        .await?;
    state
        .audit_read(
            actor,
            AuditAction::HardshipFileRead,
            AuditResource::HardshipFile,
            detail.file.id.clone(),
            Some(detail.file.organisation_id.clone()),
            serde_json::json!({}),
        )
        .await?;
    let mut detail = detail;
    detail.file = detail.file.offer(&user.id, &|p| user.can(p));
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(detail.file.version)))
        .insert_header((CACHE_CONTROL, "private, no-store"))
        .json(detail))
}

/// The detail of a found file.
pub fn load_detail(
    c: &mut crate::db::DbConn,
    found: crate::db::models::hardship_files::FileWithMember,
) -> Result<HardshipFileDetail, ApiError> {
    let file_id = found.0.id.clone();
    let reviews = hardship_files::reviews(c, &file_id)?;
    let evidence = hardship_files::evidence(c, &file_id)?;
    let assistance = hardship_files::assistance(c, &file_id)?;
    let assistance_total_fen = assistance.iter().map(|a| a.amount_fen).sum();
    let mut ids: Vec<String> = vec![found.0.created_by.clone()];
    ids.extend(found.0.reviewed_by.clone());
    ids.extend(evidence.iter().map(|e| e.uploaded_by.clone()));
    ids.extend(assistance.iter().map(|a| a.recorded_by.clone()));
    let people = crate::db::models::accounts::display_names(c, &ids)?;
    Ok(HardshipFileDetail {
        file: HardshipFile::from(found),
        reviews: reviews.into_iter().map(Into::into).collect(),
        evidence: evidence.into_iter().map(Into::into).collect(),
        assistance: assistance.into_iter().map(Into::into).collect(),
        assistance_total_fen,
        people,
    })
}
