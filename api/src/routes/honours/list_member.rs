//! `GET /members/{id}/honours`.

use actix_web::{get, web, HttpResponse};

use super::{Honour, HonourList};
use crate::auth::{AuthUser, Permission};
use crate::db::models::{member_honours, members};
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// A member's honours, newest first.
#[utoipa::path(
    tag = "honours",
    params(("id" = String, Path, description = "Member id")),
    responses(
        (status = 200, description = "The honours", body = HonourList),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/members/{id}/honours")]
pub async fn list_member_honours(
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
            Ok(member_honours::for_member(c, &id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(HonourList {
        items: rows
            .into_iter()
            .map(|r| Honour::from_row(r, None))
            .collect(),
    }))
}
