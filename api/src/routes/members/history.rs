//! `GET /members/{id}/history`.

use actix_web::{get, web, HttpResponse};

use crate::auth::{AuthUser, Permission};
use crate::db::models::members::{self};
use crate::error::{ApiError, ApiResult, Problem};
use crate::services::members::load_history;
use crate::state::AppState;
use crate::views::members::MembershipHistory;

/// The full membership history of a member in your scope, oldest first.
#[utoipa::path(
    tag = "members",
    params(("id" = String, Path, description = "Member id")),
    responses(
        (status = 200, description = "The history", body = MembershipHistory),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/members/{id}/history")]
pub async fn list_member_history(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersRead)?;
    let scope = user.scope();
    let id = id.into_inner();
    let rows = state
        .read(move |c| {
            members::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("member"))?;
            load_history(c, &id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(MembershipHistory { items: rows }))
}
