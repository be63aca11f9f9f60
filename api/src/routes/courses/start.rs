//! `POST /courses/{id}/start`.

use actix_web::http::header::ETAG;
use actix_web::{post, web, HttpResponse};

use super::Course;
use crate::auth::{AuthUser, Permission};
use crate::error::{ApiResult, Problem};
use crate::http::etag::{etag, IfMatch};
use crate::services::courses;
use crate::state::AppState;

/// Marks an open or full course as running: enrolment ends and nobody withdraws any more.
#[utoipa::path(
    tag = "courses",
    params(("id" = String, Path, description = "Course id"), ("If-Match" = String, Header, description = "The course's ETag")),
    responses(
        (status = 200, description = "Running", body = Course, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not open or full (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/courses/{id}/start")]
pub async fn start_course(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesWrite)?;
    let scope = user.scope();
    let actor = user.actor();
    let grants = user.grants();
    let id = id.into_inner();
    let course = state
        .write(move |c| courses::start(c, &actor, &scope, &id, &if_match, &|p| grants.may(p)))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(course.version)))
        .json(course))
}
