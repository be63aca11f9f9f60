//! `PUT /courses/{id}/sessions/{session_id}/attendance/{enrolment_id}`.

use actix_web::{put, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::AttendanceMark;
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::courses::{self, AttendanceRow};
use crate::domain::code_lists;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::body::Body;
use crate::services::courses::not_actionable;
use crate::state::AppState;

/// A mark by hand.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkAttendance {
    /// Code list `attendance-statuses`: present, late, absent, excused.
    #[schema(value_type = crate::domain::course::AttendanceStatus)]
    pub status: String,
}

/// Marks an enrolled trainee for a session by hand (replacing any earlier mark), with an audit event.
#[utoipa::path(
    tag = "attendance",
    request_body = MarkAttendance,
    params(("id" = String, Path, description = "Course id"), ("session_id" = String, Path, description = "Session id"), ("enrolment_id" = String, Path, description = "Enrolment id")),
    responses(
        (status = 200, description = "Marked", body = AttendanceMark),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course, session or enrolment in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not enrolled, or the course is closed (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown status", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/courses/{id}/sessions/{session_id}/attendance/{enrolment_id}")]
pub async fn mark_attendance(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String, String)>,
    body: Body<MarkAttendance>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesWrite)?;
    reach::session_enrolment(&state, &user, &path.0, &path.1, &path.2).await?;
    let status = body.into_inner()?.status.trim().to_owned();
    let mut v = crate::error::Validator::new();
    v.code("status", &code_lists::ATTENDANCE_STATUSES, &status);
    v.finish()?;
    let (id, sid, eid) = path.into_inner();
    let scope = user.scope();
    let actor = user.actor();
    let me = user.id.clone();
    let mark = state
        .write(move |c| {
            let (course, ..) = courses::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("course"))?;
            if !crate::domain::course::takes_attendance(course.status) {
                return Err(not_actionable(format!("no attendance on a {} course", course.status)));
            }
            let session = courses::find_session(c, &course.id, &sid)?.ok_or_else(|| ApiError::not_found("session"))?;
            let e = courses::find_enrolment(c, &course.id, &eid)?.ok_or_else(|| ApiError::not_found("enrolment"))?;
            if e.status != crate::domain::enrolment::EnrolmentStatus::Enrolled {
                return Err(not_actionable(format!("only enrolled trainees are marked; this one is {}", e.status)));
            }
            let row = AttendanceRow {
                id: crate::db::new_id(),
                session_id: session.id.clone(),
                enrolment_id: e.id.clone(),
                status: status.clone(),
                method: "manual".to_owned(),
                recorded_by: Some(me.clone()),
                recorded_at: crate::db::now(),
            };
            let before = courses::mark(c, &row)?;
            let summary = serde_json::json!({ "session_id": session.id, "enrolment_id": e.id, "name": e.name, "status": { "from": before.map(|b| b.status), "to": status } });
            audit_events::record(c, &actor, crate::domain::audit::AuditAction::CourseAttendanceMark, crate::domain::audit::AuditResource::Course, &course.id, Some(&course.organisation_id), summary)?;
            Ok(AttendanceMark::from(row))
        })
        .await?;
    Ok(HttpResponse::Ok().json(mark))
}
