//! `DELETE /courses/{id}/enrolments/{enrolment_id}`.

use actix_web::{delete, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::Enrolment;
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses;
use crate::domain::enrolment::EnrolmentEvent;
use crate::error::{ApiError, ApiResult, Problem};
use crate::services;
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
            let course = if staff {
                courses::find_in_scope(c, &id, &scope)?
            } else {
                courses::find_with_org(c, &id)?
            }
            .map(|x| x.0)
            .ok_or_else(|| ApiError::not_found("course"))?;
            // The course row's lock first: two withdrawals of one enrolment are then decided one after the
            // other, and the second sees the first's result.
            courses::lock(c, &course.id)?;
            let e = courses::find_enrolment(c, &course.id, &eid)?
                .ok_or_else(|| ApiError::not_found("enrolment"))?;
            let mine = e.created_by == me || (own_member.is_some() && e.member_id == own_member);
            if !staff && !mine {
                return Err(ApiError::not_found("enrolment"));
            }
            let event = if staff {
                EnrolmentEvent::Remove
            } else {
                EnrolmentEvent::Withdraw
            };
            let done = services::courses::leave(c, &actor, &course, &e, event, reason.as_deref())?;
            Ok(Withdrawal {
                enrolment: done.enrolment,
                promoted: done.promoted,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
