//! `GET /membership-requests/{id}`.

use actix_web::{get, web, HttpResponse};

use super::MembershipRequest;
use crate::auth::{AuthUser, Permission};
use crate::db::models::membership_requests as requests;
use crate::error::{ApiError, ApiResult, Problem};
use crate::services::membership_requests::to_answers;
use crate::state::AppState;

/// Reads a request one of whose sides is in your scope.
#[utoipa::path(
    tag = "membership-requests",
    params(("id" = String, Path, description = "Request id")),
    responses(
        (status = 200, description = "The request", body = MembershipRequest),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request with a side in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/membership-requests/{id}")]
pub async fn get_membership_request(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersRead)?;
    let scope = user.scope();
    let id = id.into_inner();
    let grants = user.grants();
    let answer = state
        .read(move |c| {
            let found = requests::find_visible(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("request"))?;
            to_answers(c, vec![found], &|p| grants.may(p))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer.into_iter().next()))
}
