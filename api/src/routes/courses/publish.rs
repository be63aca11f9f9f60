//! `POST /courses/{id}/publish`.

use actix_web::http::header::ETAG;
use actix_web::{post, web, HttpResponse};

use super::{not_actionable, stale, Course};
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::courses::{self, NoticeRow};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::{etag, IfMatch};
use crate::state::AppState;

/// Publishes a draft with at least one session: enrolment opens at `enrol_opens_at`. When the course
/// answers a course request, everyone who supported it is told.
#[utoipa::path(
    tag = "courses",
    params(("id" = String, Path, description = "Course id"), ("If-Match" = String, Header, description = "The course's ETag")),
    responses(
        (status = 200, description = "Open", body = Course, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft, or no sessions yet (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/courses/{id}/publish")]
pub async fn publish_course(
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
            if cur.status != "draft" {
                return Err(not_actionable(format!(
                    "only a draft is published; this course is {}",
                    cur.status
                )));
            }
            if courses::sessions(c, &cur.id)?.is_empty() {
                return Err(not_actionable("add at least one session before publishing"));
            }
            if !courses::set_status(c, &cur.id, cur.version, "open", None)? {
                return Err(stale());
            }
            let mut told = 0;
            if let Some(request) = &cur.request_id {
                for account in courses::supporters(c, request)? {
                    courses::notify(
                        c,
                        &NoticeRow {
                            id: crate::db::new_id(),
                            kind: "request_scheduled".to_owned(),
                            course_id: Some(cur.id.clone()),
                            enrolment_id: None,
                            member_id: None,
                            account_id: Some(account),
                            mobile: None,
                            message: format!(
                                "您支持的培训需求已开课：《{}》，现已开放报名。",
                                cur.title
                            ),
                            created_at: crate::db::now(),
                        },
                    )?;
                    told += 1;
                }
            }
            audit_events::record(
                c,
                &actor,
                "course.publish",
                "course",
                &cur.id,
                Some(&cur.organisation_id),
                serde_json::json!({ "supporters_told": told }),
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
