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

#[cfg(test)]
mod layering {
    //! Route modules translate HTTP; what they share lives in `views` and `services`. A route module that
    //! imports another is how the old circles (courses ↔ enrolments ↔ certificates) began, so it fails here.

    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn no_route_module_imports_another() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&root.join("routes"), &mut files);
        sources(&root.join("services"), &mut files);
        sources(&root.join("views"), &mut files);
        assert!(files.len() > 50, "found {} sources", files.len());
        let mut offenders = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let in_routes = file.starts_with(root.join("routes"));
            for (n, line) in text.lines().enumerate() {
                // Spelled in pieces so that this test does not find itself.
                let crosses = line.contains(concat!("crate::", "routes::"))
                    || (in_routes && line.contains(concat!("super::", "super::")));
                if crosses && !line.trim_start().starts_with("//") {
                    offenders.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
        assert!(offenders.is_empty(), "{}", offenders.join("\n"));
    }

    #[test]
    fn the_domain_crate_stays_pure() {
        let manifest =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../domain/Cargo.toml");
        let text = std::fs::read_to_string(manifest).unwrap_or_default();
        assert!(
            text.contains("gonghui-domain"),
            "domain/Cargo.toml not found"
        );
        for banned in ["diesel", "actix", "r2d2", "tokio", "reqwest", "libsqlite3"] {
            assert!(
                !text.contains(banned),
                "the domain crate must not depend on {banned}"
            );
        }
    }
}
