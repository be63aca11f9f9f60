//! Course use cases: creating drafts, the life-cycle steps (publish, start, finish with certificates,
//! cancel with notices), filling places from the waitlist, withdrawals and a course's detail. The rules
//! are `gonghui_domain::course` and `::enrolment`; this module loads, asks and stores.

use std::collections::HashMap;

use crate::auth::Permission;
use crate::db::models::audit_events::{self, Actor};
use crate::db::models::courses::{
    self, CertificateRow, CourseRow, CourseWithOrg, EnrolmentRow, NoticeRow, SessionRow,
};
use crate::db::models::organisations::{self, Range};
use crate::db::DbConn;
use crate::domain::audit::{AuditAction, AuditResource};
use crate::domain::course::{
    self, AttendanceStatus, CourseEvent, CourseFacts, CourseLife, CourseStatus,
};
use crate::domain::enrolment::{self, EnrolmentEvent, EnrolmentFacts, EnrolmentStatus};
use crate::error::{ApiError, ApiResult, ErrorCode, Validator};
use crate::http::etag::IfMatch;
use crate::services::transition::{self, Stateful, Stepped};
use crate::views::certificates::Certificate;
use crate::views::courses::{
    check_category, check_division, check_eligibility, check_numbers, Course, CourseDetail,
    CreateCourse,
};
use crate::views::enrolments::Enrolment;

impl Stateful for CourseRow {
    type Life = CourseLife;
    const RESOURCE: &'static str = "course";
    const AUDIT: AuditResource = AuditResource::Course;
    const NOT_ACTIONABLE: ErrorCode = ErrorCode::CourseNotActionable;
    const NOT_YOURS: ErrorCode = ErrorCode::Forbidden;
    fn id(&self) -> &str {
        &self.id
    }
    fn version(&self) -> i32 {
        self.version
    }
    fn state(&self) -> CourseStatus {
        self.status
    }
    fn organisation_id(&self) -> Option<&str> {
        Some(&self.organisation_id)
    }
    fn audit_action(event: CourseEvent) -> AuditAction {
        match event {
            CourseEvent::Publish => AuditAction::CoursePublish,
            CourseEvent::Start => AuditAction::CourseStart,
            CourseEvent::Finish => AuditAction::CourseFinish,
            CourseEvent::Cancel => AuditAction::CourseCancel,
            CourseEvent::Enrol => AuditAction::CourseEnrol,
            CourseEvent::EditSessions => AuditAction::CourseSessionAdd,
            CourseEvent::Update | CourseEvent::Fill | CourseEvent::Reopen => {
                AuditAction::CourseUpdate
            }
        }
    }
    fn store(
        &self,
        c: &mut DbConn,
        to: CourseStatus,
        _by: &Actor,
        note: Option<&str>,
    ) -> diesel::QueryResult<bool> {
        courses::set_status(c, &self.id, self.version, to, note)
    }
}

/// What the course's steps depend on besides its state.
pub fn facts(c: &mut DbConn, row: &CourseRow) -> ApiResult<CourseFacts> {
    Ok(CourseFacts {
        sessions: courses::sessions(c, &row.id)?.len(),
        enrolled: row.enrolled_count,
        max_places: row.max_places,
    })
}

/// What a caller may do to the course now (`allowed_actions`).
pub fn allowed(
    row: &CourseRow,
    sessions: usize,
    may: &dyn Fn(Permission) -> bool,
) -> Vec<CourseEvent> {
    let facts = CourseFacts {
        sessions,
        enrolled: row.enrolled_count,
        max_places: row.max_places,
    };
    course::allowed_events(row.status, facts, may)
}

/// Loads a course in scope, or 404.
pub fn find(c: &mut DbConn, id: &str, scope: &Range) -> ApiResult<CourseRow> {
    courses::find_in_scope(c, id, scope)?
        .map(|x| x.0)
        .ok_or_else(|| ApiError::not_found("course"))
}

