//! The HTTP platform: errors as problem+json, request ids, health, metrics, limits, pagination, migrations.

use gonghui_tests::both;
use gonghui_tests::harness::{Backend, TestApp, TestDb};
use reqwest::Method;
use serde_json::json;

async fn healthz_and_readyz_answer_ok_and_metrics_count_requests(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let r = app.send(app.request(Method::GET, "/healthz", None)).await;
    assert_eq!((r.status, r.body["status"].as_str()), (200, Some("ok")));
    let r = app.send(app.request(Method::GET, "/readyz", None)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = app.send(app.request(Method::GET, "/metrics", None)).await;
    assert_eq!(r.status, 200);
    assert!(
        r.text.contains(
            "gonghui_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"
        ),
        "{}",
        r.text
    );
    assert!(
        r.text
            .contains("gonghui_http_request_duration_seconds_bucket"),
        "{}",
        r.text
    );
    assert!(
        r.text
            .contains("gonghui_db_pool_connections{state=\"max\"}"),
        "{}",
        r.text
    );
}

async fn readyz_is_503_when_the_database_is_gone(backend: Backend) {
    let app = TestApp::spawn_with(backend, |_| {}).await;
    // Point a second server at a database that does not exist.
    let bad_url = match backend {
        Backend::Sqlite => "sqlite:///nonexistent-dir-for-gonghui/x.db".to_owned(),
        Backend::Postgres => "postgres://postgres@127.0.0.1:5432/gh_no_such_database".to_owned(),
    };
    let pool = diesel::r2d2::Pool::builder()
        .max_size(1)
        .min_idle(Some(0))
        .connection_timeout(std::time::Duration::from_millis(500))
        .build_unchecked(gonghui_api::db::Manager::for_url(&bad_url));
    let state = gonghui_api::state::AppState::new(gonghui_tests::harness::settings(&bad_url), pool)
        .unwrap_or_else(|e| panic!("{e}"));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    let server = gonghui_api::startup::run(listener, state).unwrap_or_else(|e| panic!("{e}"));
    let handle = server.handle();
    tokio::spawn(server);
    let r = app
        .send(app.http.get(format!("http://127.0.0.1:{port}/readyz")))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (503, "service_unavailable"),
        "{}",
        r.text
    );
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/problem+json")
    );
    handle.stop(false).await;
}

async fn every_response_carries_a_request_id_and_problems_repeat_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let r = app
        .send(app.request(Method::GET, "/api/v1/no-such-thing", None))
        .await;
    assert_eq!((r.status, r.code()), (404, "not_found"));
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/problem+json")
    );
    // A known path with the wrong method is a 405 naming the methods it takes.
    for (method, path, allow) in [
        (Method::PUT, "/api/v1/members", "GET, POST"),
        (
            Method::DELETE,
            "/api/v1/organisations/some-id",
            "GET, PATCH",
        ),
        (Method::PATCH, "/api/v1/members/some-id/reveal", "POST"),
    ] {
        let r = app.send(app.request(method.clone(), path, None)).await;
        assert_eq!(
            (r.status, r.code()),
            (405, "method_not_allowed"),
            "{method} {path}: {}",
            r.text
        );
        assert_eq!(r.header("allow").as_deref(), Some(allow), "{method} {path}");
    }
    let id = r.header("x-request-id").unwrap_or_default();
    assert!(!id.is_empty());
    assert_eq!(r.body["request_id"].as_str(), Some(id.as_str()));
    // A client's own id is kept.
    let r = app
        .send(
            app.request(Method::GET, "/healthz", None)
                .header("x-request-id", "client-abc-123"),
        )
        .await;
    assert_eq!(r.header("x-request-id").as_deref(), Some("client-abc-123"));
    // One that is not plain is replaced.
    let r = app
        .send(
            app.request(Method::GET, "/healthz", None)
                .header("x-request-id", "bad id with spaces"),
        )
        .await;
    assert_ne!(
        r.header("x-request-id").as_deref(),
        Some("bad id with spaces")
    );
}

