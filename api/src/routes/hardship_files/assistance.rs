//! `POST /hardship-files/{id}/assistance`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{HardshipAssistance, MAX_ASSISTANCE_FEN};
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events;
use crate::db::models::hardship_files::{self, AssistanceRow};
use crate::domain::code_lists;
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::services::hardship_files::not_actionable;
use crate::state::AppState;

/// Assistance given.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAssistance {
    /// Given on; not in the future and not before the file was applied for.
    pub given_on: NaiveDate,
    /// Code list `assistance-kinds`.
    pub kind: String,
    /// Amount in fen (分), 1 to 100,000,000.
    pub amount_fen: i64,
    /// Note (at most 200 characters), e.g. what was given in kind.
    pub note: Option<String>,
}

/// Records assistance given on an approved file (送温暖, 金秋助学, medical aid, ...).
#[utoipa::path(
    tag = "hardship-files",
    request_body = CreateAssistance,
    params(
        ("id" = String, Path, description = "Hardship file id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request"),
    ),
    responses(
        (status = 201, description = "Recorded", body = HardshipAssistance),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not change hardship files", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The file is not approved (hardship_file_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/hardship-files/{id}/assistance")]
pub async fn add_assistance(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Body<CreateAssistance>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::HardshipWrite)?;
    reach::hardship_file(&state, &user, &id).await?;
    let body = body.into_inner()?;
    let mut v = Validator::new();
    v.code("kind", &code_lists::ASSISTANCE_KINDS, body.kind.trim());
    if !(1..=MAX_ASSISTANCE_FEN).contains(&body.amount_fen) {
        v.add(
            "amount_fen",
            "out_of_range",
            format!("must be between 1 and {MAX_ASSISTANCE_FEN} fen"),
        );
    }
    if body.given_on > crate::domain::today() {
        v.add("given_on", "out_of_range", "must not be in the future");
    }
    let note = v.opt_text("note", body.note.as_deref(), 200);
    v.finish()?;
    let scope = user.scope();
    let actor = user.actor();
    let me = user.id.clone();
    let id = id.into_inner();
    let row = state
        .write(move |c| {
            let (file, _, union_id, _) =
                hardship_files::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("hardship file"))?;
            if file.status != crate::domain::hardship::HardshipStatus::Approved {
                return Err(not_actionable(format!("assistance is recorded on approved files; this one is {}", file.status)));
            }
            if body.given_on < file.applied_on {
                return Err(ApiError::field("given_on", "out_of_range", format!("must not be before the file was applied for ({})", file.applied_on)));
            }
            let row = AssistanceRow {
                id: crate::db::new_id(),
                file_id: file.id.clone(),
                given_on: body.given_on,
                kind: body.kind.trim().to_owned(),
                amount_fen: body.amount_fen,
                note,
                recorded_by: me.clone(),
                created_at: crate::db::now(),
            };
            hardship_files::insert_assistance(c, &row)?;
            let summary = serde_json::json!({ "assistance_id": row.id, "kind": row.kind, "amount_fen": row.amount_fen, "given_on": row.given_on });
            audit_events::record(c, &actor, crate::domain::audit::AuditAction::HardshipFileAssistanceAdd, crate::domain::audit::AuditResource::HardshipFile, &file.id, Some(&union_id), summary)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(HardshipAssistance::from(row)))
}
