//! `PATCH /members/{id}`.

use actix_web::http::header::ETAG;
use actix_web::{patch, web, HttpResponse};

use super::{audit_view, validate, Member, UpdateMember};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::{audit_events, members};
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::http::body::Body;
use crate::http::etag::{etag, IfMatch};
use crate::state::AppState;

/// Changes a member's record. Send the `ETag` you read as `If-Match`.
#[utoipa::path(
    tag = "members",
    request_body = UpdateMember,
    params(
        ("id" = String, Path, description = "Member id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "Updated", body = Member, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not change members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The corrected ID number belongs to another member", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/members/{id}")]
pub async fn update_member(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Body<UpdateMember>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    reach::member(&state, &user, &id).await?;
    let body = body.into_inner()?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let row = state
        .write(move |c| {
            let (current, _) = members::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("member"))?;
            if_match.check("member", current.version)?;
            let changes = validate(body, Some(&current))?;
            if let Some(new_id) = changes
                .id_number
                .as_deref()
                .filter(|n| *n != current.id_number)
            {
                if members::find_by_id_number(c, new_id)?.is_some() {
                    return Err(ApiError::conflict(
                        ErrorCode::MemberExists,
                        "that ID number belongs to another member",
                    ));
                }
            }
            if !members::update(c, &current.id, &changes, current.version)? {
                return Err(ApiError::changed("member", None));
            }
            let after = members::find_in_scope(c, &current.id, &scope)?
                .ok_or_else(|| ApiError::not_found("member"))?;
            let diff = audit_events::diff(&audit_view(&current), &audit_view(&after.0));
            audit_events::record(
                c,
                &actor,
                crate::domain::audit::AuditAction::MemberUpdate,
                crate::domain::audit::AuditResource::Member,
                &current.id,
                Some(&current.organisation_id),
                diff,
            )?;
            Ok(after)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(row.0.version)))
        .json(Member::from(row).offer(&|p| user.can(p))))
}
