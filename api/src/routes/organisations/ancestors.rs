//! `GET /organisations/{id}/ancestors`.

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use super::OrganisationSummary;
use crate::auth::{AuthUser, Permission};
use crate::db::models::organisations::{self as model, find_in_scope};
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// A breadcrumb.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationAncestors {
    /// From the top of your scope down to the organisation itself (last).
    pub items: Vec<OrganisationSummary>,
}

/// The breadcrumb of an organisation: its ancestors within your scope, top first, itself last.
#[utoipa::path(
    tag = "organisations",
    params(("id" = String, Path, description = "Organisation id")),
    responses(
        (status = 200, description = "The breadcrumb", body = OrganisationAncestors),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read organisations", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/organisations/{id}/ancestors")]
pub async fn list_organisation_ancestors(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::OrganisationsRead)?;
    let scope = user.scope();
    let home_path = user.org_path.clone();
    let id = id.into_inner();
    let rows = state
        .read(move |c| {
            let row = find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("organisation"))?;
            let mut rows = model::by_ids(c, &row.path_ids())?;
            // Ancestors above the caller's home are outside the scope and stay hidden.
            rows.retain(|r| r.path.starts_with(&home_path));
            rows.sort_by_key(|r| r.depth);
            Ok(rows)
        })
        .await?;
    Ok(HttpResponse::Ok().json(OrganisationAncestors {
        items: rows.into_iter().map(OrganisationSummary::from).collect(),
    }))
}
