//! `POST /hardship-files/{id}/evidence`, `GET` and `DELETE /hardship-files/{id}/evidence/{evidence_id}`.
//!
//! The bytes are stored on disk at `<evidence dir>/<file id>/<evidence id>` (the directory is
//! `evidence_dir`, by default `<data_dir>/evidence`; replicas share it), the row in the database. A file is
//! written before its row and removed if the row cannot be written, so a row never points at nothing.

use std::path::PathBuf;

use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION};
use actix_web::http::StatusCode;
use actix_web::{delete, get, post, web, HttpResponse};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::IntoParams;

use super::HardshipEvidence;
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::hardship_files::{self, EvidenceRow};
use crate::domain::evidence;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::http::upload::{read_body, Binary};
use crate::services::hardship_files::not_actionable;
use crate::state::AppState;

/// The most attachments one file holds.
pub const MAX_EVIDENCE_PER_FILE: usize = 20;

/// The upload's name.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EvidenceParams {
    /// The file's name as the user knows it, e.g. `诊断证明.pdf` (at most 100 characters).
    pub file_name: Option<String>,
}

fn stored_at(dir: &std::path::Path, file_id: &str, evidence_id: &str) -> PathBuf {
    dir.join(file_id).join(evidence_id)
}

/// Attaches evidence (a PDF, JPEG or PNG sent as the raw request body) to an applied or approved file.
#[utoipa::path(
    tag = "hardship-files",
    params(("id" = String, Path, description = "Hardship file id"), EvidenceParams),
    request_body(content = inline(Binary), description = "The PDF, JPEG or PNG file", content_type = "application/octet-stream"),
    responses(
        (status = 201, description = "Attached", body = HardshipEvidence),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not change hardship files", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The file is closed, or already holds 20 attachments (hardship_file_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than the configured limit (10 MiB by default)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a whole PDF, JPEG or PNG (checked by structure: chunks and checksums, markers, trailer; HTML dressed as a PDF is refused)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An empty body", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/hardship-files/{id}/evidence")]
pub async fn upload_evidence(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    params: web::Query<EvidenceParams>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    user.require(Permission::HardshipWrite)?;
    let scope = user.scope();
    let id = id.into_inner();
    // The file must be in reach before anything about the upload is looked at (404 first); checked again
    // in the transaction. Nothing is read or written to disk before.
    {
        let scope = scope.clone();
        let id = id.clone();
        state
            .read(move |c| {
                let (file, ..) = hardship_files::find_in_scope(c, &id, &scope)?
                    .ok_or_else(|| ApiError::not_found("hardship file"))?;
                check_attachable(c, &file)
            })
            .await?;
    }
    let bytes = read_body(
        payload,
        state.settings.evidence_max_bytes,
        "PDF, JPEG or PNG file",
    )
    .await?;
    let kind = evidence::recognise(&bytes).map_err(|why| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            format!("evidence must be a whole PDF, JPEG or PNG file: {why}"),
        )
    })?;
    let (content_type, file_name) = (
        kind.content_type(),
        evidence::stored_name(params.file_name.as_deref(), kind),
    );
    let evidence_id = crate::db::new_id();
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let size = bytes.len() as i64;
    let path = stored_at(&state.settings.evidence_path(), &id, &evidence_id);
    {
        let path = path.clone();
        web::block(move || -> std::io::Result<()> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let part = path.with_extension("part");
            std::fs::write(&part, &bytes)?;
            std::fs::rename(&part, &path)
        })
        .await?
        .map_err(|e| ApiError::internal(format!("could not store the evidence: {e}")))?;
    }
    let actor = user.actor();
    let me = user.id.clone();
    let row = EvidenceRow {
        id: evidence_id,
        file_id: id.clone(),
        file_name,
        content_type: content_type.to_owned(),
        size_bytes: size,
        sha256,
        uploaded_by: me.clone(),
        created_at: crate::db::now(),
    };
    let written = {
        let row = row.clone();
        state
            .write(move |c| {
                let (file, _, union_id, _) =
                    hardship_files::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("hardship file"))?;
                check_attachable(c, &file)?;
                hardship_files::insert_evidence(c, &row)?;
                let summary = serde_json::json!({ "evidence_id": row.id, "file_name": row.file_name, "content_type": row.content_type, "size_bytes": row.size_bytes });
                audit_events::record(c, &actor, crate::domain::audit::AuditAction::HardshipFileEvidenceAdd, crate::domain::audit::AuditResource::HardshipFile, &file.id, Some(&union_id), summary)?;
                Ok(())
            })
            .await
    };
    if let Err(e) = written {
        let _ = web::block(move || std::fs::remove_file(path)).await;
        return Err(e);
    }
    Ok(HttpResponse::build(StatusCode::CREATED).json(HardshipEvidence::from(row)))
}

