//! Scope isolation: a 南江县总工会 account never sees or changes anything outside 南江's subtree, on every
//! endpoint. Outside rows answer 404 (never 403: their existence is not revealed) and never appear in lists.

use gonghui_tests::both;
use gonghui_tests::harness::{Backend, TestApp};
use serde_json::json;

async fn every_organisation_endpoint_hides_what_lies_outside_the_scope(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let outside = app.org_id("花垣县总工会").await;
    let above = app.org_id("巴中市总工会").await;
    let inside = app.org_id("南江镇工会").await;
    for id in [&outside, &above] {
        for path in [
            format!("/api/v1/organisations/{id}"),
            format!("/api/v1/organisations/{id}/children"),
            format!("/api/v1/organisations/{id}/ancestors"),
            format!("/api/v1/organisations/{id}/tree"),
        ] {
            let r = app.get(&path, &token).await;
            assert_eq!(
                (r.status, r.code()),
                (404, "not_found"),
                "GET {path}: {}",
                r.text
            );
        }
        let r = app
            .patch(
                &format!("/api/v1/organisations/{id}"),
                &token,
                "\"1\"",
                &json!({ "address": "x" }),
            )
            .await;
        assert_eq!(r.status, 404, "PATCH: {}", r.text);
        for action in ["archive", "restore"] {
            let r = app
                .post_if(
                    &format!("/api/v1/organisations/{id}/{action}"),
                    &token,
                    "\"1\"",
                    &json!({}),
                )
                .await;
            assert_eq!(r.status, 404, "{action}: {}", r.text);
        }
        let r = app
            .post_if(
                &format!("/api/v1/organisations/{id}/move"),
                &token,
                "\"1\"",
                &json!({ "parent_id": inside }),
            )
            .await;
        assert_eq!(r.status, 404, "move: {}", r.text);
        // Outside parents are unknown parents.
        let r = app
            .post(
                "/api/v1/organisations",
                &token,
                &json!({ "parent_id": id, "name": "越界工会", "kind": "township_union" }),
            )
            .await;
        assert_eq!(
            (r.status, r.fields()),
            (422, vec!["parent_id".to_owned()]),
            "{}",
            r.text
        );
    }
    // Moving something inside to a parent outside is refused the same way.
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let (_, etag) = app.org(&union, &token).await;
    let huayuan_town = app.org_id("花垣镇工会").await;
    let r = app
        .post_if(
            &format!("/api/v1/organisations/{union}/move"),
            &token,
            &etag,
            &json!({ "parent_id": huayuan_town }),
        )
        .await;
    assert_eq!((r.status, r.fields()), (422, vec!["parent_id".to_owned()]));
    // Nothing was changed outside.
    let admin = app.login("demo-admin").await;
    let (h, etag) = app.org(&outside, &admin).await;
    assert_eq!(
        (etag.as_str(), h["address"].clone()),
        ("\"1\"", serde_json::Value::Null)
    );
}

async fn lists_never_include_rows_outside_the_scope(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let nanjiang = app.org_id("南江县总工会").await;
    let outside = app.org_id("花垣县总工会").await;
    let all = app.all_pages("/api/v1/organisations?limit=3", &token).await;
    assert_eq!(all.len(), 22, "南江 and its 21 descendants");
    let inside_ids = app
        .all_pages(
            &format!("/api/v1/organisations?subtree_of={nanjiang}"),
            &token,
        )
        .await;
    assert_eq!(inside_ids.len(), all.len());
    for q in [
        format!("/api/v1/organisations?subtree_of={outside}"),
        format!("/api/v1/organisations?parent_id={outside}"),
        "/api/v1/organisations?q=%E8%8A%B1%E5%9E%A3".to_owned(), // 花垣
        "/api/v1/organisations?kind=provincial_federation".to_owned(),
        "/api/v1/organisations?division_code=433124".to_owned(),
    ] {
        assert!(app.all_pages(&q, &token).await.is_empty(), "{q}");
    }
    // The same from the other side: 花垣 sees none of 南江.
    let huayuan = app.login("huayuan-staff").await;
    let theirs = app.all_pages("/api/v1/organisations", &huayuan).await;
    assert!(!theirs.is_empty());
    assert!(theirs
        .iter()
        .all(|o| !o["name"].as_str().unwrap_or_default().contains("南江")));
}

async fn accounts_and_audit_events_are_scoped_too(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let accounts = app.all_pages("/api/v1/accounts", &staff).await;
    let mut names: Vec<&str> = accounts
        .iter()
        .filter_map(|a| a["username"].as_str())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "demo-integration",
            "nanjiang-adviser",
            "nanjiang-member",
            "nanjiang-officer",
            "nanjiang-staff"
        ]
    );
    let admin = app.login("demo-admin").await;
    let everyone = app.all_pages("/api/v1/accounts", &admin).await;
    let huayuan_staff = everyone
        .iter()
        .find(|a| a["username"] == "huayuan-staff")
        .cloned()
        .unwrap_or_default();
    let hid = huayuan_staff["id"].as_str().unwrap_or_default();
    assert_eq!(
        app.get(&format!("/api/v1/accounts/{hid}"), &staff)
            .await
            .status,
        404
    );
    let r = app
        .patch(
            &format!("/api/v1/accounts/{hid}"),
            &staff,
            "\"1\"",
            &json!({ "disabled": true }),
        )
        .await;
    assert_eq!(r.status, 404);
    let outside = app.org_id("花垣县总工会").await;
    let r = app
        .post("/api/v1/accounts", &staff, &json!({ "username": "sneaky", "display_name": "x", "role": "union_officer", "organisation_id": outside, "password": "Sneaky-pass-2026" }))
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["organisation_id".to_owned()])
    );
    // A 南江 admin's audit log holds 南江's events only.
    let nanjiang = app.org_id("南江县总工会").await;
    let r = app
        .post("/api/v1/accounts", &admin, &json!({ "username": "nanjiang-admin", "display_name": "南江管理员", "role": "admin", "organisation_id": nanjiang, "password": "Nanjiang-admin-2026" }))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let local_admin = app
        .login_reply("nanjiang-admin", "Nanjiang-admin-2026")
        .await;
    let local = local_admin.body["access_token"]
        .as_str()
        .unwrap_or_default();
    let events = app.all_pages("/api/v1/audit-events?limit=200", local).await;
    assert!(!events.is_empty());
    assert!(events
        .iter()
        .all(|e| e["organisation_id"] != outside.as_str()));
    let huayuan_events = app
        .all_pages(
            &format!("/api/v1/audit-events?resource_id={outside}"),
            local,
        )
        .await;
    assert!(huayuan_events.is_empty());
    assert!(!app
        .all_pages(
            &format!("/api/v1/audit-events?resource_id={outside}"),
            &admin
        )
        .await
        .is_empty());
}

both!(
    every_organisation_endpoint_hides_what_lies_outside_the_scope,
    lists_never_include_rows_outside_the_scope,
    accounts_and_audit_events_are_scoped_too,
);
