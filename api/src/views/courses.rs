//! What the courses endpoints send and receive (JSON shapes, their mapping from rows and the checks of
//! their fields). Shared by every handler that shows these things; see `routes/courses/` for the endpoints.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::models::courses::{CourseRow, CourseWithOrg, NoticeRow, SessionRow};
use crate::domain::code_lists;
use crate::domain::codes::DivisionCode;
use crate::error::Validator;
use crate::views::rfc3339;

/// A course.
#[derive(Debug, Serialize, ToSchema)]
pub struct Course {
    /// Id.
    pub id: String,
    /// The organisation that runs it.
    pub organisation_id: String,
    /// Its name.
    pub organisation_name: String,
    /// Title, e.g. 月嫂（母婴护理）培训班.
    pub title: String,
    /// Code list `course-categories`.
    pub category: String,
    /// What the course teaches and for whom.
    pub description: String,
    /// A partner that is an organisation of the deployment.
    pub partner_organisation_id: Option<String>,
    /// A named partner (employment bureau, vocational school, driving school).
    pub partner_name: Option<String>,
    /// Venue.
    pub venue: String,
    /// Venue address.
    pub venue_address: String,
    /// Venue division code (6 digits).
    pub venue_division: String,
    /// Fee in fen (often 0).
    pub fee_fen: i64,
    /// Below this many enrolled when enrolment closes, the course is flagged (`below_minimum`).
    pub min_places: i32,
    /// Places; later enrolments go onto the waitlist.
    pub max_places: i32,
    /// People enrolled.
    pub enrolled_count: i32,
    /// Enrolment opens (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub enrol_opens_at: String,
    /// Enrolment closes (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub enrol_closes_at: String,
    /// Code list `course-eligibilities`: subtree_members, anyone, migrant_workers.
    pub eligibility: String,
    /// Attended share of sessions (present or late) needed to complete, in percent.
    pub completion_percent: i32,
    /// Where the course is in its life cycle.
    pub status: crate::domain::course::CourseStatus,
    /// What you may do to the course now (`update`, `edit_sessions`, `publish`, `start`, `finish`,
    /// `cancel`, `enrol`), from its life cycle (`gonghui_domain::course`), its sessions and your
    /// permissions.
    pub allowed_actions: Vec<crate::domain::course::CourseEvent>,
    /// Enrolment has closed with fewer than `min_places` enrolled.
    pub below_minimum: bool,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
    /// The course request (职工点菜) it answers.
    pub request_id: Option<String>,
    /// Created (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
    /// Row version; send it back as `If-Match`.
    pub version: i32,
}

impl From<CourseWithOrg> for Course {
    fn from((r, org_name, _): CourseWithOrg) -> Course {
        Course::new(r, org_name)
    }
}

impl Course {
    /// Fills `allowed_actions` for a caller holding the permissions `may` accepts, given the course's
    /// number of sessions.
    pub fn offer(
        mut self,
        sessions: usize,
        may: &dyn Fn(crate::auth::Permission) -> bool,
    ) -> Course {
        let facts = crate::domain::course::CourseFacts {
            sessions,
            enrolled: self.enrolled_count,
            max_places: self.max_places,
        };
        self.allowed_actions = crate::domain::course::allowed_events(self.status, facts, may);
        self
    }
}

impl Course {
    /// Maps a row with its owner's name.
    pub fn new(r: CourseRow, organisation_name: String) -> Course {
        let below_minimum = below_minimum(&r, crate::db::now());
        Course {
            id: r.id,
            organisation_id: r.organisation_id,
            organisation_name,
            title: r.title,
            category: r.category,
            description: r.description,
            partner_organisation_id: r.partner_organisation_id,
            partner_name: r.partner_name,
            venue: r.venue,
            venue_address: r.venue_address,
            venue_division: r.venue_division,
            fee_fen: r.fee_fen,
            min_places: r.min_places,
            max_places: r.max_places,
            enrolled_count: r.enrolled_count,
            enrol_opens_at: rfc3339(r.enrol_opens_at),
            enrol_closes_at: rfc3339(r.enrol_closes_at),
            eligibility: r.eligibility,
            completion_percent: r.completion_percent,
            status: r.status,
            below_minimum,
            allowed_actions: Vec::new(),
            cancel_reason: r.cancel_reason,
            request_id: r.request_id,
            created_at: rfc3339(r.created_at),
            version: r.version,
        }
    }
}

/// Whether enrolment has closed with too few people on a course still to run.
pub fn below_minimum(r: &CourseRow, now: NaiveDateTime) -> bool {
    crate::domain::course::below_minimum(
        r.status,
        now >= r.enrol_closes_at,
        r.enrolled_count,
        r.min_places,
    )
}

/// A course with its sessions.
#[derive(Debug, Serialize, ToSchema)]
pub struct CourseDetail {
    /// The course.
    pub course: Course,
    /// Sessions in time order.
    pub sessions: Vec<Session>,
    /// People on the waitlist.
    pub waitlisted_count: i32,
    /// The partner organisation's name (it may lie outside your scope).
    pub partner_organisation_name: Option<String>,
}

