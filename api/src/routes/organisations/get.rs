//! `GET /organisations/{id}`.

use actix_web::http::header::ETAG;
use actix_web::{get, web, HttpResponse};

use super::Organisation;
use crate::auth::{AuthUser, Permission};
use crate::db::models::organisations::{find_in_scope, with_children};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::etag;
use crate::state::AppState;

/// Reads one organisation in your scope.
#[utoipa::path(
    tag = "organisations",
    params(("id" = String, Path, description = "Organisation id")),
    responses(
        (status = 200, description = "The organisation", body = Organisation, headers(("ETag" = String, description = "Version to send back in If-Match"))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read organisations", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/organisations/{id}")]
pub async fn get_organisation(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::OrganisationsRead)?;
    let scope = user.scope();
    let id = id.into_inner();
    let (row, has_children) = state
        .read(move |c| {
            let row = find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("organisation"))?;
            let kids = with_children(c, std::slice::from_ref(&row.id))?;
            Ok((row, !kids.is_empty()))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(row.version)))
        .json(Organisation::from_row(row, has_children, &user)))
}
