//! Certificates: issued when a course finishes to those who completed it; listed per course, revoked by
//! staff, and verified by anyone without logging in (`GET /certificates/{code}/verify`).

pub mod list;
pub mod revoke;
pub mod verify;

pub use crate::views::certificates::*;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_certificates)
        .service(revoke::revoke_certificate);
}

/// Registers the public endpoint (outside the authenticated scope's defaults, no token needed).
pub fn configure_public(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(verify::verify_certificate);
}
