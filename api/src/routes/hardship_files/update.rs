//! `PATCH /hardship-files/{id}`.

use actix_web::http::header::ETAG;
use actix_web::{patch, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{check_category, check_household, check_income, HardshipFile};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::hardship_files::{self, FileChanges};
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::http::etag::{etag, IfMatch};
use crate::services::hardship_files::not_actionable;
use crate::state::AppState;

/// Changed facts; absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateHardshipFile {
    /// Code list `hardship-categories`.
    pub category: Option<String>,
    /// People in the household, 1-30.
    pub household_size: Option<i32>,
    /// Monthly income per head, in fen.
    pub monthly_income_per_head_fen: Option<i64>,
    /// Why the household is in hardship (1-1000 characters).
    pub reason: Option<String>,
}

/// Updates the facts of an applied or approved file as the household's situation changes (动态管理).
#[utoipa::path(
    tag = "hardship-files",
    request_body = UpdateHardshipFile,
    params(
        ("id" = String, Path, description = "Hardship file id"),
        ("If-Match" = String, Header, description = "The file's ETag"),
    ),
    responses(
        (status = 200, description = "Updated", body = HardshipFile, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not change hardship files", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The file was rejected or lifted (hardship_file_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/hardship-files/{id}")]
pub async fn update_hardship_file(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Body<UpdateHardshipFile>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::HardshipWrite)?;
    reach::hardship_file(&state, &user, &id).await?;
    let body = body.into_inner()?;
    let mut v = Validator::new();
    if let Some(c) = &body.category {
        check_category(&mut v, c);
    }
    if let Some(n) = body.household_size {
        check_household(&mut v, n);
    }
    if let Some(f) = body.monthly_income_per_head_fen {
        check_income(&mut v, f);
    }
    let reason = body.reason.as_deref().map(|r| v.text("reason", r, 1000));
    v.finish()?;
    let changes = FileChanges {
        category: body.category.map(|c| c.trim().to_owned()),
        household_size: body.household_size,
        monthly_income_per_head_fen: body.monthly_income_per_head_fen,
        reason: reason.flatten(),
    };
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let answer = state
        .write(move |c| {
            let (file, name, union_id, union) = hardship_files::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("hardship file"))?;
            if_match.check("hardship file", file.version)?;
            if !crate::domain::hardship::is_open(file.status) {
                return Err(not_actionable(format!(
                    "a {} file is closed; register a new one",
                    file.status
                )));
            }
            let now = crate::db::now();
            if !hardship_files::update(c, &file.id, file.version, &changes, now)? {
                return Err(ApiError::changed("hardship file", None));
            }
            let mut changed = serde_json::Map::new();
            if let Some(cat) = &changes.category {
                changed.insert("category".into(), serde_json::json!([file.category, cat]));
            }
            if let Some(n) = changes.household_size {
                changed.insert(
                    "household_size".into(),
                    serde_json::json!([file.household_size, n]),
                );
            }
            if changes.monthly_income_per_head_fen.is_some() {
                changed.insert(
                    "monthly_income_per_head_fen".into(),
                    serde_json::json!("changed"),
                );
            }
            if changes.reason.is_some() {
                changed.insert("reason".into(), serde_json::json!("changed"));
            }
            audit_events::record(
                c,
                &actor,
                crate::domain::audit::AuditAction::HardshipFileUpdate,
                crate::domain::audit::AuditResource::HardshipFile,
                &file.id,
                Some(&union_id),
                serde_json::Value::Object(changed),
            )?;
            let row = hardship_files::find_in_scope(c, &file.id, &scope)?
                .map(|f| f.0)
                .ok_or_else(|| ApiError::not_found("hardship file"))?;
            Ok(HardshipFile::new(row, name, union_id, union))
        })
        .await?;
    let answer = answer.offer(&user.id, &|p| user.can(p));
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(answer.version)))
        .json(answer))
}
