//! `POST /members/{id}/reveal`.

use actix_web::{post, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Permission};
use crate::db::models::{audit_events, members};
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// A member's personal numbers in full.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevealedMember {
    /// Member id.
    pub id: String,
    /// The full resident ID number.
    pub id_number: String,
    /// The full mobile number.
    pub mobile: Option<String>,
}

/// Shows a member's full ID and mobile numbers. Every reveal is written to the audit log; answers are
/// never cached or stored for `Idempotency-Key` replay.
#[utoipa::path(
    tag = "members",
    params(("id" = String, Path, description = "Member id")),
    responses(
        (status = 200, description = "The numbers", body = RevealedMember),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not reveal personal numbers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/members/{id}/reveal")]
pub async fn reveal_member(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersReveal)?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let row = state
        .write(move |c| {
            let (row, _) = members::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("member"))?;
            let fields = serde_json::json!({ "revealed": ["id_number", "mobile"] });
            audit_events::record(
                c,
                &actor,
                crate::domain::audit::AuditAction::MemberReveal,
                crate::domain::audit::AuditResource::Member,
                &row.id,
                Some(&row.organisation_id),
                fields,
            )?;
            Ok(row)
        })
        .await?;
    tracing::info!(member.id = %row.id, "personal numbers revealed");
    Ok(HttpResponse::Ok()
        .insert_header(("cache-control", "no-store"))
        .json(RevealedMember {
            id: row.id,
            id_number: row.id_number,
            mobile: row.mobile,
        }))
}
