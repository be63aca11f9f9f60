//! `GET /organisations`.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Organisation, OrganisationPage};
use crate::auth::{AuthUser, Permission};
use crate::db::models::organisations::{self as model, ListFilter};
use crate::domain::organisation::{subtree_range, OrgKind, OrgStatus};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::pagination::{finish, PageParams};
use crate::state::AppState;

/// Filters of the organisation list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganisationFilters {
    /// Only the direct children of this organisation.
    pub parent_id: Option<String>,
    /// Only this organisation and everything below it.
    pub subtree_of: Option<String>,
    /// Only this kind.
    pub kind: Option<OrgKind>,
    /// Only this administrative division code.
    pub division_code: Option<String>,
    /// Name or short name contains this text (case-insensitive).
    pub q: Option<String>,
    /// `active` (the default) or `archived`.
    pub status: Option<OrgStatus>,
    /// Only unions that hold members (grassroots and township unions), for member pickers.
    pub holds_members: Option<bool>,
}

/// Lists organisations in your scope, filtered, in creation order, one page at a time.
#[utoipa::path(
    tag = "organisations",
    params(OrganisationFilters, PageParams),
    responses(
        (status = 200, description = "A page of organisations", body = OrganisationPage),
        (status = 400, description = "A malformed parameter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read organisations", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter out of range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/organisations")]
pub async fn list_organisations(
    state: web::Data<AppState>,
    user: AuthUser,
    filters: web::Query<OrganisationFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::OrganisationsRead)?;
    let limit = page.limit()?;
    let after = page.after()?;
    let f = filters.into_inner();
    let scope = user.scope();
    let (items, next_cursor) = state
        .read(move |c| {
            let subtree = match &f.subtree_of {
                // An unknown or out-of-scope subtree root selects nothing, like any other filter value.
                Some(id) => Some(
                    model::find_in_scope(c, id, &scope)?
                        .map(|r| subtree_range(&r.path))
                        .unwrap_or_else(|| (String::new(), String::new())),
                ),
                None => None,
            };
            let filter = ListFilter {
                parent_id: f.parent_id,
                subtree,
                kind: f.kind.map(|k| k.as_str().to_owned()),
                kinds: f.holds_members.filter(|h| *h).map(|_| {
                    OrgKind::ALL
                        .iter()
                        .filter(|k| k.holds_members())
                        .map(|k| k.as_str().to_owned())
                        .collect()
                }),
                division_code: f.division_code,
                q: f.q.filter(|q| !q.trim().is_empty()),
                status: Some(f.status.unwrap_or(OrgStatus::Active).as_str().to_owned()),
            };
            let rows = model::list(c, &scope, &filter, after.as_deref(), limit)?;
            let (rows, next) = finish(rows, limit, |r| r.id.clone());
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            let kids = model::with_children(c, &ids)?;
            Ok::<_, ApiError>((
                rows.into_iter()
                    .map(|r| (kids.contains(&r.id), r))
                    .collect::<Vec<_>>(),
                next,
            ))
        })
        .await?;
    let items = items
        .into_iter()
        .map(|(k, r)| Organisation::from_row(r, k, &user))
        .collect();
    Ok(HttpResponse::Ok().json(OrganisationPage { items, next_cursor }))
}
