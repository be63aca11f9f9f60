//! `/api/v1/organisations`: the organisation tree. One file per action.

pub mod ancestors;
pub mod archive;
pub mod children;
pub mod create;
pub mod get;
pub mod list;
pub mod move_;
pub mod restore;
pub mod tree;
pub mod update;

pub use crate::views::organisations::*;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_organisations)
        .service(create::create_organisation)
        .service(get::get_organisation)
        .service(update::update_organisation)
        .service(archive::archive_organisation)
        .service(restore::restore_organisation)
        .service(move_::move_organisation)
        .service(children::list_organisation_children)
        .service(ancestors::list_organisation_ancestors)
        .service(tree::get_organisation_tree);
}
