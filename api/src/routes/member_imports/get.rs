//! `GET /member-imports/{id}`.

use actix_web::{get, web, HttpResponse};

use super::{to_answer, MemberImport};
use crate::auth::{AuthUser, Permission};
use crate::db::models::member_imports as imports;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// Reads an import (its preview, or what its commit registered).
#[utoipa::path(
    tag = "member-imports",
    params(("id" = String, Path, description = "Import id")),
    responses(
        (status = 200, description = "The import", body = MemberImport),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not register members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/member-imports/{id}")]
pub async fn get_member_import(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    let scope = user.scope();
    let id = id.into_inner();
    let (row, name) = state
        .read(move |c| {
            imports::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("import"))
        })
        .await?;
    Ok(HttpResponse::Ok().json(to_answer(&row, name)))
}
