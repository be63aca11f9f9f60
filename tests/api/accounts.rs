//! Accounts: creation within scope and rank, integration secrets and scopes, updates, the audit trail.

use gonghui_tests::both;
use gonghui_tests::harness::{Backend, TestApp};
use reqwest::Method;
use serde_json::json;

async fn staff_create_accounts_below_them_but_never_above(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let union = app.org_id("南江县南慧建材有限公司工会").await;
    let body = |role: &str, username: &str| json!({ "username": username, "display_name": "南慧建材工会 刘洋", "role": role, "organisation_id": union, "password": "Nanhui-pass-2026" });
    let r = app
        .post(
            "/api/v1/accounts",
            &staff,
            &body("union_officer", "Nanhui.Officer"),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["username"].as_str(), Some("nanhui.officer"));
    assert_eq!(
        r.body["organisation_name"].as_str(),
        Some("南江县南慧建材有限公司工会")
    );
    assert!(r.body["client_secret"].is_null());
    assert!(
        r.text.find("password").is_none(),
        "no password or hash in the answer"
    );
    assert_eq!(
        app.login_reply("nanhui.officer", "Nanhui-pass-2026")
            .await
            .status,
        200
    );
    let r = app
        .post("/api/v1/accounts", &staff, &body("admin", "nanhui-admin"))
        .await;
    assert_eq!((r.status, r.code()), (403, "forbidden"));
    let r = app
        .post(
            "/api/v1/accounts",
            &staff,
            &body("union_officer", "nanhui.officer"),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "username_taken"));
    let r = app
        .post("/api/v1/accounts", &staff, &json!({ "username": "x", "display_name": "", "role": "member", "organisation_id": union, "password": "short" }))
        .await;
    let mut fields = r.fields();
    fields.sort();
    assert_eq!(
        (r.status, fields),
        (
            422,
            vec![
                "display_name".to_owned(),
                "password".to_owned(),
                "username".to_owned()
            ]
        )
    );
    let officer = app.login("nanjiang-officer").await;
    assert_eq!(
        app.post("/api/v1/accounts", &officer, &body("member", "m1"))
            .await
            .status,
        403
    );
}

async fn integration_accounts_get_a_secret_once_and_scopes_within_the_granter(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let county = app.org_id("南江县总工会").await;
    let r = app
        .post("/api/v1/accounts", &staff, &json!({ "username": "hr-sync", "display_name": "人事系统", "role": "integration", "organisation_id": county, "scopes": ["organisations:read", "audit:read"] }))
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["scopes".to_owned()]),
        "staff do not hold audit:read: {}",
        r.text
    );
    let r = app
        .post("/api/v1/accounts", &staff, &json!({ "username": "hr-sync", "display_name": "人事系统", "role": "integration", "organisation_id": county, "scopes": ["organisations:read", "organisations:write"] }))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let secret = r.body["client_secret"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(secret.starts_with("ghs_"));
    assert_eq!(
        r.body["scopes"],
        json!(["organisations:read", "organisations:write"])
    );
    let id = r.body["id"].as_str().unwrap_or_default().to_owned();
    let again = app.get(&format!("/api/v1/accounts/{id}"), &staff).await;
    assert!(again.body.get("client_secret").is_none());
    let token = app
        .send(app.request(Method::POST, "/api/v1/auth/token", None).json(&json!({ "grant_type": "client_credentials", "client_id": "hr-sync", "client_secret": secret })))
        .await;
    assert_eq!(token.status, 200, "{}", token.text);
    let t = token.body["access_token"].as_str().unwrap_or_default();
    let town = app.org_id("沙河镇工会").await;
    let r = app
        .post(
            "/api/v1/organisations",
            t,
            &json!({ "parent_id": town, "name": "沙河镇农业合作社工会", "kind": "joint_union" }),
        )
        .await;
    assert_eq!(
        r.status, 201,
        "organisations:write lets the integration create: {}",
        r.text
    );
}

async fn updates_change_role_home_and_password_and_end_sessions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let all = app.all_pages("/api/v1/accounts?q=officer", &staff).await;
    assert_eq!(all.len(), 1);
    let id = all[0]["id"].as_str().unwrap_or_default().to_owned();
    let path = format!("/api/v1/accounts/{id}");
    let before = app
        .login_reply("nanjiang-officer", gonghui_tests::harness::PASSWORD)
        .await;
    let r = app
        .patch(&path, &staff, "\"1\"", &json!({ "role": "admin" }))
        .await;
    assert_eq!(r.status, 403);
    let town = app.org_id("南江镇工会").await;
    let r = app.patch(&path, &staff, "\"1\"", &json!({ "organisation_id": town, "display_name": "南江镇工会 李芳", "password": "Officer-new-2026" })).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["organisation_name"].as_str(), Some("南江镇工会"));
    assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
    let refresh = before.body["refresh_token"].as_str().unwrap_or_default();
    let r2 = app
        .send(
            app.request(Method::POST, "/api/v1/auth/refresh", None)
                .json(&json!({ "refresh_token": refresh })),
        )
        .await;
    assert_eq!(r2.status, 401, "a password reset ends sessions");
    assert_eq!(
        app.login_reply("nanjiang-officer", "Officer-new-2026")
            .await
            .status,
        200
    );
    let r = app
        .patch(&path, &staff, "\"1\"", &json!({ "display_name": "stale" }))
        .await;
    assert_eq!(r.status, 412);
    // One cannot lock oneself out.
    let me = app.get("/api/v1/me", &staff).await;
    let my = me.body["id"].as_str().unwrap_or_default();
    let r = app
        .patch(
            &format!("/api/v1/accounts/{my}"),
            &staff,
            "\"1\"",
            &json!({ "disabled": true }),
        )
        .await;
    assert_eq!(r.status, 403);
    let admin = app.login("demo-admin").await;
    let ev = app
        .get(
            &format!("/api/v1/audit-events?resource_id={id}&action=account.update"),
            &admin,
        )
        .await;
    let changes = &ev.body["items"][0]["changes"];
    assert_eq!(
        changes["display_name"]["to"].as_str(),
        Some("南江镇工会 李芳"),
        "{}",
        ev.text
    );
    assert!(changes["password"].is_object());
    assert!(
        !ev.text.contains("Officer-new-2026") && !ev.text.contains("argon2"),
        "no secret in the audit log"
    );
}

both!(
    staff_create_accounts_below_them_but_never_above,
    integration_accounts_get_a_secret_once_and_scopes_within_the_granter,
    updates_change_role_home_and_password_and_end_sessions,
);
