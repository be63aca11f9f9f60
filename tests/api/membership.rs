//! The membership life cycle a union records directly, and bulk card issue.

use gonghui_api::domain::card_number;
use gonghui_api::domain::id_number::check_char;
use gonghui_tests::both;
use gonghui_tests::harness::{Backend, TestApp};
use serde_json::{json, Value};

fn id(division: &str, birth: &str, seq: u32) -> String {
    let first17 = format!("{division}{birth}{seq:03}");
    format!("{first17}{}", check_char(first17.as_bytes()).unwrap_or('?'))
}

async fn new_member(
    app: &TestApp,
    token: &str,
    union: &str,
    name: &str,
    seq: u32,
) -> (String, Value) {
    let body = json!({ "organisation_id": union, "name": name, "id_number": id("511922", "19880101", seq), "joined_on": "2020-01-01" });
    let r = app.post("/api/v1/members", token, &body).await;
    assert_eq!(r.status, 201, "{}", r.text);
    (r.body["id"].as_str().unwrap_or_default().to_owned(), r.body)
}

async fn status_changes_follow_the_rules_and_build_the_history(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let (mid, _) = new_member(&app, &staff, &union, "会籍测试", 501).await;
    let path = format!("/api/v1/members/{mid}/changes");
    let change =
        |c: &str, on: &str| json!({ "change": c, "effective_on": on, "reason": "测试原因" });
    let r = app
        .post_if(&path, &staff, "\"1\"", &change("retain", "2024-03-01"))
        .await;
    assert_eq!(
        (r.status, r.body["status"].as_str()),
        (200, Some("retained")),
        "{}",
        r.text
    );
    assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
    let r = app
        .post_if(&path, &staff, "\"2\"", &change("suspend", "2024-04-01"))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (409, "member_status_not_allowed"),
        "retained members cannot be suspended: {}",
        r.text
    );
    let r = app
        .post_if(&path, &staff, "\"2\"", &change("restore", "2024-05-01"))
        .await;
    assert_eq!(r.body["status"].as_str(), Some("active"));
    let r = app
        .post_if(&path, &staff, "\"3\"", &change("leave", "2024-06-01"))
        .await;
    assert_eq!(r.body["status"].as_str(), Some("left"));
    let r = app
        .post_if(&path, &staff, "\"4\"", &change("restore", "2024-07-01"))
        .await;
    assert_eq!(r.status, 409, "rejoining is an application, not a restore");
    let h = app
        .get(&format!("/api/v1/members/{mid}/history"), &staff)
        .await;
    let kinds: Vec<&str> = h.body["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["change"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(kinds, ["join", "retain", "restore", "leave"]);
    assert_eq!(h.body["items"][1]["reason"].as_str(), Some("测试原因"));
}

async fn bad_changes_are_refused_before_anything_is_written(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let union = app.org_id("四川光雾山米业有限公司工会").await;
    let (mid, _) = new_member(&app, &staff, &union, "会籍校验", 502).await;
    let path = format!("/api/v1/members/{mid}/changes");
    for (body, field) in [
        (
            json!({ "change": "transfer_out", "effective_on": "2024-01-01", "reason": "x" }),
            "change",
        ),
        (
            json!({ "change": "leave", "effective_on": "2999-01-01", "reason": "x" }),
            "effective_on",
        ),
        (
            json!({ "change": "leave", "effective_on": "2019-01-01", "reason": "x" }),
            "effective_on",
        ),
        (
            json!({ "change": "leave", "effective_on": "2024-01-01", "reason": " " }),
            "reason",
        ),
    ] {
        let r = app.post_if(&path, &staff, "\"1\"", &body).await;
        assert_eq!(
            (r.status, r.fields()),
            (422, vec![field.to_owned()]),
            "{body}: {}",
            r.text
        );
    }
    assert_eq!(
        app.post_if(
            &path,
            &staff,
            "\"7\"",
            &json!({ "change": "leave", "effective_on": "2024-01-01", "reason": "x" })
        )
        .await
        .status,
        412
    );
    let huayuan = app.login("huayuan-staff").await;
    assert_eq!(
        app.post_if(
            &path,
            &huayuan,
            "\"1\"",
            &json!({ "change": "leave", "effective_on": "2024-01-01", "reason": "x" })
        )
        .await
        .status,
        404
    );
    let (m, etag) = {
        let r = app.get(&format!("/api/v1/members/{mid}"), &staff).await;
        (r.body.clone(), r.header("etag").unwrap_or_default())
    };
    assert_eq!(
        (m["status"].as_str(), etag.as_str()),
        (Some("active"), "\"1\"")
    );
    let h = app
        .get(&format!("/api/v1/members/{mid}/history"), &staff)
        .await;
    assert_eq!(h.body["items"].as_array().map(Vec::len), Some(1));
}

