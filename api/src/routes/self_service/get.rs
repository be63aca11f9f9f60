//! `GET /me/member`.

use actix_web::http::header::ETAG;
use actix_web::{get, web, HttpResponse};

use super::own_member;
use crate::auth::AuthUser;
use crate::db::models::members;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::etag;
use crate::state::AppState;
use crate::views::members::Member;

/// Your own membership: the person, the union, the card number and the status (numbers masked, as
/// everywhere; the phone is no safer than the network it is on).
#[utoipa::path(
    tag = "self-service",
    responses(
        (status = 200, description = "Your membership", body = Member, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Your account is not linked to a member record yet", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me/member")]
pub async fn get_own_member(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let id = own_member(&user)?;
    let row = state
        .read(move |c| members::find_with_org(c, &id)?.ok_or_else(|| ApiError::not_found("member")))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(row.0.version)))
        .json(Member::from(row).offer(&|p| user.can(p))))
}
