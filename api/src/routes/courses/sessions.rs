//! `POST /courses/{id}/sessions`, `DELETE /courses/{id}/sessions/{session_id}`.

use actix_web::http::StatusCode;
use actix_web::{delete, post, web, HttpResponse};
use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use utoipa::ToSchema;

use super::Session;
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::courses::{self};
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::services;
use crate::services::courses::not_actionable;
use crate::state::AppState;

/// A new session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSession {
    /// Date (Beijing).
    pub date: NaiveDate,
    /// Starts, `HH:MM` or `HH:MM:SS` (Beijing time).
    #[schema(value_type = String, example = "19:00")]
    pub starts_at: String,
    /// Ends, after it starts.
    #[schema(value_type = String, example = "21:00")]
    pub ends_at: String,
    /// Venue when not the course's (at most 100 characters).
    pub venue: Option<String>,
    /// Teacher (1-50 characters).
    pub teacher: String,
}

fn time(v: &mut Validator, field: &str, raw: &str) -> Option<NaiveTime> {
    let raw = raw.trim();
    let parsed = NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"));
    match parsed {
        Ok(t) => Some(t),
        Err(_) => {
            v.add(field, "invalid_format", "use HH:MM, e.g. 19:00");
            None
        }
    }
}

/// Adds a session to a course that has not finished or been cancelled.
#[utoipa::path(
    tag = "courses",
    request_body = CreateSession,
    params(("id" = String, Path, description = "Course id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Added", body = Session),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Finished or cancelled (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/courses/{id}/sessions")]
pub async fn add_session(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Body<CreateSession>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesWrite)?;
    reach::course(&state, &user, &id).await?;
    let b = body.into_inner()?;
    let mut v = Validator::new();
    let starts = time(&mut v, "starts_at", &b.starts_at);
    let ends = time(&mut v, "ends_at", &b.ends_at);
    if let (Some(s), Some(e)) = (starts, ends) {
        if e <= s {
            v.add("ends_at", "out_of_range", "must be after starts_at");
        }
    }
    let teacher = v.text("teacher", &b.teacher, 50);
    let venue = v.opt_text("venue", b.venue.as_deref(), 100);
    v.finish()?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let new = services::courses::NewSession {
        date: b.date,
        starts_at: starts.unwrap_or_default(),
        ends_at: ends.unwrap_or_default(),
        venue,
        teacher: teacher.unwrap_or_default(),
    };
    let row = state
        .write(move |c| services::courses::add_session(c, &actor, &scope, &id, new))
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(Session::from(row)))
}

/// Removes a session nobody has been marked for yet.
#[utoipa::path(
    tag = "courses",
    params(("id" = String, Path, description = "Course id"), ("session_id" = String, Path, description = "Session id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course or session in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Attendance was taken, or the course is closed (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/courses/{id}/sessions/{session_id}")]
pub async fn delete_session(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesWrite)?;
    let (id, sid) = path.into_inner();
    let scope = user.scope();
    let actor = user.actor();
    state
        .write(move |c| {
            let (course, ..) = courses::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("course"))?;
            if !crate::domain::course::accepts(
                course.status,
                crate::domain::course::CourseEvent::EditSessions,
            ) {
                return Err(not_actionable(format!(
                    "a {} course keeps its sessions",
                    course.status
                )));
            }
            courses::find_session(c, &course.id, &sid)?
                .ok_or_else(|| ApiError::not_found("session"))?;
            if !courses::delete_session(c, &sid)? {
                return Err(not_actionable(
                    "attendance was taken for this session; it stays",
                ));
            }
            audit_events::record(
                c,
                &actor,
                crate::domain::audit::AuditAction::CourseSessionRemove,
                crate::domain::audit::AuditResource::Course,
                &course.id,
                Some(&course.organisation_id),
                serde_json::json!({ "session_id": sid }),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
