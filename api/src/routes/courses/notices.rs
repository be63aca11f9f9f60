//! `GET /courses/{id}/notices`.

use actix_web::{get, web, HttpResponse};

use super::NoticeList;
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// The notices recorded about a course (cancellation, waitlist moves), oldest first: what was sent to whom.
#[utoipa::path(
    tag = "courses",
    params(("id" = String, Path, description = "Course id")),
    responses(
        (status = 200, description = "The notices", body = NoticeList),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/courses/{id}/notices")]
pub async fn list_course_notices(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesRead)?;
    let scope = user.scope();
    let id = id.into_inner();
    let rows = state
        .read(move |c| {
            courses::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("course"))?;
            Ok::<_, ApiError>(courses::course_notices(c, &id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(NoticeList {
        items: rows.into_iter().map(Into::into).collect(),
    }))
}
