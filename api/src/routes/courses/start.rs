//! `POST /courses/{id}/start`.

use actix_web::http::header::ETAG;
use actix_web::{post, web, HttpResponse};

use super::{not_actionable, stale, Course};
use crate::auth::{AuthUser, Permission};
use crate::db::models::{audit_events, courses};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::{etag, IfMatch};
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
    let id = id.into_inner();
    let course = state
        .write(move |c| {
            let (cur, ..) = courses::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("course"))?;
            if_match.check(cur.version)?;
            if !matches!(cur.status.as_str(), "open" | "full") {
                return Err(not_actionable(format!(
                    "only an open or full course starts; this one is {}",
                    cur.status
                )));
            }
            if !courses::set_status(c, &cur.id, cur.version, "running", None)? {
                return Err(stale());
            }
            audit_events::record(
                c,
                &actor,
                "course.start",
                "course",
                &cur.id,
                Some(&cur.organisation_id),
                serde_json::json!({ "enrolled": cur.enrolled_count }),
            )?;
            Ok(Course::from(
                courses::find_in_scope(c, &cur.id, &scope)?
                    .ok_or_else(|| ApiError::not_found("course"))?,
            ))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(course.version)))
        .json(course))
}
