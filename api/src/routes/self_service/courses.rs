//! `GET /me/courses`, `GET /me/enrolments`, `GET /me/notices`.

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Permission};
use crate::db::models::courses::{self, CourseFilter};
use crate::db::models::organisations;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::pagination::{finish, PageParams};
use crate::state::AppState;
use crate::views::courses::{Course, CourseDetail, CoursePage, NoticeList};
use crate::views::enrolments::Enrolment;

/// Courses you can enrol on or are taking: open, full or running courses run by your union or any
/// federation above it.
#[utoipa::path(
    tag = "self-service",
    params(PageParams),
    responses(
        (status = 200, description = "A page of courses", body = CoursePage),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me/courses")]
pub async fn list_own_courses(
    state: web::Data<AppState>,
    user: AuthUser,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::SelfService)?;
    let limit = page.limit()?;
    let after = page.after()?;
    let home = user.organisation_id.clone();
    let rows = state
        .read(move |c| {
            let owners = organisations::find(c, &home)?
                .map(|o| o.path_ids())
                .unwrap_or_default();
            let filter = CourseFilter {
                statuses: vec!["open".into(), "full".into(), "running".into()],
                owners: Some(owners),
                ..CourseFilter::default()
            };
            Ok::<_, ApiError>(courses::list(
                c,
                &(String::new(), String::new()),
                &filter,
                after.as_deref(),
                limit,
            )?)
        })
        .await?;
    let (rows, next_cursor) = finish(rows, limit, |r| r.0.id.clone());
    let items: Vec<Course> = rows.into_iter().map(Course::from).collect();
    Ok(HttpResponse::Ok().json(CoursePage { items, next_cursor }))
}

/// A course you can see (run by your union or a federation above it), with its sessions: what a trainee
/// needs to pick the session they check in to.
#[utoipa::path(
    tag = "self-service",
    params(("id" = String, Path, description = "Course id")),
    responses(
        (status = 200, description = "The course", body = CourseDetail),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course for you", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me/courses/{id}")]
pub async fn get_own_course(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::SelfService)?;
    let home = user.org_path.clone();
    let id = id.into_inner();
    let detail = state
        .read(move |c| {
            let found = courses::find_with_org(c, &id)?
                .filter(|(r, _, p)| crate::domain::course::offered_to(r.status, &home, p))
                .ok_or_else(|| ApiError::not_found("course"))?;
            crate::services::courses::detail(c, found, &|_| false)
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// One of your enrolments with its course's title.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwnEnrolment {
    /// The enrolment (with its waitlist position when waitlisted).
    pub enrolment: Enrolment,
    /// The course's title.
    pub course_title: String,
}

/// Your enrolments.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwnEnrolments {
    /// Newest first.
    pub items: Vec<OwnEnrolment>,
}

/// Your enrolments on any course, newest first, with waitlist positions.
#[utoipa::path(
    tag = "self-service",
    responses(
        (status = 200, description = "Your enrolments", body = OwnEnrolments),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me/enrolments")]
pub async fn list_own_enrolments(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<HttpResponse> {
    user.require(Permission::SelfService)?;
    let (me, member) = (user.id.clone(), user.member_id.clone());
    let grants = user.grants();
    let items = state
        .read(move |c| {
            let rows = courses::for_person(c, member.as_deref(), &me)?;
            let mut items = Vec::new();
            for (e, title) in rows {
                let position = if e.status == crate::domain::enrolment::EnrolmentStatus::Waitlisted
                {
                    Some(courses::waitlist_position(c, &e.course_id, e.arrival)?)
                } else {
                    None
                };
                let facts = match courses::find_with_org(c, &e.course_id)? {
                    Some((course, ..)) => Some(crate::domain::enrolment::EnrolmentFacts {
                        course: course.status,
                        started: crate::services::courses::started(c, &course.id)?,
                    }),
                    None => None,
                };
                let enrolment = Enrolment::new(e, position);
                let enrolment = match facts {
                    Some(f) => enrolment.offer(f, &|p| grants.may(p)),
                    None => enrolment,
                };
                items.push(OwnEnrolment {
                    enrolment,
                    course_title: title,
                });
            }
            Ok::<_, ApiError>(items)
        })
        .await?;
    Ok(HttpResponse::Ok().json(OwnEnrolments { items }))
}

/// Your notices (a course cancelled, a place from the waitlist, a requested course opened), newest first.
#[utoipa::path(
    tag = "self-service",
    responses(
        (status = 200, description = "Your notices", body = NoticeList),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me/notices")]
pub async fn list_own_notices(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<HttpResponse> {
    let (me, member) = (user.id.clone(), user.member_id.clone());
    let rows = state
        .read(move |c| Ok::<_, ApiError>(courses::notices_for(c, member.as_deref(), &me)?))
        .await?;
    Ok(HttpResponse::Ok().json(NoticeList {
        items: rows.into_iter().map(Into::into).collect(),
    }))
}
