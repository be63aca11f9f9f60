//! Training courses: courses, sessions, enrolments (with the waitlist), attendance, certificates, notices
//! and course requests (职工点菜). Scope follows the course's owning organisation.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;

use super::organisations::Range;
use super::{contains_pattern, lower, Db};
use crate::db::schema::{
    attendance as at, certificates as ce, course_request_supporters as crs, course_requests as cr,
    course_sessions as cs, courses as c, enrolments as e, notices as n, organisations as o,
};
use crate::db::DbConn;
use crate::domain::course::CourseStatus;
use crate::domain::enrolment::EnrolmentStatus;

/// A stored course.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = c)]
pub struct CourseRow {
    pub id: String,
    pub organisation_id: String,
    pub title: String,
    pub category: String,
    pub description: String,
    pub partner_organisation_id: Option<String>,
    pub partner_name: Option<String>,
    pub venue: String,
    pub venue_address: String,
    pub venue_division: String,
    pub fee_fen: i64,
    pub min_places: i32,
    pub max_places: i32,
    pub enrol_opens_at: NaiveDateTime,
    pub enrol_closes_at: NaiveDateTime,
    pub eligibility: String,
    pub completion_percent: i32,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub status: CourseStatus,
    pub enrolled_count: i32,
    pub arrivals: i32,
    pub cancel_reason: Option<String>,
    pub request_id: Option<String>,
    pub created_by: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Changes to a course's description.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = c)]
pub struct CourseChanges {
    pub title: Option<String>,
    pub category: Option<String>,
    pub description: Option<String>,
    pub partner_organisation_id: Option<Option<String>>,
    pub partner_name: Option<Option<String>>,
    pub venue: Option<String>,
    pub venue_address: Option<String>,
    pub venue_division: Option<String>,
    pub fee_fen: Option<i64>,
    pub min_places: Option<i32>,
    pub max_places: Option<i32>,
    pub enrol_opens_at: Option<NaiveDateTime>,
    pub enrol_closes_at: Option<NaiveDateTime>,
    pub eligibility: Option<String>,
    pub completion_percent: Option<i32>,
}

/// A course with its owner's name and path.
pub type CourseWithOrg = (CourseRow, String, String);

/// A stored session.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = cs)]
pub struct SessionRow {
    pub id: String,
    pub course_id: String,
    pub session_date: NaiveDate,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
    pub venue: Option<String>,
    pub teacher: String,
    pub checkin_secret: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
}

/// A stored enrolment.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = e)]
pub struct EnrolmentRow {
    pub id: String,
    pub course_id: String,
    pub member_id: Option<String>,
    pub name: String,
    pub id_number: String,
    pub mobile: Option<String>,
    pub migrant_worker: bool,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub status: EnrolmentStatus,
    pub arrival: i32,
    pub enrolled_at: Option<NaiveDateTime>,
    pub left_at: Option<NaiveDateTime>,
    pub left_reason: Option<String>,
    pub created_by: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
}

/// A stored attendance mark.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = at)]
pub struct AttendanceRow {
    pub id: String,
    pub session_id: String,
    pub enrolment_id: String,
    pub status: String,
    pub method: String,
    pub recorded_by: Option<String>,
    pub recorded_at: NaiveDateTime,
}

/// A stored certificate.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ce)]
pub struct CertificateRow {
    pub id: String,
    pub code: String,
    pub course_id: String,
    pub enrolment_id: String,
    pub holder_name: String,
    pub issued_on: NaiveDate,
    pub status: String,
    pub revoked_reason: Option<String>,
    pub revoked_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// A stored notice.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = n)]
pub struct NoticeRow {
    pub id: String,
    pub kind: String,
    pub course_id: Option<String>,
    pub enrolment_id: Option<String>,
    pub member_id: Option<String>,
    pub account_id: Option<String>,
    pub mobile: Option<String>,
    pub message: String,
    pub created_at: NaiveDateTime,
}

/// A stored course request.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = cr)]
pub struct RequestRow {
    pub id: String,
    pub organisation_id: String,
    pub category: Option<String>,
    pub topic: String,
    pub division: String,
    pub preferred_times: Option<String>,
    pub status: String,
    pub supporters: i32,
    pub course_id: Option<String>,
    pub filed_by: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
}

/// Course list filters.
#[derive(Debug, Default, Clone)]
pub struct CourseFilter {
    pub statuses: Vec<String>,
    pub category: Option<String>,
    pub q: Option<String>,
    pub below_minimum_at: Option<NaiveDateTime>,
    pub owners: Option<Vec<String>>,
}

// --- courses -------------------------------------------------------------------------------------------

/// Inserts a course.
pub fn insert(conn: &mut DbConn, row: &CourseRow) -> QueryResult<()> {
    diesel::insert_into(c::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// A course whose owner is in scope.
pub fn find_in_scope(
    conn: &mut DbConn,
    id: &str,
    scope: &Range,
) -> QueryResult<Option<CourseWithOrg>> {
    c::table
        .inner_join(o::table)
        .filter(c::id.eq(id))
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .select((CourseRow::as_select(), o::name, o::path))
        .first(conn)
        .optional()
}

/// A course with its owner, whatever the scope (for self-service, where eligibility decides).
pub fn find_with_org(conn: &mut DbConn, id: &str) -> QueryResult<Option<CourseWithOrg>> {
    c::table
        .inner_join(o::table)
        .filter(c::id.eq(id))
        .select((CourseRow::as_select(), o::name, o::path))
        .first(conn)
        .optional()
}

/// Courses in a subtree (or owned by `owners`), newest first.
pub fn list(
    conn: &mut DbConn,
    scope: &Range,
    f: &CourseFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<CourseWithOrg>> {
    let mut q = c::table.inner_join(o::table).into_boxed::<Db>();
    match &f.owners {
        Some(ids) => q = q.filter(c::organisation_id.eq_any(ids.clone())),
        None => {
            q = q
                .filter(o::path.ge(scope.0.clone()))
                .filter(o::path.lt(scope.1.clone()))
        }
    }
    if !f.statuses.is_empty() {
        q = q.filter(c::status.eq_any(f.statuses.clone()));
    }
    if let Some(cat) = &f.category {
        q = q.filter(c::category.eq(cat.clone()));
    }
    if let Some(text) = &f.q {
        q = q.filter(lower(c::title).like(contains_pattern(text)).escape('\\'));
    }
    if let Some(now) = f.below_minimum_at {
        q = q
            .filter(c::enrol_closes_at.le(now))
            .filter(c::enrolled_count.lt(c::min_places))
            .filter(c::status.eq_any(["open", "full", "running"]));
    }
    if let Some(a) = after {
        q = q.filter(c::id.lt(a.to_owned()));
    }
    q.order(c::id.desc())
        .limit(limit + 1)
        .select((CourseRow::as_select(), o::name, o::path))
        .load(conn)
}

/// Updates a course's description if still at `version`.
pub fn update(conn: &mut DbConn, id: &str, version: i32, ch: &CourseChanges) -> QueryResult<bool> {
    Ok(
        diesel::update(c::table.filter(c::id.eq(id)).filter(c::version.eq(version)))
            .set((
                ch,
                c::version.eq(version + 1),
                c::updated_at.eq(crate::db::now()),
            ))
            .execute(conn)?
            == 1,
    )
}

/// Moves a course to a status if it is still at `version`.
pub fn set_status(
    conn: &mut DbConn,
    id: &str,
    version: i32,
    status: CourseStatus,
    cancel_reason: Option<&str>,
) -> QueryResult<bool> {
    Ok(
        diesel::update(c::table.filter(c::id.eq(id)).filter(c::version.eq(version)))
            .set((
                c::status.eq(status.as_str()),
                c::cancel_reason.eq(cancel_reason),
                c::version.eq(version + 1),
                c::updated_at.eq(crate::db::now()),
            ))
            .execute(conn)?
            == 1,
    )
}

/// Takes the course row's lock and the next arrival number: every enrolment on the course queues behind
/// this update until its transaction ends, so places and waitlist order are decided one at a time.
pub fn next_arrival(conn: &mut DbConn, id: &str) -> QueryResult<Option<CourseRow>> {
    let n = diesel::update(c::table.filter(c::id.eq(id)))
        .set(c::arrivals.eq(c::arrivals + 1))
        .execute(conn)?;
    if n == 0 {
        return Ok(None);
    }
    c::table
        .filter(c::id.eq(id))
        .select(CourseRow::as_select())
        .first(conn)
        .optional()
}

/// Takes the course row's lock without changing anything (a withdrawal decides under it).
pub fn lock(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    Ok(diesel::update(c::table.filter(c::id.eq(id)))
        .set(c::arrivals.eq(c::arrivals))
        .execute(conn)?
        == 1)
}

/// Sets the enrolled count and the open/full status that follows from it (other statuses stay). These are
/// derived from the enrolments, so the version (what `If-Match` guards: the course as staff edit it) does
/// not move: staff editing a course are not refused because people enrolled meanwhile.
pub fn set_enrolled(conn: &mut DbConn, id: &str, count: i32) -> QueryResult<()> {
    let course: CourseRow = c::table
        .filter(c::id.eq(id))
        .select(CourseRow::as_select())
        .first(conn)?;
    let status = crate::domain::course::by_places(course.status, count, course.max_places);
    if course.enrolled_count == count && course.status == status {
        return Ok(());
    }
    diesel::update(c::table.filter(c::id.eq(id)))
        .set((
            c::enrolled_count.eq(count),
            c::status.eq(status.as_str()),
            c::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

// --- sessions ------------------------------------------------------------------------------------------

/// Inserts a session.
pub fn insert_session(conn: &mut DbConn, row: &SessionRow) -> QueryResult<()> {
    diesel::insert_into(cs::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// The number of sessions of each course (courses without any are absent).
pub fn session_counts(
    conn: &mut DbConn,
    ids: &[String],
) -> QueryResult<std::collections::HashMap<String, i64>> {
    let rows: Vec<(String, i64)> = cs::table
        .filter(cs::course_id.eq_any(ids))
        .group_by(cs::course_id)
        .select((cs::course_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// A course's sessions in time order.
pub fn sessions(conn: &mut DbConn, course_id: &str) -> QueryResult<Vec<SessionRow>> {
    cs::table
        .filter(cs::course_id.eq(course_id))
        .order((cs::session_date.asc(), cs::starts_at.asc(), cs::id.asc()))
        .select(SessionRow::as_select())
        .load(conn)
}

/// One session of a course.
pub fn find_session(
    conn: &mut DbConn,
    course_id: &str,
    id: &str,
) -> QueryResult<Option<SessionRow>> {
    cs::table
        .filter(cs::course_id.eq(course_id))
        .filter(cs::id.eq(id))
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}

/// A session by id, with its course id.
pub fn find_session_any(conn: &mut DbConn, id: &str) -> QueryResult<Option<SessionRow>> {
    cs::table
        .filter(cs::id.eq(id))
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}

/// Removes a session that has no attendance yet.
pub fn delete_session(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    let marked: i64 = at::table
        .filter(at::session_id.eq(id))
        .count()
        .get_result(conn)?;
    if marked > 0 {
        return Ok(false);
    }
    Ok(diesel::delete(cs::table.filter(cs::id.eq(id))).execute(conn)? == 1)
}

// --- enrolments ----------------------------------------------------------------------------------------

/// Inserts an enrolment.
pub fn insert_enrolment(conn: &mut DbConn, row: &EnrolmentRow) -> QueryResult<()> {
    diesel::insert_into(e::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// One enrolment of a course.
pub fn find_enrolment(
    conn: &mut DbConn,
    course_id: &str,
    id: &str,
) -> QueryResult<Option<EnrolmentRow>> {
    e::table
        .filter(e::course_id.eq(course_id))
        .filter(e::id.eq(id))
        .select(EnrolmentRow::as_select())
        .first(conn)
        .optional()
}

/// The person's live (enrolled or waitlisted) enrolment on the course.
pub fn live_for_person(
    conn: &mut DbConn,
    course_id: &str,
    id_number: &str,
) -> QueryResult<Option<EnrolmentRow>> {
    e::table
        .filter(e::course_id.eq(course_id))
        .filter(e::id_number.eq(id_number))
        .filter(e::status.eq_any(["enrolled", "waitlisted"]))
        .select(EnrolmentRow::as_select())
        .first(conn)
        .optional()
}

/// A course's enrolments: enrolled, then waitlisted, each in arrival order, then the rest.
/// A worker's own enrolments on a course (made by their account, or for the member record it serves),
/// enrolled first.
pub fn own_enrolments(
    conn: &mut DbConn,
    course_id: &str,
    account_id: &str,
    member_id: Option<&str>,
) -> QueryResult<Vec<EnrolmentRow>> {
    Ok(enrolments(conn, course_id)?
        .into_iter()
        .filter(|e| {
            e.created_by == account_id
                || (member_id.is_some() && e.member_id.as_deref() == member_id)
        })
        .collect())
}

pub fn enrolments(conn: &mut DbConn, course_id: &str) -> QueryResult<Vec<EnrolmentRow>> {
    let mut rows: Vec<EnrolmentRow> = e::table
        .filter(e::course_id.eq(course_id))
        .order(e::arrival.asc())
        .select(EnrolmentRow::as_select())
        .load(conn)?;
    let rank = |s: EnrolmentStatus| match s {
        EnrolmentStatus::Enrolled => 0,
        EnrolmentStatus::Waitlisted => 1,
        _ => 2,
    };
    rows.sort_by_key(|r| (rank(r.status), r.arrival));
    Ok(rows)
}

/// Counts a course's enrolled people.
pub fn count_enrolled(conn: &mut DbConn, course_id: &str) -> QueryResult<i32> {
    let n: i64 = e::table
        .filter(e::course_id.eq(course_id))
        .filter(e::status.eq("enrolled"))
        .count()
        .get_result(conn)?;
    Ok(n as i32)
}

/// The waitlist position of a waitlisted arrival (1 = next to move up).
pub fn waitlist_position(conn: &mut DbConn, course_id: &str, arrival: i32) -> QueryResult<i32> {
    let n: i64 = e::table
        .filter(e::course_id.eq(course_id))
        .filter(e::status.eq("waitlisted"))
        .filter(e::arrival.le(arrival))
        .count()
        .get_result(conn)?;
    Ok(n as i32)
}

/// The first on the waitlist.
pub fn first_waitlisted(conn: &mut DbConn, course_id: &str) -> QueryResult<Option<EnrolmentRow>> {
    e::table
        .filter(e::course_id.eq(course_id))
        .filter(e::status.eq("waitlisted"))
        .order(e::arrival.asc())
        .select(EnrolmentRow::as_select())
        .first(conn)
        .optional()
}

/// Moves an enrolment to a status; `left` records leaving (withdrawn, removed, cancelled).
pub fn set_enrolment_status(
    conn: &mut DbConn,
    id: &str,
    status: EnrolmentStatus,
    left_reason: Option<&str>,
) -> QueryResult<()> {
    let now = crate::db::now();
    let leaving = !crate::domain::enrolment::is_live(status);
    diesel::update(e::table.filter(e::id.eq(id)))
        .set((
            e::status.eq(status.as_str()),
            e::enrolled_at.eq(if status == EnrolmentStatus::Enrolled {
                Some(now)
            } else {
                None
            }),
            e::left_at.eq(if leaving { Some(now) } else { None }),
            e::left_reason.eq(left_reason),
            e::version.eq(e::version + 1),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Marks every live enrolment of a course as cancelled; returns them.
pub fn cancel_all(conn: &mut DbConn, course_id: &str) -> QueryResult<Vec<EnrolmentRow>> {
    let live: Vec<EnrolmentRow> = e::table
        .filter(e::course_id.eq(course_id))
        .filter(e::status.eq_any(["enrolled", "waitlisted"]))
        .select(EnrolmentRow::as_select())
        .load(conn)?;
    diesel::update(
        e::table
            .filter(e::course_id.eq(course_id))
            .filter(e::status.eq_any(["enrolled", "waitlisted"])),
    )
    .set((
        e::status.eq("cancelled"),
        e::left_at.eq(Some(crate::db::now())),
        e::version.eq(e::version + 1),
    ))
    .execute(conn)?;
    Ok(live)
}

/// Someone's enrolments (any course), newest first: those of their member record or made by their account.
pub fn for_person(
    conn: &mut DbConn,
    member_id: Option<&str>,
    account_id: &str,
) -> QueryResult<Vec<(EnrolmentRow, String)>> {
    let mut q = e::table
        .inner_join(c::table)
        .filter(e::created_by.eq(account_id))
        .into_boxed::<Db>();
    if let Some(m) = member_id {
        q = q.or_filter(e::member_id.eq(m.to_owned()));
    }
    q.order(e::created_at.desc())
        .limit(200)
        .select((EnrolmentRow::as_select(), c::title))
        .load(conn)
}

// --- attendance ----------------------------------------------------------------------------------------

/// Records or replaces an enrolment's mark for a session.
pub fn mark(conn: &mut DbConn, row: &AttendanceRow) -> QueryResult<Option<AttendanceRow>> {
    let before: Option<AttendanceRow> = at::table
        .filter(at::session_id.eq(&row.session_id))
        .filter(at::enrolment_id.eq(&row.enrolment_id))
        .select(AttendanceRow::as_select())
        .first(conn)
        .optional()?;
    match &before {
        Some(b) => {
            diesel::update(at::table.filter(at::id.eq(&b.id)))
                .set((
                    at::status.eq(&row.status),
                    at::method.eq(&row.method),
                    at::recorded_by.eq(&row.recorded_by),
                    at::recorded_at.eq(row.recorded_at),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(at::table)
                .values(row.clone())
                .execute(conn)?;
        }
    }
    Ok(before)
}

/// Marks of a session.
pub fn session_marks(conn: &mut DbConn, session_id: &str) -> QueryResult<Vec<AttendanceRow>> {
    at::table
        .filter(at::session_id.eq(session_id))
        .select(AttendanceRow::as_select())
        .load(conn)
}

/// Marks of every session of a course.
pub fn course_marks(conn: &mut DbConn, course_id: &str) -> QueryResult<Vec<AttendanceRow>> {
    at::table
        .inner_join(cs::table)
        .filter(cs::course_id.eq(course_id))
        .select(AttendanceRow::as_select())
        .load(conn)
}

// --- certificates --------------------------------------------------------------------------------------

/// Inserts a certificate.
pub fn insert_certificate(conn: &mut DbConn, row: &CertificateRow) -> QueryResult<()> {
    diesel::insert_into(ce::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// A certificate by its code, with the course title and the owner's name.
pub fn certificate_by_code(
    conn: &mut DbConn,
    code: &str,
) -> QueryResult<Option<(CertificateRow, String, String, String)>> {
    ce::table
        .inner_join(c::table.on(c::id.eq(ce::course_id)))
        .inner_join(o::table.on(o::id.eq(c::organisation_id)))
        .filter(ce::code.eq(code))
        .select((CertificateRow::as_select(), c::title, o::name, o::path))
        .first(conn)
        .optional()
}

/// A course's certificates.
pub fn certificates(conn: &mut DbConn, course_id: &str) -> QueryResult<Vec<CertificateRow>> {
    ce::table
        .filter(ce::course_id.eq(course_id))
        .order(ce::id.asc())
        .select(CertificateRow::as_select())
        .load(conn)
}

/// Revokes a valid certificate.
pub fn revoke(conn: &mut DbConn, id: &str, reason: &str) -> QueryResult<bool> {
    Ok(diesel::update(
        ce::table
            .filter(ce::id.eq(id))
            .filter(ce::status.eq(crate::domain::course::CertificateStatus::Valid.as_str())),
    )
    .set((
        ce::status.eq(crate::domain::course::CertificateStatus::Revoked.as_str()),
        ce::revoked_reason.eq(Some(reason)),
        ce::revoked_at.eq(Some(crate::db::now())),
    ))
    .execute(conn)?
        == 1)
}

// --- notices -------------------------------------------------------------------------------------------

/// Records a notice.
pub fn notify(conn: &mut DbConn, row: &NoticeRow) -> QueryResult<()> {
    diesel::insert_into(n::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// Notices for a member or an account, newest first.
pub fn notices_for(
    conn: &mut DbConn,
    member_id: Option<&str>,
    account_id: &str,
) -> QueryResult<Vec<NoticeRow>> {
    let mut q = n::table
        .filter(n::account_id.eq(account_id))
        .into_boxed::<Db>();
    if let Some(m) = member_id {
        q = q.or_filter(n::member_id.eq(m.to_owned()));
    }
    q.order(n::id.desc())
        .limit(100)
        .select(NoticeRow::as_select())
        .load(conn)
}

/// Notices recorded about a course, oldest first.
pub fn course_notices(conn: &mut DbConn, course_id: &str) -> QueryResult<Vec<NoticeRow>> {
    n::table
        .filter(n::course_id.eq(course_id))
        .order(n::id.asc())
        .select(NoticeRow::as_select())
        .load(conn)
}

// --- course requests -----------------------------------------------------------------------------------

/// Inserts a course request (its filer supports it).
pub fn insert_request(conn: &mut DbConn, row: &RequestRow) -> QueryResult<()> {
    diesel::insert_into(cr::table)
        .values(row.clone())
        .execute(conn)?;
    diesel::insert_into(crs::table)
        .values((
            crs::request_id.eq(&row.id),
            crs::account_id.eq(&row.filed_by),
            crs::created_at.eq(row.created_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A request by id.
pub fn find_request(conn: &mut DbConn, id: &str) -> QueryResult<Option<(RequestRow, String)>> {
    cr::table
        .inner_join(o::table)
        .filter(cr::id.eq(id))
        .select((RequestRow::as_select(), o::path))
        .first(conn)
        .optional()
}

/// Adds a supporter; false when the account supports it already.
pub fn support(conn: &mut DbConn, id: &str, account_id: &str) -> QueryResult<bool> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        crs::table
            .filter(crs::request_id.eq(id))
            .filter(crs::account_id.eq(account_id)),
    ))
    .get_result(conn)?;
    if exists {
        return Ok(false);
    }
    diesel::insert_into(crs::table)
        .values((
            crs::request_id.eq(id),
            crs::account_id.eq(account_id),
            crs::created_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    diesel::update(cr::table.filter(cr::id.eq(id)))
        .set((
            cr::supporters.eq(cr::supporters + 1),
            cr::version.eq(cr::version + 1),
        ))
        .execute(conn)?;
    Ok(true)
}

/// The accounts supporting a request.
pub fn supporters(conn: &mut DbConn, id: &str) -> QueryResult<Vec<String>> {
    crs::table
        .filter(crs::request_id.eq(id))
        .select(crs::account_id)
        .load(conn)
}

/// Whether an account supports each of these requests.
pub fn supported_by(
    conn: &mut DbConn,
    ids: &[String],
    account_id: &str,
) -> QueryResult<Vec<String>> {
    crs::table
        .filter(crs::request_id.eq_any(ids))
        .filter(crs::account_id.eq(account_id))
        .select(crs::request_id)
        .load(conn)
}

/// Filters of the demand board.
#[derive(Debug, Default, Clone)]
pub struct RequestFilter {
    pub status: Option<String>,
    pub category: Option<String>,
    pub division_prefix: Option<String>,
}

/// Requests addressed to these organisations or filed within a subtree, most supported first.
pub fn requests(
    conn: &mut DbConn,
    scope: &Range,
    also: &[String],
    f: &RequestFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<RequestRow>> {
    let (status, category, division_prefix) = (
        f.status.as_deref(),
        f.category.as_deref(),
        f.division_prefix.as_deref(),
    );
    let mut q = cr::table
        .inner_join(o::table)
        .filter(
            o::path
                .ge(scope.0.clone())
                .and(o::path.lt(scope.1.clone()))
                .or(cr::organisation_id.eq_any(also.to_vec())),
        )
        .into_boxed::<Db>();
    if let Some(s) = status {
        q = q.filter(cr::status.eq(s.to_owned()));
    }
    if let Some(cat) = category {
        q = q.filter(cr::category.eq(cat.to_owned()));
    }
    if let Some(d) = division_prefix {
        q = q.filter(cr::division.like(format!("{d}%")));
    }
    q.order((cr::supporters.desc(), cr::created_at.asc(), cr::id.asc()))
        .limit(limit + 1)
        .offset(offset)
        .select(RequestRow::as_select())
        .load(conn)
}

/// Marks a request as scheduled into a course.
pub fn schedule_request(
    conn: &mut DbConn,
    id: &str,
    version: i32,
    course_id: &str,
) -> QueryResult<bool> {
    Ok(diesel::update(
        cr::table
            .filter(cr::id.eq(id))
            .filter(cr::version.eq(version)),
    )
    .set((
        cr::status.eq(crate::domain::course::CourseRequestStatus::Scheduled.as_str()),
        cr::course_id.eq(Some(course_id)),
        cr::version.eq(version + 1),
    ))
    .execute(conn)?
        == 1)
}