fn check_attachable(
    c: &mut crate::db::DbConn,
    file: &hardship_files::FileRow,
) -> Result<(), ApiError> {
    if !crate::domain::hardship::is_open(file.status) {
        return Err(not_actionable(format!(
            "a {} file takes no more evidence",
            file.status
        )));
    }
    if hardship_files::evidence(c, &file.id)?.len() >= MAX_EVIDENCE_PER_FILE {
        return Err(not_actionable(format!(
            "a file holds at most {MAX_EVIDENCE_PER_FILE} attachments; remove one first"
        )));
    }
    Ok(())
}

/// `attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded>` (RFC 6266), so Chinese names
/// survive in every browser.
pub fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// Downloads an evidence attachment. The download is audited.
#[utoipa::path(
    tag = "hardship-files",
    params(
        ("id" = String, Path, description = "Hardship file id"),
        ("evidence_id" = String, Path, description = "Evidence id"),
    ),
    responses(
        (status = 200, description = "The file, with its stored content type", body = inline(Binary), content_type = "application/octet-stream"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read hardship files", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file or attachment in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/hardship-files/{id}/evidence/{evidence_id}")]
pub async fn download_evidence(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::HardshipRead)?;
    let (id, evidence_id) = path.into_inner();
    let scope = user.scope();
    let actor = user.actor();
    let (row, union_id) = state
        .read(move |c| {
            let (file, _, union_id, _) = hardship_files::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("hardship file"))?;
            let row = hardship_files::find_evidence(c, &file.id, &evidence_id)?
                .ok_or_else(|| ApiError::not_found("evidence"))?;
            Ok((row, union_id))
        })
        .await?;
    let summary = serde_json::json!({ "evidence_id": row.id, "file_name": row.file_name });
    state
        .audit_read(
            actor,
            crate::domain::audit::AuditAction::HardshipFileEvidenceDownload,
            crate::domain::audit::AuditResource::HardshipFile,
            row.file_id.clone(),
            Some(union_id),
            summary,
        )
        .await?;
    let path = stored_at(&state.settings.evidence_path(), &row.file_id, &row.id);
    let bytes = web::block(move || std::fs::read(path))
        .await?
        .map_err(|e| {
            ApiError::internal(format!("evidence {} is missing from disk: {e}", row.id))
        })?;
    Ok(HttpResponse::Ok()
        .content_type(row.content_type.as_str())
        .insert_header((CONTENT_DISPOSITION, disposition(&row.file_name)))
        .insert_header((CACHE_CONTROL, "private, no-store"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes))
}

/// Removes an attachment uploaded by mistake from an applied or approved file.
#[utoipa::path(
    tag = "hardship-files",
    params(
        ("id" = String, Path, description = "Hardship file id"),
        ("evidence_id" = String, Path, description = "Evidence id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not change hardship files", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file or attachment in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The file is closed (hardship_file_not_actionable)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/hardship-files/{id}/evidence/{evidence_id}")]
pub async fn delete_evidence(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::HardshipWrite)?;
    let (id, evidence_id) = path.into_inner();
    let scope = user.scope();
    let actor = user.actor();
    let row = state
        .write(move |c| {
            let (file, _, union_id, _) =
                hardship_files::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("hardship file"))?;
            if !crate::domain::hardship::is_open(file.status) {
                return Err(not_actionable(format!("the evidence of a {} file is kept", file.status)));
            }
            let row = hardship_files::find_evidence(c, &file.id, &evidence_id)?.ok_or_else(|| ApiError::not_found("evidence"))?;
            if !hardship_files::delete_evidence(c, &row.id)? {
                return Err(ApiError::not_found("evidence"));
            }
            let summary = serde_json::json!({ "evidence_id": row.id, "file_name": row.file_name, "sha256": row.sha256 });
            audit_events::record(c, &actor, crate::domain::audit::AuditAction::HardshipFileEvidenceRemove, crate::domain::audit::AuditResource::HardshipFile, &file.id, Some(&union_id), summary)?;
            Ok(row)
        })
        .await?;
    let path = stored_at(&state.settings.evidence_path(), &row.file_id, &row.id);
    if let Err(e) = web::block(move || std::fs::remove_file(path)).await? {
        tracing::warn!(evidence_id = %row.id, error = %e, "evidence row removed but its file could not be deleted");
    }
    Ok(HttpResponse::NoContent().finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_encoded() {
        assert_eq!(
            disposition("证明 1.pdf"),
            "attachment; filename=\"__ 1.pdf\"; filename*=UTF-8''%E8%AF%81%E6%98%8E%201.pdf"
        );
    }
}
