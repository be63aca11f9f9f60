//! What the enrolments endpoints send and receive (JSON shapes, their mapping from rows and the checks of
//! their fields). Shared by every handler that shows these things; see `routes/enrolments/` for the endpoints.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::models::courses::EnrolmentRow;
use crate::domain::mask;
use crate::views::rfc3339;

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
    pub status: crate::domain::enrolment::EnrolmentStatus,
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
    /// What you may do to the enrolment now (`withdraw` your own, `remove` as staff).
    pub allowed_actions: Vec<crate::domain::enrolment::EnrolmentEvent>,
    /// Asked for (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
}

impl Enrolment {
    /// Fills `allowed_actions` for a caller holding the permissions `may` accepts, given the course.
    pub fn offer(
        mut self,
        facts: crate::domain::enrolment::EnrolmentFacts,
        may: &dyn Fn(crate::auth::Permission) -> bool,
    ) -> Enrolment {
        self.allowed_actions = crate::domain::enrolment::allowed_events(self.status, facts, may);
        self
    }

    /// Maps a row; `position` is the waitlist place when waitlisted.
    pub fn new(r: EnrolmentRow, position: Option<i32>) -> Enrolment {
        Enrolment {
            waitlist_position: if r.status == crate::domain::enrolment::EnrolmentStatus::Waitlisted
            {
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
            allowed_actions: Vec::new(),
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
