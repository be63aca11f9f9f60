//! Training courses (`/api/v1/courses`): owned by an organisation (scope as everywhere), with sessions, a
//! life cycle draft → open (→ full) → running → finished, or cancelled with a notice to everyone enrolled.
//! Enrolments, attendance and certificates have their own areas.

pub mod cancel;
pub mod create;
pub mod finish;
pub mod get;
pub mod list;
pub mod notices;
pub mod publish;
pub mod sessions;
pub mod start;
pub mod update;

pub use crate::views::courses::*;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_courses)
        .service(create::create_course)
        .service(get::get_course)
        .service(update::update_course)
        .service(publish::publish_course)
        .service(start::start_course)
        .service(finish::finish_course)
        .service(cancel::cancel_course)
        .service(sessions::add_session)
        .service(sessions::delete_session)
        .service(notices::list_course_notices);
}
