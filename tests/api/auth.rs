//! Logins, refresh rotation and reuse detection, throttling, token validation, integration tokens.

use gonghui_tests::both;
use gonghui_tests::harness::{Backend, TestApp, JWT_SECRET, PASSWORD};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use reqwest::Method;
use serde_json::json;

async fn login_returns_bearer_tokens_and_me_describes_the_caller(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let r = app.login_reply("NanJiang-Staff", PASSWORD).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["token_type"].as_str(), Some("Bearer"));
    assert_eq!(r.body["expires_in"].as_i64(), Some(900));
    assert!(r.body["refresh_token"]
        .as_str()
        .is_some_and(|t| t.len() > 40));
    let token = r.body["access_token"].as_str().unwrap_or_default();
    let me = app.get("/api/v1/me", token).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["username"].as_str(), Some("nanjiang-staff"));
    assert_eq!(me.body["role"].as_str(), Some("federation_staff"));
    assert_eq!(me.body["organisation_name"].as_str(), Some("南江县总工会"));
    assert_eq!(
        me.body["organisation_id"].as_str(),
        Some(app.org_id("南江县总工会").await.as_str())
    );
    assert!(me.body["permissions"]
        .as_array()
        .is_some_and(|p| p.contains(&json!("organisations:write"))));
}

async fn unknown_user_and_wrong_password_get_the_same_answer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let wrong = app.login_reply("nanjiang-staff", "Wrong-pass-2026").await;
    let unknown = app.login_reply("nobody-at-all", "Wrong-pass-2026").await;
    assert_eq!((wrong.status, wrong.code()), (401, "invalid_credentials"));
    assert_eq!(
        (unknown.status, unknown.code()),
        (401, "invalid_credentials")
    );
    assert_eq!(wrong.body["detail"], unknown.body["detail"]);
    assert_eq!(wrong.body["title"], unknown.body["title"]);
    // Integrations cannot use the password login.
    let r = app.login_reply("demo-integration", PASSWORD).await;
    assert_eq!((r.status, r.code()), (401, "invalid_credentials"));
}

async fn repeated_failures_are_throttled_with_retry_after(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for _ in 0..5 {
        let r = app.login_reply("huayuan-staff", "Wrong-pass-2026").await;
        assert_eq!(r.status, 401);
    }
    let r = app.login_reply("huayuan-staff", PASSWORD).await;
    assert_eq!(
        (r.status, r.code()),
        (429, "too_many_requests"),
        "{}",
        r.text
    );
    let retry: u64 = r
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .unwrap_or_default();
    assert!(retry > 0 && retry <= 900, "{retry}");
    // The same client address is throttled for other accounts too.
    let r = app.login_reply("nanjiang-staff", PASSWORD).await;
    assert_eq!(r.status, 429);
}

async fn the_throttle_trusts_only_the_address_the_proxy_saw(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.trust_forwarded_for = true).await;
    let attempt = |forwarded: String| {
        app.request(Method::POST, "/api/v1/auth/login", None)
            .header("x-forwarded-for", forwarded)
            .json(&json!({ "username": format!("user-{}", uuid::Uuid::now_v7()), "password": "Wrong-pass-2026" }))
    };
    // The client forges a new left-hand entry each time; the proxy appends the real address last.
    for i in 0..5 {
        let r = app.send(attempt(format!("10.0.0.{i}, 203.0.113.7"))).await;
        assert_eq!(r.status, 401);
    }
    let r = app.send(attempt("10.9.9.9, 203.0.113.7".to_owned())).await;
    assert_eq!(
        (r.status, r.code()),
        (429, "too_many_requests"),
        "forged entries must not reset the count"
    );
    let r = app.send(attempt("203.0.113.8".to_owned())).await;
    assert_eq!(r.status, 401, "another real client is not throttled");
}

