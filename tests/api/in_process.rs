//! The same application driven in-process through `actix_web::test`, without a socket: the route tree,
//! middleware and state wiring that `startup::build_app` assembles.

use actix_web::{test, web};
use gonghui_api::state::AppState;
use gonghui_tests::harness::{settings, Backend, TestDb, PASSWORD};

async fn in_process(backend: Backend) {
    let db = TestDb::create(backend);
    let s = settings(&db.url);
    let setup = s.clone();
    web::block(move || {
        let mut conn =
            gonghui_api::db::establish(&setup.database_url).unwrap_or_else(|e| panic!("{e}"));
        gonghui_api::db::run_migrations(&mut conn).unwrap_or_else(|e| panic!("{e}"));
        gonghui_api::demo::load(&mut conn, &setup, Some(PASSWORD))
            .unwrap_or_else(|e| panic!("{e}"));
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let pool = gonghui_api::db::pool(&s.database_url, 2, std::time::Duration::from_secs(2))
        .unwrap_or_else(|e| panic!("{e}"));
    let state = web::Data::new(AppState::new(s, pool).unwrap_or_else(|e| panic!("{e}")));
    let app = test::init_service(gonghui_api::startup::build_app(state)).await;

    let res = test::call_service(&app, test::TestRequest::get().uri("/healthz").to_request()).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().contains_key("x-request-id"));

    let login = test::TestRequest::post()
        .uri("/api/v1/auth/login")
        .set_json(serde_json::json!({ "username": "nanjiang-staff", "password": PASSWORD }))
        .to_request();
    let body: serde_json::Value = test::call_and_read_body_json(&app, login).await;
    let token = body["access_token"].as_str().unwrap_or_default().to_owned();
    let me = test::TestRequest::get()
        .uri("/api/v1/me")
        .insert_header(("authorization", format!("Bearer {token}")))
        .to_request();
    let me: serde_json::Value = test::call_and_read_body_json(&app, me).await;
    assert_eq!(me["organisation_name"].as_str(), Some("南江县总工会"));

    let spec = test::TestRequest::get()
        .uri("/api/openapi.json")
        .to_request();
    let spec: serde_json::Value = test::call_and_read_body_json(&app, spec).await;
    let expected: serde_json::Value = serde_json::from_str(
        &gonghui_api::startup::openapi()
            .to_json()
            .unwrap_or_default(),
    )
    .unwrap_or_default();
    assert_eq!(spec, expected, "the served document is the generated one");
    let docs = test::call_service(&app, test::TestRequest::get().uri("/docs/").to_request()).await;
    assert_eq!(
        docs.status(),
        200,
        "Swagger UI is served (vendored, offline)"
    );
}

#[actix_web::test]
async fn the_app_serves_in_process_on_sqlite() {
    in_process(Backend::Sqlite).await
}

#[actix_web::test]
async fn the_app_serves_in_process_on_postgres() {
    in_process(Backend::Postgres).await
}
