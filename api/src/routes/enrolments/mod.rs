//! Enrolments (`/api/v1/courses/{id}/enrolments`): places first come, first served; over the maximum a
//! first-come waitlist. Every enrolment and withdrawal takes the course row's lock first, so concurrent
//! clients are decided one at a time and the waitlist keeps arrival order; when a place frees, the first
//! on the waitlist moves up in the same transaction and gets a notice.

pub mod create;
pub mod list;
pub mod withdraw;

pub use crate::views::enrolments::*;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create::create_enrolment)
        .service(list::list_enrolments)
        .service(withdraw::withdraw_enrolment);
}
