//! `POST /courses`.

use actix_web::http::header::{ETAG, LOCATION};
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};

use super::{Course, CreateCourse};
use crate::auth::{AuthUser, Permission};
use crate::error::{ApiResult, Problem};
use crate::http::body::Body;
use crate::http::etag::etag;
use crate::services::courses::create_draft;
use crate::state::AppState;

/// Creates a course as a draft; add sessions, then publish it to open enrolment.
#[utoipa::path(
    tag = "courses",
    request_body = CreateCourse,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Created (draft)", body = Course, headers(("ETag" = String), ("Location" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/courses")]
pub async fn create_course(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<CreateCourse>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesWrite)?;
    let body = body.into_inner()?;
    let scope = user.scope();
    let actor = user.actor();
    let me = user.id.clone();
    let grants = user.grants();
    let course = state
        .write(move |c| create_draft(c, &scope, &actor, &me, body, None, &|p| grants.may(p)))
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED)
        .insert_header((ETAG, etag(course.version)))
        .insert_header((LOCATION, format!("/api/v1/courses/{}", course.id)))
        .json(course))
}
