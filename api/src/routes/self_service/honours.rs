//! `GET /me/member/honours`.

use actix_web::{get, web, HttpResponse};

use super::own_member;
use crate::auth::AuthUser;
use crate::db::models::member_honours;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;
use crate::views::honours::{Honour, HonourList};

/// Your honours, newest award first.
#[utoipa::path(
    tag = "self-service",
    responses(
        (status = 200, description = "Your honours", body = HonourList),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Your account is not linked to a member record yet", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me/member/honours")]
pub async fn list_own_honours(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<HttpResponse> {
    let id = own_member(&user)?;
    let rows = state
        .read(move |c| Ok::<_, ApiError>(member_honours::for_member(c, &id)?))
        .await?;
    let items = rows
        .into_iter()
        .map(|r| Honour::from_row(r, None))
        .collect();
    Ok(HttpResponse::Ok().json(HonourList { items }))
}
