//! `GET /courses/{id}/certificates`.

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use super::Certificate;
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// A course's certificates.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateList {
    /// In issue order.
    pub items: Vec<Certificate>,
}

/// The certificates issued for a course in your scope.
#[utoipa::path(
    tag = "certificates",
    params(("id" = String, Path, description = "Course id")),
    responses(
        (status = 200, description = "The certificates", body = CertificateList),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/courses/{id}/certificates")]
pub async fn list_certificates(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesRead)?;
    let scope = user.scope();
    let id = id.into_inner();
    let rows = state
        .read(move |c| {
            courses::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("course"))?;
            Ok::<_, ApiError>(courses::certificates(c, &id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(CertificateList {
        items: rows.into_iter().map(Into::into).collect(),
    }))
}
