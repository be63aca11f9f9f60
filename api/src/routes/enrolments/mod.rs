//! Enrolments (`/api/v1/courses/{id}/enrolments`): places first come, first served; over the maximum a
//! first-come waitlist. Every enrolment and withdrawal takes the course row's lock first, so concurrent
//! clients are decided one at a time and the waitlist keeps arrival order; when a place frees, the first
//! on the waitlist moves up in the same transaction and gets a notice.

pub mod create;
pub mod list;
pub mod withdraw;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::models::courses::{self, EnrolmentRow};
use crate::db::DbConn;
use crate::domain::mask;
use crate::error::ApiResult;
use crate::routes::courses::notice_for;
use crate::routes::organisations::rfc3339;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create::create_enrolment)
        .service(list::list_enrolments)
        .service(withdraw::withdraw_enrolment);
}

/// An enrolment.
#[derive(Debug, Serialize, ToSchema)]
pub struct Enrolment {
    /// Id.
    pub id: String,
    /// The course.
    pub course_id: String,
    /// The member, when the trainee is one.
    pub member_id: Option<String>,
    /// The trainee's name.
    pub name: String,
    /// Resident ID number, masked.
    pub id_number: String,
    /// Mobile, masked.
    pub mobile: Option<String>,
    /// A migrant worker.
    pub migrant_worker: bool,
    /// Code list `enrolment-statuses`: enrolled, waitlisted, withdrawn, removed, cancelled.
    pub status: String,
    /// Place on the waitlist (1 = next to move up), when waitlisted.
    pub waitlist_position: Option<i32>,
    /// Arrival order on the course.
    pub arrival: i32,
    /// When the place was taken (UTC).
    #[schema(value_type = Option<String>, format = DateTime)]
    pub enrolled_at: Option<String>,
    /// When the trainee left (UTC).
    #[schema(value_type = Option<String>, format = DateTime)]
    pub left_at: Option<String>,
    /// Why (a removal's reason).
    pub left_reason: Option<String>,
    /// Asked for (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
}

impl Enrolment {
    /// Maps a row; `position` is the waitlist place when waitlisted.
    pub fn new(r: EnrolmentRow, position: Option<i32>) -> Enrolment {
        Enrolment {
            waitlist_position: if r.status == "waitlisted" {
                position
            } else {
                None
            },
            id: r.id,
            course_id: r.course_id,
            member_id: r.member_id,
            name: r.name,
            id_number: mask(&r.id_number, 4, 4),
            mobile: r.mobile.map(|m| mask(&m, 3, 4)),
            migrant_worker: r.migrant_worker,
            status: r.status,
            arrival: r.arrival,
            enrolled_at: r.enrolled_at.map(rfc3339),
            left_at: r.left_at.map(rfc3339),
            left_reason: r.left_reason,
            created_at: rfc3339(r.created_at),
        }
    }
}

/// A course's enrolments.
#[derive(Debug, Serialize, ToSchema)]
pub struct EnrolmentList {
    /// Enrolled in arrival order, then the waitlist in order, then those who left.
    pub items: Vec<Enrolment>,
}

/// A non-member trainee's details, checked as for a member.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrolPerson {
    /// Name (1-50 characters).
    pub name: String,
    /// Resident ID number (GB 11643).
    pub id_number: String,
    /// Mobile.
    pub mobile: Option<String>,
    /// A migrant worker.
    #[serde(default)]
    pub migrant_worker: bool,
}

/// Moves people up from the waitlist while places are free; each gets a notice. Call with the course row
/// locked (after `courses::next_arrival` or an update of the row). Returns those moved up.
pub fn fill_places(c: &mut DbConn, course_id: &str) -> ApiResult<Vec<EnrolmentRow>> {
    let course = courses::find_with_org(c, course_id)?.map(|x| x.0);
    let Some(course) = course else {
        return Ok(Vec::new());
    };
    if !matches!(course.status.as_str(), "open" | "full" | "draft") {
        return Ok(Vec::new());
    }
    let mut count = courses::count_enrolled(c, course_id)?;
    let mut moved = Vec::new();
    while count < course.max_places {
        let Some(next) = courses::first_waitlisted(c, course_id)? else {
            break;
        };
        courses::set_enrolment_status(c, &next.id, "enrolled", None)?;
        let message = format!("好消息：您已从候补转为正式报名《{}》。", course.title);
        courses::notify(
            c,
            &notice_for("waitlist_promoted", course_id, &next, message),
        )?;
        count += 1;
        moved.push(next);
    }
    courses::set_enrolled(c, course_id, count)?;
    Ok(moved)
}
