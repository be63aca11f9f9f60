//! `GET /courses/{id}`.

use actix_web::http::header::ETAG;
use actix_web::{get, web, HttpResponse};

use super::CourseDetail;
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses::{self};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::etag;
use crate::services::courses::detail;
use crate::state::AppState;

/// Reads a course in your scope with its sessions and waitlist length.
#[utoipa::path(
    tag = "courses",
    params(("id" = String, Path, description = "Course id")),
    responses(
        (status = 200, description = "The course", body = CourseDetail, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/courses/{id}")]
pub async fn get_course(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesRead)?;
    let scope = user.scope();
    let grants = user.grants();
    let id = id.into_inner();
    let detail = state
        .read(move |c| {
            let found = courses::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("course"))?;
            detail(c, found, &|p| grants.may(p))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(detail.course.version)))
        .json(detail))
}
