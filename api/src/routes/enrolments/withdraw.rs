//! `DELETE /courses/{id}/enrolments/{enrolment_id}`.

use actix_web::{delete, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{fill_places, Enrolment};
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::courses;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::routes::courses::not_actionable;
use crate::state::AppState;

/// Why staff remove someone.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WithdrawParams {
    /// The reason, recorded (at most 200 characters).
    pub reason: Option<String>,
}

/// What a withdrawal did.
#[derive(Debug, Serialize, ToSchema)]
pub struct Withdrawal {
    /// The enrolment, now withdrawn (by the trainee) or removed (by staff).
    pub enrolment: Enrolment,
    /// Who moved up from the waitlist into the freed place.
    pub promoted: Vec<Enrolment>,
}

/// Withdraws an enrolment before the course starts: the trainee themself (a member account) or staff in
/// scope (recorded as removed). A freed place goes at once to the first on the waitlist, who is told.
#[utoipa::path(
    tag = "enrolments",
    params(("id" = String, Path, description = "Course id"), ("enrolment_id" = String, Path, description = "Enrolment id"), WithdrawParams),
    responses(
        (status = 200, description = "Withdrawn, with anyone moved up", body = Withdrawal),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not yours to withdraw", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course or enrolment in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The course has started (course_started), or the enrolment is not live (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/courses/{id}/enrolments/{enrolment_id}")]
pub async fn withdraw_enrolment(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
    params: web::Query<WithdrawParams>,
) -> ApiResult<HttpResponse> {
    let staff = user.can(Permission::CoursesWrite);
    if !staff {
        user.require(Permission::SelfService)?;
    }
    let mut v = crate::error::Validator::new();
    let reason = v.opt_text("reason", params.reason.as_deref(), 200);
    v.finish()?;
    let (id, eid) = path.into_inner();
    let scope = user.scope();
    let actor = user.actor();
    let (me, own_member) = (user.id.clone(), user.member_id.clone());
    let answer = state
        .write(move |c| {
            let course = if staff { courses::find_in_scope(c, &id, &scope)? } else { courses::find_with_org(c, &id)? }
                .map(|x| x.0)
                .ok_or_else(|| ApiError::not_found("course"))?;
            // The course row's lock first: two withdrawals of one enrolment are then decided one after the
            // other, and the second sees the first's result.
            courses::lock(c, &course.id)?;
            let e = courses::find_enrolment(c, &course.id, &eid)?.ok_or_else(|| ApiError::not_found("enrolment"))?;
            let mine = e.created_by == me || (own_member.is_some() && e.member_id == own_member);
            if !staff && !mine {
                return Err(ApiError::not_found("enrolment"));
            }
            if matches!(course.status.as_str(), "running" | "finished") || started(c, &course.id)? {
                return Err(ApiError::conflict(ErrorCode::CourseStarted, "the course has started: enrolments can no longer be withdrawn"));
            }
            if !matches!(e.status.as_str(), "enrolled" | "waitlisted") {
                return Err(not_actionable(format!("this enrolment is {} already", e.status)));
            }
            let status = if staff { "removed" } else { "withdrawn" };
            courses::set_enrolment_status(c, &e.id, status, reason.as_deref())?;
            let promoted = fill_places(c, &course.id)?;
            let summary = serde_json::json!({ "enrolment_id": e.id, "name": e.name, "was": e.status, "now": status, "reason": reason, "promoted": promoted.iter().map(|p| &p.id).collect::<Vec<_>>() });
            audit_events::record(c, &actor, "course.withdraw", "course", &course.id, Some(&course.organisation_id), summary)?;
            let after = courses::find_enrolment(c, &course.id, &e.id)?.ok_or_else(|| ApiError::not_found("enrolment"))?;
            let promoted = promoted
                .into_iter()
                .map(|p| courses::find_enrolment(c, &course.id, &p.id).map(|r| r.map(|r| Enrolment::new(r, None))))
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .flatten()
                .collect();
            Ok(Withdrawal { enrolment: Enrolment::new(after, None), promoted })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Whether the course's first session has begun (Beijing time).
fn started(c: &mut crate::db::DbConn, course_id: &str) -> ApiResult<bool> {
    let first = courses::sessions(c, course_id)?.into_iter().next();
    Ok(first.is_some_and(|s| {
        let start = s.session_date.and_time(s.starts_at) - chrono::Duration::hours(8);
        crate::db::now() >= start
    }))
}
