//! `PATCH /organisations/{id}`.

use actix_web::http::StatusCode;
use actix_web::{patch, web, HttpResponse};

use super::{audit_view, check_placement, respond, validate, Organisation, UpdateOrganisation};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events::{self, diff};
use crate::db::models::organisations::{self as model, find_in_scope};
use crate::domain::organisation::OrgKind;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::body::Body;
use crate::http::etag::IfMatch;
use crate::state::AppState;

/// Changes an organisation's profile. Send the `ETag` you read as `If-Match`.
#[utoipa::path(
    tag = "organisations",
    request_body = UpdateOrganisation,
    params(
        ("id" = String, Path, description = "Organisation id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "Updated", body = Organisation, headers(("ETag" = String))),
        (status = 400, description = "Malformed JSON or If-Match", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not change organisations", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a kind that no longer fits parent or children", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/organisations/{id}")]
pub async fn update_organisation(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Body<UpdateOrganisation>,
) -> ApiResult<HttpResponse> {
    if !(user.can(Permission::OrganisationsWrite) || user.can(Permission::OrganisationsUpdate)) {
        user.require(Permission::OrganisationsUpdate)?;
    }
    reach::organisation(&state, &user, &id).await?;
    let body = body.into_inner()?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let (row, has_children) = state
        .write(move |c| {
            let current = find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("organisation"))?;
            if_match.check("organisation", current.version)?;
            let new_kind = body.kind.filter(|k| k.as_str() != current.kind);
            let changes = validate(body, Some(&current))?;
            if let Some(kind) = new_kind {
                if let Some(parent_id) = &current.parent_id {
                    let parent = model::find(c, parent_id)?
                        .ok_or_else(|| ApiError::internal("parent missing"))?;
                    check_placement(kind, &parent)?;
                }
                for child in model::child_kinds(c, &current.id)? {
                    if let Some(child_kind) = OrgKind::parse(&child) {
                        if !child_kind.may_sit_under(kind) {
                            let probe = model::OrganisationRow {
                                kind: kind.as_str().to_owned(),
                                ..current.clone()
                            };
                            return Err(check_placement(child_kind, &probe)
                                .err()
                                .unwrap_or_else(|| ApiError::internal("placement")));
                        }
                    }
                }
            }
            if !model::update(c, &current.id, &changes, current.version)? {
                return Err(ApiError::changed("organisation", None));
            }
            let after =
                model::find(c, &current.id)?.ok_or_else(|| ApiError::not_found("organisation"))?;
            audit_events::record(
                c,
                &actor,
                crate::domain::audit::AuditAction::OrganisationUpdate,
                crate::domain::audit::AuditResource::Organisation,
                &after.id,
                Some(&after.id),
                diff(&audit_view(&current), &audit_view(&after)),
            )?;
            let kids = model::with_children(c, std::slice::from_ref(&after.id))?;
            Ok((after, !kids.is_empty()))
        })
        .await?;
    Ok(respond(StatusCode::OK, row, has_children, &user))
}