async fn bad_bodies_get_problem_json_never_500(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let post = |body: &'static str, ct: &'static str| {
        app.request(Method::POST, "/api/v1/organisations", Some(&token))
            .header("content-type", ct)
            .body(body)
    };
    let r = app.send(post("{not json", "application/json")).await;
    assert_eq!((r.status, r.code()), (400, "malformed_json"), "{}", r.text);
    let r = app.send(post("{}", "text/plain")).await;
    assert_eq!(
        (r.status, r.code()),
        (415, "unsupported_media_type"),
        "{}",
        r.text
    );
    let r = app
        .send(post(
            r#"{"parent_id":"x","name":"a","kind":"enterprise_union","is_admin":true}"#,
            "application/json",
        ))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (422, "validation_failed"),
        "{}",
        r.text
    );
    assert_eq!(r.fields(), vec!["is_admin"]);
    assert_eq!(r.body["errors"][0]["code"].as_str(), Some("unknown_field"));
    let r = app
        .send(post(
            r#"{"parent_id":"x","kind":"enterprise_union"}"#,
            "application/json",
        ))
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["name".to_owned()]),
        "{}",
        r.text
    );
    let r = app
        .send(post(
            r#"{"parent_id":"x","name":"a","kind":"enterprise_union","headcount":"many"}"#,
            "application/json",
        ))
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["headcount".to_owned()]),
        "{}",
        r.text
    );
    let huge = format!(
        r#"{{"parent_id":"x","name":"{}","kind":"enterprise_union"}}"#,
        "a".repeat(70 * 1024)
    );
    let r = app
        .send(
            app.request(Method::POST, "/api/v1/organisations", Some(&token))
                .header("content-type", "application/json")
                .body(huge),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (413, "payload_too_large"),
        "{}",
        r.text
    );
    for r in [
        app.get("/api/v1/organisations?limit=abc", &token).await,
        app.get("/api/v1/organisations?kind=castle", &token).await,
        app.get("/api/v1/organisations?cursor=%25%25%25", &token)
            .await,
    ] {
        assert_eq!(
            (r.status, r.code()),
            (400, "invalid_parameter"),
            "{}",
            r.text
        );
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/problem+json")
        );
    }
    let r = app.get("/api/v1/organisations?limit=0", &token).await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["limit".to_owned()]),
        "{}",
        r.text
    );
}

async fn list_limits_outside_1_to_200_are_refused_and_pages_never_repeat(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("demo-admin").await;
    let r = app.get("/api/v1/organisations?limit=100000", &token).await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["limit".to_owned()]),
        "one rule: outside 1 to 200 is refused"
    );
    let r = app.get("/api/v1/organisations?limit=200", &token).await;
    assert_eq!(r.status, 200);
    let paged = app.all_pages("/api/v1/organisations?limit=7", &token).await;
    let whole = app
        .all_pages("/api/v1/organisations?limit=200", &token)
        .await;
    let ids = |v: &[serde_json::Value]| {
        v.iter()
            .map(|o| o["id"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&paged), ids(&whole));
    let mut unique = ids(&paged);
    unique.dedup();
    assert_eq!(unique.len(), paged.len());
    assert!(
        whole.len() > 40,
        "the demo tree has more than 40 organisations"
    );
}

