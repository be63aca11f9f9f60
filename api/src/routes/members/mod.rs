//! `/api/v1/members`: the member registry. One file per action.

pub mod create;
pub mod export;
pub mod get;
pub mod history;
pub mod issue_cards;
pub mod list;
pub mod record_change;
pub mod reveal;
pub mod update;

pub use crate::views::members::*;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    // `/members/export` before `/members/{id}`, which would take "export" for an id.
    // `/members/export` comes before `/members/{id}`, which would otherwise take "export" for an id.
    cfg.service(list::list_members)
        .service(export::export_members)
        .service(create::create_member)
        .service(get::get_member)
        .service(update::update_member)
        .service(reveal::reveal_member)
        .service(history::list_member_history)
        .service(record_change::record_membership_change)
        .service(issue_cards::issue_member_cards);
}
