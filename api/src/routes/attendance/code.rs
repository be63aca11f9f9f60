//! `GET /courses/{id}/sessions/{session_id}/checkin-code`.

use actix_web::http::header::CACHE_CONTROL;
use actix_web::{get, web, HttpResponse};
use chrono::DateTime;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Permission};
use crate::db::models::courses;
use crate::domain::checkin;
use crate::error::{ApiError, ApiResult, Problem};
use crate::services::courses::not_actionable;
use crate::state::AppState;

/// The code to show now.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckinCode {
    /// The session.
    pub session_id: String,
    /// Six digits.
    pub code: String,
    /// When the next code replaces it (UTC); it is still accepted for one more window.
    #[schema(value_type = String, format = DateTime)]
    pub expires_at: String,
    /// The window length in seconds (setting `checkin_window_seconds`).
    pub window_seconds: u64,
}

/// The session's current check-in code, for the check-in screen (poll it when `expires_at` passes).
#[utoipa::path(
    tag = "attendance",
    params(("id" = String, Path, description = "Course id"), ("session_id" = String, Path, description = "Session id")),
    responses(
        (status = 200, description = "The current code", body = CheckinCode),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course or session in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The course is not open or running (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/courses/{id}/sessions/{session_id}/checkin-code")]
pub async fn get_checkin_code(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesWrite)?;
    let (id, sid) = path.into_inner();
    let scope = user.scope();
    let session = state
        .read(move |c| {
            let (course, ..) = courses::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("course"))?;
            if !crate::domain::course::takes_attendance(course.status) {
                return Err(not_actionable(format!(
                    "no check-in on a {} course",
                    course.status
                )));
            }
            courses::find_session(c, &course.id, &sid)?
                .ok_or_else(|| ApiError::not_found("session"))
        })
        .await?;
    let window = state.settings.checkin_window_seconds;
    let (code, until) = checkin::current(
        &session.checkin_secret,
        window,
        chrono::Utc::now().timestamp(),
    );
    let expires_at = DateTime::from_timestamp(until, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default();
    Ok(HttpResponse::Ok()
        .insert_header((CACHE_CONTROL, "no-store"))
        .json(CheckinCode {
            session_id: session.id,
            code,
            expires_at,
            window_seconds: window,
        }))
}
