//! `PATCH /me/member`.

use actix_web::http::header::ETAG;
use actix_web::{patch, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::own_member;
use crate::auth::AuthUser;
use crate::db::models::{audit_events, members};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::body::Body;
use crate::http::etag::{etag, IfMatch};
use crate::state::AppState;
use crate::views::members::{audit_view, validate, Member, UpdateMember};

/// Your contact details; absent fields stay, `null` clears.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOwnContact {
    /// Your mobile number (checked and stored in one canonical form).
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub mobile: Option<Option<String>>,
}

/// Updates your own contact details. Everything else in the record is kept by your union.
#[utoipa::path(
    tag = "self-service",
    request_body = UpdateOwnContact,
    params(("If-Match" = String, Header, description = "Your record's ETag")),
    responses(
        (status = 200, description = "Updated", body = Member, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Your account is not linked to a member record yet", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid mobile number, or a field you may not change", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/me/member")]
pub async fn update_own_contact(
    state: web::Data<AppState>,
    user: AuthUser,
    if_match: IfMatch,
    body: Body<UpdateOwnContact>,
) -> ApiResult<HttpResponse> {
    let id = own_member(&user)?;
    let body = body.into_inner()?;
    let actor = user.actor();
    let row = state
        .write(move |c| {
            let current =
                members::find_any(c, &id)?.ok_or_else(|| ApiError::not_found("member"))?;
            if_match.check("member", current.version)?;
            let changes = validate(
                UpdateMember {
                    mobile: body.mobile,
                    ..UpdateMember::default()
                },
                Some(&current),
            )?;
            if !members::update(c, &current.id, &changes, current.version)? {
                return Err(ApiError::changed("member", None));
            }
            let after = members::find_with_org(c, &current.id)?
                .ok_or_else(|| ApiError::not_found("member"))?;
            let diff = audit_events::diff(&audit_view(&current), &audit_view(&after.0));
            audit_events::record(
                c,
                &actor,
                crate::domain::audit::AuditAction::MemberUpdateOwnContact,
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
