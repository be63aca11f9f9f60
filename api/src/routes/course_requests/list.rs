//! `GET /course-requests`.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{federation_of, CourseRequest, CourseRequestPage};
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem, Validator};
use crate::http::pagination::{cursor, PageParams};
use crate::state::AppState;

/// Filters of the demand board.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CourseRequestFilters {
    /// `open` (default), `scheduled` or `all`.
    pub status: Option<String>,
    /// Code list `course-categories`.
    pub category: Option<String>,
    /// Division code or its prefix (`5119` for a city, `511922` for a county).
    pub division: Option<String>,
}

/// The demand board: requests addressed to your federation or filed within your scope, most supported
/// first (then oldest).
#[utoipa::path(
    tag = "course-requests",
    params(CourseRequestFilters, PageParams),
    responses(
        (status = 200, description = "A page of requests", body = CourseRequestPage),
        (status = 400, description = "A malformed parameter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not see requests", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown status or category, or a malformed division", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/course-requests")]
pub async fn list_course_requests(
    state: web::Data<AppState>,
    user: AuthUser,
    filters: web::Query<CourseRequestFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    if !user.can(Permission::CoursesRead) {
        user.require(Permission::SelfService)?;
    }
    let limit = page.limit()?;
    let offset: i64 = match page.after()? {
        Some(a) => a.parse().map_err(|_| {
            ApiError::bad_request(
                ErrorCode::InvalidParameter,
                "the cursor is not one this list gave out",
            )
        })?,
        None => 0,
    };
    let f = filters.into_inner();
    let mut v = Validator::new();
    let status = match f.status.as_deref().unwrap_or("open") {
        "all" => None,
        s @ ("open" | "scheduled") => Some(s.to_owned()),
        other => {
            v.add(
                "status",
                "invalid_value",
                format!("'{other}' is not open, scheduled or all"),
            );
            None
        }
    };
    if let Some(cat) = f.category.as_deref() {
        crate::views::courses::check_category(&mut v, cat);
    }
    if let Some(d) = f
        .division
        .as_deref()
        .filter(|d| d.is_empty() || d.len() > 6 || !d.bytes().all(|b| b.is_ascii_digit()))
    {
        v.add(
            "division",
            "invalid_format",
            format!("'{d}' is not a division code or prefix"),
        );
    }
    v.finish()?;
    let scope = user.scope();
    let (home, me) = (user.organisation_id.clone(), user.id.clone());
    let (rows, mine) = state
        .read(move |c| {
            let federation = federation_of(c, &home)?;
            let filter = courses::RequestFilter {
                status,
                category: f.category,
                division_prefix: f.division,
            };
            let rows = courses::requests(c, &scope, &[federation], &filter, limit, offset)?;
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            let mine = courses::supported_by(c, &ids, &me)?;
            Ok::<_, ApiError>((rows, mine))
        })
        .await?;
    let more = rows.len() as i64 > limit;
    let items: Vec<CourseRequest> = rows
        .into_iter()
        .take(limit as usize)
        .map(|r| {
            let supported = mine.contains(&r.id);
            CourseRequest::new(r, supported)
        })
        .collect();
    let next_cursor = more.then(|| cursor(&(offset + limit).to_string()));
    Ok(HttpResponse::Ok().json(CourseRequestPage { items, next_cursor }))
}