async fn migrations_run_up_down_and_up_again(backend: Backend) {
    let db = TestDb::create(backend);
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = gonghui_api::db::establish(&url).unwrap_or_else(|e| panic!("{e}"));
        let up = gonghui_api::db::run_migrations(&mut conn).unwrap_or_else(|e| panic!("up: {e}"));
        assert!(!up.is_empty());
        let down = gonghui_api::db::revert_all_migrations(&mut conn)
            .unwrap_or_else(|e| panic!("down: {e}"));
        assert_eq!(down.len(), up.len());
        let again =
            gonghui_api::db::run_migrations(&mut conn).unwrap_or_else(|e| panic!("up again: {e}"));
        assert_eq!(again, up);
        assert!(gonghui_api::db::run_migrations(&mut conn)
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty());
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

async fn replicas_migrating_at_once_take_turns(backend: Backend) {
    let db = TestDb::create(backend);
    let runs: Vec<_> = (0..3)
        .map(|_| {
            let url = db.url.clone();
            std::thread::spawn(move || {
                let mut conn = gonghui_api::db::establish(&url).map_err(|e| e.to_string())?;
                gonghui_api::db::run_migrations(&mut conn).map_err(|e| e.to_string())
            })
        })
        .collect();
    let results: Vec<Result<Vec<String>, String>> = runs
        .into_iter()
        .map(|h| h.join().unwrap_or_else(|_| Err("panicked".to_owned())))
        .collect();
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let appliers = results
        .iter()
        .filter(|r| r.as_ref().is_ok_and(|v| !v.is_empty()))
        .count();
    assert_eq!(
        appliers, 1,
        "exactly one run applies the migrations: {results:?}"
    );
}

async fn idempotency_key_replays_the_first_answer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let parent = app.org_id("南江镇工会").await;
    let body = json!({ "parent_id": parent, "name": "南江县幸福家政服务有限公司工会", "kind": "enterprise_union" });
    let send = |b: &serde_json::Value| {
        app.request(Method::POST, "/api/v1/organisations", Some(&token))
            .header("idempotency-key", "create-xingfu-1")
            .json(b)
    };
    // An error answer is not kept: the corrected request goes through under the same key.
    let bad = json!({ "parent_id": parent, "name": "", "kind": "enterprise_union" });
    let r = app.send(send(&bad)).await;
    assert_eq!(
        (r.status, r.code()),
        (422, "validation_failed"),
        "{}",
        r.text
    );
    let first = app.send(send(&body)).await;
    assert_eq!(first.status, 201, "{}", first.text);
    let again = app.send(send(&body)).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(again.body["id"], first.body["id"]);
    assert_eq!(again.header("location"), first.header("location"));
    let children = app
        .all_pages(&format!("/api/v1/organisations/{parent}/children"), &token)
        .await;
    assert_eq!(
        children
            .iter()
            .filter(|c| c["name"] == "南江县幸福家政服务有限公司工会")
            .count(),
        1
    );
    let other = json!({ "parent_id": parent, "name": "另一个工会", "kind": "enterprise_union" });
    let r = app.send(send(&other)).await;
    assert_eq!(
        (r.status, r.code()),
        (422, "idempotency_key_reused"),
        "{}",
        r.text
    );
    // Keys belong to a caller: another account's same key is a new request.
    let admin = app.login("demo-admin").await;
    let r = app
        .send(
            app.request(Method::POST, "/api/v1/organisations", Some(&admin))
                .header("idempotency-key", "create-xingfu-1")
                .json(&other),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_ne!(r.body["id"], first.body["id"]);
}

async fn cors_admits_only_the_configured_web_app_origins(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.cors_origins = vec!["https://spa.example.org".to_owned()]
    })
    .await;
    let preflight = |origin: &str| {
        app.request(Method::OPTIONS, "/api/v1/organisations", None)
            .header("origin", origin)
            .header("access-control-request-method", "PATCH")
            .header(
                "access-control-request-headers",
                "authorization, if-match, content-type",
            )
    };
    let r = app.send(preflight("https://spa.example.org")).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("https://spa.example.org")
    );
    let r = app.send(preflight("https://evil.example.com")).await;
    assert!(r.header("access-control-allow-origin").is_none());
    let token = app.login("nanjiang-staff").await;
    let r = app
        .send(
            app.request(Method::GET, "/api/v1/me", Some(&token))
                .header("origin", "https://spa.example.org"),
        )
        .await;
    assert_eq!(r.status, 200);
    let exposed = r
        .header("access-control-expose-headers")
        .unwrap_or_default()
        .to_lowercase();
    assert!(
        exposed.contains("etag") && exposed.contains("x-request-id"),
        "{exposed}"
    );
}

both!(
    cors_admits_only_the_configured_web_app_origins,
    healthz_and_readyz_answer_ok_and_metrics_count_requests,
    readyz_is_503_when_the_database_is_gone,
    every_response_carries_a_request_id_and_problems_repeat_it,
    bad_bodies_get_problem_json_never_500,
    list_limits_outside_1_to_200_are_refused_and_pages_never_repeat,
    migrations_run_up_down_and_up_again,
    replicas_migrating_at_once_take_turns,
    idempotency_key_replays_the_first_answer,
);
