//! `POST /course-requests/{id}/support`.

use actix_web::{post, web, HttpResponse};

use super::{federation_of, CourseRequest};
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::state::AppState;

/// Adds your support to a request you can see (once).
#[utoipa::path(
    tag = "course-requests",
    params(("id" = String, Path, description = "Request id")),
    responses(
        (status = 200, description = "Supported", body = CourseRequest),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not support requests", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request for you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "You support it already (course_request_supported)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/course-requests/{id}/support")]
pub async fn support_course_request(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    if !user.can(Permission::CoursesRead) {
        user.require(Permission::SelfService)?;
    }
    let scope = user.scope();
    let (home, me) = (user.organisation_id.clone(), user.id.clone());
    let id = id.into_inner();
    let row = state
        .write(move |c| {
            let (req, path) = courses::find_request(c, &id)?
                .ok_or_else(|| ApiError::not_found("course request"))?;
            let visible = (path >= scope.0 && path < scope.1)
                || federation_of(c, &home)? == req.organisation_id;
            if !visible {
                return Err(ApiError::not_found("course request"));
            }
            if !courses::support(c, &req.id, &me)? {
                return Err(ApiError::conflict(
                    ErrorCode::CourseRequestSupported,
                    "you support this request already",
                ));
            }
            courses::find_request(c, &req.id)?
                .map(|r| r.0)
                .ok_or_else(|| ApiError::not_found("course request"))
        })
        .await?;
    Ok(HttpResponse::Ok().json(CourseRequest::new(row, true)))
}
