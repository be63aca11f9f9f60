//! `GET /members/{id}/history`.

use actix_web::{get, web, HttpResponse};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Permission};
use crate::db::models::members::{self, MembershipChangeRow};
use crate::db::models::organisations;
use crate::error::{ApiError, ApiResult, Problem};
use crate::routes::organisations::rfc3339;
use crate::state::AppState;

/// One membership change (会籍变化).
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipChange {
    /// Id.
    pub id: String,
    /// Code list `membership-change-reasons`: join, transfer_in, transfer_out, suspend, retain, leave, death, restore.
    pub change: String,
    /// Effective date.
    pub effective_on: NaiveDate,
    /// The union left.
    pub from_organisation_id: Option<String>,
    /// Its name.
    pub from_organisation_name: Option<String>,
    /// The union joined.
    pub to_organisation_id: Option<String>,
    /// Its name.
    pub to_organisation_name: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// Recorded (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub recorded_at: String,
}

impl MembershipChange {
    /// Maps a row, naming the unions from `names`.
    fn from_row(
        r: MembershipChangeRow,
        names: &std::collections::HashMap<String, String>,
    ) -> MembershipChange {
        MembershipChange {
            id: r.id,
            change: r.change,
            effective_on: r.effective_on,
            from_organisation_name: r
                .from_organisation_id
                .as_ref()
                .and_then(|i| names.get(i).cloned()),
            to_organisation_name: r
                .to_organisation_id
                .as_ref()
                .and_then(|i| names.get(i).cloned()),
            from_organisation_id: r.from_organisation_id,
            to_organisation_id: r.to_organisation_id,
            reason: r.reason,
            recorded_at: rfc3339(r.created_at),
        }
    }
}

/// A member's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipHistory {
    /// Oldest first.
    pub items: Vec<MembershipChange>,
}

/// The full membership history of a member in your scope, oldest first.
#[utoipa::path(
    tag = "members",
    params(("id" = String, Path, description = "Member id")),
    responses(
        (status = 200, description = "The history", body = MembershipHistory),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/members/{id}/history")]
pub async fn list_member_history(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersRead)?;
    let scope = user.scope();
    let id = id.into_inner();
    let rows = state
        .read(move |c| {
            members::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("member"))?;
            load_history(c, &id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(MembershipHistory { items: rows }))
}

/// A member's history, oldest first, with the names of the unions involved.
pub fn load_history(
    c: &mut crate::db::DbConn,
    member_id: &str,
) -> ApiResult<Vec<MembershipChange>> {
    let rows = members::history(c, member_id)?;
    // Unions a member has left may lie outside the caller's scope now; their names are part of
    // the member's own history and are shown.
    let ids: Vec<String> = rows
        .iter()
        .flat_map(|r| [r.from_organisation_id.clone(), r.to_organisation_id.clone()])
        .flatten()
        .collect();
    let names = organisations::by_ids(c, &ids)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| MembershipChange::from_row(r, &names))
        .collect::<Vec<_>>())
}
