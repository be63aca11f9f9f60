//! `GET /accounts/{id}`.

use actix_web::http::header::ETAG;
use actix_web::{get, web, HttpResponse};

use super::Account;
use crate::auth::{AuthUser, Permission};
use crate::db::models::accounts;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::etag;
use crate::state::AppState;

/// Reads one account whose home organisation is in your scope.
#[utoipa::path(
    tag = "accounts",
    params(("id" = String, Path, description = "Account id")),
    responses(
        (status = 200, description = "The account", body = Account, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read accounts", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/accounts/{id}")]
pub async fn get_account(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::AccountsRead)?;
    let scope = user.scope();
    let id = id.into_inner();
    let row = state
        .read(move |c| {
            accounts::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("account"))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(row.0.version)))
        .json(Account::from(row)))
}
