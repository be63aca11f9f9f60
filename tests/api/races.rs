//! Races: concurrent writers with the same `If-Match`, concurrent creates of one username.
//! Exactly one wins; the others get a clear error, never a 500 and never a lost update.

use gonghui_tests::both;
use gonghui_tests::harness::{join_all, Backend, TestApp};
use serde_json::json;

async fn concurrent_patches_with_one_etag_let_exactly_one_through(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let id = app.org_id("南江县南慧建材有限公司工会").await;
    let (_, etag) = app.org(&id, &token).await;
    let path = format!("/api/v1/organisations/{id}");
    let attempts = (0..8).map(|i| {
        let (app, token, etag, path) = (&app, &token, &etag, &path);
        async move {
            app.patch(
                path,
                token,
                etag,
                &json!({ "address": format!("地址 {i}") }),
            )
            .await
        }
    });
    let replies = join_all(attempts).await;
    let ok = replies.iter().filter(|r| r.status == 200).count();
    let stale = replies.iter().filter(|r| r.status == 412).count();
    assert_eq!(
        (ok, stale),
        (1, 7),
        "{:?}",
        replies
            .iter()
            .map(|r| (r.status, r.text.clone()))
            .collect::<Vec<_>>()
    );
    let (now, etag) = app.org(&id, &token).await;
    assert_eq!(etag, "\"2\"");
    let winner = replies
        .iter()
        .find(|r| r.status == 200)
        .map(|r| r.body["address"].clone())
        .unwrap_or_default();
    assert_eq!(now["address"], winner);
}

async fn concurrent_creates_of_one_username_make_one_account(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.login("nanjiang-staff").await;
    let union = app.org_id("南江县南慧建材有限公司工会").await;
    let attempts = (0..6).map(|_| {
        let (app, token, union) = (&app, &token, &union);
        async move {
            app.post(
                "/api/v1/accounts",
                token,
                &json!({ "username": "same-name", "display_name": "x", "role": "member", "organisation_id": union, "password": "Same-name-2026" }),
            )
            .await
        }
    });
    let replies = join_all(attempts).await;
    let created = replies.iter().filter(|r| r.status == 201).count();
    let taken = replies
        .iter()
        .filter(|r| r.status == 409 && r.code() == "username_taken")
        .count();
    assert_eq!(
        (created, taken),
        (1, 5),
        "{:?}",
        replies
            .iter()
            .map(|r| (r.status, r.text.clone()))
            .collect::<Vec<_>>()
    );
}

both!(
    concurrent_patches_with_one_etag_let_exactly_one_through,
    concurrent_creates_of_one_username_make_one_account
);
