//! `GET /courses/{id}`.

use actix_web::http::header::ETAG;
use actix_web::{get, web, HttpResponse};

use super::{Course, CourseDetail};
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses::{self, CourseWithOrg};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::etag;
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
    let id = id.into_inner();
    let detail = state
        .read(move |c| {
            let found = courses::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("course"))?;
            detail(c, found)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(detail.course.version)))
        .json(detail))
}

/// A found course with its sessions.
pub fn detail(c: &mut DbConn, found: CourseWithOrg) -> ApiResult<CourseDetail> {
    let sessions = courses::sessions(c, &found.0.id)?;
    let waitlisted = courses::enrolments(c, &found.0.id)?
        .iter()
        .filter(|e| e.status == "waitlisted")
        .count() as i32;
    let partner_organisation_name = match &found.0.partner_organisation_id {
        Some(p) => crate::db::models::organisations::find(c, p)?.map(|o| o.name),
        None => None,
    };
    Ok(CourseDetail {
        partner_organisation_name,
        course: Course::from(found),
        sessions: sessions.into_iter().map(Into::into).collect(),
        waitlisted_count: waitlisted,
    })
}
