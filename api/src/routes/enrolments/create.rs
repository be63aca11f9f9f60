//! `POST /courses/{id}/enrolments`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{EnrolPerson, Enrolment};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses::{self, CourseRow, EnrolmentRow};
use crate::db::models::{audit_events, members, organisations};
use crate::domain::codes::PhoneNumber;
use crate::domain::id_number::IdNumber;
use crate::domain::organisation::subtree_range;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem, Validator};
use crate::http::body::Body;
use crate::services::courses::not_actionable;
use crate::state::AppState;

/// Who enrols: a member (`member_id`) or a non-member worker (`person`). A member account enrolling
/// itself sends neither (or, when not yet a member, its `person`).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEnrolment {
    /// A member in your scope.
    pub member_id: Option<String>,
    /// A non-member worker's details.
    pub person: Option<EnrolPerson>,
}

/// The trainee as checked.
struct Trainee {
    member_id: Option<String>,
    union_path: Option<String>,
    name: String,
    id_number: String,
    mobile: Option<String>,
    migrant_worker: bool,
}

/// Enrols someone on an open course: a place while there is one, else the waitlist (with its position).
/// Staff enrol members in their scope or non-members until the course starts; a member account enrols
/// itself while enrolment is open. Nobody is enrolled twice.
#[utoipa::path(
    tag = "enrolments",
    request_body = CreateEnrolment,
    params(("id" = String, Path, description = "Course id"), ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Enrolled or waitlisted", body = Enrolment),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not enrol people", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course (or member) in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Enrolled already (enrolment_exists), enrolment not open (enrolment_closed), not eligible (course_not_eligible), the course not open (course_not_actionable), or the member not active (member_status_not_allowed)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/courses/{id}/enrolments")]
pub async fn create_enrolment(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Body<CreateEnrolment>,
) -> ApiResult<HttpResponse> {
    let staff = user.can(Permission::CoursesWrite);
    if !staff {
        user.require(Permission::SelfService)?;
    }
    if staff {
        reach::course(&state, &user, &id).await?;
    } else {
        reach::worker_course(&state, &user, &id).await?;
    }
    let body = body.into_inner()?;
    let mut v = Validator::new();
    let person = body.person.as_ref().map(|p| {
        let name = v.text("person.name", &p.name, 50);
        let id = v.check("person.id_number", IdNumber::parse(&p.id_number));
        let mobile = p
            .mobile
            .as_deref()
            .filter(|m| !m.trim().is_empty())
            .and_then(|m| v.check("person.mobile", PhoneNumber::parse_mobile(m)));
        (name, id, mobile, p.migrant_worker)
    });
    let own_member = user.member_id.clone();
    match (staff, &body.member_id, &body.person) {
        (true, Some(_), Some(_)) => v.add(
            "person",
            "not_allowed",
            "send member_id or person, not both",
        ),
        (true, None, None) => v.add(
            "member_id",
            "required",
            "send member_id for a member or person for a non-member",
        ),
        (false, Some(m), _) if Some(m) != own_member.as_ref() => {
            v.add("member_id", "not_allowed", "you enrol yourself only")
        }
        (false, _, Some(_)) if own_member.is_some() => v.add(
            "person",
            "not_allowed",
            "you are a member: your record is used",
        ),
        (false, None, None) if own_member.is_none() => v.add(
            "person",
            "required",
            "your account is not a member's: give your details",
        ),
        _ => {}
    }
    v.finish()?;
    let scope = user.scope();
    let home = user.org_path.clone();
    let actor = user.actor();
    let me = user.id.clone();
    let id = id.into_inner();
    let answer = state
        .write(move |c| {
            let (course, _, owner_path) = if staff {
                courses::find_in_scope(c, &id, &scope)?
            } else {
                // A worker reaches the courses self-service lists: never a draft.
                courses::find_with_org(c, &id)?.filter(|(r, _, p)| crate::domain::course::offered_to(r.status, &home, p))
            }
            .ok_or_else(|| ApiError::not_found("course"))?;
            check_open(&course, staff)?;
            let member_id = if staff { body.member_id.clone() } else { own_member.clone() };
            let trainee = match member_id {
                Some(mid) => {
                    let member = if staff {
                        members::find_in_scope(c, &mid, &scope)?.map(|m| m.0)
                    } else {
                        members::find_any(c, &mid)?
                    }
                    .ok_or_else(|| ApiError::field("member_id", "not_found", "no such member in your scope"))?;
                    if !crate::domain::membership::is_active(member.status) {
                        return Err(ApiError::conflict(ErrorCode::MemberStatusNotAllowed, format!("only active members enrol; this member is {}", member.status)));
                    }
                    let union_path = organisations::find(c, &member.organisation_id)?.map(|o| o.path);
                    Trainee {
                        member_id: Some(member.id),
                        union_path,
                        name: member.name,
                        id_number: member.id_number,
                        mobile: member.mobile,
                        migrant_worker: member.migrant_worker,
                    }
                }
                None => {
                    let (name, idn, mobile, migrant) = person.clone().unwrap_or_default();
                    Trainee {
                        member_id: None,
                        union_path: None,
                        name: name.unwrap_or_default(),
                        id_number: idn.map(|i| i.as_str().to_owned()).unwrap_or_default(),
                        mobile: mobile.map(|m| m.as_str().to_owned()),
                        migrant_worker: migrant,
                    }
                }
            };
            check_eligible(&course.eligibility, &owner_path, &trainee)?;
            // The course row's lock: from here on, this course's enrolments are decided one at a time.
            let course = courses::next_arrival(c, &course.id)?.ok_or_else(|| ApiError::not_found("course"))?;
            check_open(&course, staff)?;
            if courses::live_for_person(c, &course.id, &trainee.id_number)?.is_some() {
                return Err(already());
            }
            let count = courses::count_enrolled(c, &course.id)?;
            let place = count < course.max_places;
            let now = crate::db::now();
            let row = EnrolmentRow {
                id: crate::db::new_id(),
                course_id: course.id.clone(),
                member_id: trainee.member_id.clone(),
                name: trainee.name.clone(),
                id_number: trainee.id_number.clone(),
                mobile: trainee.mobile.clone(),
                migrant_worker: trainee.migrant_worker,
                status: if place { crate::domain::enrolment::EnrolmentStatus::Enrolled } else { crate::domain::enrolment::EnrolmentStatus::Waitlisted },
                arrival: course.arrivals,
                enrolled_at: place.then_some(now),
                left_at: None,
                left_reason: None,
                created_by: me.clone(),
                version: 1,
                created_at: now,
            };
            courses::insert_enrolment(c, &row).map_err(|e| match e {
                diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => already(),
                other => other.into(),
            })?;
            if place {
                courses::set_enrolled(c, &course.id, count + 1)?;
            }
            let position = if place { None } else { Some(courses::waitlist_position(c, &course.id, row.arrival)?) };
            let summary = serde_json::json!({ "enrolment_id": row.id, "name": row.name, "status": row.status, "member_id": row.member_id, "waitlist_position": position });
            audit_events::record(c, &actor, crate::domain::audit::AuditAction::CourseEnrol, crate::domain::audit::AuditResource::Course, &course.id, Some(&course.organisation_id), summary)?;
            Ok(Enrolment::new(row, position))
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(answer))
}

fn already() -> ApiError {
    ApiError::conflict(
        ErrorCode::EnrolmentExists,
        "this person is already enrolled or on the waitlist of this course",
    )
}

/// Open for enrolment: published and not started; for self-service also inside the enrolment window.
fn check_open(course: &CourseRow, staff: bool) -> ApiResult<()> {
    if !crate::domain::course::accepts(course.status, crate::domain::course::CourseEvent::Enrol) {
        return Err(not_actionable(format!(
            "enrolment is for open courses; this one is {}",
            course.status
        )));
    }
    let now = crate::db::now();
    if !staff && (now < course.enrol_opens_at || now > course.enrol_closes_at) {
        return Err(ApiError::conflict(
            ErrorCode::EnrolmentClosed,
            "enrolment for this course is not open now",
        ));
    }
    Ok(())
}

fn check_eligible(eligibility: &str, owner_path: &str, t: &Trainee) -> ApiResult<()> {
    let ok = match eligibility {
        "subtree_members" => {
            let (lo, hi) = subtree_range(owner_path);
            t.union_path
                .as_deref()
                .is_some_and(|p| p >= lo.as_str() && p < hi.as_str())
        }
        "migrant_workers" => t.migrant_worker,
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        let why = match eligibility {
            "subtree_members" => "this course is for members of the organising federation's unions",
            _ => "this course is for migrant workers",
        };
        Err(ApiError::conflict(ErrorCode::CourseNotEligible, why))
    }
}
