//! `POST /course-requests/{id}/course`.

use actix_web::http::header::LOCATION;
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};

use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::body::Body;
use crate::services::courses::create_draft;
use crate::services::courses::not_actionable;
use crate::state::AppState;
use crate::views::courses::{Course, CreateCourse};

/// Turns an open request in your scope into a draft course ("学校下单"). When the course is published,
/// every supporter is told.
#[utoipa::path(
    tag = "course-requests",
    request_body = CreateCourse,
    params(("id" = String, Path, description = "Request id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "The draft course", body = Course),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Scheduled already (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid course fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/course-requests/{id}/course")]
pub async fn schedule_course_request(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Body<CreateCourse>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesWrite)?;
    reach::course_request(&state, &user, &id).await?;
    let body = body.into_inner()?;
    let grants = user.grants();
    let scope = user.scope();
    let actor = user.actor();
    let me = user.id.clone();
    let id = id.into_inner();
    let course = state
        .write(move |c| {
            let (req, path) = courses::find_request(c, &id)?
                .ok_or_else(|| ApiError::not_found("course request"))?;
            if !(path >= scope.0 && path < scope.1) {
                return Err(ApiError::not_found("course request"));
            }
            if req.status != crate::domain::course::CourseRequestStatus::Open.as_str() {
                return Err(not_actionable(
                    "a course was made from this request already",
                ));
            }
            let course = create_draft(c, &scope, &actor, &me, body, Some(req.id.clone()), &|p| {
                grants.may(p)
            })?;
            if !courses::schedule_request(c, &req.id, req.version, &course.id)? {
                return Err(ApiError::changed("course request", None));
            }
            Ok(course)
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED)
        .insert_header((LOCATION, format!("/api/v1/courses/{}", course.id)))
        .json(course))
}
