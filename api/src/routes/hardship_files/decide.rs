//! `POST /hardship-files/{id}/decisions`.

use actix_web::http::header::ETAG;
use actix_web::{post, web, HttpResponse};
use chrono::{Months, NaiveDate};
use serde::Deserialize;
use utoipa::ToSchema;

use super::HardshipFile;
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::domain::code_lists;
use crate::domain::hardship::{self, HardshipEvent};
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::http::etag::{etag, IfMatch};
use crate::services::hardship_files;
use crate::state::AppState;

/// The default time until the next re-review of an approved file.
pub const REVIEW_INTERVAL_MONTHS: u32 = 12;

/// A decision on a file.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HardshipDecision {
    /// Code list `hardship-decisions`: `approve` or `reject` an applied file; `renew` (re-reviewed, still
    /// in hardship) or `lift` (out of hardship, 脱困) an approved one.
    pub decision: String,
    /// The reviewer's note (at most 500 characters); required to reject or lift.
    pub note: Option<String>,
    /// When an approved or renewed file is next due for re-review; after today, within three years.
    /// Default: twelve months from today.
    pub review_due_on: Option<NaiveDate>,
}

/// Decides a file: approve or reject an application, renew or lift an approved file after re-review.
/// Nobody decides an application they registered. Every decision is kept in the file's `reviews`.
#[utoipa::path(
    tag = "hardship-files",
    request_body = HardshipDecision,
    params(
        ("id" = String, Path, description = "Hardship file id"),
        ("If-Match" = String, Header, description = "The file's ETag"),
    ),
    responses(
        (status = 200, description = "Decided", body = HardshipFile, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not review (forbidden), or you registered this file (hardship_self_review)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in the file's state (hardship_file_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/hardship-files/{id}/decisions")]
pub async fn decide_hardship_file(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Body<HardshipDecision>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::HardshipReview)?;
    reach::hardship_file(&state, &user, &id).await?;
    let body = body.into_inner()?;
    let today = crate::domain::today();
    let mut v = Validator::new();
    let decision = body.decision.trim().to_owned();
    v.code("decision", &code_lists::HARDSHIP_DECISIONS, &decision);
    let event = HardshipEvent::parse(&decision).filter(|e| hardship::DECISIONS.contains(e));
    let note = v.opt_text("note", body.note.as_deref(), 500);
    if matches!(decision.as_str(), "reject" | "lift") && note.is_none() {
        v.add(
            "note",
            "required",
            format!("say why when you {decision} a file"),
        );
    }
    let keeps = matches!(decision.as_str(), "approve" | "renew");
    let due = match (keeps, body.review_due_on) {
        (true, Some(d)) => {
            let latest = today.checked_add_months(Months::new(36)).unwrap_or(today);
            if d <= today || d > latest {
                v.add(
                    "review_due_on",
                    "out_of_range",
                    "must be after today and within three years",
                );
            }
            Some(d)
        }
        (true, None) => default_due(today),
        (false, Some(_)) => {
            v.add(
                "review_due_on",
                "not_allowed",
                format!("a {decision} decision sets no re-review date"),
            );
            None
        }
        (false, None) => None,
    };
    v.finish()?;
    let event = event.ok_or_else(|| ApiError::internal("checked above"))?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let answer = state
        .write(move |c| hardship_files::decide(c, &actor, &scope, &id, &if_match, event, note, due))
        .await?;
    let answer = answer.offer(&user.id, &|p| user.can(p));
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(answer.version)))
        .json(answer))
}

/// Twelve months on, for callers that show the default.
pub fn default_due(from: NaiveDate) -> Option<NaiveDate> {
    from.checked_add_months(Months::new(REVIEW_INTERVAL_MONTHS))
}
