//! `POST /members/{id}/honours`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};

use super::{CreateHonour, Honour};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::member_honours::{self, HonourRow};
use crate::db::models::{audit_events, members};
use crate::domain::code_lists;
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::state::AppState;

/// Records an honour of a member in your scope.
#[utoipa::path(
    tag = "honours",
    request_body = CreateHonour,
    params(
        ("id" = String, Path, description = "Member id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request"),
    ),
    responses(
        (status = 201, description = "Recorded", body = Honour),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not change members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/members/{id}/honours")]
pub async fn create_member_honour(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Body<CreateHonour>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    reach::member(&state, &user, &id).await?;
    let body = body.into_inner()?;
    let mut v = Validator::new();
    for (field, list, value) in [
        ("kind", &code_lists::HONOUR_KINDS, &body.kind),
        ("level", &code_lists::HONOUR_LEVELS, &body.level),
    ] {
        v.code(field, list, value.trim());
    }
    let title = v.text("title", &body.title, 100);
    let awarding_body = v.text("awarding_body", &body.awarding_body, 100);
    if body.awarded_on > crate::domain::today() {
        v.add("awarded_on", "out_of_range", "must not be in the future");
    }
    v.finish()?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let row = state
        .write(move |c| {
            let (member, _) = members::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("member"))?;
            let row = HonourRow {
                id: crate::db::new_id(),
                member_id: member.id.clone(),
                kind: body.kind.trim().to_owned(),
                level: body.level.trim().to_owned(),
                title: title.unwrap_or_default(),
                awarded_on: body.awarded_on,
                awarding_body: awarding_body.unwrap_or_default(),
                version: 1,
                created_at: crate::db::now(),
            };
            member_honours::insert(c, &row)?;
            let summary = serde_json::json!({ "honour_id": row.id, "kind": row.kind, "level": row.level, "title": row.title, "awarded_on": row.awarded_on });
            audit_events::record(c, &actor, crate::domain::audit::AuditAction::MemberHonourAdd, crate::domain::audit::AuditResource::Member, &member.id, Some(&member.organisation_id), summary)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(Honour::from_row(row, None)))
}
