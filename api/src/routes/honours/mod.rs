//! Honours (荣誉): model-worker titles, May-1st medals and the like, per member, and the list of
//! honoured members of a subtree (the model-worker register, 劳模名册).

pub mod create;
pub mod delete;
pub mod list;
pub mod list_member;

pub use crate::views::honours::*;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_honours)
        .service(list_member::list_member_honours)
        .service(create::create_member_honour)
        .service(delete::delete_member_honour);
}
