//! `GET /organisations/{id}/children`.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Organisation, OrganisationPage};
use crate::auth::{AuthUser, Permission};
use crate::db::models::organisations::{self as model, ListFilter};
use crate::domain::organisation::OrgStatus;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::pagination::{finish, PageParams};
use crate::state::AppState;

/// Filters of the children list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChildFilters {
    /// `active` (the default) or `archived`.
    pub status: Option<OrgStatus>,
}

/// Lists the direct children of an organisation, for a lazily loaded tree.
#[utoipa::path(
    tag = "organisations",
    params(("id" = String, Path, description = "Organisation id"), ChildFilters, PageParams),
    responses(
        (status = 200, description = "A page of children", body = OrganisationPage),
        (status = 400, description = "A malformed parameter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read organisations", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/organisations/{id}/children")]
pub async fn list_organisation_children(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    filters: web::Query<ChildFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::OrganisationsRead)?;
    let limit = page.limit()?;
    let after = page.after()?;
    let scope = user.scope();
    let id = id.into_inner();
    let status = filters.status.unwrap_or(OrgStatus::Active);
    let (rows, next_cursor) = state
        .read(move |c| {
            model::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("organisation"))?;
            let filter = ListFilter {
                parent_id: Some(id),
                status: Some(status.as_str().to_owned()),
                ..ListFilter::default()
            };
            let rows = model::list(c, &scope, &filter, after.as_deref(), limit)?;
            let (rows, next) = finish(rows, limit, |r| r.id.clone());
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            let kids = model::with_children(c, &ids)?;
            Ok((
                rows.into_iter()
                    .map(|r| (kids.contains(&r.id), r))
                    .collect::<Vec<_>>(),
                next,
            ))
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|(k, r)| Organisation::from_row(r, k, &user))
        .collect();
    Ok(HttpResponse::Ok().json(OrganisationPage { items, next_cursor }))
}