/// A session.
#[derive(Debug, Serialize, ToSchema)]
pub struct Session {
    /// Id.
    pub id: String,
    /// Date (Beijing).
    pub date: NaiveDate,
    /// Starts (Beijing time, HH:MM:SS).
    #[schema(value_type = String, example = "19:00:00")]
    pub starts_at: NaiveTime,
    /// Ends.
    #[schema(value_type = String, example = "21:00:00")]
    pub ends_at: NaiveTime,
    /// Venue when not the course's.
    pub venue: Option<String>,
    /// Teacher.
    pub teacher: String,
}

impl From<SessionRow> for Session {
    fn from(r: SessionRow) -> Session {
        Session {
            id: r.id,
            date: r.session_date,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            venue: r.venue,
            teacher: r.teacher,
        }
    }
}

/// A page of courses.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoursePage {
    /// This page.
    pub items: Vec<Course>,
    /// Cursor of the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A new course (a draft until published).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCourse {
    /// The organisation that runs it (in your scope).
    pub organisation_id: String,
    /// Title (1-100 characters).
    pub title: String,
    /// Code list `course-categories`.
    pub category: String,
    /// Description (at most 2000 characters).
    #[serde(default)]
    pub description: String,
    /// A partner that is an organisation of the deployment.
    pub partner_organisation_id: Option<String>,
    /// A named partner (at most 100 characters).
    pub partner_name: Option<String>,
    /// Venue (1-100 characters).
    pub venue: String,
    /// Venue address (1-200 characters).
    pub venue_address: String,
    /// Venue division code (6 digits).
    pub venue_division: String,
    /// Fee in fen, 0 to 10,000,000.
    #[serde(default)]
    pub fee_fen: i64,
    /// Minimum places, 0 to `max_places`.
    #[serde(default)]
    pub min_places: i32,
    /// Places, 1 to 10,000.
    pub max_places: i32,
    /// Enrolment opens (RFC 3339).
    pub enrol_opens_at: DateTime<Utc>,
    /// Enrolment closes (RFC 3339), after it opens.
    pub enrol_closes_at: DateTime<Utc>,
    /// Code list `course-eligibilities` (default `subtree_members`).
    pub eligibility: Option<String>,
    /// Percent of sessions to attend to complete, 1-100 (default 80).
    pub completion_percent: Option<i32>,
}

/// Checks the descriptive fields shared by create and update; adds to `v`.
pub fn check_category(v: &mut Validator, category: &str) {
    v.code("category", &code_lists::COURSE_CATEGORIES, category);
}

/// Checks an eligibility code.
pub fn check_eligibility(v: &mut Validator, e: &str) {
    v.code("eligibility", &code_lists::COURSE_ELIGIBILITIES, e);
}

/// Checks a division code.
pub fn check_division(v: &mut Validator, field: &str, d: &str) -> Option<String> {
    v.check(field, DivisionCode::parse(d))
        .map(|d| d.as_str().to_owned())
}

/// Checks places, fee, completion and the enrolment window.
pub fn check_numbers(
    v: &mut Validator,
    min: i32,
    max: i32,
    fee: i64,
    completion: i32,
    opens: NaiveDateTime,
    closes: NaiveDateTime,
) {
    if !(1..=10_000).contains(&max) {
        v.add("max_places", "out_of_range", "must be between 1 and 10000");
    }
    if min < 0 || min > max {
        v.add(
            "min_places",
            "out_of_range",
            "must be between 0 and max_places",
        );
    }
    if !(0..=10_000_000).contains(&fee) {
        v.add(
            "fee_fen",
            "out_of_range",
            "must be between 0 and 10000000 fen",
        );
    }
    if !(1..=100).contains(&completion) {
        v.add(
            "completion_percent",
            "out_of_range",
            "must be between 1 and 100",
        );
    }
    if closes <= opens {
        v.add(
            "enrol_closes_at",
            "out_of_range",
            "must be after enrol_opens_at",
        );
    }
}

/// A notice as shown.
#[derive(Debug, Serialize, ToSchema)]
pub struct Notice {
    /// Id.
    pub id: String,
    /// `course_cancelled`, `waitlist_promoted`, `request_scheduled`.
    pub kind: String,
    /// The course.
    pub course_id: Option<String>,
    /// The enrolment concerned.
    pub enrolment_id: Option<String>,
    /// The text.
    pub message: String,
    /// When (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
}

impl From<NoticeRow> for Notice {
    fn from(r: NoticeRow) -> Notice {
        Notice {
            id: r.id,
            kind: r.kind,
            course_id: r.course_id,
            enrolment_id: r.enrolment_id,
            message: r.message,
            created_at: rfc3339(r.created_at),
        }
    }
}

/// Notices, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeList {
    /// The notices.
    pub items: Vec<Notice>,
}