async fn cards_are_issued_once_unique_and_well_formed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let town = app.org_id("南江镇工会").await;
    let rice = app.org_id("四川光雾山米业有限公司工会").await;
    let (left_id, _) = new_member(&app, &staff, &rice, "已退会", 503).await;
    let r = app
        .post_if(
            &format!("/api/v1/members/{left_id}/changes"),
            &staff,
            "\"1\"",
            &json!({ "change": "leave", "effective_on": "2024-01-01", "reason": "离职" }),
        )
        .await;
    assert_eq!(r.status, 200);
    let active_in_town = app
        .all_pages(
            &format!("/api/v1/members?organisation_id={town}&status=active"),
            &staff,
        )
        .await
        .len() as i64;
    let r = app
        .post(
            "/api/v1/members/cards",
            &staff,
            &json!({ "organisation_id": town }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["issued"].as_i64(), Some(active_in_town));
    assert_eq!(
        r.body["first_card_number"].as_str(),
        Some("GH511922000000015")
    );
    let members = app
        .all_pages(&format!("/api/v1/members?organisation_id={town}"), &staff)
        .await;
    let mut cards: Vec<String> = members
        .iter()
        .filter_map(|m| m["card_number"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        cards.len() as i64,
        active_in_town,
        "members who left get no card"
    );
    assert!(cards.iter().all(|c| card_number::is_valid(c)), "{cards:?}");
    cards.sort();
    cards.dedup();
    assert_eq!(cards.len() as i64, active_in_town);
    // Nothing left to issue; a new member gets the next serial, never a reused one.
    let again = app
        .post(
            "/api/v1/members/cards",
            &staff,
            &json!({ "organisation_id": town }),
        )
        .await;
    assert_eq!(again.body["issued"].as_i64(), Some(0));
    new_member(&app, &staff, &rice, "新会员", 504).await;
    let next = app
        .post(
            "/api/v1/members/cards",
            &staff,
            &json!({ "organisation_id": rice }),
        )
        .await;
    let expected = card_number::format("511922", active_in_town + 1).unwrap_or_default();
    assert_eq!(
        next.body["first_card_number"].as_str(),
        Some(expected.as_str()),
        "{}",
        next.text
    );
    let found = app
        .all_pages(&format!("/api/v1/members?card_number={expected}"), &staff)
        .await;
    assert_eq!(found.len(), 1);
    // Outside the scope: unknown organisation.
    let huayuan = app.org_id("花垣县总工会").await;
    let r = app
        .post(
            "/api/v1/members/cards",
            &staff,
            &json!({ "organisation_id": huayuan }),
        )
        .await;
    assert_eq!(
        (r.status, r.fields()),
        (422, vec!["organisation_id".to_owned()])
    );
    let admin = app.login("demo-admin").await;
    let ev = app
        .get(
            &format!("/api/v1/audit-events?action=member_cards.issue&resource_id={town}"),
            &admin,
        )
        .await;
    assert_eq!(
        ev.body["items"][0]["changes"]["issued"].as_i64(),
        Some(active_in_town),
        "{}",
        ev.text
    );
}

async fn concurrent_issues_in_one_division_never_share_a_number(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let staff = app.login("nanjiang-staff").await;
    let unions = [
        app.org_id("四川光雾山米业有限公司工会").await,
        app.org_id("南江县南慧建材有限公司工会").await,
        app.org_id("南磷路社区工会").await,
    ];
    let tasks: Vec<_> = unions
        .iter()
        .map(|u| {
            let (http, base, token, u) =
                (app.http.clone(), app.base.clone(), staff.clone(), u.clone());
            tokio::spawn(async move {
                http.post(format!("{base}/api/v1/members/cards"))
                    .bearer_auth(token)
                    .json(&json!({ "organisation_id": u }))
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            })
        })
        .collect();
    for t in tasks {
        let status = t.await.ok().and_then(Result::ok);
        assert_eq!(status, Some(200));
    }
    let town = app.org_id("南江镇工会").await;
    let members = app
        .all_pages(&format!("/api/v1/members?organisation_id={town}"), &staff)
        .await;
    let mut cards: Vec<String> = members
        .iter()
        .filter_map(|m| m["card_number"].as_str().map(str::to_owned))
        .collect();
    let n = cards.len();
    assert_eq!(n, members.len());
    cards.sort();
    cards.dedup();
    assert_eq!(cards.len(), n, "no number issued twice");
    assert!(cards.iter().all(|c| card_number::is_valid(c)));
}

both!(
    concurrent_issues_in_one_division_never_share_a_number,
    status_changes_follow_the_rules_and_build_the_history,
    bad_changes_are_refused_before_anything_is_written,
    cards_are_issued_once_unique_and_well_formed,
);
