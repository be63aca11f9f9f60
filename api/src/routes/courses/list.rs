//! `GET /courses`.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Course, CoursePage};
use crate::auth::{AuthUser, Permission};
use crate::db::models::courses::{self, CourseFilter};
use crate::db::models::organisations;
use crate::domain::code_lists;
use crate::domain::organisation::subtree_range;
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::pagination::{finish, PageParams};
use crate::state::AppState;

/// Filters of the catalogue.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CourseFilters {
    /// Courses of this organisation and everything below it (default: your whole scope).
    pub organisation_id: Option<String>,
    /// Comma list of code list `course-statuses`.
    pub status: Option<String>,
    /// Code list `course-categories`.
    pub category: Option<String>,
    /// Title contains.
    pub q: Option<String>,
    /// Only courses whose enrolment closed below their minimum places.
    pub below_minimum: Option<bool>,
}

/// The courses of your scope (the catalogue), newest first.
#[utoipa::path(
    tag = "courses",
    params(CourseFilters, PageParams),
    responses(
        (status = 200, description = "A page of courses", body = CoursePage),
        (status = 400, description = "A malformed parameter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read courses", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown status or category", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/courses")]
pub async fn list_courses(
    state: web::Data<AppState>,
    user: AuthUser,
    filters: web::Query<CourseFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesRead)?;
    let limit = page.limit()?;
    let after = page.after()?;
    let f = filters.into_inner();
    let statuses: Vec<String> = f
        .status
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let mut v = Validator::new();
    for s in &statuses {
        v.code("status", &code_lists::COURSE_STATUSES, s);
    }
    if let Some(cat) = f.category.as_deref() {
        crate::views::courses::check_category(&mut v, cat);
    }
    v.finish()?;
    let filter = CourseFilter {
        statuses,
        category: f.category.clone(),
        q: f.q.clone().filter(|q| !q.trim().is_empty()),
        below_minimum_at: f.below_minimum.filter(|b| *b).map(|_| crate::db::now()),
        owners: None,
    };
    let scope = user.scope();
    let rows = state
        .read(move |c| {
            let range = match &f.organisation_id {
                Some(id) => organisations::find_in_scope(c, id, &scope)?
                    .map(|o| subtree_range(&o.path))
                    .unwrap_or_else(|| (String::new(), String::new())),
                None => scope,
            };
            let rows = courses::list(c, &range, &filter, after.as_deref(), limit)?;
            let ids: Vec<String> = rows.iter().map(|r| r.0.id.clone()).collect();
            let sessions = courses::session_counts(c, &ids)?;
            Ok::<_, ApiError>((rows, sessions))
        })
        .await?;
    let (rows, sessions) = rows;
    let (rows, next_cursor) = finish(rows, limit, |r| r.0.id.clone());
    let grants = user.grants();
    let items = rows
        .into_iter()
        .map(|r| {
            let n = sessions.get(&r.0.id).copied().unwrap_or(0) as usize;
            Course::from(r).offer(n, &|p| grants.may(p))
        })
        .collect();
    Ok(HttpResponse::Ok().json(CoursePage { items, next_cursor }))
}
