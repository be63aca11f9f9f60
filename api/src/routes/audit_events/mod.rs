//! `/api/v1/audit-events`: the append-only audit log, read by admins within their scope.

pub mod list;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_audit_events);
}
