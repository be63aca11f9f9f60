//! `POST /courses`.

use actix_web::http::header::{ETAG, LOCATION};
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};

use super::{
    check_category, check_division, check_eligibility, check_numbers, Course, CreateCourse,
};
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::audit_events::Actor;
use crate::db::models::courses::{self, CourseRow};
use crate::db::models::organisations::{self, Range};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::http::etag::etag;
use crate::state::AppState;

/// Creates a course as a draft; add sessions, then publish it to open enrolment.
#[utoipa::path(
    tag = "courses",
    request_body = CreateCourse,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Created (draft)", body = Course, headers(("ETag" = String), ("Location" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/courses")]
pub async fn create_course(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<CreateCourse>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesWrite)?;
    let body = body.into_inner()?;
    let scope = user.scope();
    let actor = user.actor();
    let me = user.id.clone();
    let course = state
        .write(move |c| create_draft(c, &scope, &actor, &me, body, None))
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED)
        .insert_header((ETAG, etag(course.version)))
        .insert_header((LOCATION, format!("/api/v1/courses/{}", course.id)))
        .json(course))
}

/// Validates and stores a draft course (also for a course request turned into a course).
pub fn create_draft(
    c: &mut DbConn,
    scope: &Range,
    actor: &Actor,
    account_id: &str,
    body: CreateCourse,
    request_id: Option<String>,
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
    if org.status != "active" {
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
        status: "draft".to_owned(),
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
        "course.create",
        "course",
        &row.id,
        Some(&org.id),
        summary,
    )?;
    Ok(Course::new(row, org.name))
}
