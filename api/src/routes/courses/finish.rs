//! `POST /courses/{id}/finish`.

use actix_web::http::header::ETAG;
use actix_web::{post, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use super::Course;
use crate::auth::{AuthUser, Permission};
use crate::error::{ApiResult, Problem};
use crate::http::etag::{etag, IfMatch};
use crate::services::courses;
use crate::state::AppState;
use crate::views::certificates::Certificate;

/// What finishing did.
#[derive(Debug, Serialize, ToSchema)]
pub struct FinishedCourse {
    /// The course, now finished.
    pub course: Course,
    /// Sessions held.
    pub sessions: i32,
    /// People enrolled at the end.
    pub enrolled: i32,
    /// Certificates issued to those who met the completion rule.
    pub certificates: Vec<Certificate>,
}

/// Finishes a running course: everyone enrolled who attended (present or late) at least
/// `completion_percent` of the sessions gets a certificate with a unique, checkable code.
#[utoipa::path(
    tag = "courses",
    params(("id" = String, Path, description = "Course id"), ("If-Match" = String, Header, description = "The course's ETag")),
    responses(
        (status = 200, description = "Finished, with the certificates issued", body = FinishedCourse, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not running (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/courses/{id}/finish")]
pub async fn finish_course(
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
    let done = state
        .write(move |c| courses::finish(c, &actor, &scope, &id, &if_match, &|p| grants.may(p)))
        .await?;
    let done = FinishedCourse {
        course: done.course,
        sessions: done.sessions as i32,
        enrolled: done.enrolled as i32,
        certificates: done.certificates,
    };
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(done.course.version)))
        .json(done))
}