async fn refresh_rotates_and_a_reused_token_revokes_the_family(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let login = app.login_reply("nanjiang-staff", PASSWORD).await;
    let first = login.body["refresh_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let refresh = |t: &str| {
        app.request(Method::POST, "/api/v1/auth/refresh", None)
            .json(&json!({ "refresh_token": t }))
    };
    let r = app.send(refresh(&first)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let second = r.body["refresh_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_ne!(first, second);
    let access = r.body["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(app.get("/api/v1/me", &access).await.status, 200);
    // Replaying the spent token is refused and kills the family, including the newest token.
    let r = app.send(refresh(&first)).await;
    assert_eq!((r.status, r.code()), (401, "invalid_refresh_token"));
    let r = app.send(refresh(&second)).await;
    assert_eq!((r.status, r.code()), (401, "invalid_refresh_token"));
    // A different login is a different family and still works.
    let other = app.login_reply("nanjiang-staff", PASSWORD).await;
    let r = app
        .send(refresh(
            other.body["refresh_token"].as_str().unwrap_or_default(),
        ))
        .await;
    assert_eq!(r.status, 200);
    // An access token is not a refresh token.
    let r = app.send(refresh(&access)).await;
    assert_eq!(r.status, 401);
}

async fn logout_revokes_the_refresh_token(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let login = app.login_reply("nanjiang-staff", PASSWORD).await;
    let token = login.body["refresh_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let r = app
        .send(
            app.request(Method::POST, "/api/v1/auth/logout", None)
                .json(&json!({ "refresh_token": token })),
        )
        .await;
    assert_eq!(r.status, 204);
    let r = app
        .send(
            app.request(Method::POST, "/api/v1/auth/refresh", None)
                .json(&json!({ "refresh_token": token })),
        )
        .await;
    assert_eq!(r.status, 401);
    // Logging out an unknown token tells nothing.
    let r = app
        .send(
            app.request(Method::POST, "/api/v1/auth/logout", None)
                .json(&json!({ "refresh_token": "ghr_nope" })),
        )
        .await;
    assert_eq!(r.status, 204);
}

fn forge(claims: serde_json::Value, alg: Algorithm, secret: &str) -> String {
    encode(
        &Header::new(alg),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap_or_default()
}

async fn bad_tokens_get_401(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let good = app.login("nanjiang-staff").await;
    let me = app.get("/api/v1/me", &good).await;
    let sub = me.body["id"].as_str().unwrap_or_default().to_owned();
    let now = chrono::Utc::now().timestamp();
    let claims = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut c = json!({ "sub": sub, "iss": "gonghui", "aud": "gonghui-api", "exp": now + 600, "nbf": now - 5, "iat": now, "jti": "t", "typ": "access" });
        f(&mut c);
        c
    };
    // The forge itself is right: a well-formed token works.
    assert_eq!(
        app.get(
            "/api/v1/me",
            &forge(claims(&|_| {}), Algorithm::HS256, JWT_SECRET)
        )
        .await
        .status,
        200
    );
    let mut tampered = good.clone();
    let last = tampered
        .pop()
        .map(|c| if c == 'A' { 'B' } else { 'A' })
        .unwrap_or('A');
    tampered.push(last);
    let alg_none = {
        use base64::Engine;
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!(
            "{}.{}.",
            e.encode(r#"{"alg":"none","typ":"JWT"}"#),
            e.encode(claims(&|_| {}).to_string())
        )
    };
    let cases = vec![
        (
            "expired",
            forge(
                claims(&|c| c["exp"] = json!(now - 10)),
                Algorithm::HS256,
                JWT_SECRET,
            ),
        ),
        (
            "not yet valid",
            forge(
                claims(&|c| c["nbf"] = json!(now + 300)),
                Algorithm::HS256,
                JWT_SECRET,
            ),
        ),
        (
            "wrong audience",
            forge(
                claims(&|c| c["aud"] = json!("someone-else")),
                Algorithm::HS256,
                JWT_SECRET,
            ),
        ),
        (
            "wrong issuer",
            forge(
                claims(&|c| c["iss"] = json!("evil")),
                Algorithm::HS256,
                JWT_SECRET,
            ),
        ),
        (
            "no exp",
            forge(
                claims(&|c| {
                    c.as_object_mut().map(|o| o.remove("exp"));
                }),
                Algorithm::HS256,
                JWT_SECRET,
            ),
        ),
        (
            "wrong key",
            forge(
                claims(&|_| {}),
                Algorithm::HS256,
                "another-secret-another-secret-12345",
            ),
        ),
        (
            "other algorithm",
            forge(claims(&|_| {}), Algorithm::HS512, JWT_SECRET),
        ),
        (
            "not an access token",
            forge(
                claims(&|c| c["typ"] = json!("refresh")),
                Algorithm::HS256,
                JWT_SECRET,
            ),
        ),
        (
            "unknown account",
            forge(
                claims(&|c| c["sub"] = json!("no-such-account")),
                Algorithm::HS256,
                JWT_SECRET,
            ),
        ),
        ("tampered", tampered),
        ("alg none", alg_none),
        ("garbage", "not.a.jwt".to_owned()),
    ];
    for (what, token) in cases {
        let r = app.get("/api/v1/me", &token).await;
        assert_eq!(
            (r.status, r.code()),
            (401, "unauthorized"),
            "{what}: {}",
            r.text
        );
        assert_eq!(
            r.header("www-authenticate").as_deref(),
            Some("Bearer"),
            "{what}"
        );
    }
    let r = app.send(app.request(Method::GET, "/api/v1/me", None)).await;
    assert_eq!(r.status, 401);
    let r = app
        .send(
            app.request(Method::GET, "/api/v1/me", None)
                .header("authorization", format!("Basic {good}")),
        )
        .await;
    assert_eq!(r.status, 401);
}

async fn integration_tokens_carry_only_the_granted_scopes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token_req = |secret: &str| {
        app.request(Method::POST, "/api/v1/auth/token", None)
            .json(&json!({ "grant_type": "client_credentials", "client_id": "demo-integration", "client_secret": secret }))
    };
    let r = app.send(token_req("wrong-secret-123")).await;
    assert_eq!((r.status, r.code()), (401, "invalid_credentials"));
    let r = app.send(token_req(PASSWORD)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.body["refresh_token"].is_null());
    assert_eq!(r.body["scope"].as_str(), Some("organisations:read"));
    let token = r.body["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let nanjiang = app.org_id("南江县总工会").await;
    assert_eq!(
        app.get(&format!("/api/v1/organisations/{nanjiang}"), &token)
            .await
            .status,
        200
    );
    let r = app
        .post(
            "/api/v1/organisations",
            &token,
            &json!({ "parent_id": nanjiang, "name": "x", "kind": "township_union" }),
        )
        .await;
    assert_eq!((r.status, r.code()), (403, "forbidden"), "{}", r.text);
    assert_eq!(app.get("/api/v1/accounts", &token).await.status, 403);
    let huayuan = app.org_id("花垣县总工会").await;
    assert_eq!(
        app.get(&format!("/api/v1/organisations/{huayuan}"), &token)
            .await
            .status,
        404
    );
    // A person cannot use the client-credentials grant.
    let r = app
        .send(app.request(Method::POST, "/api/v1/auth/token", None).json(&json!({ "grant_type": "client_credentials", "client_id": "nanjiang-staff", "client_secret": PASSWORD })))
        .await;
    assert_eq!(r.status, 401);
}

async fn a_disabled_account_is_cut_off_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login("demo-admin").await;
    let staff_login = app.login_reply("huayuan-staff", PASSWORD).await;
    let staff = staff_login.body["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let me = app.get("/api/v1/me", &staff).await;
    let id = me.body["id"].as_str().unwrap_or_default().to_owned();
    let acc = app.get(&format!("/api/v1/accounts/{id}"), &admin).await;
    let etag = acc.header("etag").unwrap_or_default();
    let r = app
        .patch(
            &format!("/api/v1/accounts/{id}"),
            &admin,
            &etag,
            &json!({ "disabled": true }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(app.get("/api/v1/me", &staff).await.status, 401);
    assert_eq!(app.login_reply("huayuan-staff", PASSWORD).await.status, 401);
    let refresh = staff_login.body["refresh_token"]
        .as_str()
        .unwrap_or_default();
    let r = app
        .send(
            app.request(Method::POST, "/api/v1/auth/refresh", None)
                .json(&json!({ "refresh_token": refresh })),
        )
        .await;
    assert_eq!(r.status, 401);
}

both!(
    login_returns_bearer_tokens_and_me_describes_the_caller,
    unknown_user_and_wrong_password_get_the_same_answer,
    repeated_failures_are_throttled_with_retry_after,
    the_throttle_trusts_only_the_address_the_proxy_saw,
    refresh_rotates_and_a_reused_token_revokes_the_family,
    logout_revokes_the_refresh_token,
    bad_tokens_get_401,
    integration_tokens_carry_only_the_granted_scopes,
    a_disabled_account_is_cut_off_at_once,
);
