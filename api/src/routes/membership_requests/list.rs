//! `GET /membership-requests`.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::MembershipRequestPage;
use crate::auth::{AuthUser, Permission};
use crate::db::models::membership_requests::{self as requests, ListFilter};
use crate::error::{ApiResult, Problem};
use crate::http::pagination::{finish, PageParams};
use crate::services::membership_requests::to_answers;
use crate::state::AppState;

/// Filters of the inbox.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestFilters {
    /// `join` or `transfer`.
    pub kind: Option<String>,
    /// `pending`, `released`, `approved` or `rejected`; several separated by commas (`pending,released`).
    pub status: Option<String>,
}

/// The approval inbox: join and transfer requests one of whose sides is in your scope, newest first.
#[utoipa::path(
    tag = "membership-requests",
    params(RequestFilters, PageParams),
    responses(
        (status = 200, description = "A page of requests", body = MembershipRequestPage),
        (status = 400, description = "A malformed parameter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read members", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/membership-requests")]
pub async fn list_membership_requests(
    state: web::Data<AppState>,
    user: AuthUser,
    filters: web::Query<RequestFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersRead)?;
    let limit = page.limit()?;
    let before = page.after()?;
    let f = filters.into_inner();
    let filter = ListFilter {
        kind: f.kind,
        status: f.status,
    };
    let scope = user.scope();
    let grants = user.grants();
    let (items, next_cursor) = state
        .read(move |c| {
            let rows = requests::list(c, &scope, &filter, before.as_deref(), limit)?;
            let (rows, next) = finish(rows, limit, |r| r.id.clone());
            let mut sided = Vec::with_capacity(rows.len());
            for r in rows {
                let (from, to) = requests::sides(c, &r, &scope)?;
                sided.push((r, from, to));
            }
            Ok((to_answers(c, sided, &|p| grants.may(p))?, next))
        })
        .await?;
    Ok(HttpResponse::Ok().json(MembershipRequestPage { items, next_cursor }))
}