/// Reads a course back as answered to a caller holding the permissions `may` accepts.
pub fn read_back(
    c: &mut DbConn,
    id: &str,
    scope: &Range,
    may: &dyn Fn(Permission) -> bool,
) -> ApiResult<Course> {
    let found =
        courses::find_in_scope(c, id, scope)?.ok_or_else(|| ApiError::not_found("course"))?;
    let sessions = courses::sessions(c, id)?.len();
    Ok(Course::from(found).offer(sessions, may))
}

/// Loads the course in scope and takes `event` on it (the domain decides with the course's facts).
fn take(
    c: &mut DbConn,
    actor: &Actor,
    scope: &Range,
    id: &str,
    if_match: &IfMatch,
    event: CourseEvent,
) -> ApiResult<(CourseRow, Stepped<CourseRow>)> {
    let cur = find(c, id, scope)?;
    let facts = facts(c, &cur)?;
    let step = transition::run(
        c,
        actor,
        &cur,
        if_match,
        event,
        |s, e| course::apply(s, e, facts),
        None,
    )?;
    Ok((cur, step))
}

/// Publishes a draft with at least one session; everyone who supported the course request it answers is
/// told.
pub fn publish(
    c: &mut DbConn,
    actor: &Actor,
    scope: &Range,
    id: &str,
    if_match: &IfMatch,
    may: &dyn Fn(Permission) -> bool,
) -> ApiResult<Course> {
    let (cur, step) = take(c, actor, scope, id, if_match, CourseEvent::Publish)?;
    let mut told = 0;
    if let Some(request) = &cur.request_id {
        for account in courses::supporters(c, request)? {
            courses::notify(
                c,
                &NoticeRow {
                    id: crate::db::new_id(),
                    kind: "request_scheduled".to_owned(),
                    course_id: Some(cur.id.clone()),
                    enrolment_id: None,
                    member_id: None,
                    account_id: Some(account),
                    mobile: None,
                    message: format!("您支持的培训需求已开课：《{}》，现已开放报名。", cur.title),
                    created_at: crate::db::now(),
                },
            )?;
            told += 1;
        }
    }
    step.record(c, actor, serde_json::json!({ "supporters_told": told }))?;
    read_back(c, &cur.id, scope, may)
}

/// Starts an open or full course.
pub fn start(
    c: &mut DbConn,
    actor: &Actor,
    scope: &Range,
    id: &str,
    if_match: &IfMatch,
    may: &dyn Fn(Permission) -> bool,
) -> ApiResult<Course> {
    let (cur, step) = take(c, actor, scope, id, if_match, CourseEvent::Start)?;
    step.record(
        c,
        actor,
        serde_json::json!({ "enrolled": cur.enrolled_count }),
    )?;
    read_back(c, &cur.id, scope, may)
}

/// A session to add.
pub struct NewSession {
    /// Date (Beijing).
    pub date: chrono::NaiveDate,
    /// Starts (Beijing time).
    pub starts_at: chrono::NaiveTime,
    /// Ends, after it starts.
    pub ends_at: chrono::NaiveTime,
    /// Venue when not the course's.
    pub venue: Option<String>,
    /// Teacher.
    pub teacher: String,
}

/// Adds a session to a course that is not over, with its own check-in secret.
pub fn add_session(
    c: &mut DbConn,
    actor: &Actor,
    scope: &Range,
    id: &str,
    new: NewSession,
) -> ApiResult<SessionRow> {
    let course = find(c, id, scope)?;
    if !course::accepts(course.status, CourseEvent::EditSessions) {
        return Err(not_actionable(format!(
            "a {} course takes no sessions",
            course.status
        )));
    }
    let row = SessionRow {
        id: crate::db::new_id(),
        course_id: course.id.clone(),
        session_date: new.date,
        starts_at: new.starts_at,
        ends_at: new.ends_at,
        venue: new.venue,
        teacher: new.teacher,
        checkin_secret: hex::encode(rand::random::<[u8; 20]>()),
        version: 1,
        created_at: crate::db::now(),
    };
    courses::insert_session(c, &row)?;
    audit_events::record(
        c,
        actor,
        AuditAction::CourseSessionAdd,
        AuditResource::Course,
        &course.id,
        Some(&course.organisation_id),
        serde_json::json!({ "session_id": row.id, "date": row.session_date }),
    )?;
    Ok(row)
}

