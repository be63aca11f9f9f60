//! `/api/v1/membership-requests`: joining a union and transferring between unions, each with its
//! approval steps. A request is seen only by those with scope over one of its sides.

pub mod approve;
pub mod create_join;
pub mod create_transfer;
pub mod get;
pub mod list;
pub mod reject;
pub mod release;

pub use crate::views::membership_requests::*;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_membership_requests)
        .service(create_join::create_join_request)
        .service(create_transfer::create_transfer_request)
        .service(get::get_membership_request)
        .service(release::release_membership_request)
        .service(approve::approve_membership_request)
        .service(reject::reject_membership_request);
}
