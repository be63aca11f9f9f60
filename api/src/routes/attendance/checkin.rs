//! `POST /courses/{id}/sessions/{session_id}/checkin`.

use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{AttendanceMark, LATE_AFTER_MINUTES};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses::{self, AttendanceRow};
use crate::domain::checkin;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::body::Body;
use crate::services::courses::not_actionable;
use crate::state::AppState;

/// The code on the screen.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    /// The six digits shown.
    pub code: String,
}

/// Checks yourself in to a session with the code on the screen (mobile clients, member accounts):
/// present, or late from ten minutes after the start. Checking in again keeps the first mark.
#[utoipa::path(
    tag = "attendance",
    request_body = CheckIn,
    params(("id" = String, Path, description = "Course id"), ("session_id" = String, Path, description = "Session id")),
    responses(
        (status = 200, description = "Your mark", body = AttendanceMark),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course or session", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "You are not enrolled, or the course is not running (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A wrong or expired code", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/courses/{id}/sessions/{session_id}/checkin")]
pub async fn check_in(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
    body: Body<CheckIn>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::SelfService)?;
    reach::worker_course(&state, &user, &path.0).await?;
    let code = body.into_inner()?.code;
    let (id, sid) = path.into_inner();
    let window = state.settings.checkin_window_seconds;
    let (me, own_member) = (user.id.clone(), user.member_id.clone());
    let now_unix = chrono::Utc::now().timestamp();
    let mark = state
        .write(move |c| {
            // In reach (auth::reach::worker_course, before the body was looked at); a course deleted
            // since is as unknown as any.
            let (course, ..) =
                courses::find_with_org(c, &id)?.ok_or_else(|| ApiError::not_found("course"))?;
            let session = courses::find_session(c, &course.id, &sid)?
                .ok_or_else(|| ApiError::not_found("session"))?;
            if !crate::domain::course::takes_attendance(course.status) {
                return Err(not_actionable(format!(
                    "no check-in on a {} course",
                    course.status
                )));
            }
            let enrolment = courses::own_enrolments(c, &course.id, &me, own_member.as_deref())?
                .into_iter()
                .find(|e| e.status == crate::domain::enrolment::EnrolmentStatus::Enrolled)
                .ok_or_else(|| not_actionable("you are not enrolled on this course"))?;
            if !checkin::accepts(&session.checkin_secret, window, now_unix, &code) {
                return Err(ApiError::field(
                    "code",
                    "invalid_value",
                    "the code is wrong or has expired: use the one on the screen now",
                ));
            }
            let existing = courses::session_marks(c, &session.id)?
                .into_iter()
                .find(|m| m.enrolment_id == enrolment.id);
            if let Some(m) = existing.filter(|m| {
                crate::domain::course::AttendanceStatus::parse(&m.status)
                    .is_some_and(|s| s.attended())
            }) {
                return Ok(AttendanceMark::from(m));
            }
            let now = crate::db::now();
            let start =
                session.session_date.and_time(session.starts_at) - chrono::Duration::hours(8);
            let late = now > start + chrono::Duration::minutes(LATE_AFTER_MINUTES);
            let row = AttendanceRow {
                id: crate::db::new_id(),
                session_id: session.id.clone(),
                enrolment_id: enrolment.id.clone(),
                status: if late { "late" } else { "present" }.to_owned(),
                method: "code".to_owned(),
                recorded_by: Some(me.clone()),
                recorded_at: now,
            };
            courses::mark(c, &row)?;
            Ok(AttendanceMark::from(row))
        })
        .await?;
    Ok(HttpResponse::Ok().json(mark))
}
