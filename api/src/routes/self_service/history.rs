//! `GET /me/member/history`.

use actix_web::{get, web, HttpResponse};

use super::own_member;
use crate::auth::AuthUser;
use crate::error::{ApiResult, Problem};
use crate::services::members::load_history;
use crate::state::AppState;
use crate::views::members::MembershipHistory;

/// Your membership history (会籍变化), oldest first.
#[utoipa::path(
    tag = "self-service",
    responses(
        (status = 200, description = "Your history", body = MembershipHistory),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Your account is not linked to a member record yet", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me/member/history")]
pub async fn list_own_history(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<HttpResponse> {
    let id = own_member(&user)?;
    let items = state.read(move |c| load_history(c, &id)).await?;
    Ok(HttpResponse::Ok().json(MembershipHistory { items }))
}
