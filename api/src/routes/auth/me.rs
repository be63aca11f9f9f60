//! `GET /me`.

use actix_web::{get, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Permission, Role};
use crate::error::{ApiResult, Problem};

/// The caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// Account id.
    pub id: String,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Home organisation: the top of everything you can see.
    pub organisation_id: String,
    /// Its name.
    pub organisation_name: String,
    /// What you may do.
    pub permissions: Vec<Permission>,
    /// For a `member` account: your member record (see `/me/member`); `null` until linked.
    pub member_id: Option<String>,
}

/// Who you are, where your scope starts and what you may do.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me")]
pub async fn get_me(user: AuthUser) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(Me {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role: user.role,
        organisation_id: user.organisation_id,
        organisation_name: user.organisation_name,
        permissions: user.permissions,
        member_id: user.member_id,
    }))
}
