//! `GET /audit-events`.

use crate::domain::audit::{AuditAction, AuditResource};
use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{AuthUser, Permission};
use crate::db::models::audit_events::{self, AuditEventRow, ListFilter};
use crate::error::{ApiResult, Problem};
use crate::http::pagination::{finish, PageParams};
use crate::state::AppState;
use crate::views::rfc3339;

/// Filters of the audit log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilters {
    /// The kind of resource.
    pub resource_type: Option<AuditResource>,
    /// One resource's events.
    pub resource_id: Option<String>,
    /// One actor's events.
    pub actor_id: Option<String>,
    /// One action, e.g. `organisation.update`.
    pub action: Option<AuditAction>,
    /// From this time (inclusive, RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Until this time (exclusive, RFC 3339).
    pub to: Option<DateTime<Utc>>,
}

/// One recorded change.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEvent {
    /// Id.
    pub id: String,
    /// When (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub occurred_at: String,
    /// The account that acted (`null` for the command line).
    pub actor_id: Option<String>,
    /// Its username at the time.
    pub actor_username: Option<String>,
    /// What happened, e.g. `organisation.move`.
    #[schema(value_type = AuditAction)]
    pub action: String,
    /// The kind of resource.
    #[schema(value_type = AuditResource)]
    pub resource_type: String,
    /// The resource.
    pub resource_id: String,
    /// The organisation the event belongs to.
    pub organisation_id: Option<String>,
    /// The request that made the change.
    pub request_id: Option<String>,
    /// Changed fields as `{field: {from, to}}`; personal numbers masked.
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub changes: serde_json::Value,
}

impl From<AuditEventRow> for AuditEvent {
    fn from(r: AuditEventRow) -> AuditEvent {
        AuditEvent {
            id: r.id,
            occurred_at: rfc3339(r.occurred_at),
            actor_id: r.actor_id,
            actor_username: r.actor_username,
            action: r.action,
            resource_type: r.resource_type,
            resource_id: r.resource_id,
            organisation_id: r.organisation_id,
            request_id: r.request_id,
            changes: serde_json::from_str(&r.changes).unwrap_or(serde_json::Value::Null),
        }
    }
}

/// A page of audit events.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventPage {
    /// This page, newest first.
    pub items: Vec<AuditEvent>,
    /// Cursor of the next (older) page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// Lists audit events about organisations in your scope, newest first.
#[utoipa::path(
    tag = "audit",
    params(AuditFilters, PageParams),
    responses(
        (status = 200, description = "A page of events", body = AuditEventPage),
        (status = 400, description = "A malformed parameter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins read the audit log", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/audit-events")]
pub async fn list_audit_events(
    state: web::Data<AppState>,
    user: AuthUser,
    filters: web::Query<AuditFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::AuditRead)?;
    let limit = page.limit()?;
    let before = page.after()?;
    let f = filters.into_inner();
    let filter = ListFilter {
        resource_type: f.resource_type.map(|r| r.as_str().to_owned()),
        resource_id: f.resource_id,
        actor_id: f.actor_id,
        action: f.action.map(|a| a.as_str().to_owned()),
        from: f.from.map(|t| t.naive_utc()),
        to: f.to.map(|t| t.naive_utc()),
    };
    let scope = user.scope();
    let rows = state
        .read(move |c| {
            Ok(audit_events::list(
                c,
                &scope,
                &filter,
                before.as_deref(),
                limit,
            )?)
        })
        .await?;
    let (rows, next_cursor) = finish(rows, limit, |r| r.id.clone());
    Ok(HttpResponse::Ok().json(AuditEventPage {
        items: rows.into_iter().map(AuditEvent::from).collect(),
        next_cursor,
    }))
}
