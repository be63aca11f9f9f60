//! `GET /accounts`.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Account, AccountPage};
use crate::auth::{AuthUser, Permission, Role};
use crate::db::models::accounts::{self, ListFilter};
use crate::error::{ApiResult, Problem};
use crate::http::pagination::{finish, PageParams};
use crate::state::AppState;

/// Filters of the account list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountFilters {
    /// Username or display name contains this text.
    pub q: Option<String>,
    /// Only this role.
    pub role: Option<Role>,
    /// Only accounts at this home organisation.
    pub organisation_id: Option<String>,
    /// Only disabled (true) or enabled (false) accounts.
    pub disabled: Option<bool>,
}

/// Lists accounts whose home organisation is in your scope.
#[utoipa::path(
    tag = "accounts",
    params(AccountFilters, PageParams),
    responses(
        (status = 200, description = "A page of accounts", body = AccountPage),
        (status = 400, description = "A malformed parameter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read accounts", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/accounts")]
pub async fn list_accounts(
    state: web::Data<AppState>,
    user: AuthUser,
    filters: web::Query<AccountFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::AccountsRead)?;
    let limit = page.limit()?;
    let after = page.after()?;
    let f = filters.into_inner();
    let filter = ListFilter {
        q: f.q.filter(|q| !q.trim().is_empty()),
        role: f.role.map(|r| r.as_str().to_owned()),
        organisation_id: f.organisation_id,
        disabled: f.disabled,
    };
    let scope = user.scope();
    let rows = state
        .read(move |c| Ok(accounts::list(c, &scope, &filter, after.as_deref(), limit)?))
        .await?;
    let (rows, next_cursor) = finish(rows, limit, |r| r.0.id.clone());
    Ok(HttpResponse::Ok().json(AccountPage {
        items: rows.into_iter().map(Account::from).collect(),
        next_cursor,
    }))
}
