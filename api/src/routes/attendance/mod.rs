//! Attendance: per session a rotating check-in code staff show on screen and trainees send from their
//! phones; marks by hand (present, late, absent, excused) with an audit event; the sheet of a course.

pub mod checkin;
pub mod code;
pub mod mark;
pub mod sheet;

use serde::Serialize;
use utoipa::ToSchema;

use crate::db::models::courses::AttendanceRow;
use crate::views::rfc3339;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(code::get_checkin_code)
        .service(checkin::check_in)
        .service(mark::mark_attendance)
        .service(sheet::get_attendance_sheet);
}

/// A trainee's mark for a session.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceMark {
    /// The session.
    pub session_id: String,
    /// The enrolment.
    pub enrolment_id: String,
    /// Code list `attendance-statuses`: present, late, absent, excused.
    #[schema(value_type = crate::domain::course::AttendanceStatus)]
    pub status: String,
    /// `code` (the trainee checked in) or `manual` (staff marked it).
    pub method: String,
    /// When (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub recorded_at: String,
}

impl From<AttendanceRow> for AttendanceMark {
    fn from(r: AttendanceRow) -> AttendanceMark {
        AttendanceMark {
            session_id: r.session_id,
            enrolment_id: r.enrolment_id,
            status: r.status,
            method: r.method,
            recorded_at: rfc3339(r.recorded_at),
        }
    }
}

/// Minutes after a session's start from which a check-in counts as late.
pub const LATE_AFTER_MINUTES: i64 = 10;
