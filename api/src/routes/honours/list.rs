//! `GET /honours`.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Honour, HonourPage};
use crate::auth::{AuthUser, Permission};
use crate::db::models::{member_honours, organisations};
use crate::domain::organisation::subtree_range;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::pagination::{finish, PageParams};
use crate::state::AppState;

/// Filters of the register.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HonourFilters {
    /// Members of this organisation and everything below it (default: your whole scope).
    pub organisation_id: Option<String>,
    /// Code list `honour-kinds`, e.g. `model_worker` for the model-worker register.
    pub kind: Option<String>,
    /// Code list `honour-levels`.
    pub level: Option<String>,
}

/// The honoured members of a subtree: the model-worker register (劳模名册) with `kind=model_worker`.
#[utoipa::path(
    tag = "honours",
    params(HonourFilters, PageParams),
    responses(
        (status = 200, description = "A page of honours with their members", body = HonourPage),
        (status = 400, description = "A malformed parameter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read members", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown kind or level", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/honours")]
pub async fn list_honours(
    state: web::Data<AppState>,
    user: AuthUser,
    filters: web::Query<HonourFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersRead)?;
    let limit = page.limit()?;
    let after = page.after()?;
    let f = filters.into_inner();
    let mut v = crate::error::Validator::new();
    for (field, list, value) in [
        ("kind", &crate::domain::code_lists::HONOUR_KINDS, &f.kind),
        ("level", &crate::domain::code_lists::HONOUR_LEVELS, &f.level),
    ] {
        if let Some(value) = value.as_deref() {
            v.code(field, list, value);
        }
    }
    v.finish()?;
    let scope = user.scope();
    let rows = state
        .read(move |c| {
            let range = match &f.organisation_id {
                Some(id) => organisations::find_in_scope(c, id, &scope)?
                    .map(|o| subtree_range(&o.path))
                    .unwrap_or_else(|| (String::new(), String::new())),
                None => scope,
            };
            Ok::<_, ApiError>(member_honours::in_subtree(
                c,
                &range,
                f.kind.as_deref(),
                f.level.as_deref(),
                after.as_deref(),
                limit,
            )?)
        })
        .await?;
    let (rows, next_cursor) = finish(rows, limit, |r| r.0.id.clone());
    let items = rows
        .into_iter()
        .map(|(h, name, _, union)| Honour::from_row(h, Some((name, union))))
        .collect();
    Ok(HttpResponse::Ok().json(HonourPage { items, next_cursor }))
}
