//! `POST /organisations/{id}/archive`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};

use super::{audit_view, respond, Organisation};
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events::{self, diff};
use crate::db::models::organisations::{self as model, find_in_scope};
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::http::etag::IfMatch;
use crate::state::AppState;

/// Archives an organisation (organisations are never deleted). Its children must be archived first.
#[utoipa::path(
    tag = "organisations",
    params(
        ("id" = String, Path, description = "Organisation id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request"),
    ),
    responses(
        (status = 200, description = "Archived (or already archived)", body = Organisation, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not archive organisations, or it is your own home organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It has active children, or it is the root", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/organisations/{id}/archive")]
pub async fn archive_organisation(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    user.require(Permission::OrganisationsWrite)?;
    let scope = user.scope();
    let actor = user.actor();
    let home = user.organisation_id.clone();
    let id = id.into_inner();
    let (row, has_children) = state
        .write(move |c| {
            let current = find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("organisation"))?;
            if_match.check("organisation", current.version)?;
            let has_children = !model::with_children(c, std::slice::from_ref(&current.id))?.is_empty();
            if current.status == crate::domain::organisation::OrgStatus::Archived {
                return Ok((current, has_children));
            }
            if current.parent_id.is_none() {
                return Err(ApiError::conflict(ErrorCode::OrganisationIsRoot, "the root organisation cannot be archived"));
            }
            if current.id == home {
                return Err(ApiError::forbidden("you cannot archive your own home organisation"));
            }
            let active = model::active_children(c, &current.id)?;
            if active > 0 {
                return Err(ApiError::conflict(
                    ErrorCode::OrganisationHasActiveChildren,
                    format!("{active} child organisation(s) are still active; archive or move them first"),
                ));
            }
            if !model::set_status(c, &current.id, crate::domain::organisation::OrgStatus::Archived, current.version)? {
                return Err(ApiError::changed("organisation", None));
            }
            let after = model::find(c, &current.id)?.ok_or_else(|| ApiError::not_found("organisation"))?;
            audit_events::record(c, &actor, crate::domain::audit::AuditAction::OrganisationArchive, crate::domain::audit::AuditResource::Organisation, &after.id, Some(&after.id), diff(&audit_view(&current), &audit_view(&after)))?;
            Ok((after, has_children))
        })
        .await?;
    Ok(respond(StatusCode::OK, row, has_children, &user))
}
