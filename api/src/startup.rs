//! Assembles the application: middleware, the documented route tree, Swagger UI, the optional web app.
//! `openapi()` builds the same tree without state, so the spec needs no database.

use std::net::TcpListener;
use std::path::PathBuf;

use actix_web::dev::{fn_service, Server, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Condition};
use actix_web::{web, App, HttpRequest, HttpServer, ResponseError};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::error::{ApiError, ErrorCode};
use crate::http::{
    idempotency::idempotency, request_id::observe, text_guard::refuse_control_characters,
};
use crate::openapi::ApiDoc;
use crate::routes;
use crate::state::AppState;

/// The OpenAPI document, exactly as the server serves it.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(routes::api_scope())
        .configure(routes::health::configure)
        .split_for_parts();
    crate::openapi::complete(api)
}

fn query_error(err: actix_web::error::QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    ApiError::bad_request(
        ErrorCode::InvalidParameter,
        format!("invalid query parameter: {err}"),
    )
    .into()
}

fn path_error(err: actix_web::error::PathError, _: &HttpRequest) -> actix_web::Error {
    ApiError::bad_request(
        ErrorCode::InvalidParameter,
        format!("invalid path parameter: {err}"),
    )
    .into()
}

fn not_found() -> ApiError {
    ApiError::new(
        actix_web::http::StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        "no such endpoint",
    )
}

/// The documented paths and their methods, to tell "no such endpoint" (404) from "not with this method"
/// (405 with `Allow`) when no route matched.
struct RouteTable(Vec<(Vec<String>, Vec<&'static str>)>);

impl RouteTable {
    fn from_openapi(api: &utoipa::openapi::OpenApi) -> RouteTable {
        let rows = api
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path.split('/').map(str::to_owned).collect();
                let methods = [
                    ("GET", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ]
                .into_iter()
                .filter_map(|(m, has)| has.then_some(m))
                .collect();
                (segments, methods)
            })
            .collect();
        RouteTable(rows)
    }

    /// The methods of the documented path the request's path matches, if any.
    fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let mut best: Option<(usize, &Vec<&'static str>)> = None;
        for (segments, methods) in &self.0 {
            if segments.len() != parts.len() {
                continue;
            }
            let mut literal = 0;
            let fits = segments.iter().zip(&parts).all(|(s, p)| {
                if s.starts_with('{') {
                    !p.is_empty()
                } else {
                    literal += 1;
                    s == p
                }
            });
            // The most literal template wins (`/members/cards` over `/members/{id}`).
            if fits && best.is_none_or(|(n, _)| literal > n) {
                best = Some((literal, methods));
            }
        }
        best.map(|(_, m)| m.clone())
    }

    fn unmatched(&self, req: &actix_web::HttpRequest) -> actix_web::HttpResponse {
        match self.allowed(req.path()) {
            Some(methods) if !methods.contains(&req.method().as_str()) => {
                let mut res = ApiError::new(
                    actix_web::http::StatusCode::METHOD_NOT_ALLOWED,
                    ErrorCode::MethodNotAllowed,
                    format!(
                        "{} is not allowed here; use {}",
                        req.method(),
                        methods.join(", ")
                    ),
                )
                .error_response();
                if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&methods.join(", ")) {
                    res.headers_mut().insert(actix_web::http::header::ALLOW, v);
                }
                res
            }
            _ => not_found().error_response(),
        }
    }
}

/// The whole application for one worker.
pub fn build_app(
    state: web::Data<AppState>,
) -> App<
    impl actix_web::dev::ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<actix_web::body::BoxBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let settings = state.settings.clone();
    let (app, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .app_data(state.clone())
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(path_error))
        .app_data(web::PayloadConfig::new(settings.body_limit_bytes))
        .service(routes::api_scope())
        .configure(routes::health::configure)
        .split_for_parts();

    let mut cors = actix_cors::Cors::default()
        .allowed_methods(["GET", "POST", "PATCH", "DELETE", "OPTIONS"])
        .allowed_headers([
            "authorization",
            "content-type",
            "if-match",
            "idempotency-key",
            "x-request-id",
            "accept-language",
        ])
        .expose_headers([
            "etag",
            "location",
            "x-request-id",
            "retry-after",
            "idempotent-replayed",
            "date",
        ])
        .max_age(3600);
    for origin in &settings.cors_origins {
        cors = cors.allowed_origin(origin);
    }
    let spa_dir = settings.spa_dir.clone();
    let api = crate::openapi::complete(api);
    let routes = std::sync::Arc::new(RouteTable::from_openapi(&api));

    app.service(SwaggerUi::new("/docs/{_:.*}").url("/api/openapi.json", api))
        .configure(move |cfg| {
            if let Some(dir) = spa_dir {
                cfg.service(spa_files(dir));
            }
        })
        .default_service(web::to(move |req: actix_web::HttpRequest| {
            let routes = routes.clone();
            async move { routes.unmatched(&req) }
        }))
        .wrap(from_fn(idempotency))
        // Before anything reads a parameter: a control character in the path or query is a 400.
        .wrap(from_fn(refuse_control_characters))
        // CORS only when origins are configured: same-origin deployments send Origin on POST too.
        .wrap(Condition::new(!settings.cors_origins.is_empty(), cors))
        .wrap(from_fn(observe))
}

/// The built web app, with client-side routes falling back to `index.html` (never for `/api/`).
fn spa_files(dir: PathBuf) -> actix_files::Files {
    let index = dir.join("index.html");
    actix_files::Files::new("/", dir)
        .index_file("index.html")
        .default_handler(fn_service(move |req: ServiceRequest| {
            let index = index.clone();
            async move {
                let (req, _) = req.into_parts();
                if req.path().starts_with("/api/") || req.path().starts_with("/docs") {
                    let res = not_found().error_response();
                    return Ok(ServiceResponse::new(req, res));
                }
                let file = actix_files::NamedFile::open_async(index).await?;
                let res = file
                    .use_etag(false)
                    .use_last_modified(false)
                    .into_response(&req);
                Ok(ServiceResponse::new(req, res))
            }
        }))
}

/// Starts the server on a bound listener (tests bind port 0).
pub fn run(listener: TcpListener, state: AppState) -> std::io::Result<Server> {
    let shutdown = state.settings.shutdown_timeout_seconds;
    let data = web::Data::new(state);
    let server = HttpServer::new(move || build_app(data.clone()))
        .listen(listener)?
        .shutdown_timeout(shutdown)
        .run();
    Ok(server)
}
