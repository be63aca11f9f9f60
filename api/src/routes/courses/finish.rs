//! `POST /courses/{id}/finish`.

use std::collections::HashMap;

use actix_web::http::header::ETAG;
use actix_web::{post, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use super::{not_actionable, stale, Course};
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::courses::{self, CertificateRow};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::{etag, IfMatch};
use crate::routes::certificates::Certificate;
use crate::state::AppState;

/// What finishing did.
#[derive(Debug, Serialize, ToSchema)]
pub struct FinishedCourse {
    /// The course, now finished.
    pub course: Course,
    /// Sessions held.
    pub sessions: i32,
    /// People enrolled at the end.
    pub enrolled: i32,
    /// Certificates issued to those who met the completion rule.
    pub certificates: Vec<Certificate>,
}

/// Whether `attended` of `sessions` meets `percent`.
pub fn completes(attended: usize, sessions: usize, percent: i32) -> bool {
    sessions > 0 && attended * 100 >= percent.max(0) as usize * sessions
}

/// Finishes a running course: everyone enrolled who attended (present or late) at least
/// `completion_percent` of the sessions gets a certificate with a unique, checkable code.
#[utoipa::path(
    tag = "courses",
    params(("id" = String, Path, description = "Course id"), ("If-Match" = String, Header, description = "The course's ETag")),
    responses(
        (status = 200, description = "Finished, with the certificates issued", body = FinishedCourse, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such course in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not running (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/courses/{id}/finish")]
pub async fn finish_course(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesWrite)?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let done = state
        .write(move |c| {
            let (cur, ..) = courses::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("course"))?;
            if_match.check(cur.version)?;
            if cur.status != "running" {
                return Err(not_actionable(format!("only a running course finishes; this one is {}", cur.status)));
            }
            if !courses::set_status(c, &cur.id, cur.version, "finished", None)? {
                return Err(stale());
            }
            let sessions = courses::sessions(c, &cur.id)?.len();
            let mut attended: HashMap<String, usize> = HashMap::new();
            for m in courses::course_marks(c, &cur.id)? {
                if matches!(m.status.as_str(), "present" | "late") {
                    *attended.entry(m.enrolment_id).or_default() += 1;
                }
            }
            let enrolled: Vec<_> = courses::enrolments(c, &cur.id)?.into_iter().filter(|e| e.status == "enrolled").collect();
            let today = crate::domain::today();
            let mut issued = Vec::new();
            for e in &enrolled {
                if !completes(attended.get(&e.id).copied().unwrap_or(0), sessions, cur.completion_percent) {
                    continue;
                }
                let row = CertificateRow {
                    id: crate::db::new_id(),
                    code: crate::domain::certificate_code::generate(),
                    course_id: cur.id.clone(),
                    enrolment_id: e.id.clone(),
                    holder_name: e.name.clone(),
                    issued_on: today,
                    status: "valid".to_owned(),
                    revoked_reason: None,
                    revoked_at: None,
                    created_at: crate::db::now(),
                };
                courses::insert_certificate(c, &row)?;
                issued.push(Certificate::from(row));
            }
            let summary = serde_json::json!({ "sessions": sessions, "enrolled": enrolled.len(), "certificates": issued.len() });
            audit_events::record(c, &actor, "course.finish", "course", &cur.id, Some(&cur.organisation_id), summary)?;
            let course = Course::from(courses::find_in_scope(c, &cur.id, &scope)?.ok_or_else(|| ApiError::not_found("course"))?);
            Ok(FinishedCourse { course, sessions: sessions as i32, enrolled: enrolled.len() as i32, certificates: issued })
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(done.course.version)))
        .json(done))
}

#[cfg(test)]
mod tests {
    #[test]
    fn completion_is_a_share_of_sessions() {
        use super::completes;
        assert!(completes(4, 5, 80));
        assert!(!completes(3, 5, 80));
        assert!(completes(1, 1, 100));
        assert!(!completes(0, 0, 80), "no sessions, no completion");
        assert!(completes(2, 3, 66) && !completes(2, 3, 67));
    }
}
