//! `POST /courses/{id}/cancel`.

use actix_web::http::header::ETAG;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::Course;
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::error::{ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::http::etag::{etag, IfMatch};
use crate::services::courses;
use crate::state::AppState;

/// Why a course is cancelled.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelCourse {
    /// The reason everyone enrolled is told (1-200 characters).
    pub reason: String,
}

/// Cancels a course that has not finished: every enrolled and waitlisted person gets a notice, in the same
/// transaction.
#[utoipa::path(
    tag = "courses",
    request_body = CancelCourse,
    params(("id" = String, Path, description = "Course id"), ("If-Match" = String, Header, description = "The course's ETag")),
    responses(
        (status = 200, description = "Cancelled", body = Course, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Finished or cancelled already (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing reason", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/courses/{id}/cancel")]
pub async fn cancel_course(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Body<CancelCourse>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesWrite)?;
    reach::course(&state, &user, &id).await?;
    let mut v = Validator::new();
    let reason = v.text("reason", &body.into_inner()?.reason, 200);
    v.finish()?;
    let reason = reason.unwrap_or_default();
    let scope = user.scope();
    let actor = user.actor();
    let grants = user.grants();
    let id = id.into_inner();
    let course = state
        .write(move |c| {
            courses::cancel(
                c,
                &actor,
                &scope,
                &id,
                &if_match,
                &|p| grants.may(p),
                &reason,
            )
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(course.version)))
        .json(course))
}
