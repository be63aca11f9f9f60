//! `GET /courses/{id}/attendance`.

use std::collections::HashMap;

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Permission};
use crate::db::models::courses;
use crate::domain::course::completes;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;
use crate::views::courses::Session;

/// One trainee's line of the sheet.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceLine {
    /// The enrolment.
    pub enrolment_id: String,
    /// The trainee's name.
    pub name: String,
    /// Marks by session id (sessions without a mark are absent from the map).
    pub marks: HashMap<String, String>,
    /// Sessions attended (present or late).
    pub attended: i32,
    /// Whether that meets the course's completion rule.
    pub completes: bool,
}

/// The attendance sheet of a course.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceSheet {
    /// Sessions in time order (the columns).
    pub sessions: Vec<Session>,
    /// Enrolled trainees in arrival order (the rows).
    pub lines: Vec<AttendanceLine>,
    /// The completion rule in percent.
    pub completion_percent: i32,
}

/// The attendance sheet: every enrolled trainee's marks per session and whether they complete.
#[utoipa::path(
    tag = "attendance",
    params(("id" = String, Path, description = "Course id")),
    responses(
        (status = 200, description = "The sheet", body = AttendanceSheet),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/courses/{id}/attendance")]
pub async fn get_attendance_sheet(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesRead)?;
    let scope = user.scope();
    let id = id.into_inner();
    let sheet = state
        .read(move |c| {
            let (course, ..) = courses::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("course"))?;
            let sessions = courses::sessions(c, &course.id)?;
            let mut marks: HashMap<String, HashMap<String, String>> = HashMap::new();
            for m in courses::course_marks(c, &course.id)? {
                marks
                    .entry(m.enrolment_id)
                    .or_default()
                    .insert(m.session_id, m.status);
            }
            let lines = courses::enrolments(c, &course.id)?
                .into_iter()
                .filter(|e| e.status == crate::domain::enrolment::EnrolmentStatus::Enrolled)
                .map(|e| {
                    let m = marks.remove(&e.id).unwrap_or_default();
                    let attended = m
                        .values()
                        .filter(|s| matches!(s.as_str(), "present" | "late"))
                        .count();
                    AttendanceLine {
                        enrolment_id: e.id,
                        name: e.name,
                        marks: m,
                        attended: attended as i32,
                        completes: completes(attended, sessions.len(), course.completion_percent),
                    }
                })
                .collect();
            Ok::<_, ApiError>(AttendanceSheet {
                sessions: sessions.into_iter().map(Into::into).collect(),
                lines,
                completion_percent: course.completion_percent,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(sheet))
}