/// A finished course with what finishing it issued.
pub struct Finished {
    /// The course.
    pub course: Course,
    /// Its sessions.
    pub sessions: usize,
    /// People enrolled at the end.
    pub enrolled: usize,
    /// Certificates issued.
    pub certificates: Vec<Certificate>,
}

/// Finishes a running course: everyone enrolled who attended (present or late) at least
/// `completion_percent` of the sessions gets a certificate with a unique, checkable code.
pub fn finish(
    c: &mut DbConn,
    actor: &Actor,
    scope: &Range,
    id: &str,
    if_match: &IfMatch,
    may: &dyn Fn(Permission) -> bool,
) -> ApiResult<Finished> {
    let (cur, step) = take(c, actor, scope, id, if_match, CourseEvent::Finish)?;
    let sessions = courses::sessions(c, &cur.id)?.len();
    let mut attended: HashMap<String, usize> = HashMap::new();
    for m in courses::course_marks(c, &cur.id)? {
        if AttendanceStatus::parse(&m.status).is_some_and(AttendanceStatus::attended) {
            *attended.entry(m.enrolment_id).or_default() += 1;
        }
    }
    let enrolled: Vec<_> = courses::enrolments(c, &cur.id)?
        .into_iter()
        .filter(|e| e.status == EnrolmentStatus::Enrolled)
        .collect();
    let today = crate::domain::today();
    let mut issued = Vec::new();
    for e in &enrolled {
        let n = attended.get(&e.id).copied().unwrap_or(0);
        if !course::completes(n, sessions, cur.completion_percent) {
            continue;
        }
        let row = CertificateRow {
            id: crate::db::new_id(),
            code: crate::domain::certificate_code::generate(),
            course_id: cur.id.clone(),
            enrolment_id: e.id.clone(),
            holder_name: e.name.clone(),
            issued_on: today,
            status: crate::domain::course::CertificateStatus::Valid
                .as_str()
                .to_owned(),
            revoked_reason: None,
            revoked_at: None,
            created_at: crate::db::now(),
        };
        courses::insert_certificate(c, &row)?;
        issued.push(Certificate::from(row));
    }
    let summary = serde_json::json!({ "sessions": sessions, "enrolled": enrolled.len(), "certificates": issued.len() });
    step.record(c, actor, summary)?;
    Ok(Finished {
        course: read_back(c, &cur.id, scope, may)?,
        sessions,
        enrolled: enrolled.len(),
        certificates: issued,
    })
}

/// Cancels a course that has not finished; everyone enrolled or waiting is told why.
pub fn cancel(
    c: &mut DbConn,
    actor: &Actor,
    scope: &Range,
    id: &str,
    if_match: &IfMatch,
    may: &dyn Fn(Permission) -> bool,
    reason: &str,
) -> ApiResult<Course> {
    let cur = find(c, id, scope)?;
    if_match.check("course", cur.version)?;
    // The row's lock first, so that enrolments arriving meanwhile are cancelled too.
    courses::lock(c, &cur.id)?;
    let cur = find(c, &cur.id, scope)?;
    let facts = facts(c, &cur)?;
    let step = transition::run(
        c,
        actor,
        &cur,
        &IfMatch::any(),
        CourseEvent::Cancel,
        |s, e| course::apply(s, e, facts),
        Some(reason),
    )?;
    let people = courses::cancel_all(c, &cur.id)?;
    for e in &people {
        let message = format!("很抱歉，您报名的《{}》已取消：{}", cur.title, reason);
        courses::notify(c, &notice_for("course_cancelled", &cur.id, e, message))?;
    }
    courses::set_enrolled(c, &cur.id, 0)?;
    step.record(
        c,
        actor,
        serde_json::json!({ "reason": reason, "notified": people.len() }),
    )?;
    read_back(c, &cur.id, scope, may)
}

/// A withdrawal with anyone moved up from the waitlist.
pub struct Withdrawn {
    /// The enrolment after.
    pub enrolment: Enrolment,
    /// Those moved up.
    pub promoted: Vec<Enrolment>,
}

