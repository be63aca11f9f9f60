//! The route tree. Each area is a folder with one file per action; `api_scope` assembles `/api/v1`.

pub mod accounts;
pub mod attendance;
pub mod audit_events;
pub mod auth;
pub mod certificates;
pub mod code_lists;
pub mod course_requests;
pub mod courses;
pub mod enrolments;
pub mod hardship_files;
pub mod health;
pub mod honours;
pub mod member_imports;
pub mod members;
pub mod membership_requests;
pub mod organisations;
pub mod self_service;

/// Everything under `/api/v1`.
pub fn api_scope() -> utoipa_actix_web::scope::Scope<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    utoipa_actix_web::scope("/api/v1")
        .configure(auth::configure)
        .configure(organisations::configure)
        .configure(accounts::configure)
        .configure(audit_events::configure)
        .configure(members::configure)
        .configure(membership_requests::configure)
        .configure(member_imports::configure)
        .configure(honours::configure)
        .configure(hardship_files::configure)
        .configure(self_service::configure)
        .configure(courses::configure)
        .configure(enrolments::configure)
        .configure(attendance::configure)
        .configure(certificates::configure)
        .configure(certificates::configure_public)
        .configure(course_requests::configure)
        .configure(code_lists::configure)
}
