//! `POST /organisations/{id}/move`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{check_placement, respond, Organisation};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::organisations::{self as model, find_in_scope};
use crate::domain::organisation::OrgKind;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::http::body::Body;
use crate::http::etag::IfMatch;
use crate::state::AppState;

/// Where to move an organisation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveOrganisation {
    /// The new parent, in your scope, active, and not the organisation itself or below it.
    pub parent_id: String,
}

/// Moves an organisation, with everything below it, under a new parent, in one transaction.
#[utoipa::path(
    tag = "organisations",
    request_body = MoveOrganisation,
    params(
        ("id" = String, Path, description = "Organisation id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request"),
    ),
    responses(
        (status = 200, description = "Moved", body = Organisation, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not move organisations", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Into its own subtree, the root, or under an archived parent", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown parent, or a kind not allowed under it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/organisations/{id}/move")]
pub async fn move_organisation(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Body<MoveOrganisation>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::OrganisationsWrite)?;
    reach::organisation(&state, &user, &id).await?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let parent_id = body.into_inner()?.parent_id.trim().to_owned();
    let (row, has_children) = state
        .write(move |c| {
            let current = find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("organisation"))?;
            if_match.check("organisation", current.version)?;
            let has_children =
                !model::with_children(c, std::slice::from_ref(&current.id))?.is_empty();
            let Some(old_parent) = current.parent_id.clone() else {
                return Err(ApiError::conflict(
                    ErrorCode::OrganisationIsRoot,
                    "the root organisation cannot be moved",
                ));
            };
            let parent = find_in_scope(c, &parent_id, &scope)?.ok_or_else(|| {
                ApiError::field(
                    "parent_id",
                    "not_found",
                    "no such organisation in your scope",
                )
            })?;
            if parent.path.starts_with(&current.path) {
                return Err(ApiError::conflict(
                    ErrorCode::OrganisationMoveIntoDescendant,
                    "an organisation cannot move under itself or one of its descendants",
                ));
            }
            if parent.id == old_parent {
                return Ok((current, has_children));
            }
            if parent.status != crate::domain::organisation::OrgStatus::Active {
                return Err(ApiError::conflict(
                    ErrorCode::OrganisationParentArchived,
                    "the new parent is archived",
                ));
            }
            check_placement(
                OrgKind::parse(&current.kind).unwrap_or(OrgKind::EnterpriseUnion),
                &parent,
            )?;
            let moved = model::move_subtree(c, &current, &parent)?;
            if moved == 0 {
                return Err(ApiError::changed("organisation", None));
            }
            let after =
                model::find(c, &current.id)?.ok_or_else(|| ApiError::not_found("organisation"))?;
            let changes = serde_json::json!({
                "parent_id": { "from": old_parent, "to": parent.id },
                "subtree_size": moved,
            });
            audit_events::record(
                c,
                &actor,
                crate::domain::audit::AuditAction::OrganisationMove,
                crate::domain::audit::AuditResource::Organisation,
                &after.id,
                Some(&after.id),
                changes,
            )?;
            Ok((after, has_children))
        })
        .await?;
    tracing::info!(org.id = %row.id, "organisation moved");
    Ok(respond(StatusCode::OK, row, has_children, &user))
}
