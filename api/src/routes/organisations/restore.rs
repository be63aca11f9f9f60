//! `POST /organisations/{id}/restore`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};

use super::{audit_view, respond, Organisation};
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events::{self, diff};
use crate::db::models::organisations::{self as model, find_in_scope};
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::http::etag::IfMatch;
use crate::state::AppState;

/// Restores an archived organisation. Its parent must be active.
#[utoipa::path(
    tag = "organisations",
    params(
        ("id" = String, Path, description = "Organisation id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request"),
    ),
    responses(
        (status = 200, description = "Active again (or already active)", body = Organisation, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not restore organisations", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The parent is archived", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/organisations/{id}/restore")]
pub async fn restore_organisation(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    user.require(Permission::OrganisationsWrite)?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let (row, has_children) = state
        .write(move |c| {
            let current = find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("organisation"))?;
            if_match.check("organisation", current.version)?;
            let has_children =
                !model::with_children(c, std::slice::from_ref(&current.id))?.is_empty();
            if current.status == crate::domain::organisation::OrgStatus::Active {
                return Ok((current, has_children));
            }
            if let Some(parent_id) = &current.parent_id {
                let parent = model::find(c, parent_id)?
                    .ok_or_else(|| ApiError::internal("parent missing"))?;
                if parent.status != crate::domain::organisation::OrgStatus::Active {
                    return Err(ApiError::conflict(
                        ErrorCode::OrganisationParentArchived,
                        "restore the parent organisation first",
                    ));
                }
            }
            if !model::set_status(
                c,
                &current.id,
                crate::domain::organisation::OrgStatus::Active,
                current.version,
            )? {
                return Err(ApiError::changed("organisation", None));
            }
            let after =
                model::find(c, &current.id)?.ok_or_else(|| ApiError::not_found("organisation"))?;
            audit_events::record(
                c,
                &actor,
                crate::domain::audit::AuditAction::OrganisationRestore,
                crate::domain::audit::AuditResource::Organisation,
                &after.id,
                Some(&after.id),
                diff(&audit_view(&current), &audit_view(&after)),
            )?;
            Ok((after, has_children))
        })
        .await?;
    Ok(respond(StatusCode::OK, row, has_children, &user))
}
