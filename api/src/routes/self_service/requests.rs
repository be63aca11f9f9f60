//! `GET /me/membership-requests`.

use actix_web::{get, web, HttpResponse};

use super::OwnRequests;
use crate::auth::{AuthUser, Permission};
use crate::db::models::membership_requests as requests;
use crate::error::{ApiResult, Problem};
use crate::services::membership_requests::to_answers;
use crate::state::AppState;

/// Your join and transfer requests (those you filed and those about your membership), newest first, with
/// their state. You take no step on them; the unions do.
#[utoipa::path(
    tag = "self-service",
    responses(
        (status = 200, description = "Your requests", body = OwnRequests),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me/membership-requests")]
pub async fn list_own_requests(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<HttpResponse> {
    user.require(Permission::SelfService)?;
    let (account, member) = (user.id.clone(), user.member_id.clone());
    let items = state
        .read(move |c| {
            let rows = requests::for_account(c, &account, member.as_deref())?;
            // The worker is neither side: no release, approve or reject offered.
            to_answers(
                c,
                rows.into_iter().map(|r| (r, false, false)).collect(),
                &|_| false,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(OwnRequests { items }))
}
