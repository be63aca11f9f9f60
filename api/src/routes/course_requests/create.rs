//! `POST /course-requests`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{federation_of, CourseRequest};
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::courses::{self, RequestRow};
use crate::domain::codes::DivisionCode;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem, Validator};
use crate::http::body::Body;
use crate::state::AppState;

/// A new course request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCourseRequest {
    /// Code list `course-categories`, when the topic is one of them.
    pub category: Option<String>,
    /// What to learn (1-100 characters).
    pub topic: String,
    /// Where, as a 6-digit division code.
    pub division: String,
    /// When suits (at most 100 characters), e.g. 周末或晚上.
    pub preferred_times: Option<String>,
}

/// Files a course request (职工点菜) with the filer's federation; the filer is its first supporter. An open
/// request with the same topic there is a 409 naming it: support that one instead.
#[utoipa::path(
    tag = "course-requests",
    request_body = CreateCourseRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Filed", body = CourseRequest),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not file requests", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The same request is open (course_request_exists)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/course-requests")]
pub async fn create_course_request(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<CreateCourseRequest>,
) -> ApiResult<HttpResponse> {
    if !user.can(Permission::CoursesWrite) {
        user.require(Permission::SelfService)?;
    }
    let b = body.into_inner()?;
    let mut v = Validator::new();
    if let Some(cat) = b.category.as_deref() {
        crate::views::courses::check_category(&mut v, cat);
    }
    let topic = v.text("topic", &b.topic, 100).unwrap_or_default();
    let division = v
        .check("division", DivisionCode::parse(&b.division))
        .map(|d| d.as_str().to_owned());
    let preferred = v.opt_text("preferred_times", b.preferred_times.as_deref(), 100);
    v.finish()?;
    let home = user.organisation_id.clone();
    let actor = user.actor();
    let me = user.id.clone();
    let row = state
        .write(move |c| {
            let federation = federation_of(c, &home)?;
            let key = topic.to_lowercase();
            let filter = courses::RequestFilter {
                status: Some("open".to_owned()),
                ..Default::default()
            };
            let everywhere = (String::new(), String::new());
            let open = courses::requests(
                c,
                &everywhere,
                std::slice::from_ref(&federation),
                &filter,
                10_000,
                0,
            )?;
            if let Some(same) = open.iter().find(|r| r.topic.to_lowercase() == key) {
                return Err(ApiError::conflict(
                    ErrorCode::CourseRequestExists,
                    format!(
                        "an open request '{}' exists (id {}): support it instead",
                        same.topic, same.id
                    ),
                ));
            }
            let row = RequestRow {
                id: crate::db::new_id(),
                organisation_id: federation.clone(),
                category: b.category.clone(),
                topic,
                division: division.unwrap_or_default(),
                preferred_times: preferred,
                status: "open".to_owned(),
                supporters: 1,
                course_id: None,
                filed_by: me.clone(),
                version: 1,
                created_at: crate::db::now(),
            };
            courses::insert_request(c, &row)?;
            audit_events::record(
                c,
                &actor,
                crate::domain::audit::AuditAction::CourseRequestCreate,
                crate::domain::audit::AuditResource::CourseRequest,
                &row.id,
                Some(&federation),
                serde_json::json!({ "topic": row.topic, "division": row.division }),
            )?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(CourseRequest::new(row, true)))
}
