//! The audit log: admins only, filtered, newest first, one row per write in the write's transaction.

use gonghui_tests::both;
use gonghui_tests::harness::{Backend, TestApp};
use serde_json::json;

async fn only_admins_read_the_audit_log_and_filters_apply(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    assert_eq!(app.get("/api/v1/audit-events", &staff).await.status, 403);
    let admin = app.login("demo-admin").await;
    let town = app.org_id("南江镇工会").await;
    for name in ["甲工会", "乙工会", "丙工会"] {
        let r = app
            .post(
                "/api/v1/organisations",
                &staff,
                &json!({ "parent_id": town, "name": name, "kind": "enterprise_union" }),
            )
            .await;
        assert_eq!(r.status, 201);
    }
    let creates = app
        .all_pages(
            "/api/v1/audit-events?action=organisation.create&resource_type=organisation&limit=2",
            &admin,
        )
        .await;
    let by_staff: Vec<&serde_json::Value> = creates
        .iter()
        .filter(|e| e["actor_username"] == "nanjiang-staff")
        .collect();
    assert_eq!(by_staff.len(), 3);
    assert_eq!(
        by_staff[0]["changes"]["name"]["to"].as_str(),
        Some("丙工会"),
        "newest first"
    );
    let me = app.get("/api/v1/me", &staff).await;
    let staff_id = me.body["id"].as_str().unwrap_or_default();
    let mine = app
        .all_pages(&format!("/api/v1/audit-events?actor_id={staff_id}"), &admin)
        .await;
    assert_eq!(
        mine.iter()
            .filter(|e| e["action"] == "organisation.create")
            .count(),
        3
    );
    assert!(mine.iter().any(|e| e["action"] == "account.login"));
    let future = app
        .all_pages("/api/v1/audit-events?from=2999-01-01T00:00:00Z", &admin)
        .await;
    assert!(future.is_empty());
    let r = app.get("/api/v1/audit-events?from=yesterday", &admin).await;
    assert_eq!(r.status, 400);
}

async fn a_failed_write_leaves_no_audit_row_and_no_change(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let admin = app.login("demo-admin").await;
    let before = app
        .all_pages("/api/v1/audit-events?limit=200", &admin)
        .await
        .len();
    let town = app.org_id("南江镇工会").await;
    let r = app
        .post(
            "/api/v1/organisations",
            &staff,
            &json!({ "parent_id": town, "name": "x", "kind": "city_federation" }),
        )
        .await;
    assert_eq!(r.status, 422);
    let (_, etag) = app.org(&town, &staff).await;
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{town}/archive"),
            &staff,
            &etag,
            &json!({}),
        )
        .await;
    assert_eq!(r.status, 409);
    let after = app
        .all_pages("/api/v1/audit-events?limit=200", &admin)
        .await;
    // The refused writes left nothing behind.
    assert_eq!(
        after.len(),
        before,
        "{:?}",
        after.iter().take(3).collect::<Vec<_>>()
    );
    let (t, etag2) = app.org(&town, &staff).await;
    assert_eq!((t["status"].as_str(), etag2), (Some("active"), etag));
}

both!(
    only_admins_read_the_audit_log_and_filters_apply,
    a_failed_write_leaves_no_audit_row_and_no_change
);