/// Ends an enrolment before the course begins: the worker themself (`withdraw`) or staff (`remove`). A
/// freed place goes at once to the first on the waitlist, who is told.
pub fn leave(
    c: &mut DbConn,
    actor: &Actor,
    course: &CourseRow,
    e: &EnrolmentRow,
    event: EnrolmentEvent,
    reason: Option<&str>,
) -> ApiResult<Withdrawn> {
    let facts = EnrolmentFacts {
        course: course.status,
        started: started(c, &course.id)?,
    };
    let begun = matches!(
        course.status,
        CourseStatus::Running | CourseStatus::Finished
    ) || facts.started;
    if begun && enrolment::is_live(e.status) {
        return Err(ApiError::conflict(
            ErrorCode::CourseStarted,
            "the course has started: enrolments can no longer be withdrawn",
        ));
    }
    let to = enrolment::apply(e.status, event, facts)
        .map_err(|r| ApiError::refused(r, ErrorCode::CourseNotActionable, ErrorCode::Forbidden))?;
    courses::set_enrolment_status(c, &e.id, to, reason)?;
    let promoted = fill_places(c, &course.id)?;
    let summary = serde_json::json!({ "enrolment_id": e.id, "name": e.name, "was": e.status, "now": to, "reason": reason, "promoted": promoted.iter().map(|p| &p.id).collect::<Vec<_>>() });
    audit_events::record(
        c,
        actor,
        AuditAction::CourseWithdraw,
        AuditResource::Course,
        &course.id,
        Some(&course.organisation_id),
        summary,
    )?;
    let after = courses::find_enrolment(c, &course.id, &e.id)?
        .ok_or_else(|| ApiError::not_found("enrolment"))?;
    let promoted = promoted
        .into_iter()
        .map(|p| {
            courses::find_enrolment(c, &course.id, &p.id)
                .map(|r| r.map(|r| Enrolment::new(r, None)))
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    Ok(Withdrawn {
        enrolment: Enrolment::new(after, None),
        promoted,
    })
}

/// Whether the course's first session has begun (Beijing time).
pub fn started(c: &mut DbConn, course_id: &str) -> ApiResult<bool> {
    let first = courses::sessions(c, course_id)?.into_iter().next();
    Ok(first.is_some_and(|s| {
        let start = s.session_date.and_time(s.starts_at) - chrono::Duration::hours(8);
        crate::db::now() >= start
    }))
}

/// Moves people up from the waitlist while places are free; each gets a notice. Call with the course row
/// locked (after `courses::next_arrival` or an update of the row). Returns those moved up.
pub fn fill_places(c: &mut DbConn, course_id: &str) -> ApiResult<Vec<EnrolmentRow>> {
    let course = courses::find_with_org(c, course_id)?.map(|x| x.0);
    let Some(course) = course else {
        return Ok(Vec::new());
    };
    if !course::fills_from_waitlist(course.status) {
        return Ok(Vec::new());
    }
    let mut count = courses::count_enrolled(c, course_id)?;
    let mut moved = Vec::new();
    while count < course.max_places {
        let Some(next) = courses::first_waitlisted(c, course_id)? else {
            break;
        };
        courses::set_enrolment_status(c, &next.id, EnrolmentStatus::Enrolled, None)?;
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

/// A notice row for someone enrolled (by member when a member, else by mobile).
pub fn notice_for(
    kind: &str,
    course_id: &str,
    enrolment: &crate::db::models::courses::EnrolmentRow,
    message: String,
) -> NoticeRow {
    NoticeRow {
        id: crate::db::new_id(),
        kind: kind.to_owned(),
        course_id: Some(course_id.to_owned()),
        enrolment_id: Some(enrolment.id.clone()),
        member_id: enrolment.member_id.clone(),
        account_id: None,
        mobile: enrolment.mobile.clone(),
        message,
        created_at: crate::db::now(),
    }
}

/// 409: not possible in the course's state.
pub fn not_actionable(detail: impl Into<String>) -> ApiError {
    ApiError::conflict(ErrorCode::CourseNotActionable, detail)
}

/// Validates and stores a draft course (also for a course request turned into a course).
pub fn create_draft(
    c: &mut DbConn,
    scope: &Range,
    actor: &Actor,
    account_id: &str,
    body: CreateCourse,
    request_id: Option<String>,
    may: &dyn Fn(Permission) -> bool,
) -> ApiResult<Course> {
    let mut v = Validator::new();
    let title = v.text("title", &body.title, 100);
    check_category(&mut v, body.category.trim());
    if body.description.chars().count() > 2000 {
        v.add("description", "too_long", "at most 2000 characters");
    }
    let partner_name = v.opt_text("partner_name", body.partner_name.as_deref(), 100);
    let venue = v.text("venue", &body.venue, 100);
    let venue_address = v.text("venue_address", &body.venue_address, 200);
    let division = check_division(&mut v, "venue_division", &body.venue_division);
    let eligibility = body
        .eligibility
        .clone()
        .unwrap_or_else(|| "subtree_members".to_owned());
    check_eligibility(&mut v, &eligibility);
    let completion = body.completion_percent.unwrap_or(80);
    let (opens, closes) = (
        body.enrol_opens_at.naive_utc(),
        body.enrol_closes_at.naive_utc(),
    );
    check_numbers(
        &mut v,
        body.min_places,
        body.max_places,
        body.fee_fen,
        completion,
        opens,
        closes,
    );
    v.finish()?;
    let org =
        organisations::find_in_scope(c, body.organisation_id.trim(), scope)?.ok_or_else(|| {
            ApiError::field(
                "organisation_id",
                "not_found",
                "no such organisation in your scope",
            )
        })?;
    if org.status != crate::domain::organisation::OrgStatus::Active {
        return Err(ApiError::field(
            "organisation_id",
            "not_allowed",
            "the organisation is archived",
        ));
    }
    let partner = match body
        .partner_organisation_id
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(p) => Some(
            organisations::find(c, p)?
                .ok_or_else(|| {
                    ApiError::field(
                        "partner_organisation_id",
                        "not_found",
                        "no such organisation",
                    )
                })?
                .id,
        ),
        None => None,
    };
    let now = crate::db::now();
    let row = CourseRow {
        id: crate::db::new_id(),
        organisation_id: org.id.clone(),
        title: title.unwrap_or_default(),
        category: body.category.trim().to_owned(),
        description: body.description.trim().to_owned(),
        partner_organisation_id: partner,
        partner_name,
        venue: venue.unwrap_or_default(),
        venue_address: venue_address.unwrap_or_default(),
        venue_division: division.unwrap_or_default(),
        fee_fen: body.fee_fen,
        min_places: body.min_places,
        max_places: body.max_places,
        enrol_opens_at: opens,
        enrol_closes_at: closes,
        eligibility,
        completion_percent: completion,
        status: crate::domain::course::CourseStatus::Draft,
        enrolled_count: 0,
        arrivals: 0,
        cancel_reason: None,
        request_id,
        created_by: account_id.to_owned(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    courses::insert(c, &row)?;
    let summary = serde_json::json!({ "title": row.title, "category": row.category, "max_places": row.max_places, "request_id": row.request_id });
    audit_events::record(
        c,
        actor,
        crate::domain::audit::AuditAction::CourseCreate,
        crate::domain::audit::AuditResource::Course,
        &row.id,
        Some(&org.id),
        summary,
    )?;
    Ok(Course::new(row, org.name).offer(0, may))
}

/// A found course with its sessions.
pub fn detail(
    c: &mut DbConn,
    found: CourseWithOrg,
    may: &dyn Fn(Permission) -> bool,
) -> ApiResult<CourseDetail> {
    let sessions = courses::sessions(c, &found.0.id)?;
    let waitlisted = courses::enrolments(c, &found.0.id)?
        .iter()
        .filter(|e| e.status == crate::domain::enrolment::EnrolmentStatus::Waitlisted)
        .count() as i32;
    let partner_organisation_name = match &found.0.partner_organisation_id {
        Some(p) => crate::db::models::organisations::find(c, p)?.map(|o| o.name),
        None => None,
    };
    Ok(CourseDetail {
        partner_organisation_name,
        course: Course::from(found).offer(sessions.len(), may),
        sessions: sessions.into_iter().map(Into::into).collect(),
        waitlisted_count: waitlisted,
    })
}
