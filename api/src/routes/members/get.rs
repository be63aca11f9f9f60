//! `GET /members/{id}`.

use actix_web::http::header::ETAG;
use actix_web::{get, web, HttpResponse};

use super::Member;
use crate::auth::{AuthUser, Permission};
use crate::db::models::members;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::etag;
use crate::state::AppState;

/// Reads one member in your scope, personal numbers masked.
#[utoipa::path(
    tag = "members",
    params(("id" = String, Path, description = "Member id")),
    responses(
        (status = 200, description = "The member", body = Member, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/members/{id}")]
pub async fn get_member(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersRead)?;
    let scope = user.scope();
    let id = id.into_inner();
    let row = state
        .read(move |c| {
            members::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("member"))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(row.0.version)))
        .json(Member::from(row).offer(&|p| user.can(p))))
}
