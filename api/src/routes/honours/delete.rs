//! `DELETE /members/{id}/honours/{honour_id}`.

use actix_web::{delete, web, HttpResponse};

use crate::auth::{AuthUser, Permission};
use crate::db::models::{audit_events, member_honours, members};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::etag::IfMatch;
use crate::state::AppState;

/// Removes an honour recorded by mistake. Send its version as `If-Match`.
#[utoipa::path(
    tag = "honours",
    params(
        ("id" = String, Path, description = "Member id"),
        ("honour_id" = String, Path, description = "Honour id"),
        ("If-Match" = String, Header, description = "The honour's version, quoted"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not change members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member or honour in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/members/{id}/honours/{honour_id}")]
pub async fn delete_member_honour(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    let (member_id, honour_id) = path.into_inner();
    let scope = user.scope();
    let actor = user.actor();
    state
        .write(move |c| {
            let (member, _) = members::find_in_scope(c, &member_id, &scope)?.ok_or_else(|| ApiError::not_found("member"))?;
            let honour = member_honours::find(c, &member.id, &honour_id)?.ok_or_else(|| ApiError::not_found("honour"))?;
            if_match.check("honour", honour.version)?;
            if !member_honours::delete(c, &honour.id, honour.version)? {
                return Err(ApiError::changed("honour", None));
            }
            let summary = serde_json::json!({ "honour_id": honour.id, "title": honour.title, "awarded_on": honour.awarded_on });
            audit_events::record(c, &actor, crate::domain::audit::AuditAction::MemberHonourRemove, crate::domain::audit::AuditResource::Member, &member.id, Some(&member.organisation_id), summary)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
