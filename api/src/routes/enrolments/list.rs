//! `GET /courses/{id}/enrolments`.

use actix_web::{get, web, HttpResponse};

use super::{Enrolment, EnrolmentList};
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses;
use crate::domain::enrolment::EnrolmentFacts;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// A course's enrolments: enrolled in arrival order, the waitlist with positions, then those who left.
#[utoipa::path(
    tag = "enrolments",
    params(("id" = String, Path, description = "Course id")),
    responses(
        (status = 200, description = "The enrolments", body = EnrolmentList),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/courses/{id}/enrolments")]
pub async fn list_enrolments(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesRead)?;
    let scope = user.scope();
    let id = id.into_inner();
    let (rows, facts) = state
        .read(move |c| {
            let (course, ..) = courses::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("course"))?;
            let facts = EnrolmentFacts {
                course: course.status,
                started: crate::services::courses::started(c, &course.id)?,
            };
            Ok::<_, ApiError>((courses::enrolments(c, &id)?, facts))
        })
        .await?;
    let mut position = 0;
    let items = rows
        .into_iter()
        .map(|r| {
            if r.status == crate::domain::enrolment::EnrolmentStatus::Waitlisted {
                position += 1;
            }
            Enrolment::new(r, Some(position)).offer(facts, &|p| user.can(p))
        })
        .collect();
    Ok(HttpResponse::Ok().json(EnrolmentList { items }))
}
