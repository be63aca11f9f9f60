//! Course requests (职工点菜, "workers order, the school cooks"): workers and officers say what they want to
//! learn; others add their support instead of filing a duplicate; staff see demand ranked by supporters
//! and turn a request into a draft course, whose publication tells every supporter.
//!
//! A request is addressed to the filer's federation (the nearest county, city, provincial or national
//! federation above their home), so every worker of a county sees and supports the same board.

pub mod create;
pub mod list;
pub mod schedule;
pub mod support;

use serde::Serialize;
use utoipa::ToSchema;

use crate::db::models::courses::RequestRow;
use crate::db::models::organisations;
use crate::db::DbConn;
use crate::domain::organisation::OrgKind;
use crate::error::ApiResult;
use crate::views::rfc3339;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_course_requests)
        .service(create::create_course_request)
        .service(support::support_course_request)
        .service(schedule::schedule_course_request);
}

/// A course request.
#[derive(Debug, Serialize, ToSchema)]
pub struct CourseRequest {
    /// Id.
    pub id: String,
    /// The federation it is addressed to.
    pub organisation_id: String,
    /// Code list `course-categories`, when the topic is one.
    pub category: Option<String>,
    /// What to learn, e.g. 月嫂培训, 叉车证.
    pub topic: String,
    /// Where, as a division code.
    pub division: String,
    /// When suits, e.g. 周末, 晚上.
    pub preferred_times: Option<String>,
    /// `open` or `scheduled` (a course was made from it).
    #[schema(value_type = crate::domain::course::CourseRequestStatus)]
    pub status: String,
    /// How many support it (the filer included).
    pub supporters: i32,
    /// Whether you support it.
    pub supported_by_me: bool,
    /// The course made from it.
    pub course_id: Option<String>,
    /// Filed (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
    /// Row version.
    pub version: i32,
}

impl CourseRequest {
    /// Maps a row.
    pub fn new(r: RequestRow, supported_by_me: bool) -> CourseRequest {
        CourseRequest {
            id: r.id,
            organisation_id: r.organisation_id,
            category: r.category,
            topic: r.topic,
            division: r.division,
            preferred_times: r.preferred_times,
            status: r.status,
            supporters: r.supporters,
            supported_by_me,
            course_id: r.course_id,
            created_at: rfc3339(r.created_at),
            version: r.version,
        }
    }
}

/// A page of requests, most supported first.
#[derive(Debug, Serialize, ToSchema)]
pub struct CourseRequestPage {
    /// This page.
    pub items: Vec<CourseRequest>,
    /// Cursor of the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// The federation an organisation's people address requests to: the nearest federation at or above it.
pub fn federation_of(c: &mut DbConn, organisation_id: &str) -> ApiResult<String> {
    let Some(org) = organisations::find(c, organisation_id)? else {
        return Ok(organisation_id.to_owned());
    };
    let ids = org.path_ids();
    let rows = organisations::by_ids(c, &ids)?;
    for id in ids.iter().rev() {
        if let Some(o) = rows.iter().find(|o| &o.id == id) {
            let federation = matches!(
                OrgKind::parse(&o.kind),
                Some(
                    OrgKind::CountyFederation
                        | OrgKind::CityFederation
                        | OrgKind::ProvincialFederation
                        | OrgKind::NationalFederation
                )
            );
            if federation {
                return Ok(o.id.clone());
            }
        }
    }
    Ok(org.id)
}
