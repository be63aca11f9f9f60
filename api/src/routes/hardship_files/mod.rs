//! Hardship files (困难职工档案): a member's household circumstances, evidence, review decisions over time
//! (动态管理) and the assistance given. Sensitive: only roles with `hardship:read` see them, and every read
//! (a file, a list page, an evidence download) writes an audit event. Scope follows the member's union.

pub mod assistance;
pub mod create;
pub mod decide;
pub mod evidence;
pub mod get;
pub mod list;
pub mod list_member;
pub mod update;

pub use crate::views::hardship_files::*;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_hardship_files)
        .service(list_member::list_member_hardship_files)
        .service(create::create_hardship_file)
        .service(get::get_hardship_file)
        .service(update::update_hardship_file)
        .service(decide::decide_hardship_file)
        .service(evidence::upload_evidence)
        .service(evidence::download_evidence)
        .service(evidence::delete_evidence)
        .service(assistance::add_assistance);
}
