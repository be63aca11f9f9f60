//! `POST /courses/{id}/cancel`.

use actix_web::http::header::ETAG;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{not_actionable, notice_for, stale, Course};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::{audit_events, courses};
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::http::etag::{etag, IfMatch};
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
    let id = id.into_inner();
    let course = state
        .write(move |c| {
            let (cur, ..) = courses::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("course"))?;
            if_match.check(cur.version)?;
            if matches!(cur.status.as_str(), "finished" | "cancelled") {
                return Err(not_actionable(format!(
                    "a {} course cannot be cancelled",
                    cur.status
                )));
            }
            courses::lock(c, &cur.id)?;
            let cur = courses::find_in_scope(c, &cur.id, &scope)?
                .map(|x| x.0)
                .ok_or_else(|| ApiError::not_found("course"))?;
            if !courses::set_status(c, &cur.id, cur.version, "cancelled", Some(&reason))? {
                return Err(stale());
            }
            let people = courses::cancel_all(c, &cur.id)?;
            for e in &people {
                let message = format!("很抱歉，您报名的《{}》已取消：{}", cur.title, reason);
                courses::notify(c, &notice_for("course_cancelled", &cur.id, e, message))?;
            }
            courses::set_enrolled(c, &cur.id, 0)?;
            audit_events::record(
                c,
                &actor,
                "course.cancel",
                "course",
                &cur.id,
                Some(&cur.organisation_id),
                serde_json::json!({ "reason": reason, "notified": people.len() }),
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
