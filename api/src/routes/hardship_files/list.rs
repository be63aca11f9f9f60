//! `GET /hardship-files`.

use actix_web::{get, web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{HardshipFile, HardshipFilePage};
use crate::auth::{AuthUser, Permission};
use crate::db::models::hardship_files::{self, FileFilter};
use crate::db::models::organisations;
use crate::domain::audit::{AuditAction, AuditResource};
use crate::domain::code_lists;
use crate::domain::organisation::subtree_range;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::pagination::{finish, PageParams};
use crate::state::AppState;

/// Filters of the hardship register.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HardshipFilters {
    /// Files of members of this organisation and everything below it (default: your whole scope).
    pub organisation_id: Option<String>,
    /// Code list `hardship-statuses`.
    pub status: Option<String>,
    /// Code list `hardship-categories`.
    pub category: Option<String>,
    /// The member's name contains this.
    pub q: Option<String>,
    /// Approved files due for re-review on or before this date (复核到期).
    pub review_due_before: Option<NaiveDate>,
}

/// The hardship register of a subtree (困难职工档案台账), newest first. Each page read is audited.
#[utoipa::path(
    tag = "hardship-files",
    params(HardshipFilters, PageParams),
    responses(
        (status = 200, description = "A page of files", body = HardshipFilePage),
        (status = 400, description = "A malformed parameter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read hardship files", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown status or category", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/hardship-files")]
pub async fn list_hardship_files(
    state: web::Data<AppState>,
    user: AuthUser,
    filters: web::Query<HardshipFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::HardshipRead)?;
    let limit = page.limit()?;
    let after = page.after()?;
    let f = filters.into_inner();
    let mut v = crate::error::Validator::new();
    for (field, list, value) in [
        ("status", &code_lists::HARDSHIP_STATUSES, &f.status),
        ("category", &code_lists::HARDSHIP_CATEGORIES, &f.category),
    ] {
        if let Some(value) = value {
            v.code(field, list, value);
        }
    }
    v.finish()?;
    let filter = FileFilter {
        status: f.status.clone(),
        category: f.category.clone(),
        name: f.q.clone().filter(|q| !q.trim().is_empty()),
        review_due_before: f.review_due_before,
    };
    let scope = user.scope();
    let actor = user.actor();
    let home = user.organisation_id.clone();
    let shown_filter = serde_json::json!({
        "organisation_id": f.organisation_id, "status": f.status, "category": f.category,
        "q": f.q, "review_due_before": f.review_due_before,
    });
    // The read runs outside a write transaction; the audit entry follows in a short write of its own.
    let rows = state
        .read(move |c| {
            let range = match &f.organisation_id {
                Some(id) => organisations::find_in_scope(c, id, &scope)?
                    .map(|o| subtree_range(&o.path))
                    .unwrap_or_else(|| (String::new(), String::new())),
                None => scope,
            };
            Ok::<_, ApiError>(hardship_files::list(
                c,
                &range,
                &filter,
                after.as_deref(),
                limit,
            )?)
        })
        .await?;
    let mut summary = shown_filter;
    summary["files_shown"] = rows.len().min(limit as usize).into();
    state
        .audit_read(
            actor,
            AuditAction::HardshipFileList,
            AuditResource::HardshipFile,
            "*".to_owned(),
            Some(home),
            summary,
        )
        .await?;
    let (rows, next_cursor) = finish(rows, limit, |r| r.0.id.clone());
    let items = rows
        .into_iter()
        .map(|r| HardshipFile::from(r).offer(&user.id, &|p| user.can(p)))
        .collect();
    Ok(HttpResponse::Ok().json(HardshipFilePage { items, next_cursor }))
}
