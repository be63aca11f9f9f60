//! `GET /members/{id}/hardship-files`.

use actix_web::{get, web, HttpResponse};

use super::{HardshipFile, HardshipFileList};
use crate::auth::{AuthUser, Permission};
use crate::db::models::{audit_events, hardship_files, members};
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// A member's hardship files, newest first (the member page's hardship tab). The read is audited.
#[utoipa::path(
    tag = "hardship-files",
    params(("id" = String, Path, description = "Member id")),
    responses(
        (status = 200, description = "The member's files", body = HardshipFileList),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read hardship files", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/members/{id}/hardship-files")]
pub async fn list_member_hardship_files(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::HardshipRead)?;
    let scope = user.scope();
    let actor = user.actor();
    let id = id.into_inner();
    let items = state
        .write(move |c| {
            let (member, union) = members::find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("member"))?;
            let rows = hardship_files::for_member(c, &member.id)?;
            let summary = serde_json::json!({ "files_shown": rows.len() });
            audit_events::record(
                c,
                &actor,
                "hardship_file.list",
                "member",
                &member.id,
                Some(&member.organisation_id),
                summary,
            )?;
            Ok::<_, ApiError>(
                rows.into_iter()
                    .map(|r| {
                        HardshipFile::new(
                            r,
                            member.name.clone(),
                            member.organisation_id.clone(),
                            union.clone(),
                        )
                    })
                    .collect(),
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(HardshipFileList { items }))
}
