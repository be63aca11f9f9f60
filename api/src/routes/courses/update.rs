//! `PATCH /courses/{id}`.

use actix_web::http::header::ETAG;
use actix_web::{patch, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{check_category, check_division, check_eligibility, check_numbers, Course};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses::{self, CourseChanges};
use crate::db::models::{audit_events, organisations};
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::http::etag::{etag, IfMatch};
use crate::services::courses::not_actionable;
use crate::state::AppState;

/// Changes to a course; absent fields stay. `max_places` never drops below the people enrolled.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCourse {
    /// Title.
    pub title: Option<String>,
    /// Code list `course-categories`.
    pub category: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Partner organisation; `null` clears.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub partner_organisation_id: Option<Option<String>>,
    /// Named partner; `null` clears.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub partner_name: Option<Option<String>>,
    /// Venue.
    pub venue: Option<String>,
    /// Venue address.
    pub venue_address: Option<String>,
    /// Venue division code.
    pub venue_division: Option<String>,
    /// Fee in fen.
    pub fee_fen: Option<i64>,
    /// Minimum places.
    pub min_places: Option<i32>,
    /// Places.
    pub max_places: Option<i32>,
    /// Enrolment opens.
    pub enrol_opens_at: Option<DateTime<Utc>>,
    /// Enrolment closes.
    pub enrol_closes_at: Option<DateTime<Utc>>,
    /// Code list `course-eligibilities`.
    pub eligibility: Option<String>,
    /// Completion percent.
    pub completion_percent: Option<i32>,
}

/// Updates a course that is not finished or cancelled.
#[utoipa::path(
    tag = "courses",
    request_body = UpdateCourse,
    params(("id" = String, Path, description = "Course id"), ("If-Match" = String, Header, description = "The course's ETag")),
    responses(
        (status = 200, description = "Updated", body = Course, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Finished or cancelled (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/courses/{id}")]
pub async fn update_course(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Body<UpdateCourse>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesWrite)?;
    reach::course(&state, &user, &id).await?;
    let b = body.into_inner()?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let course = state
        .write(move |c| {
            let (cur, org_name, _) = courses::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("course"))?;
            if_match.check("course", cur.version)?;
            if !crate::domain::course::accepts(cur.status, crate::domain::course::CourseEvent::Update) {
                return Err(not_actionable(format!("a {} course cannot be changed", cur.status)));
            }
            let mut v = Validator::new();
            let title = b.title.as_deref().and_then(|t| v.text("title", t, 100));
            if let Some(cat) = &b.category {
                check_category(&mut v, cat.trim());
            }
            if b.description.as_deref().is_some_and(|d| d.chars().count() > 2000) {
                v.add("description", "too_long", "at most 2000 characters");
            }
            let venue = b.venue.as_deref().and_then(|x| v.text("venue", x, 100));
            let venue_address = b.venue_address.as_deref().and_then(|x| v.text("venue_address", x, 200));
            let division = b.venue_division.as_deref().and_then(|d| check_division(&mut v, "venue_division", d));
            if let Some(e) = &b.eligibility {
                check_eligibility(&mut v, e);
            }
            let partner_name = match &b.partner_name {
                Some(Some(p)) => Some(v.opt_text("partner_name", Some(p), 100)),
                Some(None) => Some(None),
                None => None,
            };
            let min = b.min_places.unwrap_or(cur.min_places);
            let max = b.max_places.unwrap_or(cur.max_places);
            let opens = b.enrol_opens_at.map(|t| t.naive_utc()).unwrap_or(cur.enrol_opens_at);
            let closes = b.enrol_closes_at.map(|t| t.naive_utc()).unwrap_or(cur.enrol_closes_at);
            check_numbers(&mut v, min, max, b.fee_fen.unwrap_or(cur.fee_fen), b.completion_percent.unwrap_or(cur.completion_percent), opens, closes);
            if max < cur.enrolled_count {
                v.add("max_places", "out_of_range", format!("{} people are enrolled; withdraw some first", cur.enrolled_count));
            }
            v.finish()?;
            let partner = match &b.partner_organisation_id {
                Some(Some(p)) => Some(Some(
                    organisations::find(c, p.trim())?
                        .ok_or_else(|| ApiError::field("partner_organisation_id", "not_found", "no such organisation"))?
                        .id,
                )),
                Some(None) => Some(None),
                None => None,
            };
            let changes = CourseChanges {
                title,
                category: b.category.map(|x| x.trim().to_owned()),
                description: b.description.map(|d| d.trim().to_owned()),
                partner_organisation_id: partner,
                partner_name,
                venue,
                venue_address,
                venue_division: division,
                fee_fen: b.fee_fen,
                min_places: b.min_places,
                max_places: b.max_places,
                enrol_opens_at: b.enrol_opens_at.map(|t| t.naive_utc()),
                enrol_closes_at: b.enrol_closes_at.map(|t| t.naive_utc()),
                eligibility: b.eligibility,
                completion_percent: b.completion_percent,
            };
            if !courses::update(c, &cur.id, cur.version, &changes)? {
                return Err(ApiError::changed("course", None));
            }
            // More places move people up from the waitlist at once.
            if max > cur.enrolled_count {
                crate::services::courses::fill_places(c, &cur.id)?;
            }
            let after = courses::find_in_scope(c, &cur.id, &scope)?.ok_or_else(|| ApiError::not_found("course"))?;
            let summary = serde_json::json!({ "max_places": [cur.max_places, after.0.max_places], "status": after.0.status });
            audit_events::record(c, &actor, crate::domain::audit::AuditAction::CourseUpdate, crate::domain::audit::AuditResource::Course, &cur.id, Some(&cur.organisation_id), summary)?;
            let _ = org_name;
            Ok(Course::from(after))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(course.version)))
        .json(course))
}
